"""The round at a glance for a given day: who is behind, what is missing before the report, the deadlines.

The rules (issue 14), shared by the window's round page, `ita-desktop status` and the per-unit sheet:
- which steps a round has, which entries report them and when one is done is round_entries' rule (rounds are
  cumulative; a measure without steps counts as one step; a done summary of a whole measure makes its steps
  done; the measures of a round are those monitored in it or an earlier one, or reported up to it), the one the
  progress grid and the report count by;
- only a measure monitored in the round (the plan asks for its report in this round) misses something when a
  step has no entry of the round or an OIT measure has no evidence link; entries typed in the round are checked
  whatever their measure;
- a step is **done** when an entry of this round or an earlier one (its own or its measure's as a whole) says
  done; **overdue** when it is not done and its deadline (the step's due date, else the measure's end) is before
  the day (the deadline day itself is still on time); **in progress** when not done, not overdue, and such an
  entry says in progress; else **not started**. Overdue wins over in progress;
- totals count each step once; per unit a step counts under every unit responsible for its measure (a measure
  naming no unit counts under ``NO_UNIT``);
- the report is due ``REPORT_DUE_DAYS`` after the round's end (an assumption: the NACC's calendar asks for the
  6-month report in April; offices put it up within a month of the round's end).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from ita_desktop.domain.measure_names import measure_name
from ita_desktop.domain.model import Measure, Progress, Status, Tool, YearPlan
from ita_desktop.domain.publications import Publication
from ita_desktop.domain.round_entries import monitored_in, reporting_entries, round_measures, round_steps, step_done
from ita_desktop.thai.calendar import ROUNDS, fiscal_year_of, fiscal_year_range, round_range
from ita_desktop.thai.digits import DigitStyle, digits

REPORT_DUE_DAYS = 30  # the report is due this many days after its round ends (one constant; see above)
NO_UNIT = "(ไม่ระบุผู้รับผิดชอบ)"
DEFAULT_OIT = {9, 10}  # OIT indicators when a year's catalogue does not say


class StepState(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    NOT_STARTED = "not_started"

    @property
    def thai(self) -> str:
        return STATE_TH[self]


STATE_TH = {StepState.DONE: "ดำเนินการแล้ว", StepState.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
            StepState.OVERDUE: "เลยกำหนด", StepState.NOT_STARTED: "ยังไม่เริ่ม"}


class MissingKind(StrEnum):
    NO_ENTRY = "no_entry"
    NO_RESULT = "no_result"
    NO_DONE_DATE = "no_done_date"
    NO_EVIDENCE = "no_evidence"
    UNSIGNED = "unsigned"
    NO_MEASURES = "no_measures"


MISSING_TH = {
    MissingKind.NO_ENTRY: "ยังไม่มีรายงานผลของขั้นตอนนี้ในรอบนี้",
    MissingKind.NO_RESULT: "มีรายการแต่ยังไม่ได้กรอกผลการดำเนินการ",
    MissingKind.NO_DONE_DATE: "ดำเนินการแล้ว แต่ยังไม่ได้ระบุวันที่ดำเนินการ",
    MissingKind.NO_EVIDENCE: "มาตรการของตัวชี้วัด OIT ยังไม่มีลิงก์หลักฐาน",
    MissingKind.UNSIGNED: "รายงานยังไม่มีผู้ลงนาม",
    MissingKind.NO_MEASURES: "แผนของปีนี้ยังไม่มีมาตรการที่ติดตามในรอบนี้ (เพิ่มมาตรการในหน้าแผนมาตรการ)",
}


@dataclass(frozen=True)
class StepStatus:
    measure: Measure
    step: int | None  # 1-based step number; None = a measure without steps
    state: StepState
    deadline: date | None

    @property
    def text(self) -> str:
        return self.measure.steps[self.step - 1].text if self.step else self.measure.title


@dataclass(frozen=True)
class Missing:
    """Something the report cannot go out without, and the cell it points at."""

    kind: MissingKind
    measure_id: str | None = None
    step: int | None = None  # 1-based step number, None = the measure as a whole (or no measure)
    entry_id: str | None = None  # the progress entry, when one exists
    label: str = ""  # the measure (and step) as the clerk knows it

    @property
    def thai(self) -> str:
        return MISSING_TH[self.kind]

    @property
    def field(self) -> str:
        """The progress grid's column the item points at."""
        return {MissingKind.NO_RESULT: "result", MissingKind.NO_DONE_DATE: "done_on",
                MissingKind.NO_EVIDENCE: "evidence_urls", MissingKind.NO_ENTRY: "status"}.get(self.kind, "")


@dataclass
class Counts:
    steps: int = 0
    done: int = 0
    in_progress: int = 0
    overdue: int = 0
    not_started: int = 0

    def add(self, state: StepState) -> None:
        self.steps += 1
        setattr(self, state.value, getattr(self, state.value) + 1)

    def as_dict(self) -> dict[str, int]:
        return {"steps": self.steps, "done": self.done, "in_progress": self.in_progress, "overdue": self.overdue,
                "not_started": self.not_started}


@dataclass
class RoundStatus:
    fiscal_year: int
    round: int
    today: date
    round_end: date
    report_due: date
    steps: list[StepStatus]
    totals: Counts
    units: dict[str, Counts]
    missing: list[Missing]
    publications: list[Publication] = field(default_factory=list)

    @property
    def days_left(self) -> int:
        """Days from ``today`` to the round's end (negative once it has passed)."""
        return (self.round_end - self.today).days

    @property
    def days_to_report(self) -> int:
        return (self.report_due - self.today).days

    @property
    def report_published(self) -> bool:
        return any(p.document == "progress" and p.round == self.round and p.url.strip() for p in self.publications)

    def open_steps(self, unit: str) -> list[StepStatus]:
        """The steps of a unit not done yet (the per-unit "ค้างดำเนินการ" sheet), overdue first."""
        order = {StepState.OVERDUE: 0, StepState.IN_PROGRESS: 1, StepState.NOT_STARTED: 2}
        mine = [s for s in self.steps if s.state != StepState.DONE and unit in units_of(s.measure)]
        return sorted(mine, key=lambda s: order[s.state])


def units_of(measure: Measure) -> list[str]:
    return list(dict.fromkeys(u for u in measure.units if u.strip())) or [NO_UNIT]


def report_due(fiscal_year: int, round_: int) -> date:
    return round_range(fiscal_year, round_)[1] + timedelta(days=REPORT_DUE_DAYS)


def current_round(fiscal_year: int, rounds: list[int], today: date) -> int:
    """The round a clerk works on ``today``: the first whose report is not yet due, else the last."""
    chosen = sorted(rounds) or [6, 12]
    for r in chosen:
        if today <= report_due(fiscal_year, r):
            return r
    return chosen[-1]


def year_for_today(fiscal_years: list[int], today: date) -> int | None:
    """The document's fiscal year ``today`` falls in, or None (the window then opens on the plan)."""
    year = fiscal_year_of(today)
    return year if year in fiscal_years else None


def _state(measure: Measure, step: int | None, round_: int, today: date) -> tuple[StepState, date | None]:
    entries = reporting_entries(measure, round_, step)
    deadline = (measure.steps[step - 1].due if step else None) or measure.end
    if step_done(measure, round_, step):
        return StepState.DONE, deadline
    if deadline is not None and deadline < today:
        return StepState.OVERDUE, deadline
    if any(p.status == Status.IN_PROGRESS for p in entries):
        return StepState.IN_PROGRESS, deadline
    return StepState.NOT_STARTED, deadline


def _label(measure: Measure, step: int | None, style: DigitStyle) -> str:
    """The measure as the clerk knows it: its title, else its issue (offices that head rows by the issue)."""
    title = measure_name(measure.title, measure.issue)
    return f"{title} — ขั้นตอนที่ {digits(step, style)}" if step else title


def _oit_numbers(plan: YearPlan) -> set[int]:
    return {i.number for i in plan.indicators if i.tool == Tool.OIT} if plan.indicators else set(DEFAULT_OIT)


def _missing_of(measure: Measure, slots: list[int | None], round_: int, oit: set[int],
                done_before: set[int | None], style: DigitStyle) -> list[Missing]:
    found: list[Missing] = []
    asked = monitored_in(measure, round_)  # else the measure is in the round for its earlier results only
    whole = measure.entries_for(round_, None) or None in done_before  # reported as a whole: no step is missing
    for slot in slots if asked else []:
        entries = measure.entries_for(round_, slot)
        if not entries and slot not in done_before and not (slot is not None and whole):
            found.append(Missing(MissingKind.NO_ENTRY, measure.id, slot, None, _label(measure, slot, style)))
    in_round: list[Progress] = [p for p in measure.progress if p.round == round_]
    for p in in_round:
        if not p.result.strip():
            found.append(Missing(MissingKind.NO_RESULT, measure.id, p.step, p.id, _label(measure, p.step, style)))
        if p.status == Status.DONE and p.done_on is None:
            found.append(Missing(MissingKind.NO_DONE_DATE, measure.id, p.step, p.id, _label(measure, p.step, style)))
    if asked and set(measure.indicators) & oit and not any(u.strip() for p in in_round for u in p.evidence_urls):
        first = in_round[0] if in_round else None
        found.append(Missing(MissingKind.NO_EVIDENCE, measure.id, first.step if first else slots[0],
                             first.id if first else None, _label(measure, None, style)))
    return found


def round_status(plan: YearPlan, round_: int, today: date, units_order: list[str] | None = None,
                 style: DigitStyle = "thai") -> RoundStatus:
    """The status of round ``round_`` of ``plan`` on ``today`` (see the module docstring for the rules); the
    labels of missing items write step numbers in ``style`` (the window's Arabic, the CLI's Thai)."""
    if round_ not in ROUNDS:
        raise ValueError(f"round must be one of {ROUNDS}, not {round_}")
    oit = _oit_numbers(plan)
    steps: list[StepStatus] = []
    missing: list[Missing] = []
    totals = Counts()
    units: dict[str, Counts] = {u: Counts() for u in units_order or []}
    for measure in round_measures(plan.measures, round_):
        slots = round_steps(measure)
        done_before = {s for s in [*slots, None] if any(p.step == s and p.round < round_ and p.status == Status.DONE
                                                       for p in measure.progress)}
        for slot in slots:
            state, deadline = _state(measure, slot, round_, today)
            steps.append(StepStatus(measure, slot, state, deadline))
            totals.add(state)
            for unit in units_of(measure):
                units.setdefault(unit, Counts()).add(state)
        missing += _missing_of(measure, slots, round_, oit, done_before, style)
    if not steps:  # a new year: the first thing missing is the plan itself, not a signature
        missing.insert(0, Missing(MissingKind.NO_MEASURES, label="แผนมาตรการ"))
    if not any(s.name.strip() or s.signed_name.strip() for s in plan.signatories):
        missing.append(Missing(MissingKind.UNSIGNED, label="ผู้ลงนาม"))
    units = {u: c for u, c in units.items() if c.steps}
    end = round_range(plan.fiscal_year, round_)[1]
    return RoundStatus(plan.fiscal_year, round_, today, end, end + timedelta(days=REPORT_DUE_DAYS), steps, totals,
                       units, missing, list(plan.publications))


def opening_page(fiscal_year: int, today: date) -> str:
    """The window's first page for a year: the round page while ``today`` is inside it, else the plan."""
    return "round" if in_fiscal_year(fiscal_year, today) else "plan"


def in_fiscal_year(fiscal_year: int, today: date) -> bool:
    first, last = fiscal_year_range(fiscal_year)
    return first <= today <= last
