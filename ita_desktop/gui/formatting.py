"""How values look in the grids and how typed or pasted text becomes a value again (no Qt here)."""

from __future__ import annotations

import re
from datetime import date

from ita_desktop.domain.model import Status
from ita_desktop.thai.calendar import ROUNDS, be_year, ce_year, month_abbreviations, parse_be_date
from ita_desktop.thai.digits import to_arabic_digits, to_thai_digits


def date_text(day: date | None) -> str:
    """'1 พ.ย. 2566': day, Thai month abbreviation, full BE year, as clerks read dates in a table."""
    if day is None:
        return ""
    return f"{day.day} {month_abbreviations()[day.month]} {be_year(day.year)}"


def parse_date(text: str) -> date | None:
    """A date as typed or pasted: 1/11/2566, ๑/๑๑/๒๕๖๖, 1 พ.ย. 2566, 1 พฤศจิกายน 2566 or ISO 2023-11-01.

    Empty text is no date; anything else unreadable raises ValueError with a Thai message.
    """
    raw = to_arabic_digits(text.strip())
    if not raw:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            day = date.fromisoformat(raw)
            return day if day.year < 2400 else date(ce_year(day.year), day.month, day.day)
        if re.fullmatch(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}", raw):
            return parse_be_date(raw.replace(" ", ""))
        match = re.fullmatch(r"(\d{1,2})\s+(\S+)\s+(\d{2,4})", raw)
        if match:
            month = _month_number(match.group(2))
            year = int(match.group(3))
            year = year + 2500 if year < 100 else year
            if month and year >= 2400:
                return date(ce_year(year), month, int(match.group(1)))
    except ValueError:
        pass
    raise ValueError(f"อ่านวันที่ “{text.strip()}” ไม่ได้ กรุณาพิมพ์เป็น วัน/เดือน/ปี พ.ศ. เช่น 1/11/2566")


def _month_number(name: str) -> int | None:
    from ita_desktop.thai.calendar import month_names

    for number, full in month_names().items():
        if name in (full, month_abbreviations()[number], month_abbreviations()[number].replace(".", "")):
            return number
    return None


def rounds_text(rounds: list[int]) -> str:
    """'6, 12 เดือน'."""
    return f"{', '.join(str(r) for r in sorted(rounds))} เดือน" if rounds else ""


def parse_rounds(text: str) -> list[int]:
    """Rounds from '6, 12', '๖ และ ๑๒ เดือน', 'รอบ 6 เดือน'; raises ValueError on anything but 3/6/9/12."""
    numbers = [int(n) for n in re.findall(r"\d+", to_arabic_digits(text))]
    bad = [n for n in numbers if n not in ROUNDS]
    if bad:
        raise ValueError(f"รอบการติดตามต้องเป็น 3, 6, 9 หรือ 12 เดือน (ไม่ใช่ {bad[0]})")
    return sorted(set(numbers))


def units_text(units: list[str]) -> str:
    return "\n".join(units)


def parse_units(text: str) -> list[str]:
    """Units one per line (or separated by commas), blanks dropped, order and spelling kept."""
    parts = re.split(r"[\n,]", text)
    seen: list[str] = []
    for part in (p.strip().lstrip("-•").strip() for p in parts):
        if part and part not in seen:
            seen.append(part)
    return seen


def parse_indicator(text: str, numbers: set[int]) -> int:
    """An indicator number from '9', '๙', 'ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล'."""
    found = re.search(r"\d+", to_arabic_digits(text))
    if not found:
        raise ValueError(f"ไม่พบหมายเลขตัวชี้วัดใน “{text.strip()}”")
    number = int(found.group())
    if number not in numbers:
        raise ValueError(f"ไม่มีตัวชี้วัดที่ {number} ในปีนี้")
    return number


def indicators_text(numbers: list[int]) -> str:
    """'๒, ๓': several indicator numbers, as a cell shows them (empty for none)."""
    return ", ".join(to_thai_digits(str(n)) for n in numbers)


def parse_indicators(text: str, numbers: set[int]) -> list[int]:
    """Indicator numbers from '' (none), '9', '๒, ๓', '2 และ 3', or one label per line ('9. การเปิดเผยข้อมูล')."""
    raw = to_arabic_digits(text).strip()
    if not raw or raw in ("-", "–", "ไม่มี", "ไม่ระบุ"):
        return []
    if re.fullmatch(r"\d+(\s*(,|และ|\s)\s*\d+)*", raw):
        found = [int(n) for n in re.findall(r"\d+", raw)]
    else:
        found = [parse_indicator(line, numbers) for line in raw.splitlines() if line.strip()]
    unique: list[int] = []
    for number in found:
        if number not in numbers:
            raise ValueError(f"ไม่มีตัวชี้วัดที่ {number} ในปีนี้")
        if number not in unique:
            unique.append(number)
    return unique


STATUS_BY_TEXT: dict[str, Status] = {s.thai: s for s in Status} | {s.value: s for s in Status}


def parse_status(text: str) -> Status:
    found = STATUS_BY_TEXT.get(text.strip())
    if found is None:
        choices = " / ".join(s.thai for s in Status)
        raise ValueError(f"สถานะต้องเป็น {choices}")
    return found


def parse_urls(text: str) -> list[str]:
    """Evidence links, one per line (blank lines dropped; spelling kept so a bad one can be seen)."""
    return [line.strip() for line in re.split(r"[\n\s]+(?=https?://)|\n", text) if line.strip()]
