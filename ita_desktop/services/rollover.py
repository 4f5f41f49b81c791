"""'New fiscal year from last year's plan': the yearly restart of DESIGN §1 step 5.

The new year gets last year's indicator catalogue, measures (steps, units, monitoring, rounds) with their
dates moved one year on, and the signatories; it gets no progress and no assessment (both are new facts).
"""

from __future__ import annotations

from datetime import date

from ita_desktop.domain.model import DocText, Indicator, Measure, Signatory, Step, YearPlan
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


def rolled_over(source: YearPlan, target_year: int) -> YearPlan:
    """A copy of ``source`` for ``target_year`` with fresh ids, shifted dates and no progress."""
    shift = target_year - source.fiscal_year
    measures = []
    for m in source.measures:
        start, end = m.start, m.end
        steps = [Step(text=s.text, due=s.due, timeframe_text=s.timeframe_text) for s in m.steps]
        for _ in range(shift):
            start, end = next_year_date(start), next_year_date(end)
            for s in steps:
                s.due = next_year_date(s.due)
        measures.append(Measure(indicators=list(m.indicators), title=m.title, issue=m.issue, guideline=m.guideline,
                                steps=steps, units=list(m.units), start=start, end=end,
                                monitoring=m.monitoring, rounds=list(m.rounds), group=m.group,
                                timeframe_text=m.timeframe_text))
    return YearPlan(
        fiscal_year=target_year,
        indicators=[Indicator(number=i.number, tool=i.tool, name=i.name) for i in source.indicators],
        measures=measures,
        signatories=[Signatory(role=s.role, name=s.name, position=s.position, signed_name=s.signed_name)
                     for s in source.signatories],  # a new year is signed anew: the date is not carried
        texts=[DocText(document=t.document, round=t.round, part=t.part, text=t.text) for t in source.texts],
    )


def roll_over(repo: DocumentRepository, source_year: int, target_year: int) -> YearPlan:
    """Create ``target_year`` in the document from ``source_year``'s plan, in one transaction."""
    if repo.year_id(target_year) is not None:
        raise UserError(f"ปีงบประมาณ {target_year} มีอยู่แล้วในเอกสาร (fiscal year {target_year} already exists)")
    if not target_year > source_year:
        raise UserError(f"ปีงบประมาณใหม่ต้องอยู่หลังปี {source_year} (the new year must come after {source_year})")
    source = repo.load_year(source_year)
    if source is None:
        raise UserError(f"ไม่มีปีงบประมาณ {source_year} ในเอกสาร (no fiscal year {source_year})")
    plan = rolled_over(source, target_year)
    with repo.database.transaction():
        repo.save_year(plan)
        year_id = repo.year_id(target_year)
        assert year_id is not None
        if plan.signatories:
            repo.save_signatories(year_id, plan.signatories)
    loaded = repo.load_year(target_year)
    assert loaded is not None
    return loaded
