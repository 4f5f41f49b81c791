"""The library page (issue 15): browse the measures real offices use by tool and indicator, search, preview one
as it would read in this office's plan, put it into the plan (one undoable step), keep a measure of the plan in
the office's own library, and draft the plan and the analysis from the year's scores (one undoable step).
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from ita_desktop.domain.model import Measure, Tool, YearPlan
from ita_desktop.errors import UserError
from ita_desktop.gui.library_labels import DRAFT_LABEL, SAVE_LABEL
from ita_desktop.gui.measures_model import MeasuresModel
from ita_desktop.gui.qt import QtCore, QtGui, QtWidgets
from ita_desktop.library.store import LibraryMeasure, all_measures, find, save_to_office
from ita_desktop.services.drafting import Draft, draft_for
from ita_desktop.services.editing import DocumentEditor

INSERT_LABEL = "ใส่มาตรการนี้ในแผน"
OWN_MARK = "ของหน่วยงาน"
ANALYSIS_NOTE = " บทวิเคราะห์ผลคะแนนเป็นร่างในหน้า “ข้อความในเอกสาร” (รายงานการวิเคราะห์) โปรดตรวจและแก้ไข"


class DraftCommand(QtGui.QUndoCommand):
    """The draft's measures in one transaction and one undo step. The analysis is not written: it is the
    generated draft the text page shows marked "ร่าง" (it follows the measures, so the page is refreshed)."""

    def __init__(self, model: MeasuresModel, editor: DocumentEditor, measures: list[Measure],
                 texts_changed: Callable[[], None]) -> None:
        super().__init__(DRAFT_LABEL)
        self.model, self.editor = model, editor
        self.position, self.measures = model.rowCount(), measures
        self.texts_changed = texts_changed

    def redo(self) -> None:
        with self.editor.database.transaction():
            self.model.insert_measures(self.position, self.measures)
        self.texts_changed()

    def undo(self) -> None:
        with self.editor.database.transaction():
            self.model.remove_measures([m.id for m in self.measures])
        self.texts_changed()


class LibraryPage(QtWidgets.QWidget):
    """Measures of the library, filtered; a preview of the chosen one adapted to the office."""

    message = QtCore.Signal(str)

    def __init__(self, undo_stack: QtGui.QUndoStack, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.editor: DocumentEditor | None = None
        self.plan: YearPlan | None = None
        self.model: MeasuresModel | None = None
        self.current_measure: Callable[[], Measure | None] = lambda: None  # the plan grid's current row
        self.texts_changed: Callable[[], None] = lambda: None
        self.measures: list[LibraryMeasure] = []
        self.shown: list[LibraryMeasure] = []

        heading = QtWidgets.QLabel("คลังมาตรการ")
        heading.setObjectName("pageTitle")
        hint = QtWidgets.QLabel("มาตรการที่หน่วยงานจริงใช้ และที่หน่วยงานบันทึกไว้เอง เลือกแล้วกด “ใส่มาตรการนี้ในแผน” "
                                "ชื่อหน่วยงานและผู้รับผิดชอบจะปรับตามเอกสารนี้ (ย้อนกลับได้ด้วย Ctrl+Z)")
        hint.setWordWrap(True)
        self.tool_combo = QtWidgets.QComboBox()
        self.tool_combo.setObjectName("libraryTool")
        self.tool_combo.addItem("ทุกแบบวัด", None)
        for tool in Tool:
            self.tool_combo.addItem(tool.value, tool.value)
        self.indicator_combo = QtWidgets.QComboBox()
        self.indicator_combo.setObjectName("libraryIndicator")
        self.search = QtWidgets.QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("ค้นหา เช่น งบประมาณ, No Gift, ร้องเรียน")
        self.search.setClearButtonEnabled(True)
        filters = QtWidgets.QHBoxLayout()
        for label, widget in (("แบบวัด", self.tool_combo), ("ตัวชี้วัด", self.indicator_combo)):
            filters.addWidget(QtWidgets.QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)

        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("libraryList")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.preview = QtWidgets.QPlainTextEdit()
        self.preview.setObjectName("libraryPreview")
        self.preview.setReadOnly(True)
        split = QtWidgets.QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)

        self.insert_button = QtWidgets.QPushButton(INSERT_LABEL)
        self.save_button = QtWidgets.QPushButton(SAVE_LABEL)
        self.save_button.setToolTip("เก็บมาตรการแถวที่เลือกในหน้าแผนมาตรการไว้ใช้ในปีต่อไป (ในโฟลเดอร์ข้อมูลผู้ใช้)")
        self.draft_button = QtWidgets.QPushButton(DRAFT_LABEL)
        self.draft_button.setToolTip("เพิ่มมาตรการจากคลังให้ทุกตัวชี้วัดที่ได้คะแนนต่ำกว่าเป้าหมาย และร่างบทวิเคราะห์ผลคะแนน")
        self.count = QtWidgets.QLabel()
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for button in (self.draft_button, self.save_button, self.insert_button):
            buttons.addWidget(button)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

        self.tool_combo.currentIndexChanged.connect(self._tool_chosen)
        self.indicator_combo.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self.refresh)
        self.list.currentRowChanged.connect(self._show_preview)
        self.list.itemDoubleClicked.connect(lambda _item: self.insert_current())
        self.insert_button.clicked.connect(self.insert_current)
        self.save_button.clicked.connect(self.save_current_plan_measure)
        self.draft_button.clicked.connect(self.draft_from_scores)

    # -- loading ---------------------------------------------------------------------------------------------
    def load(self, editor: DocumentEditor, plan: YearPlan, model: MeasuresModel) -> None:
        self.editor, self.plan, self.model = editor, plan, model
        self._fill_indicators()
        self.reload_library()

    def reload_library(self) -> None:
        """Read the shipped and the office's library again (after saving to it)."""
        self.measures, problems = all_measures()
        for problem in problems:
            self.message.emit(problem)
        self.refresh()

    def _fill_indicators(self) -> None:
        tool = self.tool_combo.currentData()
        keep = self.indicator_combo.currentData()
        self.indicator_combo.blockSignals(True)
        self.indicator_combo.clear()
        self.indicator_combo.addItem("ทุกตัวชี้วัด", None)
        for ind in self.plan.indicators if self.plan else []:
            if tool is None or ind.tool.value == tool:
                self.indicator_combo.addItem(f"{ind.number!s}. {ind.name}", ind.number)
        self.indicator_combo.setCurrentIndex(max(self.indicator_combo.findData(keep), 0))
        self.indicator_combo.blockSignals(False)

    def _tool_chosen(self) -> None:
        self._fill_indicators()
        self.refresh()

    def refresh(self) -> None:
        tool = self.tool_combo.currentData()
        self.shown = find(self.measures, indicator=self.indicator_combo.currentData(), words=self.search.text(),
                          tool=Tool(tool) if tool else None)
        self.list.blockSignals(True)
        self.list.clear()
        for m in self.shown:
            number = str(m.indicator) if m.indicator is not None else "–"
            own = f"  [{OWN_MARK}]" if m.own else ""
            item = QtWidgets.QListWidgetItem(f"ตัวชี้วัดที่ {number}{own}\n{m.title or m.issue}")
            item.setToolTip(m.source)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.count.setText(f"มาตรการ {len(self.shown)} รายการ")
        self.list.setCurrentRow(0 if self.shown else -1)
        self._show_preview(self.list.currentRow())

    def adapted(self, entry: LibraryMeasure) -> Measure:
        """The entry as it would go into this office's plan."""
        assert self.editor is not None and self.plan is not None
        return entry.to_measure(self.editor.organization().name, self.editor.units(), self.plan.fiscal_year)

    def _show_preview(self, row: int) -> None:
        if not 0 <= row < len(self.shown) or self.editor is None:
            self.preview.setPlainText("")
            self.insert_button.setEnabled(False)
            return
        entry = self.shown[row]
        m = self.adapted(entry)
        lines = [f"มาตรการ: {m.title}", "", f"ประเด็นที่ต้องพัฒนา: {m.issue}", "", f"แนวทางการปฏิบัติ: {m.guideline}", "",
                 "ขั้นตอน/วิธีการปฏิบัติ:"]
        lines += [f"{i!s}. {s.text}" for i, s in enumerate(m.steps, 1)]
        lines += ["", f"ผู้รับผิดชอบ: {', '.join(m.units)}", "", f"การกำกับติดตาม: {m.monitoring}", "",
                  f"ที่มา: {entry.source}"]
        self.preview.setPlainText("\n".join(lines))
        self.insert_button.setEnabled(self.model is not None)

    # -- actions ---------------------------------------------------------------------------------------------
    def insert_current(self) -> Measure | None:
        """Put the chosen measure at the end of the plan (one undoable step)."""
        row = self.list.currentRow()
        if self.model is None or not 0 <= row < len(self.shown):
            return None
        measure = self.adapted(self.shown[row])
        self.model.add_measures(self.model.rowCount(), [measure], f"ใส่มาตรการจากคลัง: {measure.title[:40]}")
        self.message.emit(f"ใส่ “{measure.title}” ไว้ท้ายแผนแล้ว (ย้อนกลับได้ด้วย Ctrl+Z)")
        return measure

    def save_current_plan_measure(self) -> bool:
        """Keep the plan grid's current measure in the office's library."""
        measure = self.current_measure()
        if measure is None or self.editor is None:
            self.message.emit("เลือกมาตรการในหน้าแผนมาตรการก่อน แล้วจึงกดบันทึกไว้ในคลัง")
            return False
        try:
            entry, replaced = save_to_office(measure, self.editor.organization().name)
        except UserError as exc:
            self.message.emit(exc.message)
            return False
        self.reload_library()
        self.message.emit(f"{'ปรับปรุง' if replaced else 'บันทึก'} “{entry.title or entry.issue}” ในคลังของหน่วยงานแล้ว")
        return True

    def draft_from_scores(self) -> Draft | None:
        """Add library measures for the indicators below target and draft the analysis text: one undoable step,
        after a backup of the file."""
        if self.editor is None or self.plan is None or self.model is None:
            return None
        from ita_desktop.domain.model import Document
        from ita_desktop.sync.backups import take_backup

        document = Document(organization=self.editor.organization(), units=self.editor.units(), years=[self.plan])
        try:
            draft = draft_for(document, self.plan, self.measures)
        except UserError as exc:
            self.message.emit(exc.message)
            return None
        if draft.empty:
            self.message.emit("ไม่มีอะไรต้องเพิ่ม: ทุกตัวชี้วัดที่ต่ำกว่าเป้าหมายมีมาตรการจากคลังในแผนแล้ว"
                              + (ANALYSIS_NOTE if draft.analysis else ""))
            return draft
        try:
            take_backup(self.editor.database, "before-draft")
        except UserError as exc:
            self.message.emit(exc.message)
            return None
        self.undo_stack.push(DraftCommand(self.model, self.editor, copy.deepcopy(draft.measures), self.texts_changed))
        self.message.emit(f"{DRAFT_LABEL}: เพิ่มมาตรการ {len(draft.measures)} รายการ"
                          + (ANALYSIS_NOTE if draft.analysis else "") + " (ย้อนกลับได้ด้วย Ctrl+Z)")
        return draft

