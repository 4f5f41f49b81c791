"""The roll-over offers last year's measures whose indicator is still below target (ticked), and leaves the
others to the clerk; "draft from the scores" in the new year offers last year's measures of indicators still
below target before the library's (issue 15)."""

from __future__ import annotations

from pathlib import Path

from ita_desktop.domain.model import Assessment, IndicatorScore
from ita_desktop.library.store import shipped
from ita_desktop.services.documents import load
from ita_desktop.services.drafting import apply_draft
from ita_desktop.services.rollover import latest_result, offer, roll_over
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import DocumentRepository

# The sample's 2567 plan answers ITA 2566: indicators 1, 5 and 6 reached 85, the others did not.
PASSED = {1, 5, 6}


def test_the_offer_ticks_the_measures_of_indicators_still_below_target(sample_doc: Path) -> None:
    plan = load(sample_doc).year(2567)
    assert plan is not None
    offered = offer(plan)
    assert len(offered) == len(plan.measures)
    for entry in offered:
        passed = set(entry.measure.indicators) <= PASSED
        assert entry.ticked is not passed, entry.measure.title
        assert set(entry.weak) == set(entry.measure.indicators) - PASSED


def test_the_new_result_judges_when_the_document_holds_it(sample_doc: Path) -> None:
    """Rolled over, then the new result entered in the new year: that result says what is still weak."""
    with Database.open(sample_doc) as database:
        repo = DocumentRepository(database)
        roll_over(repo, 2567, 2568)
        year_id = repo.year_id(2568)
        assert year_id is not None
        repo.save_assessment(year_id, Assessment(year=2567, total=88.0, indicators=[
            IndicatorScore(number=n, score=70.0 if n == 9 else 90.0) for n in range(1, 11)]))
    document = load(sample_doc)
    source = document.year(2567)
    assert source is not None
    result = latest_result(document, source)
    assert result.fiscal_year == 2568
    ticked = [e.measure.indicators for e in offer(source, result) if e.ticked]
    assert ticked == [[9]]


def test_roll_over_keeps_only_the_measures_the_clerk_picked(sample_doc: Path) -> None:
    plan = load(sample_doc).year(2567)
    assert plan is not None
    keep = {e.measure.id for e in offer(plan) if e.ticked}
    with Database.open(sample_doc) as database:
        new = roll_over(DocumentRepository(database), 2567, 2568, keep)
    assert [m.title for m in new.measures] == [m.title for m in plan.measures if m.id in keep]
    assert not {n for m in new.measures for n in m.indicators} & PASSED
    assert not {m.id for m in new.measures} & keep  # fresh ids
    assert all(m.start is None or m.start.year == s.start.year + 1  # type: ignore[union-attr]
               for m, s in zip(new.measures, [m for m in plan.measures if m.id in keep], strict=True))


def test_the_draft_of_the_new_year_offers_last_years_measure_of_a_still_weak_indicator(sample_doc: Path) -> None:
    with Database.open(sample_doc) as database:
        repo = DocumentRepository(database)
        roll_over(repo, 2567, 2568, keep=set())  # started empty
        year_id = repo.year_id(2568)
        assert year_id is not None
        repo.save_assessment(year_id, Assessment(year=2567, total=86.0, indicators=[
            IndicatorScore(number=n, score=70.0 if n == 9 else 90.0) for n in range(1, 11)]))
    last_year = load(sample_doc).year(2567)
    assert last_year is not None
    nine = next(m for m in last_year.measures if 9 in m.indicators)
    draft = apply_draft(sample_doc, 2568, shipped())
    assert {n for m in draft.measures for n in m.indicators} == {9}
    assert draft.measures[0].title == nine.title and draft.measures[0].id != nine.id
    assert [s.text for s in draft.measures[0].steps] == [s.text for s in nine.steps]
    assert len(draft.measures) == 2  # 15 below: last year's and one from the library
    assert apply_draft(sample_doc, 2568, shipped()).measures == []  # nothing twice
