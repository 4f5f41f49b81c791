"""What a stored value may be, column by column: the rules a file from elsewhere is held to before any of it
touches the local document (merge, bring-in, restore).

The schema alone proves little: SQLite stores any value in any column, so a copy with the right tables can
still hold a status "hacked", a round "six", a date 2023-02-30, a year 99999, a score of infinity, a NUL in a
title, a `javascript:` link or a step of a measure that does not exist. Each of those would break the local
document later (check, export, editing). The rules are those of the interchange reader (types, enums,
dates, ranges, references) applied to stored rows, deleted ones included (a conflict choice can bring one
back). Pure functions over the rows as read; no SQL here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from ita_desktop.domain.model import DOCUMENTS, TEXT_PARTS, Status, Tool
from ita_desktop.domain.profiles import COLUMN_KEYS, DATE_STYLES, GROUPINGS, PROFILE_LAYOUTS
from ita_desktop.domain.publications import publication_shape_problem
from ita_desktop.domain.questions import is_code
from ita_desktop.domain.validation import has_unsafe_scheme, is_valid_url
from ita_desktop.storage.schema import TABLES

Rows = dict[str, dict[str, dict[str, Any]]]  # table -> id -> row
ROUNDS = (3, 6, 9, 12)
LEVELS = ("", "AA", "A", "B", "C", "D", "E", "F")
MAX_TEXT = 1_000_000
MAX_ORDER = 1e12
BE_YEARS = range(2400, 2701)
INDICATOR_NUMBERS = range(1, 100)
# Which table a reference column points into (the row must exist in the same file, deleted or not).
REFERENCES = {
    ("indicators", "year_id"): "fiscal_years", ("assessments", "year_id"): "fiscal_years",
    ("indicator_scores", "assessment_id"): "assessments", ("measures", "year_id"): "fiscal_years",
    ("steps", "measure_id"): "measures", ("progress", "measure_id"): "measures",
    ("signatories", "year_id"): "fiscal_years", ("texts", "year_id"): "fiscal_years",
    ("publications", "year_id"): "fiscal_years", ("question_scores", "assessment_id"): "assessments",
}

Check = Callable[[Any], str | None]  # None when the value is fine, else what is wrong with it


def _int_in(allowed: range | tuple[int, ...], *, required: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if value is None:
            return "is missing" if required else None
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            return f"{_show(value)} is not allowed here"
        return None
    return check


def _one_of(allowed: tuple[str, ...], *, required: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if value is None:
            return "is missing" if required else None
        return None if value in allowed else f"{_show(value)} is not one of {', '.join(a for a in allowed if a)}"
    return check


def _score(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return f"{_show(value)} is not a number"
    return None if 0 <= value <= 100 else f"score {_show(value)} is outside 0–100"


def _day(value: Any) -> str | None:
    if value in (None, ""):
        return None
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return f"{_show(value)} is not a date (YYYY-MM-DD)"
    return None if isinstance(value, str) else f"{_show(value)} is not a date (YYYY-MM-DD)"


def _json_list(item: Check) -> Check:
    def check(value: Any) -> str | None:
        if value in (None, ""):
            return None
        try:
            loaded = json.loads(value) if isinstance(value, str) else None
        except ValueError:
            loaded = None
        if not isinstance(loaded, list):
            return f"{_show(value)} is not a list"
        return next((f"item {_show(v)}: {problem}" for v in loaded if (problem := item(v))), None)
    return check


def _text_item(value: Any) -> str | None:
    return "is not text" if not isinstance(value, str) else _text(value)


def _link(value: Any) -> str | None:
    problem = _text_item(value)
    if problem is None and has_unsafe_scheme(value):
        return f"{_show(value)} is not a web link (only http:// and https:// are allowed)"
    return problem


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return f"{_show(value)} is not text"
    if "\x00" in value:
        return "holds a NUL character"
    return "is far too long" if len(value) > MAX_TEXT else None


def _order(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not -MAX_ORDER <= value <= MAX_ORDER:
        return f"{_show(value)} is not a position"
    return None


def _number(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return f"{_show(value)} is not a number"
    return None


def _integer(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**31:
        return f"{_show(value)} is not a whole number in range"
    return None


def _profile_columns(value: Any) -> str | None:
    """A JSON list of {"key": text, "header": text, "hidden": true/false} (the keys are checked per layout)."""
    if value in (None, ""):
        return None
    problem = _json_list(lambda v: None)(value)
    if problem:
        return problem
    for item in json.loads(value):
        if not isinstance(item, dict) or set(item) != {"key", "header", "hidden"}:
            return f"item {_show(item)} is not a column (key, header, hidden)"
        if not isinstance(item["hidden"], bool):
            return f"item {_show(item)}: hidden is not true or false"
        problem = _text_item(item["key"]) or _text_item(item["header"])
        if problem:
            return f"item {_show(item)}: {problem}"
    return None


def _web_url(value: Any) -> str | None:
    """A published document's address: empty (not yet known) or an http(s) URL with a host."""
    if value in (None, ""):
        return None
    problem = _text_item(value)
    if problem is None and not is_valid_url(value):
        return f"{_show(value)} is not a web address (only http:// and https:// with a host are allowed)"
    return problem


BY_TYPE: dict[str, Check] = {"TEXT": _text, "INTEGER": _integer, "REAL": _number}
RULES: dict[tuple[str, str], Check] = {
    ("organization", "website"): lambda v: None if v in (None, "") else _link(v),
    ("units", "ord"): _order, ("measures", "ord"): _order, ("steps", "ord"): _order,
    ("signatories", "ord"): _order, ("progress", "ord"): _order,
    ("fiscal_years", "year"): _int_in(BE_YEARS, required=True),
    ("indicators", "number"): _int_in(INDICATOR_NUMBERS, required=True),
    ("indicators", "tool"): _one_of(tuple(t.value for t in Tool), required=True),
    ("assessments", "assessed_year"): _int_in(BE_YEARS),
    ("assessments", "total"): _score, ("assessments", "iit"): _score, ("assessments", "eit"): _score,
    ("assessments", "oit"): _score, ("assessments", "level"): _one_of(LEVELS),
    ("indicator_scores", "number"): _int_in(INDICATOR_NUMBERS, required=True),
    ("indicator_scores", "score"): _score,
    ("measures", "indicator"): _int_in(INDICATOR_NUMBERS),
    ("measures", "indicators"): _json_list(_int_in(INDICATOR_NUMBERS, required=True)),
    ("measures", "start"): _day, ("measures", "end"): _day,
    ("measures", "units"): _json_list(_text_item),
    ("measures", "rounds"): _json_list(_int_in(ROUNDS, required=True)),
    ("steps", "due"): _day,
    ("progress", "round"): _int_in(ROUNDS, required=True),
    ("progress", "status"): _one_of(tuple(s.value for s in Status), required=True),
    ("progress", "done_on"): _day,
    ("progress", "evidence_urls"): _json_list(_link),
    ("signatories", "signed_on"): _day,
    ("texts", "document"): _one_of(DOCUMENTS, required=True),
    ("texts", "round"): _int_in(ROUNDS),
    ("texts", "part"): _one_of(TEXT_PARTS, required=True),
    ("profiles", "document"): _one_of(DOCUMENTS, required=True),
    ("profiles", "layout"): _int_in(tuple(COLUMN_KEYS), required=True),
    ("profiles", "columns"): _profile_columns,
    ("profiles", "grouping"): _one_of(GROUPINGS),
    ("profiles", "date_style"): _one_of(DATE_STYLES),
    ("profiles", "show_unreported"): _int_in((0, 1)),
    ("publications", "document"): _one_of(DOCUMENTS, required=True),
    ("publications", "round"): _int_in(ROUNDS),
    ("publications", "url"): _web_url,
    ("publications", "published_on"): _day,
    ("question_scores", "code"): lambda v: None if is_code(v) else (
        "is missing" if v is None else f"{_show(v)} is not a question code (i1…, e1…, o1…)"),
    ("question_scores", "score"): _score,
}


def _show(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "…"


def _catalogue(tables: Rows) -> dict[Any, set[int]]:
    """Indicator numbers each year knows (its catalogue rows, deleted or not, and the standard 1–10)."""
    known: dict[Any, set[int]] = {}
    for ind in tables.get("indicators", {}).values():
        if isinstance(ind.get("number"), int):
            known.setdefault(ind.get("year_id"), set()).add(ind["number"])
    return known


def row_problems(tables: Rows) -> Iterator[str]:
    """Every value a document of ours could not hold, as 'table row-id field: what is wrong'."""
    catalogue = _catalogue(tables)
    for spec in TABLES:
        for row_id, row in tables.get(spec.name, {}).items():
            where = f"{spec.name} row {str(row_id)[:8]}"
            for name, sqltype in spec.columns:
                value = row.get(name)
                if value is None and row.get("deleted"):
                    continue  # a tombstone need not hold every value (a row deleted where it never existed)
                problem = RULES.get((spec.name, name), BY_TYPE.get(sqltype, _text))(value)
                if problem is None and (spec.name, name) in REFERENCES:
                    target = REFERENCES[(spec.name, name)]
                    if value not in tables.get(target, {}):
                        problem = f"points at a {target} row that does not exist"
                if problem:
                    yield f"{where} {name}: {problem}"
            yield from _row_links(spec.name, where, row, tables, catalogue)


def _row_links(table: str, where: str, row: dict[str, Any], tables: Rows,
               catalogue: dict[Any, set[int]]) -> Iterator[str]:
    """References that depend on another row: a progress step of its own measure, a measure's indicators."""
    if table == "progress" and row.get("step_id") is not None:
        step = tables.get("steps", {}).get(row["step_id"])
        if step is None or step.get("measure_id") != row.get("measure_id"):
            yield f"{where} step_id: points at a step that is not one of its measure's"
    if table == "profiles":
        yield from _profile_links(where, row)
    if table == "publications" and row.get("document") in DOCUMENTS and not row.get("deleted"):
        problem = publication_shape_problem(row.get("document"), row.get("round"))
        if problem:
            yield f"{where} round: {problem}"
    if table == "measures":
        known = catalogue.get(row.get("year_id"), set()) | set(range(1, 11))
        numbers: list[Any] = [row.get("indicator")] if row.get("indicator") is not None else []
        if "indicators" in row and isinstance(row["indicators"], str):
            try:
                loaded = json.loads(row["indicators"])
                numbers += loaded if isinstance(loaded, list) else []
            except ValueError:
                pass
        unknown = [n for n in numbers if isinstance(n, int) and n not in known]
        if unknown:
            yield f"{where} indicator: {unknown[0]} is not an indicator of its fiscal year"


def _profile_links(where: str, row: dict[str, Any]) -> Iterator[str]:
    """A profile's layout is one of its document's, and its columns are that layout's, each named once."""
    document, layout = row.get("document"), row.get("layout")
    if document not in PROFILE_LAYOUTS or layout not in COLUMN_KEYS:
        return  # already said by the rules of those fields
    if layout not in PROFILE_LAYOUTS[document]:
        yield f"{where} layout: {layout} is not a layout of a {document} document"
        return
    if _profile_columns(row.get("columns")) is not None or row.get("columns") in (None, ""):
        return
    keys = [c["key"] for c in json.loads(row["columns"])]
    wrong = next((k for k in keys if k not in COLUMN_KEYS[layout]), None)
    if wrong is not None:
        yield f"{where} columns: {_show(wrong)} is not a column of layout {layout}"
    elif len(set(keys)) != len(keys):
        yield f"{where} columns: a column is named twice"
