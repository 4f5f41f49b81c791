"""What a round's progress grid shows: one row per progress entry, grouped by measure and step.

The rule lives here, not in the Qt model, so that the window, the CLI and the tests agree on it; which entries
a round shows is round_entries' rule (rounds are cumulative), the same the report prints:
- a measure shows when it is one of the round's (round_entries.counted_in: monitored in the round or an earlier
  one, or reported up to it; a measure naming no round shows in every round), as its report prints it;
- its whole-measure entries (step None) come first, then each step in order;
- each step shows the entries of earlier rounds first (carried rows, marked by their round), then the round's own,
  each in the clerk's order (the measure's progress list); a new entry of the round goes after them;
- a step (or a measure without steps) with no entry of the round shows one placeholder row (entry None) unless
  earlier rounds already report it done, so the clerk can type into it; typing there creates the entry. A step
  done in an earlier round needs nothing more (it is not missing on the round page); the clerk may still add.
"""

from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import dataclass

from ita_desktop.domain.model import Measure, Progress
from ita_desktop.domain.round_entries import is_carried, monitored_in, round_entries, round_measures, step_done

__all__ = ["RoundRow", "attached_to", "monitored_in", "round_rows", "with_new_entry", "without_entries"]


@dataclass(frozen=True)
class RoundRow:
    """One row of a round's grid: an entry of a step (or of the whole measure), or a placeholder."""

    measure: Measure
    step: int | None  # 1-based step number; None = the measure as a whole
    entry: Progress | None  # None: nothing reported yet for this step in the round (a placeholder row)
    first_of_measure: bool  # the first row of its measure
    nth: int  # 1 for the first row of its step (or of the whole-measure entries), 2 for the next entry …
    group: int  # running number of the measure among those shown (for shading)
    round: int  # the round whose grid the row is in

    @property
    def carried(self) -> bool:
        """The row shows an entry of an earlier round (shown and counted here, edited in its own round)."""
        return self.entry is not None and is_carried(self.entry, self.round)

    @property
    def first_of_step(self) -> bool:
        return self.nth == 1

    @property
    def key(self) -> tuple[str, int | None, str | None]:
        """What identifies the row: (measure id, step number, entry id or None for a placeholder)."""
        return self.measure.id, self.step, self.entry.id if self.entry else None


def round_rows(measures: list[Measure], round_: int) -> list[RoundRow]:
    """The rows of round ``round_`` for the measures of a plan, in plan order (see the module docstring)."""
    rows: list[RoundRow] = []
    for group, measure in enumerate(round_measures(measures, round_)):
        first_of_measure = True
        whole = round_entries(measure, round_, None)
        slots: list[int | None] = [None] if whole or not measure.steps else []
        slots += list(range(1, len(measure.steps) + 1))
        for slot in slots:
            entries: list[Progress | None] = list(round_entries(measure, round_, slot))
            if not entries or _wants_entry(measure, round_, slot):
                entries.append(None)  # where the round's entry is typed
            for i, entry in enumerate(entries):
                rows.append(RoundRow(measure, slot, entry, first_of_measure, i + 1, group, round_))
                first_of_measure = False
    return rows


def _wants_entry(measure: Measure, round_: int, slot: int | None) -> bool:
    """Whether a step shown with entries of earlier rounds only still waits for one of this round: not when
    it has one, nor when it is done, nor for the whole-measure entries of a measure with steps (not a step)."""
    if slot is None and measure.steps:
        return False
    own = any(p.round == round_ for p in round_entries(measure, round_, slot))
    return not own and not step_done(measure, round_, slot)


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
