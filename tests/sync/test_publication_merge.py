"""Hypothesis: the publishing log edited, created and deleted on three copies merges to the same log in any order;
merging again changes nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_desktop.services.documents import load
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import DocumentRepository
from ita_desktop.sync.merging import merge_file
from tests.sync.helpers import content, small_document, update
from tests.sync.test_merge_properties import SETTINGS, merged, pcs, vector

URLS = ["https://a.go.th/r6.pdf", "https://a.go.th/r6-final.pdf", "http://b.go.th/x"]
OPS = st.lists(st.tuples(st.sampled_from(["url", "item", "date", "delete", "plan"]), st.integers(0, 2)), max_size=4)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = small_document(tmp_path_factory.mktemp("base") / "plan.ita")
    with Database.open(path) as database:
        year_id = DocumentRepository(database).year_id(2567)
    update(path, "publications", "r6", {"year_id": year_id, "document": "progress", "round": 6, "item": "o43",
                                        "url": URLS[0], "published_on": None})
    return path


def edit(path: Path, name: str, ops: list[tuple[str, int]]) -> None:
    with Database.open(path) as database:
        year_id = DocumentRepository(database).year_id(2567)
    for i, (what, n) in enumerate(ops):
        if what == "url":
            update(path, "publications", "r6", {"url": URLS[n]})
        elif what == "item":
            update(path, "publications", "r6", {"item": ["o43", "o44", ""][n]})
        elif what == "date":
            update(path, "publications", "r6", {"published_on": f"2024-04-0{n + 1}"})
        elif what == "delete":
            update(path, "publications", "r6", {"deleted": 1})
        else:  # the plan logged on this copy alone
            update(path, "publications", f"{name}-plan-{i}", {"year_id": year_id, "document": "plan", "round": None,
                                                              "item": "o42", "url": URLS[n], "deleted": 0})


@SETTINGS
@given(a_ops=OPS, b_ops=OPS, c_ops=OPS)
def test_the_log_merges_to_the_same_document_in_any_order(base: Path, a_ops: list[tuple[str, int]],
                                                          b_ops: list[tuple[str, int]],
                                                          c_ops: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a, b, c = pcs(base, folder, "a", "b", "c")
        edit(a, "a", a_ops)
        edit(b, "b", b_ops)
        edit(c, "c", c_ops)
        results = [merged(folder, a, b, c), merged(folder, c, a, b), merged(folder, b, c, a)]
        assert content(results[0]) == content(results[1]) == content(results[2])
        assert vector(results[0]) == vector(results[1]) == vector(results[2])
        logs = [load(r).years[0].publications for r in results]
        assert logs[0] == logs[1] == logs[2]
        with Database.open(results[0]) as database:
            assert not merge_file(database, results[1]).plan.changes_content  # merged again: nothing new
