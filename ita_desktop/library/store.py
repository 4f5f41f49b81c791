"""Reading, searching and adapting the library of measures, and keeping the office's own.

The shipped file is ``measures.json`` beside this module (``format``, ``version``, ``sources`` and
``measures``); each entry names its source: the kind of office whose published plan it came from, or that it
was written from the NACC's description of the indicator. Texts may say ``{office}``: a measure put into a plan
names the office there, and its units are the document's own names for them.

The office's library is ``measures-library.json`` in the user data folder. It is read defensively: a damaged
file, or a damaged entry, is reported and left out, never a crash; it is only ever rewritten whole, atomically.
"""

from __future__ import annotations

import copy
import difflib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ita_desktop.domain.catalogue import DEFAULT_INDICATORS
from ita_desktop.domain.model import Measure, Step, Tool
from ita_desktop.thai.calendar import fiscal_year_range

LIBRARY_FORMAT = "ita-desktop-library/1"
OFFICE_FORMAT = "ita-desktop-office-library/1"
OFFICE_LIBRARY_NAME = "measures-library.json"
OFFICE_SOURCE = "คลังมาตรการของหน่วยงาน (the office's own library)"
OFFICE_PLACEHOLDER = "{office}"
TEXT_FIELDS = ("title", "issue", "guideline", "monitoring")
ROUNDS = (3, 6, 9, 12)
TOOL_OF: dict[int, Tool] = {n: t for n, t, _ in DEFAULT_INDICATORS}


@dataclass
class LibraryMeasure:
    """One measure of the library, as offices write it (texts may hold ``{office}``)."""

    indicator: int | None
    title: str
    issue: str = ""
    guideline: str = ""
    steps: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    monitoring: str = ""
    rounds: list[int] = field(default_factory=list)
    source: str = ""  # where it came from, in words
    own: bool = False  # the office's own library

    @property
    def tool(self) -> Tool | None:
        return TOOL_OF.get(self.indicator) if self.indicator is not None else None

    def as_json(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "title": self.title, "issue": self.issue, "guideline": self.guideline,
                "steps": list(self.steps), "units": list(self.units), "monitoring": self.monitoring,
                "rounds": list(self.rounds), "source": self.source, "own": self.own}

    def text(self) -> str:
        """Everything searchable, one string."""
        return "\n".join([self.title, self.issue, self.guideline, *self.steps, *self.units, self.monitoring])

    def to_measure(self, office: str = "", units: list[str] | None = None, fiscal_year: int | None = None) -> Measure:
        """A new plan measure from this entry: the office named where the text says {office}, the units as the
        document calls them, the whole fiscal year as its timeframe."""
        name = office.strip() or "หน่วยงาน"

        def fill(text: str) -> str:
            return text.replace(OFFICE_PLACEHOLDER, name)

        start, end = fiscal_year_range(fiscal_year) if fiscal_year else (None, None)
        return Measure(
            indicators=[self.indicator] if self.indicator is not None else [], title=fill(self.title),
            issue=fill(self.issue), guideline=fill(self.guideline), steps=[Step(fill(s)) for s in self.steps],
            units=adapt_units(self.units, units or []), start=start, end=end, monitoring=fill(self.monitoring),
            rounds=list(self.rounds) or [6, 12])


def adapt_units(wanted: list[str], document_units: list[str]) -> list[str]:
    """The library's units as the document names them ('สำนักปลัด' → 'สำนักปลัดเทศบาล'); a unit the document
    has nothing like is kept only when none matched at all (so a measure is never left without a unit)."""
    if not document_units:
        return list(wanted)
    found: list[str] = []
    for unit in wanted:
        match = next((d for d in document_units if d == unit), None) or next(
            (d for d in document_units if d.startswith(unit) or unit.startswith(d)), None)
        if match is None:
            close = difflib.get_close_matches(unit, document_units, n=1, cutoff=0.8)
            match = close[0] if close else None
        if match is not None and match not in found:
            found.append(match)
    return found or list(wanted)


def normal_title(title: str) -> str:
    """A title as compared for 'already in the plan': no spacing or case differences."""
    return "".join(title.split()).casefold()


# -- reading ---------------------------------------------------------------------------------------------------
def _entry(raw: object, where: str, sources: dict[str, str] | None) -> LibraryMeasure:
    """One entry, checked; ValueError says what is wrong. ``sources`` None: the office's (looser) entries."""
    if not isinstance(raw, dict):
        raise ValueError(f"{where} is not an object")
    indicator = raw.get("indicator")
    if indicator is not None and (isinstance(indicator, bool) or not isinstance(indicator, int)
                                  or not 1 <= indicator <= 99):
        raise ValueError(f"{where}.indicator must be a number 1–99")
    texts: dict[str, str] = {}
    for name in TEXT_FIELDS:
        value = raw.get(name, "")
        if not isinstance(value, str):
            raise ValueError(f"{where}.{name} must be text")
        texts[name] = value.strip()
    lists: dict[str, list[str]] = {}
    for name in ("steps", "units"):
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{where}.{name} must be a list of texts")
        lists[name] = [v.strip() for v in value if v.strip()]
    rounds = raw.get("rounds", [])
    if not isinstance(rounds, list) or any(isinstance(r, bool) or r not in ROUNDS for r in rounds):
        raise ValueError(f"{where}.rounds must be a list of 3, 6, 9, 12")
    if not texts["title"] and not texts["issue"]:
        raise ValueError(f"{where} has neither a title nor an issue")
    if sources is not None:
        source = raw.get("source")
        if not isinstance(source, str) or source not in sources:
            raise ValueError(f"{where}.source must name one of the file's sources")
        source_text = sources[source]
    else:
        source_text = OFFICE_SOURCE
    return LibraryMeasure(indicator=indicator, title=texts["title"], issue=texts["issue"],
                          guideline=texts["guideline"], steps=lists["steps"], units=lists["units"],
                          monitoring=texts["monitoring"], rounds=sorted(set(rounds)), source=source_text,
                          own=sources is None)


def parse_shipped(data: object) -> tuple[int, list[LibraryMeasure]]:
    """(version, measures) of a shipped library file's JSON; ValueError if anything is wrong."""
    if not isinstance(data, dict) or data.get("format") != LIBRARY_FORMAT:
        raise ValueError(f"not an {LIBRARY_FORMAT} file")
    version, sources, measures = data.get("version"), data.get("sources"), data.get("measures")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValueError("version must be a number")
    if not isinstance(sources, dict) or not all(isinstance(v, str) and v for v in sources.values()):
        raise ValueError("sources must map names to descriptions")
    if not isinstance(measures, list):
        raise ValueError("measures must be a list")
    return version, [_entry(m, f"measures[{i}]", sources) for i, m in enumerate(measures)]


@lru_cache(maxsize=1)
def _shipped() -> tuple[int, tuple[LibraryMeasure, ...]]:
    text = resources.files("ita_desktop.library").joinpath("measures.json").read_text(encoding="utf-8")
    version, measures = parse_shipped(json.loads(text))
    return version, tuple(measures)


def shipped() -> list[LibraryMeasure]:
    """The measures shipping with the app (copies: callers may change them)."""
    return [copy.deepcopy(m) for m in _shipped()[1]]


def shipped_version() -> int:
    return _shipped()[0]


def office_library_path() -> Path:
    from ita_desktop.paths import data_dir

    return data_dir() / OFFICE_LIBRARY_NAME


def load_office(path: Path | None = None) -> tuple[list[LibraryMeasure], list[str]]:
    """The office's own measures and what was wrong with the file (a damaged file or entry is left out)."""
    from ita_desktop.errors import UserError
    from ita_desktop.interchange.limits import parse_json

    path = path or office_library_path()
    if not path.exists():
        return [], []
    try:
        data = parse_json(path)
    except (UserError, OSError) as exc:
        message = exc.message if isinstance(exc, UserError) else str(exc)
        return [], [f"คลังมาตรการของหน่วยงานอ่านไม่ได้ (the office library cannot be read): {message}"]
    if not isinstance(data, dict) or data.get("format") != OFFICE_FORMAT or not isinstance(data.get("measures"),
                                                                                           list):
        return [], [f"{path} is not an office library of measures ({OFFICE_FORMAT}); it was not used. "
                    "ไฟล์คลังมาตรการของหน่วยงานไม่ถูกต้อง"]
    measures: list[LibraryMeasure] = []
    problems: list[str] = []
    for i, raw in enumerate(data["measures"]):
        try:
            measures.append(_entry(raw, f"measures[{i}]", None))
        except ValueError as exc:
            problems.append(f"{path.name}: {exc}; that entry was left out. มาตรการนี้ในคลังไม่ถูกต้อง")
    return measures, problems


def all_measures(office_path: Path | None = None) -> tuple[list[LibraryMeasure], list[str]]:
    """The office's own measures first (marked ``own``), then the shipped ones; and any problem reading."""
    own, problems = load_office(office_path)
    return own + shipped(), problems


def find(measures: list[LibraryMeasure], indicator: int | None = None, words: str = "",
         tool: Tool | None = None) -> list[LibraryMeasure]:
    """The measures of an indicator (and/or tool) holding every word searched for (Thai has no spaces between
    words, so each word is looked for as it is typed)."""
    terms = [w.casefold() for w in words.split()]
    return [m for m in measures
            if (indicator is None or m.indicator == indicator) and (tool is None or m.tool == tool)
            and all(t in m.text().casefold() for t in terms)]


# -- the office's library --------------------------------------------------------------------------------------
def from_measure(measure: Measure, office: str = "") -> LibraryMeasure:
    """A plan measure as an entry of the office's library (the office's name kept as {office}, so the entry
    still reads right if the name is corrected later)."""
    name = office.strip()

    def generic(text: str) -> str:
        return text.replace(name, OFFICE_PLACEHOLDER) if len(name) > 3 else text

    return LibraryMeasure(
        indicator=measure.indicator, title=generic(measure.title.strip()), issue=generic(measure.issue.strip()),
        guideline=generic(measure.guideline.strip()),
        steps=[generic(s.text.strip()) for s in measure.steps if s.text.strip()],
        units=[u for u in measure.units if u.strip()], monitoring=generic(measure.monitoring.strip()),
        rounds=sorted({r for r in measure.rounds if r in ROUNDS}), source=OFFICE_SOURCE, own=True)


def save_to_office(measure: Measure, office: str = "", path: Path | None = None) -> tuple[LibraryMeasure, bool]:
    """Keep a measure of the plan in the office's library; one with the same title (and indicator) is replaced.
    Returns (the entry, True when it replaced one). A damaged library file is set aside, not lost."""
    from ita_desktop.errors import UserError
    from ita_desktop.services.documents import write_atomically

    entry = from_measure(measure, office)
    if not entry.title and not entry.issue:
        raise UserError("มาตรการนี้ยังไม่มีชื่อหรือประเด็น จึงยังบันทึกไว้ในคลังไม่ได้ (the measure has no title or issue).")
    path = path or office_library_path()
    own, problems = load_office(path)
    if problems and path.exists():  # what could not be read is set aside for whoever wants to look, not lost
        import shutil

        shutil.copyfile(path, path.with_name(f"{path.stem}.damaged{path.suffix}"))
    key = (entry.indicator, normal_title(entry.title or entry.issue))
    kept = [m for m in own if (m.indicator, normal_title(m.title or m.issue)) != key]
    replaced = len(kept) != len(own)
    records = []
    for m in [*kept, entry]:
        record = m.as_json()
        del record["source"], record["own"]
        records.append(record)
    payload = {"format": OFFICE_FORMAT, "measures": records}
    write_atomically(path, json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8"))
    return entry, replaced
