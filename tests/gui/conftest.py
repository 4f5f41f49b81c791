"""GUI fixtures: the prepared QApplication (bundled font, style) and a main window on a real document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ita_desktop.domain.model import Document
from ita_desktop.gui.app import application
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import QtWidgets
from ita_desktop.services.documents import load


@pytest.fixture
def app(qapp: QtWidgets.QApplication) -> QtWidgets.QApplication:
    return application()


@pytest.fixture
def window(app: QtWidgets.QApplication, qtbot: QtBot, sample_doc: Path) -> Iterator[MainWindow]:
    """The main window on the sample document (10 measures, rounds 6 and 12), shown."""
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_document(sample_doc)
    win.resize(1300, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def reopen(path: Path) -> Document:
    """The document as a fresh read-only connection sees it (what is really in the file)."""
    return load(path)
