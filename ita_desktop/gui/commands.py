"""Undo commands: every change the window makes is one of these, pushed on the document's QUndoStack.

A command only says what changes; the models apply it (storage first, then the exact model signals).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ita_desktop.gui.qt import QtGui

if TYPE_CHECKING:
    from ita_desktop.domain.model import Measure
    from ita_desktop.gui.measures_model import MeasuresModel
    from ita_desktop.gui.progress_model import ProgressKey, ProgressModel

FIELD_COMMAND_ID = 1001


class FieldCommand(QtGui.QUndoCommand):
    """Set one value through ``apply``; consecutive commands with the same merge key merge (typing bursts)."""

    def __init__(self, text: str, apply: Callable[[Any], None], old: Any, new: Any,
                 merge_key: str | None = None) -> None:
        super().__init__(text)
        self.apply, self.old, self.new, self.merge_key = apply, old, new, merge_key

    def redo(self) -> None:
        self.apply(self.new)

    def undo(self) -> None:
        self.apply(self.old)

    def id(self) -> int:
        return FIELD_COMMAND_ID if self.merge_key else -1

    def mergeWith(self, other: QtGui.QUndoCommand) -> bool:
        if not isinstance(other, FieldCommand) or other.merge_key != self.merge_key:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True


class MeasureFieldCommand(QtGui.QUndoCommand):
    """One cell of the measures grid: the field's whole state before and after."""

    def __init__(self, model: MeasuresModel, measure_id: str, key: str, before: Any, after: Any,
                 text: str) -> None:
        super().__init__(text)
        self.model, self.measure_id, self.key = model, measure_id, key
        self.before, self.after = before, after

    def redo(self) -> None:
        self.model.set_state(self.measure_id, self.key, self.after)

    def undo(self) -> None:
        self.model.set_state(self.measure_id, self.key, self.before)


class InsertMeasuresCommand(QtGui.QUndoCommand):
    """New measures at a plan position (add, insert, or the rows a paste runs past the end)."""

    def __init__(self, model: MeasuresModel, position: int, measures: list[Measure], text: str) -> None:
        super().__init__(text)
        self.model, self.position, self.measures = model, position, measures

    def redo(self) -> None:
        self.model.insert_measures(self.position, self.measures)

    def undo(self) -> None:
        self.model.remove_measures([m.id for m in self.measures])


class DeleteMeasuresCommand(QtGui.QUndoCommand):
    """Tombstone measures (with steps and progress); undo revives exactly those rows."""

    def __init__(self, model: MeasuresModel, measure_ids: list[str], text: str) -> None:
        super().__init__(text)
        self.model, self.measure_ids = model, measure_ids
        self.removed: list[tuple[int, Measure, list[tuple[str, str]]]] = []

    def redo(self) -> None:
        self.removed = self.model.remove_measures(self.measure_ids)

    def undo(self) -> None:
        self.model.restore_measures(self.removed)


class MoveMeasureCommand(QtGui.QUndoCommand):
    """Swap a measure with its neighbour in the plan (Ctrl+↑ / Ctrl+↓)."""

    def __init__(self, model: MeasuresModel, measure_id: str, delta: int, text: str) -> None:
        super().__init__(text)
        self.model, self.measure_id, self.delta = model, measure_id, delta

    def redo(self) -> None:
        self.model.move_measure(self.measure_id, self.delta)

    def undo(self) -> None:
        self.model.move_measure(self.measure_id, -self.delta)


class ProgressFieldCommand(QtGui.QUndoCommand):
    """One cell of a progress grid: the progress entry before (None: it did not exist) and after."""

    def __init__(self, model: ProgressModel, key: ProgressKey, before: Any, after: Any, text: str) -> None:
        super().__init__(text)
        self.model, self.key, self.before, self.after = model, key, before, after

    def redo(self) -> None:
        self.model.set_entry(self.key, self.after)

    def undo(self) -> None:
        self.model.set_entry(self.key, self.before)
