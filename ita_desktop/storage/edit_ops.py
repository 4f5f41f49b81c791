"""Fine-grained edits the grids make: one field, one row, one position at a time.

Each call is its own committed transaction (the window never asks "save changes?"), and every call that
removes something returns what it tombstoned so undo can bring exactly those rows back.
"""

from __future__ import annotations

from typing import Any

from ita_desktop.domain.model import Measure, Progress, Step
from ita_desktop.storage.codec import date_to_db
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import (
    MEASURE_COLUMNS,
    DocumentRepository,
    measure_values,
    progress_values,
    step_values,
)

Tombstones = list[tuple[str, str]]


class EditOps:
    """Single-row writes over an open document, used by the editing service."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.repo = DocumentRepository(database)

    def set_measure_fields(self, measure_id: str, values: dict[str, Any]) -> None:
        """Change stored fields of one measure; values in storage form (see measure_values)."""
        self.repo.update_measure(measure_id, values)

    def insert_measure(self, year_id: str, measure: Measure, ord_: float) -> None:
        """A new measure (with its steps and progress) at plan position ``ord_``."""
        self.repo.save_measure(year_id, measure, ord_)

    def set_measure_ord(self, measure_id: str, ord_: float) -> None:
        with self.database.transaction():
            self.database.write_row("measures", measure_id, {"ord": ord_})

    def measure_ords(self, year_id: str) -> list[tuple[str, float]]:
        """(id, ord) of the year's live measures in plan order."""
        rows = self.database.live_rows("measures", "year_id = ?", (year_id,), order="ord, rowid")
        return [(str(r["id"]), float(r["ord"])) for r in rows]

    def renumber_measures(self, year_id: str) -> None:
        """Spread the ords out again (1, 2, 3 …) when repeated inserts have made them too close."""
        with self.database.transaction():
            for i, (row_id, _) in enumerate(self.measure_ords(year_id)):
                self.database.write_row("measures", row_id, {"ord": float(i + 1)})

    def delete_measure(self, measure_id: str) -> Tombstones:
        return self.repo.delete_measure(measure_id)

    def restore(self, rows: Tombstones) -> None:
        self.repo.restore(rows)

    def replace_steps(self, measure: Measure) -> None:
        """Make the measure's live steps and progress exactly the given lists, matched by id.

        Rows not in the lists are tombstoned; rows in them are written (and revived if tombstoned), so
        undo can put back an earlier list with the very same ids.
        """
        with self.database.transaction():
            step_ids = [s.id for s in measure.steps]
            for i, step in enumerate(measure.steps):
                self.database.write_row("steps", step.id,
                                        step_values(step, measure.id, float(i + 1)) | {"deleted": 0})
            for row in self.database.live_rows("steps", "measure_id = ?", (measure.id,)):
                if row["id"] not in step_ids:
                    self.database.delete_row("steps", row["id"])
            progress_ids = set()
            for i, p in enumerate(measure.progress):
                step_id = step_ids[p.step - 1] if p.step and p.step <= len(step_ids) else None
                if p.step and step_id is None:
                    continue
                progress_ids.add(p.id)
                self.database.write_row("progress", p.id,
                                        progress_values(p, measure.id, step_id, float(i + 1)) | {"deleted": 0})
            for row in self.database.live_rows("progress", "measure_id = ?", (measure.id,)):
                if row["id"] not in progress_ids:
                    self.database.delete_row("progress", row["id"])

    def save_copy(self, target: str) -> None:
        """Write a consistent copy of the whole file to ``target`` (SQLite's online backup)."""
        import sqlite3

        dest = sqlite3.connect(target)
        try:
            self.database.conn.backup(dest)
        finally:
            dest.close()

    def save_progress(self, measure_id: str, step_id: str | None, progress: Progress) -> None:
        """Insert or update one progress entry (a step of a measure in a round); a new one goes last."""
        with self.database.transaction():
            ord_ = None
            if self.database.row("progress", progress.id) is None:
                row = self.database.conn.execute("SELECT max(ord) FROM progress WHERE measure_id = ? AND deleted = 0",
                                                 (measure_id,)).fetchone()
                ord_ = (float(row[0]) if row[0] is not None else 0.0) + 1.0
            self.database.write_row("progress", progress.id,
                                    progress_values(progress, measure_id, step_id, ord_) | {"deleted": 0})

    def delete_progress(self, progress_id: str) -> None:
        with self.database.transaction():
            self.database.delete_row("progress", progress_id)

    def set_step_due(self, step: Step) -> None:
        with self.database.transaction():
            self.database.write_row("steps", step.id, {"due": date_to_db(step.due)})


def measure_field_values(measure: Measure, fields: list[str]) -> dict[str, Any]:
    """Storage form of some fields of a measure (the year id is not touched)."""
    values = measure_values(measure, "")
    return {MEASURE_COLUMNS.get(f, f): values[MEASURE_COLUMNS.get(f, f)] for f in fields}


__all__ = ["EditOps", "Tombstones", "measure_field_values"]
