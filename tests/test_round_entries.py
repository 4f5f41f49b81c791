"""One rule for what a round shows and counts (domain/round_entries.py): the progress grid, the report's table
and its "ดำเนินการแล้ว N จาก M ขั้นตอน" sentence and the round page never disagree, in any round."""

from __future__ import annotations

import copy
from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from ita_desktop.domain.model import Document, Measure, Organization, Progress, Status, Step, YearPlan
from ita_desktop.domain.round_entries import round_entries, steps_done
from ita_desktop.domain.round_rows import round_rows
from ita_desktop.domain.round_status import round_status
from ita_desktop.reports.document_model import Report, Table
from ita_desktop.reports.layouts import build_report
from ita_desktop.reports.texts import step_count
from ita_desktop.services.exporting import ExportOptions


@st.composite
def measures(draw: st.DrawFn) -> Measure:
    steps = draw(st.integers(0, 4))
    entries = draw(st.lists(st.tuples(st.sampled_from([3, 6, 9, 12]), st.one_of(st.none(), st.integers(1, 4)),
                                      st.sampled_from(list(Status))), max_size=10))
    return Measure(title="ม", rounds=draw(st.lists(st.sampled_from([3, 6, 9, 12]), unique=True, max_size=3)),
                   steps=[Step(f"ขั้นตอน {i}") for i in range(steps)],
                   progress=[Progress(r, s if s is None or s <= steps else None, status) for r, s, status in entries])


SIX_ONLY = Measure(title="ม๖", rounds=[6], steps=[Step("ก"), Step("ข")], progress=[Progress(6, 1, Status.DONE)])
TWELVE_ONLY = Measure(title="ม๑๒", rounds=[12], steps=[Step("ค")])
LATE_REPORTED = Measure(title="มรายงานก่อน", rounds=[12], steps=[Step("ง")], progress=[Progress(6, 1, Status.DONE)])


def _in_round(m: Measure, round_: int) -> bool:
    """The rule, said again here: monitored in the round or an earlier one, or reported up to it."""
    return not m.rounds or min(m.rounds) <= round_ or any(p.round <= round_ for p in m.progress)


@given(st.lists(measures(), max_size=5), st.sampled_from([3, 6, 9, 12]))
@example([SIX_ONLY, TWELVE_ONLY, LATE_REPORTED], 6)
@example([SIX_ONLY, TWELVE_ONLY, LATE_REPORTED], 12)
def test_the_report_the_round_page_and_the_grid_count_alike(plan_measures: list[Measure], round_: int) -> None:
    plan_measures = copy.deepcopy(plan_measures)  # the examples are shared
    for i, m in enumerate(plan_measures):
        m.title = f"มาตรการ {i}"  # the table's rows name their measure
    plan = YearPlan(2566, measures=plan_measures)
    status = round_status(plan, round_, date(2023, 1, 1))
    assert steps_done(plan_measures, round_) == (status.totals.done, status.totals.steps)
    counted = step_count(plan, round_)
    assert counted is None or counted == steps_done(plan_measures, round_)
    shown = {(r.measure.id, r.entry.id) for r in round_rows(plan_measures, round_) if r.entry}
    assert shown == {(m.id, p.id) for m in plan_measures for p in m.progress if p.round <= round_
                     and _in_round(m, round_)}  # every entry up to the round, once
    wanted = [m.title for m in plan_measures if _in_round(m, round_)]
    assert list(dict.fromkeys(r.measure.title for r in round_rows(plan_measures, round_))) == wanted
    assert list(dict.fromkeys(s.measure.title for s in status.steps)) == wanted
    document = Document(Organization("เทศบาลทดสอบ"), years=[plan])
    report = build_report(document, ExportOptions(doc="progress", round=round_, layout=5))
    printed = [row[0] for section in _table(report).sections for row in section.rows] if wanted else []
    assert printed == wanted  # the table prints the measures the sentence counts, no more, no fewer
    assert sum(len(m.steps) or 1 for m in plan_measures if m.title in printed) == steps_done(plan_measures, round_)[1]


def test_a_measure_monitored_only_at_6_months_stays_in_the_year_one_only_at_12_is_not_yet_at_6() -> None:
    six, twelve = copy.deepcopy(SIX_ONLY), copy.deepcopy(TWELVE_ONLY)
    plan = YearPlan(2566, measures=[six, twelve])
    assert steps_done(plan.measures, 6) == (1, 2)  # the 12-month-only measure is not part of the 6-month report
    assert steps_done(plan.measures, 12) == (1, 3)  # the 6-month-only one still is part of the year's
    status = round_status(plan, 12, date(2023, 9, 1))
    assert [(s.measure.title, s.step, s.state.value) for s in status.steps] == [
        ("ม๖", 1, "done"), ("ม๖", 2, "not_started"), ("ม๑๒", 1, "not_started")]
    # nothing is asked of the 6-month-only measure at 12 months; the 12-month one misses its entry
    assert [(m.kind.value, m.label) for m in status.missing if m.kind.value == "no_entry"] == [
        ("no_entry", "ม๑๒ — ขั้นตอนที่ ๑")]
    assert [m.label for m in round_status(plan, 12, date(2023, 9, 1), style="arabic").missing
            if m.kind.value == "no_entry"] == ["ม๑๒ — ขั้นตอนที่ 1"]  # the window's digits


def test_the_12_month_report_prints_the_6_month_entries_then_its_own() -> None:
    measure = Measure(title="มาตรการทดสอบ", indicators=[1], rounds=[6, 12], steps=[Step("ประชุม")], progress=[
        Progress(12, 1, Status.DONE, date(2023, 6, 10), "ประชุมครั้งที่สอง"),
        Progress(6, 1, Status.DONE, date(2022, 12, 1), "ประชุมครั้งแรก")])
    document = Document(Organization("เทศบาลทดสอบ"), years=[YearPlan(2566, measures=[measure])])
    assert [p.result for p in round_entries(measure, 12, 1)] == ["ประชุมครั้งแรก", "ประชุมครั้งที่สอง"]
    cells = {round_: "\n".join(cell for section in _table(build_report(document, ExportOptions(
        doc="progress", round=round_, layout=4))).sections for row in section.rows for cell in row)
        for round_ in (6, 12)}
    assert "ประชุมครั้งแรก" in cells[6] and "ประชุมครั้งที่สอง" not in cells[6]
    assert cells[12].index("ประชุมครั้งแรก") < cells[12].index("ประชุมครั้งที่สอง")
    assert "ดำเนินการเมื่อ วันที่ ๑ ธันวาคม ๒๕๖๕" in cells[12]


def _table(report: Report) -> Table:
    return next(b for b in report.blocks if isinstance(b, Table))
