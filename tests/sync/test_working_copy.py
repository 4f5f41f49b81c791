"""Working copies on the local disk, saving back to the stick safely, handing out copies, a round trip."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from ita_desktop.cli import main
from ita_desktop.services.documents import load
from ita_desktop.storage.database import Database, check_file
from ita_desktop.storage.merge_store import open_conflicts
from ita_desktop.sync import backups
from ita_desktop.sync.merging import EXIT_CONFLICTS, merge_file, resolve_conflict
from ita_desktop.sync.save_back import (
    OriginChangedError,
    SaveBackError,
    hand_out_copy,
    merge_origin,
    save_back,
)
from ita_desktop.sync.working_copy import bring_in, working_dir
from tests.sync.helpers import content, copy_to, sha, small_document, update


@pytest.fixture(autouse=True)
def no_retry_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups, "REPLACE_WAIT_SECONDS", 0.0)


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    """A document on a USB stick (a folder here)."""
    return small_document(tmp_path / "USB" / "แผน ITA 2567.ita")


def replica(path: Path) -> str:
    with Database.open(path, read_only=True) as database:
        return database.replica_id


def test_bringing_in_makes_a_local_copy_with_its_own_identity_and_leaves_the_stick_alone(
        stick: Path, user_data: Path) -> None:
    before = sha(stick)
    copy, created = bring_in(stick)
    assert created and copy.path.parent == working_dir() and copy.path.is_relative_to(user_data)
    assert copy.origin == stick.resolve() and copy.origin_sha256 == before
    assert sha(stick) == before
    assert content(copy.path) == content(stick)
    assert replica(copy.path) != replica(stick)
    update(copy.path, "measures", "m0", {"title": "แก้ในเครื่อง"})
    again, created = bring_in(stick)
    assert not created and again.path == copy.path  # opening the stick again never loses local edits
    assert load(again.path).years[0].measures[0].title == "แก้ในเครื่อง"


def test_save_back_writes_a_verified_copy_and_says_the_stick_is_safe_to_remove(stick: Path) -> None:
    copy, _ = bring_in(stick)
    update(copy.path, "measures", "m0", {"title": "บันทึกกลับแล้ว"})
    result = save_back(copy)
    assert result.safe_to_remove and "ถอดแฟลชไดรฟ์ได้อย่างปลอดภัย" in result.message
    check_file(stick)
    assert load(stick).years[0].measures[0].title == "บันทึกกลับแล้ว"
    assert sorted(p.name for p in stick.parent.iterdir()) == [stick.name]  # no temp file left behind
    update(copy.path, "measures", "m1", {"title": "ครั้งที่สอง"})
    save_back(copy)  # the copy remembers the bytes it wrote, so a second save-back is not "changed by others"
    assert load(stick).years[0].measures[1].title == "ครั้งที่สอง"


def test_a_rename_held_by_antivirus_for_a_moment_is_retried(stick: Path) -> None:
    copy, _ = bring_in(stick)
    update(copy.path, "measures", "m0", {"title": "หลังลองใหม่"})
    attempts: list[Path] = []

    def held_twice(source: Path, target: Path) -> None:
        attempts.append(target)
        if len(attempts) <= 2:
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        source.replace(target)

    save_back(copy, replace=held_twice)
    assert len(attempts) == 3
    assert load(stick).years[0].measures[0].title == "หลังลองใหม่"


@pytest.mark.parametrize("error", [PermissionError(errno.EACCES, "Access is denied"),
                                   OSError(errno.ENOSPC, "No space left on device")])
def test_a_failed_save_back_leaves_the_old_file_intact_and_says_so_in_thai(stick: Path, error: OSError) -> None:
    copy, _ = bring_in(stick)
    update(copy.path, "measures", "m0", {"title": "ยังไม่ได้บันทึกกลับ"})
    before = sha(stick)

    def failing(source: Path, target: Path) -> None:
        raise error

    with pytest.raises(SaveBackError) as failed:
        save_back(copy, replace=failing)
    assert "ไฟล์เดิมที่ปลายทางยังอยู่ครบ" in failed.value.message
    assert sha(stick) == before
    assert sorted(p.name for p in stick.parent.iterdir()) == [stick.name]
    assert load(copy.path).years[0].measures[0].title == "ยังไม่ได้บันทึกกลับ"


def test_save_back_refuses_to_overwrite_what_someone_else_saved_until_it_is_merged(stick: Path, tmp_path: Path) -> None:
    copy, _ = bring_in(stick)
    update(copy.path, "measures", "m0", {"title": "ของสำนักปลัด"})
    update(stick, "measures", "m1", {"title": "มีคนแก้บนแฟลชไดรฟ์"})  # someone edited the stick meanwhile
    before = sha(stick)
    with pytest.raises(OriginChangedError, match="กรุณารวมไฟล์ก่อน"):
        save_back(copy)
    assert sha(stick) == before
    with Database.open(copy.path) as database:
        merge_origin(copy, database)
    save_back(copy)
    titles = [m.title for m in load(stick).years[0].measures]
    assert titles[:2] == ["ของสำนักปลัด", "มีคนแก้บนแฟลชไดรฟ์"]


def test_a_copy_handed_out_to_a_department_has_its_own_replica_id(stick: Path, tmp_path: Path) -> None:
    (tmp_path / "USB2").mkdir()
    handed = hand_out_copy(stick, tmp_path / "USB2" / "ให้กองคลัง.ita")
    assert content(handed) == content(stick)
    assert replica(handed) != replica(stick)


def test_two_pcs_a_stick_and_one_conflict_resolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """As a new user would: the clerk's PC and the finance PC (two data folders) share a plan on a stick."""
    clerk_pc, finance_pc = tmp_path / "pc-clerk", tmp_path / "pc-finance"
    plan = small_document(clerk_pc / "Documents" / "plan.ita")
    usb = tmp_path / "USB" / "plan.ita"
    monkeypatch.setenv("ITA_DESKTOP_DATA", str(clerk_pc / "data"))
    usb.parent.mkdir()
    hand_out_copy(plan, usb)

    monkeypatch.setenv("ITA_DESKTOP_DATA", str(finance_pc / "data"))
    assert main(["bring-in", str(usb)]) == 0
    (working,) = (finance_pc / "data" / "working").glob("*.ita")
    update(working, "measures", "m0", {"title": "กองคลัง: ปรับชื่อมาตรการ"})
    update(working, "steps", "m2-s1", {"text": "กองคลังจัดประชุมแล้ว"})
    assert main(["save-back", str(working)]) == 0
    assert "ถอดแฟลชไดรฟ์ได้อย่างปลอดภัย" in capsys.readouterr().out

    monkeypatch.setenv("ITA_DESKTOP_DATA", str(clerk_pc / "data"))
    update(plan, "measures", "m0", {"title": "สำนักปลัด: ปรับชื่อมาตรการ"})
    assert main(["merge", str(plan), str(usb)]) == EXIT_CONFLICTS
    out = capsys.readouterr().out
    assert "กองคลัง: ปรับชื่อมาตรการ" in out and "สำนักปลัด: ปรับชื่อมาตรการ" in out
    with Database.open(plan) as database:
        (conflict,) = open_conflicts(database)
        resolve_conflict(database, conflict, "theirs" if conflict.theirs.startswith("กองคลัง") else "mine")
    measures = load(plan).years[0].measures
    assert measures[0].title == "กองคลัง: ปรับชื่อมาตรการ"
    assert measures[2].steps[0].text == "กองคลังจัดประชุมแล้ว"
    assert main(["merge", str(plan), str(usb)]) == 0
    assert copy_to(usb, tmp_path / "check.ita").exists()


def test_a_save_back_cut_off_before_it_was_recorded_does_not_block_the_next_one(stick: Path) -> None:
    copy, _ = bring_in(stick)
    update(copy.path, "measures", "m0", {"title": "ครั้งแรก"})
    save_back(copy)
    copy.origin_sha256 = "killed before the record was written"
    update(copy.path, "measures", "m0", {"title": "ครั้งที่สอง"})
    save_back(copy)  # the stick holds nothing the working copy has not seen: overwriting it loses nothing
    assert load(stick).years[0].measures[0].title == "ครั้งที่สอง"


def test_open_conflicts_travel_with_a_saved_back_file_to_another_pc(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    stick = small_document(tmp_path / "USB" / "plan.ita")
    monkeypatch.setenv("ITA_DESKTOP_DATA", str(tmp_path / "pc1"))
    copy, _ = bring_in(stick)
    department = copy_to(stick, tmp_path / "finance" / "plan.ita")
    update(department, "measures", "m0", {"title": "ของกองคลัง"})
    update(copy.path, "measures", "m0", {"title": "ของสำนักปลัด"})
    with Database.open(copy.path) as database:
        assert len(merge_file(database, department).open_conflicts) == 1
    save_back(copy)
    monkeypatch.setenv("ITA_DESKTOP_DATA", str(tmp_path / "pc2"))
    elsewhere, created = bring_in(stick)
    assert created
    with Database.open(elsewhere.path) as database:
        (conflict,) = open_conflicts(database)
        assert {conflict.mine, conflict.theirs} == {"ของกองคลัง", "ของสำนักปลัด"}
