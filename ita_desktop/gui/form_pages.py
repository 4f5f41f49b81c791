"""Form pages: the organization profile and last year's assessment.

Typing in a field saves at once; a burst of typing in one field is one undo step (it ends when the
field loses focus), so Ctrl+Z takes back a word, not a letter. A field holds at most what a grid cell does
(interchange.limits.MAX_TEXT_CHARS): past it the field is marked, says so in Thai and keeps all that was typed,
unsaved, until it is shortened.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import partial
from typing import Any

from ita_desktop.domain.catalogue import LEVELS, TARGET_SCORE, level_of
from ita_desktop.domain.model import Assessment, IndicatorScore, Organization, QuestionScore, Tool, YearPlan
from ita_desktop.domain.questions import indicator_of, with_every_question
from ita_desktop.gui.commands import FieldCommand
from ita_desktop.gui.delegates import too_long_message
from ita_desktop.gui.forms import child, load_form
from ita_desktop.gui.grid_view import GridView
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.gui.record_model import RecordColumn, RecordTableModel
from ita_desktop.gui.roles import LOW_SCORE_BACKGROUND
from ita_desktop.interchange.limits import MAX_TEXT_CHARS
from ita_desktop.services.editing import DocumentEditor
from ita_desktop.storage.repositories import ORG_FIELDS
from ita_desktop.thai.digits import to_arabic_digits

MAX_FIELD_LENGTH = 2**31 - 1  # no cut by Qt: a text past MAX_TEXT_CHARS is refused with a message instead


class BurstField:
    """Connects a QLineEdit to a value: each edit is saved; a typing burst merges into one undo step."""

    def __init__(self, widget: QtWidgets.QLineEdit, name: str, undo_stack: QtGui.QUndoStack,
                 get: Callable[[], Any], set_: Callable[[Any], None], parse: Callable[[str], Any] = str,
                 show: Callable[[Any], str] = lambda v: "" if v is None else str(v),
                 message: Callable[[str], None] = lambda _m: None, label: str = "",
                 notice: QtWidgets.QLabel | None = None) -> None:
        self.widget, self.name, self.undo_stack = widget, name, undo_stack
        self.notice = notice  # where the form says, in Thai, that this field's text is too long
        self.get, self.set, self.parse, self.show, self.message = get, set_, parse, show, message
        self.label = label or name
        self.burst = 0
        widget.setMaxLength(MAX_FIELD_LENGTH)  # Qt's own 32,767 would cut a paste silently; the cap below says so
        widget.textEdited.connect(self._edited)
        widget.editingFinished.connect(self._finished)

    def refresh(self) -> None:
        text = self.show(self.get())
        if self.widget.text() != text:
            self.widget.setText(text)
        self.widget.setProperty("invalid", False)
        self._restyle()

    def _restyle(self) -> None:
        self.widget.style().unpolish(self.widget)
        self.widget.style().polish(self.widget)

    def _edited(self, text: str) -> None:
        if len(text) > MAX_TEXT_CHARS:  # refused at the field, in Thai; all that was typed stays in it, unsaved
            self.widget.setProperty("invalid", True)
            self._restyle()
            said = f"{self.label}: {too_long_message(len(text))}"
            self.widget.setToolTip(said)
            if self.notice is not None:
                self.notice.setText(said)
                self.notice.show()
            self.message(said)
            return
        if self.widget.toolTip():  # it was too long: no longer
            self.widget.setToolTip("")
            if self.notice is not None and self.notice.text().startswith(f"{self.label}:"):
                self.notice.hide()
        try:
            value = self.parse(text)
        except ValueError as exc:
            self.widget.setProperty("invalid", True)
            self._restyle()
            self.message(f"{self.label}: {exc}")
            return
        self.widget.setProperty("invalid", False)
        self._restyle()
        old = self.get()
        if old != value:
            self.undo_stack.push(FieldCommand(f"แก้ไข{self.label}", self._apply, old, value,
                                              merge_key=f"{self.name}#{self.burst}"))

    def _apply(self, value: Any) -> None:
        self.set(value)
        if self.parse_safe(self.widget.text()) != value:
            self.widget.setText(self.show(value))
        self.message("บันทึกแล้ว")

    def parse_safe(self, text: str) -> Any:
        try:
            return self.parse(text)
        except ValueError:
            return object()

    def _finished(self) -> None:
        self.burst += 1


class ProfilePage(QtWidgets.QWidget):
    """The organization as it appears in the title block of every export (from ui/organization.ui)."""

    message = QtCore.Signal(str)

    def __init__(self, undo_stack: QtGui.QUndoStack, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = load_form("organization", self)
        self.notice = QtWidgets.QLabel()  # a field's text past the cap: said here, under the form
        self.notice.setObjectName("fieldTooLong")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b00020; font-weight: bold;")
        self.notice.hide()
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        self.form.setMinimumWidth(560)
        self.form.setMaximumWidth(860)
        self.editor: DocumentEditor | None = None
        self.org = Organization()
        labels = {"name": "ชื่อหน่วยงาน", "kind": "ประเภท", "district": "อำเภอ", "province": "จังหวัด",
                  "address": "ที่อยู่", "phone": "โทรศัพท์", "website": "เว็บไซต์"}
        self.fields = {
            f: BurstField(child(self.form, QtWidgets.QLineEdit, f), f"org.{f}", undo_stack,
                          get=partial(self._get, f), set_=partial(self._set, f),
                          message=self.message.emit, label=labels[f], notice=self.notice)
            for f in ORG_FIELDS
        }

    def load(self, editor: DocumentEditor) -> None:
        self.editor = editor
        self.org = editor.organization()
        for field in self.fields.values():
            field.refresh()

    def _get(self, field: str) -> str:
        return str(getattr(self.org, field))

    def _set(self, field: str, value: str) -> None:
        setattr(self.org, field, value)
        if self.editor is not None:
            self.editor.save_organization(self.org)


def parse_score(text: str) -> float | None:
    """A score 0–100 as typed (Thai digits allowed); empty = not recorded."""
    raw = to_arabic_digits(text.strip()).replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValueError("คะแนนต้องเป็นตัวเลข 0–100 เช่น 84.01") from None
    if not 0 <= value <= 100:
        raise ValueError("คะแนนต้องอยู่ระหว่าง 0 ถึง 100")
    return value


def parse_year(text: str) -> int | None:
    raw = to_arabic_digits(text.strip())
    if not raw:
        return None
    if not raw.isdigit() or not 2400 <= int(raw) <= 2700:
        raise ValueError("ปีที่ประเมินต้องเป็นปี พ.ศ. เช่น 2566")
    return int(raw)


def show_score(value: Any) -> str:
    """A score with the two decimals the NACC publishes (90.10 stays 90.10, not 90.1)."""
    return "" if value is None else f"{value:.2f}"


class AssessmentPage(QtWidgets.QWidget):
    """Last year's ITA result: scores under the 85 target are highlighted, each indicator has a note."""

    message = QtCore.Signal(str)

    def __init__(self, undo_stack: QtGui.QUndoStack, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.editor: DocumentEditor | None = None
        self.plan: YearPlan | None = None
        self.assessment = Assessment()
        heading = QtWidgets.QLabel("ผลการประเมิน ITA ของปีที่ผ่านมา")
        heading.setObjectName("pageHeading")
        hint = QtWidgets.QLabel(f"คะแนนที่ต่ำกว่าเป้าหมาย {TARGET_SCORE:g} คะแนนจะแสดงเป็นสีแดง "
                                "ใช้เป็นประเด็นในการจัดทำมาตรการ")
        hint.setWordWrap(True)
        form = QtWidgets.QFormLayout()
        self.inputs: dict[str, QtWidgets.QLineEdit] = {}
        for key, label in (("year", "ปีที่ประเมิน (พ.ศ.)"), ("total", "คะแนนรวม"), ("IIT", "แบบวัด IIT"),
                           ("EIT", "แบบวัด EIT"), ("OIT", "แบบวัด OIT")):
            line = QtWidgets.QLineEdit()
            line.setObjectName(f"assessment_{key}")
            line.setMaximumWidth(160)
            self.inputs[key] = line
            form.addRow(label, line)
        self.level = QtWidgets.QComboBox()
        self.level.setObjectName("assessment_level")
        self.level.addItems(["", *[lv for lv, _ in LEVELS]])
        self.level.setMaximumWidth(160)
        self.level_hint = QtWidgets.QLabel()
        level_row = QtWidgets.QHBoxLayout()
        level_row.addWidget(self.level)
        level_row.addWidget(self.level_hint, 1)
        form.addRow("ระดับผลการประเมิน", level_row)
        self.fields = {
            "year": BurstField(self.inputs["year"], "assessment.year", undo_stack,
                               get=lambda: self.assessment.year, set_=lambda v: self._set("year", v),
                               parse=parse_year, message=self.message.emit, label="ปีที่ประเมิน"),
            "total": BurstField(self.inputs["total"], "assessment.total", undo_stack,
                                get=lambda: self.assessment.total, set_=lambda v: self._set("total", v),
                                parse=parse_score, show=show_score, message=self.message.emit, label="คะแนนรวม"),
        }
        for tool in Tool:
            self.fields[tool.value] = BurstField(
                self.inputs[tool.value], f"assessment.{tool.value}", undo_stack,
                get=partial(self.assessment_tool, tool), set_=partial(self._set_tool, tool),
                parse=parse_score, show=show_score, message=self.message.emit, label=f"คะแนน {tool.value}")
        self.level.activated.connect(self._level_chosen)
        self.scores = RecordTableModel([], (
            RecordColumn("number", "ตัวชี้วัด", 80, editable=False),
            RecordColumn("number", "ชื่อตัวชี้วัด", 220, editable=False, show=self._indicator_name),
            RecordColumn("score", "คะแนน", 90, parse=parse_score, show=lambda _r, v: show_score(v)),
            RecordColumn("verdict", "ผลการพิจารณา (เช่น อยู่ในระดับดี)", 200),
            RecordColumn("note", "ข้อสังเกต / ประเด็นที่ต้องพัฒนา", 380),
        ), self._save_score, undo_stack, background=self._score_background, parent=self)
        self.scores.message.connect(self.message)
        self.view = GridView(undo_stack, self)
        self.view.setObjectName("scoresGrid")
        self.view.setModel(self.scores)
        for i, column in enumerate(self.scores.columns):
            self.view.setColumnWidth(i, column.width)
        # Scores per question (i1…, e1…, o1…), where the NACC's result gives them: the analysis names the
        # weakest questions of each indicator below target.
        self.questions = RecordTableModel([], (
            RecordColumn("code", "ข้อ", 60, editable=False),
            RecordColumn("code", "ตัวชี้วัด", 220, editable=False, show=self._question_indicator),
            RecordColumn("score", "คะแนน", 90, parse=parse_score, show=lambda _r, v: show_score(v)),
            RecordColumn("text", "ประเด็นคำถาม (ถ้าต้องการให้บทวิเคราะห์ระบุ)", 520),
        ), self._save_question, undo_stack, background=self._score_background, parent=self)
        self.questions.message.connect(self.message)
        self.question_view = GridView(undo_stack, self)
        self.question_view.setObjectName("questionsGrid")
        self.question_view.setModel(self.questions)
        for i, column in enumerate(self.questions.columns):
            self.question_view.setColumnWidth(i, column.width)
        scores_box = QtWidgets.QWidget()
        scores_layout = QtWidgets.QVBoxLayout(scores_box)
        scores_layout.setContentsMargins(0, 0, 0, 0)
        scores_layout.addWidget(QtWidgets.QLabel("คะแนนรายตัวชี้วัด"))
        scores_layout.addWidget(self.view, 1)
        questions_box = QtWidgets.QWidget()
        questions_layout = QtWidgets.QVBoxLayout(questions_box)
        questions_layout.setContentsMargins(0, 0, 0, 0)
        questions_label = QtWidgets.QLabel("คะแนนรายข้อ (ถ้ามี: ข้อที่ได้คะแนนน้อยที่สุดของตัวชี้วัดที่ต่ำกว่าเป้าหมาย"
                                           "จะระบุในบทวิเคราะห์)")
        questions_label.setWordWrap(True)
        questions_layout.addWidget(questions_label)
        questions_layout.addWidget(self.question_view, 1)
        splitter = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scores_box)
        splitter.addWidget(questions_box)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)

    def load(self, editor: DocumentEditor, plan: YearPlan) -> None:
        self.editor, self.plan = editor, plan
        assessment = copy.deepcopy(plan.assessment) or Assessment(year=plan.fiscal_year - 1)
        have = {s.number for s in assessment.indicators}
        assessment.indicators += [IndicatorScore(number=i.number) for i in plan.indicators if i.number not in have]
        assessment.indicators.sort(key=lambda s: s.number)
        assessment.questions = with_every_question(assessment.questions)
        self.assessment = assessment
        self.scores.set_records(assessment.indicators)
        self.questions.set_records(assessment.questions)
        for field in self.fields.values():
            field.refresh()
        self._refresh_level()

    def _indicator_name(self, _record: Any, number: Any) -> str:
        ind = self.plan.indicator(int(number)) if self.plan else None
        return f"{ind.name} ({ind.tool.value})" if ind else ""

    def _question_indicator(self, _record: Any, code: Any) -> str:
        number = indicator_of(str(code), self.assessment.year if self.assessment else None)  # the split of that ITA
        ind = self.plan.indicator(number) if self.plan and number is not None else None
        return f"{number}. {ind.name}" if ind else ""

    def _save_question(self, _record: QuestionScore) -> None:
        self._store()

    def _score_background(self, record: Any, attr: str) -> QtGui.QColor | None:
        score = record.score
        return LOW_SCORE_BACKGROUND if score is not None and score < TARGET_SCORE else None

    def _store(self) -> None:
        if self.editor is not None and self.plan is not None:
            self.editor.save_assessment(self.plan.id, self.assessment)
            kept = copy.deepcopy(self.assessment)
            kept.questions = [q for q in kept.questions if q.score is not None or q.text.strip()]  # as stored
            self.plan.assessment = kept
        self._refresh_level()

    def _save_score(self, _record: Any) -> None:
        self._store()

    def _set(self, attr: str, value: Any) -> None:
        setattr(self.assessment, attr, value)
        self._store()

    def assessment_tool(self, tool: Tool) -> float | None:
        return self.assessment.tools.get(tool)

    def _set_tool(self, tool: Tool, value: float | None) -> None:
        if value is None:
            self.assessment.tools.pop(tool, None)
        else:
            self.assessment.tools[tool] = value
        self._store()

    def _level_chosen(self, _index: int) -> None:
        value = self.level.currentText()
        if value != self.assessment.level:
            self.undo_stack.push(FieldCommand("แก้ไขระดับผลการประเมิน", self._apply_level,
                                              self.assessment.level, value))

    def _apply_level(self, value: str) -> None:
        self.assessment.level = value
        self._store()

    def _refresh_level(self) -> None:
        self.level.setCurrentText(self.assessment.level)
        total = self.assessment.total
        self.level_hint.setText(f"ระดับตามคะแนนรวม: {level_of(total)}" if total is not None else "")
        for key, line in self.inputs.items():
            value = (self.assessment.total if key == "total" else
                     self.assessment.tools.get(Tool(key)) if key in Tool.__members__ else None)
            line.setProperty("low", value is not None and value < TARGET_SCORE)
            line.style().unpolish(line)
            line.style().polish(line)
        self.view.viewport().update()


