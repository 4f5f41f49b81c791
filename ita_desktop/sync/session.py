"""Opening a document for editing as the window does: the single-writer lock, or else a read-only view, a
backup on open and every 30 minutes of editing. The window (and tests) use this; it knows nothing of Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ita_desktop.storage.database import Database
from ita_desktop.sync.backups import Backup, BackupScheduler, take_backup
from ita_desktop.sync.locking import DocumentLock, DocumentLockedError, LockInfo
from ita_desktop.sync.working_copy import WorkingCopy, load_working_copy


@dataclass
class EditingSession:
    """An open document: writable with its lock held, or read-only because ``holder`` is editing it."""

    database: Database
    lock: DocumentLock | None
    holder: LockInfo | None
    working_copy: WorkingCopy | None
    scheduler: BackupScheduler = field(default_factory=BackupScheduler)

    @property
    def read_only(self) -> bool:
        return self.database.read_only

    def after_edit(self) -> Backup | None:
        """Call after each committed edit: takes the periodic backup when 30 minutes have passed."""
        if self.read_only or not self.scheduler.due():
            return None
        self.scheduler.taken()
        return take_backup(self.database, "periodic")

    def close(self) -> None:
        self.database.close()
        if self.lock is not None:
            self.lock.release()


def open_for_editing(path: Path) -> EditingSession:
    """Take the lock and open for writing (with a backup on open); if another window or PC holds the lock,
    open read-only and say who holds it (session.holder)."""
    lock = DocumentLock(path)
    try:
        lock.acquire()
    except DocumentLockedError as locked:
        return EditingSession(Database.open(path, read_only=True), None, locked.holder, load_working_copy(path))
    try:
        database = Database.open(path)
        session = EditingSession(database, lock, None, load_working_copy(path))
        take_backup(database, "open")
        session.scheduler.taken()
        return session
    except BaseException:
        lock.release()
        raise
