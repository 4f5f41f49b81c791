"""'New fiscal year from last year's plan': the yearly restart of DESIGN §1 step 5.

The new year gets last year's indicator catalogue, the measures the clerk picks (steps, units, monitoring,
rounds) with their dates moved one year on, and the signatories; it gets no progress and no assessment (both are
new facts). The roll-over offers every measure of last year, ticked where one of its indicators is still below
the target in the latest result the document holds (``offer``), so the measures of indicators that reached it
are left out unless she keeps them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from ita_desktop.domain.model import DocText, Document, Indicator, Measure, Signatory, Step, YearPlan
from ita_desktop.domain.shortfalls import weak_indicators
from ita_desktop.errors import UserError
from ita_desktop.storage.repositories import DocumentRepository


def next_year_date(day: date | None) -> date | None:
    """The same day one year later (29 Feb becomes 28 Feb)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def carried(m: Measure, shift: int) -> Measure:
    """A measure of an earlier year for a year ``shift`` years later: fresh ids, dates moved, no progress."""
    start, end = m.start, m.end
    steps = [Step(text=s.text, due=s.due, timeframe_text=s.timeframe_text) for s in m.steps]
    for _ in range(shift):
        start, end = next_year_date(start), next_year_date(end)
        for s in steps:
            s.due = next_year_date(s.due)
    return Measure(indicators=list(m.indicators), title=m.title, issue=m.issue, guideline=m.guideline,
                   steps=steps, units=list(m.units), start=start, end=end, monitoring=m.monitoring,
                   rounds=list(m.rounds), group=m.group, timeframe_text=m.timeframe_text)


@dataclass(frozen=True)
class Offered:
    """One of last year's measures as the roll-over offers it."""

    measure: Measure
    weak: tuple[int, ...]  # its indicators still below the target
    ticked: bool  # offered ticked: an indicator still weak, or nothing says it is done with


def latest_result(document: Document, source: YearPlan) -> YearPlan:
    """The year holding the newest ITA result known for judging ``source``'s indicators: a later year's where one
    has scores (the result of ``source`` itself, recorded in the year after), else ``source``'s own."""
    later = [y for y in document.years if y.fiscal_year > source.fiscal_year and y.assessment is not None
             and any(s.score is not None for s in y.assessment.indicators)]
    return min(later, key=lambda y: y.fiscal_year) if later else source


def offer(source: YearPlan, result: YearPlan | None = None) -> list[Offered]:
    """Every measure of ``source``, ticked when one of its indicators is below target in ``result`` (default:
    ``source``'s own assessment); a measure of no indicator, or a year without indicator scores, is ticked."""
    judged = result if result is not None else source
    scored = judged.assessment is not None and any(s.score is not None for s in judged.assessment.indicators)
    weak = weak_indicators(judged)
    offered = []
    for m in source.measures:
        still = tuple(n for n in m.indicators if n in weak)
        offered.append(Offered(m, still, bool(still) or not m.indicators or not scored))
    return offered


def rolled_over(source: YearPlan, target_year: int, keep: Collection[str] | None = None) -> YearPlan:
    """A copy of ``source`` for ``target_year`` with fresh ids, shifted dates and no progress; only the measures
    whose ids are in ``keep`` (all when None)."""
    shift = target_year - source.fiscal_year
    measures = [carried(m, shift) for m in source.measures if keep is None or m.id in keep]
    return YearPlan(
        fiscal_year=target_year,
        indicators=[Indicator(number=i.number, tool=i.tool, name=i.name) for i in source.indicators],
        measures=measures,
        signatories=[Signatory(role=s.role, name=s.name, position=s.position, signed_name=s.signed_name)
                     for s in source.signatories],  # a new year is signed anew: the date is not carried
        texts=[DocText(document=t.document, round=t.round, part=t.part, text=t.text) for t in source.texts],
    )


def roll_over(repo: DocumentRepository, source_year: int, target_year: int,
              keep: Collection[str] | None = None) -> YearPlan:
    """Create ``target_year`` in the document from ``source_year``'s plan (the measures in ``keep``, all when
    None), in one transaction."""
    if repo.year_id(target_year) is not None:
        raise UserError(f"ปีงบประมาณ {target_year} มีอยู่แล้วในเอกสาร (fiscal year {target_year} already exists)")
    if not target_year > source_year:
        raise UserError(f"ปีงบประมาณใหม่ต้องอยู่หลังปี {source_year} (the new year must come after {source_year})")
    source = repo.load_year(source_year)
    if source is None:
        raise UserError(f"ไม่มีปีงบประมาณ {source_year} ในเอกสาร (no fiscal year {source_year})")
    plan = rolled_over(source, target_year, keep)
    with repo.database.transaction():
        repo.save_year(plan)
        year_id = repo.year_id(target_year)
        assert year_id is not None
        if plan.signatories:
            repo.save_signatories(year_id, plan.signatories)
    loaded = repo.load_year(target_year)
    assert loaded is not None
    return loaded
