"""What a round's progress grid shows: one row per progress entry, grouped by measure and step.

The rule lives here, not in the Qt model, so that the window, the CLI and the tests agree on it:
- a measure shows when it is monitored in the round (a measure naming no round shows in every round);
- its whole-measure entries (step None) come first, then each step in order;
- a step (or a measure without steps) with no entry in the round shows as one placeholder row (entry None),
  so the clerk can type into it; typing there creates the entry;
- entries of one step keep the clerk's order (the measure's progress list); a new one goes after them.
"""

from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import dataclass

from ita_desktop.domain.model import Measure, Progress, Status


@dataclass(frozen=True)
class RoundRow:
    """One row of a round's grid: an entry of a step (or of the whole measure), or a placeholder."""

    measure: Measure
    step: int | None  # 1-based step number; None = the measure as a whole
    entry: Progress | None  # None: nothing reported yet for this step in the round (a placeholder row)
    first_of_measure: bool  # the first row of its measure
    nth: int  # 1 for the first row of its step (or of the whole-measure entries), 2 for the next entry …
    group: int  # running number of the measure among those shown (for shading)

    @property
    def first_of_step(self) -> bool:
        return self.nth == 1

    @property
    def key(self) -> tuple[str, int | None, str | None]:
        """What identifies the row: (measure id, step number, entry id or None for a placeholder)."""
        return self.measure.id, self.step, self.entry.id if self.entry else None


def monitored_in(measure: Measure, round_: int) -> bool:
    """Whether the measure is reported in the round (no rounds named: every round)."""
    return not measure.rounds or round_ in measure.rounds


def round_rows(measures: list[Measure], round_: int) -> list[RoundRow]:
    """The rows of round ``round_`` for the measures of a plan, in plan order (see the module docstring)."""
    rows: list[RoundRow] = []
    group = 0
    for measure in measures:
        if not monitored_in(measure, round_):
            continue
        first_of_measure = True
        whole = measure.entries_for(round_, None)
        slots: list[int | None] = [None] if whole or not measure.steps else []
        slots += list(range(1, len(measure.steps) + 1))
        for slot in slots:
            entries: list[Progress | None] = list(measure.entries_for(round_, slot)) or [None]
            for i, entry in enumerate(entries):
                rows.append(RoundRow(measure, slot, entry, first_of_measure, i + 1, group))
                first_of_measure = False
        group += 1
    return rows


def steps_done(rows: list[RoundRow]) -> tuple[int, int]:
    """(steps with an entry marked done, steps shown) — each step counted once however many entries it has.

    A measure without steps counts as one; whole-measure entries of a measure with steps are not steps.
    """
    slots: dict[tuple[str, int | None], bool] = {}
    for row in rows:
        if row.step is None and row.measure.steps:
            continue
        key = (row.measure.id, row.step)
        done = row.entry is not None and row.entry.status == Status.DONE
        slots[key] = slots.get(key, False) or done
    return sum(slots.values()), len(slots)


def with_new_entry(measure: Measure, entry: Progress) -> list[Progress]:
    """The measure's progress list with ``entry`` added after every other entry (so after those of its step)."""
    return [*copy.deepcopy(measure.progress), copy.deepcopy(entry)]


def without_entries(measure: Measure, entry_ids: Collection[str]) -> list[Progress]:
    """The measure's progress list without some entries (the others in their order)."""
    return [copy.deepcopy(p) for p in measure.progress if p.id not in entry_ids]


def attached_to(measure: Measure, entry_id: str, step: int | None) -> list[Progress]:
    """The progress list with one entry attached to another step (None: the whole measure), after that step's
    own entries; ValueError when the step does not exist."""
    if step is not None and not 1 <= step <= len(measure.steps):
        raise ValueError(f"มาตรการนี้ไม่มีขั้นตอนที่ {step}")
    moved = next(copy.deepcopy(p) for p in measure.progress if p.id == entry_id)
    moved.step = step
    return [*without_entries(measure, {entry_id}), moved]
