"""Ids in an import must name rows where the import puts them, or nothing at all.

An id in an imported file is what makes an exported document re-import as an update. The repositories
write each row under the id it comes with, so an id naming a row elsewhere in the target document — a
measure of another fiscal year, a step or progress entry of another measure, an indicator, assessment,
score or signatory of another year — would silently move that row (and tombstone what hung under it).
Every such id is refused here, before anything is written, naming its path in the interchange form
(``years[1].measures[0].id``); an id of the same row in the same place updates it as before. The JSON and
the XLSX imports both pass through this check.
"""

from __future__ import annotations

from typing import Any

from ita_desktop.domain.model import Document, YearPlan
from ita_desktop.errors import ValidationError
from ita_desktop.storage.repositories import DocumentRepository, RowPlace

_REMOVE = "Remove the id to add it as a new row. / ลบรหัสออกเพื่อเพิ่มเป็นรายการใหม่"


def check_import_ids(repo: DocumentRepository, incoming: Document) -> None:
    """Raise ValidationError at the first incoming id that names a row elsewhere in the target document."""
    for yi, plan in enumerate(incoming.years):
        _check_year(repo, plan, f"years[{yi}]")


def _year(place: RowPlace) -> str:
    return "an unknown year" if place.fiscal_year is None else str(place.fiscal_year)


def _a(noun: str, place: RowPlace) -> str:
    """'an indicator', 'a deleted indicator'."""
    if place.deleted:
        return f"a deleted {noun}"
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _elsewhere(row_id: str, noun: str, thai: str, place: RowPlace, target: int) -> str:
    return (f"id {row_id!r} belongs to {_a(noun, place)} of {_year(place)}; importing it into {target} would "
            f"move it there. {_REMOVE} (รหัสนี้เป็นของ{thai}ปี {_year(place)})")


def _check_year(repo: DocumentRepository, plan: YearPlan, path: str) -> None:
    fy = plan.fiscal_year
    year_id = repo.year_id(fy)  # None: the year is new, so every stored row is elsewhere
    stored_numbers = {i.number for i in repo.indicators(year_id)} if year_id else set()
    places = repo.row_places("indicators", (i.id for i in plan.indicators))
    for i, ind in enumerate(plan.indicators):
        place = places.get(ind.id)
        # An indicator number the year already has keeps its stored row; only a new number uses the id.
        if ind.number not in stored_numbers and place and place.parent != year_id:
            raise ValidationError(f"{path}.indicators[{i}].id",
                                  _elsewhere(ind.id, "indicator", "ตัวชี้วัด", place, fy))

    if plan.assessment is not None:
        a = plan.assessment
        existing = repo.assessment(year_id) if year_id else None
        if existing is None:  # a year with an assessment keeps its row; only a first one uses the id
            place = repo.row_places("assessments", [a.id]).get(a.id)
            if place and place.parent != year_id:
                raise ValidationError(f"{path}.assessment.id",
                                      _elsewhere(a.id, "assessment", "ผลการประเมิน", place, fy))
        assessment_id = existing.id if existing else a.id
        # a score row's id may be used by its own assessment only (a score already kept matches by its key)
        scores: list[tuple[str, str, list[Any], list[Any], str, str, str]] = [
            ("indicator_scores", "indicators", list(a.indicators), list(existing.indicators) if existing else [],
             "number", "indicator score", "คะแนนตัวชี้วัด"),
            ("question_scores", "questions", list(a.questions), list(existing.questions) if existing else [],
             "code", "question score", "คะแนนรายข้อ")]
        for table, field, rows, kept, key, what, thai in scores:
            known = {getattr(r, key) for r in kept}
            places = repo.row_places(table, (r.id for r in rows))
            for i, row in enumerate(rows):
                place = places.get(row.id)
                if getattr(row, key) not in known and place and place.parent != assessment_id:
                    raise ValidationError(f"{path}.assessment.{field}[{i}].id",
                                          _elsewhere(row.id, what, thai, place, fy))

    measures = repo.row_places("measures", (m.id for m in plan.measures))
    steps = repo.row_places("steps", (s.id for m in plan.measures for s in m.steps))
    progress = repo.row_places("progress", (p.id for m in plan.measures for p in m.progress))
    for mi, m in enumerate(plan.measures):
        where = f"{path}.measures[{mi}]"
        place = measures.get(m.id)
        if place and place.parent != year_id:
            raise ValidationError(
                f"{where}.id",
                f"id {m.id!r} belongs to {_a('measure', place)} of {_year(place)} ({place.title!r}); importing it "
                f"into {fy} would move that measure, with its steps and progress, out of {_year(place)}. "
                f"Remove the id to add a new measure, or import it under fiscal_year {_year(place)}. "
                f"(รหัสนี้เป็นของมาตรการปี {_year(place)} ลบรหัสออกเพื่อเพิ่มเป็นมาตรการใหม่)")
        for si, step in enumerate(m.steps):
            place = steps.get(step.id)
            if place and place.parent != m.id:
                raise ValidationError(f"{where}.steps[{si}].id", _of_another_measure(
                    step.id, "step", "ขั้นตอน", place))
        for pi, p in enumerate(m.progress):
            place = progress.get(p.id)
            if place and place.parent != m.id:
                raise ValidationError(f"{where}.progress[{pi}].id", _of_another_measure(
                    p.id, "progress entry", "ผลการดำเนินการ", place))

    places = repo.row_places("signatories", (s.id for s in plan.signatories))
    for i, sig in enumerate(plan.signatories):
        place = places.get(sig.id)
        if place and place.parent != year_id:
            raise ValidationError(f"{path}.signatories[{i}].id",
                                  _elsewhere(sig.id, "signatory", "ผู้ลงนาม", place, fy))
    places = repo.row_places("publications", (p.id for p in plan.publications))
    for i, pub in enumerate(plan.publications):
        place = places.get(pub.id)
        if place and place.parent != year_id:
            raise ValidationError(f"{path}.publications[{i}].id",
                                  _elsewhere(pub.id, "publication", "บันทึกการเผยแพร่", place, fy))


def _of_another_measure(row_id: str, noun: str, thai: str, place: RowPlace) -> str:
    return (f"id {row_id!r} belongs to {_a(noun, place)} of another measure ({place.title!r}, {_year(place)}); "
            f"importing it here would take it away from that measure. {_REMOVE} "
            f"(รหัสนี้เป็นของ{thai}ในมาตรการอื่น)")
