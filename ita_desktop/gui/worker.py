"""Long work (export, import) on a worker thread, with progress reports and cancel.

The job function gets a ``progress(done, total, what)`` callback; after cancel() the callback raises
Cancelled, so the job stops at its next report. Widgets are only touched from the signals' GUI-side slots.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from ita_desktop.errors import UserError
from ita_desktop.gui.qt import QtCore

Progress = Callable[[int, int, str], None]
log = logging.getLogger(__name__)


class Cancelled(Exception):
    """The user pressed Cancel."""


class Job(QtCore.QObject):
    """Runs ``work(progress)`` on its own QThread; reports with queued signals."""

    progressed = QtCore.Signal(int, int, str)
    succeeded = QtCore.Signal(object)
    failed = QtCore.Signal(str)  # a Thai/English message for the user
    cancelled = QtCore.Signal()
    finished = QtCore.Signal()

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.work = work
        self._cancel = threading.Event()
        self.worker_thread = QtCore.QThread()
        self.worker_thread.setObjectName("ita-worker")
        self.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self._run)
        self.finished.connect(self.worker_thread.quit)

    def start(self) -> None:
        self.worker_thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def _report(self, done: int, total: int, what: str) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.progressed.emit(done, total, what)

    def _run(self) -> None:
        try:
            result = self.work(self._report)
        except Cancelled:
            self.cancelled.emit()
        except UserError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # a bug: logged with its traceback, a short apology on screen
            log.error("background job failed:\n%s", traceback.format_exc())
            self.failed.emit(f"ขออภัย เกิดข้อผิดพลาดภายในโปรแกรม ({type(exc).__name__}) รายละเอียดถูกบันทึกไว้ในไฟล์ log")
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)
        finally:
            self.finished.emit()

    def wait(self, ms: int = 30000) -> bool:
        return bool(self.worker_thread.wait(ms))
