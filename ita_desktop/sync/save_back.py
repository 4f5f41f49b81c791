"""Saving a working copy back to its origin (Ctrl+S, บันทึกกลับไปยังไฟล์ต้นฉบับ), and handing out copies.

The file on the stick is replaced only by a complete, verified file, so at every moment it is either the
old version or the new one:
  1. a consistent snapshot (backup API) is written to a temporary file next to the target and flushed;
  2. the temporary file is reopened and checked (quick_check, schema, same content as the working copy);
  3. it is renamed over the target (retried for a few seconds: antivirus on Windows holds new files);
  4. the target is reopened and checked again; only then is the stick reported safe to remove.
A failure before step 3 leaves the old file untouched; any failure says so in Thai and keeps the working
copy as it is. If the original was changed by someone else since it was brought in, saving back is
refused until that copy has been merged in (merge_origin), so nobody's work is overwritten.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ita_desktop.errors import BadFileError, UserError
from ita_desktop.storage.database import Database, check_file
from ita_desktop.storage.side_files import has_hot_journal, journal_of, unfinished_save
from ita_desktop.storage.snapshots import content_digest, fsync_file, fsync_folder, write_snapshot
from ita_desktop.sync.backups import replace_with_retries
from ita_desktop.sync.merging import MergeResult, merge_copy
from ita_desktop.sync.quarantine import file_sha256, quarantine
from ita_desktop.sync.working_copy import WorkingCopy, require_origin


class SaveBackError(UserError):
    """Saving back did not finish; the message says what state the file on the stick is in."""

    exit_code = 8


class OriginChangedError(UserError):
    """Someone else saved the original since it was brought in; merge it first."""

    exit_code = 9


@dataclass(frozen=True)
class SaveBackResult:
    target: Path
    safe_to_remove: bool
    message: str


KEEP_OLD = ("The previous file there is intact and unchanged; your working copy keeps all your work. "
            "ไฟล์เดิมที่ปลายทางยังอยู่ครบ ไม่ถูกเปลี่ยนแปลง และข้อมูลในเครื่องยังอยู่ครบ")


def _verify(path: Path, expected: str) -> None:
    check_file(path)
    with Database.open(path, read_only=True) as copy:
        if content_digest(copy) != expected:
            raise UserError("the file read back differs from the working copy")


def _remove_stale_journal(target: Path) -> None:
    """A `-journal` beside the target that SQLite would not roll back (empty or zeroed: a save killed before it
    wrote one, or after it finished) holds nothing; once the new file is in place it would only stay on the stick
    and look like an unfinished save. A hot one was refused before anything was written."""
    journal = journal_of(target)
    if journal.exists() and not has_hot_journal(target):
        with contextlib.suppress(OSError):
            journal.unlink()


def place_snapshot(source: Path, target: Path, *, renew_replica: bool = False,
                   replace: Callable[[Path, Path], None] = os.replace) -> str:
    """Write a verified snapshot of ``source`` over ``target`` by temp file + flush + rename; returns the
    SHA-256 of the bytes now at ``target``. ``renew_replica``: a copy handed out gets its own replica id."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.saving")
    # from a save-back that was cut off: its temporary file and that file's own -journal (never the target's)
    for leftover in [*target.parent.glob(f".{target.name}.*.saving"),
                     *target.parent.glob(f".{target.name}.*.saving-journal")]:
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)
    side = unfinished_save(target)
    if side:  # SQLite would apply that -journal or -wal to the new file: it must be dealt with first
        raise SaveBackError(f"{target.name} has an unfinished change from another program (a {side} file is "
                            f"beside it); save it again on the PC it came from first. {KEEP_OLD}")
    try:
        with Database.open(source, read_only=True) as database:
            write_snapshot(database, tmp)
        if renew_replica:
            with Database.open(tmp) as handed_out:
                handed_out.renew_replica()
            fsync_file(tmp)
        with Database.open(tmp, read_only=True) as snapshot:
            expected = content_digest(snapshot)
        if not renew_replica:
            with Database.open(source, read_only=True) as database:
                if content_digest(database) != expected:
                    raise UserError("the snapshot differs from the working copy")
        _verify(tmp, expected)
        replace_with_retries(tmp, target, replace=replace)
        _remove_stale_journal(target)
    except (OSError, sqlite3.Error, UserError) as exc:
        for ours in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(OSError):  # a read-only or pulled stick: the message below still stands
                ours.unlink(missing_ok=True)
        detail = exc.message if isinstance(exc, UserError) else (getattr(exc, "strerror", None) or str(exc))
        raise SaveBackError(f"Saving to {target} failed ({detail}). {KEEP_OLD} "
                            "บันทึกกลับไม่สำเร็จ กรุณาตรวจสอบแฟลชไดรฟ์แล้วลองอีกครั้ง") from None
    try:
        fsync_folder(target.parent)
        _verify(target, expected)
        return file_sha256(target)
    except (OSError, UserError) as exc:
        detail = exc.message if isinstance(exc, UserError) else (exc.strerror or str(exc))
        raise SaveBackError(
            f"{target} was written but could not be read back correctly ({detail}). Do not remove the stick; "
            "save back again. Your working copy keeps all your work. ไฟล์ที่บันทึกอ่านกลับไม่ถูกต้อง "
            "ห้ามถอดแฟลชไดรฟ์ กรุณาบันทึกกลับอีกครั้ง ข้อมูลในเครื่องยังอยู่ครบ") from None


def origin_is_covered(copy: WorkingCopy) -> bool:
    """True when overwriting the origin loses nothing: it holds the bytes last seen, or every change in it
    (by its version vector) is already in the working copy, e.g. our own save-back cut off before it was
    recorded. A copy of another document, or newer work by someone else, is not covered."""
    origin = require_origin(copy)
    if not origin.exists() or file_sha256(origin) == copy.origin_sha256:
        return True
    try:
        incoming, _ = quarantine(origin)
    except BadFileError:
        return True  # a damaged original holds nothing that could be merged; the working copy is sound
    with Database.open(copy.path, read_only=True) as database:
        mine, doc_id = database.version_vector(), database.doc_id
    return incoming.doc_id == doc_id and all(mine.get(r, 0) >= n for r, n in incoming.vector.items())


def save_back(copy: WorkingCopy, *, replace: Callable[[Path, Path], None] = os.replace) -> SaveBackResult:
    """Write the working copy back to its origin safely (see the module docstring)."""
    origin = require_origin(copy)
    if not origin.parent.exists():
        raise SaveBackError(f"The folder of {origin} cannot be found (is the USB stick plugged in?). {KEEP_OLD} "
                            "ไม่พบโฟลเดอร์ปลายทาง กรุณาเสียบแฟลชไดรฟ์")
    if not origin_is_covered(copy):
        raise OriginChangedError(
            f"{origin.name} was changed by someone else after you brought it in; merge it into your copy first "
            "(File ▸ Merge, or ita-desktop merge), then save back. Nothing was written. ไฟล์ต้นฉบับถูกแก้ไขโดยผู้อื่น "
            "หลังจากที่ท่านนำมา กรุณารวมไฟล์ก่อน แล้วจึงบันทึกกลับ")
    digest = place_snapshot(copy.path, origin, replace=replace)
    copy.origin_sha256 = digest
    copy.save_record()
    return SaveBackResult(origin, True, f"Saved to {origin}; it is safe to remove the stick. "
                                        "บันทึกกลับเรียบร้อย ถอดแฟลชไดรฟ์ได้อย่างปลอดภัย")


def merge_origin(copy: WorkingCopy, database: Database) -> MergeResult:
    """Merge what someone else saved into the origin, and remember those bytes as seen (saving back is allowed)."""
    origin = require_origin(copy)
    incoming, digest = quarantine(origin)
    result = merge_copy(database, incoming, origin.name, dry_run=False)
    copy.origin_sha256 = digest
    copy.save_record()
    return result


def hand_out_copy(document: Path, target: Path) -> Path:
    """A copy for a department (on a stick): verified, with its own replica id."""
    place_snapshot(document, target, renew_replica=True)
    return target
