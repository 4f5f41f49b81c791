"""One writer per document (a real second process), stale locks, rotating verified backups, restore."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ita_desktop.cli import main
from ita_desktop.errors import UserError
from ita_desktop.services.documents import import_file, load
from ita_desktop.storage.database import Database
from ita_desktop.sync.backups import BackupScheduler, list_backups, restore_backup, take_backup, thin
from ita_desktop.sync.locking import DocumentLock, DocumentLockedError, LockInfo, is_stale, lock_path
from ita_desktop.sync.session import open_for_editing
from tests.processes import kill_hard
from tests.sync.helpers import content, sha, small_document, update

HOLD_LOCK = """
import sys
from pathlib import Path
from ita_desktop.sync.locking import DocumentLock
lock = DocumentLock(Path(sys.argv[1])).acquire()
print("locked", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    return small_document(tmp_path / "plan.ita")


def test_a_second_program_gets_a_read_only_view_and_a_dead_ones_lock_is_reclaimed(
        doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(doc)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as other:
        try:
            assert other.stdout is not None and other.stdout.readline().strip() == "locked"
            session = open_for_editing(doc)
            assert session.read_only and session.holder is not None and session.holder.pid == other.pid
            with pytest.raises(UserError, match="อ่านอย่างเดียว"):
                session.database.write_row("measures", "m0", {"title": "x"})
            session.close()
            before = sha(doc)
            assert main(["merge", str(doc), str(doc)]) == 6
            assert "กำลังถูกแก้ไขโดย" in capsys.readouterr().err
            assert sha(doc) == before
        finally:
            kill_hard(other)
            other.wait()
    assert lock_path(doc).exists()  # the killed program could not clean up
    session = open_for_editing(doc)  # its lock is stale: reclaimed
    assert not session.read_only
    assert json.loads(lock_path(doc).read_text(encoding="utf-8"))["pid"] == os.getpid()
    session.close()
    assert not lock_path(doc).exists()


def test_a_lock_from_another_pc_is_respected_until_it_is_very_old(doc: Path) -> None:
    now = datetime.now(UTC)
    fresh = LockInfo(pid=1234, host="PC-FINANCE", user="somchai", since=now.isoformat())
    assert not is_stale(fresh, now + timedelta(hours=1))
    assert is_stale(fresh, now + timedelta(days=1))
    lock_path(doc).write_text(json.dumps(fresh.__dict__), encoding="utf-8")
    with pytest.raises(DocumentLockedError, match="PC-FINANCE"):
        DocumentLock(doc).acquire()


def test_opening_takes_a_verified_backup_and_editing_takes_one_every_30_minutes(doc: Path) -> None:
    now = [0.0]
    session = open_for_editing(doc)
    session.scheduler = BackupScheduler(clock=lambda: now[0])
    session.scheduler.taken()
    assert [b.reason for b in list_backups(doc)] == ["open"]
    now[0] = 29 * 60
    assert session.after_edit() is None
    now[0] = 30 * 60
    periodic = session.after_edit()
    assert periodic is not None and periodic.reason == "periodic"
    assert content(periodic.path) == content(doc)
    session.close()


def test_an_import_is_preceded_by_a_backup_that_undoes_it(doc: Path, tmp_path: Path) -> None:
    before = content(doc)
    data = tmp_path / "in.json"
    data.write_text(json.dumps({"format": "ita-desktop/1", "years": [{"fiscal_year": 2567, "measures": [
        {"id": "m0", "indicator": 9, "title": "นำเข้า"}]}]}, ensure_ascii=False), encoding="utf-8")
    import_file(doc, data)
    assert load(doc).years[0].measures[0].title == "นำเข้า"
    (backup,) = [b for b in list_backups(doc) if b.reason == "before-import"]
    restore_backup(doc, backup.path)
    assert content(doc) == before


def test_thinning_keeps_recent_backups_then_one_per_day_week_and_month(doc: Path) -> None:
    now = datetime(2026, 11, 20, 12, 0)
    with Database.open(doc, read_only=True) as database:
        taken = [now - timedelta(hours=h) for h in (0, 1, 2, 3, 5, 8, 12)]  # today: all kept
        taken += [now - timedelta(days=2, hours=h) for h in (0, 1, 2)]  # one day: its newest kept
        taken += [now - timedelta(days=40, hours=h) for h in (0, 24)]  # same week: newest kept
        taken += [now - timedelta(days=200 + d) for d in (0, 1)]  # same month: newest kept
        for moment in sorted(taken):
            take_backup(database, "periodic", now=moment)
    kept = {b.taken_at for b in list_backups(doc)}  # each backup thins the folder as it is taken
    assert kept == {now - timedelta(hours=h) for h in (0, 1, 2, 3, 5, 8, 12)} | {
        now - timedelta(days=2), now - timedelta(days=40), now - timedelta(days=200)}
    assert thin(doc, now=now) == []
    assert len(list(list_backups(doc))) == len(kept) < len(taken)


def test_a_damaged_backup_is_refused_and_the_document_is_left_alone(doc: Path, tmp_path: Path) -> None:
    with Database.open(doc, read_only=True) as database:
        backup = take_backup(database, "manual")
    data = backup.path.read_bytes()
    backup.path.write_bytes(data[: len(data) // 2])
    update(doc, "measures", "m0", {"title": "หลังสำรอง"})
    before = sha(doc)
    with pytest.raises(UserError):
        restore_backup(doc, backup.path)
    assert sha(doc) == before
