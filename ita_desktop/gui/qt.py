"""The one place the GUI imports Qt from, so the binding and PyInstaller's hidden imports are kept together.

Other gui modules write ``from ita_desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt``.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtSvg, QtUiTools, QtWidgets
from PySide6.QtCore import Qt

# Modules PyInstaller cannot see through the imports above (loaded by Qt itself or lazily by us).
HIDDEN_IMPORTS: tuple[str, ...] = (
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtSvg",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
)


def pdf_preview_available() -> bool:
    """True when QtPdf (PySide6-Addons) is installed, so exported PDFs can be previewed in the window."""
    import importlib.util

    return importlib.util.find_spec("PySide6.QtPdfWidgets") is not None


__all__ = ["HIDDEN_IMPORTS", "Qt", "QtCore", "QtGui", "QtSvg", "QtUiTools", "QtWidgets", "pdf_preview_available"]
