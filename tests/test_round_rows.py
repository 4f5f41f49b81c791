"""The rule of what a round's progress grid shows (domain/round_rows.py, over domain/round_entries.py), without
Qt: rounds are cumulative, as the report is."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_desktop.domain.model import Measure, Progress, Status, Step
from ita_desktop.domain.round_entries import round_entries, step_done, steps_done
from ita_desktop.domain.round_rows import attached_to, round_rows, with_new_entry


def measure() -> Measure:
    return Measure(title="ม", rounds=[6, 12], steps=[Step("ก"), Step("ข"), Step("ค")], progress=[
        Progress(6, 2, Status.DONE, result="ครั้งที่ ๑"), Progress(12, 1), Progress(6, None, result="สรุป"),
        Progress(6, 2, Status.DONE, result="ครั้งที่ ๒")])


def test_whole_measure_first_then_each_step_with_its_entries_in_order_and_placeholders() -> None:
    m = measure()
    rows = round_rows([m, Measure(title="อื่น", rounds=[12])], 6)
    assert [(r.step, r.entry.result if r.entry else None) for r in rows] == [
        (None, "สรุป"), (1, None), (2, "ครั้งที่ ๑"), (2, "ครั้งที่ ๒"), (3, None)]
    assert [r.first_of_measure for r in rows] == [True, False, False, False, False]
    assert [r.first_of_step for r in rows] == [True, True, True, False, True]
    assert steps_done([m], 6) == (1, 3)  # step 2 once, however many entries; the summary is not a step
    assert not any(r.carried for r in rows)  # nothing before round 6


def test_a_measure_without_steps_or_rounds_shows_one_placeholder_in_every_round() -> None:
    rows = round_rows([Measure(title="ไม่มีขั้นตอน")], 9)
    assert [(r.step, r.entry) for r in rows] == [(None, None)]
    assert steps_done([Measure(title="ไม่มีขั้นตอน")], 9) == (0, 1)


def test_round_12_shows_the_6_month_entries_first_marked_carried_and_waits_only_for_unfinished_steps() -> None:
    m = Measure(title="ม", rounds=[6, 12], steps=[Step("ก"), Step("ข"), Step("ค")], progress=[
        Progress(12, 2, Status.DONE, result="รอบ ๑๒"), Progress(6, 1, Status.DONE, result="ก เสร็จ"),
        Progress(6, 2, Status.IN_PROGRESS, result="ข กำลังทำ"), Progress(6, 3, Status.IN_PROGRESS, result="ค กำลังทำ")])
    rows = round_rows([m], 12)
    assert [(r.step, r.entry.result if r.entry else None, r.carried) for r in rows] == [
        (1, "ก เสร็จ", True),  # done at 6 months: nothing more is asked (the clerk may still add)
        (2, "ข กำลังทำ", True), (2, "รอบ ๑๒", False),  # the round's own entry after the carried one
        (3, "ค กำลังทำ", True), (3, None, False)]  # still in progress: a row for the 12-month result
    assert [r.nth for r in rows] == [1, 1, 2, 1, 2]
    assert steps_done([m], 12) == (2, 3) and steps_done([m], 6) == (1, 3)
    assert [p.result for p in round_entries(m, 6, 2)] == ["ข กำลังทำ"]  # a later round never shows earlier


def test_a_done_summary_of_the_whole_measure_makes_its_steps_done_and_carries_on() -> None:
    m = Measure(title="ม", steps=[Step("ก"), Step("ข")], progress=[Progress(6, None, Status.DONE, result="สรุป")])
    assert step_done(m, 12, 1) and step_done(m, 12, 2) and steps_done([m], 9) == (2, 2)
    rows = round_rows([m], 9)
    assert [(r.step, r.carried) for r in rows] == [(None, True), (1, False), (2, False)]


def test_new_and_reattached_entries_go_after_the_others_of_their_step() -> None:
    m = measure()
    new = Progress(6, 2, result="ครั้งที่ ๓")
    assert [p.result for p in with_new_entry(m, new) if p.round == 6 and p.step == 2][-1] == "ครั้งที่ ๓"
    moved = attached_to(m, m.progress[0].id, None)
    assert [p.result for p in moved if p.round == 6 and p.step is None] == ["สรุป", "ครั้งที่ ๑"]
    assert m.progress[0].step == 2  # the measure itself is not changed
    with pytest.raises(ValueError, match="ไม่มีขั้นตอนที่ 4"):
        attached_to(m, m.progress[0].id, 4)


@st.composite
def measures_with_entries(draw: st.DrawFn) -> Measure:
    steps = draw(st.integers(0, 4))
    entries = draw(st.lists(st.tuples(st.sampled_from([3, 6, 9, 12]), st.one_of(st.none(), st.integers(1, 4))),
                            max_size=12))
    return Measure(rounds=draw(st.lists(st.sampled_from([3, 6, 9, 12]), unique=True, max_size=3)),
                   steps=[Step(f"ขั้นตอน {i}") for i in range(steps)],
                   progress=[Progress(r, s if s is None or s <= steps else None) for r, s in entries])


@given(st.lists(measures_with_entries(), max_size=5), st.sampled_from([3, 6, 9, 12]))
def test_every_entry_up_to_the_round_shows_once_earlier_rounds_first_and_every_step_shows(
        measures: list[Measure], round_: int) -> None:
    rows = round_rows(measures, round_)
    for m in measures:
        mine = [r for r in rows if r.measure is m]
        if m.rounds and min(m.rounds) > round_ and all(p.round > round_ for p in m.progress):
            assert not mine  # monitored only later and not reported yet: not part of this round
            continue
        slots = [None, *range(1, len(m.steps) + 1)]
        expected = [[p.id for p in m.progress if p.step == s and p.round == r] for s in slots for r in (3, 6, 9, 12)
                    if r <= round_]  # per step, round by round, in the clerk's order
        assert [r.entry.id for r in mine if r.entry] == [i for ids in expected for i in ids]
        assert {r.step for r in mine} >= set(range(1, len(m.steps) + 1))  # a step with no entry: a placeholder
        assert all(r.entry is None or r.entry.step == r.step for r in mine)
        assert all(r.carried == (r.entry is not None and r.entry.round < round_) for r in mine)
        assert [r.first_of_measure for r in mine] == [True] + [False] * (len(mine) - 1)
        for r in mine:
            if r.entry is None:  # a placeholder waits for the round's entry of a step not yet done
                assert not m.entries_for(round_, r.step)
                assert not round_entries(m, round_, r.step) or not step_done(m, round_, r.step)
