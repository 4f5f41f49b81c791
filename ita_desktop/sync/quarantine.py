"""Files from elsewhere are read through a private copy, never in place and never trusted.

This is the one module that opens a file from elsewhere (merge, bring-in, save-back's look at the
original, restore of a backup). It follows SQLite's advice for untrusted database files
(https://www.sqlite.org/security.html, "Untrusted SQLite Database Files"; and
https://www.sqlite.org/howtocorrupt.html on hot journals):
- the file is copied **alone**, byte for byte, into a temporary folder of the user data folder, and only
  the copy is opened: read-only, immutable and hardened (storage.untrusted: trusted_schema=OFF,
  cell_size_check=ON, limits, an authorizer, quick_check), then every value is checked (storage.row_rules);
- a `-journal` or `-wal` beside it means its last save did not finish. Its side files are instructions to
  SQLite (a journal may name a file for SQLite to delete, see storage.side_files), so by default the file is
  refused with a message. Only when the clerk confirms is the last complete state used: the journal is
  copied into the private folder, its super-journal record disarmed, and rolled back there; a `-wal` is not
  replayed at all (the file's own last checkpoint is used). Nothing beside the original is ever opened by
  SQLite, and the original's bytes are never written.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from ita_desktop.errors import BadFileError, UserError, fault_error
from ita_desktop.interchange.limits import MAX_DOCUMENT_BYTES, regular_size
from ita_desktop.paths import data_dir
from ita_desktop.storage.database import recover_hot_journal
from ita_desktop.storage.side_files import (
    has_hot_journal,
    has_wal_frames,
    journal_of,
    mark_rollback_mode,
    unfinished_save,
    wal_of,
)
from ita_desktop.storage.untrusted import UntrustedCopy, read_untrusted

MAX_FILE_BYTES = MAX_DOCUMENT_BYTES  # a year's plan is well under 10 MB


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class UnfinishedSaveError(BadFileError):
    """The file's last save did not finish on the PC it came from; used only if the clerk confirms."""

    exit_code = 10


def unfinished_message(path: Path, side: str) -> str:
    return (f"{path.name} was not saved completely (a {path.name}{side} file is beside it: the program on the "
            "other PC stopped, or the stick was pulled, while saving), so it was not used and nothing was changed. "
            "Best: open and save it again on the PC it came from. To use the last completely saved state of the "
            "file instead, run the command again with --use-last-complete. "
            f"ไฟล์นี้ถูกบันทึกไม่เสร็จ (มีไฟล์ {side} อยู่ข้างกัน) จึงยังไม่นำมาใช้ "
            "ควรเปิดและบันทึกไฟล์อีกครั้งที่เครื่องต้นทาง หรือเลือกใช้ข้อมูลที่บันทึกครบล่าสุด")


def _copy(source: Path, target: Path) -> None:
    try:
        regular_size(source, MAX_FILE_BYTES, "a document")
    except UserError as exc:
        if "larger than" in exc.message:
            raise BadFileError(f"{source.name} is {source.stat().st_size // (1024 * 1024)} MB, far larger than any "
                               "ITA document; it was not used. ไฟล์มีขนาดใหญ่ผิดปกติ จึงไม่นำมาใช้") from None
        raise
    try:
        shutil.copyfile(source, target)
    except OSError as exc:
        # a source that reads well: the private copy could not be written (the user data folder's drive is full
        # or read-only), which is not the file's fault
        fault = fault_error(OSError(exc.errno, exc.strerror, str(target.parent.parent))) if _readable(source) else None
        if fault is not None:
            raise UserError(f"{source.name} was not used and nothing was changed: its private copy could not be made "
                            f"in ITA Desktop's own folder. {fault.message}") from None
        raise UserError(f"Cannot read {source}: {exc.strerror or exc}. อ่านไฟล์ไม่ได้ "
                        "(ถ้าเป็นแฟลชไดรฟ์ กรุณาเสียบใหม่แล้วลองอีกครั้ง)") from None


def _readable(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            fh.read(1)
        return True
    except OSError:
        return False


def recovered_copy(path: Path, folder: Path) -> Path:
    """A private copy of ``path`` in ``folder`` as SQLite would see it once its unfinished save is undone
    (journal rolled back with its super-journal record disarmed) or finished (a -wal's commits read); for a
    check that must write nothing beside the original."""
    private = folder / "checked.ita"
    _copy(path, private)
    if has_hot_journal(path):
        _copy(journal_of(path), journal_of(private))
        recover_hot_journal(private)
    elif has_wal_frames(path):
        _copy(wal_of(path), wal_of(private))
    return private


def _copy_in(path: Path, folder: Path, *, use_last_complete: bool) -> tuple[Path, str]:
    if path.exists() and not path.is_file():
        raise BadFileError(f"{path} is not a document file (it is a folder or a device); it was not used. "
                           "ไม่ใช่ไฟล์เอกสาร")
    side = unfinished_save(path)
    if side and not use_last_complete:
        raise UnfinishedSaveError(unfinished_message(path, side))
    private = folder / "incoming.ita"
    _copy(path, private)
    digest = file_sha256(private)  # of the bytes as they were on the stick, before any recovery
    if side == "-journal":
        _copy(journal_of(path), journal_of(private))
        recover_hot_journal(private)  # in the private folder, its super-journal record disarmed first
    mark_rollback_mode(private)  # a lone WAL-mode copy: never look for a -wal
    return private, digest


def quarantine(path: Path, *, use_last_complete: bool = False) -> tuple[UntrustedCopy, str]:
    """Check and read a document file from elsewhere through a private copy; BadFileError when unusable
    (UnfinishedSaveError when its last save did not finish and ``use_last_complete`` was not chosen).
    Also returns the SHA-256 of the bytes that were read (what "the original" was at that moment)."""
    with tempfile.TemporaryDirectory(prefix="quarantine-", dir=data_dir()) as tmp:
        private, digest = _copy_in(path, Path(tmp), use_last_complete=use_last_complete)
        return read_untrusted(private, shown=path), digest


def read_from_elsewhere(path: Path, *, use_last_complete: bool = False) -> UntrustedCopy:
    """Check and read a document file from elsewhere through a private copy; BadFileError when unusable."""
    return quarantine(path, use_last_complete=use_last_complete)[0]
