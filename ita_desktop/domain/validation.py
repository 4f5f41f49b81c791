"""Rules a measure or progress entry should follow, shared by import, the grids and `check`.

Real documents carry oddities that are not errors (a progress date a day before the fiscal year starts);
those are warnings: shown, never refused, never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from urllib.parse import urlparse

from ita_desktop.domain.model import Measure, Progress, Status, YearPlan
from ita_desktop.thai.calendar import ROUNDS, fiscal_year_range, long_date, round_range


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    field: str
    severity: Severity
    thai: str
    english: str


def is_valid_url(text: str) -> bool:
    """An evidence link a browser can open: http(s) with a host."""
    parsed = urlparse(text.strip())
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and " " not in text.strip()


_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+\-]*):(?!\d)")


def has_unsafe_scheme(text: str) -> bool:
    """A link that names a scheme a browser would run or open locally (javascript:, data:, file:, …).
    Text without a scheme ("www.example.go.th/…", a note) is not a link and is left to the warnings."""
    match = _SCHEME.match(text)
    return match is not None and match[1].lower() not in ("http", "https")


def date_range_problems(start: date | None, end: date | None) -> list[Problem]:
    if start and end and end < start:
        return [Problem("end", Severity.ERROR, "วันสิ้นสุดอยู่ก่อนวันเริ่มต้น", "end is before start")]
    return []


def outside_year(day: date | None, fiscal_year: int, field_name: str) -> list[Problem]:
    """A warning when a date falls outside the fiscal year (allowed: real plans do it)."""
    if day is None:
        return []
    first, last = fiscal_year_range(fiscal_year)
    if first <= day <= last:
        return []
    return [Problem(
        field_name, Severity.WARNING,
        f"วันที่อยู่นอกปีงบประมาณ ({long_date(first)} – {long_date(last)})",
        f"date {day.isoformat()} is outside fiscal year {fiscal_year}",
    )]


def measure_problems(measure: Measure, fiscal_year: int, indicator_numbers: set[int]) -> list[Problem]:
    """Everything worth telling the clerk about one measure."""
    problems: list[Problem] = []
    for number in measure.indicators:  # no indicator at all is allowed: a plan of general measures
        if number not in indicator_numbers:
            problems.append(Problem("indicators", Severity.ERROR, f"ไม่มีตัวชี้วัดที่ {number} ในปีนี้",
                                    f"unknown indicator {number}"))
    if not measure.title.strip():
        problems.append(Problem("title", Severity.WARNING, "ยังไม่ได้กรอกชื่อมาตรการ", "measure title is empty"))
    problems += date_range_problems(measure.start, measure.end)
    problems += outside_year(measure.start, fiscal_year, "start")
    problems += outside_year(measure.end, fiscal_year, "end")
    return problems


def after_round(progress: Progress, fiscal_year: int) -> list[Problem]:
    """A warning when work reported in a round is dated after the round ended (15 พ.ค. in the 6-month report)."""
    if progress.done_on is None or progress.round not in ROUNDS:
        return []
    last = round_range(fiscal_year, progress.round)[1]
    if progress.done_on <= last:
        return []
    return [Problem("done_on", Severity.WARNING,
                    f"ดำเนินการเมื่อหลังสิ้นสุดรอบ {progress.round} เดือน ({long_date(last)})",
                    f"done on {progress.done_on.isoformat()}, after round {progress.round} ended")]


def progress_problems(progress: Progress, fiscal_year: int) -> list[Problem]:
    problems = outside_year(progress.done_on, fiscal_year, "done_on")
    if not problems:  # outside the year says enough
        problems += after_round(progress, fiscal_year)
    if progress.status == Status.PLANNED and (progress.done_on or progress.result.strip()):
        # Probably a status the clerk forgot to change: the report would print "ยังไม่ดำเนินการ" beside a result.
        problems.append(Problem("status", Severity.WARNING,
                                "มีผลหรือวันที่ดำเนินการแล้ว แต่สถานะยังเป็น “ยังไม่ดำเนินการ”",
                                "a result or done-on date is recorded but the status is still planned"))
    for i, url in enumerate(progress.evidence_urls):
        if not is_valid_url(url):
            problems.append(Problem(f"evidence_urls[{i}]", Severity.ERROR,
                                    f"ลิงก์หลักฐานไม่ถูกต้อง: {url}", f"malformed URL: {url}"))
    return problems


def year_problems(plan: YearPlan, up_to_round: int | None = None) -> list[tuple[str, Problem]]:
    """Problems of a whole year, each with the path of the measure it concerns; with ``up_to_round``, the
    progress of that round and the rounds before it only (what its report prints, rounds being cumulative)."""
    numbers = {i.number for i in plan.indicators}
    found: list[tuple[str, Problem]] = []
    for mi, measure in enumerate(plan.measures):
        found += [(f"measures[{mi}]", p) for p in measure_problems(measure, plan.fiscal_year, numbers)]
        for pi, progress in enumerate(measure.progress):
            if up_to_round is not None and progress.round > up_to_round:
                continue
            found += [(f"measures[{mi}].progress[{pi}]", p) for p in progress_problems(progress, plan.fiscal_year)]
    return found


def export_problems(plan: YearPlan, doc: str, round_: int | None = None) -> list[tuple[str, Problem]]:
    """What to show before exporting ``doc`` ("plan", "progress", "analysis", "data"): errors first. The plan
    and the analysis print no progress; a round's report prints the progress up to that round."""
    if doc == "progress":
        found = year_problems(plan, round_)
    else:
        found = [(path, p) for path, p in year_problems(plan) if ".progress[" not in path]
    return sorted(found, key=lambda item: item[1].severity != Severity.ERROR)
