"""The measures plan of one fiscal year as a table: one row per measure, in plan order.

The model holds the year's Measure objects (loaded once through the editing service) and changes them only
through undo commands; each change is written to the document first, then announced with exact signals.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ita_desktop.domain.catalogue import DEFAULT_ROUNDS
from ita_desktop.domain.model import Measure, Progress, Step, YearPlan
from ita_desktop.domain.pasted import MEASURE, PERIOD, ROW_NUMBER, is_block, parse_period, paste_layout
from ita_desktop.domain.steps import numbered_step, parse_step_line, step_line
from ita_desktop.domain.validation import Problem, Severity, measure_problems
from ita_desktop.gui.commands import (
    DeleteMeasuresCommand,
    InsertMeasuresCommand,
    MeasureFieldCommand,
    MoveMeasureCommand,
)
from ita_desktop.gui.formatting import (
    date_text,
    indicators_text,
    parse_date,
    parse_indicators,
    parse_rounds,
    parse_units,
    rounds_text,
    units_text,
)
from ita_desktop.gui.qt import Qt, QtCore, QtGui
from ita_desktop.gui.roles import (
    ERROR_BACKGROUND,
    KIND_ROLE,
    MUTED_TEXT,
    PROBLEMS_ROLE,
    ROOT,
    SORT_ROLE,
    VALUE_ROLE,
    WARNING_BACKGROUND,
)
from ita_desktop.services.editing import DocumentEditor

Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str  # editor kind: text, multiline, indicator, units, date, rounds
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("indicators", "ตัวชี้วัด", "indicator", 150),
    Column("issue", "ประเด็นที่ต้องพัฒนา", "multiline", 220),
    Column("title", "มาตรการ", "multiline", 220),
    Column("guideline", "แนวทางการปฏิบัติ", "multiline", 200),
    Column("steps", "ขั้นตอน/วิธีการปฏิบัติ", "multiline", 300),
    Column("units", "ผู้รับผิดชอบ", "units", 150),
    Column("start", "เริ่ม", "date", 105),
    Column("end", "สิ้นสุด", "date", 105),
    Column("timeframe_text", "ระยะเวลา (ข้อความ)", "multiline", 150),
    Column("monitoring", "การกำกับติดตาม", "multiline", 180),
    Column("rounds", "รอบติดตาม", "rounds", 95),
    Column("group", "กลุ่ม (หัวข้อ)", "group", 180),
)
HEADER_TIPS = {
    "indicators": "ตัวชี้วัดที่มาตรการตอบ: ไม่ระบุ หนึ่ง หรือหลายข้อ (ติ๊กเลือก หรือพิมพ์ เช่น ๒, ๓)",
    "steps": "หนึ่งบรรทัดต่อหนึ่งขั้นตอน • ระยะเวลาของขั้นตอนพิมพ์ต่อท้ายหลังเครื่องหมาย | "
             "เช่น “จัดทำประกาศ | ภายในเดือนมกราคม ๒๕๖๗”",
    "timeframe_text": "ระยะเวลาตามที่หน่วยงานเขียน เช่น “ตลอดปีงบประมาณ” หรือ “ภายในเดือนมกราคม ๒๕๖๗” "
                      "— ถ้ากรอก เอกสารจะพิมพ์ข้อความนี้แทนช่วงวันที่เริ่ม–สิ้นสุด",
    "group": "หัวข้อกลุ่มของหน่วยงานเอง (พิมพ์เป็นแถวหัวข้อเหนือมาตรการในเอกสาร) • ว่าง = ไม่มีกลุ่ม",
}
COLUMN_OF = {c.key: i for i, c in enumerate(COLUMNS)}
TEXT_FIELDS = ("issue", "title", "guideline", "monitoring")


def steps_text(measure: Measure) -> str:
    """The steps as typed, one per line, each with " | its timeframe" when it has one (what the editor shows
    and copy puts on the clipboard; paste reads it back)."""
    return "\n".join(step_line(s.text, s.timeframe_text) for s in measure.steps)


def parse_steps(text: str) -> list[Step]:
    """New steps from the lines of a steps cell ("text" or "text | timeframe"), blank lines dropped."""
    return [Step(text=t, timeframe_text=tf) for t, tf in (parse_step_line(line) for line in text.split("\n")
                                                          if line.strip())]


def numbered_steps(measure: Measure) -> str:
    """The steps as the grid shows them: numbered 1., 2. … unless the clerk numbered or bulleted them."""
    return "\n".join(numbered_step(i, step_line(s.text, s.timeframe_text))
                     for i, s in enumerate(measure.steps, start=1))


class MeasuresModel(QtCore.QAbstractTableModel):
    """Measures of one year; edits go through ``undo_stack`` and are committed at once."""

    message = QtCore.Signal(str)  # a Thai sentence for the status bar
    changed = QtCore.Signal()  # anything about the measures changed (progress grids refresh)
    progress_changed = QtCore.Signal(str)  # only the progress entries of this measure changed

    def __init__(self, editor: DocumentEditor, plan: YearPlan, undo_stack: QtGui.QUndoStack,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.editor, self.plan, self.undo_stack = editor, plan, undo_stack
        self._rows: dict[str, int] = {}
        self._problems: dict[str, list[Problem]] = {}
        self._reindex()

    # -- Qt model interface --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.plan.measures)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return HEADER_TIPS.get(COLUMNS[section].key) if 0 <= section < len(COLUMNS) else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section].header if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.plan.measures)):
            return None
        measure = self.plan.measures[index.row()]
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole and key == "steps":
            return numbered_steps(measure)
        if role == Qt.ItemDataRole.DisplayRole and key == "indicators" and len(measure.indicators) > 1:
            return "\n".join(self.indicator_label(n) for n in measure.indicators)  # copy gives '๒, ๓'

        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.cell_text(measure, key)
        if role == VALUE_ROLE:
            return self.value(measure, key)
        if role == SORT_ROLE:
            value = self.value(measure, key)
            if key in ("start", "end"):
                return value.isoformat() if value else "9999"
            if key == "indicators":  # by the first indicator; measures tied to none sort first
                return measure.indicator if measure.indicator is not None else 0
            return self.cell_text(measure, key)
        if role == KIND_ROLE:
            return COLUMNS[index.column()].kind
        worded = key in ("start", "end") and bool(measure.timeframe_text.strip())
        if role == Qt.ItemDataRole.ForegroundRole:
            return QtGui.QBrush(MUTED_TEXT) if worded else None
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, PROBLEMS_ROLE):
            found = [p for p in self.problems(measure) if p.field == key]
            if role == PROBLEMS_ROLE:
                return [p.thai for p in found]
            if not found:
                if role == Qt.ItemDataRole.ToolTipRole and worded:
                    return f"เอกสารพิมพ์ระยะเวลาเป็นข้อความ “{measure.timeframe_text}” แทนช่วงวันที่นี้"
                if role == Qt.ItemDataRole.ToolTipRole and key == "steps" and measure.steps:
                    return HEADER_TIPS["steps"]
                return None
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(p.thai for p in found)
            error = any(p.severity == Severity.ERROR for p in found)
            return QtGui.QBrush(ERROR_BACKGROUND if error else WARNING_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role not in (Qt.ItemDataRole.EditRole, VALUE_ROLE):
            return False
        key = COLUMNS[index.column()].key
        try:
            typed = self.parse_text(key, value) if role == Qt.ItemDataRole.EditRole else value
        except ValueError as exc:
            self.message.emit(str(exc))
            return False
        return self.edit(index.row(), key, typed)

    # -- values --------------------------------------------------------------------------------------------
    def indicator_label(self, number: int) -> str:
        ind = self.plan.indicator(number)
        return f"{number}. {ind.name}" if ind else str(number)

    def indicators_label(self, numbers: list[int]) -> str:
        """'' (no indicator), '9. การเปิดเผยข้อมูล' (one), '๒, ๓' (several: the numbers, which paste reads back)."""
        if len(numbers) == 1:
            return self.indicator_label(numbers[0])
        return indicators_text(numbers)

    def cell_text(self, measure: Measure, key: str) -> str:
        """What the cell shows, and what copy puts on the clipboard (paste reads it back)."""
        if key == "indicators":
            return self.indicators_label(measure.indicators)
        if key == "steps":
            return steps_text(measure)
        if key == "units":
            return units_text(measure.units)
        if key in ("start", "end"):
            return date_text(getattr(measure, key))
        if key == "rounds":
            return rounds_text(measure.rounds)
        return str(getattr(measure, key))

    def value(self, measure: Measure, key: str) -> Any:
        if key == "steps":
            return steps_text(measure)
        value = getattr(measure, key)
        return list(value) if isinstance(value, list) else value

    def parse_text(self, key: str, text: Any) -> Any:
        """Typed value of text typed or pasted into a column; ValueError with a Thai message if unreadable."""
        raw = "" if text is None else str(text)
        if key == "indicators":
            return parse_indicators(raw, {i.number for i in self.plan.indicators})
        if key == "units":
            return parse_units(raw)
        if key in ("start", "end"):
            return parse_date(raw)
        if key == "rounds":
            return parse_rounds(raw)
        if key == "group":  # a heading: one line
            return " ".join(raw.split())
        if key == "timeframe_text":
            return raw.replace("\r\n", "\n").strip()
        return raw.replace("\r\n", "\n")

    def groups(self) -> list[str]:
        """The office's group headings already used in the year's plan, in plan order."""
        return list(dict.fromkeys(m.group for m in self.plan.measures if m.group.strip()))

    def problems(self, measure: Measure) -> list[Problem]:
        found = self._problems.get(measure.id)
        if found is None:
            numbers = {i.number for i in self.plan.indicators}
            found = measure_problems(measure, self.plan.fiscal_year, numbers)
            self._problems[measure.id] = found
        return found

    def problems_at(self, row: int) -> list[str]:
        """Thai sentences about a whole row, errors first."""
        found = sorted(self.problems(self.plan.measures[row]), key=lambda p: p.severity != Severity.ERROR)
        return [f"{COLUMNS[COLUMN_OF[p.field]].header}: {p.thai}" if p.field in COLUMN_OF else p.thai
                for p in found]

    # -- rows ------------------------------------------------------------------------------------------------
    def _reindex(self) -> None:
        self._rows = {m.id: i for i, m in enumerate(self.plan.measures)}

    def row_of(self, measure_id: str) -> int:
        return self._rows[measure_id]

    def measure_at(self, row: int) -> Measure:
        return self.plan.measures[row]

    def new_measure(self, like_row: int | None = None) -> Measure:
        """An empty measure for the indicator of the row it is added next to, monitored in the rounds the plan
        already uses (๖ and ๑๒ เดือน for a new plan): a measure in no round would show in no progress report."""
        if like_row is not None and 0 <= like_row < len(self.plan.measures):
            like = self.plan.measures[like_row]
            indicators, group = list(like.indicators), like.group
        else:
            indicators, group = [self.plan.indicators[0].number] if self.plan.indicators else [], ""
        return Measure(indicators=indicators, group=group, rounds=self.plan.rounds() or list(DEFAULT_ROUNDS))

    # -- edits (push commands) ------------------------------------------------------------------------------
    def edit(self, row: int, key: str, value: Any) -> bool:
        """Change one cell through the undo stack; an unchanged value pushes nothing."""
        measure = self.plan.measures[row]
        if self.value(measure, key) == value:
            return True
        before = self.state_of(measure, key)
        after = self.state_with(measure, key, value)
        header = COLUMNS[COLUMN_OF[key]].header
        self.undo_stack.push(MeasureFieldCommand(self, measure.id, key, before, after, f"แก้ไข{header}"))
        return True

    def add_measures(self, position: int, measures: list[Measure], text: str = "เพิ่มมาตรการ") -> None:
        self.undo_stack.push(InsertMeasuresCommand(self, position, measures, text))

    def delete_rows(self, rows: list[int]) -> None:
        ids = [self.plan.measures[r].id for r in sorted(set(rows))]
        if ids:
            self.undo_stack.push(DeleteMeasuresCommand(self, ids, f"ลบมาตรการ {len(ids)} รายการ"))

    def set_progress(self, measure_id: str, entries: list[Progress], text: str) -> None:
        """Make a measure's progress entries exactly ``entries`` (added, removed, re-attached or reordered)."""
        measure = self.plan.measures[self.row_of(measure_id)]
        self.undo_stack.push(MeasureFieldCommand(self, measure_id, "progress", copy.deepcopy(measure.progress),
                                                 copy.deepcopy(entries), text))

    def progress_edited(self, measure_id: str) -> None:
        """One progress entry of a measure was written (by a progress grid): the grids follow."""
        self.progress_changed.emit(measure_id)

    def move_row(self, row: int, delta: int) -> bool:
        target = row + delta
        if not (0 <= row < len(self.plan.measures) and 0 <= target < len(self.plan.measures)):
            return False
        text = "เลื่อนมาตรการขึ้น" if delta < 0 else "เลื่อนมาตรการลง"
        self.undo_stack.push(MoveMeasureCommand(self, self.plan.measures[row].id, delta, text))
        return True

    # -- states (what commands set) ---------------------------------------------------------------------------
    def state_of(self, measure: Measure, key: str) -> Any:
        if key == "steps":
            return copy.deepcopy((measure.steps, measure.progress))
        return copy.deepcopy(getattr(measure, key))

    def state_with(self, measure: Measure, key: str, value: Any) -> Any:
        """The field's state once ``value`` is set: for steps, lines matched to the old steps and progress."""
        if key != "steps":
            return copy.deepcopy(value)
        parsed = [parse_step_line(line) for line in str(value).split("\n") if line.strip()]
        lines = [text for text, _ in parsed]
        old = list(measure.steps)
        chosen: list[Step | None] = [None] * len(lines)
        unused = list(range(len(old)))
        for i, line in enumerate(lines):  # the same text keeps its step (due date, progress)
            match = next((j for j in unused if old[j].text == line), None)
            if match is not None:
                chosen[i] = old[match]
                unused.remove(match)
        for i in range(len(lines)):  # changed lines take the remaining steps in order
            if chosen[i] is None and unused:
                chosen[i] = old[unused.pop(0)]
        steps = [Step(text=text, due=c.due, timeframe_text=timeframe, id=c.id) if c
                 else Step(text=text, timeframe_text=timeframe) for (text, timeframe), c in zip(parsed, chosen,
                                                                                                 strict=True)]
        new_number = {s.id: i + 1 for i, s in enumerate(steps)}
        old_id = {i + 1: s.id for i, s in enumerate(old)}
        progress = []
        for p in copy.deepcopy(measure.progress):
            if p.step is None:
                progress.append(p)
            elif old_id.get(p.step) in new_number:
                p.step = new_number[old_id[p.step]]
                progress.append(p)
        return steps, progress

    def set_state(self, measure_id: str, key: str, state: Any) -> None:
        """Apply a field state: write it to the document, then tell the views."""
        row = self.row_of(measure_id)
        measure = self.plan.measures[row]
        if key == "steps":
            steps, progress = copy.deepcopy(state)
            measure.steps, measure.progress = steps, progress
        else:
            setattr(measure, key, copy.deepcopy(state))
        self.editor.write_measure(measure, [key])
        if key == "progress":  # not shown in the plan grid: only the progress grids follow
            self.progress_changed.emit(measure_id)
            return
        self._problems.pop(measure_id, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self._announce(row)
        self.changed.emit()

    def _announce(self, row: int) -> None:
        found = self.problems_at(row)
        self.message.emit(f"มาตรการที่ {row + 1} — " + "; ".join(found) if found else "บันทึกแล้ว")

    def insert_measures(self, position: int, measures: list[Measure]) -> None:
        position = max(0, min(position, len(self.plan.measures)))
        self.beginInsertRows(QtCore.QModelIndex(), position, position + len(measures) - 1)
        with self.editor.database.transaction():
            for offset, measure in enumerate(measures):
                stored = copy.deepcopy(measure)
                self.editor.insert_measure(self.plan.id, stored, position + offset)
                self.plan.measures.insert(position + offset, stored)
        self._reindex()
        self.endInsertRows()
        self.changed.emit()

    def remove_measures(self, measure_ids: list[str]) -> list[tuple[int, Measure, list[tuple[str, str]]]]:
        """Tombstone measures; returns (row, measure, tombstones) in ascending row order, for restoring."""
        removed: list[tuple[int, Measure, list[tuple[str, str]]]] = []
        rows = sorted(self.row_of(i) for i in measure_ids)
        with self.editor.database.transaction():
            for row in reversed(rows):
                measure = self.plan.measures[row]
                gone = self.editor.delete_measure(measure.id)
                self.beginRemoveRows(QtCore.QModelIndex(), row, row)
                del self.plan.measures[row]
                self.endRemoveRows()
                removed.append((row, measure, gone))
        self._reindex()
        self.changed.emit()
        return list(reversed(removed))

    def restore_measures(self, removed: list[tuple[int, Measure, list[tuple[str, str]]]]) -> None:
        with self.editor.database.transaction():
            for row, measure, gone in removed:
                self.editor.restore(gone)
                self.beginInsertRows(QtCore.QModelIndex(), row, row)
                self.plan.measures.insert(row, measure)
                self.endInsertRows()
        self._reindex()
        self.changed.emit()

    def move_measure(self, measure_id: str, delta: int) -> None:
        row = self.row_of(measure_id)
        target = row + delta
        other = self.plan.measures[target]
        self.editor.swap_measures(measure_id, other.id)
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QtCore.QModelIndex(), row, row, QtCore.QModelIndex(), destination)
        measures = self.plan.measures
        measures[row], measures[target] = measures[target], measures[row]
        self.endMoveRows()
        self._reindex()
        self.changed.emit()

    # -- paste -----------------------------------------------------------------------------------------------
    def _paste_cells(self, left: int, grid: list[list[str]]) -> tuple[list[list[tuple[str, str]]], list[str]]:
        """The pasted rows as (field, text) cells — placed by a heading row when the table has one, else from
        column ``left`` on — and the headings that have no place in the plan."""
        layout = paste_layout(grid)
        if layout.fields is None:
            keys = [COLUMNS[c].key for c in range(left, len(COLUMNS))]
            return [list(zip(keys, row, strict=False)) for row in layout.rows], []
        fields = layout.fields
        placed = (PERIOD, MEASURE)  # columns that fill more than one of the grid's
        left_out = [h.strip() for h, f in zip(grid[0], fields, strict=False)
                    if h.strip() and (f is None or (f not in COLUMN_OF and f not in placed and f != ROW_NUMBER))]
        cells = [[(f, text) for f, text in zip(fields, row, strict=False)
                  if f is not None and (f in COLUMN_OF or f in placed)] for row in layout.rows]
        return cells, left_out

    def paste_overwrites(self, rows: list[int | None], left: int, grid: list[list[str]]) -> bool:
        """Whether a block pasted at ``rows`` would change cells of measures that already hold something there
        (a cell or two pasted over filled cells just replaces them, as in Excel)."""
        if not is_block(grid):
            return False
        cells, _ = self._paste_cells(left, grid)
        for row, row_cells in zip(rows, cells, strict=False):
            if row is None:
                continue
            measure = self.plan.measures[row]
            for key, _text in row_cells:
                keys = {PERIOD: ("start", "end", "timeframe_text"), MEASURE: ("title", "steps")}.get(key, (key,))
                if any(self.cell_text(measure, k).strip() for k in keys):
                    return True
        return False

    def _measure_values(self, text: str) -> list[tuple[str, Any]]:
        """'มาตรการ/ขั้นตอน/วิธีปฏิบัติ': the title, then its steps from the first numbered line (the Word
        import's rule, office_docs.cells.split_measure). Imported here, on a paste: the Word import's date patterns,
        compiled when it is imported, cost some 10 ms that the window's start does not need (issue 18)."""
        from ita_desktop.office_docs.cells import split_measure

        title, steps = split_measure(text.split("\n"))
        values: list[tuple[str, Any]] = [("title", self.parse_text("title", "\n".join(title)))] if title else []
        return values + ([("steps", self.parse_text("steps", "\n".join(steps)))] if steps else [])

    def _period_values(self, text: str) -> list[tuple[str, Any]]:
        """'ระยะเวลาดำเนินการ': the start and end dates when it reads as a range, else the words as written."""
        found = parse_period(text)
        if found is None:
            return [("timeframe_text", self.parse_text("timeframe_text", text))]
        return [("start", found[0]), ("end", found[1]), ("timeframe_text", "")]

    def paste(self, rows: list[int | None], left: int, grid: list[list[str]],
              insert_at: int | None = None) -> tuple[int, list[str]]:
        """Put a pasted rectangle at ``rows`` (None = a new measure at the end) from column ``left``; with
        ``insert_at``, every pasted row becomes a new measure at that plan position instead.

        A first row of known headings ("มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ" …) places each column by
        its heading (domain.pasted). Unreadable cells are left as they were and reported; returns (cells
        changed, Thai messages).
        """
        cells, left_out = self._paste_cells(left, grid)
        if left_out:  # say so: a silently dropped column is lost work
            self.message.emit("ไม่ได้วางคอลัมน์ " + ", ".join(f"“{h}”" for h in left_out) + " เพราะแผนไม่มีช่องนี้")
        if insert_at is not None:
            rows = [None] * len(cells)
        errors: list[str] = []
        edits: list[tuple[int, str, Any]] = []
        new_measures: list[Measure] = []
        new_cells = 0
        like = (insert_at if insert_at is not None else len(self.plan.measures)) - 1
        for row, row_cells in zip(rows, cells, strict=False):
            fresh = self.new_measure(like) if row is None else None
            for key, text in row_cells:
                header = {PERIOD: "ระยะเวลาดำเนินการ", MEASURE: "มาตรการ/ขั้นตอน"}.get(key) or \
                    COLUMNS[COLUMN_OF[key]].header
                try:
                    values = (self._period_values(text) if key == PERIOD else self._measure_values(text)
                              if key == MEASURE else [(key, self.parse_text(key, text))])
                except ValueError as exc:
                    errors.append(f"แถว {(row + 1) if row is not None else 'ใหม่'} {header}: {exc}")
                    continue
                for field_key, value in values:
                    if fresh is not None:
                        new_cells += 1
                        if field_key == "steps":
                            fresh.steps = parse_steps(str(value))
                        else:
                            setattr(fresh, field_key, value)
                    elif row is not None:
                        edits.append((row, field_key, value))
            if fresh is not None:
                new_measures.append(fresh)
        if not edits and not new_measures:
            return 0, errors
        self.undo_stack.beginMacro("วางข้อมูล" if insert_at is None else "วางเป็นมาตรการใหม่")
        try:
            with self.editor.database.transaction():  # one commit for the whole paste
                for row, key, value in edits:
                    self.edit(row, key, value)
                if new_measures:
                    position = len(self.plan.measures) if insert_at is None else insert_at
                    self.add_measures(position, new_measures, "เพิ่มมาตรการจากการวาง")
        finally:
            self.undo_stack.endMacro()
        return len(edits) + new_cells, errors
