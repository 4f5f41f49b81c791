"""Merging another office's copy: one-sided changes, conflicts, tombstones, clocks, identity, undo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ita_desktop.cli import main
from ita_desktop.services.documents import load
from ita_desktop.storage import database as database_module
from ita_desktop.storage.database import Database
from ita_desktop.storage.merge_store import open_conflicts
from ita_desktop.sync.backups import list_backups
from ita_desktop.sync.merge import Conflict, reconcile_conflicts
from ita_desktop.sync.merging import EXIT_CONFLICTS, merge_file, resolve_conflict
from tests.sync.helpers import content, copy_to, delete_measure, row, sha, small_document, update


@pytest.fixture
def pcs(tmp_path: Path) -> tuple[Path, Path]:
    """The clerk's file and a department's copy of it (a plain copy made onto a stick, then onto its PC)."""
    clerk = small_document(tmp_path / "clerk" / "plan.ita")
    department = copy_to(clerk, tmp_path / "finance" / "plan.ita")
    return clerk, department


def merge(path: Path, other: Path) -> int:
    with Database.open(path) as database:
        return len(merge_file(database, other).open_conflicts)


def titles(path: Path) -> list[str]:
    return [m.title for m in load(path).years[0].measures]


def test_changes_made_on_one_side_are_taken_field_by_field(pcs: tuple[Path, Path],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    clerk, department = pcs
    update(clerk, "measures", "m0", {"title": "มาตรการเผยแพร่ข้อมูล (ปรับปรุง)"})
    update(department, "measures", "m0", {"issue": "ประเด็นจากกองคลัง"})
    update(department, "steps", "m1-s1", {"text": "กองคลังประชุมแล้ว"})
    assert main(["merge", str(clerk), str(department)]) == 0
    out = capsys.readouterr().out
    assert "merged" in out and "ita-desktop restore" in out
    merged = load(clerk).years[0].measures
    assert (merged[0].title, merged[0].issue) == ("มาตรการเผยแพร่ข้อมูล (ปรับปรุง)", "ประเด็นจากกองคลัง")
    assert merged[1].steps[0].text == "กองคลังประชุมแล้ว"


def test_merging_the_same_copy_again_changes_nothing(pcs: tuple[Path, Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    clerk, department = pcs
    update(department, "measures", "m2", {"title": "ใหม่"})
    assert main(["merge", str(clerk), str(department)]) == 0
    before, backups = sha(clerk), len(list_backups(clerk))
    capsys.readouterr()
    assert main(["merge", str(clerk), str(department)]) == 0
    assert "nothing new to merge" in capsys.readouterr().out
    assert sha(clerk) == before and len(list_backups(clerk)) == backups


def test_same_field_changed_on_both_sides_is_a_conflict_with_both_values_listed(
        pcs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    clerk, department = pcs
    update(clerk, "measures", "m0", {"title": "ชื่อจากสำนักปลัด"})
    update(department, "measures", "m0", {"title": "ชื่อจากกองคลัง"})
    assert main(["merge", str(clerk), str(department)]) == EXIT_CONFLICTS
    out = capsys.readouterr().out
    assert "ชื่อจากสำนักปลัด" in out and "ชื่อจากกองคลัง" in out and "1 conflict(s)" in out
    with Database.open(clerk) as database:
        (conflict,) = open_conflicts(database)
        assert {conflict.mine, conflict.theirs} == {"ชื่อจากสำนักปลัด", "ชื่อจากกองคลัง"}
        resolve_conflict(database, conflict, "mine")
        assert open_conflicts(database) == []
    assert titles(clerk)[0] == "ชื่อจากสำนักปลัด"
    # the clerk's choice is a newer change: the department's copy takes it over its own value, no conflict
    assert merge(department, clerk) == 0
    assert titles(department)[0] == "ชื่อจากสำนักปลัด"
    assert main(["merge", str(clerk), str(department)]) == 0


def test_the_conflict_shows_the_same_value_on_every_copy_until_chosen(pcs: tuple[Path, Path]) -> None:
    clerk, department = pcs
    update(clerk, "measures", "m0", {"title": "ก"})
    update(department, "measures", "m0", {"title": "ข"})
    assert merge(clerk, department) == 1
    # the clerk's copy has seen both edits, so the department's copy cannot tell they were concurrent: the
    # conflict travels in the clerk's file and is open on both copies
    assert merge(department, clerk) == 1
    assert merge(department, clerk) == 1 and merge(clerk, department) == 1  # and only once, however often merged
    assert titles(clerk)[0] == titles(department)[0]


def test_dry_run_prints_what_would_change_and_writes_nothing(pcs: tuple[Path, Path],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    clerk, department = pcs
    update(clerk, "measures", "m0", {"title": "ก"})
    update(department, "measures", "m0", {"title": "ข", "issue": "ค"})
    before = sha(clerk)
    assert main(["merge", str(clerk), str(department), "--dry-run"]) == EXIT_CONFLICTS
    out = capsys.readouterr().out
    assert "dry run, nothing written" in out and "1 changed" in out and "ข" in out
    assert sha(clerk) == before and list_backups(clerk) == []


def test_a_copy_of_another_document_is_refused(tmp_path: Path, pcs: tuple[Path, Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    clerk, _ = pcs
    stranger = small_document(tmp_path / "other-office.ita")
    before = sha(clerk)
    assert main(["merge", str(clerk), str(stranger)]) == 7
    assert "different document" in capsys.readouterr().err
    assert sha(clerk) == before


def test_a_deleted_measure_is_never_brought_back_by_an_older_copy(pcs: tuple[Path, Path]) -> None:
    clerk, department = pcs
    delete_measure(clerk, "m1")
    assert merge(clerk, department) == 0  # the department's copy is older: it still has m1 alive
    assert "มาตรการที่ 2" not in titles(clerk)
    assert merge(department, clerk) == 0  # and the deletion travels
    assert "มาตรการที่ 2" not in titles(department)
    assert row(department, "steps", "m1-s1")["deleted"] == 1


def test_an_edit_made_after_a_delete_it_never_saw_is_kept_as_a_conflict(pcs: tuple[Path, Path]) -> None:
    clerk, department = pcs
    delete_measure(clerk, "m1")
    update(department, "steps", "m1-s2", {"text": "กองคลังเผยแพร่แล้ว ๑๒ ธ.ค."})
    with Database.open(clerk) as database:
        result = merge_file(database, department)
        (conflict,) = result.open_conflicts
        assert (conflict.kind, conflict.table, conflict.row_id) == ("delete", "steps", "m1-s2")
        assert "มาตรการที่ 2" not in titles(clerk)  # the deletion shows until the clerk decides
        resolve_conflict(database, conflict, "theirs")  # keep the department's edit
    restored = load(clerk).years[0].measures[1]
    assert restored.title == "มาตรการที่ 2"
    assert [s.text for s in restored.steps] == ["ประชุมชี้แจง", "กองคลังเผยแพร่แล้ว ๑๒ ธ.ค."]
    assert merge(department, clerk) == 0
    assert titles(department) == titles(clerk)


def test_an_edit_on_a_pc_whose_clock_is_days_behind_still_wins_over_an_older_edit(
        pcs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    clerk, department = pcs
    update(clerk, "measures", "m0", {"title": "แก้ครั้งแรก (นาฬิกาถูกต้อง)"})
    assert merge(department, clerk) == 0
    days_behind = (datetime.now(UTC) - timedelta(days=9)).isoformat(timespec="seconds")
    monkeypatch.setattr(database_module, "utc_now", lambda: days_behind)
    update(department, "measures", "m0", {"title": "แก้ครั้งหลัง (นาฬิกาช้า ๙ วัน)"})
    monkeypatch.undo()
    assert row(department, "measures", "m0")["updated_at"] < row(clerk, "measures", "m0")["updated_at"]
    assert merge(clerk, department) == 0
    assert titles(clerk)[0] == "แก้ครั้งหลัง (นาฬิกาช้า ๙ วัน)"


def test_plain_copies_of_one_file_get_their_own_replica_ids_before_they_change(pcs: tuple[Path, Path]) -> None:
    clerk, department = pcs
    with Database.open(clerk, read_only=True) as a, Database.open(department, read_only=True) as b:
        assert a.replica_id == b.replica_id  # a byte copy: same identity until it is changed
    update(clerk, "measures", "m0", {"title": "ก"})
    update(department, "measures", "m0", {"title": "ข"})
    stamp_a = row(clerk, "measures", "m0")["stamps"]
    stamp_b = row(department, "measures", "m0")["stamps"]
    assert stamp_a != stamp_b  # same counter, different replica: the merge can tell the edits apart
    assert merge(clerk, department) == 1


def test_a_merge_is_undone_by_restoring_the_backup_taken_before_it(pcs: tuple[Path, Path],
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    clerk, department = pcs
    update(department, "measures", "m0", {"title": "จากกองคลัง"})
    before = content(clerk)
    assert main(["merge", str(clerk), str(department)]) == 0
    assert titles(clerk)[0] == "จากกองคลัง"
    (backup,) = [b for b in list_backups(clerk) if b.reason == "before-merge"]
    assert main(["restore", str(clerk), str(backup.path)]) == 0
    assert content(clerk) == before
    assert main(["backups", str(clerk)]) == 0
    assert "before-restore" in capsys.readouterr().out


def test_a_step_added_under_a_measure_the_other_side_deleted_is_kept_as_a_conflict(pcs: tuple[Path, Path]) -> None:
    clerk, department = pcs
    update(department, "steps", "m1-s3", {"measure_id": "m1", "ord": 3.0, "text": "กองคลังเพิ่มขั้นตอน"})
    delete_measure(clerk, "m1")
    with Database.open(clerk) as database:
        (conflict,) = merge_file(database, department).open_conflicts
        assert (conflict.table, conflict.row_id, conflict.kind) == ("steps", "m1-s3", "delete")
        assert "มาตรการที่ 2" not in titles(clerk)
        resolve_conflict(database, conflict, "theirs")
    restored = load(clerk).years[0].measures[1]
    assert [s.text for s in restored.steps] == ["ประชุมชี้แจง", "เผยแพร่ข้อมูล", "กองคลังเพิ่มขั้นตอน"]
    assert merge(department, clerk) == 0
    assert titles(department) == titles(clerk)


def test_two_copies_reporting_the_same_step_and_round_keep_both_entries_in_the_same_order(
        pcs: tuple[Path, Path]) -> None:
    clerk, department = pcs
    for path, entry, result in ((clerk, "p-clerk", "สำนักปลัดรายงาน"), (department, "p-dept", "กองคลังรายงาน"),
                                (clerk, "p-clerk2", "สำนักปลัดรายงานเพิ่ม")):
        update(path, "progress", entry, {"measure_id": "m0", "step_id": "m0-s1", "round": 6, "status": "done",
                                          "result": result})
    assert merge(clerk, department) == 0 and merge(department, clerk) == 0
    assert load(clerk) == load(department)  # rowids differ between the copies; the order they load in does not
    entries = [p.result for p in load(clerk).years[0].measures[0].progress if p.round == 6]
    assert sorted(entries) == sorted(["สำนักปลัดรายงาน", "กองคลังรายงาน", "สำนักปลัดรายงานเพิ่ม"])
    assert entries.index("สำนักปลัดรายงาน") < entries.index("สำนักปลัดรายงานเพิ่ม")  # written in this order


def test_a_measure_deleted_on_one_copy_and_edited_on_the_other_is_a_conflict_on_both(
        tmp_path: Path, pcs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    clerk, department = pcs
    third = copy_to(clerk, tmp_path / "works" / "plan.ita")
    delete_measure(clerk, "m1")
    update(department, "measures", "m1", {"title": "กองคลังแก้ชื่อ"})
    assert merge(clerk, department) == 1
    # the clerk's copy has seen the edit now; the department's copy learns of the conflict from the clerk's file
    capsys.readouterr()
    assert main(["merge", str(department), str(clerk)]) == EXIT_CONFLICTS
    assert "1 deleted" in capsys.readouterr().out
    assert merge(third, department) == 1  # and a copy that hears of both only through the department's copy
    update(department, "measures", "m1", {"issue": "แก้อีกครั้ง"})  # a newer edit the deletion never saw either
    for a, b in ((clerk, department), (department, clerk), (third, clerk), (clerk, third)):
        assert merge(a, b) == 1  # one conflict for the measure on every copy, however the files travel
    for path in (clerk, department, third):
        with Database.open(path) as database:
            (conflict,) = open_conflicts(database)
            assert (conflict.table, conflict.row_id, conflict.kind) == ("measures", "m1", "delete")
    assert titles(clerk) == titles(department) == titles(third) == ["มาตรการที่ 1", "มาตรการที่ 3"]
    with Database.open(third) as database:  # the works office keeps the edit: every copy follows
        resolve_conflict(database, open_conflicts(database)[0], "mine" if not open_conflicts(database)[0].mine
                         else "theirs")
    for a, b in ((clerk, third), (department, clerk), (third, department)):
        assert merge(a, b) == 0
    assert titles(clerk) == titles(department) == titles(third) == ["มาตรการที่ 1", "กองคลังแก้ชื่อ", "มาตรการที่ 3"]


def test_a_conflict_resolved_on_one_copy_closes_on_the_copies_that_merge_it(
        pcs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    clerk, department = pcs
    update(clerk, "measures", "m0", {"title": "ก"})
    update(department, "measures", "m0", {"title": "ข"})
    assert merge(department, clerk) == 1 and merge(clerk, department) == 1
    with Database.open(department) as database:
        resolve_conflict(database, open_conflicts(database)[0], "mine")
    capsys.readouterr()
    assert main(["merge", str(clerk), str(department)]) == 0
    out = capsys.readouterr().out
    assert "1 conflict(s) resolved on the other copy" in out and "1 changed" in out
    assert titles(clerk)[0] == titles(department)[0] == "ข"
    assert merge(department, clerk) == 0 and merge(clerk, department) == 0  # never reopened by the other file


@pytest.mark.parametrize(("stamp", "row_id", "field"), [
    ("[1]", "m0", "title"), ('{"0": 1}', "m0", "title"), ("[99999, \"x\"]", "m0", "title"),
    ("[1, \"x\"]", "no-such-row", "title"), ("[1, \"x\"]", "m0", "deleted")])
def test_a_copy_carrying_a_damaged_conflict_is_refused(pcs: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                                                       stamp: str, row_id: str, field: str) -> None:
    import sqlite3

    clerk, department = pcs
    update(department, "measures", "m0", {"title": "ข"})
    with Database.open(department, read_only=True) as database:
        replica = database.replica_id
    conn = sqlite3.connect(department)
    with conn:
        conn.execute("INSERT INTO conflicts (id, table_name, row_id, field, kind, mine_value, mine_stamp, "
                     "theirs_value, theirs_stamp, kept, source, found_at) "
                     "VALUES ('c', 'measures', ?, ?, 'edit', '\"ก\"', ?, '\"ข\"', ?, 'mine', 'x.ita', '2026-01-01')",
                     (row_id, field, stamp.replace('"x"', f'"{replica}"'), f'[1, "{replica}"]'))
    conn.close()
    before = sha(clerk)
    assert main(["merge", str(clerk), str(department)]) == 3
    assert "conflicts is damaged" in capsys.readouterr().err
    assert sha(clerk) == before


def test_a_file_holding_one_deletion_conflict_twice_keeps_one_covering_both() -> None:
    older = Conflict("measures", "m1", "deleted", "delete", 1, (2, "a"), 0, (1, "b"), "mine")
    newer = Conflict("measures", "m1", "deleted", "delete", 1, (3, "a"), 0, (4, "b"), "mine")
    changes = reconcile_conflicts([], [("x", older), ("y", newer)], [], {}, {"a": 3, "b": 1}, {})
    assert changes.close == ["y"] and [(i, c.mine_stamp, c.theirs_stamp) for i, c in changes.widen] == [
        ("x", (3, "a"), (4, "b"))] and not changes.add


@pytest.mark.parametrize("first, second", [("a" * 8, "f" * 8), ("f" * 8, "a" * 8)], ids=["A wins ties", "B wins ties"])
def test_an_edit_kept_only_in_an_open_conflict_still_conflicts_with_a_deletion_that_never_saw_it(
        tmp_path: Path, first: str, second: str) -> None:
    """Found by the stateful test: A and B edit one title (a conflict on A, the row shows one of them), then B
    deletes the measure knowing only its own edit. A's edit must not vanish with the row on any copy."""
    from ita_desktop.storage.database import replica_home
    from ita_desktop.storage.merge_store import open_conflicts

    origin = small_document(tmp_path / "origin.ita")
    a, b = copy_to(origin, tmp_path / "A" / "plan.ita"), copy_to(origin, tmp_path / "B" / "plan.ita")
    for path, replica in ((a, first), (b, second)):
        with Database.open(path) as database:
            database.set_meta("replica_id", f"{replica}-0000-4000-8000-000000000000")
            database.set_meta("replica_home", replica_home(path))
    update(a, "measures", "m1", {"title": "แก้ที่กองคลัง"})
    update(b, "measures", "m1", {"title": "แก้ที่กองช่าง"})
    with Database.open(a) as database:
        merge_file(database, b)
    delete_measure(b, "m1")
    for _ in range(2):
        for into, other in ((a, b), (b, a)):
            with Database.open(into) as database:
                merge_file(database, other)
    for path in (a, b):
        with Database.open(path, read_only=True) as database:
            waiting = open_conflicts(database)
        assert any(c.row_id == "m1" and c.kind == "delete" for c in waiting), path.parent.name
        assert any(c.row_id == "m1" and "แก้ที่กองคลัง" in (c.mine, c.theirs) for c in waiting)
