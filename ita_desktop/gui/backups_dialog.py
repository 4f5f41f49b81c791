"""File ▸ ไฟล์สำรองและกู้คืน: the document's verified backups, newest first, and restoring one of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ita_desktop.gui.list_model import ListTableModel
from ita_desktop.gui.qt import QtCore, QtWidgets
from ita_desktop.sync.backups import Backup, list_backups
from ita_desktop.thai.calendar import format_be_date


class BackupsModel(ListTableModel[Backup]):
    """Backups of one document, newest first."""

    columns = ("วันเวลาที่สำรอง", "สำรองเมื่อ", "ขนาด")

    def __init__(self, document: Path, parent: QtCore.QObject | None = None) -> None:
        super().__init__(list_backups(document), parent)

    @property
    def backups(self) -> list[Backup]:
        return self.items

    def cell(self, b: Backup, column: int, role: int) -> Any:
        if column == 0:
            when = b.taken_at
            return f"{format_be_date(when.date())} {when:%H:%M:%S} น."
        if column == 1:
            return b.reason_th
        try:
            return f"{b.path.stat().st_size / 1024:,.0f} KB"
        except OSError:
            return ""


class BackupsDialog(QtWidgets.QDialog):
    """Pick a backup to restore; ``chosen`` is set when the clerk confirms."""

    def __init__(self, document: Path, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle("ไฟล์สำรองและการกู้คืน")
        self.resize(640, 420)
        self.chosen: Backup | None = None
        self.model = BackupsModel(document, self)
        intro = QtWidgets.QLabel(
            f"ไฟล์สำรองของ {document.name} (สำรองเมื่อเปิดไฟล์ ทุก 30 นาทีระหว่างแก้ไข ก่อนนำเข้าและก่อนรวมไฟล์) "
            "การกู้คืนจะสำรองสภาพปัจจุบันไว้ก่อนเสมอ จึงย้อนกลับได้")
        intro.setWordWrap(True)
        self.view = QtWidgets.QTableView()
        self.view.setObjectName("backupTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        buttons = QtWidgets.QDialogButtonBox()
        self.restore_button = buttons.addButton("กู้คืนไฟล์สำรองที่เลือก", QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        buttons.addButton("ปิด", QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept_selected)
        buttons.rejected.connect(self.reject)
        self.restore_button.setEnabled(bool(self.model.backups))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        if self.model.backups:
            self.view.selectRow(0)

    def _accept_selected(self) -> None:
        row = self.view.currentIndex().row()
        if 0 <= row < len(self.model.backups):
            self.chosen = self.model.backups[row]
            self.accept()
