"""After a merge: what it changed, per measure (ผลการรวมไฟล์), with เลิกทำการรวม at hand; and the conflict review
(ข้อมูลที่ถูกแก้ไขทั้งสองฝั่ง), both values shown, the clerk picking one per field. (The question before a merge is
undone is gui.operation_step's, shared with undoing an import.)

Nothing is lost while the dialogs are open or after they are closed: each open conflict keeps both values in the
file until a choice is made, and a choice becomes a new change every other copy takes over both values.
"""

from __future__ import annotations

from typing import Any

from ita_desktop.gui.list_model import ListTableModel
from ita_desktop.gui.operation_step import bullet_lines
from ita_desktop.gui.qt import Qt, QtCore, QtWidgets
from ita_desktop.storage.database import Database
from ita_desktop.storage.merge_store import StoredConflict, open_conflicts
from ita_desktop.sync.labels import FIELD_TH, describe_row, value_text
from ita_desktop.sync.merge import MINE, THEIRS
from ita_desktop.sync.merge_summary import ChangeSummary
from ita_desktop.sync.merging import resolve_conflict

UNDO_MERGE = "เลิกทำการรวม"


class MergeSummaryDialog(QtWidgets.QDialog):
    """What a merge changed, one line per measure; buttons to undo it or to go on to the conflicts."""

    undo_requested = QtCore.Signal()
    conflicts_requested = QtCore.Signal()

    def __init__(self, source: str, summary: ChangeSummary, conflicts: int, can_undo: bool,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeSummaryDialog")
        self.setWindowTitle(f"ผลการรวมไฟล์ {source}")
        self.resize(760, 420)
        self.headline = QtWidgets.QLabel(f"รวมไฟล์ {source} แล้ว — {summary.headline()}")
        self.headline.setObjectName("mergeHeadline")
        self.headline.setWordWrap(True)
        self.details = QtWidgets.QPlainTextEdit(bullet_lines(summary) or "ไม่มีข้อมูลที่เปลี่ยนไปให้เห็น")
        self.details.setObjectName("mergeSummary")
        self.details.setReadOnly(True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        if conflicts:
            waiting = QtWidgets.QLabel(f"มีข้อมูลที่ถูกแก้ไขทั้งสองฝั่ง {conflicts} รายการ รอให้เลือกค่าที่ต้องการ")
            waiting.setObjectName("mergeConflictsWaiting")
            layout.addWidget(waiting)
        if can_undo:
            hint = QtWidgets.QLabel("หากไม่ต้องการผลนี้ กด “เลิกทำการรวม” (หรือ Ctrl+Z, ไฟล์ ▸ เลิกทำการรวม) "
                                    "เอกสารจะกลับเป็นสภาพก่อนรวมทั้งหมดในขั้นตอนเดียว")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        buttons = QtWidgets.QDialogButtonBox()
        self.undo_button = buttons.addButton(UNDO_MERGE, QtWidgets.QDialogButtonBox.ButtonRole.ResetRole)
        self.undo_button.setObjectName("undoMergeButton")
        self.undo_button.setVisible(can_undo)
        self.conflicts_button = buttons.addButton(f"เลือกข้อมูลที่ขัดแย้ง ({conflicts} รายการ)…",
                                                  QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.conflicts_button.setObjectName("showConflictsButton")
        self.conflicts_button.setVisible(conflicts > 0)
        self.close_button = buttons.addButton("ปิด", QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        (self.conflicts_button if conflicts else self.close_button).setDefault(True)
        self.undo_button.clicked.connect(self._undo)
        self.conflicts_button.clicked.connect(self._conflicts)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def _undo(self) -> None:
        self.reject()
        self.undo_requested.emit()

    def _conflicts(self) -> None:
        self.accept()
        self.conflicts_requested.emit()


class ConflictsModel(ListTableModel[StoredConflict]):
    """Open conflicts of a document, one row each; choosing removes the row."""

    columns = ("รายการ", "ข้อมูล", "ค่าในไฟล์นี้", "ค่าจากไฟล์ที่นำมารวม", "แสดงอยู่ตอนนี้")
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)

    def __init__(self, database: Database, parent: QtCore.QObject | None = None) -> None:
        super().__init__(open_conflicts(database), parent)
        self.database = database
        self._where = {c.id: describe_row(database, c.table, c.row_id) for c in self.items}

    @property
    def conflicts(self) -> list[StoredConflict]:
        return self.items

    def cell(self, c: StoredConflict, column: int, role: int) -> Any:
        if column == 0:
            return self._where[c.id]
        if column == 1:
            return FIELD_TH.get(c.field, c.field)
        if column == 2:
            return value_text(c.field, c.mine)
        if column == 3:
            return value_text(c.field, c.theirs)
        return "ค่าในไฟล์นี้" if c.kept == MINE else "ค่าจากไฟล์ที่นำมารวม"

    def choose(self, row: int, choice: str) -> None:
        """Apply the clerk's choice for one conflict (a new change in the file) and drop its row."""
        resolve_conflict(self.database, self.items[row], choice)
        self.remove(row)


class ConflictDialog(QtWidgets.QDialog):
    """Lists open conflicts; the full text of both values of the selected one, and a button for each."""

    def __init__(self, database: Database, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("ข้อมูลที่ถูกแก้ไขทั้งสองฝั่ง — เลือกค่าที่ต้องการ")
        self.resize(1000, 560)
        self.model = ConflictsModel(database, self)
        intro = QtWidgets.QLabel(
            "ข้อมูลต่อไปนี้ถูกแก้ไขทั้งในไฟล์นี้และในไฟล์ที่นำมารวม กรุณาเลือกค่าที่ถูกต้องทีละรายการ "
            "ค่าที่ยังไม่ได้เลือกจะถูกเก็บไว้ทั้งสองค่า ไม่สูญหาย")
        intro.setWordWrap(True)
        self.view = QtWidgets.QTableView()
        self.view.setObjectName("conflictTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.mine_text = self._value_box("mineValue")
        self.theirs_text = self._value_box("theirsValue")
        self.use_mine = QtWidgets.QPushButton("ใช้ค่าในไฟล์นี้")
        self.use_mine.setObjectName("useMine")
        self.use_theirs = QtWidgets.QPushButton("ใช้ค่าจากไฟล์ที่นำมารวม")
        self.use_theirs.setObjectName("useTheirs")
        self.use_mine.clicked.connect(lambda: self.choose(MINE))
        self.use_theirs.clicked.connect(lambda: self.choose(THEIRS))
        values = QtWidgets.QGridLayout()
        values.addWidget(QtWidgets.QLabel("ค่าในไฟล์นี้"), 0, 0)
        values.addWidget(QtWidgets.QLabel("ค่าจากไฟล์ที่นำมารวม"), 0, 1)
        values.addWidget(self.mine_text, 1, 0)
        values.addWidget(self.theirs_text, 1, 1)
        values.addWidget(self.use_mine, 2, 0)
        values.addWidget(self.use_theirs, 2, 1)
        self.remaining = QtWidgets.QLabel()
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        self.close_button = close.button(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(values)
        layout.addWidget(self.remaining)
        layout.addWidget(close)
        selection = self.view.selectionModel()
        assert selection is not None
        selection.currentRowChanged.connect(self._show_current)
        self._select(0)

    @staticmethod
    def _value_box(name: str) -> QtWidgets.QPlainTextEdit:
        box = QtWidgets.QPlainTextEdit()
        box.setObjectName(name)
        box.setReadOnly(True)
        box.setMaximumHeight(120)
        return box

    def _select(self, row: int) -> None:
        count = self.model.rowCount()
        self.remaining.setText(f"เหลือ {count} รายการที่ยังไม่ได้เลือก" if count else "เลือกครบทุกรายการแล้ว")
        self.close_button.setText("ปิด (เลือกภายหลังได้)" if count else "ปิด")
        for button in (self.use_mine, self.use_theirs):
            button.setEnabled(count > 0)
        if count:
            self.view.selectRow(min(row, count - 1))
        self._show_current(self.view.currentIndex())

    def _show_current(self, index: QtCore.QModelIndex) -> None:
        if not index.isValid() or index.row() >= self.model.rowCount():
            self.mine_text.setPlainText("")
            self.theirs_text.setPlainText("")
            return
        c = self.model.conflicts[index.row()]
        self.mine_text.setPlainText(value_text(c.field, c.mine))
        self.theirs_text.setPlainText(value_text(c.field, c.theirs))

    def choose(self, choice: str) -> None:
        """Keep one value of the selected conflict."""
        row = self.view.currentIndex().row()
        if row < 0:
            return
        self.model.choose(row, choice)
        self._select(row)
