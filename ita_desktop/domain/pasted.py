"""What a table pasted from a published document maps to: its heading row, and its timeframe column.

Offices head their tables in many ways ("ขั้นตอน/วิธีการปฏิบัติ", "ขั้นตอนหรือวิธีการปฏิบัติ", "มาตรการ/ขั้นตอน/
วิธีปฏิบัติ", "ระยะเวลา ดำเนินการ", typos such as "ประเด็นการประเมินที่ต้อยกระดับ"): every heading of the seed
documents and of the report layouts (reports.layouts.LAYOUT_COLUMNS) is known here, spacing and "/" variants
included, and a heading that is none of them is still placed by the words it starts with. No Qt here.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ita_desktop.thai.calendar import ce_year, month_abbreviations, month_names
from ita_desktop.thai.digits import to_arabic_digits

ROW_NUMBER = "row"  # "ลำดับ", "ที่": a column of row numbers, skipped without a word
PERIOD = "period"  # "ระยะเวลาดำเนินการ": dates when it reads as a range, else the timeframe as written
MEASURE = "measure"  # "มาตรการ/ขั้นตอน/วิธีปฏิบัติ": the title, then its numbered steps, in one cell
REPORT_FIELDS = ("result", "outcome", "done_on")  # round-report columns: no place in the plan

# Exact headings (spacing removed), field by field.
HEADINGS: dict[str, tuple[str, ...]] = {
    "indicators": ("ตัวชี้วัด", "ตัวชี้วัดการประเมิน", "ตัวชี้วัดที่"),
    "issue": ("ประเด็นที่ต้องพัฒนา", "ประเด็นการประเมินที่ต้องยกระดับ", "ประเด็นที่ต้องปรับปรุงแก้ไข",
              "ประเด็นที่ต้องพัฒนาตามตัวชี้วัด", "ประเด็น", "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา"),
    "title": ("มาตรการ", "มาตรการ/แนวทาง", "ชื่อมาตรการ"),
    MEASURE: ("มาตรการ/ขั้นตอน/วิธีปฏิบัติ", "มาตรการ/ขั้นตอน/วิธีการปฏิบัติ", "ขั้นตอนหรือวิธีการ/มาตรการ"),
    "guideline": ("แนวทางการปฏิบัติ", "แนวทาง", "แนวทางการดำเนินการ"),
    "steps": ("ขั้นตอน/วิธีการปฏิบัติ", "ขั้นตอนหรือวิธีการปฏิบัติ", "ขั้นตอน", "วิธีการปฏิบัติ", "วิธีการ",
              "ขั้นตอน/วิธีปฏิบัติ", "ขั้นตอนหรือวิธีปฏิบัติ", "วิธีปฏิบัติ", "ขั้นตอนการดำเนินการ",
              "ขั้นตอนการดำเนินงาน", "วิธีการ/ดำเนินการ"),
    "units": ("ผู้รับผิดชอบ", "หน่วยงานรับผิดชอบ", "หน่วยงานผู้รับผิดชอบ", "หน่วยงานที่รับผิดชอบ"),
    "start": ("เริ่ม", "วันเริ่มต้น", "วันที่เริ่ม"),
    "end": ("สิ้นสุด", "วันสิ้นสุด", "กำหนดเวลาแล้วเสร็จ", "กำหนดแล้วเสร็จ"),
    "monitoring": ("การกำกับติดตาม", "การติดตามผล", "การรายงานผลและการกำกับติดตาม",
                   "การรายงานผลและการกำกับติดตามกำหนดเวลาแล้วเสร็จ", "การติดตามและรายงานผล"),
    "rounds": ("รอบติดตาม", "รอบการติดตาม"),
    "timeframe_text": ("ระยะเวลา(ข้อความ)",),
    "group": ("กลุ่ม(หัวข้อ)", "กลุ่มมาตรการ", "กลุ่ม"),
    PERIOD: ("ระยะเวลาดำเนินการ", "ระยะเวลาดำเนินงาน", "ระยะเวลา", "ห้วงเวลาดำเนินการ", "ระยะเวลาการดำเนินการ"),
    "result": ("ผลการดำเนินการ", "การดำเนินการ/รายงาน", "การดำเนินการ", "สรุปผลการดำเนินงาน", "ผลการดำเนินงาน"),
    "outcome": ("ผลสัมฤทธิ์",),
    "done_on": ("ดำเนินการเมื่อ", "วันที่ดำเนินการ"),
    ROW_NUMBER: ("ลำดับ", "ลำดับที่", "ที่", "ข้อ"),
}
_EXACT = {name: field for field, names in HEADINGS.items() for name in names}
# Headings none of the above: placed by how they start (checked in this order).
_STARTS: tuple[tuple[str, str], ...] = (
    ("ตัวชี้วัด", "indicators"), ("ประเด็น", "issue"), ("มาตรการ", "title"), ("แนวทาง", "guideline"),
    ("ขั้นตอน", "steps"), ("วิธี", "steps"), ("ระยะเวลา", PERIOD), ("ผู้รับผิดชอบ", "units"),
    ("หน่วยงาน", "units"), ("การกำกับ", "monitoring"), ("การติดตาม", "monitoring"), ("ผลสัมฤทธิ์", "outcome"),
    ("ผลการดำเนิน", "result"), ("สรุปผล", "result"),
)


_COMBINED = re.compile(r"มาตรการ.*/.*(ขั้นตอน|วิธี)|(ขั้นตอน|วิธี).*/.*มาตรการ")


def normalise_heading(text: str) -> str:
    """A heading without spacing, zero-width characters, full-width slashes or a final colon."""
    text = text.replace("\u200b", "").replace("／", "/").replace("\\", "/")
    return "".join(text.split()).rstrip(":")


def heading_field(text: str) -> str | None:
    """The field a column heading names, or None when it names none."""
    name = normalise_heading(text)
    if not name:
        return None
    if name in _EXACT:
        return _EXACT[name]
    if len(name) > 40:  # a cell of text, not a heading
        return None
    if _COMBINED.search(name):  # the measure and its steps in one column, however it is worded
        return MEASURE
    return next((field for start, field in _STARTS if name.startswith(start)), None)


def heading_fields(cells: list[str]) -> list[str | None] | None:
    """The field of each cell of a row when the row is a heading row, None when it is a row of data.

    A heading row names two or more fields, none twice, and at least two of its cells are headings known
    word for word (or one is, and every other filled cell starts as a heading does): a row of data whose
    cells merely start like headings ("มาตรการป้องกัน…") is not one."""
    found = [heading_field(c) for c in cells]
    known = [f for f in found if f is not None and f != ROW_NUMBER]
    if len(known) < 2 or len(set(known)) != len(known):
        return None
    exact = sum(1 for c in cells if normalise_heading(c) in _EXACT)
    filled = sum(1 for c in cells if c.strip())
    if exact < 2 and (exact == 0 or filled != sum(1 for f in found if f is not None)):
        return None
    return found


@dataclass(frozen=True)
class PasteLayout:
    """The fields of the pasted columns (None: no field) and the rows of data (heading rows left out)."""

    fields: list[str | None] | None  # None: no heading row, columns go from the cell pasted at
    rows: list[list[str]]


def paste_layout(grid: list[list[str]]) -> PasteLayout:
    """Read the heading row of a pasted table; tables pasted one after another repeat it, and each repeat
    is left out too."""
    if not grid:
        return PasteLayout(None, [])
    fields = heading_fields(grid[0])
    if fields is None:
        return PasteLayout(None, [list(r) for r in grid])
    return PasteLayout(fields, [list(r) for r in grid[1:] if heading_fields(r) is None and any(c.strip() for c in r)])


def is_block(grid: list[list[str]]) -> bool:
    """Whether a paste is a block of whole measures (several rows, a row of three cells or more, or a table
    with headings), whose landing on filled rows is asked about; a cell or two is simply put in place."""
    layout = paste_layout(grid)
    return layout.fields is not None or len(layout.rows) > 1 or max((len(r) for r in layout.rows), default=0) > 2


# -- "ระยะเวลาดำเนินการ" -----------------------------------------------------------------------------------------
_DASH = re.compile(r"\s*(?:[-–—]|ถึง)\s*")


def _month_of(word: str) -> int | None:
    word = word.strip().replace(" ", "")
    for number, name in month_names().items():
        if word == name:
            return number
    for number, name in month_abbreviations().items():
        if word in (name, name.rstrip(".")):
            return number
    return None


def _be(year: int) -> int:
    """A BE year from '๒๕๖๕' or '๖๕'."""
    return year + 2500 if year < 100 else year


_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})$")
_WORDED = re.compile(r"^(?:วันที่)?(\d{1,2})?\s*(?:เดือน)?\s*([ก-๙.]+?)\s*(?:พ\.ศ\.)?\s*(\d{2,4})$")


def _one_end(text: str) -> tuple[date, date] | None:
    """The first and last day a date or month names: '๑/๑๐/๒๕๖๕', '๑ ต.ค. ๖๕', 'ตุลาคม ๒๕๖๕', 'ต.ค. ๖๕'."""
    text = to_arabic_digits(text.strip())
    try:
        slashed = _SLASHED.match(text)
        if slashed:
            d, m, y = (int(g) for g in slashed.groups())
            day = date(ce_year(_be(y)), m, d)
            return day, day
        worded = _WORDED.match(text)
        if worded is None:
            return None
        day_text, month_text, year_text = worded.groups()
        month = _month_of(month_text)
        if month is None:
            return None
        year = ce_year(_be(int(year_text)))
        if day_text:
            day = date(year, month, int(day_text))
            return day, day
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None


def parse_period(text: str) -> tuple[date, date] | None:
    """The dates of a timeframe written as a range ('ต.ค. ๒๕๖๕ - มี.ค. ๒๕๖๖', '๑ ต.ค. ๖๕ – ๓๐ ก.ย. ๖๖',
    'ตุลาคม ๒๕๖๕ ถึง กันยายน ๒๕๖๖') or one month ('มกราคม ๒๕๖๖'); None when it reads otherwise
    ('ตลอดปีงบประมาณ', 'ภายในเดือนมกราคม'), to be kept as the timeframe as written."""
    clean = " ".join(text.split())
    if not clean:
        return None
    parts = _DASH.split(clean)
    if len(parts) == 1:
        return _one_end(parts[0])
    if len(parts) != 2:
        return None
    first, last = _one_end(parts[0]), _one_end(parts[1])
    if first is None or last is None or last[1] < first[0]:
        return None
    return first[0], last[1]
