"""The editing and roll-over services under the grids (no Qt): positions, revived rows, leap days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ita_desktop.domain.model import Measure, Step, YearPlan
from ita_desktop.services.documents import load
from ita_desktop.services.editing import DocumentEditor
from ita_desktop.services.rollover import next_year_date, rolled_over


def test_inserting_again_and_again_at_one_position_keeps_the_order(sample_doc: Path) -> None:
    editor = DocumentEditor.open(sample_doc)
    plan = editor.load_year(2567)
    assert plan is not None
    for i in range(30):  # each insert halves the gap before the old second measure: renumbered when too small
        editor.insert_measure(plan.id, Measure(indicators=[1], title=f"แทรก {i}"), 1)
    editor.close()
    titles = [m.title for m in load(sample_doc).years[0].measures]
    assert titles[1:31] == [f"แทรก {i}" for i in reversed(range(30))]
    assert len(titles) == 40 and titles[31].startswith("มาตรการเผยแพร่แผนการใช้จ่าย")


def test_replaced_steps_are_tombstoned_and_revived_with_their_ids(sample_doc: Path) -> None:
    editor = DocumentEditor.open(sample_doc)
    plan = editor.load_year(2567)
    assert plan is not None
    measure = plan.measures[0]
    old_steps, old_progress = list(measure.steps), list(measure.progress)
    measure.steps = [Step(text="ขั้นตอนเดียว")]
    measure.progress = []
    editor.write_measure(measure, ["steps"])
    assert [s.text for s in load(sample_doc).years[0].measures[0].steps] == ["ขั้นตอนเดียว"]
    measure.steps, measure.progress = old_steps, old_progress
    editor.write_measure(measure, ["steps"])
    editor.close()
    back = load(sample_doc).years[0].measures[0]
    assert [s.id for s in back.steps] == [s.id for s in old_steps]
    assert sorted(p.id for p in back.progress) == sorted(p.id for p in old_progress)


def test_roll_over_moves_dates_one_year_and_29_february_to_28() -> None:
    assert next_year_date(date(2024, 2, 29)) == date(2025, 2, 28)
    source = YearPlan(fiscal_year=2567, measures=[
        Measure(indicators=[2], title="ก", start=date(2024, 2, 29), end=date(2024, 9, 30),
                steps=[Step(text="ข", due=date(2023, 12, 1))], rounds=[6, 12])])
    new = rolled_over(source, 2568)
    m = new.measures[0]
    assert (m.start, m.end, m.steps[0].due, m.rounds) == (date(2025, 2, 28), date(2025, 9, 30),
                                                            date(2024, 12, 1), [6, 12])
    assert m.id != source.measures[0].id and m.steps[0].id != source.measures[0].steps[0].id
