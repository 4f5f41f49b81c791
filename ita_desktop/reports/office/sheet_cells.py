"""Cell writing rules for the Excel template: text stays text, dates stay dates, rows tall enough to read.

openpyxl turns any string starting with "=" into a formula, and Excel re-reads "+", "-" and "@" as formulas the
moment a clerk edits such a cell ("- รอบ ๖ เดือน" is an ordinary bullet here), so text is stored as a string
with Excel's quote prefix. Excel does not grow rows to fit wrapped text when it opens a file, so heights are
estimated from the text.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import date

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from ita_desktop.reports.office.sheet_columns import SheetColumn

FORMULA_STARTS = ("=", "+", "-", "@")
HEADER_FILL = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
LINE_POINTS = 20.0  # one line of 14 pt Thai text, with room for marks above and below


def put_text(cell: Cell, text: str) -> None:
    """Write ``text`` as text, never as a formula."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def put_date(cell: Cell, day: date | None, number_format: str) -> None:
    cell.value = day
    cell.number_format = number_format


def put_number(cell: Cell, value: int | None, number_format: str) -> None:
    cell.value = value
    cell.number_format = number_format


def visible_length(line: str) -> int:
    """Characters that take horizontal room: Thai vowel and tone marks above/below do not."""
    return sum(1 for ch in line if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))


def estimated_lines(text: str, width: float) -> int:
    per_line = max(1.0, width * 1.3)
    return sum(max(1, math.ceil(visible_length(line) / per_line)) for line in text.split("\n"))


def write_header(sheet: Worksheet, columns: tuple[SheetColumn, ...], font_name: str, size: float) -> None:
    """Bold grey header row, frozen, with filters; column widths from the template."""
    font = Font(name=font_name, size=size, bold=True)
    for i, column in enumerate(columns, 1):
        cell = sheet.cell(row=1, column=i)
        put_text(cell, column.header)
        cell.font = font
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[cell.column_letter].width = column.width
    sheet.row_dimensions[1].height = LINE_POINTS * max(estimated_lines(c.header, c.width) for c in columns)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{sheet.cell(row=1, column=len(columns)).column_letter}1"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def finish_row(sheet: Worksheet, row: int, columns: tuple[SheetColumn, ...], font_name: str, size: float) -> None:
    """Font, wrapping and a height that shows every line of the row."""
    font = Font(name=font_name, size=size)
    lines = 1
    for i, column in enumerate(columns, 1):
        cell = sheet.cell(row=row, column=i)
        cell.font = font
        cell.alignment = Alignment(vertical="top", wrap_text=column.wrap)
        if isinstance(cell.value, str) and column.wrap:
            lines = max(lines, estimated_lines(cell.value, column.width))
    sheet.row_dimensions[row].height = LINE_POINTS * lines
