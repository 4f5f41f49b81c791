"""Merging another office's copy into a document: checks, backup, one transaction, undo, conflict choices.

The other copy is read only through quarantine. A copy of a different document is refused. Before any
change a verified backup is taken; the merge itself is one transaction, so it happens wholly or not at
all, and undoing it is restoring that backup (`ita-desktop restore FILE BACKUP`; in the window เลิกทำการรวม or
Ctrl+Z, see sync.operation_undo). What it changed is told per measure (sync.merge_summary).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ita_desktop.errors import BadFileError, UserError
from ita_desktop.storage.database import Database, utc_now
from ita_desktop.storage.doc_limits import written_problem
from ita_desktop.storage.merge_store import (
    StoredConflict,
    add_conflicts,
    close_conflicts,
    family_deleted_with,
    fold_vector,
    has_conflicts,
    mark_resolved,
    open_conflicts,
    read_tables,
    restamp,
    stored_conflicts,
    widen_conflict,
    write_merged_rows,
)
from ita_desktop.storage.schema import SCHEMA_VERSION, TABLES
from ita_desktop.storage.untrusted import UntrustedCopy
from ita_desktop.sync.backups import Backup, take_backup
from ita_desktop.sync.merge import MINE, THEIRS, MergePlan, apply_plan, plan_merge, reconcile_conflicts
from ita_desktop.sync.merge_summary import ChangeSummary, summarize_changes
from ita_desktop.sync.quarantine import read_from_elsewhere

FIELDS_OF = {t.name: t.fields for t in TABLES}
EXIT_CONFLICTS = 5  # `ita-desktop merge`: merged, but the clerk must choose between two values


class DifferentDocumentError(UserError):
    """The other file is a copy of another document; merging it would mix two offices' plans."""

    exit_code = 7


class MergeTooLargeError(UserError):
    """Two copies each within the limits that together would be past them (a user error: exit 2)."""


@dataclass
class MergeResult:
    """What a merge did (or, dry run, would do), per measure and in counts, the backup taken before it, and what
    is left to choose."""

    plan: MergePlan
    backup: Backup | None
    dry_run: bool
    open_conflicts: list[StoredConflict]
    summary: ChangeSummary


def _shares_rows(database: Database, other: UntrustedCopy) -> bool:
    """True when the other document holds this one's measures under their ids: it was made by importing an
    export of this document (JSON or Excel) into a new file."""
    return any(database.row("measures", row_id) is not None for row_id in list(other.tables.get("measures", {}))[:50])


def _check_same_document(database: Database, other: UntrustedCopy, other_path: Path) -> None:
    if other.doc_id != database.doc_id and _shares_rows(database, other):
        raise DifferentDocumentError(
            f"{other_path.name} is a different document, though it holds this document's measures: it was made by "
            "importing an export of this document (JSON or Excel) into a new file, which starts a new document "
            "with the same content but none of its history, so the two cannot be merged. To hand out a copy that "
            "can be merged back, copy the .ita file itself (File ▸ บันทึกสำเนาเป็น…, or copy the file in "
            "Explorer). To take this file's content over yours instead, export it and import that into this "
            "file: for every row it holds, its values replace yours (a backup is taken first). "
            "ไฟล์นี้สร้างจากการนำเข้าข้อมูลที่ส่งออกจากเอกสารนี้ลงในไฟล์ใหม่ จึงเป็นเอกสารคนละฉบับที่ไม่มีประวัติการแก้ไขร่วมกัน "
            "รวมไฟล์ไม่ได้ หากต้องการส่งสำเนาให้หน่วยงานอื่นแล้วรวมกลับ ให้ใช้ “บันทึกสำเนาเป็น…” หรือคัดลอกไฟล์เอกสาร "
            "โดยตรง หากต้องการใช้ข้อมูลในไฟล์นั้นแทน ให้ส่งออกไฟล์นั้นแล้วนำเข้าในเอกสารนี้ (ค่าในไฟล์นั้นจะแทนค่าเดิม "
            "และมีการสำรองไว้ก่อน)")
    if other.doc_id != database.doc_id:
        raise DifferentDocumentError(
            f"{other_path.name} is a copy of a different document (document id {other.doc_id[:8]}…, this one is "
            f"{database.doc_id[:8]}…), so it was not merged. Merge only copies made from this document; to "
            "bring in another office's plan use Import. ไฟล์นี้เป็นเอกสารคนละฉบับ จึงไม่นำมารวม")


def _carried(other: UntrustedCopy, source: str) -> list[StoredConflict]:
    """The open conflicts the other file carries, each about a row it holds, with stamps its clock counted."""
    try:
        carried = stored_conflicts(other.conflicts)
    except (IndexError, TypeError, ValueError):
        carried = None
    for c in carried or []:
        stamps = [s for s in (c.mine_stamp, c.theirs_stamp) if s is not None]
        if c.row_id not in other.tables.get(c.table, {}) or (c.kind == "delete") != (c.field == "deleted") or any(
                n < 0 or n > other.vector.get(replica, 0) for n, replica in stamps):
            carried = None
            break
    if carried is None:
        raise BadFileError(f"{source} was not used: its list of conflicts is damaged. The file was not changed and "
                           "nothing was merged. ไฟล์นี้ใช้ไม่ได้ จึงไม่ได้นำมารวม (ไฟล์ของท่านไม่ถูกเปลี่ยนแปลง)")
    return carried


def merge_copy(database: Database, other: UntrustedCopy, source: str, *, dry_run: bool) -> MergeResult:
    """Merge an already quarantined copy into an open document (see sync.merge for the rules)."""
    if other.doc_id != database.doc_id:
        _check_same_document(database, other, Path(source))
    mine, vector = read_tables(database), database.version_vector()
    held = open_conflicts(database) if has_conflicts(database) else []
    carried = _carried(other, source)
    plan = plan_merge(mine, vector, other.tables, other.vector, FIELDS_OF, [*held, *carried])
    after = apply_plan(mine, plan)
    changes = reconcile_conflicts(plan.conflicts, [(c.id, c) for c in held], carried, after, vector, other.vector)
    plan.conflicts = changes.add  # found now or carried over from the other copy, once each
    plan.conflicts_closed = len(changes.close)
    summary = summarize_changes(mine, after)
    if dry_run or not (plan.changes_content or plan.vector_changed or changes):
        return MergeResult(plan, None, dry_run, [] if database.read_only else held, summary)
    backup = take_backup(database, "before-merge")
    found_at = utc_now()
    with database.transaction():
        for table, rows in plan.writes.items():
            if rows:
                write_merged_rows(database, table, rows)
        fold_vector(database, plan.vector)
        close_conflicts(database, changes.close)
        for stored_id, c in changes.widen:
            widen_conflict(database, stored_id, c.mine, c.mine_stamp, c.theirs, c.theirs_stamp)
        add_conflicts(database, [
            StoredConflict(id=str(uuid.uuid4()), table=c.table, row_id=c.row_id, field=c.field, kind=c.kind,
                           mine=c.mine, mine_stamp=c.mine_stamp, theirs=c.theirs, theirs_stamp=c.theirs_stamp,
                           kept=c.kept, source=source, found_at=found_at)
            for c in plan.conflicts])
        too_big = written_problem(database.conn, SCHEMA_VERSION)
        if too_big:  # rolled back with the transaction: the document stays as it was
            raise MergeTooLargeError(
                f"{source} was not merged: together, the two copies would be past the limits of a document "
                f"({too_big}). Nothing was changed. Delete what is not needed in one of the copies (old years, "
                "measures), then merge again. ไม่ได้รวมไฟล์ เพราะเมื่อรวมกันแล้วเอกสารจะใหญ่เกินกำหนด "
                "(เอกสารไม่ถูกเปลี่ยนแปลง) กรุณาลบข้อมูลที่ไม่ใช้แล้ว (ปีเก่า มาตรการ) ในสำเนาใดสำเนาหนึ่ง แล้วรวมอีกครั้ง")
    return MergeResult(plan, backup, dry_run, open_conflicts(database), summary)


def merge_file(database: Database, other_path: Path, *, dry_run: bool = False,
               use_last_complete: bool = False) -> MergeResult:
    """Read ``other_path`` in quarantine, refuse another document, and merge it into ``database``."""
    other = read_from_elsewhere(other_path, use_last_complete=use_last_complete)
    _check_same_document(database, other, other_path)
    return merge_copy(database, other, other_path.name, dry_run=dry_run)


def resolve_conflict(database: Database, conflict: StoredConflict, choice: str) -> None:
    """The clerk's choice ('mine' or 'theirs') becomes a new change that every copy will take over both values."""
    if choice not in (MINE, THEIRS):
        raise ValueError(choice)
    value: Any = conflict.mine if choice == MINE else conflict.theirs
    with database.transaction():
        if conflict.field == "deleted" and not value:  # keeping an edit over a deletion brings its measure back
            for table, row_id in family_deleted_with(database, conflict.table, conflict.row_id):
                restamp(database, table, row_id, {"deleted": 0})
        restamp(database, conflict.table, conflict.row_id, {conflict.field: value})
        mark_resolved(database, conflict.id, choice)
