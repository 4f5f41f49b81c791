"""Rotating, verified backups of a document in the user data folder, and restoring one.

Taken on open, every 30 minutes of editing and before every import, merge or restore. Each backup is a
consistent snapshot (backup API), flushed, renamed into place and reopened to check it before it counts.
Thinning keeps: the newest KEEP_NEWEST always, everything of the last day, then the newest of each day for
two weeks, of each week for three months, of each month after that. Backup names carry the local time
for people to read; nothing about merging depends on it.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ita_desktop.errors import BadFileError, UserError
from ita_desktop.paths import data_dir
from ita_desktop.storage.database import Database, check_file
from ita_desktop.storage.snapshots import content_summary, fsync_folder, write_snapshot

BACKUP_INTERVAL = timedelta(minutes=30)
KEEP_NEWEST = 5
_NAME = re.compile(r"^(\d{8}-\d{6}-\d{6})-([a-z-]+)\.ita$")
REASONS_TH = {"open": "เมื่อเปิดไฟล์", "periodic": "ระหว่างแก้ไข (ทุก 30 นาที)", "before-merge": "ก่อนรวมไฟล์",
              "before-import": "ก่อนนำเข้าข้อมูล", "before-restore": "ก่อนกู้คืน", "manual": "สำรองเอง"}


@dataclass(frozen=True)
class Backup:
    """One backup file: where, when it was taken (local time, for people), and why."""

    path: Path
    taken_at: datetime
    reason: str

    @property
    def reason_th(self) -> str:
        return REASONS_TH.get(self.reason, self.reason)


def backups_dir(document: Path) -> Path:
    """The backup folder of one document, named after it and its place (two files never share one)."""
    key = hashlib.sha1(os.path.normcase(str(document.resolve())).encode("utf-8")).hexdigest()[:10]
    folder = data_dir() / "backups" / f"{document.stem}-{key}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def list_backups(document: Path) -> list[Backup]:
    """Backups of ``document``, newest first."""
    found = []
    for path in backups_dir(document).iterdir():
        match = _NAME.match(path.name)
        if match:
            found.append(Backup(path, datetime.strptime(match[1], "%Y%m%d-%H%M%S-%f"), match[2]))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def take_backup(database: Database, reason: str, *, now: datetime | None = None) -> Backup:
    """Snapshot the open document, verify the snapshot from disk, then thin the folder."""
    now = now or datetime.now()
    folder = backups_dir(database.path)
    final = folder / f"{now:%Y%m%d-%H%M%S-%f}-{reason}.ita"
    tmp = folder / f".{final.name}.tmp"
    try:
        write_snapshot(database, tmp)
        expected = content_summary(database)
        with Database.open(tmp, read_only=True) as copy:  # checks the copy as every file is checked (once)
            if content_summary(copy) != expected:
                raise BadFileError("the backup read back differs from the document")
        os.replace(tmp, final)
        fsync_folder(folder)
    except (OSError, sqlite3.Error, UserError) as exc:
        tmp.unlink(missing_ok=True)
        detail = exc.message if isinstance(exc, UserError) else (getattr(exc, "strerror", None) or str(exc))
        raise UserError(f"Could not make a backup of {database.path.name} ({detail}); nothing was changed. "
                        "สำรองข้อมูลไม่สำเร็จ จึงยังไม่ได้ดำเนินการใด ๆ") from None
    thin(database.path, now=now)
    return Backup(final, now.replace(microsecond=now.microsecond), reason)


def _keep(backups: list[Backup], now: datetime) -> set[Path]:
    keep = {b.path for b in backups[:KEEP_NEWEST]}
    buckets: set[tuple[str, int, int]] = set()
    for b in backups:  # newest first, so the first of each bucket is the newest in it
        age = now - b.taken_at
        if age <= timedelta(days=1):
            keep.add(b.path)
            continue
        if age <= timedelta(days=14):
            bucket = ("day", b.taken_at.toordinal(), 0)
        elif age <= timedelta(weeks=13):
            iso = b.taken_at.isocalendar()
            bucket = ("week", iso[0], iso[1])
        else:
            bucket = ("month", b.taken_at.year, b.taken_at.month)
        if bucket not in buckets:
            buckets.add(bucket)
            keep.add(b.path)
    return keep


def thin(document: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups the rotation no longer keeps; returns what was removed."""
    backups = list_backups(document)
    keep = _keep(backups, now or datetime.now())
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


REPLACE_ATTEMPTS = 20
REPLACE_WAIT_SECONDS = 0.25


def replace_with_retries(source: Path, target: Path, *, replace: Callable[[Path, Path], None] = os.replace) -> None:
    """os.replace, retried for a few seconds: on Windows an antivirus often holds a new file briefly."""
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            replace(source, target)
            return
        except PermissionError:
            if attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_WAIT_SECONDS)


def restore_backup(document: Path, backup: Path, *, use_last_complete: bool = False) -> Backup:
    """Put a backup of this document in place of the (closed, locked by the caller) document; the current state
    is backed up first, so a restore can itself be undone. Returns that 'before-restore' backup.

    The backup is treated like a copy from elsewhere (any file may be named): read through quarantine, every
    value checked, refused when it belongs to another document; the document is rebuilt from its checked rows
    (never its raw bytes, which could carry a WAL mode or objects of their own)."""
    from ita_desktop.sync.quarantine import read_from_elsewhere
    from ita_desktop.sync.working_copy import build_clean_copy

    incoming = read_from_elsewhere(backup, use_last_complete=use_last_complete)
    with Database.open(document, read_only=True) as current:
        if incoming.doc_id != current.doc_id:
            raise UserError(
                f"{backup.name} is not a backup of {document.name}: it belongs to another document (document id "
                f"{incoming.doc_id[:8]}…, this one is {current.doc_id[:8]}…), so nothing was restored. To look at "
                f"it, open it as a document of its own (ita-desktop \"{backup}\", or File ▸ Open in the window). "
                "ไฟล์นี้เป็นสำรองของเอกสารอื่น จึงไม่ได้กู้คืน หากต้องการดู ให้เปิดไฟล์นั้นเป็นเอกสารแยก", exit_code=7)
        before = take_backup(current, "before-restore")
    tmp = document.with_name(f".{document.name}.restoring")
    try:
        build_clean_copy(tmp, incoming)
        check_file(tmp)
        replace_with_retries(tmp, document)
        fsync_folder(document.parent)
    except (OSError, sqlite3.Error, UserError) as exc:
        tmp.unlink(missing_ok=True)
        detail = exc.message if isinstance(exc, UserError) else (getattr(exc, "strerror", None) or str(exc))
        raise UserError(f"Restore failed ({detail}); {document.name} was left as it was. "
                        "กู้คืนไม่สำเร็จ ไฟล์เดิมยังอยู่ครบ ไม่ถูกเปลี่ยนแปลง") from None
    return before


class BackupScheduler:
    """Says when editing has gone on long enough (30 minutes since the last backup) for another backup."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last: float | None = None

    def taken(self) -> None:
        self.last = self.clock()

    def due(self) -> bool:
        """Call after an edit: True when a periodic backup should be taken now."""
        return self.last is None or self.clock() - self.last >= BACKUP_INTERVAL.total_seconds()
