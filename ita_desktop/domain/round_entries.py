"""Which progress entries a round shows, and which of its steps are done: the one rule of the round's grid, its
report, the round page and ``ita-desktop status``, so that they never disagree (issue 11, point 6).

- Rounds are cumulative, as a report's date range is (1 October to the end of the round): round R shows the
  entries of R and of every earlier round of the year, earlier rounds first, each round's in the clerk's order.
  The 12-month report prints what was done since October, so what the 6-month report said stays in it, and a
  12-month entry adds to it rather than hiding it.
- An entry of an earlier round is *carried*: round R shows and counts it, but it belongs to its own round (the
  report of that round printed it; it is edited there).
- The measures of a round (``counted_in``) are those monitored in it or in an earlier round, and any other that
  has entries up to it: the 12-month report covers the whole year, so a measure monitored at 6 months only is
  part of it (its steps done at 6 months count, and those left undone show as not done); a measure monitored only
  in a later round is not yet part of an earlier round's report; and a result the clerk reported is never
  dropped. The round's grid, its report (table and "ดำเนินการแล้ว N จาก M ขั้นตอน"), the round page and
  ``ita-desktop status`` all show and count exactly these measures.
- The steps of a round are those of its measures; a measure without steps counts as one.
- A step is done in round R when an entry shown for it says done, or one for its measure as a whole does (an
  office that reports a measure in one summary reports every step of it).
"""

from __future__ import annotations

from ita_desktop.domain.model import Measure, Progress, Status


def monitored_in(measure: Measure, round_: int) -> bool:
    """Whether the plan asks for the measure's report in the round (no rounds named: every round); only such a
    measure is missing something when a step of it has no entry of the round (round_status)."""
    return not measure.rounds or round_ in measure.rounds


def counted_in(measure: Measure, round_: int) -> bool:
    """Whether round ``round_`` shows, prints and counts the measure: monitored in the round or an earlier one
    (no rounds named: every round), or reported in it or an earlier one (see the module docstring)."""
    return (not measure.rounds or any(r <= round_ for r in measure.rounds)
            or any(p.round <= round_ for p in measure.progress))


def round_measures(measures: list[Measure], round_: int) -> list[Measure]:
    """The measures of round ``round_``, in plan order: what its grid shows and its report prints."""
    return [m for m in measures if counted_in(m, round_)]


def round_entries(measure: Measure, round_: int, step: int | None) -> list[Progress]:
    """The entries round ``round_`` shows for a step (None: the measure as a whole): those of the round and
    of the rounds before it, earlier rounds first, each round's in the clerk's order."""
    shown = [p for p in measure.progress if p.step == step and p.round <= round_]
    return sorted(shown, key=lambda p: p.round)  # stable: the clerk's order within a round is kept


def is_carried(entry: Progress, round_: int) -> bool:
    """Whether an entry shown in round ``round_`` belongs to an earlier round."""
    return entry.round < round_


def round_steps(measure: Measure) -> list[int | None]:
    """The steps a measure counts in a round: its steps by number, or [None] for a measure without steps."""
    return list(range(1, len(measure.steps) + 1)) or [None]


def reporting_entries(measure: Measure, round_: int, step: int | None) -> list[Progress]:
    """The entries that report a step in the round: its own and, for a step, those of its measure as a whole."""
    own = round_entries(measure, round_, step)
    return own if step is None else [*round_entries(measure, round_, None), *own]


def step_done(measure: Measure, round_: int, step: int | None) -> bool:
    """Whether the step (None: a measure without steps) is done by the end of the round."""
    return any(p.status == Status.DONE for p in reporting_entries(measure, round_, step))


def steps_done(measures: list[Measure], round_: int) -> tuple[int, int]:
    """(steps done, steps) of the round: "ดำเนินการแล้ว ๘ จาก ๒๕ ขั้นตอน" in the window, the report and the
    round page alike. Each step counts once, however many entries it has."""
    done = total = 0
    for measure in round_measures(measures, round_):
        for step in round_steps(measure):
            total += 1
            done += step_done(measure, round_, step)
    return done, total


def reported_by_step(measures: list[Measure], round_: int) -> bool:
    """Whether any step of a measure of the round has an entry up to the round; where none has, the office
    reports whole measures and a report's count of steps would not be its own words."""
    return any(p.step is not None and p.round <= round_ for m in round_measures(measures, round_)
               for p in m.progress)
