"""Long work (export, import) on a worker thread, with progress reports and cancel.

The job function gets a ``progress(done, total, what)`` callback; after cancel() the callback raises
Cancelled, so the job stops at its next report. A Job lives on the GUI thread and re-emits what its
runner (on the worker thread) reports, so whatever is connected to a Job runs on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from ita_desktop.errors import UserError, fault_error
from ita_desktop.gui.qt import QtCore

Progress = Callable[[int, int, str], None]
log = logging.getLogger(__name__)


class Cancelled(Exception):
    """The user pressed Cancel."""


class _Runner(QtCore.QObject):
    """Runs the work on the worker thread; reports through queued signals."""

    progressed = QtCore.Signal(int, int, str)
    succeeded = QtCore.Signal(object)
    failed = QtCore.Signal(str)
    cancelled = QtCore.Signal()
    done = QtCore.Signal()

    def __init__(self, work: Callable[[Progress], Any], cancel: threading.Event) -> None:
        super().__init__()
        self.work, self.cancel = work, cancel

    def report(self, done: int, total: int, what: str) -> None:
        if self.cancel.is_set():
            raise Cancelled
        self.progressed.emit(done, total, what)

    @QtCore.Slot()
    def run(self) -> None:
        try:
            result = self.work(self.report)
        except Cancelled:
            self.cancelled.emit()
        except UserError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # a bug, unless the machine is at fault (a full disk, a read-only or locked file)
            fault = fault_error(exc)
            if fault is not None:
                log.warning("background job stopped by a fault: %s", exc)
                self.failed.emit(fault.message)
            else:
                log.error("background job failed:\n%s", traceback.format_exc())
                self.failed.emit(f"ขออภัย เกิดข้อผิดพลาดภายในโปรแกรม ({type(exc).__name__}) "
                                 "รายละเอียดถูกบันทึกไว้ในไฟล์ log")
        else:
            if self.cancel.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)
        finally:
            self.done.emit()
            QtCore.QThread.currentThread().quit()  # the thread ends even while the GUI thread waits on it


class Job(QtCore.QObject):
    """``work(progress)`` on its own QThread; its signals arrive on the GUI thread."""

    progressed = QtCore.Signal(int, int, str)
    succeeded = QtCore.Signal(object)
    failed = QtCore.Signal(str)  # a Thai/English message for the user
    cancelled = QtCore.Signal()
    finished = QtCore.Signal()

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self.worker_thread = QtCore.QThread()
        self.worker_thread.setObjectName("ita-worker")
        self.runner = _Runner(work, self._cancel)
        self.runner.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.runner.run)
        self.runner.progressed.connect(self.progressed)
        self.runner.succeeded.connect(self.succeeded)
        self.runner.failed.connect(self.failed)
        self.runner.cancelled.connect(self.cancelled)
        self.runner.done.connect(self._done)

    def start(self) -> None:
        self.worker_thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @QtCore.Slot()
    def _done(self) -> None:
        self.worker_thread.wait()
        self.finished.emit()

    def wait(self, ms: int = 30000) -> bool:
        return bool(self.worker_thread.wait(ms))
