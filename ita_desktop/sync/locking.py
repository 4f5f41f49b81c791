"""One writer per working copy: a lock file beside it naming the process, PC and time that holds it.

SQLite's own locks last only for a transaction and do not work reliably on network shares, so the app
keeps its own: `<document>.lock`, created exclusively. A second window or PC gets a clear message and opens
the document read-only. A lock left by a process that no longer runs on this PC is stale and reclaimed;
a lock from another PC cannot be checked, so it is reclaimed only when older than STALE_FOREIGN_AFTER.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ita_desktop.errors import UserError

STALE_FOREIGN_AFTER = timedelta(hours=12)


@dataclass(frozen=True)
class LockInfo:
    """Who holds a document: process id, PC, user, since when (UTC)."""

    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}, since {self.since} UTC)"


class DocumentLockedError(UserError):
    """Another program window or PC is editing this document."""

    exit_code = 6

    def __init__(self, path: Path, holder: LockInfo) -> None:
        super().__init__(
            f"{path.name} is being edited by {holder.describe()}; it can only be opened read-only until that "
            f"window is closed. เอกสารนี้กำลังถูกแก้ไขโดย {holder.user} ที่เครื่อง {holder.host} "
            "จึงเปิดได้แบบอ่านอย่างเดียว")
        self.holder = holder


def lock_path(document: Path) -> Path:
    return document.with_name(document.name + ".lock")


def _this_process() -> LockInfo:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "?"
    return LockInfo(pid=os.getpid(), host=socket.gethostname(), user=user,
                    since=datetime.now(UTC).isoformat(timespec="seconds"))


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(document: Path) -> LockInfo | None:
    """The holder named in the lock file, or None when there is none (an unreadable lock counts as held)."""
    try:
        data = json.loads(lock_path(document).read_text(encoding="utf-8"))
        return LockInfo(pid=int(data["pid"]), host=str(data["host"]), user=str(data["user"]),
                        since=str(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockInfo(pid=0, host="?", user="?", since="?")


def is_stale(holder: LockInfo, now: datetime | None = None) -> bool:
    """A lock whose process is gone (same PC), or a foreign/unreadable one older than STALE_FOREIGN_AFTER."""
    if holder.host == socket.gethostname():
        return not _pid_alive(holder.pid)
    try:
        since = datetime.fromisoformat(holder.since)
    except ValueError:
        return True
    return (now or datetime.now(UTC)) - since > STALE_FOREIGN_AFTER


class DocumentLock:
    """The single-writer lock of one document; use as a context manager or acquire()/release()."""

    def __init__(self, document: Path) -> None:
        self.document = document
        self.path = lock_path(document)
        self.held = False

    def acquire(self) -> DocumentLock:
        """Take the lock, reclaiming a stale one; DocumentLockedError when someone else holds it."""
        me = _this_process()
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = read_lock(self.document)
                if holder is None:
                    continue
                if holder.pid == me.pid and holder.host == me.host:
                    raise DocumentLockedError(self.document, holder) from None
                if not is_stale(holder):
                    raise DocumentLockedError(self.document, holder) from None
                self.path.unlink(missing_ok=True)  # stale: its process is gone
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(me.__dict__, fh)
                fh.flush()
                os.fsync(fh.fileno())
            self.held = True
            return self
        holder = read_lock(self.document) or me
        raise DocumentLockedError(self.document, holder)

    def release(self) -> None:
        if self.held:
            self.held = False
            holder = read_lock(self.document)
            if holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname():
                self.path.unlink(missing_ok=True)

    def __enter__(self) -> DocumentLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
