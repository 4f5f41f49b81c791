"""The look: a light, calm office style (Fusion + a small stylesheet), Thai font everywhere."""

from __future__ import annotations

from ita_desktop.gui.qt import QtGui, QtWidgets
from ita_desktop.paths import resource

STYLESHEET = """
QMainWindow, QDialog { background: #f6f8fb; }
QListWidget#navigation { background: #ffffff; border: none; border-right: 1px solid #dde3ea; padding: 6px 4px; }
QListWidget#navigation::item { padding: 7px 8px; border-radius: 6px; margin: 1px 2px; color: #24303d; }
QListWidget#navigation::item:selected { background: #e3edf9; color: #174a86; }
QListWidget#navigation::item:hover:!selected { background: #f1f5fa; }
QLabel#pageHeading { font-size: 15pt; font-weight: bold; color: #1d3557; padding: 2px 0 4px 0; }
QLabel#sectionHeading { font-size: 13pt; font-weight: bold; color: #1d3557; }
QLabel#navCaption { color: #6b7a8c; padding: 8px 8px 2px 8px; }
QLabel#progressSummary { color: #205c36; font-weight: bold; padding: 2px 8px;
                         background: #e3f4e8; border-radius: 6px; }
QLabel#hint { color: #6b7a8c; }
QLabel#emptyHint { color: #51606f; font-size: 13pt; background: transparent; }
QTableView { background: #ffffff; gridline-color: #e1e6ec; selection-background-color: #cfe2f8;
             selection-color: #111; border: 1px solid #d6dde6; }
QHeaderView::section { background: #eef2f7; color: #24303d; padding: 5px 6px; border: none;
                       border-right: 1px solid #d6dde6; border-bottom: 1px solid #d6dde6; font-weight: bold; }
QLineEdit { padding: 4px 6px; border: 1px solid #c9d2dc; border-radius: 4px; background: #ffffff; }
QLineEdit:focus { border-color: #2463a6; }
QLineEdit[invalid="true"] { border: 2px solid #c0392b; background: #fdecea; }
QLineEdit[low="true"] { background: #fde4e2; color: #9b1c1c; font-weight: bold; }
QToolBar { background: #ffffff; border-bottom: 1px solid #dde3ea; spacing: 4px; padding: 3px; }
QToolButton { padding: 4px 6px; border-radius: 4px; }
QToolButton:hover { background: #e8eff8; }
QStatusBar { background: #ffffff; border-top: 1px solid #dde3ea; }
QPlainTextEdit#editor_multiline, QPlainTextEdit#editor_text, QPlainTextEdit#editor_urls,
QListWidget#editor_units, QWidget#editor_rounds, QWidget#editor_date {
    border: 2px solid #2463a6; background: #ffffff; }
QComboBox#yearSelector { padding: 4px 8px; font-weight: bold; }
"""


def apply_style(app: QtWidgets.QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(STYLESHEET)


def icon(name: str) -> QtGui.QIcon:
    """An icon from resources/icons (SVG)."""
    return QtGui.QIcon(str(resource("icons", f"{name}.svg")))
