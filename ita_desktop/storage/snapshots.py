"""Consistent copies of an open document (SQLite's online backup API) and a digest of its content.

A plain file copy of a database can catch it half-written; the backup API copies a consistent state page
by page while holding a read lock. The digest lets a save-back or a backup prove that the file it wrote
holds exactly what the working copy holds, after reopening it from the disk.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

from ita_desktop.storage.database import Database
from ita_desktop.storage.schema import MERGE_COLUMNS, TABLES


def fsync_file(path: Path) -> None:
    """Ask the OS to put the file's bytes on the device (USB sticks may still lie; we verify after)."""
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles for this and needs none."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_snapshot(database: Database, target: Path) -> None:
    """Write a consistent copy of ``database`` to ``target`` (a new file), flushed to the device."""
    target.unlink(missing_ok=True)
    dest = sqlite3.connect(str(target))
    try:
        database.conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    fsync_file(target)


def content_digest(database: Database) -> str:
    """SHA-256 over every stamped row, the clock and the identity: equal digests mean equal documents."""
    digest = hashlib.sha256()
    conn = database.conn
    for key in ("doc_id", "replica_id"):
        digest.update(repr(database.meta(key)).encode())
    digest.update(repr(sorted(conn.execute("SELECT replica_id, counter FROM clock").fetchall())).encode())
    for spec in TABLES:
        cols = ", ".join(f'"{c}"' for c in (*MERGE_COLUMNS, *spec.fields))
        digest.update(spec.name.encode())
        for row in conn.execute(f'SELECT {cols} FROM "{spec.name}" ORDER BY id'):
            digest.update(repr(row).encode("utf-8"))
    return digest.hexdigest()


def content_summary(database: Database) -> tuple[object, ...]:
    """A quick fingerprint (clock, and per table the row count and stamps length): enough to tell that a
    page-for-page backup copy is complete, where content_digest is too slow to run on every backup."""
    conn = database.conn
    parts: list[object] = [sorted(conn.execute("SELECT replica_id, counter FROM clock").fetchall())]
    for spec in TABLES:
        parts.append(conn.execute(f'SELECT count(*), total(length(stamps)), total(deleted) FROM "{spec.name}"'
                                  ).fetchone())
    return tuple(parts)
