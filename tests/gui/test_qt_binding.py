"""The Qt binding keeps Python's reference counts right: PySide6 6.12.0 on CPython 3.11 loses a reference
to None each time a model's data() returns None to Qt, and one to True on every signal emit, so a window
crashed after a few hundred repaints. These checks fail on such a binding (pyproject excludes 6.12.0)."""

from __future__ import annotations

import sys

from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import QtCore


def test_repainting_the_grid_does_not_eat_references_to_none(window: MainWindow) -> None:
    viewport = window.measures_page.view.viewport()
    viewport.repaint()
    before = sys.getrefcount(None)
    for _ in range(50):
        viewport.repaint()
    assert sys.getrefcount(None) - before > -50  # 6.12.0 loses about 50 per repaint here


def test_emitting_signals_does_not_eat_references_to_true() -> None:
    class Sender(QtCore.QObject):
        said = QtCore.Signal(str)

    sender = Sender()
    heard: list[str] = []
    sender.said.connect(heard.append)
    before = sys.getrefcount(True)
    for _ in range(200):
        sender.said.emit("ทดสอบ")
    assert len(heard) == 200
    assert sys.getrefcount(True) - before > -100
