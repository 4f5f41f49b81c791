"""Draft from the scores (issue 15): for every indicator below the target in the year's assessment, the
library's best-fitting measures not yet in the plan. The analysis is drafted too, but not stored: it is the
analysis report's generated intro (reports/analysis_draft.py), printed and shown marked "ร่าง" until the clerk
accepts or edits it (then it is the office's own text, never overwritten).

``draft_for`` only computes; ``apply_draft`` (the command line) writes it in one transaction after a backup;
the window pushes the same draft as one undoable step (gui/library_page.py).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ita_desktop.domain.model import Document, Measure, YearPlan
from ita_desktop.domain.shortfalls import Shortfall, shortfalls_of, year_target
from ita_desktop.errors import UserError
from ita_desktop.library.store import LibraryMeasure, find, normal_title
from ita_desktop.reports.analysis_draft import analysis_draft
from ita_desktop.services.rollover import carried

WIDE_GAP = 10.0  # an indicator this far below the target gets two measures, not one

__all__ = ["Draft", "Shortfall", "already_planned", "apply_draft", "best_fitting", "draft_for", "shortfalls"]


@dataclass
class Draft:
    fiscal_year: int
    target: float
    shortfalls: list[Shortfall] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)  # new, appended to the plan in this order
    analysis: str = ""  # the drafted analysis as it prints with these measures ("" where the office wrote its own)
    kept_texts: list[str] = field(default_factory=list)  # parts left alone because the office wrote them

    @property
    def empty(self) -> bool:
        """Nothing to write (the analysis draft is never written: it prints until the clerk accepts it)."""
        return not self.measures


def shortfalls(plan: YearPlan) -> tuple[float, list[Shortfall]]:
    """The target and the indicators of the year's assessment scoring below it, in catalogue order."""
    if plan.assessment is None or plan.assessment.is_empty():
        raise UserError(f"No ITA result is recorded for fiscal year {plan.fiscal_year}; enter the scores first "
                        "(ผลการประเมินปีที่ผ่านมา). ยังไม่ได้บันทึกผลการประเมิน ITA")
    return year_target(plan), shortfalls_of(plan)


def best_fitting(library: list[LibraryMeasure], shortfall: Shortfall) -> list[LibraryMeasure]:
    """The measures a low indicator gets: the office's own first (its library, year after year), then those
    sharing most words with what the office noted about the indicator ("ข้อมูลบนเว็บไซต์ไม่ครบถ้วน"), then the
    library's order; one, or two when the gap is wide."""
    candidates = find(library, indicator=shortfall.number)
    noted = _content_words(shortfall.note)

    def rank(pair: tuple[int, LibraryMeasure]) -> tuple[int, int, int]:
        order, m = pair
        shared = len(noted & _content_words(m.text())) if noted else 0
        return (0 if m.own else 1, -shared, order)

    ranked = [m for _, m in sorted(enumerate(candidates), key=rank)]
    return ranked[: 2 if shortfall.gap >= WIDE_GAP else 1]


def _content_words(text: str) -> set[str]:
    """The words of a text worth matching on (Thai segmented; one-letter pieces and spaces left out)."""
    if not text.strip():
        return set()
    from ita_desktop.thai.segment import words

    return {w.strip().casefold() for w in words(text) if len(w.strip()) > 2}


def already_planned(measure: Measure, plan_measures: list[Measure]) -> bool:
    """True when the plan has this measure already: the same title, or a title that says nearly the same
    ('มาตรการเผยแพร่แผนการใช้จ่ายงบประมาณประจำปี' for '…ประจำปีให้บุคลากรทราบ')."""
    title = normal_title(measure.title)
    for other in plan_measures:
        theirs = normal_title(other.title)
        if not theirs:
            continue
        if theirs == title:
            return True
        if (set(measure.indicators) & set(other.indicators)) and (
                theirs in title or title in theirs or difflib.SequenceMatcher(None, title, theirs).ratio() >= 0.85):
            return True
    return False


def draft_for(document: Document, plan: YearPlan, library: list[LibraryMeasure]) -> Draft:
    """What 'draft from the scores' adds to ``plan``: for each indicator below target, last year's measures of
    it, then the library's best-fitting (one, or two for a wide gap), nothing twice (a measure whose title is in
    the plan is not added again); and the analysis as it will print (unless the office has its own)."""
    target, low = shortfalls(plan)
    draft = Draft(plan.fiscal_year, target, low)
    earlier = max((y for y in document.years if y.fiscal_year < plan.fiscal_year), key=lambda y: y.fiscal_year,
                  default=None)
    for shortfall in low:
        wanted = 2 if shortfall.gap >= WIDE_GAP else 1
        # last year's own measures of an indicator still below target come first (the office's own words,
        # offered again), then the library's
        own = [carried(m, plan.fiscal_year - earlier.fiscal_year) for m in earlier.measures
               if shortfall.number in m.indicators] if earlier is not None else []
        library_ones = [entry.to_measure(document.organization.name, document.units, plan.fiscal_year)
                        for entry in best_fitting(library, shortfall)]
        for measure in [*own, *library_ones][:wanted]:
            if not already_planned(measure, [*plan.measures, *draft.measures]):
                draft.measures.append(measure)
    if plan.text("analysis", "intro") is not None:
        draft.kept_texts.append("analysis intro")
    else:
        draft.analysis = analysis_draft(document, plan, measures=[*plan.measures, *draft.measures])
    return draft


def apply_draft(path: Path, fiscal_year: int, library: list[LibraryMeasure]) -> Draft:
    """Draft ``fiscal_year`` of the document at ``path``: one transaction, after a verified backup (restore it to
    undo: ita-desktop backups / restore). Nothing is written when there is nothing to add."""
    from ita_desktop.services.documents import load
    from ita_desktop.services.editing import DocumentEditor
    from ita_desktop.storage.database import Database
    from ita_desktop.sync.backups import take_backup

    document = load(path)
    plan = document.year(fiscal_year)
    if plan is None:
        years = ", ".join(str(y.fiscal_year) for y in document.years) or "none"
        raise UserError(f"The document has no fiscal year {fiscal_year} (it has: {years}). ไม่มีปีงบประมาณนี้ในเอกสาร")
    draft = draft_for(document, plan, library)
    if draft.empty:
        return draft
    with Database.open(path) as database:
        take_backup(database, "before-draft")
        editor = DocumentEditor(database)
        with database.transaction():
            count = len(plan.measures)
            for offset, measure in enumerate(draft.measures):
                editor.insert_measure(plan.id, measure, count + offset)
    return draft
