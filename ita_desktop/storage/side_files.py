"""The `-journal` and `-wal` files SQLite keeps beside a database, seen as what they are: instructions.

A rollback journal is replayed by SQLite on the next read-write open, and a journal may end with a
"super-journal" record naming another file, which SQLite deletes after the rollback once no journal names
it any more (https://www.sqlite.org/fileformat2.html#the_rollback_journal, §"super-journal"). A crafted
journal beside a file on a USB stick can therefore delete any file the user may delete. ITA Desktop never
writes multi-database transactions, so none of our journals legitimately has a super-journal record: before
SQLite ever sees a journal, its record is disarmed. A `-wal` file holds commits not yet in the main file;
replaying one from elsewhere is the same kind of trust. Files from elsewhere are therefore read alone
(sync.quarantine), and these helpers tell when something was left beside them.
"""

from __future__ import annotations

import os
from pathlib import Path

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
WAL_HEADER_BYTES = 32


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def has_hot_journal(path: Path) -> bool:
    """A `-journal` SQLite would roll back: it exists and starts with the journal header (a zeroed or empty
    journal, as journal_mode PERSIST/TRUNCATE leave behind, is not hot)."""
    try:
        with journal_of(path).open("rb") as fh:
            return fh.read(len(JOURNAL_MAGIC)) == JOURNAL_MAGIC
    except OSError:
        return False


def has_wal_frames(path: Path) -> bool:
    """A `-wal` holding at least one frame: commits that are not in the main file yet."""
    try:
        return wal_of(path).stat().st_size > WAL_HEADER_BYTES
    except OSError:
        return False


def unfinished_save(path: Path) -> str | None:
    """Which side file says the last save of ``path`` did not finish ("-journal" / "-wal"), or None."""
    if has_hot_journal(path):
        return "-journal"
    if has_wal_frames(path):
        return "-wal"
    return None


def disarm_super_journal(journal: Path) -> bool:
    """Make SQLite ignore the super-journal record at the end of ``journal`` (it then deletes no other file).

    SQLite reads that record only when the journal's last 8 bytes are the journal magic; overwriting them
    with zeros leaves the page records, and so the rollback of this database, as they were.
    Returns True when a record was disarmed."""
    try:
        size = journal.stat().st_size
        if size < 16 + len(JOURNAL_MAGIC):
            return False
        with journal.open("r+b") as fh:
            fh.seek(size - len(JOURNAL_MAGIC))
            if fh.read(len(JOURNAL_MAGIC)) != JOURNAL_MAGIC:
                return False
            fh.seek(size - len(JOURNAL_MAGIC))
            fh.write(b"\0" * len(JOURNAL_MAGIC))
            fh.flush()
            os.fsync(fh.fileno())
        return True
    except OSError:
        return False


def mark_rollback_mode(path: Path) -> None:
    """Turn a lone copy of a WAL-mode file into a rollback-journal file (header bytes 18–19 = 1), so that
    reading it never looks for, creates or replays a `-wal` (https://www.sqlite.org/fileformat2.html, §1.3.3)."""
    with path.open("r+b") as fh:
        fh.seek(18)
        if fh.read(2) == b"\x02\x02":
            fh.seek(18)
            fh.write(b"\x01\x01")
