"""Progress of one round: the grid of steps, with the 'done N of M' line the clerk reports."""

from __future__ import annotations

from ita_desktop.gui.delegates import GridDelegate
from ita_desktop.gui.grid_view import GridView
from ita_desktop.gui.progress_model import COLUMNS, ProgressModel
from ita_desktop.gui.qt import QtCore, QtGui, QtWidgets


class ProgressPage(QtWidgets.QWidget):
    message = QtCore.Signal(str)

    def __init__(self, undo_stack: QtGui.QUndoStack, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: ProgressModel | None = None
        self.heading = QtWidgets.QLabel()
        self.heading.setObjectName("pageHeading")
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("progressSummary")
        self.view = GridView(undo_stack, self)
        self.view.setObjectName("progressGrid")
        self.delegate = GridDelegate(lambda: [], lambda: [], self.view)
        self.view.setItemDelegate(self.delegate)
        hint = QtWidgets.QLabel("ดับเบิลคลิกหรือกด F2 เพื่อแก้ไข • คลิกที่ลิงก์หลักฐานเพื่อเปิดดู")
        hint.setObjectName("hint")
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.summary)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self.view.message.connect(self.message)
        self.delegate.hint.connect(self.message)

    def set_model(self, model: ProgressModel) -> None:
        if self.model is not None:
            self.model.message.disconnect(self.message)
            self.model.summary_changed.disconnect(self.summary.setText)
        self.model = model
        self.view.setModel(model)
        for i, column in enumerate(COLUMNS):
            self.view.setColumnWidth(i, column.width)
        self.heading.setText(f"ผลการดำเนินการ รอบ {model.round} เดือน")
        self.summary.setText(model.summary())
        model.message.connect(self.message)
        model.summary_changed.connect(self.summary.setText)
