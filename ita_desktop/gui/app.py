"""Starting the window: one QApplication with the bundled Thai font, the style, and crash logging."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import NoReturn

from ita_desktop.gui.fonts import apply_ui_font, register_fonts
from ita_desktop.gui.qt import QtCore, QtWidgets
from ita_desktop.gui.style import apply_style, icon

log = logging.getLogger(__name__)
_prepared: set[int] = set()


def application() -> QtWidgets.QApplication:
    """The QApplication, created and prepared (font, style, names) once."""
    app = QtWidgets.QApplication.instance()
    if app is None:
        QtCore.QCoreApplication.setOrganizationName("ITA Desktop")
        QtCore.QCoreApplication.setApplicationName("ITA Desktop")
        app = QtWidgets.QApplication(sys.argv[:1])
    assert isinstance(app, QtWidgets.QApplication)
    if id(app) not in _prepared:
        family = register_fonts()
        apply_style(app)
        from ita_desktop.gui.settings import Preferences

        apply_ui_font(app, family, int(Preferences().get("ui/font_size")))
        app.setWindowIcon(icon("app"))
        _prepared.add(id(app))
    return app


def create_window(path: Path | None):  # type: ignore[no-untyped-def]
    """A shown-ready main window on ``path`` (or the per-user default document)."""
    from ita_desktop.gui.main_window import MainWindow
    from ita_desktop.paths import default_document_path
    from ita_desktop.services.documents import ensure_default_document

    application()
    window = MainWindow()
    window.open_document(path if path is not None else ensure_default_document(default_document_path()))
    return window


def _log_crash(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """A bug: the traceback goes to the log file, the user gets a short apology, the window stays. A fault of the
    machine (a full disk, a read-only drive, a locked file) is said in plain Thai instead, never called a bug."""
    from ita_desktop.errors import fault_error
    from ita_desktop.gui.sync_actions import thai_part

    fault = fault_error(value)
    if fault is None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
    else:
        log.warning("stopped by a fault: %s", value)
    app = QtWidgets.QApplication.instance()
    if isinstance(app, QtWidgets.QApplication):
        parent = app.activeWindow()
        text = thai_part(fault.message) if fault is not None else (
            "ขออภัย เกิดข้อผิดพลาดภายในโปรแกรม งานที่บันทึกแล้วไม่สูญหาย รายละเอียดถูกบันทึกไว้ในไฟล์ log ของโปรแกรม")
        QtWidgets.QMessageBox.critical(parent, "ITA Desktop", text)


def _setup_logging() -> None:
    from ita_desktop.paths import log_dir

    handler = logging.FileHandler(log_dir() / "ita-desktop.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)


def _warm_up() -> None:
    try:
        from ita_desktop.services.exporting import warm_up_pdf

        warm_up_pdf()
    except Exception:  # only a head start: the export itself reports whatever is wrong
        log.warning("warming up the PDF export failed:\n%s", traceback.format_exc())


def start_warm_up() -> threading.Thread:
    """Load the PDF writer, fonts and word dictionary on a worker thread, so the clerk's first export is as quick
    as later ones. The GUI thread only starts the thread; the window is already shown and stays responsive."""
    thread = threading.Thread(target=_warm_up, name="ita-warm-up")
    thread.start()
    return thread


def run_app(path: Path | None) -> int:
    """`ita-desktop [FILE]`: open the window and run until it is closed."""
    _setup_logging()
    app = application()
    sys.excepthook = _log_crash
    window = create_window(path)
    window.show_on_screen()
    # once the event loop runs, i.e. after the window's first paint
    QtCore.QTimer.singleShot(0, start_warm_up)
    code = int(app.exec())
    _end_process(code)
    return code  # not reached: kept for the type checker and for readers


def _end_process(code: int) -> NoReturn:
    """Leave as soon as the window is closed. By now the document is closed (its lock released, every edit in the
    file), so the interpreter's own teardown, freeing every Qt wrapper, font and the word dictionary one by one, is
    work no one waits for; it kept the process alive 1-4 s after the window had gone, long enough for a clerk who
    reopens at once to find the document still "in use". Logs and streams are flushed first."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):  # None in the frozen window build, which has no console
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(code)
