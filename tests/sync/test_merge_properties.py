"""Hypothesis: merging is idempotent, independent of order, three copies agree, deleted rows stay deleted.

The edits cover the fields and the table of schema 3 too (indicators lists, groups, timeframe texts, several
ordered progress entries, the office's own texts), so their stamps, conflicts and tombstones are merged alike.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ita_desktop.domain.model import Measure
from ita_desktop.storage.database import Database
from ita_desktop.storage.merge_store import open_conflicts
from ita_desktop.storage.repositories import DocumentRepository
from ita_desktop.sync.backups import list_backups
from ita_desktop.sync.merging import merge_file
from tests.sync.helpers import content, copy_to, delete_measure, sha, small_document, update

Op = tuple[str, str, str]
OPS = st.lists(st.tuples(st.sampled_from(["m0", "m1", "m2", "new"]),
                         st.sampled_from(["title", "issue", "delete", "indicators", "group_name", "timeframe_text",
                                          "step_timeframe", "entry", "entry_ord", "text", "delete_text"]),
                         st.sampled_from(["ก", "ข", "ค", "มาตรการใหม่"])), max_size=4)
INDICATORS = {"ก": "[]", "ข": "[2, 3]", "ค": "[9]", "มาตรการใหม่": "[1, 10]"}
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = small_document(tmp_path_factory.mktemp("base") / "plan.ita")
    with Database.open(path) as database, database.transaction():
        for m in ("m0", "m1", "m2"):
            database.write_row("progress", f"{m}-base-entry", {
                "measure_id": m, "step_id": f"{m}-s1", "round": 6, "status": "in_progress", "result": "เริ่มแล้ว",
                "ord": 1.0, "evidence_urls": "[]"})
    return path


def edit(path: Path, name: str, ops: list[Op]) -> set[str]:
    """Apply ops on one PC (each its own transaction); returns the measure ids it deleted."""
    deleted = set()
    for i, (target, what, value) in enumerate(ops):
        if target == "new":
            with Database.open(path) as database:
                repo = DocumentRepository(database)
                repo.save_measure(repo.ensure_year(2567), Measure(id=f"{name}-new{i}", indicators=[10], title=value,
                                                                  group=value))
        elif what == "delete":
            delete_measure(path, target)
            deleted.add(target)
        elif what == "indicators":
            update(path, "measures", target, {"indicators": INDICATORS[value]})
        elif what == "step_timeframe":
            update(path, "steps", f"{target}-s1", {"timeframe_text": value})
        elif what == "entry":  # one more entry for step 1 in round 6: several per step, ordered by ord then id
            update(path, "progress", f"{name}-{target}-e{i}", {
                "measure_id": target, "step_id": f"{target}-s1", "round": 6, "status": "done", "result": value,
                "ord": float(i), "evidence_urls": "[]"})
        elif what == "entry_ord":  # the base entry moved: both copies may reorder it differently
            update(path, "progress", f"{target}-base-entry", {"ord": float(10 + len(value) + i)})
        elif what == "text":  # the office's own intro: the same row edited on two PCs is a conflict
            update(path, "texts", "intro-2567", {"year_id": year_of(path), "document": "plan", "round": None,
                                                 "part": "intro", "text": value, "deleted": 0})
        elif what == "delete_text":
            update(path, "texts", "intro-2567", {"deleted": 1})
        else:
            update(path, "measures", target, {what: value})
    return deleted


def year_of(path: Path) -> str:
    with Database.open(path, read_only=True) as database:
        year_id = DocumentRepository(database).year_id(2567)
    assert year_id is not None
    return year_id


def merged(folder: Path, start: Path, *others: Path) -> Path:
    result = copy_to(start, folder / f"{start.parent.name}<-{'<-'.join(o.parent.name for o in others)}.ita")
    for other in others:
        with Database.open(result) as database:
            merge_file(database, other)
    return result


def vector(path: Path) -> dict[str, int]:
    with Database.open(path, read_only=True) as database:
        return database.version_vector()


def pcs(base: Path, folder: Path, *names: str) -> list[Path]:
    return [copy_to(base, folder / name / "plan.ita") for name in names]


@SETTINGS
@given(a_ops=OPS, b_ops=OPS)
def test_two_copies_merge_to_the_same_document_in_either_order_and_again_is_a_no_op(
        base: Path, a_ops: list[Op], b_ops: list[Op]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a, b = pcs(base, folder, "a", "b")
        gone = edit(a, "a", a_ops) | edit(b, "b", b_ops)
        ab, ba = merged(folder, a, b), merged(folder, b, a)
        assert content(ab) == content(ba) and vector(ab) == vector(ba)
        for measure_id in gone:
            assert content(ab)["measures"][measure_id]["deleted"] == 1
        before, backups = sha(ab), len(list_backups(ab))
        with Database.open(ab) as database:
            again = merge_file(database, b)
        assert not again.plan.changes_content and not again.plan.conflicts
        assert sha(ab) == before and len(list_backups(ab)) == backups


@SETTINGS
@given(a_ops=OPS, b_ops=OPS, c_ops=OPS)
def test_three_copies_merged_in_any_order_agree_and_deleted_rows_stay_deleted(
        base: Path, a_ops: list[Op], b_ops: list[Op], c_ops: list[Op]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a, b, c = pcs(base, folder, "a", "b", "c")
        gone = edit(a, "a", a_ops) | edit(b, "b", b_ops) | edit(c, "c", c_ops)
        results = [merged(folder, a, b, c), merged(folder, a, c, b), merged(folder, c, b, a)]
        contents = [content(r) for r in results]
        assert contents[0] == contents[1] == contents[2]
        assert vector(results[0]) == vector(results[1]) == vector(results[2])
        for measure_id in gone:
            assert contents[0]["measures"][measure_id]["deleted"] == 1
        # and the merged document, merged back into an old copy, brings that copy to the same state
        catch_up = merged(folder, a, results[2])
        assert content(catch_up) == contents[0]


@pytest.mark.parametrize(("a_op", "b_op", "expected"), [
    (("m0", "indicators", "ข"), ("m0", "indicators", "ก"), ("measures", "m0", "indicators", "edit")),
    (("m1", "group_name", "ก"), ("m1", "group_name", "ข"), ("measures", "m1", "group_name", "edit")),
    (("m2", "step_timeframe", "ก"), ("m2", "step_timeframe", "ข"), ("steps", "m2-s1", "timeframe_text", "edit")),
    (("m0", "entry_ord", "ก"), ("m0", "entry_ord", "มาตรการใหม่"), ("progress", "m0-base-entry", "ord", "edit")),
    (("m0", "text", "ก"), ("m0", "text", "ข"), ("texts", "intro-2567", "text", "edit")),
])
def test_new_fields_changed_on_both_copies_are_conflicts_kept_alike(
        base: Path, tmp_path: Path, a_op: Op, b_op: Op, expected: tuple[str, str, str, str]) -> None:
    a, b = pcs(base, tmp_path, "a", "b")
    edit(a, "a", [a_op])
    edit(b, "b", [b_op])
    ab, ba = merged(tmp_path, a, b), merged(tmp_path, b, a)
    assert content(ab) == content(ba)
    with Database.open(ab, read_only=True) as database:
        found = {(c.table, c.row_id, c.field, c.kind) for c in open_conflicts(database)}
    assert expected in found


def test_a_text_deleted_on_one_copy_and_edited_on_the_other_stays_deleted_as_a_conflict(
        base: Path, tmp_path: Path) -> None:
    edit(base_copy := copy_to(base, tmp_path / "o" / "plan.ita"), "o", [("m0", "text", "ก")])
    a, b = pcs(base_copy, tmp_path, "a", "b")
    edit(a, "a", [("m0", "delete_text", "ก")])
    edit(b, "b", [("m0", "text", "ข")])
    ab = merged(tmp_path, a, b)
    assert content(ab)["texts"]["intro-2567"]["deleted"] == 1
    with Database.open(ab, read_only=True) as database:
        kinds = {(c.table, c.row_id, c.kind) for c in open_conflicts(database)}
    assert ("texts", "intro-2567", "delete") in kinds
