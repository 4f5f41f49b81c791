"""Progress of one monitoring round: one row per step of each measure monitored in that round.

Rows are grouped under their measure (the measure's title shows on its first row, groups are shaded in
turn). Editing a status, result, date, outcome or link writes that one progress entry at once.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ita_desktop.domain.model import Measure, Progress, Status, new_id
from ita_desktop.domain.steps import numbered_step
from ita_desktop.domain.validation import Problem, Severity, progress_problems
from ita_desktop.gui.commands import ProgressFieldCommand
from ita_desktop.gui.formatting import date_text, parse_date, parse_status, parse_urls
from ita_desktop.gui.measures_model import MeasuresModel
from ita_desktop.gui.qt import Qt, QtCore, QtGui
from ita_desktop.gui.roles import (
    ERROR_BACKGROUND,
    GROUP_BACKGROUND,
    KIND_ROLE,
    PROBLEMS_ROLE,
    ROOT,
    STATUS_COLOURS,
    URLS_ROLE,
    VALUE_ROLE,
    WARNING_BACKGROUND,
)

Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex
ProgressKey = tuple[str, str | None, int]  # (measure id, step id or None for the whole measure, round)


@dataclass(frozen=True)
class ProgressColumn:
    key: str
    header: str
    kind: str
    width: int
    editable: bool = True


COLUMNS: tuple[ProgressColumn, ...] = (
    ProgressColumn("measure", "มาตรการ", "text", 230, editable=False),
    ProgressColumn("step", "ขั้นตอน", "text", 260, editable=False),
    ProgressColumn("status", "สถานะ", "status", 150),
    ProgressColumn("result", "ผลการดำเนินการ", "multiline", 260),
    ProgressColumn("done_on", "ดำเนินการเมื่อ", "date", 115),
    ProgressColumn("outcome", "ผลสัมฤทธิ์", "multiline", 180),
    ProgressColumn("evidence_urls", "หลักฐาน (ลิงก์)", "urls", 220),
)
COLUMN_OF = {c.key: i for i, c in enumerate(COLUMNS)}


@dataclass(frozen=True)
class Row:
    measure: Measure
    step: int | None  # 1-based step number; None when the measure has no steps
    first: bool  # first row of its measure's group
    group: int  # running number of the group (for shading)


class ProgressModel(QtCore.QAbstractTableModel):
    """Round ``round_`` of the plan held by a MeasuresModel."""

    message = QtCore.Signal(str)
    summary_changed = QtCore.Signal(str)

    def __init__(self, measures: MeasuresModel, round_: int, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.measures, self.round = measures, round_
        self.rows: list[Row] = self._build_rows()
        measures.changed.connect(self.refresh)

    def _build_rows(self) -> list[Row]:
        rows: list[Row] = []
        group = 0
        for measure in self.measures.plan.measures:
            if measure.rounds and self.round not in measure.rounds:
                continue
            numbers: list[int | None] = list(range(1, len(measure.steps) + 1)) or [None]
            rows += [Row(measure, n, i == 0, group) for i, n in enumerate(numbers)]
            group += 1
        return rows

    def refresh(self) -> None:
        """Follow changes to the plan: a new layout when rows differ, otherwise just new values."""
        rows = self._build_rows()
        same = [(r.measure.id, r.step) for r in rows] == [(r.measure.id, r.step) for r in self.rows]
        if same:
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
        else:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
        self.summary_changed.emit(self.summary())

    # -- Qt model interface --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section].header if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if COLUMNS[index.column()].editable else flags

    def entry(self, row: Row) -> Progress | None:
        return row.measure.progress_for(self.round, row.step)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()].key
        entry = self.entry(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.cell_text(row, key, entry)
        if role == VALUE_ROLE:
            return self.value(key, entry)
        if role == KIND_ROLE:
            return COLUMNS[index.column()].kind
        if role == URLS_ROLE:
            return list(entry.evidence_urls) if entry else []
        problems = [p for p in self.problems(entry) if p.field.split("[")[0] == key]
        if role == PROBLEMS_ROLE:
            return [p.thai for p in problems]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p.thai for p in problems) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if problems:
                error = any(p.severity == Severity.ERROR for p in problems)
                return QtGui.QBrush(ERROR_BACKGROUND if error else WARNING_BACKGROUND)
            if key == "status":
                return QtGui.QBrush(STATUS_COLOURS[str(entry.status if entry else Status.PLANNED)])
            if key in ("measure", "step") and row.group % 2:
                return QtGui.QBrush(GROUP_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.FontRole and key == "measure" and row.first:
            font = QtGui.QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and key == "evidence_urls":
            return QtGui.QBrush(QtGui.QColor("#1a5fb4"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def cell_text(self, row: Row, key: str, entry: Progress | None) -> str:
        if key == "measure":
            if not row.first:
                return ""
            numbers = ", ".join(str(n) for n in row.measure.indicators)
            return f"ตัวชี้วัดที่ {numbers}\n{row.measure.title}" if numbers else row.measure.title
        if key == "step":
            if row.step is None:
                return "(ทั้งมาตรการ)"
            return numbered_step(row.step, row.measure.steps[row.step - 1].text)
        if key == "status":
            return (entry.status if entry else Status.PLANNED).thai
        if entry is None:
            return ""
        if key == "done_on":
            return date_text(entry.done_on)
        if key == "evidence_urls":
            return "\n".join(entry.evidence_urls)
        return str(getattr(entry, key))

    def value(self, key: str, entry: Progress | None) -> Any:
        if key == "status":
            return entry.status if entry else Status.PLANNED
        if key == "evidence_urls":
            return "\n".join(entry.evidence_urls) if entry else ""
        if key in ("measure", "step"):
            return None
        if entry is None:
            return None if key == "done_on" else ""
        return getattr(entry, key)

    def problems(self, entry: Progress | None) -> list[Problem]:
        return progress_problems(entry, self.measures.plan.fiscal_year) if entry else []

    def summary(self) -> str:
        """'ดำเนินการแล้ว 7 จาก 12 ขั้นตอน' for the status line under the grid."""
        done = sum(1 for r in self.rows if (e := self.entry(r)) is not None and e.status == Status.DONE)
        return f"รอบ {self.round} เดือน: ดำเนินการแล้ว {done} จาก {len(self.rows)} ขั้นตอน"

    # -- editing -------------------------------------------------------------------------------------------
    def parse_text(self, key: str, text: Any) -> Any:
        raw = "" if text is None else str(text)
        if key == "status":
            return parse_status(raw)
        if key == "done_on":
            return parse_date(raw)
        if key == "evidence_urls":
            return "\n".join(parse_urls(raw))
        return raw.replace("\r\n", "\n")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role not in (Qt.ItemDataRole.EditRole, VALUE_ROLE):
            return False
        column = COLUMNS[index.column()]
        if not column.editable:
            return False
        try:
            typed = self.parse_text(column.key, value) if role == Qt.ItemDataRole.EditRole else value
            if column.key == "status":
                typed = Status(typed)  # a combo hands the enum back as its plain value
        except ValueError as exc:
            self.message.emit(str(exc))
            return False
        return self.edit(index.row(), column.key, typed)

    def key_of(self, row: Row) -> ProgressKey:
        step_id = row.measure.steps[row.step - 1].id if row.step else None
        return row.measure.id, step_id, self.round

    def edit(self, row_number: int, key: str, value: Any) -> bool:
        row = self.rows[row_number]
        if self.value(key, self.entry(row)) == value:
            return True
        entry = self.entry(row)
        before = copy.deepcopy(entry)
        after = copy.deepcopy(entry) if entry else Progress(round=self.round, step=row.step, id=new_id())
        if key == "evidence_urls":
            after.evidence_urls = parse_urls(str(value))
        else:
            setattr(after, key, value)
        header = COLUMNS[COLUMN_OF[key]].header
        self.measures.undo_stack.push(ProgressFieldCommand(self, self.key_of(row), before, after,
                                                           f"แก้ไข{header} (รอบ {self.round} เดือน)"))
        return True

    def set_entry(self, key: ProgressKey, state: Progress | None) -> None:
        """Write (or, for None, remove) the progress entry of a step in this round."""
        measure_id, step_id, round_ = key
        measure = self.measures.measure_at(self.measures.row_of(measure_id))
        step = next((i + 1 for i, s in enumerate(measure.steps) if s.id == step_id), None) if step_id else None
        existing = measure.progress_for(round_, step)
        editor = self.measures.editor
        if state is None:
            if existing is not None:
                editor.delete_progress(existing.id)
                measure.progress.remove(existing)
        else:
            entry = copy.deepcopy(state)
            entry.step = step
            if existing is not None:
                measure.progress[measure.progress.index(existing)] = entry
            else:
                measure.progress.append(entry)
            editor.save_progress(measure, entry)
        for i, row in enumerate(self.rows):
            if row.measure.id == measure_id and row.step == step:
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
                found = [p.thai for p in self.problems(measure.progress_for(round_, step))]
                self.message.emit("; ".join(found) if found else "บันทึกแล้ว")
        self.summary_changed.emit(self.summary())
