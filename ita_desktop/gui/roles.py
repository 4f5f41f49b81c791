"""Item roles and colours shared by the grids, delegates and views."""

from __future__ import annotations

from ita_desktop.gui.qt import Qt, QtCore, QtGui

ROOT = QtCore.QModelIndex()  # the invisible root: parent of every row of a table model

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the typed value (date, list, int) behind a cell
PROBLEMS_ROLE = Qt.ItemDataRole.UserRole + 2  # Thai messages about the cell, for the status bar
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # a key that sorts as people expect (dates by date)
KIND_ROLE = Qt.ItemDataRole.UserRole + 4  # which editor the cell wants (see delegates.py)
URLS_ROLE = Qt.ItemDataRole.UserRole + 5  # evidence links of a progress cell
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 6  # (label, value) pairs a combo cell offers (a measure's steps)

ERROR_BACKGROUND = QtGui.QColor("#fbd9d7")
WARNING_BACKGROUND = QtGui.QColor("#fff1c7")
LOW_SCORE_BACKGROUND = QtGui.QColor("#fde4e2")
GROUP_BACKGROUND = QtGui.QColor("#f3f6fa")
MUTED_TEXT = QtGui.QColor("#7a8594")  # placeholders, repeated labels, dates a worded timeframe replaces
STATUS_COLOURS = {
    "planned": QtGui.QColor("#eceff3"),
    "in_progress": QtGui.QColor("#fff0c2"),
    "done": QtGui.QColor("#d6f0dc"),
}
