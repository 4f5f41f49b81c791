"""Buddhist-era dates and the Thai fiscal year.

Storage and interchange keep Gregorian ISO dates; only what people read is in the Buddhist era.
Month names come from babel's Thai locale so they match the CLDR data office software uses.
"""

from __future__ import annotations

import calendar as _gregorian
from datetime import date
from functools import cache

from ita_desktop.thai.digits import DigitStyle, digits

BE_OFFSET = 543
ROUNDS = (3, 6, 9, 12)
EN_DASH = "\u2013"


def be_year(ce_year: int) -> int:
    """Buddhist-era year of a Gregorian year."""
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    """Gregorian year of a Buddhist-era year."""
    return be - BE_OFFSET


def fiscal_year_of(day: date) -> int:
    """Fiscal year (BE) a date falls in: fiscal year Y runs 1 Oct (Y-1) to 30 Sep Y."""
    return be_year(day.year + 1 if day.month >= 10 else day.year)


def fiscal_year_range(fiscal_year: int) -> tuple[date, date]:
    """First and last day of a fiscal year given in BE."""
    end_ce = ce_year(fiscal_year)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def _add_months(first: date, months: int) -> date:
    year = first.year + (first.month - 1 + months) // 12
    month = (first.month - 1 + months) % 12 + 1
    return date(year, month, 1)


def round_range(fiscal_year: int, months: int) -> tuple[date, date]:
    """Dates a monitoring round covers: from 1 Oct to the end of its Nth month."""
    if months not in ROUNDS:
        raise ValueError(f"round must be one of {ROUNDS}, not {months}")
    start, _ = fiscal_year_range(fiscal_year)
    last_month = _add_months(start, months - 1)
    last_day = _gregorian.monthrange(last_month.year, last_month.month)[1]
    return start, date(last_month.year, last_month.month, last_day)


@cache
def month_names() -> dict[int, str]:
    """Full Thai month names (1 → มกราคม) from babel, imported on first use: what shows no month pays nothing."""
    from babel.dates import get_month_names

    return {int(k): str(v) for k, v in get_month_names("wide", locale="th").items()}


@cache
def month_abbreviations() -> dict[int, str]:
    """Abbreviated Thai month names (1 → ม.ค.) from babel."""
    from babel.dates import get_month_names

    return {int(k): str(v) for k, v in get_month_names("abbreviated", locale="th").items()}


def long_date(day: date, style: DigitStyle = "thai") -> str:
    """'๑ ธันวาคม ๒๕๖๕'."""
    return f"{digits(day.day, style)} {month_names()[day.month]} {digits(be_year(day.year), style)}"


def short_date(day: date, style: DigitStyle = "thai") -> str:
    """'๑ ธ.ค. ๖๕' — two-digit BE year, as offices write it in tables."""
    yy = f"{be_year(day.year) % 100:02d}"
    return f"{digits(day.day, style)} {month_abbreviations()[day.month]} {digits(yy, style)}"


def short_month(day: date, style: DigitStyle = "thai") -> str:
    """'พ.ย. ๖๕'."""
    yy = f"{be_year(day.year) % 100:02d}"
    return f"{month_abbreviations()[day.month]} {digits(yy, style)}"


def long_range(start: date, end: date, style: DigitStyle = "thai") -> str:
    """'๑ ตุลาคม ๒๕๖๕ – ๓๑ มีนาคม ๒๕๖๖'."""
    return f"{long_date(start, style)} {EN_DASH} {long_date(end, style)}"


def short_month_range(start: date, end: date, style: DigitStyle = "thai") -> str:
    """'พ.ย. ๖๕ – มี.ค. ๖๖' (one month alone when both fall in it)."""
    if (start.year, start.month) == (end.year, end.month):
        return short_month(start, style)
    return f"{short_month(start, style)} {EN_DASH} {short_month(end, style)}"


def month_range(start: date | None, end: date | None, style: DigitStyle = "thai",
                date_style: str = "short") -> str:
    """A timeframe in one of the styles offices write (see services.exporting.DateStyle); one end may be missing.
    short 'ต.ค. ๖๕ – มี.ค. ๖๖', full 'ตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖', thru 'เดือนตุลาคม ๖๕ ถึง เดือนมีนาคม ๖๖',
    day '๑ ต.ค. ๖๕ – ๓๑ มี.ค. ๖๖'."""
    first, last = start or end, end or start
    if first is None or last is None:
        return ""
    if date_style == "day":
        if first == last:
            return short_date(first, style)
        return f"{short_date(first, style)} {EN_DASH} {short_date(last, style)}"
    if date_style == "full":
        def one(day: date) -> str:
            return f"{month_names()[day.month]} {digits(be_year(day.year), style)}"
    elif date_style == "thru":
        def one(day: date) -> str:
            return f"เดือน{month_names()[day.month]} {digits(f'{be_year(day.year) % 100:02d}', style)}"
    else:
        return short_month_range(first, last, style)
    if (first.year, first.month) == (last.year, last.month):
        return one(first)
    return f"{one(first)} {'ถึง' if date_style == 'thru' else EN_DASH} {one(last)}"


def parse_be_date(text: str) -> date:
    """Read 'd/m/yyyy' with a BE year (Thai or Arabic digits), as clerks type dates."""
    from ita_desktop.thai.digits import to_arabic_digits

    parts = to_arabic_digits(text.strip()).replace("-", "/").replace(".", "/").split("/")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"not a date d/m/yyyy (พ.ศ.): {text!r}")
    d, m, y = (int(p) for p in parts)
    if y < 2400:
        raise ValueError(f"year {y} is not a Buddhist-era year")
    return date(ce_year(y), m, d)


def format_be_date(day: date, style: DigitStyle = "arabic") -> str:
    """'d/m/yyyy' with a BE year: the inverse of parse_be_date."""
    return digits(f"{day.day}/{day.month}/{be_year(day.year)}", style)
