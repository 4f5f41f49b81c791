"""Small list pages: signatories of the year, responsible units and the indicator catalogue."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ita_desktop.domain.model import Signatory, YearPlan, new_id
from ita_desktop.gui.commands import FieldCommand
from ita_desktop.gui.grid_view import GridView
from ita_desktop.gui.qt import QtCore, QtGui, QtWidgets
from ita_desktop.gui.record_model import RecordColumn, RecordTableModel
from ita_desktop.services.editing import DocumentEditor
from ita_desktop.thai.calendar import format_be_date, parse_be_date


@dataclass
class UnitRow:
    name: str
    id: str = field(default_factory=new_id)


def required(what: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if not text.strip():
            raise ValueError(f"ต้องกรอก{what}")
        return text.strip()
    return parse


class RecordList(QtWidgets.QWidget):
    """A heading, a grid over a RecordTableModel and add/remove buttons that are undoable."""

    message = QtCore.Signal(str)

    def __init__(self, title: str, hint: str, columns: tuple[RecordColumn, ...], undo_stack: QtGui.QUndoStack,
                 make: Callable[[], Any] | None = None, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack, self.make = undo_stack, make
        self.store: Callable[[list[Any]], None] = lambda _records: None
        self.model = RecordTableModel([], columns, lambda _r: self.store(self.model.records), undo_stack,
                                      parent=self)
        self.model.message.connect(self.message)
        heading = QtWidgets.QLabel(title)
        heading.setObjectName("sectionHeading")
        note = QtWidgets.QLabel(hint)
        note.setWordWrap(True)
        self.view = GridView(undo_stack, self)
        self.view.setModel(self.model)
        for i, column in enumerate(columns):
            self.view.setColumnWidth(i, column.width)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        if make is not None:
            row = QtWidgets.QHBoxLayout()
            add = QtWidgets.QPushButton("เพิ่ม")
            remove = QtWidgets.QPushButton("ลบแถวที่เลือก")
            add.clicked.connect(self.add_record)
            remove.clicked.connect(self.remove_selected)
            row.addWidget(add)
            row.addWidget(remove)
            row.addStretch(1)
            layout.addLayout(row)

    def load(self, records: list[Any], store: Callable[[list[Any]], None]) -> None:
        self.store = store
        self.model.set_records(records)

    def _set_all(self, records: list[Any]) -> None:
        self.model.set_records(copy.deepcopy(records))
        self.store(self.model.records)
        self.message.emit("บันทึกแล้ว")

    def add_record(self) -> None:
        if self.make is None:
            return
        before = copy.deepcopy(self.model.records)
        self.undo_stack.push(FieldCommand("เพิ่มแถว", self._set_all, before, [*before, self.make()]))
        self.view.setCurrentIndex(self.model.index(self.model.rowCount() - 1, 0))

    def remove_selected(self) -> None:
        rows = {i.row() for i in self.view.selectionModel().selectedIndexes()} or (
            {self.view.currentIndex().row()} if self.view.currentIndex().isValid() else set())
        if not rows:
            return
        before = copy.deepcopy(self.model.records)
        after = [r for i, r in enumerate(before) if i not in rows]
        self.undo_stack.push(FieldCommand(f"ลบ {len(rows)} แถว", self._set_all, before, after))


def signing_date(text: str) -> date | None:
    """The date a report was signed, typed d/m/yyyy in the Buddhist era; empty = not dated."""
    if not text.strip():
        return None
    try:
        return parse_be_date(text)
    except ValueError:
        raise ValueError(f"วันที่ลงนามต้องเป็น วัน/เดือน/ปี พ.ศ. เช่น 5/4/2567 ไม่ใช่ “{text.strip()}”") from None


class SignatoriesPage(QtWidgets.QWidget):
    message = QtCore.Signal(str)

    def __init__(self, undo_stack: QtGui.QUndoStack, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = RecordList(
            "ผู้ลงนามท้ายเอกสาร", "ชื่อและตำแหน่งจะแสดงในช่องลงชื่อท้ายรายงาน (ผู้จัดทำ / ผู้รายงาน / ผู้อนุมัติ); "
            "ชื่อที่ลงบนเส้นและวันที่ลงนามพิมพ์ตามที่กรอก เว้นว่างไว้เพื่อลงนามด้วยมือ",
            (RecordColumn("role", "บทบาท", 160, parse=required("บทบาท")),
             RecordColumn("name", "ชื่อ–สกุล", 240), RecordColumn("position", "ตำแหน่ง", 300),
             RecordColumn("signed_name", "ชื่อที่ลงบนเส้น (ลงชื่อ …)", 200),
             RecordColumn("signed_on", "วันที่ลงนาม (ว/ด/ปปปป พ.ศ.)", 170, parse=signing_date,
                          show=lambda _r, v: "" if v is None else format_be_date(v))),
            undo_stack, make=lambda: Signatory(role="ผู้ลงนาม"), parent=self)
        self.list.message.connect(self.message)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.list)

    def load(self, editor: DocumentEditor, plan: YearPlan) -> None:
        def store(records: list[Any]) -> None:
            plan.signatories = copy.deepcopy(records)
            editor.save_signatories(plan.id, plan.signatories)

        self.list.load(copy.deepcopy(plan.signatories), store)


class CataloguePage(QtWidgets.QWidget):
    """Responsible units (for the units picker) and the year's indicator catalogue."""

    message = QtCore.Signal(str)

    def __init__(self, undo_stack: QtGui.QUndoStack, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = RecordList("หน่วยงานผู้รับผิดชอบ", "รายชื่อที่ใช้เลือกในช่อง “ผู้รับผิดชอบ” ของแผน",
                                (RecordColumn("name", "ชื่อหน่วยงาน", 320, parse=required("ชื่อหน่วยงาน")),),
                                undo_stack, make=lambda: UnitRow(name="หน่วยงานใหม่"), parent=self)
        self.indicators = RecordList(
            "ตัวชี้วัดของปีงบประมาณนี้", "แก้ไขชื่อตัวชี้วัดได้หากปีนี้ ป.ป.ช. ปรับเกณฑ์",
            (RecordColumn("number", "ที่", 50, editable=False), RecordColumn("tool", "แบบวัด", 80, editable=False,
                                                                            show=lambda _r, v: str(v.value)),
             RecordColumn("name", "ชื่อตัวชี้วัด", 320, parse=required("ชื่อตัวชี้วัด"))),
            undo_stack, parent=self)
        for part in (self.units, self.indicators):
            part.message.connect(self.message)
        layout = QtWidgets.QHBoxLayout(self)
        layout.addWidget(self.units, 1)
        layout.addWidget(self.indicators, 2)

    def load(self, editor: DocumentEditor, plan: YearPlan) -> None:
        def store_units(records: list[Any]) -> None:
            editor.set_units([r.name for r in records])

        def store_indicators(records: list[Any]) -> None:
            for record in records:
                editor.save_indicator(plan.id, record)
            plan.indicators = copy.deepcopy(records)

        self.units.load([UnitRow(name=n) for n in editor.units()], store_units)
        self.indicators.load(copy.deepcopy(plan.indicators), store_indicators)
