"""A file from elsewhere can never hurt (issue 16): each hostile file is built here, then merged, brought in,
checked and restored through the real CLI. Afterwards no file outside the app's own folders has changed or
vanished, the stick's bytes are as they were, and the local document still passes check and export."""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from ita_desktop.cli import main
from ita_desktop.samples import create_sample_document
from ita_desktop.storage.database import Database
from ita_desktop.sync.backups import list_backups, take_backup
from tests.sync.helpers import copy_to, sha

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
PAGE = 4096


def hostile_journal(db: Path, victim: Path) -> Path:
    """A `-journal` with no page records whose super-journal record names ``victim``: SQLite, rolling it
    back, would delete the victim (no other journal names it)."""
    header = JOURNAL_MAGIC + struct.pack(">IIIII", 0, 0x5EED, db.stat().st_size // PAGE, 512, PAGE)
    name = str(victim).encode()
    record = (struct.pack(">I", 0x40000000 // PAGE + 1) + name
              + struct.pack(">II", len(name), sum(name) & 0xFFFFFFFF) + JOURNAL_MAGIC)
    journal = db.with_name(db.name + "-journal")
    journal.write_bytes(header.ljust(512, b"\0") + record)
    return journal


@pytest.fixture
def clerk(tmp_path: Path) -> Path:
    return sample_at(tmp_path / "pc" / "plan.ita")


def sample_at(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return create_sample_document(path)


@pytest.fixture
def victims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """A file beside the stick and one in the home folder, which nothing may touch."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    found = [tmp_path / "stick" / "รายงาน.docx", home / "งานสำคัญ.xlsx"]
    for victim in found:
        victim.parent.mkdir(parents=True, exist_ok=True)
        victim.write_bytes(b"precious " + victim.name.encode())
    before = [sha(v) for v in found]
    yield found
    assert [sha(v) for v in found] == before, "a file outside the program's folders changed or vanished"


def local_still_sound(clerk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["check", str(clerk)]) == 0, capsys.readouterr().err
    assert main(["export", str(clerk), str(tmp_path / "out.pdf"), "--doc", "progress", "--round", "6"]) == 0
    capsys.readouterr()


def stick_files(folder: Path) -> dict[str, str]:
    return {p.name: sha(p) for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("victim_at", [0, 1], ids=["beside the stick", "in the home folder"])
@pytest.mark.parametrize("command", ["merge", "bring-in", "check", "restore"])
def test_a_crafted_journal_deletes_nothing_and_is_never_rolled_back_on_the_stick(
        clerk: Path, tmp_path: Path, victims: list[Path], capsys: pytest.CaptureFixture[str],
        command: str, victim_at: int) -> None:
    stick = copy_to(clerk, tmp_path / "stick" / "plan.ita")
    hostile_journal(stick, victims[victim_at])
    on_stick, local = stick_files(stick.parent), sha(clerk)
    args = {"merge": ["merge", str(clerk), str(stick)], "bring-in": ["bring-in", str(stick)],
            "check": ["check", str(stick)], "restore": ["restore", str(clerk), str(stick)]}[command]

    code = main(args)
    out, err = capsys.readouterr()
    if command == "check":  # checked on a private copy, rolled back there with the record disarmed
        assert code == 0, err
        assert "unfinished save (a -journal file is beside it)" in out
    else:
        assert code == 10
        assert "was not saved completely" in err and "ไฟล์นี้ถูกบันทึกไม่เสร็จ" in err
        assert "--use-last-complete" in err and "Traceback" not in err
    assert stick_files(stick.parent) == on_stick and sha(clerk) == local

    if command != "check":  # the clerk confirms: the last complete state is used, still nothing else touched
        assert main([*args, "--use-last-complete"]) == 0, capsys.readouterr().err
        assert stick_files(stick.parent) == on_stick
    local_still_sound(clerk, tmp_path, capsys)


def wal_copy(clerk: Path, stick: Path, title: str) -> None:
    """A copy on the stick in WAL mode whose newest commit is still in `-wal` (copied while it was open)."""
    work = copy_to(clerk, stick.parent.parent / "other-pc" / stick.name)
    conn = sqlite3.connect(work)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    with conn:
        conn.execute("UPDATE measures SET title = ? WHERE rowid = 1", (title,))
    copy_to(work, stick)
    copy_to(work.with_name(work.name + "-wal"), stick.with_name(stick.name + "-wal"))
    conn.close()


def test_a_wal_copy_is_reported_not_silently_taken_older_and_check_writes_nothing_beside_it(
        clerk: Path, tmp_path: Path, victims: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    stick = tmp_path / "stick" / "plan.ita"
    wal_copy(clerk, stick, "แก้ไขล่าสุดที่ยังอยู่ใน wal")
    on_stick, local = stick_files(stick.parent), sha(clerk)
    for args in (["merge", str(clerk), str(stick)], ["bring-in", str(stick)],
                 ["restore", str(clerk), str(stick)]):
        assert main(args) == 10
        assert "plan.ita-wal" in capsys.readouterr().err
    assert main(["check", str(stick)]) == 0
    assert "-wal file is beside it" in capsys.readouterr().out
    assert stick_files(stick.parent) == on_stick and sha(clerk) == local  # no -shm, no checkpoint on the stick

    assert main(["restore", str(clerk), str(stick), "--use-last-complete"]) == 0
    assert sorted(p.name for p in clerk.parent.iterdir()) == ["plan.ita"]  # no .restoring-wal / -shm left
    assert stick_files(stick.parent) == on_stick
    local_still_sound(clerk, tmp_path, capsys)


HOSTILE_VALUES: dict[str, tuple[str, str]] = {
    "status hacked": ("UPDATE progress SET status = 'hacked' WHERE rowid = 1", "status"),
    "round six": ("UPDATE progress SET round = 'six' WHERE rowid = 1", "round"),
    "round 7": ("UPDATE progress SET round = 7 WHERE rowid = 1", "round"),
    "round -6": ("UPDATE progress SET round = -6 WHERE rowid = 1", "round"),
    "impossible date": ("UPDATE measures SET start = '2023-02-30' WHERE rowid = 1", "start"),
    "indicator 999": ("UPDATE measures SET indicators = '[999]' WHERE rowid = 1", "indicator"),
    "year 99999": ("UPDATE fiscal_years SET year = 99999", "year"),
    "year 9999": ("UPDATE fiscal_years SET year = 9999", "year"),
    "step of no measure": ("UPDATE steps SET measure_id = 'no-such-measure' WHERE rowid = 1", "measure_id"),
    "progress of another measure's step":
        ("UPDATE progress SET step_id = (SELECT id FROM steps WHERE measure_id <> progress.measure_id LIMIT 1) "
         "WHERE rowid = 1", "step_id"),
    "score 1e308": ("UPDATE assessments SET total = 1e308", "total"),
    "score inf": ("UPDATE assessments SET total = 9e999", "total"),
    "score -5": ("UPDATE indicator_scores SET score = -5 WHERE rowid = 1", "score"),
    "NUL in a title": ("UPDATE measures SET title = 'ก' || char(0) || 'ข' WHERE rowid = 1", "NUL"),
    "javascript link": ("UPDATE progress SET evidence_urls = '[\"javascript:alert(1)\"]' WHERE rowid = 1",
                        "evidence_urls"),
    "level Z": ("UPDATE assessments SET level = 'Z'", "level"),
    "units not a list": ("UPDATE measures SET units = '{\"a\": 1}' WHERE rowid = 1", "units"),
}


@pytest.mark.parametrize("case", list(HOSTILE_VALUES))
def test_a_copy_with_values_we_never_write_is_refused_by_merge_bring_in_and_restore(
        clerk: Path, tmp_path: Path, victims: list[Path], capsys: pytest.CaptureFixture[str], case: str) -> None:
    statement, field = HOSTILE_VALUES[case]
    stick = copy_to(clerk, tmp_path / "stick" / "plan.ita")
    conn = sqlite3.connect(stick)
    with conn:
        assert conn.execute(statement).rowcount >= 1
    conn.close()
    on_stick, local = stick_files(stick.parent), sha(clerk)
    for args in (["merge", str(clerk), str(stick)], ["bring-in", str(stick)], ["restore", str(clerk), str(stick)]):
        assert main(args) == 3, args
        err = capsys.readouterr().err
        assert "holds values ITA Desktop never writes" in err and field in err and "Traceback" not in err
        assert "ไฟล์นี้ใช้ไม่ได้" in err
    assert stick_files(stick.parent) == on_stick and sha(clerk) == local
    local_still_sound(clerk, tmp_path, capsys)


def test_a_poisoned_version_clock_is_refused_and_the_local_document_keeps_working(
        clerk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stick = copy_to(clerk, tmp_path / "stick" / "plan.ita")
    conn = sqlite3.connect(stick)
    with conn:
        conn.execute("UPDATE clock SET counter = 9223372036854775807")
    conn.close()
    local = sha(clerk)
    assert main(["merge", str(clerk), str(stick)]) == 3
    assert "version clock is damaged" in capsys.readouterr().err
    assert sha(clerk) == local
    with Database.open(clerk) as database, database.transaction():  # an edit still works
        database.write_row("units", "u-new", {"name": "กองสวัสดิการสังคม", "ord": 99.0})
    local_still_sound(clerk, tmp_path, capsys)


def test_a_local_file_with_an_overflowing_clock_says_so_instead_of_crashing(clerk: Path) -> None:
    conn = sqlite3.connect(clerk)
    with conn:
        conn.execute("UPDATE clock SET counter = 9223372036854775807")
    conn.close()
    from ita_desktop.errors import BadFileError

    with Database.open(clerk) as database, pytest.raises(BadFileError, match="damaged version clock"):
        database.write_row("units", "u-new", {"name": "กองช่าง", "ord": 99.0})


def test_restore_accepts_only_a_backup_of_the_same_document(
        clerk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = sample_at(tmp_path / "other" / "plan.ita")  # same content, another document id
    local = sha(clerk)
    assert main(["restore", str(clerk), str(other)]) == 7
    err = capsys.readouterr().err
    assert "not a backup of plan.ita: it belongs to another document" in err
    assert "open it as a document of its own" in err and "ไฟล์นี้เป็นสำรองของเอกสารอื่น" in err
    assert sha(clerk) == local

    with Database.open(clerk) as database:  # a real backup of this document still restores
        backup = take_backup(database, "manual")
        database.write_row("units", "u-new", {"name": "กองการศึกษา", "ord": 99.0})
    assert main(["restore", str(clerk), str(backup.path)]) == 0
    with Database.open(clerk, read_only=True) as database:
        assert database.row("units", "u-new") is None
    assert any(b.reason == "before-restore" for b in list_backups(clerk))
    local_still_sound(clerk, tmp_path, capsys)
