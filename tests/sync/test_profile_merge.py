"""Hypothesis: export profiles edited, created and deleted on several copies merge alike in any order; the copies
then print with the same profile, and a profile changed on both sides is a conflict kept alike."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_desktop.domain.profiles import saved_profile
from ita_desktop.services.documents import load
from ita_desktop.storage.database import Database
from ita_desktop.storage.merge_store import open_conflicts
from ita_desktop.sync.merging import merge_file
from tests.sync.helpers import content, small_document, update
from tests.sync.test_merge_properties import SETTINGS, merged, pcs, vector

COLUMNS = {"ก": [{"key": "outcome", "header": "ผลรับความสำเร็จ", "hidden": False}],
           "ข": [{"key": "timeframe", "header": "", "hidden": True}],
           "ค": [{"key": "measure", "header": "มาตรการ", "hidden": False},
                 {"key": "result", "header": "ผลการดำเนินงาน", "hidden": False}]}
ProfileOp = tuple[str, str]
OPS = st.lists(st.tuples(st.sampled_from(["columns", "date_style", "grouping", "delete", "own"]),
                         st.sampled_from(sorted(COLUMNS))), max_size=4)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = small_document(tmp_path_factory.mktemp("base") / "plan.ita")
    update(path, "profiles", "results-5", {"document": "progress", "layout": 5, "columns": json.dumps(COLUMNS["ก"]),
                                           "grouping": None, "date_style": "short", "show_unreported": 0})
    return path


def edit(path: Path, name: str, ops: list[ProfileOp]) -> None:
    for i, (what, value) in enumerate(ops):
        if what == "columns":
            update(path, "profiles", "results-5", {"columns": json.dumps(COLUMNS[value], ensure_ascii=False)})
        elif what == "date_style":
            update(path, "profiles", "results-5", {"date_style": {"ก": "full", "ข": "thru", "ค": "day"}[value]})
        elif what == "grouping":
            update(path, "profiles", "results-5", {"grouping": {"ก": "tool", "ข": "group", "ค": None}[value]})
        elif what == "delete":
            update(path, "profiles", "results-5", {"deleted": 1})
        else:  # a profile made on this copy alone for the same (document, layout) as another copy's
            update(path, "profiles", f"{name}-plan-{i}", {"document": "plan", "layout": 1, "deleted": 0,
                                                         "columns": json.dumps([{"key": "units", "header": name,
                                                                                "hidden": False}])})


@SETTINGS
@given(a_ops=OPS, b_ops=OPS, c_ops=OPS)
def test_profiles_merge_to_the_same_document_in_any_order(base: Path, a_ops: list[ProfileOp],
                                                          b_ops: list[ProfileOp], c_ops: list[ProfileOp]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a, b, c = pcs(base, folder, "a", "b", "c")
        edit(a, "a", a_ops)
        edit(b, "b", b_ops)
        edit(c, "c", c_ops)
        results = [merged(folder, a, b, c), merged(folder, c, a, b), merged(folder, b, c, a)]
        contents = [content(r) for r in results]
        assert contents[0] == contents[1] == contents[2]
        assert vector(results[0]) == vector(results[1]) == vector(results[2])
        used = [load(r).profiles for r in results]
        for kind, layout in (("progress", 5), ("plan", 1)):
            assert len({repr(saved_profile(p, kind, layout)) for p in used}) == 1
        with Database.open(results[0]) as database:
            assert not merge_file(database, results[1]).plan.changes_content  # merged again: nothing new


def test_columns_changed_on_both_copies_are_a_conflict_kept_alike(base: Path, tmp_path: Path) -> None:
    a, b = pcs(base, tmp_path, "a", "b")
    edit(a, "a", [("columns", "ข")])
    edit(b, "b", [("columns", "ค"), ("date_style", "ก")])
    ab, ba = merged(tmp_path, a, b), merged(tmp_path, b, a)
    assert content(ab) == content(ba)
    with Database.open(ab, read_only=True) as database:
        found = {(c.table, c.row_id, c.field) for c in open_conflicts(database)}
    assert ("profiles", "results-5", "columns") in found
    (profile,) = load(ab).profiles
    assert profile.date_style == "full"  # changed on one side only: taken
