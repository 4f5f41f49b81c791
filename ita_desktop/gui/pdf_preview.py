"""A preview of an exported PDF inside the window, used only when QtPdf (PySide6-Addons) is installed."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from ita_desktop.gui.qt import QtWidgets


def show_pdf(parent: QtWidgets.QWidget, path: Path) -> QtWidgets.QDialog:
    """Open a non-modal dialog showing ``path`` page by page."""
    qtpdf: Any = importlib.import_module("PySide6.QtPdf")
    qtpdfwidgets: Any = importlib.import_module("PySide6.QtPdfWidgets")
    dialog = QtWidgets.QDialog(parent)
    dialog.setWindowTitle(path.name)
    dialog.resize(900, 1000)
    document = qtpdf.QPdfDocument(dialog)
    document.load(str(path))
    view = qtpdfwidgets.QPdfView(dialog)
    view.setPageMode(qtpdfwidgets.QPdfView.PageMode.MultiPage)
    view.setDocument(document)
    layout = QtWidgets.QVBoxLayout(dialog)
    layout.addWidget(view)
    dialog.show()
    return dialog
