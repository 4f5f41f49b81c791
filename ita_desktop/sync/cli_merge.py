"""`ita-desktop merge FILE OTHER [--dry-run]`, and the backups/restore commands beside it.

Exit codes: 0 merged (or nothing to merge) with no conflict left; EXIT_CONFLICTS (5) when conflicts wait for
the clerk (both values are listed, and kept in the file); the usual UserError codes for refused files
(3 damaged/untrusted, 6 locked by another window, 7 a different document).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ita_desktop.errors import UserError
from ita_desktop.storage.database import Database
from ita_desktop.storage.merge_store import StoredConflict
from ita_desktop.sync.backups import list_backups, restore_backup
from ita_desktop.sync.labels import FIELD_TH, TABLE_TH, describe_row, value_text
from ita_desktop.sync.locking import CLI_WAIT_SECONDS, DocumentLock
from ita_desktop.sync.merge import Conflict
from ita_desktop.sync.merging import EXIT_CONFLICTS, MergeResult, merge_file


def _counts(result: MergeResult) -> list[str]:
    plan = result.plan
    lines = []
    for table in plan.writes:
        parts = [f"{n} {word}" for n, word in ((plan.added[table], "added / เพิ่ม"),
                                                (plan.changed[table], "changed / แก้ไข"),
                                                (plan.deleted[table], "deleted / ลบ")) if n]
        if parts:
            lines.append(f"  {TABLE_TH.get(table, table)} ({table}): " + ", ".join(parts))
    if plan.conflicts_closed:
        lines.append(f"  {plan.conflicts_closed} conflict(s) resolved on the other copy / "
                     "ข้อมูลที่เลือกแล้วในไฟล์อื่น")
    return lines


def _conflict_lines(database: Database, conflicts: Sequence[StoredConflict | Conflict]) -> list[str]:
    lines = []
    for i, c in enumerate(conflicts, 1):
        where = describe_row(database, c.table, c.row_id)
        field = FIELD_TH.get(c.field, c.field)
        kept = "this file / ไฟล์นี้" if c.kept == "mine" else "other file / ไฟล์อื่น"
        lines.append(f"  {i}. {where} — {field} ({c.field}):")
        lines.append(f"       this file / ไฟล์นี้:   {value_text(c.field, c.mine)}")
        lines.append(f"       other file / ไฟล์อื่น: {value_text(c.field, c.theirs)}")
        lines.append(f"       shown for now / แสดงค่าของ: {kept}")
    return lines


def run_merge(file: Path, other: Path, *, dry_run: bool, use_last_complete: bool = False) -> int:
    """Merge OTHER into FILE (or, dry run, print what would change); see the module docstring for exit codes."""
    if not file.exists():
        raise UserError(f"{file} does not exist. ไม่พบไฟล์")
    if dry_run:
        with Database.open(file, read_only=True) as database:
            result = merge_file(database, other, dry_run=True, use_last_complete=use_last_complete)
            return _report(database, result, file, other)
    with DocumentLock(file, wait=CLI_WAIT_SECONDS), Database.open(file) as database:
        result = merge_file(database, other, use_last_complete=use_last_complete)
        return _report(database, result, file, other)


def _report(database: Database, result: MergeResult, file: Path, other: Path) -> int:
    plan = result.plan
    counts = _counts(result)
    verb = "would change" if result.dry_run else "merged"
    if not counts and not plan.conflicts:
        print(f"{other.name}: nothing new to merge into {file.name}. ไม่มีข้อมูลใหม่ที่ต้องรวม")
    else:
        print(f"{other.name} → {file.name}: {verb}{' (dry run, nothing written)' if result.dry_run else ''}")
        print("\n".join(counts) if counts else "  (no row changes)")
        if result.summary:
            print("what changed / สิ่งที่เปลี่ยนไป:" if not result.dry_run else "what would change / สิ่งที่จะเปลี่ยนไป:")
            print("\n".join(f"  - {line}" for line in result.summary.lines()))
    if result.backup is not None:
        print(f"backup before the merge / สำรองก่อนรวม: {result.backup.path}")
        print(f"to undo / ยกเลิกการรวม: ita-desktop restore \"{file}\" \"{result.backup.path}\"")
    conflicts: Sequence[StoredConflict | Conflict] = plan.conflicts if result.dry_run else result.open_conflicts
    if conflicts:
        word = "would be" if result.dry_run else "are"
        print(f"{len(conflicts)} conflict(s) {word} left for you to choose (both values are kept). "
              f"มีข้อมูลที่ถูกแก้ไขทั้งสองฝั่ง {len(conflicts)} รายการ กรุณาเลือกค่าที่ต้องการในหน้าต่างโปรแกรม:")
        print("\n".join(_conflict_lines(database, conflicts)))
        return EXIT_CONFLICTS
    return 0


def run_backups(file: Path) -> int:
    """`ita-desktop backups FILE`: list the backups of a document, newest first."""
    backups = list_backups(file)
    if not backups:
        print(f"no backups of {file.name} yet. ยังไม่มีไฟล์สำรอง")
    for b in backups:
        print(f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.reason:<15} {b.reason_th}  {b.path}")
    return 0


def run_restore(file: Path, backup: Path, *, use_last_complete: bool = False) -> int:
    """`ita-desktop restore FILE BACKUP`: put a backup in place (the current state is backed up first)."""
    if not backup.exists():
        raise UserError(f"{backup} does not exist. ไม่พบไฟล์สำรอง")
    with DocumentLock(file, wait=CLI_WAIT_SECONDS):
        before = restore_backup(file, backup, use_last_complete=use_last_complete)
    print(f"restored {file.name} from {backup.name}. กู้คืนเรียบร้อย")
    print(f"the state before the restore was saved as / สำรองก่อนกู้คืน: {before.path}")
    return 0


def run_bring_in(origin: Path, *, use_last_complete: bool = False) -> int:
    """`ita-desktop bring-in ORIGIN`: make (or find) the local working copy of a file on a stick or share."""
    from ita_desktop.sync.working_copy import bring_in

    copy, created = bring_in(origin, use_last_complete=use_last_complete)
    state = "brought in as" if created else "already has the working copy"
    print(f"{origin} {state} {copy.path}. แก้ไขไฟล์ในเครื่อง แล้วใช้ save-back เพื่อบันทึกกลับ")
    if not created and copy.origin_changed():
        print(f"note: {origin.name} changed since; merge it: ita-desktop merge \"{copy.path}\" \"{origin}\". "
              "ไฟล์ต้นฉบับมีการเปลี่ยนแปลง กรุณารวมไฟล์")
    return 0


def run_save_back(file: Path) -> int:
    """`ita-desktop save-back FILE`: write a working copy back to its origin (temp, flush, rename, verify)."""
    from ita_desktop.sync.save_back import save_back
    from ita_desktop.sync.working_copy import load_working_copy

    copy = load_working_copy(file)
    if copy is None:
        raise UserError(f"{file} is not a working copy brought in from elsewhere (use bring-in first). "
                        "เอกสารนี้ไม่ได้นำมาจากที่อื่น")
    with DocumentLock(file, wait=CLI_WAIT_SECONDS):
        result = save_back(copy)
    print(result.message)
    return 0
