"""Reading cells of a department's sheet: headers found by name, values as people type them in Excel.

Every problem is a CellError naming the sheet, the row and the column as Excel shows them, in Thai, so a clerk
can go straight to the cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ita_desktop.domain.model import Status
from ita_desktop.reports.office.sheet_columns import STATUS_BY_TEXT, WHOLE_MEASURE, SheetColumn, normalise_header
from ita_desktop.thai.calendar import BE_OFFSET, parse_be_date
from ita_desktop.thai.digits import to_arabic_digits

HEADER_SEARCH_ROWS = 10  # a department may put a title or two above the header row
_LEADING_NUMBER = re.compile(r"^\s*([0-9๐-๙]+)")
# "๑. ", "1) ", "1.", at the start of a step line (the writer numbers steps; a department may not)
_STEP_NUMBER = re.compile(r"^\s*[0-9๐-๙]+\s*[.)]\s?")
_BULLET = re.compile(r"^\s*[-–•]\s+")  # "- กองคลัง"; "-ก" is text, not a bullet


def where(sheet: str, row: int, column: str | None = None) -> str:
    """"แผ่นงาน 'มาตรการ' แถว 7 คอลัมน์ 'วันสิ้นสุด'"."""
    return f"แผ่นงาน '{sheet}' แถว {row}" + (f" คอลัมน์ '{column}'" if column else "")


class CellError(Exception):
    """One bad cell; the importer collects them and reports them all at once."""

    def __init__(self, sheet: str, row: int, column: str | None, problem: str) -> None:
        super().__init__(f"{where(sheet, row, column)}: {problem}")
        self.text = f"{where(sheet, row, column)}: {problem}"


@dataclass
class SheetRow:
    sheet: str
    row_number: int  # the row number Excel shows
    values: dict[str, object]  # column key -> raw cell value
    headers: dict[str, str]  # column key -> header as in the template

    def raw(self, key: str) -> object:
        return self.values.get(key)

    def has(self, key: str) -> bool:
        return key in self.values

    def error(self, key: str | None, problem: str) -> CellError:
        return CellError(self.sheet, self.row_number, self.headers.get(key, key) if key else None, problem)

    # -- typed values -------------------------------------------------------------------------------------------
    def text(self, key: str) -> str:
        value = self.raw(key)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, datetime | date):
            raise self.error(key, "ต้องเป็นข้อความ ไม่ใช่วันที่ (must be text, not a date)")
        return str(value)

    def optional_id(self, key: str) -> str | None:
        return self.text(key).strip() or None

    def number(self, key: str, *, leading: bool = False) -> int | None:
        """A whole number; with ``leading``, the number that starts a text such as '๙. การเปิดเผยข้อมูล'."""
        value = self.raw(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise self.error(key, f"ต้องเป็นตัวเลข ไม่ใช่ {value!r}")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            text = value.strip()
            match = _LEADING_NUMBER.match(text)
            if match and (leading or match.group(0).strip() == text):
                return int(to_arabic_digits(match.group(1)))
        raise self.error(key, f"ต้องเป็นตัวเลข ไม่ใช่ {value!r} (must be a whole number)")

    def day(self, key: str, warnings: list[str]) -> date | None:
        """A real Excel date, or text 'd/m/yyyy' in the Buddhist era with Arabic or Thai digits."""
        value = self.raw(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime | date):
            day = value.date() if isinstance(value, datetime) else value
            if day.year > 2400:  # typed as BE into a Gregorian cell: Excel stored year 2567 CE
                fixed = date(day.year - BE_OFFSET, day.month, day.day)
                warnings.append(f"{where(self.sheet, self.row_number, self.headers[key])}: ปี {day.year} อ่านเป็น "
                                f"พ.ศ. (ค.ศ. {fixed.year})")
                return fixed
            return day
        if isinstance(value, str):
            try:
                return parse_be_date(value)
            except ValueError:
                pass
        raise self.error(key, f"วันที่ไม่ถูกต้อง {value!r} (ใช้วันที่ของ Excel หรือ วัน/เดือน/ปี พ.ศ. เช่น 31/3/2567)")

    def lines(self, key: str, *, strip_bullets: bool = False) -> list[str]:
        out = []
        for line in self.text(key).split("\n"):
            line = _BULLET.sub("", line) if strip_bullets else line
            if line.strip():
                out.append(line.strip())
        return out

    def rounds(self, key: str) -> list[int]:
        text = to_arabic_digits(self.text(key))
        parts = [p for p in re.split(r"[,\s/;]+|และ", text.replace("เดือน", " ").replace("รอบ", " ")) if p]
        if not all(p.isdigit() for p in parts):
            raise self.error(key, f"รอบต้องเป็น ๓, ๖, ๙ หรือ ๑๒ คั่นด้วยจุลภาค ไม่ใช่ {self.text(key)!r}")
        return [int(p) for p in parts]

    def steps(self, key: str) -> list[str]:
        """Step texts from a cell: numbered lines start steps (other lines continue one), else one per line."""
        lines = [line for line in self.text(key).split("\n") if line.strip()]
        if not lines:
            return []
        if not _STEP_NUMBER.match(lines[0]):
            return [line.strip() for line in lines]
        steps: list[str] = []
        for line in lines:
            if _STEP_NUMBER.match(line):
                steps.append(_STEP_NUMBER.sub("", line, count=1))
            else:
                steps[-1] += "\n" + line
        return steps

    def status(self, key: str) -> Status | None:
        text = " ".join(self.text(key).split())
        if not text:
            return None
        if text not in STATUS_BY_TEXT:
            raise self.error(key, f"สถานะต้องเป็น {', '.join(s.thai for s in Status)} ไม่ใช่ {text!r}")
        return STATUS_BY_TEXT[text]

    def step(self, key: str) -> int | None:
        value = self.raw(key)
        if isinstance(value, str) and " ".join(value.split()) == WHOLE_MEASURE:
            return None
        return self.number(key)


def find_header(sheet: Worksheet, columns: tuple[SheetColumn, ...]) -> tuple[int, dict[str, int], list[str]]:
    """(header row, column key -> 1-based column, unknown headers) for the first row holding the required ones."""
    by_header = {normalise_header(c.header): c.key for c in columns}
    required = {normalise_header(c.header) for c in columns if c.required}
    for r, row in enumerate(sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True), 1):
        names = [normalise_header(v) for v in row]
        if required <= set(names):
            found: dict[str, int] = {}
            unknown: list[str] = []
            for c, name in enumerate(names, 1):
                if name in by_header and by_header[name] not in found:
                    found[by_header[name]] = c
                elif name:
                    unknown.append(name)
            return r, found, unknown
    missing = ", ".join(f"'{c.header}'" for c in columns if c.required)
    raise CellError(sheet.title, 1, None, f"ไม่พบแถวหัวตารางที่มีคอลัมน์ {missing} ใน {HEADER_SEARCH_ROWS} แถวแรก")


def data_rows(sheet: Worksheet, columns: tuple[SheetColumn, ...]) -> tuple[list[SheetRow], list[str]]:
    """The non-blank rows under the header, with warnings about columns the template does not know."""
    header_row, found, unknown = find_header(sheet, columns)
    headers = {c.key: c.header for c in columns}
    warnings = [f"แผ่นงาน '{sheet.title}': ไม่รู้จักคอลัมน์ '{name}' จึงไม่ได้นำเข้า" for name in unknown]
    rows: list[SheetRow] = []
    for r, row in enumerate(_rows(sheet, header_row + 1), header_row + 1):
        values = {key: row[c - 1] if c - 1 < len(row) else None for key, c in found.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
            continue
        rows.append(SheetRow(sheet.title, r, values, headers))
    return rows, warnings


def _rows(sheet: Worksheet, first: int) -> Iterator[tuple[object, ...]]:
    yield from sheet.iter_rows(min_row=first, values_only=True)


def uncached_formulas(path: Path, values: Workbook) -> list[str]:
    """Formula cells no program has calculated yet (openpyxl saves none): their value is unknown, not empty.

    ``values`` is the workbook as read with ``data_only``, where such a cell reads as None; a formula whose
    calculated result is an empty text is stored with type "str" and is not reported."""
    formulas = load_workbook(path, read_only=True)  # the formulas themselves, where ``values`` has results
    problems: list[str] = []
    try:
        for sheet in formulas.worksheets:
            shown = values[sheet.title]
            for row in sheet.iter_rows():
                for cell in row:
                    if getattr(cell, "data_type", None) != "f":
                        continue
                    result = shown[cell.coordinate]
                    if result.value is None and result.data_type != "str":
                        problems.append(
                            f"{where(sheet.title, cell.row)} เซลล์ {cell.coordinate}: สูตร {cell.value} ยังไม่มีค่าที่"
                            "คำนวณไว้ ให้เปิดไฟล์ใน Excel แล้วบันทึก หรือพิมพ์ค่าแทนสูตร (sheet "
                            f"'{sheet.title}' cell {cell.coordinate}: the formula {cell.value} has no calculated "
                            "value; open and save the workbook in Excel or LibreOffice, or type the value)")
    finally:
        formulas.close()
    return problems
