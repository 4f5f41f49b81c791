"""The rule of what a round's progress grid shows (domain/round_rows.py), without Qt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_desktop.domain.model import Measure, Progress, Status, Step
from ita_desktop.domain.round_rows import attached_to, round_rows, steps_done, with_new_entry


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
    assert steps_done(rows) == (1, 3)  # step 2 once, however many entries; the summary is not a step


def test_a_measure_without_steps_or_rounds_shows_one_placeholder_in_every_round() -> None:
    rows = round_rows([Measure(title="ไม่มีขั้นตอน")], 9)
    assert [(r.step, r.entry) for r in rows] == [(None, None)]
    assert steps_done(rows) == (0, 1)


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
def test_every_entry_of_the_round_shows_once_in_order_and_every_step_shows(measures: list[Measure],
                                                                          round_: int) -> None:
    rows = round_rows(measures, round_)
    for m in measures:
        mine = [r for r in rows if r.measure is m]
        if m.rounds and round_ not in m.rounds:
            assert not mine
            continue
        assert [r.entry.id for r in mine if r.entry] == [p.id for s in [None, *range(1, len(m.steps) + 1)]
                                                         for p in m.entries_for(round_, s)]
        assert {r.step for r in mine} >= set(range(1, len(m.steps) + 1))  # a step with no entry: a placeholder
        assert all(r.entry is None or r.entry.step == r.step for r in mine)
        assert [r.first_of_measure for r in mine] == [True] + [False] * (len(mine) - 1)
        assert all((r.entry is None) == (not m.entries_for(round_, r.step)) for r in mine)
