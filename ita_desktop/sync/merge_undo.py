"""Undoing a merge in one step (เลิกทำการรวม): the merge's side of sync.operation_undo.

A merge is one transaction after a 'before-merge' backup; a dry run or a merge that wrote nothing has nothing
to undo.
"""

from __future__ import annotations

from ita_desktop.storage.database import Database
from ita_desktop.sync.merging import MergeResult
from ita_desktop.sync.operation_undo import MERGE, OperationUndo


def merge_undo(database: Database, result: MergeResult, source: str) -> OperationUndo | None:
    """Call right after a merge, with the merged document still open; None when the merge wrote nothing."""
    if result.backup is None or result.dry_run:
        return None
    return OperationUndo.after_write(database, result.backup, MERGE, source)
