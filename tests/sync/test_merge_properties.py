"""Hypothesis: merging is idempotent, independent of order, three copies agree, deleted rows stay deleted."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ita_desktop.domain.model import Measure
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import DocumentRepository
from ita_desktop.sync.backups import list_backups
from ita_desktop.sync.merging import merge_file
from tests.sync.helpers import content, copy_to, delete_measure, sha, small_document, update

Op = tuple[str, str, str]
OPS = st.lists(st.tuples(st.sampled_from(["m0", "m1", "m2", "new"]),
                         st.sampled_from(["title", "issue", "delete"]),
                         st.sampled_from(["ก", "ข", "ค", "มาตรการใหม่"])), max_size=4)
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_document(tmp_path_factory.mktemp("base") / "plan.ita")


def edit(path: Path, name: str, ops: list[Op]) -> set[str]:
    """Apply ops on one PC (each its own transaction); returns the measure ids it deleted."""
    deleted = set()
    for i, (target, what, value) in enumerate(ops):
        if target == "new":
            with Database.open(path) as database:
                repo = DocumentRepository(database)
                repo.save_measure(repo.ensure_year(2567), Measure(id=f"{name}-new{i}", indicators=[10], title=value))
        elif what == "delete":
            delete_measure(path, target)
            deleted.add(target)
        else:
            update(path, "measures", target, {what: value})
    return deleted


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
