"""The editing service behind the window: typed, one-change-at-a-time operations on an open document.

The window's undo commands call these; each call commits at once, so nothing typed waits for a "save".
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ita_desktop.domain.model import Assessment, Indicator, Measure, Organization, Progress, Signatory, YearPlan
from ita_desktop.domain.profiles import ExportProfile
from ita_desktop.domain.publications import Publication
from ita_desktop.storage.database import Database
from ita_desktop.storage.edit_ops import EditOps, Tombstones, measure_field_values
from ita_desktop.storage.repositories import DocumentRepository

SCALAR_MEASURE_FIELDS = ("indicators", "issue", "title", "guideline", "units", "start", "end", "monitoring",
                         "rounds", "group", "timeframe_text")
MIN_ORD_GAP = 1e-6


class DocumentEditor:
    """An open document, read and changed through the repositories."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.repo = DocumentRepository(database)
        self.ops = EditOps(database)

    @classmethod
    def open(cls, path: Path) -> DocumentEditor:
        """Open (checking and migrating) a document for editing."""
        return cls(Database.open(path))

    @property
    def path(self) -> Path:
        return self.database.path

    def close(self) -> None:
        self.database.close()

    # -- reading -------------------------------------------------------------------------------------------
    def fiscal_years(self) -> list[int]:
        return self.repo.fiscal_years()

    def load_year(self, fiscal_year: int) -> YearPlan | None:
        return self.repo.load_year(fiscal_year)

    def organization(self) -> Organization:
        return self.repo.organization()

    def units(self) -> list[str]:
        return self.repo.units()

    def profiles(self) -> list[ExportProfile]:
        """The document's export profiles (the office's columns per document kind and layout)."""
        return self.repo.profiles()

    def save_profile(self, profile: ExportProfile) -> None:
        """Keep an export profile: a saved setting of the document (committed at once, not an undoable edit)."""
        self.repo.save_profile(profile)

    # -- the publishing log (issue 14) --------------------------------------------------------------------
    def save_publication(self, year_id: str, publication: Publication) -> None:
        """Record where one document of the year was published (committed at once)."""
        self.repo.save_publication(year_id, publication)

    def delete_publication(self, publication_id: str) -> None:
        self.repo.delete_publication(publication_id)

    # -- whole-record writes -------------------------------------------------------------------------------
    def save_organization(self, org: Organization) -> None:
        self.repo.save_organization(org)

    def set_units(self, names: list[str]) -> None:
        self.repo.set_units(names)

    def save_assessment(self, year_id: str, assessment: Assessment) -> None:
        self.repo.save_assessment(year_id, assessment)

    def save_signatories(self, year_id: str, signatories: list[Signatory]) -> None:
        self.repo.save_signatories(year_id, signatories)

    def save_indicator(self, year_id: str, indicator: Indicator) -> None:
        self.repo.save_indicator(year_id, indicator)

    # -- measures ------------------------------------------------------------------------------------------
    def write_measure(self, measure: Measure, fields: Iterable[str]) -> None:
        """Store the named fields of ``measure`` ('steps' stores its steps and progress lists)."""
        wanted = set(fields)
        scalar = [f for f in SCALAR_MEASURE_FIELDS if f in wanted]
        with self.database.transaction():
            if scalar:
                self.ops.set_measure_fields(measure.id, measure_field_values(measure, scalar))
            if wanted & {"steps", "progress"}:
                self.ops.replace_steps(measure)

    def insert_measure(self, year_id: str, measure: Measure, position: int) -> None:
        """Store a new measure so that it is the ``position``-th (0-based) of the year's plan."""
        with self.database.transaction():
            ords = [o for _, o in self.ops.measure_ords(year_id)]
            before = ords[position - 1] if 0 < position <= len(ords) else None
            after = ords[position] if position < len(ords) else None
            if before is not None and after is not None and after - before < MIN_ORD_GAP:
                self.ops.renumber_measures(year_id)
                ords = [o for _, o in self.ops.measure_ords(year_id)]
                before, after = ords[position - 1], ords[position]
            if before is None and after is None:
                ord_ = 1.0
            elif before is None:
                ord_ = (after or 0.0) - 1.0
            elif after is None:
                ord_ = before + 1.0
            else:
                ord_ = (before + after) / 2
            self.ops.insert_measure(year_id, measure, ord_)

    def delete_measure(self, measure_id: str) -> Tombstones:
        return self.ops.delete_measure(measure_id)

    def restore(self, rows: Tombstones) -> None:
        self.ops.restore(rows)

    def swap_measures(self, first_id: str, second_id: str) -> None:
        """Exchange the plan positions of two measures (move up / down)."""
        with self.database.transaction():
            a = self.repo.measure_ord(first_id)
            b = self.repo.measure_ord(second_id)
            if a is None or b is None:
                raise KeyError("measure not found")
            if a == b:
                b = a + MIN_ORD_GAP
            self.ops.set_measure_ord(first_id, b)
            self.ops.set_measure_ord(second_id, a)

    # -- progress ------------------------------------------------------------------------------------------
    def save_progress(self, measure: Measure, progress: Progress) -> None:
        """Insert or update one progress entry of ``measure`` (its step given by number)."""
        step_id = measure.steps[progress.step - 1].id if progress.step else None
        self.ops.save_progress(measure.id, step_id, progress)

    def delete_progress(self, progress_id: str) -> None:
        self.ops.delete_progress(progress_id)

    # -- files ---------------------------------------------------------------------------------------------
    def save_copy(self, target: Path) -> None:
        """File ▸ Save a copy as: a complete, consistent copy written beside, then renamed into place."""
        import os

        from ita_desktop.errors import UserError

        tmp = target.with_name(f".{target.name}.tmp")
        tmp.unlink(missing_ok=True)
        try:
            self.ops.save_copy(str(tmp))
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise UserError(f"บันทึกสำเนาไม่ได้: {exc.strerror or exc} (cannot write {target})") from None
