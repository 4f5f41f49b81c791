"""Progress of one monitoring round as a table: one row per progress entry, under its measure and step.

Which rows show, and in what order, is the domain's rule (domain/round_rows.py); this model adapts it to Qt.
A step with nothing reported yet shows as a placeholder row: typing into it creates the entry. Editing a
field writes that one entry at once; adding, deleting or re-attaching an entry changes the measure's list of
entries — every change is an undo command that goes through the editing service.

Rounds are cumulative (domain/round_entries.py), so the 12-month grid also shows the 6-month entries, greyed and
marked by their round in the "รอบ" column, their status still coloured (toned down) so the clerk sees at a glance
which steps were done by then. They are read-only here: the 6-month report printed them (it may be on the
office's website already), so changing one from another round's grid would silently rewrite that report. The
tooltip and the message at the cell say where to edit them (Ctrl+G opens that cell on its round's page) and that
Ctrl+Enter adds an entry of this round.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from ita_desktop.domain.model import Measure, Progress, Status, new_id
from ita_desktop.domain.round_entries import steps_done
from ita_desktop.domain.round_rows import RoundRow, attached_to, round_rows, with_new_entry, without_entries
from ita_desktop.domain.steps import numbered_step
from ita_desktop.domain.validation import Problem, Severity, progress_problems
from ita_desktop.gui.commands import ProgressFieldCommand
from ita_desktop.gui.formatting import date_text, parse_date, parse_status, parse_urls
from ita_desktop.gui.measures_model import MeasuresModel
from ita_desktop.gui.qt import Qt, QtCore, QtGui
from ita_desktop.gui.roles import (
    CHOICES_ROLE,
    ERROR_BACKGROUND,
    GROUP_BACKGROUND,
    KIND_ROLE,
    MUTED_TEXT,
    PROBLEMS_ROLE,
    ROOT,
    STATUS_COLOURS,
    URLS_ROLE,
    VALUE_ROLE,
    WARNING_BACKGROUND,
)
from ita_desktop.thai.digits import to_arabic_digits

Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex
ProgressKey = tuple[str, str]  # (measure id, progress entry id)
WHOLE_MEASURE = "ทั้งมาตรการ"
NOT_REPORTED = "— ยังไม่รายงาน —"
CARRIED_BACKGROUND = QtGui.QColor("#eeeeee")  # an entry of an earlier round: shown and counted, edited there
WHOLE_VALUE = 0  # the step combo's value for "the measure as a whole"
OPEN_ROUND_KEY = "Ctrl+G"  # "แก้ไขในรอบ 6 เดือน": from a carried row to its entry on its own round's page


def muted(colour: QtGui.QColor, towards: QtGui.QColor = CARRIED_BACKGROUND, share: float = 0.55) -> QtGui.QColor:
    """A status colour toned towards the grey of carried rows: still green or yellow, plainly not this round's."""
    return QtGui.QColor(*(round(share * a + (1 - share) * b) for a, b in (
        (colour.red(), towards.red()), (colour.green(), towards.green()), (colour.blue(), towards.blue()))))


CARRIED_STATUS_COLOURS = {status: muted(colour) for status, colour in STATUS_COLOURS.items()}


@dataclass(frozen=True)
class ProgressColumn:
    key: str
    header: str
    kind: str
    width: int
    editable: bool = True


COLUMNS: tuple[ProgressColumn, ...] = (
    ProgressColumn("measure", "มาตรการ", "text", 220, editable=False),
    ProgressColumn("step", "ขั้นตอน", "step", 240),
    ProgressColumn("round", "รอบ", "text", 70, editable=False),
    ProgressColumn("status", "สถานะ", "status", 150),
    ProgressColumn("result", "ผลการดำเนินการ", "multiline", 260),
    ProgressColumn("done_on", "ดำเนินการเมื่อ", "date", 115),
    ProgressColumn("outcome", "ผลสัมฤทธิ์", "multiline", 180),
    ProgressColumn("evidence_urls", "หลักฐาน (ลิงก์)", "urls", 220),
)
COLUMN_OF = {c.key: i for i, c in enumerate(COLUMNS)}


def open_round_text(round_: int) -> str:
    """'แก้ไขในรอบ 6 เดือน': the action that opens a carried entry on its own round's page."""
    return f"แก้ไขในรอบ {round_} เดือน"


def step_label(measure: Measure, step: int | None) -> str:
    """'2. กำชับให้…' (as numbered in the plan) or 'ทั้งมาตรการ'."""
    return WHOLE_MEASURE if step is None else numbered_step(step, measure.steps[step - 1].text)


def parse_step(text: str, measure: Measure) -> int | None:
    """A step typed or pasted: 'ทั้งมาตรการ', a step's text (numbered or not), or its number ('2', '๒.')."""
    raw = text.strip()
    if raw.strip("()") == WHOLE_MEASURE:
        return None
    for number, step in enumerate(measure.steps, start=1):
        if raw in (step.text.strip(), numbered_step(number, step.text).strip()):
            return number
    found = re.match(r"\d+", to_arabic_digits(raw))
    if found and 1 <= int(found.group()) <= len(measure.steps):
        return int(found.group())
    raise ValueError(f"ไม่พบขั้นตอน “{raw}” ในมาตรการนี้ (เลือกขั้นตอน หรือ “{WHOLE_MEASURE}”)")


class ProgressModel(QtCore.QAbstractTableModel):
    """Round ``round_`` of the plan held by a MeasuresModel."""

    message = QtCore.Signal(str)
    summary_changed = QtCore.Signal(str)

    def __init__(self, measures: MeasuresModel, round_: int, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.measures, self.round = measures, round_
        self.rows: list[RoundRow] = round_rows(measures.plan.measures, round_)
        measures.changed.connect(self.refresh)
        measures.progress_changed.connect(self.refresh_measure)

    def refresh(self) -> None:
        """Follow the plan (any change to it)."""
        self._apply(round_rows(self.measures.plan.measures, self.round), 0, None)

    def refresh_measure(self, measure_id: str) -> None:
        """Follow a change to one measure's progress entries: only its rows are rebuilt and announced."""
        block = [i for i, r in enumerate(self.rows) if r.measure.id == measure_id]
        if not block:
            return
        first, last = block[0], block[-1]
        group = self.rows[first].group
        fresh = [dataclasses.replace(r, group=group) for r in round_rows([self.rows[first].measure], self.round)]
        self._apply(self.rows[:first] + fresh + self.rows[last + 1:], first, first + len(fresh))

    def _apply(self, new: list[RoundRow], changed_from: int, changed_to: int | None) -> None:
        """Make ``new`` the rows: rows that stayed keep their place (so do the clerk's current cell and
        selection); rows that came or went are announced as exact removes and inserts, then the values of
        rows changed_from … changed_to (None: to the end)."""
        old = self.rows
        if [r.key[:2] for r in new] != [r.key[:2] for r in old]:
            start = 0
            while start < min(len(old), len(new)) and old[start].key == new[start].key:
                start += 1
            tail = 0
            while (tail < min(len(old), len(new)) - start
                   and old[len(old) - 1 - tail].key == new[len(new) - 1 - tail].key):
                tail += 1
            if len(old) - tail > start:
                self.beginRemoveRows(ROOT, start, len(old) - tail - 1)
                self.rows = old[:start] + old[len(old) - tail:]
                self.endRemoveRows()
            if len(new) - tail > start:  # rows around the change keep their old values until dataChanged
                self.beginInsertRows(ROOT, start, len(new) - tail - 1)
                self.rows = old[:start] + new[start:len(new) - tail] + old[len(old) - tail:]
                self.endInsertRows()
        self.rows = new
        end = len(new) if changed_to is None else min(changed_to, len(new))
        if end > changed_from:
            self.dataChanged.emit(self.index(changed_from, 0), self.index(end - 1, len(COLUMNS) - 1))
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
        column = COLUMNS[index.column()]
        row = self.rows[index.row()]
        if not column.editable or (column.key == "step" and row.entry is None) or row.carried:
            return flags  # a placeholder belongs to its step until something is typed into it; a carried entry
            # is edited in its own round
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()].key
        entry = row.entry
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "status" and entry is None:
                return NOT_REPORTED if row.first_of_step else "— รอรายงานรอบนี้ —"
            if key == "step" and not row.first_of_step:  # the step is named in full on its first row
                where = WHOLE_MEASURE if row.step is None else f"ขั้นตอนที่ {row.step}"
                return f"{where} — รายการที่ {row.nth}"
            return self.cell_text(row, key)
        if role == Qt.ItemDataRole.EditRole:
            return self.cell_text(row, key)
        if role == VALUE_ROLE:
            return self.value(row, key)
        if role == KIND_ROLE:
            return COLUMNS[index.column()].kind
        if role == CHOICES_ROLE:
            if key != "step":
                return None
            return [(WHOLE_MEASURE, WHOLE_VALUE)] + [(step_label(row.measure, n), n)
                                                     for n in range(1, len(row.measure.steps) + 1)]
        if role == URLS_ROLE:
            return list(entry.evidence_urls) if entry else []
        problems = [p for p in self.problems(entry) if p.field.split("[")[0] == key]
        if role == PROBLEMS_ROLE:
            return [p.thai for p in problems]
        if role == Qt.ItemDataRole.ToolTipRole:
            if problems:
                return "\n".join(p.thai for p in problems)
            if entry is None:
                return "ยังไม่มีรายการของขั้นตอนนี้ในรอบนี้ — พิมพ์ในช่องใดก็ได้เพื่อเพิ่ม"
            if row.carried:
                return self.carried_hint(row)
            if key == "step":
                return "ย้ายรายการไปขั้นตอนอื่น หรือเป็นผลของทั้งมาตรการ • Ctrl+Enter = เพิ่มรายการของขั้นตอนนี้"
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if problems:
                error = any(p.severity == Severity.ERROR for p in problems)
                return QtGui.QBrush(ERROR_BACKGROUND if error else WARNING_BACKGROUND)
            if row.carried and key == "status" and entry is not None:
                return QtGui.QBrush(CARRIED_STATUS_COLOURS[str(entry.status)])
            if row.carried and key != "measure":
                return QtGui.QBrush(CARRIED_BACKGROUND)
            if key == "status" and entry is not None:
                return QtGui.QBrush(STATUS_COLOURS[str(entry.status)])
            if key in ("measure", "step", "round") and row.group % 2:
                return QtGui.QBrush(GROUP_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if key == "measure" and row.first_of_measure:
                font = QtGui.QFont()
                font.setBold(True)
                return font
            if (key == "status" and entry is None) or (key == "round" and row.carried):
                font = QtGui.QFont()
                font.setItalic(True)
                return font
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "evidence_urls":
                return QtGui.QBrush(QtGui.QColor("#1a5fb4"))
            if (key == "status" and entry is None) or (key == "step" and not row.first_of_step) or key == "round":
                return QtGui.QBrush(MUTED_TEXT)
            if row.carried and key != "measure":
                return QtGui.QBrush(MUTED_TEXT)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def cell_text(self, row: RoundRow, key: str) -> str:
        """What a cell holds, as copy puts it on the clipboard (paste reads it back)."""
        entry = row.entry
        if key == "measure":
            if not row.first_of_measure:
                return ""
            numbers = ", ".join(str(n) for n in row.measure.indicators)
            return f"ตัวชี้วัดที่ {numbers}\n{row.measure.title}" if numbers else row.measure.title
        if key == "step":
            return step_label(row.measure, row.step)
        if key == "round":
            return f"{entry.round if entry else self.round} เดือน"
        if entry is None:
            return ""
        if key == "status":
            return entry.status.thai
        if key == "done_on":
            return date_text(entry.done_on)
        if key == "evidence_urls":
            return "\n".join(entry.evidence_urls)
        return str(getattr(entry, key))

    def value(self, row: RoundRow, key: str) -> Any:
        entry = row.entry
        if key == "step":
            return WHOLE_VALUE if row.step is None else row.step
        if key in ("measure", "round"):
            return None
        if entry is None:
            return None if key in ("done_on", "status") else ""
        if key == "evidence_urls":
            return "\n".join(entry.evidence_urls)
        return getattr(entry, key)

    def problems(self, entry: Progress | None) -> list[Problem]:
        return progress_problems(entry, self.measures.plan.fiscal_year) if entry else []

    def summary(self) -> str:
        """'ดำเนินการแล้ว 7 จาก 12 ขั้นตอน' for the status line over the grid: the report's and the round
        page's count (each step once, earlier rounds included)."""
        done, total = steps_done(self.measures.plan.measures, self.round)
        earlier = sorted({r.entry.round for r in self.rows if r.entry is not None and r.carried})
        rounds = " และ ".join(f"รอบ {r} เดือน" for r in earlier)
        return f"รอบ {self.round} เดือน: ดำเนินการแล้ว {done} จาก {total} ขั้นตอน" + (
            f" (นับรวมผล{rounds})" if earlier else "")

    def carried_hint(self, row: RoundRow) -> str:
        """Why a carried entry cannot be edited here, and what to do instead."""
        assert row.entry is not None
        return (f"รายการของรอบ {row.entry.round} เดือน (รายงานรอบ {self.round} เดือนรวมผลตั้งแต่ต้นปีงบประมาณ) — "
                f"แก้ไขได้ที่หน้า “ผลการดำเนินการ รอบ {row.entry.round} เดือน”: {OPEN_ROUND_KEY} หรือคลิกขวา "
                f"“{open_round_text(row.entry.round)}” • Ctrl+Enter = เพิ่มรายการของรอบ {self.round} เดือนให้ขั้นตอนนี้")

    def row_of_entry(self, entry_id: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.entry is not None and r.entry.id == entry_id), None)

    # -- editing -------------------------------------------------------------------------------------------
    def parse_text(self, key: str, text: Any, row: RoundRow) -> Any:
        raw = "" if text is None else str(text)
        if key == "status":
            return parse_status(raw)
        if key == "done_on":
            return parse_date(raw)
        if key == "evidence_urls":
            return "\n".join(parse_urls(raw))
        if key == "step":
            return WHOLE_VALUE if (found := parse_step(raw, row.measure)) is None else found
        return raw.replace("\r\n", "\n")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role not in (Qt.ItemDataRole.EditRole, VALUE_ROLE):
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        column = COLUMNS[index.column()]
        row = self.rows[index.row()]
        if column.key == "step" and role == Qt.ItemDataRole.EditRole and not str(value or "").strip():
            return True  # Delete over a selection leaves each entry on its step
        try:
            typed = self.parse_text(column.key, value, row) if role == Qt.ItemDataRole.EditRole else value
            if column.key == "status":
                typed = Status(typed)  # a combo hands the enum back as its plain value
        except ValueError as exc:
            self.message.emit(str(exc))
            return False
        return self.edit(index.row(), column.key, typed)

    def edit(self, row_number: int, key: str, value: Any) -> bool:
        """Change one cell through the undo stack (a placeholder row gets its entry); unchanged: nothing."""
        row = self.rows[row_number]
        if self.value(row, key) == value:
            return True
        if key == "step":
            return self.attach(row_number, None if value == WHOLE_VALUE else int(value))
        entry = row.entry
        before = copy.deepcopy(entry)
        after = copy.deepcopy(entry) if entry else Progress(round=self.round, step=row.step, id=new_id())
        if key == "evidence_urls":
            after.evidence_urls = parse_urls(str(value))
        else:
            setattr(after, key, value)
        header = COLUMNS[COLUMN_OF[key]].header
        self.measures.undo_stack.push(ProgressFieldCommand(self, (row.measure.id, after.id), before, after,
                                                           f"แก้ไข{header} (รอบ {self.round} เดือน)"))
        return True

    def set_entry(self, key: ProgressKey, state: Progress | None) -> None:
        """Write (or, for None, remove) one progress entry of a measure, then show it."""
        measure_id, entry_id = key
        measure = self.measures.measure_at(self.measures.row_of(measure_id))
        existing = next((p for p in measure.progress if p.id == entry_id), None)
        editor = self.measures.editor
        if state is None:
            if existing is not None:
                editor.delete_progress(existing.id)
                measure.progress.remove(existing)
        else:
            entry = copy.deepcopy(state)
            if existing is not None:
                measure.progress[measure.progress.index(existing)] = entry
            else:
                measure.progress.append(entry)
            editor.save_progress(measure, entry)
        self.measures.progress_edited(measure_id)
        found = [p.thai for p in self.problems(state)] if state is not None else []
        self.message.emit("; ".join(found) if found else "บันทึกแล้ว")

    # -- entries (rows) ------------------------------------------------------------------------------------
    def add_entry(self, row_number: int, *, whole_measure: bool = False) -> int | None:
        """A new, empty entry for the row's step (or for the whole measure), after that step's other entries;
        returns its row. On a placeholder row of that step, the placeholder becomes the entry."""
        if not 0 <= row_number < len(self.rows):
            return None
        row = self.rows[row_number]
        step = None if whole_measure else row.step
        entry = Progress(round=self.round, step=step)
        where = WHOLE_MEASURE if step is None else f"ขั้นตอนที่ {step}"
        self.measures.set_progress(row.measure.id, with_new_entry(row.measure, entry),
                                   f"เพิ่มรายการ{where} (รอบ {self.round} เดือน)")
        self.message.emit(f"เพิ่มรายการของ{where}แล้ว — พิมพ์ผลการดำเนินการได้เลย (Ctrl+Z = เลิกทำ)")
        return self.row_of_entry(entry.id)

    def delete_entries(self, row_numbers: list[int]) -> int:
        """Remove the entries on these rows (placeholders have none); one undo step. Returns how many."""
        chosen = [self.rows[n] for n in sorted(set(row_numbers)) if 0 <= n < len(self.rows)]
        by_measure: dict[str, list[str]] = {}
        for row in chosen:
            if row.entry is not None and not row.carried:
                by_measure.setdefault(row.measure.id, []).append(row.entry.id)
        count = sum(len(ids) for ids in by_measure.values())
        carried = next((r for r in chosen if r.carried), None)
        if not count:
            self.message.emit(self.carried_hint(carried) if carried else "แถวที่เลือกยังไม่มีรายการให้ลบ")
            return 0
        stack = self.measures.undo_stack
        stack.beginMacro(f"ลบรายการ {count} รายการ (รอบ {self.round} เดือน)")
        try:
            for measure_id, ids in by_measure.items():
                measure = self.measures.measure_at(self.measures.row_of(measure_id))
                self.measures.set_progress(measure_id, without_entries(measure, ids), "ลบรายการ")
        finally:
            stack.endMacro()
        kept = f" — รายการของรอบ {carried.entry.round} เดือนไม่ถูกลบ (ลบได้ที่หน้ารอบนั้น)" if carried and carried.entry else ""
        self.message.emit(f"ลบรายการ {count} รายการแล้ว (กด Ctrl+Z เพื่อเรียกคืน){kept}")
        return count

    def attach(self, row_number: int, step: int | None) -> bool:
        """Attach the row's entry to another step of its measure (None: the whole measure), after that step's
        own entries."""
        row = self.rows[row_number]
        if row.entry is None or row.step == step:
            return row.entry is not None
        try:
            entries = attached_to(row.measure, row.entry.id, step)
        except ValueError as exc:
            self.message.emit(str(exc))
            return False
        where = WHOLE_MEASURE if step is None else f"ขั้นตอนที่ {step}"
        self.measures.set_progress(row.measure.id, entries, f"ย้ายรายการไป{where}")
        return True
