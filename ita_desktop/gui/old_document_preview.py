"""The preview of an old document before anything is written (File ▸ นำเข้าจากเอกสารเดิม…).

It shows each table as read with a field chooser above every column (the detected mapping preselected), the
measures with their steps, units and dated entries, the signatories, and the text that found no place (kept at the
end of the document's closing text; selectable, with a copy button). Changing a column asks the service to read
the document again with the new mapping (office_docs.columns holds the rule, services.office_import reads);
the dialog only adapts them. ``นำเข้า`` accepts and the window writes; ``ยกเลิก`` writes nothing.
"""

from __future__ import annotations

from typing import Any

from ita_desktop.errors import UserError
from ita_desktop.gui.dialogs import thai_buttons
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.office_docs.columns import FIELD_LABELS, mapping_problem, remap
from ita_desktop.services.office_import import Preview, remapped
from ita_desktop.services.office_preview import measures_thai, unplaced_thai

_KIND = {"plan": "แผน", "progress": "รายงานผล"}


class FoundRowsModel(QtCore.QAbstractTableModel):
    """The rows of one table found, as read (read-only); the header says each column's field."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.headings: list[str] = []
        self.keys: list[str | None] = []
        self.rows: list[list[str]] = []

    def set_table(self, headings: list[str], keys: list[str | None], rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.headings, self.keys, self.rows = headings, keys, rows
        self.endResetModel()

    def rowCount(self, parent: Any = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Any = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headings)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        key = self.keys[section] if section < len(self.keys) else None
        return f"{self.headings[section]}\n→ {FIELD_LABELS[key]}"


class OldDocumentPreview(QtWidgets.QDialog):
    """What importing the old document would bring; the clerk corrects the columns, then imports or cancels."""

    def __init__(self, shown: Preview, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("oldDocumentPreview")
        self.setWindowTitle(f"ตรวจก่อนนำเข้า — {shown.prepared.path.name}")
        self.preview = shown
        self.table = 0
        layout = QtWidgets.QVBoxLayout(self)
        self.heading = QtWidgets.QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.pdf_note = QtWidgets.QLabel()
        self.pdf_note.setObjectName("pdfNote")
        self.pdf_note.setWordWrap(True)
        self.pdf_note.setStyleSheet("color: #8a4b00;")
        layout.addWidget(self.pdf_note)

        chooser = QtWidgets.QHBoxLayout()
        chooser.addWidget(QtWidgets.QLabel("ตารางที่พบ:"))
        self.tables = QtWidgets.QComboBox()
        self.tables.setObjectName("foundTables")
        chooser.addWidget(self.tables, 1)
        layout.addLayout(chooser)
        layout.addWidget(QtWidgets.QLabel("แต่ละคอลัมน์ของตารางคือข้อมูลใด (แก้ได้):"))
        self.mapping = QtWidgets.QWidget()
        self.mapping_layout = QtWidgets.QHBoxLayout(self.mapping)
        self.mapping_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mapping)
        self.problem = QtWidgets.QLabel()
        self.problem.setObjectName("mappingProblem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.rows_model = FoundRowsModel(self)
        self.rows_view = QtWidgets.QTableView()
        self.rows_view.setObjectName("foundRows")
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setWordWrap(True)
        self.rows_view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_view.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)

        tabs = QtWidgets.QTabWidget()
        tabs.setObjectName("previewTabs")
        tabs.addTab(self.rows_view, "ตารางตามที่อ่านได้")
        self.measures = QtWidgets.QPlainTextEdit()
        self.measures.setObjectName("previewMeasures")
        self.measures.setReadOnly(True)
        tabs.addTab(self.measures, "มาตรการ ขั้นตอน และผล")
        unplaced = QtWidgets.QWidget()
        box = QtWidgets.QVBoxLayout(unplaced)
        self.unplaced_note = QtWidgets.QLabel()
        self.unplaced_note.setWordWrap(True)
        box.addWidget(self.unplaced_note)
        self.unplaced = QtWidgets.QPlainTextEdit()
        self.unplaced.setObjectName("unplacedText")
        self.unplaced.setReadOnly(True)
        self.unplaced.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                              | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        box.addWidget(self.unplaced)
        self.copy = QtWidgets.QPushButton("คัดลอกข้อความทั้งหมด")
        self.copy.setObjectName("copyUnplaced")
        self.copy.clicked.connect(self._copy_unplaced)
        box.addWidget(self.copy, 0, Qt.AlignmentFlag.AlignLeft)
        self.unplaced_tab = tabs.addTab(unplaced, "")
        self.tabs = tabs
        layout.addWidget(tabs, 1)

        self.buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok
                                                  | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        thai_buttons(self.buttons, ok="นำเข้า")
        self.import_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.import_button.setObjectName("importButton")
        self.cancel_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.combos: list[QtWidgets.QComboBox] = []
        self.tables.currentIndexChanged.connect(self._show_table)
        self.resize(1100, 720)
        self._refresh(shown)

    # -- showing -------------------------------------------------------------------------------------------------
    def _refresh(self, shown: Preview) -> None:
        self.preview = shown
        r, s = shown.reading, shown.summary
        round_ = f" รอบ {s.round!s} เดือน" if s.round else ""
        org = " ".join(x for x in (r.name, r.district and f"อำเภอ{r.district}", r.province and f"จังหวัด{r.province}")
                       if x)
        self.heading.setText(
            f"{_KIND.get(s.kind, s.kind)} ปีงบประมาณ {s.fiscal_year!s}{round_}"
            + (f" — {org}" if org else "") + "\n"
            f"พบมาตรการ {len(r.measures)!s} รายการ: เพิ่มใหม่ {len(s.added)!s} "
            f"ตรงกับมาตรการเดิม {len(s.matched)!s} ผลการดำเนินการ {s.entries!s} รายการ"
            + (f" ผู้ลงนาม {len(r.signatories)!s} คน" if r.signatories else "")
            + (" (สร้างไฟล์ใหม่)" if s.created else ""))
        notes = shown.prepared.notes()
        self.pdf_note.setVisible(bool(notes))
        if notes:
            repaired = shown.prepared.repairs.places if shown.prepared.repairs else 0
            self.pdf_note.setText(f"ข้อความนี้อ่านจากไฟล์ PDF (ซ่อมแซมตัวอักษรไทยแล้ว {repaired!s} แห่ง) "
                                  "โปรดตรวจทานข้อความกับเอกสารต้นฉบับหลังนำเข้า")
        self.measures.setPlainText("\n".join(measures_thai(shown)))
        count = len(r.unplaced)
        self.tabs.setTabText(self.unplaced_tab, f"ข้อความที่ยังไม่ได้จัดที่ ({count!s})")
        self.unplaced_note.setText(
            "ข้อความเหล่านี้จะเก็บไว้ท้าย “ข้อความหลังตาราง” ของเอกสาร (หน้า ข้อความในเอกสาร) ให้ตรวจและย้ายไปไว้ในที่ของข้อความ "
            "หรือคัดลอกไปใช้" if count else "ทุกข้อความในเอกสารมีที่ของตัวเองแล้ว")
        self.unplaced.setPlainText(unplaced_thai(shown))
        self.copy.setEnabled(bool(count))
        self.tables.blockSignals(True)
        self.tables.clear()
        for n, t in enumerate(r.found, 1):
            more = f" (ต่อเนื่องอีก {t.continued!s} ตาราง)" if t.continued else ""
            self.tables.addItem(f"ตารางที่ {n!s}: {len(t.rows)!s} แถว{more}")
        self.table = min(self.table, max(len(r.found) - 1, 0))
        self.tables.setCurrentIndex(self.table)
        self.tables.blockSignals(False)
        self._show_table(self.table)

    def _show_table(self, index: int) -> None:
        self.table = max(index, 0)
        found = self.preview.reading.found[self.table]
        for combo in self.combos:
            combo.deleteLater()
        self.combos = []
        for column, key in enumerate(found.keys):
            combo = QtWidgets.QComboBox()
            combo.setObjectName(f"mapColumn{column + 1}")
            combo.setToolTip(f"คอลัมน์ {column + 1!s} “{found.headings[column]}”")
            for field, text in FIELD_LABELS.items():
                detected = " (ตรวจพบ)" if field == found.detected[column] and field is not None else ""
                combo.addItem(text + detected, field)
            combo.setCurrentIndex(combo.findData(key))
            combo.activated.connect(lambda _i, c=column, box=combo: self._choose(c, box.currentData()))
            self.mapping_layout.addWidget(combo, 1)
            self.combos.append(combo)
        self.rows_model.set_table(found.headings, found.keys, found.rows)
        self.rows_view.resizeRowsToContents()
        self._check(found.keys)

    def _check(self, keys: list[str | None]) -> bool:
        problem = mapping_problem(keys)
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self.import_button.setEnabled(problem is None)
        return problem is None

    # -- the clerk changes a column --------------------------------------------------------------------------------
    def _choose(self, column: int, key: str | None) -> None:
        found = self.preview.reading.found[self.table]
        keys = remap(found.keys, column, key)  # the rule: a field names one column of a table
        if not self._check(keys):
            self.rows_model.set_table(found.headings, keys, found.rows)
            for combo, k in zip(self.combos, keys, strict=True):
                combo.setCurrentIndex(combo.findData(k))
            return
        try:
            shown = remapped(self.preview, self.table, keys)
        except UserError as exc:
            self.problem.setText(exc.message)
            self.problem.setVisible(True)
            self.import_button.setEnabled(False)
            return
        self._refresh(shown)

    def _copy_unplaced(self) -> None:
        QtGui.QGuiApplication.clipboard().setText(self.unplaced.toPlainText())
