"""Read and validate `ita-desktop/1` and `ita-desktop/2` JSON into domain objects, all of it before anything
is written.

Version 2 (DESIGN §9) adds keys for what real documents hold; version 1 is read as before, relaxed only where
real documents need it: a measure may name no indicator or several (`"indicator": [2, 3]`), and a step may have
several entries in one round (kept in file order). A version-2 key in a version-1 file is still an error.

Errors name the path of the bad field (``years[0].measures[3].end``). Oddities real documents carry
(a date just outside the fiscal year, a whole sentence as a unit, Thai digits in text) are warnings at most,
and the text is kept exactly as typed.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

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
from ita_desktop.domain.profiles import DATE_STYLES, GROUPINGS, ExportProfile, ProfileColumn
from ita_desktop.domain.publications import Publication, publication_shape_problem
from ita_desktop.domain.questions import normal_code
from ita_desktop.domain.validation import has_unsafe_scheme, is_valid_url, year_problems
from ita_desktop.errors import ValidationError
from ita_desktop.interchange.limits import MAX_TEXT_CHARS, MAX_WHOLE_NUMBER
from ita_desktop.thai.calendar import ROUNDS

FORMAT_V1 = "ita-desktop/1"
FORMAT = "ita-desktop/2"  # what export writes
FORMATS = (FORMAT_V1, FORMAT)

# Known indicator numbers of a fiscal year in the target file, or None when the file lacks that year.
CatalogueLookup = Callable[[int], set[int] | None]


class _Reader:
    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.seen: dict[tuple[str, str], str] = {}  # (kind, id) → path of its first use
        self.version = 2

    def keys(self, v1: set[str], v2: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
        """The keys an object may have in the file's format version."""
        return v1 | v2 if self.version >= 2 else v1

    def v2_only(self, value: Any, path: str, v2: set[str]) -> None:
        """A version-2 key in a version-1 file: say so (it is not silently dropped)."""
        if self.version < 2 and isinstance(value, dict):
            for key in value:
                if key in v2:
                    raise ValidationError(f"{path}.{key}" if path else key,
                                          f"is a key of {FORMAT}; this file says {FORMAT_V1}")

    def claim(self, kind: str, row_id: str, path: str) -> str:
        """An id names one row of the document: the same id twice would make one row overwrite another."""
        if not row_id.strip():
            raise ValidationError(path, "must not be empty")
        first = self.seen.setdefault((kind, row_id), path)
        if first != path:
            raise ValidationError(path, f"id {row_id!r} is already used at {first}")
        return row_id

    # -- primitives ----------------------------------------------------------------------------------------
    @staticmethod
    def obj(value: Any, path: str, allowed: set[str], required: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
        if not isinstance(value, dict):
            raise ValidationError(path, "must be an object / ต้องเป็น object")
        for key in value:
            if key not in allowed:
                raise ValidationError(f"{path}.{key}" if path else key,
                                      f"unknown key (allowed: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in value:
                raise ValidationError(f"{path}.{key}" if path else key, "is required / ต้องมีค่า")
        return value

    @staticmethod
    def array(value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise ValidationError(path, "must be a list / ต้องเป็นรายการ")
        return value

    @staticmethod
    def text(value: Any, path: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ValidationError(path, "must be text / ต้องเป็นข้อความ")
        if len(value) > MAX_TEXT_CHARS:
            raise ValidationError(path, f"is {len(value):,} characters long, more than the limit of "
                                        f"{MAX_TEXT_CHARS:,} for one text / ข้อความยาวเกินไป")
        if "\x00" in value:
            raise ValidationError(path, "holds a NUL character (a damaged or pasted binary text) / มีอักขระที่ใช้ไม่ได้")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(path, "holds half of a character (a lone surrogate) / มีอักขระที่ไม่สมบูรณ์") from None
        return unicodedata.normalize("NFC", value)

    def links(self, value: Any, path: str) -> list[str]:
        """Evidence links: text, and never a scheme a browser would run or open locally (javascript:, file:)."""
        found = self.texts(value, path)
        for i, link in enumerate(found):
            if has_unsafe_scheme(link):
                raise ValidationError(f"{path}[{i}]", f"{link[:40]!r} is not a web link (only http:// and https://) "
                                                      "/ ลิงก์หลักฐานต้องขึ้นต้นด้วย http:// หรือ https://")
        return found

    @staticmethod
    def integer(value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(path, f"must be a whole number, not {value!r}")
        if not -MAX_WHOLE_NUMBER <= value <= MAX_WHOLE_NUMBER:
            raise ValidationError(path, f"{value} is far too large (the limit is {MAX_WHOLE_NUMBER:,}) "
                                        "/ ตัวเลขใหญ่เกินไป")
        return value

    @staticmethod
    def number(value: Any, path: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ValidationError(path, f"must be a number, not {value!r}")
        if not 0 <= value <= 100:
            raise ValidationError(path, f"score {value} is outside 0–100")
        return float(value)

    @staticmethod
    def day(value: Any, path: str) -> date | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValidationError(path, f"must be a date YYYY-MM-DD, not {value!r}")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValidationError(path, f"bad date {value!r} (expected YYYY-MM-DD, Gregorian) / วันที่ไม่ถูกต้อง")\
                from None

    def rounds(self, value: Any, path: str) -> list[int]:
        out = []
        for i, r in enumerate(self.array(value, path)):
            if r not in ROUNDS or isinstance(r, bool):
                raise ValidationError(f"{path}[{i}]", f"round must be one of 3, 6, 9, 12, not {r!r}")
            out.append(int(r))
        return out

    def texts(self, value: Any, path: str) -> list[str]:
        return [self.text(v, f"{path}[{i}]") for i, v in enumerate(self.array(value, path))]

    # -- document ------------------------------------------------------------------------------------------
    def document(self, data: Any, catalogue: CatalogueLookup) -> Document:
        if not isinstance(data, dict) or data.get("format") not in FORMATS:
            self.obj(data, "", {"format", "organization", "units", "years", "id", "profiles"}, {"format"})
            raise ValidationError("format", f"must be {FORMAT!r} or {FORMAT_V1!r}, not {data['format']!r}")
        self.version = 1 if data["format"] == FORMAT_V1 else 2
        self.v2_only(data, "", {"profiles"})
        root = self.obj(data, "", self.keys({"format", "organization", "units", "years", "id"}, {"profiles"}),
                        {"format"})
        org = self.obj(root.get("organization", {}), "organization",
                       {"name", "kind", "district", "province", "address", "phone", "website"})
        doc = Document(
            organization=Organization(**{k: self.text(v, f"organization.{k}") for k, v in org.items()}),
            units=self.texts(root.get("units", []), "units"),
        )
        seen: set[int] = set()
        for yi, year in enumerate(self.array(root.get("years", []), "years")):
            plan = self.year(year, f"years[{yi}]", catalogue)
            if plan.fiscal_year in seen:
                raise ValidationError(f"years[{yi}].fiscal_year", f"fiscal year {plan.fiscal_year} appears twice")
            seen.add(plan.fiscal_year)
            doc.years.append(plan)
        for i, v in enumerate(self.array(root.get("profiles", []), "profiles")):
            profile = self.profile(v, f"profiles[{i}]")
            twice = next((j for j, p in enumerate(doc.profiles)
                          if (p.document, p.layout) == (profile.document, profile.layout)), None)
            if twice is not None:
                raise ValidationError(f"profiles[{i}]", f"the {profile.document} layout {profile.layout} profile "
                                      f"is already given at profiles[{twice}]")
            doc.profiles.append(profile)
        return doc

    def profile(self, data: Any, path: str) -> ExportProfile:
        """An export profile: {"document", "layout", "columns": [{"key", "header", "hidden"}], "grouping", …}."""
        d = self.obj(data, path, {"id", "document", "layout", "columns", "grouping", "date_style",
                                  "show_unreported"}, {"document", "layout"})
        columns = []
        for i, c in enumerate(self.array(d.get("columns", []), f"{path}.columns")):
            p = f"{path}.columns[{i}]"
            c = self.obj(c, p, {"key", "header", "hidden"}, {"key"})
            hidden = c.get("hidden", False)
            if not isinstance(hidden, bool):
                raise ValidationError(f"{p}.hidden", f"must be true or false, not {hidden!r}")
            columns.append(ProfileColumn(self.text(c["key"], f"{p}.key"), self.text(c.get("header"), f"{p}.header"),
                                         hidden))
        for key, allowed in (("grouping", GROUPINGS), ("date_style", DATE_STYLES)):
            if d.get(key) is not None and d[key] not in allowed:
                raise ValidationError(f"{path}.{key}", f"must be one of {', '.join(allowed)} or null, "
                                      f"not {d[key]!r}")
        show = d.get("show_unreported")
        if show is not None and not isinstance(show, bool):
            raise ValidationError(f"{path}.show_unreported", f"must be true, false or null, not {show!r}")
        document, layout = d["document"], self.integer(d["layout"], f"{path}.layout")
        if document not in DOCUMENTS:
            raise ValidationError(f"{path}.document", f"must be one of {', '.join(DOCUMENTS)}, not {document!r}")
        try:
            profile = ExportProfile(document=document, layout=layout, columns=columns, grouping=d.get("grouping"),
                                    date_style=d.get("date_style"), show_unreported=show)
        except ValueError as exc:  # the layout is not one of the document's, or a column is not the layout's
            field = "layout" if str(exc).startswith("layout") else "columns"
            raise ValidationError(f"{path}.{field}", str(exc)) from None
        if d.get("id") is not None:
            profile.id = self.claim("profile", self.text(d["id"], f"{path}.id"), f"{path}.id")
        return profile

    def year(self, data: Any, path: str, catalogue: CatalogueLookup) -> YearPlan:
        self.v2_only(data, path, {"texts", "publications"})
        y = self.obj(data, path, self.keys({"fiscal_year", "indicators", "assessment", "measures", "signatories"},
                                           {"texts", "publications"}), {"fiscal_year"})
        fy = self.integer(y["fiscal_year"], f"{path}.fiscal_year")
        if not 2400 <= fy <= 2700:
            raise ValidationError(f"{path}.fiscal_year", f"{fy} is not a Buddhist-era year (e.g. 2567)")
        plan = YearPlan(fiscal_year=fy)
        if "indicators" in y:
            plan.indicators = [self.indicator(v, f"{path}.indicators[{i}]")
                               for i, v in enumerate(self.array(y["indicators"], f"{path}.indicators"))]
        known = ({i.number for i in plan.indicators} if plan.indicators else catalogue(fy)) or {
            i.number for i in default_indicators()}
        if y.get("assessment") is not None:
            plan.assessment = self.assessment(y["assessment"], f"{path}.assessment", known)
        plan.measures = [self.measure(v, f"{path}.measures[{i}]", known)
                         for i, v in enumerate(self.array(y.get("measures", []), f"{path}.measures"))]
        plan.signatories = [self.signatory(v, f"{path}.signatories[{i}]")
                            for i, v in enumerate(self.array(y.get("signatories", []), f"{path}.signatories"))]
        for i, v in enumerate(self.array(y.get("texts", []), f"{path}.texts")):
            doc_text = self.doc_text(v, f"{path}.texts[{i}]")
            twice = next((j for j, t in enumerate(plan.texts)
                          if (t.document, t.round, t.part) == (doc_text.document, doc_text.round, doc_text.part)), None)
            if twice is not None:
                raise ValidationError(f"{path}.texts[{i}]", f"{doc_text.document} {doc_text.part} "
                                      f"(round {doc_text.round}) is already given at {path}.texts[{twice}]")
            plan.texts.append(doc_text)
        for i, v in enumerate(self.array(y.get("publications", []), f"{path}.publications")):
            publication = self.publication(v, f"{path}.publications[{i}]")
            twice = next((j for j, p in enumerate(plan.publications) if p.key == publication.key), None)
            if twice is not None:
                raise ValidationError(f"{path}.publications[{i}]", f"{publication.document} (round "
                                      f"{publication.round}) is already given at {path}.publications[{twice}]")
            plan.publications.append(publication)
        for where, problem in year_problems(plan):
            if problem.severity == "warning":
                self.warnings.append(f"{path}.{where}.{problem.field}: {problem.english}")
        return plan

    def indicator(self, data: Any, path: str) -> Indicator:
        d = self.obj(data, path, {"number", "tool", "name", "id"}, {"number", "tool", "name"})
        tool = d["tool"]
        if tool not in {t.value for t in Tool}:
            raise ValidationError(f"{path}.tool", f"must be IIT, EIT or OIT, not {tool!r}")
        ind = Indicator(number=self.integer(d["number"], f"{path}.number"), tool=Tool(tool),
                        name=self.text(d["name"], f"{path}.name"))
        if d.get("id") is not None:
            ind.id = self.claim("indicator", self.text(d["id"], f"{path}.id"), f"{path}.id")
        return ind

    def assessment(self, data: Any, path: str, known: set[int]) -> Assessment:
        self.v2_only(data, path, {"questions"})
        d = self.obj(data, path, self.keys({"year", "total", "level", "tools", "indicators", "id"}, {"questions"}))
        tools_raw = self.obj(d.get("tools", {}), f"{path}.tools", {"IIT", "EIT", "OIT"})
        a = Assessment(
            year=None if d.get("year") is None else self.integer(d["year"], f"{path}.year"),
            total=self.number(d.get("total"), f"{path}.total"),
            level=self.text(d.get("level"), f"{path}.level"),
            tools={Tool(k): self.number(v, f"{path}.tools.{k}") for k, v in tools_raw.items()},
        )
        if d.get("id") is not None:
            a.id = self.claim("assessment", self.text(d["id"], f"{path}.id"), f"{path}.id")
        if a.level and a.level not in {"AA", "A", "B", "C", "D", "E", "F"}:
            raise ValidationError(f"{path}.level", f"level must be AA, A, B, C, D, E or F, not {a.level!r}")
        for i, s in enumerate(self.array(d.get("indicators", []), f"{path}.indicators")):
            p = f"{path}.indicators[{i}]"
            self.v2_only(s, p, {"verdict"})
            s = self.obj(s, p, self.keys({"number", "score", "note", "id"}, {"verdict"}), {"number"})
            number = self.integer(s["number"], f"{p}.number")
            if number not in known:
                raise ValidationError(f"{p}.number", f"unknown indicator {number}")
            if any(earlier.number == number for earlier in a.indicators):
                raise ValidationError(f"{p}.number", f"indicator {number} is scored twice")
            score = IndicatorScore(number=number, score=self.number(s.get("score"), f"{p}.score"),
                                   note=self.text(s.get("note"), f"{p}.note"),
                                   verdict=self.text(s.get("verdict"), f"{p}.verdict"))
            if s.get("id") is not None:
                score.id = self.claim("score", self.text(s["id"], f"{p}.id"), f"{p}.id")
            a.indicators.append(score)
        for i, q in enumerate(self.array(d.get("questions", []), f"{path}.questions")):
            a.questions.append(self.question(q, f"{path}.questions[{i}]", a.questions))
        return a

    def question(self, data: Any, path: str, earlier: list[QuestionScore]) -> QuestionScore:
        q = self.obj(data, path, {"code", "score", "text", "id"}, {"code"})
        try:
            code = normal_code(self.text(q["code"], f"{path}.code"))
        except ValueError:
            raise ValidationError(f"{path}.code", f"{str(q['code'])[:20]!r} is not a question code such as i1, e5 "
                                                  "or o43 (รหัสข้อคำถามไม่ถูกต้อง)") from None
        if any(e.code == code for e in earlier):
            raise ValidationError(f"{path}.code", f"question {code} is scored twice")
        found = QuestionScore(code=code, score=self.number(q.get("score"), f"{path}.score"),
                              text=self.text(q.get("text"), f"{path}.text"))
        if q.get("id") is not None:
            found.id = self.claim("question", self.text(q["id"], f"{path}.id"), f"{path}.id")
        return found

    def measure(self, data: Any, path: str, known: set[int]) -> Measure:
        v2 = {"indicators", "group", "timeframe_text"}
        self.v2_only(data, path, v2)
        d = self.obj(data, path, self.keys({"id", "indicator", "issue", "title", "guideline", "steps", "units",
                                            "start", "end", "monitoring", "rounds", "progress"}, v2))
        if "indicator" in d and "indicators" in d:
            raise ValidationError(f"{path}.indicator", "give either indicator or indicators, not both")
        key = "indicators" if "indicators" in d else "indicator"
        m = Measure(
            indicators=self.indicator_numbers(d.get(key), f"{path}.{key}", known,
                                              single_allowed=key == "indicator"),
            group=self.text(d.get("group"), f"{path}.group"),
            timeframe_text=self.text(d.get("timeframe_text"), f"{path}.timeframe_text"),
            issue=self.text(d.get("issue"), f"{path}.issue"),
            title=self.text(d.get("title"), f"{path}.title"),
            guideline=self.text(d.get("guideline"), f"{path}.guideline"),
            units=self.texts(d.get("units", []), f"{path}.units"),
            start=self.day(d.get("start"), f"{path}.start"), end=self.day(d.get("end"), f"{path}.end"),
            monitoring=self.text(d.get("monitoring"), f"{path}.monitoring"),
            rounds=self.rounds(d.get("rounds", []), f"{path}.rounds"),
        )
        if d.get("id") is not None:
            m.id = self.claim("measure", self.text(d["id"], f"{path}.id"), f"{path}.id")
        if m.start and m.end and m.end < m.start:
            raise ValidationError(f"{path}.end", f"end {m.end} is before start {m.start} / วันสิ้นสุดก่อนวันเริ่ม")
        for i, s in enumerate(self.array(d.get("steps", []), f"{path}.steps")):
            p = f"{path}.steps[{i}]"
            self.v2_only(s, p, {"timeframe_text"})
            s = self.obj(s, p, self.keys({"text", "due", "id"}, {"timeframe_text"}), {"text"})
            step = Step(text=self.text(s["text"], f"{p}.text"), due=self.day(s.get("due"), f"{p}.due"),
                        timeframe_text=self.text(s.get("timeframe_text"), f"{p}.timeframe_text"))
            if s.get("id") is not None:
                step.id = self.claim("step", self.text(s["id"], f"{p}.id"), f"{p}.id")
            m.steps.append(step)
        # Several entries for one step in one round are what offices write (done on 1 Dec, again on 27 Jan):
        # all are kept, in the file's order.
        for i, pr in enumerate(self.array(d.get("progress", []), f"{path}.progress")):
            m.progress.append(self.progress(pr, f"{path}.progress[{i}]", len(m.steps)))
        return m

    def indicator_numbers(self, value: Any, path: str, known: set[int], *, single_allowed: bool) -> list[int]:
        """0..n indicator numbers: a list (or, for v1's `indicator`, one number); none means no indicator."""
        if value is None:
            return []
        values = [value] if single_allowed and not isinstance(value, list) else self.array(value, path)
        numbers: list[int] = []
        for i, v in enumerate(values):
            where = f"{path}[{i}]" if isinstance(value, list) else path
            number = self.integer(v, where)
            if number not in known:
                raise ValidationError(where, f"unknown indicator {number} (this year has {sorted(known)})")
            if number in numbers:
                raise ValidationError(where, f"indicator {number} is named twice")
            numbers.append(number)
        return numbers

    def doc_text(self, data: Any, path: str) -> DocText:
        d = self.obj(data, path, {"document", "round", "part", "text", "id"}, {"document", "part"})
        document, part, round_ = d["document"], d["part"], d.get("round")
        if document not in DOCUMENTS:
            raise ValidationError(f"{path}.document", f"must be one of {', '.join(DOCUMENTS)}, not {document!r}")
        if part not in TEXT_PARTS:
            raise ValidationError(f"{path}.part", f"must be one of {', '.join(TEXT_PARTS)}, not {part!r}")
        if round_ is not None and (round_ not in ROUNDS or isinstance(round_, bool)):
            raise ValidationError(f"{path}.round", f"round must be one of 3, 6, 9, 12 or null, not {round_!r}")
        found = DocText(document=document, part=part, round=None if round_ is None else int(round_),
                        text=self.text(d.get("text"), f"{path}.text"))
        if d.get("id") is not None:
            found.id = self.claim("text", self.text(d["id"], f"{path}.id"), f"{path}.id")
        return found

    def publication(self, data: Any, path: str) -> Publication:
        d = self.obj(data, path, {"document", "round", "item", "url", "published_on", "id"}, {"document"})
        problem = publication_shape_problem(d["document"], d.get("round"))
        if problem:
            raise ValidationError(f"{path}.round" if d["document"] in DOCUMENTS else f"{path}.document", problem)
        url = self.text(d.get("url"), f"{path}.url").strip()
        if url and not is_valid_url(url):
            raise ValidationError(f"{path}.url", f"{url[:40]!r} is not a web address (only http:// and https:// "
                                                 "with a host) / ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://")
        found = Publication(document=d["document"], round=d.get("round"), url=url,
                            item=self.text(d.get("item"), f"{path}.item").strip(),
                            published_on=self.day(d.get("published_on"), f"{path}.published_on"))
        if d.get("id") is not None:
            found.id = self.claim("publication", self.text(d["id"], f"{path}.id"), f"{path}.id")
        return found

    def progress(self, data: Any, path: str, step_count: int) -> Progress:
        d = self.obj(data, path, {"round", "step", "status", "done_on", "result", "outcome", "evidence_urls",
                                  "id"}, {"round"})
        round_ = d["round"]
        if round_ not in ROUNDS or isinstance(round_, bool):
            raise ValidationError(f"{path}.round", f"round must be one of 3, 6, 9, 12, not {round_!r}")
        step = d.get("step")
        if step is not None:
            step = self.integer(step, f"{path}.step")
            if not 1 <= step <= step_count:
                raise ValidationError(f"{path}.step", f"step {step} does not exist (the measure has {step_count})")
        status = d.get("status", "planned")
        if status not in {s.value for s in Status}:
            raise ValidationError(f"{path}.status",
                                  f"status must be planned, in_progress or done, not {status!r}")
        pr = Progress(round=int(round_), step=step, status=Status(status),
                      done_on=self.day(d.get("done_on"), f"{path}.done_on"),
                      result=self.text(d.get("result"), f"{path}.result"),
                      outcome=self.text(d.get("outcome"), f"{path}.outcome"),
                      evidence_urls=self.links(d.get("evidence_urls", []), f"{path}.evidence_urls"))
        if d.get("id") is not None:
            pr.id = self.claim("progress", self.text(d["id"], f"{path}.id"), f"{path}.id")
        return pr

    def signatory(self, data: Any, path: str) -> Signatory:
        self.v2_only(data, path, {"signed_name", "date"})
        d = self.obj(data, path, self.keys({"role", "name", "position", "id"}, {"signed_name", "date"}), {"role"})
        sig = Signatory(role=self.text(d["role"], f"{path}.role"), name=self.text(d.get("name"), f"{path}.name"),
                        position=self.text(d.get("position"), f"{path}.position"),
                        signed_name=self.text(d.get("signed_name"), f"{path}.signed_name"),
                        signed_on=self.day(d.get("date"), f"{path}.date"))
        if d.get("id") is not None:
            sig.id = self.claim("signatory", self.text(d["id"], f"{path}.id"), f"{path}.id")
        return sig


def read_document(data: Any, catalogue: CatalogueLookup = lambda _fy: None) -> tuple[Document, list[str]]:
    """Validate parsed JSON and build the document; returns it with warnings. Raises ValidationError."""
    reader = _Reader()
    return reader.document(data, catalogue), reader.warnings
