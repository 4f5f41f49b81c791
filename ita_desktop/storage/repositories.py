"""Repositories: load and save domain objects. All SQL for documents lives here and in database.py."""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from ita_desktop.domain.catalogue import default_indicators
from ita_desktop.domain.model import (
    DOCUMENTS,
    TEXT_PARTS,
    Assessment,
    DocText,
    Document,
    Indicator,
    IndicatorScore,
    Measure,
    Organization,
    Progress,
    QuestionScore,
    Signatory,
    Status,
    Step,
    Tool,
    YearPlan,
)
from ita_desktop.domain.profiles import ExportProfile, ProfileColumn, saved_profile
from ita_desktop.domain.publications import Publication
from ita_desktop.domain.questions import code_order, is_code
from ita_desktop.errors import UserError
from ita_desktop.storage.codec import date_from_db, date_to_db, list_from_db, list_to_db, text
from ita_desktop.storage.database import Database
from ita_desktop.storage.doc_limits import written_problem
from ita_desktop.storage.row_rules import BE_YEARS
from ita_desktop.storage.schema import SCHEMA_VERSION

ORG_FIELDS = ("name", "kind", "district", "province", "address", "phone", "website")
# Progress entries load by their stored `ord` (the clerk's order, stamped and merged like any field), then id:
# the same on every copy, whatever rowids a merge gave them.


def measure_values(measure: Measure, year_id: str) -> dict[str, Any]:
    """The stored fields of a measure (without its order)."""
    return {
        "year_id": year_id, "indicators": list_to_db(measure.indicators), "issue": measure.issue,
        "title": measure.title, "guideline": measure.guideline, "units": list_to_db(measure.units),
        "start": date_to_db(measure.start), "end": date_to_db(measure.end), "monitoring": measure.monitoring,
        "rounds": list_to_db(measure.rounds), "group_name": measure.group, "timeframe_text": measure.timeframe_text,
    }


# Domain field of a measure -> its stored column(s), for writing some fields only (see measure_field_values).
MEASURE_COLUMNS: dict[str, str] = {"group": "group_name"}


def step_values(step: Step, measure_id: str, ord_: float) -> dict[str, Any]:
    return {"measure_id": measure_id, "ord": ord_, "text": step.text, "due": date_to_db(step.due),
            "timeframe_text": step.timeframe_text}


def progress_values(progress: Progress, measure_id: str, step_id: str | None,
                    ord_: float | None = None) -> dict[str, Any]:
    """The stored fields of a progress entry; ``ord_`` None leaves its stored order as it is."""
    values = {
        "measure_id": measure_id, "step_id": step_id, "round": progress.round, "status": str(progress.status),
        "done_on": date_to_db(progress.done_on), "result": progress.result, "outcome": progress.outcome,
        "evidence_urls": list_to_db(progress.evidence_urls),
    }
    return values if ord_ is None else values | {"ord": ord_}


def text_order(t: DocText) -> tuple[int, int, int]:
    """Plan, progress, analysis; all rounds, then each round; title, intro, closing."""
    return DOCUMENTS.index(t.document), t.round or 0, TEXT_PARTS.index(t.part)


# A row read by column name: a dict from Database.row, or a sqlite3.Row from Database.records.
Row = Mapping[str, Any] | sqlite3.Row

# What DocumentRepository._measure reads of each row.
_MEASURE_COLUMNS = ('id, indicators, issue, title, guideline, units, start, "end", monitoring, rounds, group_name, '
                    'timeframe_text')
_STEP_COLUMNS = "s.id, s.measure_id, s.text, s.due, s.timeframe_text"
_PROGRESS_COLUMNS = ("p.id, p.measure_id, p.step_id, p.round, p.status, p.done_on, p.result, p.outcome, "
                     "p.evidence_urls")


def _indicators_from_db(value: Any, lists: Callable[[Any], list[Any]] = list_from_db) -> list[int]:
    return [int(n) for n in lists(value) if isinstance(n, int) and not isinstance(n, bool)]


class RowPlace(NamedTuple):
    """Where a stored row belongs: its parent row, that parent's fiscal year, the measure's title (for a
    measure, step or progress entry) and whether the row is a tombstone. Unknown parts are None / ""."""

    parent: str | None
    fiscal_year: int | None
    title: str
    deleted: bool


# For each table whose rows belong to another row: (id, parent id, fiscal year, measure title, deleted).
_PLACE_SQL = {
    "measures": "SELECT t.id, t.year_id, y.year, t.title, t.deleted FROM measures t "
                "LEFT JOIN fiscal_years y ON y.id = t.year_id",
    "steps": "SELECT t.id, t.measure_id, y.year, m.title, t.deleted FROM steps t "
             "LEFT JOIN measures m ON m.id = t.measure_id LEFT JOIN fiscal_years y ON y.id = m.year_id",
    "progress": "SELECT t.id, t.measure_id, y.year, m.title, t.deleted FROM progress t "
                "LEFT JOIN measures m ON m.id = t.measure_id LEFT JOIN fiscal_years y ON y.id = m.year_id",
    "indicators": "SELECT t.id, t.year_id, y.year, '', t.deleted FROM indicators t "
                  "LEFT JOIN fiscal_years y ON y.id = t.year_id",
    "assessments": "SELECT t.id, t.year_id, y.year, '', t.deleted FROM assessments t "
                   "LEFT JOIN fiscal_years y ON y.id = t.year_id",
    "question_scores": "SELECT t.id, t.assessment_id, y.year, '', t.deleted FROM question_scores t "
                       "LEFT JOIN assessments a ON a.id = t.assessment_id "
                       "LEFT JOIN fiscal_years y ON y.id = a.year_id",
    "indicator_scores": "SELECT t.id, t.assessment_id, y.year, '', t.deleted FROM indicator_scores t "
                        "LEFT JOIN assessments a ON a.id = t.assessment_id "
                        "LEFT JOIN fiscal_years y ON y.id = a.year_id",
    "signatories": "SELECT t.id, t.year_id, y.year, '', t.deleted FROM signatories t "
                   "LEFT JOIN fiscal_years y ON y.id = t.year_id",
    "publications": "SELECT t.id, t.year_id, y.year, '', t.deleted FROM publications t "
                    "LEFT JOIN fiscal_years y ON y.id = t.year_id",
}


class DocumentRepository:
    """Reads and writes a whole document, or parts of it, through one open Database."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- organization and units ----------------------------------------------------------------------------
    def organization(self) -> Organization:
        row = self.database.row("organization", self.database.doc_id)
        if row is None:
            return Organization()
        return Organization(**{f: text(row[f]) for f in ORG_FIELDS})

    def save_organization(self, org: Organization) -> None:
        with self.database.transaction():
            self.database.write_row("organization", self.database.doc_id, {f: getattr(org, f) for f in ORG_FIELDS})

    def units(self) -> list[str]:
        return [text(r["name"]) for r in self.database.live_rows("units", order="ord, name")]

    def add_units(self, names: list[str]) -> None:
        """Append units not yet in the list (names kept exactly as typed)."""
        with self.database.transaction():
            rows = self.database.live_rows("units", order="ord")
            known = {r["name"] for r in rows}
            next_ord = max((float(r["ord"]) for r in rows), default=0.0) + 1
            for name in names:
                if name not in known:
                    self.database.write_row("units", _new_id(), {"name": name, "ord": next_ord})
                    known.add(name)
                    next_ord += 1

    def set_units(self, names: list[str]) -> None:
        """Make the unit list exactly ``names`` in this order."""
        with self.database.transaction():
            by_name = {r["name"]: r["id"] for r in self.database.live_rows("units")}
            for name, row_id in by_name.items():
                if name not in names:
                    self.database.delete_row("units", row_id)
            for i, name in enumerate(names):
                self.database.write_row("units", by_name.get(name) or _new_id(), {"name": name, "ord": float(i)})

    # -- fiscal years --------------------------------------------------------------------------------------
    def fiscal_years(self) -> list[int]:
        """The document's fiscal years. A year no program writes (every input takes 2400–2700 BE) is a row that
        cannot be read: a ValueError, so `check` names it instead of the date arithmetic failing later on."""
        years = [int(r["year"]) for r in self.database.live_rows("fiscal_years", order="year")]
        odd = next((y for y in years if y not in BE_YEARS), None)
        if odd is not None:
            raise ValueError(f"fiscal year {odd} is not a Buddhist-era year of {BE_YEARS.start}–{BE_YEARS.stop - 1}")
        return years

    def year_id(self, fiscal_year: int) -> str | None:
        rows = self.database.live_rows("fiscal_years", "year = ?", (fiscal_year,))
        return None if not rows else str(rows[0]["id"])

    def ensure_year(self, fiscal_year: int, indicators: list[Indicator] | None = None) -> str:
        """The year's row id, creating the year with the standard indicator catalogue if needed."""
        existing = self.year_id(fiscal_year)
        if existing:
            return existing
        with self.database.transaction():
            year_id = _new_id()
            self.database.write_row("fiscal_years", year_id, {"year": fiscal_year})
            for ind in indicators or default_indicators():
                self.save_indicator(year_id, ind)
        return year_id

    def save_indicator(self, year_id: str, ind: Indicator) -> None:
        with self.database.transaction():
            self.database.write_row("indicators", ind.id, {"year_id": year_id, "number": ind.number,
                                                           "tool": str(ind.tool), "name": ind.name})

    def indicators(self, year_id: str) -> list[Indicator]:
        rows = self.database.live_rows("indicators", "year_id = ?", (year_id,), order="number")
        return [Indicator(id=r["id"], number=int(r["number"]), tool=Tool(r["tool"]), name=text(r["name"]))
                for r in rows]

    def delete_indicator(self, indicator_id: str) -> None:
        with self.database.transaction():
            self.database.delete_row("indicators", indicator_id)

    # -- assessment ----------------------------------------------------------------------------------------
    def assessment(self, year_id: str) -> Assessment | None:
        rows = self.database.live_rows("assessments", "year_id = ?", (year_id,))
        if not rows:
            return None
        r = rows[0]
        scores = [IndicatorScore(id=s["id"], number=int(s["number"]), score=s["score"], note=text(s["note"]),
                                 verdict=text(s["verdict"]))
                  for s in self.database.live_rows("indicator_scores", "assessment_id = ?", (r["id"],),
                                                   order="number")]
        tools = {Tool.IIT: r["iit"], Tool.EIT: r["eit"], Tool.OIT: r["oit"]}
        return Assessment(id=r["id"], year=r["assessed_year"], total=r["total"], level=text(r["level"]),
                          tools={k: v for k, v in tools.items() if v is not None}, indicators=scores,
                          questions=self.question_scores(r["id"]))

    def question_scores(self, assessment_id: str) -> list[QuestionScore]:
        """The assessment's scores per question, IIT then EIT then OIT, each by number; a row no program writes
        is skipped (never rewritten)."""
        found = []
        for q in self.database.live_rows("question_scores", "assessment_id = ?", (assessment_id,), order="id"):
            if not is_code(q["code"]):
                continue
            score = q["score"] if isinstance(q["score"], int | float) else None
            found.append(QuestionScore(id=q["id"], code=q["code"], score=score, text=text(q["text"])))
        return sorted(found, key=lambda q: (code_order(q.code), q.id))

    def save_assessment(self, year_id: str, assessment: Assessment) -> None:
        """Write the year's assessment; the year has one, so an existing row keeps its id."""
        with self.database.transaction():
            existing = self.assessment(year_id)
            assessment_id = existing.id if existing else assessment.id
            self.database.write_row("assessments", assessment_id, {
                "year_id": year_id, "assessed_year": assessment.year, "total": assessment.total,
                "level": assessment.level, "iit": assessment.tools.get(Tool.IIT),
                "eit": assessment.tools.get(Tool.EIT), "oit": assessment.tools.get(Tool.OIT)})
            old = {s.number: s.id for s in existing.indicators} if existing else {}
            for score in assessment.indicators:
                self.database.write_row("indicator_scores", old.pop(score.number, score.id), {
                    "assessment_id": assessment_id, "number": score.number, "score": score.score,
                    "note": score.note, "verdict": score.verdict})
            stored = {q.code: q for q in existing.questions} if existing else {}
            for question in assessment.questions:
                before = stored.pop(question.code, None)
                if question.score is None and not question.text.strip():
                    if before is not None:  # emptied: the row goes (a tombstone travels to other copies)
                        self.database.delete_row("question_scores", before.id)
                    continue
                if before is not None and (before.score, before.text) == (question.score, question.text):
                    continue
                self.database.write_row("question_scores", before.id if before else question.id, {
                    "assessment_id": assessment_id, "code": question.code, "score": question.score,
                    "text": question.text, "deleted": 0})

    # -- measures ------------------------------------------------------------------------------------------
    def measures(self, year_id: str) -> list[Measure]:
        """All measures of a year with their steps and progress, in plan order. Only the columns a Measure is
        made of are read (not the merge stamps, some 750 bytes a row): half the time on 2,000 measures (issue 18)."""
        rows = self.database.records(f"SELECT {_MEASURE_COLUMNS} FROM measures WHERE deleted = 0 AND year_id = ? "
                                     "ORDER BY ord, id", (year_id,))
        ids = tuple(r["id"] for r in rows)
        steps_by: dict[str, list[Row]] = {i: [] for i in ids}
        progress_by: dict[str, list[Row]] = {i: [] for i in ids}
        if ids:
            joined = (f"SELECT {_STEP_COLUMNS} FROM steps s JOIN measures m ON m.id = s.measure_id "
                      "WHERE s.deleted = 0 AND m.year_id = ? ORDER BY s.ord, s.id")
            for s in self.database.records(joined, (year_id,)):
                steps_by.setdefault(s["measure_id"], []).append(s)
            joined = (f"SELECT {_PROGRESS_COLUMNS} FROM progress p JOIN measures m ON m.id = p.measure_id "
                      "WHERE p.deleted = 0 AND m.year_id = ? ORDER BY p.ord, p.id")
            for p in self.database.records(joined, (year_id,)):
                progress_by.setdefault(p["measure_id"], []).append(p)
        decoded: dict[Any, tuple[Any, ...]] = {}  # the same few lists of units and rounds come back on every row

        def lists(value: Any) -> list[Any]:
            found = decoded.get(value)
            if found is None:
                found = decoded[value] = tuple(list_from_db(value))
            return list(found)

        days: dict[Any, date | None] = {}  # and the same few hundred dates (a date is immutable: shared safely)

        def day(value: Any) -> date | None:
            try:
                return days[value]
            except KeyError:
                found = days[value] = date_from_db(value)
                return found

        return [self._measure(r, steps_by[r["id"]], progress_by[r["id"]], lists, day) for r in rows]

    def measure(self, measure_id: str) -> Measure | None:
        r = self.database.row("measures", measure_id)
        if r is None or r["deleted"]:
            return None
        steps = self.database.live_rows("steps", "measure_id = ?", (measure_id,), order="ord, id")
        progress = self.database.live_rows("progress", "measure_id = ?", (measure_id,), order="ord, id")
        return self._measure(r, steps, progress)

    @staticmethod
    def _measure(r: Row, step_rows: Sequence[Row], progress_rows: Sequence[Row],
                 lists: Callable[[Any], list[Any]] = list_from_db,
                 day: Callable[[Any], date | None] = date_from_db) -> Measure:
        steps = [Step(id=s["id"], text=text(s["text"]), due=day(s["due"]),
                      timeframe_text=text(s["timeframe_text"])) for s in step_rows]
        number = {s.id: i + 1 for i, s in enumerate(steps)}
        progress = [
            Progress(id=p["id"], round=int(p["round"]), step=number.get(p["step_id"]) if p["step_id"] else None,
                     status=Status(p["status"]), done_on=day(p["done_on"]), result=text(p["result"]),
                     outcome=text(p["outcome"]), evidence_urls=[str(u) for u in lists(p["evidence_urls"])])
            for p in progress_rows if not p["step_id"] or p["step_id"] in number
        ]
        return Measure(
            id=r["id"], indicators=_indicators_from_db(r["indicators"], lists), issue=text(r["issue"]),
            title=text(r["title"]), guideline=text(r["guideline"]), steps=steps,
            units=[str(u) for u in lists(r["units"])],
            start=day(r["start"]), end=day(r["end"]), monitoring=text(r["monitoring"]),
            rounds=[int(x) for x in lists(r["rounds"])], progress=progress,
            group=text(r["group_name"]), timeframe_text=text(r["timeframe_text"]),
        )

    def measure_ord(self, measure_id: str) -> float | None:
        r = self.database.row("measures", measure_id)
        return None if r is None else float(r["ord"])

    def next_measure_ord(self, year_id: str) -> float:
        row = self.database.conn.execute("SELECT max(ord) FROM measures WHERE year_id = ? AND deleted = 0",
                                         (year_id,)).fetchone()
        return (float(row[0]) if row[0] is not None else 0.0) + 1.0

    def save_measure(self, year_id: str, measure: Measure, ord_: float | None = None) -> None:
        """Insert or update a measure with its steps and progress; the given lists are authoritative."""
        with self.database.transaction():
            existing = self.database.row("measures", measure.id)
            values = measure_values(measure, year_id)
            if ord_ is not None:
                values["ord"] = ord_
            elif existing is None or existing["deleted"]:
                values["ord"] = self.next_measure_ord(year_id)
            values["deleted"] = 0
            self.database.write_row("measures", measure.id, values)
            self._save_steps(measure)
            self._save_progress(measure)

    def _save_steps(self, measure: Measure) -> None:
        old = self.database.live_rows("steps", "measure_id = ?", (measure.id,), order="ord, id")
        old_ids = [s["id"] for s in old]
        kept: set[str] = set()
        for i, step in enumerate(measure.steps):
            # A step without a stored id of its own takes the place of the old step at the same position.
            if self.database.row("steps", step.id) is None and i < len(old_ids) and old_ids[i] not in kept:
                step.id = old_ids[i]
            kept.add(step.id)
            self.database.write_row("steps", step.id, step_values(step, measure.id, float(i + 1)) | {"deleted": 0})
        self.database.delete_rows("steps", [row_id for row_id in old_ids if row_id not in kept])

    def _save_progress(self, measure: Measure) -> None:
        step_ids = [s.id for s in measure.steps]
        old = self.database.live_rows("progress", "measure_id = ?", (measure.id,), order="ord, id")
        unclaimed: dict[tuple[Any, Any], deque[str]] = {}  # (round, step id) -> stored entries not yet matched
        for r in old:
            unclaimed.setdefault((r["round"], r["step_id"]), deque()).append(r["id"])
        kept: set[str] = set()
        for i, p in enumerate(measure.progress):
            step_id = step_ids[p.step - 1] if p.step else None
            # An entry without a stored id of its own takes the place of the next stored one of its (round, step).
            free = unclaimed.get((p.round, step_id), deque())
            while free and free[0] in kept:  # taken already (by its own id): each is looked at once, not per entry
                free.popleft()
            if self.database.row("progress", p.id) is None and free:
                p.id = free.popleft()
            kept.add(p.id)
            self.database.write_row("progress", p.id,
                                    progress_values(p, measure.id, step_id, float(i + 1)) | {"deleted": 0})
        self.database.delete_rows("progress", [r["id"] for r in old if r["id"] not in kept])

    def update_measure(self, measure_id: str, values: dict[str, Any]) -> None:
        """Change some stored fields of a measure (values already in storage form, see measure_values)."""
        with self.database.transaction():
            self.database.write_row("measures", measure_id, values)

    def delete_measure(self, measure_id: str) -> list[tuple[str, str]]:
        """Tombstone a measure with its steps and progress; returns what was deleted, for undo."""
        with self.database.transaction():
            gone = [("measures", measure_id)]
            gone += [("steps", r["id"]) for r in self.database.live_rows("steps", "measure_id = ?", (measure_id,))]
            gone += [("progress", r["id"])
                     for r in self.database.live_rows("progress", "measure_id = ?", (measure_id,))]
            for table in ("measures", "steps", "progress"):
                self.database.delete_rows(table, [row_id for t, row_id in gone if t == table])
            return gone

    def restore(self, rows: list[tuple[str, str]]) -> None:
        """Bring tombstoned rows back (undo of a delete)."""
        with self.database.transaction():
            for table, row_id in rows:
                self.database.write_row(table, row_id, {"deleted": 0})

    # -- signatories ---------------------------------------------------------------------------------------
    def signatories(self, year_id: str) -> list[Signatory]:
        rows = self.database.live_rows("signatories", "year_id = ?", (year_id,), order="ord, id")
        return [Signatory(id=r["id"], role=text(r["role"]), name=text(r["name"]), position=text(r["position"]),
                          signed_name=text(r["signed_name"]), signed_on=date_from_db(r["signed_on"]))
                for r in rows]

    def save_signatories(self, year_id: str, signatories: list[Signatory]) -> None:
        """Make the year's signatories exactly this list (matched by id, then by role)."""
        with self.database.transaction():
            old = {s.role: s.id for s in self.signatories(year_id)}
            old_ids = set(old.values())
            kept: set[str] = set()
            for i, sig in enumerate(signatories):
                if self.database.row("signatories", sig.id) is None and sig.role in old:
                    sig.id = old[sig.role]
                kept.add(sig.id)
                self.database.write_row("signatories", sig.id, {"year_id": year_id, "ord": float(i),
                                                                "role": sig.role, "name": sig.name,
                                                                "position": sig.position,
                                                                "signed_name": sig.signed_name,
                                                                "signed_on": date_to_db(sig.signed_on),
                                                                "deleted": 0})
            for row_id in old_ids - kept:
                self.database.delete_row("signatories", row_id)

    # -- where rows are (to check ids that come from outside) ---------------------------------------------
    def row_places(self, table: str, ids: Iterable[str]) -> dict[str, RowPlace]:
        """Those of ``ids`` stored in ``table`` (live or deleted) -> where each belongs."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, RowPlace] = {}
        for start in range(0, len(wanted), 500):  # well below SQLite's limit on bound parameters
            chunk = wanted[start:start + 500]
            sql = f"{_PLACE_SQL[table]} WHERE t.id IN ({', '.join('?' * len(chunk))})"
            for row_id, parent, year, title, deleted in self.database.conn.execute(sql, chunk):
                found[str(row_id)] = RowPlace(None if parent is None else str(parent),
                                              year if isinstance(year, int) else None, text(title), bool(deleted))
        return found

    # -- the office's own texts -----------------------------------------------------------------------------
    def texts(self, year_id: str) -> list[DocText]:
        """The year's own texts, one per (document, round, part), in document, round, part order."""
        rows = self.database.live_rows("texts", "year_id = ?", (year_id,), order="id")
        found: list[DocText] = []
        for r in rows:
            try:
                found.append(DocText(id=r["id"], document=text(r["document"]), part=text(r["part"]),
                                     round=None if r["round"] is None else int(r["round"]), text=text(r["text"])))
            except (TypeError, ValueError):
                continue  # a value no version of the program writes: not shown, never rewritten
        return sorted(found, key=text_order)

    def save_text(self, year_id: str, doc_text: DocText) -> None:
        """Write one of the office's texts; the same (document, round, part) keeps its stored row."""
        with self.database.transaction():
            same = next((t for t in self.texts(year_id) if (t.document, t.round, t.part) ==
                         (doc_text.document, doc_text.round, doc_text.part)), None)
            if same is not None and self.database.row("texts", doc_text.id) is None:
                doc_text.id = same.id
            self.database.write_row("texts", doc_text.id, {
                "year_id": year_id, "document": doc_text.document, "round": doc_text.round,
                "part": doc_text.part, "text": doc_text.text, "deleted": 0})

    def delete_text(self, text_id: str) -> None:
        """Back to the generated text: the office's own one is tombstoned."""
        with self.database.transaction():
            self.database.delete_row("texts", text_id)

    # -- the publishing log (issue 14) ----------------------------------------------------------------------
    def publications(self, year_id: str) -> list[Publication]:
        """The year's publishing log in document order (plan, analysis, rounds), then by id; a row no program
        writes is skipped."""
        found: list[Publication] = []
        for r in self.database.live_rows("publications", "year_id = ?", (year_id,), order="id"):
            try:
                found.append(Publication(id=r["id"], document=text(r["document"]),
                                         round=None if r["round"] is None else int(r["round"]),
                                         item=text(r["item"]), url=text(r["url"]),
                                         published_on=date_from_db(r["published_on"])))
            except (TypeError, ValueError):
                continue  # a value no version of the program writes: not shown, never rewritten
        order = ("plan", "analysis", "progress")
        return sorted(found, key=lambda p: (order.index(p.document), p.round or 0, p.id))

    def save_publication(self, year_id: str, publication: Publication) -> None:
        """Write one entry of the log; an entry without a stored row takes over the one of its (document, round)."""
        with self.database.transaction():
            if self.database.row("publications", publication.id) is None:
                same = next((p for p in self.publications(year_id) if p.key == publication.key), None)
                if same is not None:
                    publication.id = same.id
            self.database.write_row("publications", publication.id, {
                "year_id": year_id, "document": publication.document, "round": publication.round,
                "item": publication.item, "url": publication.url,
                "published_on": date_to_db(publication.published_on), "deleted": 0})

    def delete_publication(self, publication_id: str) -> None:
        with self.database.transaction():
            self.database.delete_row("publications", publication_id)

    # -- export profiles (the document's, not a year's) ------------------------------------------------------
    def profiles(self) -> list[ExportProfile]:
        """The office's export profiles, by document, layout and id; a row no program writes is skipped."""
        found: list[ExportProfile] = []
        for r in self.database.live_rows("profiles", order="id"):
            try:
                columns = [ProfileColumn(str(c["key"]), str(c["header"]), bool(c["hidden"]))
                           for c in list_from_db(r["columns"])]
                found.append(ExportProfile(
                    id=r["id"], document=text(r["document"]), layout=int(r["layout"]), columns=columns,
                    grouping=r["grouping"], date_style=r["date_style"],
                    show_unreported=None if r["show_unreported"] is None else bool(r["show_unreported"])))
            except (TypeError, ValueError, KeyError):
                continue  # a value no version of the program writes: not used, never rewritten
        return sorted(found, key=lambda p: (DOCUMENTS.index(p.document), p.layout, p.id))

    def save_profile(self, profile: ExportProfile) -> None:
        """Keep the office's profile for its (document, layout): the one every copy uses is edited in place."""
        with self.database.transaction():
            same = saved_profile(self.profiles(), profile.document, profile.layout)
            if same is not None and self.database.row("profiles", profile.id) is None:
                profile.id = same.id
            columns = [{"key": c.key, "header": c.header, "hidden": c.hidden} for c in profile.columns]
            self.database.write_row("profiles", profile.id, {
                "document": profile.document, "layout": profile.layout, "columns": list_to_db(columns),
                "grouping": profile.grouping, "date_style": profile.date_style,
                "show_unreported": None if profile.show_unreported is None else int(profile.show_unreported),
                "deleted": 0})

    def delete_profile(self, profile_id: str) -> None:
        """Back to the layout as the program prints it."""
        with self.database.transaction():
            self.database.delete_row("profiles", profile_id)

    # -- whole documents -----------------------------------------------------------------------------------
    def load_year(self, fiscal_year: int) -> YearPlan | None:
        year_id = self.year_id(fiscal_year)
        if year_id is None:
            return None
        return YearPlan(id=year_id, fiscal_year=fiscal_year, indicators=self.indicators(year_id),
                        assessment=self.assessment(year_id), measures=self.measures(year_id),
                        signatories=self.signatories(year_id), texts=self.texts(year_id),
                        publications=self.publications(year_id))

    def load_document(self) -> Document:
        years = [y for y in (self.load_year(fy) for fy in self.fiscal_years()) if y is not None]
        return Document(id=self.database.doc_id, organization=self.organization(), units=self.units(),
                        years=years, profiles=self.profiles())

    def save_document(self, doc: Document) -> None:
        """Add or update everything in ``doc`` in one transaction; what it does not mention is kept."""
        with self.database.transaction():
            if any(getattr(doc.organization, f) for f in ORG_FIELDS):
                self.save_organization(doc.organization)
            self.add_units(doc.units)
            for plan in doc.years:
                self.save_year(plan)
            for profile in doc.profiles:
                self.save_profile(profile)
            too_big = written_problem(self.database.conn, SCHEMA_VERSION)
            if too_big:  # the transaction is rolled back: the document stays as it was, and openable
                raise UserError(f"Nothing was added: with it, {self.database.path.name} would be past the limits "
                                f"of a document ({too_big}). ไม่ได้นำเข้า "
                                "เพราะเอกสารจะใหญ่เกินกำหนด (เอกสารไม่ถูกเปลี่ยนแปลง)")

    def save_year(self, plan: YearPlan) -> None:
        with self.database.transaction():
            year_id = self.ensure_year(plan.fiscal_year, plan.indicators or None)
            if plan.indicators:
                stored = {i.number: i.id for i in self.indicators(year_id)}
                for ind in plan.indicators:
                    ind.id = stored.get(ind.number, ind.id)
                    self.save_indicator(year_id, ind)
            if plan.assessment is not None:
                self.save_assessment(year_id, plan.assessment)
            for measure in plan.measures:
                self.save_measure(year_id, measure)
            if plan.signatories:
                self.save_signatories(year_id, plan.signatories)
            for doc_text in plan.texts:
                self.save_text(year_id, doc_text)
            for publication in plan.publications:
                self.save_publication(year_id, publication)


def _new_id() -> str:
    from ita_desktop.domain.model import new_id

    return new_id()
