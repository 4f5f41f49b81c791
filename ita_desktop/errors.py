"""The one error type a user can fix. Everything else is a bug and is logged with its traceback."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix: shown as a one-paragraph message, never as a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class BadFileError(UserError):
    """The file cannot be used as a document (not ours, damaged, too new, tampered with)."""

    exit_code = 3


class ValidationError(UserError):
    """Input data is wrong; ``path`` names the bad field, e.g. ``years[0].measures[3].end``."""

    exit_code = 4

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


# What the machine, not the program, did wrong: a full disk, a read-only stick, a file another program holds.
# errno names, so the table reads the same on Windows (which has no EROFS in some builds).
_DISK_FULL = {"ENOSPC", "EDQUOT", "EFBIG"}
_READ_ONLY = {"EROFS", "EACCES", "EPERM"}


def _errno_name(exc: OSError) -> str:
    import errno

    return errno.errorcode.get(exc.errno or 0, "")


def fault_error(exc: BaseException) -> UserError | None:
    """The user error for a fault of the machine (disk full, read-only, locked, I/O error), or None for a bug.

    Every write path already cleans up after itself (temporary names, transactions); this only gives the fault
    its plain words, so it is never shown as "a bug". SQLite's messages are matched by text (it reports all of
    these as sqlite3.OperationalError)."""
    name = getattr(exc, "filename", None)
    where = f" ({name})" if name else ""
    text = str(exc).lower() if type(exc).__module__ == "sqlite3" else ""
    if (isinstance(exc, OSError) and _errno_name(exc) in _DISK_FULL) or "database or disk is full" in text:
        return UserError(f"The disk is full{where}: nothing was saved there and no half-written file was left. "
                         "Free some space (or use another drive) and try again. พื้นที่ดิสก์เต็ม บันทึกไม่ได้ "
                         "กรุณาลบไฟล์ที่ไม่ใช้หรือใช้ไดรฟ์อื่น แล้วลองอีกครั้ง")
    if (isinstance(exc, OSError) and _errno_name(exc) in _READ_ONLY) or "readonly database" in text:
        return UserError(f"Cannot write{where}: the file, its folder or the drive is read-only (or another program "
                         "holds it). Copy the file to your own computer and try there. ไม่สามารถบันทึกได้ "
                         "(ไฟล์หรือไดรฟ์เป็นแบบอ่านอย่างเดียว)")
    if "database is locked" in text or "database table is locked" in text:
        return UserError("Another program or window is saving this document right now; nothing was changed. "
                         "Wait for it to finish (or close the other window) and try again. "
                         "มีโปรแกรมอื่นกำลังบันทึกเอกสารนี้อยู่ กรุณารอสักครู่แล้วลองอีกครั้ง", exit_code=6)
    if (isinstance(exc, OSError) and _errno_name(exc) == "EIO") or "disk i/o error" in text:
        return UserError(f"The drive could not be read or written{where} (an input/output error: a pulled USB "
                         "stick or a failing disk). Nothing was saved; check the drive and try again. "
                         "อ่าน/เขียนไดรฟ์ไม่ได้ กรุณาตรวจสอบแฟลชไดรฟ์แล้วลองอีกครั้ง")
    return None
