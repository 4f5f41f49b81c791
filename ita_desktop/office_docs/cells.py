"""The text rules of one cell of an office's table: what its lines say, in the office's own words.

Text is kept as typed; only what the program would print again by itself is taken off (the list numbers
"๑." "๒." of steps numbered in order, a done-on phrase that becomes the entry's date, a status word).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from ita_desktop.domain.model import Status
from ita_desktop.thai.calendar import ce_year, month_abbreviations, month_names, month_range
from ita_desktop.thai.digits import to_arabic_digits

D = "[0-9๐-๙]"
# a list marker: "1." "๒)" "(๓)" "๑.๑" "๑.๑." or a bullet
MARKER = re.compile(rf"^\s*({D}+(?:\.{D}+)+\.?(?=\s|$)|{D}+[.)](?=\s|$|\S)|\({D}+\)|[-–•*●○▪■➢✓])\s*")
NUMBERED = re.compile(rf"^\s*({D}+(?:\.{D}+)*)[.)]?(?:\s+|$)")
BULLET = re.compile(r"^\s*[-–•*●○▪■➢✓]\s*")


def number(text: str) -> int:
    return int(to_arabic_digits(text))


def squeeze(text: str) -> str:
    return "".join(text.split())


# -- dates ------------------------------------------------------------------------------------------------
def _months() -> list[tuple[str, int]]:
    names = [(n, m) for m, n in month_names().items()] + [(a, m) for m, a in month_abbreviations().items()]
    names += [(a.replace(".", ""), m) for m, a in month_abbreviations().items()]
    names += [(a.rstrip("."), m) for m, a in month_abbreviations().items()]
    return sorted(set(names), key=lambda x: -len(x[0]))


_MONTH = "|".join(re.escape(n) for n, _ in _months())
_MONTH_OF = dict(_months())
_YEAR = rf"(?:พ\.?\s?ศ\.?\s*)?({D}{{4}}|{D}{{2}})(?!{D})"
_DAY_MONTH_YEAR = re.compile(rf"({D}{{1,2}})\s*(?:เดือน)?\s*({_MONTH})\s*{_YEAR}")


def _year(text: str) -> int:
    y = number(text)
    return ce_year(y if y >= 100 else 2500 + y)


def parse_day(text: str) -> date | None:
    """'๑ ธันวาคม ๒๕๖๕', '1 ธ.ค. 65', '๑ เดือนตุลาคม พ.ศ ๒๕๖๖' → the date (None when there is none)."""
    found = _DAY_MONTH_YEAR.search(text)
    if not found:
        return None
    try:
        return date(_year(found[3]), _MONTH_OF[found[2]], number(found[1]))
    except ValueError:
        return None


DONE_ON = re.compile(rf"^\s*ดำเนินการ(?:แล้ว)?เมื่อ\s*(?:วันที่\s*)?({D}{{1,2}}\s*(?:เดือน)?\s*(?:{_MONTH})\s*{_YEAR})\s*")
_STATUS = {s.thai: s for s in Status} | {"กำลังดำเนินการ": Status.IN_PROGRESS, "ดำเนินการเรียบร้อยแล้ว": Status.DONE}
_STATUS_RE = re.compile(r"^\s*(" + "|".join(sorted(map(re.escape, _STATUS), key=len, reverse=True)) + r")\s*")

# -- timeframes -------------------------------------------------------------------------------------------
_POINT = rf"(?:({D}{{1,2}})\s*)?(?:เดือน\s*)?({_MONTH})\s*(?:{_YEAR})?"
_RANGE = re.compile(rf"^(?:ตั้งแต่|ระหว่าง)?\s*{_POINT}\s*(?:[-–—]|ถึง|จนถึง)\s*{_POINT}\s*$")
_SINGLE = re.compile(rf"^(?:ใน)?\s*{_POINT}\s*$")


def parse_timeframe(text: str) -> tuple[date, date] | None:
    """'ต.ค. ๖๕ – มี.ค. ๖๖', 'ตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖', 'เดือนตุลาคม ๖๖ ถึง เดือนมีนาคม ๖๗', 'กุมภาพันธ์ – กันยายน
    ๒๕๖๖', '๑ มี.ค. – ๓๐ เม.ย. ๖๔', 'พ.ย. ๖๕' → (first day, last day); None for words ('ตลอดปีงบประมาณ')."""
    s = " ".join(text.split())
    found = _RANGE.match(s)
    try:
        if found:
            d1, m1, y1, d2, m2, y2 = found.groups()
            if y2 is None:
                return None
            end_y = _year(y2)
            mon1, mon2 = _MONTH_OF[m1], _MONTH_OF[m2]
            start_y = _year(y1) if y1 else (end_y if mon1 <= mon2 else end_y - 1)
            start = date(start_y, mon1, number(d1) if d1 else 1)
            end = date(end_y, mon2, number(d2) if d2 else calendar.monthrange(end_y, mon2)[1])
            return (start, end) if start <= end else None
        found = _SINGLE.match(s)
        if found and found[3]:
            y, mon = _year(found[3]), _MONTH_OF[found[2]]
            if found[1]:
                day = date(y, mon, number(found[1]))
                return day, day
            return date(y, mon, 1), date(y, mon, calendar.monthrange(y, mon)[1])
    except ValueError:
        return None
    return None


def printed_as(start: date, end: date, text: str) -> bool:
    """True when the export prints this range exactly as the office typed it (in some date style)."""
    s = " ".join(text.split())
    return any(month_range(start, end, digits, style) == s
               for digits in ("thai", "arabic") for style in ("short", "full", "thru", "day"))


# -- indicators -------------------------------------------------------------------------------------------
_INDICATOR_PHRASE = re.compile(rf"ตัวชี้วัดที่\s*({D}{{1,2}}(?:\s*(?:,|และ|-|–)\s*{D}{{1,2}})*)")


def indicator_numbers(line: str, names: dict[int, str], *, in_indicator_column: bool) -> list[int]:
    """The indicators a label line names: 'ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล', '๙. การเปิดเผยข้อมูล' (in any cell when the
    name is the catalogue's; in the indicator column any leading number), '(๒) การใช้งบประมาณ' likewise."""
    found = _INDICATOR_PHRASE.search(line) if line.lstrip().startswith("ตัวชี้วัดที่") or in_indicator_column \
        else _INDICATOR_PHRASE.match(line.strip())
    if found:
        return [number(n) for n in re.findall(D + "{1,2}", found[1])]
    lead = re.match(rf"^\s*\(?({D}{{1,2}})[.)]\s*(.*)$", line)
    if not lead:
        return [number(line.strip())] if in_indicator_column and re.fullmatch(rf"\s*{D}{{1,2}}\s*", line) else []
    n, rest = number(lead[1]), squeeze(lead[2])
    name = squeeze(names.get(n, ""))
    if in_indicator_column or (name and rest and (rest.startswith(name) or name.startswith(rest) or (
            len(rest) <= len(name) + 10 and SequenceMatcher(None, rest, name).ratio() >= 0.8))):
        return [n]  # the catalogue's name, or the office's wording of it ("…ของทางราชการ")
    return []


# -- steps and units --------------------------------------------------------------------------------------
def split_items(lines: list[str]) -> list[str]:
    """Items of a cell: a line with a list marker starts one, other lines continue it; a cell with no markers
    at all has one item per line."""
    lines = [line.rstrip() for line in lines if line.strip()]
    if not any(MARKER.match(line) for line in lines):
        return [line.strip() for line in lines]
    items: list[str] = []
    for line in lines:
        if MARKER.match(line) or not items:
            items.append(line.strip())
        else:
            items[-1] += "\n" + line.strip()
    return items


def split_measure(lines: list[str]) -> tuple[list[str], list[str]]:
    """A "มาตรการ/ขั้นตอน/วิธีปฏิบัติ" cell, the title then its steps: (title lines, step items). The steps start at
    the first numbered line; a cell that starts with a bullet is all steps (a measure without a title of its
    own). One rule for the Word import and the grid's paste."""
    cut = 0 if lines and BULLET.match(lines[0]) else next(
        (i for i, line in enumerate(lines) if NUMBERED.match(line) and re.match(rf"^\s*{D}+(?:\.{D}+)*[.)]?\s", line)),
        len(lines))
    return [line for line in lines[:cut] if line.strip()], split_items(lines[cut:])


def drop_sequence_numbers(items: list[str]) -> list[str]:
    """Take off the numbers '๑.' '๒.' (or '๓.๑' '๓.๒' under one prefix) when every item carries its own place in
    the list: those are the list's numbering, which the export prints again; other markers stay as typed."""
    if not items:
        return items
    found = [NUMBERED.match(item) for item in items]
    if not all(found):
        return items
    labels = [to_arabic_digits(f[1]) for f in found if f]
    if all(label == str(i) for i, label in enumerate(labels, 1)) and all(
            re.match(rf"^\s*{D}+[.)]", item) for item in items):
        return [item[f.end():].strip() if f else item for item, f in zip(items, found, strict=True)]
    prefixes = {label.rsplit(".", 1)[0] for label in labels if "." in label}
    if len(prefixes) == 1 and all(label.rsplit(".", 1)[-1] == str(i) for i, label in enumerate(labels, 1)) \
            and all("." in label for label in labels):
        return [item[f.end():].strip() if f else item for item, f in zip(items, found, strict=True)]
    return items


def split_units(lines: list[str], known: list[str]) -> list[str]:
    """Responsible units, one per line or bullet ('- กองคลัง - กองช่าง' on one line too), and several known unit
    names typed on one line split apart."""
    by_length = sorted({u.strip() for u in known if u.strip()}, key=len, reverse=True)
    units: list[str] = []
    for line in lines:
        for piece in re.split(r"(?:^|\s+)[-–•●]\s*", line):
            piece = piece.strip().strip(",").strip()
            if not piece:
                continue
            units += _known_names(piece, by_length) or [piece]
    return list(dict.fromkeys(units))


def _known_names(text: str, names: list[str]) -> list[str] | None:
    """``text`` as two or more known names separated by spaces, commas or 'และ'; else None."""
    found: list[str] = []
    rest = text
    while rest:
        rest = re.sub(r"^(?:\s|,|และ(?=\S))+", "", rest)
        if not rest:
            break
        name = next((n for n in names if rest.startswith(n)), None)
        if name is None:
            return None
        found.append(name)
        rest = rest[len(name):]
    return found if len(found) >= 2 else None


# -- progress entries -------------------------------------------------------------------------------------
@dataclass
class Entry:
    step: int | None
    result: str
    status: Status = Status.DONE
    done_on: date | None = None
    evidence_urls: list[str] = field(default_factory=list)


def _entry(text: str, step: int | None) -> Entry:
    status = None
    found = _STATUS_RE.match(text)
    if found:
        status = _STATUS[found[1]]
        text = text[found.end():]
    done_on = None
    found = DONE_ON.match(text)
    if found:
        done_on = parse_day(found[1])
        text = text[found.end():]
    if status is None:
        status = Status.DONE if (text.strip() or done_on) else Status.PLANNED
    return Entry(step, text.strip(), status, done_on)


def split_entries(lines: list[str], step_labels: dict[str, int]) -> list[Entry]:
    """Progress entries of a result cell: a numbered line, a done-on line or a status line starts one (bulleted
    lines continue it); a line starting with a step's label is that step's; 'หลักฐาน: URL' lines are evidence."""
    entries: list[Entry] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line.startswith(("หลักฐาน:", "หลักฐาน :")) and entries:
            entries[-1].evidence_urls.append(line.split(":", 1)[1].strip())
            continue
        step = None
        found = NUMBERED.match(line)
        if found and to_arabic_digits(found[1]) in step_labels and re.match(rf"^\s*{D}+(?:\.{D}+)*[.)]?\s", line):
            step = step_labels[to_arabic_digits(found[1])]
            body = line[found.end():]
        else:
            body = line
        starts = (step is not None or not entries or bool(DONE_ON.match(body)) or bool(_STATUS_RE.match(body))
                  or (bool(MARKER.match(body)) and not BULLET.match(body)))
        if starts:
            if step is None and entries and entries[-1].step is not None and (DONE_ON.match(body)
                                                                               or _STATUS_RE.match(body)):
                step = entries[-1].step  # a second dated entry for the same step
            entries.append(_entry(body, step))
        else:
            entries[-1].result = f"{entries[-1].result}\n{line}" if entries[-1].result else line
    return entries


_ROUND = re.compile(rf"รอบ\s*({D}{{1,2}})\s*เดือน")


def rounds_named(text: str) -> list[int]:
    """Rounds a text names ('รอบ ๖ เดือน', '- รอบ ๑๒ เดือน')."""
    return sorted({n for n in (number(x) for x in _ROUND.findall(text)) if n in (3, 6, 9, 12)})
