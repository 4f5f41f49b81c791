"""Undoing a merge in one step (เลิกทำการรวม): put back the verified backup taken just before it.

A merge is one transaction after a 'before-merge' backup, so undoing it is restoring that backup. What must
never happen is that edits made after the merge vanish unnoticed with it: the content right after the merge is
kept, and before undoing, what changed since is told per measure (the same rule as the merge summary), so the
clerk is warned by name. The restore itself backs up the current state first ('before-restore'), so even those
edits can be brought back from ไฟล์สำรองและการกู้คืน.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ita_desktop.storage.database import Database
from ita_desktop.storage.merge_store import read_tables
from ita_desktop.sync.backups import Backup, restore_backup
from ita_desktop.sync.merge import Rows
from ita_desktop.sync.merge_summary import ChangeSummary, summarize_changes
from ita_desktop.sync.merging import MergeResult


@dataclass(frozen=True)
class MergeUndo:
    """What undoing one merge needs: the document, the backup taken before the merge, which file was merged
    in, what the merge changed and the rows right after it."""

    document: Path
    backup: Backup
    source: str
    summary: ChangeSummary
    after: Rows

    @classmethod
    def of(cls, database: Database, result: MergeResult, source: str) -> MergeUndo | None:
        """Call right after a merge, with the merged document still open; None when the merge wrote nothing."""
        if result.backup is None or result.dry_run:
            return None
        return cls(database.path, result.backup, source, result.summary, read_tables(database))

    def edits_since(self, database: Database) -> ChangeSummary:
        """What changed in the document after the merge (empty when nothing a clerk would see did)."""
        return summarize_changes(self.after, read_tables(database))


def undo_merge(undo: MergeUndo) -> Backup:
    """Restore the pre-merge backup in place of the (closed, locked by the caller) document; returns the
    'before-restore' backup of the state it replaced."""
    return restore_backup(undo.document, undo.backup.path)
