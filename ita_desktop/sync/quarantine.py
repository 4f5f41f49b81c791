"""Files from elsewhere are read through a private copy, never in place and never trusted.

The copy is made byte for byte into a temporary folder of the user data folder (a `-journal` left beside
the file is copied too, so an interrupted write on the other PC is rolled back in the copy, not on the
stick). Only the copy is opened, read-only and hardened (storage.untrusted). Nothing here writes to the
file from elsewhere or to the local document.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from ita_desktop.errors import BadFileError, UserError
from ita_desktop.paths import data_dir
from ita_desktop.storage.untrusted import UntrustedCopy, read_untrusted

MAX_FILE_BYTES = 256 * 1024 * 1024  # a year's plan is well under 10 MB


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _copy_in(path: Path, folder: Path) -> tuple[Path, str]:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"{path} does not exist. ไม่พบไฟล์") from None
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}. อ่านไฟล์ไม่ได้") from None
    if size > MAX_FILE_BYTES:
        raise BadFileError(f"{path.name} is {size // (1024 * 1024)} MB, far larger than any ITA document; "
                           "it was not used. ไฟล์มีขนาดใหญ่ผิดปกติ จึงไม่นำมาใช้")
    private = folder / "incoming.ita"
    try:
        shutil.copyfile(path, private)
        journal = path.with_name(path.name + "-journal")
        if journal.exists():
            shutil.copyfile(journal, folder / "incoming.ita-journal")
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}. อ่านไฟล์ไม่ได้ "
                        "(ถ้าเป็นแฟลชไดรฟ์ กรุณาเสียบใหม่แล้วลองอีกครั้ง)") from None
    digest = file_sha256(private)  # of the bytes as they were on the stick, before any recovery
    if (folder / "incoming.ita-journal").exists():
        from ita_desktop.storage.database import _recover_hot_journal

        _recover_hot_journal(private)
    return private, digest


def quarantine(path: Path) -> tuple[UntrustedCopy, str]:
    """Check and read a document file from elsewhere through a private copy; BadFileError when unusable.
    Also returns the SHA-256 of the bytes that were read (what "the original" was at that moment)."""
    with tempfile.TemporaryDirectory(prefix="quarantine-", dir=data_dir()) as tmp:
        private, digest = _copy_in(path, Path(tmp))
        return read_untrusted(private), digest


def read_from_elsewhere(path: Path) -> UntrustedCopy:
    """Check and read a document file from elsewhere through a private copy; BadFileError when unusable."""
    return quarantine(path)[0]
