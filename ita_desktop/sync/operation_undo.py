"""Undoing a whole-document write in one step (a merge, an import): put back the verified backup taken just
before it.

Every write that brings a whole file in (รวมไฟล์, นำเข้า JSON/Excel, นำเข้าจากเอกสารเดิม) is one transaction after a
verified backup, so undoing it is restoring that backup. What must never happen is that edits made after the write
vanish unnoticed with it: the content right after the write is kept, and before undoing, what changed since is
told per measure (the rule of the merge summary), so the clerk is warned by name. The restore itself backs up the
current state first ('before-restore'), so even those edits can be brought back from ไฟล์สำรองและการกู้คืน.
The restoring is ``restore_backup``'s (the caller closes and locks the document); this module knows nothing of
Qt: the window adds the question and the step on its undo stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ita_desktop.storage.database import Database
from ita_desktop.storage.merge_store import read_tables
from ita_desktop.sync.backups import Backup
from ita_desktop.sync.merge import Rows
from ita_desktop.sync.merge_summary import ChangeSummary, summarize_changes

MERGE, IMPORT = "merge", "import"


@dataclass(frozen=True)
class OperationUndo:
    """What undoing one whole-document write needs: the document, the backup taken before the write, what kind
    of write it was (MERGE or IMPORT), which file was brought in, and the rows right after it."""

    document: Path
    backup: Backup
    kind: str
    source: str
    after: Rows

    @classmethod
    def after_write(cls, database: Database, backup: Backup, kind: str, source: str) -> OperationUndo:
        """Call right after the write, with the written document open (the rows are read now)."""
        return cls(database.path, backup, kind, source, read_tables(database))

    @classmethod
    def after_import(cls, document: Path, backup: Backup | None, source: str) -> OperationUndo | None:
        """After an import into ``document``; None when it wrote no backup (the import created the file)."""
        if backup is None:
            return None
        with Database.open(document, read_only=True) as database:
            return cls.after_write(database, backup, IMPORT, source)

    def edits_since(self, database: Database) -> ChangeSummary:
        """What changed in the document after the write (empty when nothing a clerk would see did)."""
        return summarize_changes(self.after, read_tables(database))

