"""Excel export of a fiscal year's measures and progress: the template departments fill in and send back.

Sheets: เอกสาร (template name, fiscal year, organisation), มาตรการ (one row per measure) and ผลการดำเนินการ
(one row per measure × round × step). Progress is one sheet with the round as a column, not a sheet per round:
one header to learn, Excel's filter picks a round, and a row names its measure id, round and step, so the
importer matches it without guessing. Steps the plan monitors in a round but nobody has reported yet get an
empty row (blank status) to fill in. Generated text (step numbers, indicator numbers, rounds) follows the digit
style; dates are real dates shown in the Buddhist era by Excel's Thai calendar format.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ita_desktop.domain.model import Document, Measure, Progress, YearPlan
from ita_desktop.errors import UserError
from ita_desktop.reports.office.sheet_cells import finish_row, put_date, put_number, put_text, write_header
from ita_desktop.reports.office.sheet_columns import (
    DATE_FORMATS,
    INFO_FORMAT,
    INFO_ORG,
    INFO_SHEET,
    INFO_YEAR,
    MEASURE_COLUMNS,
    MEASURE_SHEET,
    PROGRESS_COLUMNS,
    PROGRESS_SHEET,
    STATUS_CHOICES,
    TEMPLATE_NAME,
    WHOLE_MEASURE,
    SheetColumn,
)
from ita_desktop.services.exporting import ExportOptions, ProgressCallback
from ita_desktop.thai.digits import DigitStyle, digits

DEFAULT_SHEET_FONT = "TH SarabunPSK"
DEFAULT_SHEET_SIZE = 14.0
# Whole numbers stay numbers (sortable) but show in the chosen digits: 0D = Thai numerals, 041E = Thai.
NUMBER_FORMATS: dict[DigitStyle, str] = {"thai": "[$-D00041E]0", "arabic": "0"}


class _SheetWriter:
    def __init__(self, plan: YearPlan, style: DigitStyle, font: str, size: float) -> None:
        self.plan = plan
        self.style = style
        self.font = font
        self.size = size
        self.date_format = DATE_FORMATS[style]
        self.number_format = NUMBER_FORMATS[style]

    def d(self, value: str | int) -> str:
        return digits(value, self.style)

    def indicator(self, number: int) -> str:
        found = self.plan.indicator(number)
        return f"{self.d(number)}. {found.name}" if found else self.d(number)

    def steps(self, m: Measure) -> str:
        return "\n".join(f"{self.d(i)}. {s.text}" for i, s in enumerate(m.steps, 1))

    def rounds(self, m: Measure) -> str:
        return ", ".join(self.d(r) for r in m.rounds)

    def info(self, sheet: Worksheet, organization: str) -> None:
        rows: list[tuple[str, str | int]] = [(INFO_FORMAT, TEMPLATE_NAME), (INFO_YEAR, self.plan.fiscal_year),
                                             (INFO_ORG, organization)]
        for r, (label, value) in enumerate(rows, 1):
            put_text(sheet.cell(row=r, column=1), label)
            cell = sheet.cell(row=r, column=2)
            if isinstance(value, int):
                put_number(cell, value, self.number_format)
            else:
                put_text(cell, value)
        put_text(sheet.cell(row=5, column=1), "หมายเหตุ")
        put_text(sheet.cell(row=5, column=2), "แก้ไขได้ในแผ่นงาน 'มาตรการ' และ 'ผลการดำเนินการ' แถวที่ไม่มีรหัส"
                                               "จะนำเข้าเป็นรายการใหม่")
        sheet.column_dimensions["A"].width = 22
        sheet.column_dimensions["B"].width = 60
        for row in sheet.iter_rows(min_row=1, max_row=5, max_col=2):
            for cell in row:
                cell.font = Font(name=self.font, size=self.size, bold=cell.column == 1)
                cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        sheet.row_dimensions[5].height = 42

    def measures(self, sheet: Worksheet) -> None:
        write_header(sheet, MEASURE_COLUMNS, self.font, self.size)
        for r, m in enumerate(self.plan.measures, 2):
            values: dict[str, str] = {
                "indicator": "\n".join(self.indicator(n) for n in m.indicators), "issue": m.issue, "title": m.title,
                "guideline": m.guideline, "steps": self.steps(m), "units": "\n".join(m.units),
                "monitoring": m.monitoring, "rounds": self.rounds(m), "id": m.id,
            }
            self._row(sheet, r, MEASURE_COLUMNS, values,
                      dates={"start": m.start, "end": m.end}, numbers={"order": r - 1})

    def progress(self, sheet: Worksheet) -> None:
        write_header(sheet, PROGRESS_COLUMNS, self.font, self.size)
        status_col = next(i for i, c in enumerate(PROGRESS_COLUMNS, 1) if c.key == "status")
        letter = sheet.cell(row=1, column=status_col).column_letter
        choices = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True)
        sheet.add_data_validation(choices)
        r = 2
        for order, m in enumerate(self.plan.measures, 1):
            rounds = sorted(set(m.rounds) | {p.round for p in m.progress})
            for round_ in rounds:
                for step in [None, *range(1, len(m.steps) + 1)]:
                    entries: list[Progress | None] = list(m.entries_for(round_, step))  # each entry, in order
                    if not entries and (step is None or round_ not in m.rounds):
                        continue
                    for p in entries or [None]:
                        self._progress_row(sheet, r, order, m, round_, step, p)
                        r += 1
        if r > 2:
            choices.add(f"{letter}2:{letter}{r - 1}")

    def _progress_row(self, sheet: Worksheet, r: int, order: int, m: Measure, round_: int, step: int | None,
                      p: Progress | None) -> None:
        values = {
            "title": m.title, "step": WHOLE_MEASURE if step is None else "",
            "step_text": m.steps[step - 1].text if step else "", "measure_id": m.id,
            "status": p.status.thai if p else "", "result": p.result if p else "",
            "outcome": p.outcome if p else "", "evidence_urls": "\n".join(p.evidence_urls) if p else "",
            "id": p.id if p else "",
        }
        self._row(sheet, r, PROGRESS_COLUMNS, values, dates={"done_on": p.done_on if p else None},
                  numbers={"order": order, "round": round_, "step": step})

    def _row(self, sheet: Worksheet, r: int, columns: tuple[SheetColumn, ...], texts: dict[str, str],
             dates: dict[str, date | None], numbers: dict[str, int | None]) -> None:
        for c, column in enumerate(columns, 1):
            cell = sheet.cell(row=r, column=c)
            if column.key in numbers and numbers[column.key] is not None:
                put_number(cell, numbers[column.key], self.number_format)
            elif column.is_date:
                put_date(cell, dates.get(column.key), self.date_format)
            elif texts.get(column.key):
                put_text(cell, texts[column.key])
        finish_row(sheet, r, columns, self.font, self.size)


def workbook_for(document: Document, options: ExportOptions, *, font: str = DEFAULT_SHEET_FONT,
                 size: float = DEFAULT_SHEET_SIZE) -> Workbook:
    """The template workbook of one fiscal year (the options' year, else the latest)."""
    plan = document.year(options.year) if options.year is not None else document.latest_year()
    if plan is None:
        raise UserError("The document has no such fiscal year. ไม่มีปีงบประมาณนี้ในเอกสาร")
    writer = _SheetWriter(plan, options.digits, font, size)
    book = Workbook()
    info = book.active
    assert info is not None
    info.title = INFO_SHEET
    writer.info(info, document.organization.name)
    writer.measures(book.create_sheet(MEASURE_SHEET))
    writer.progress(book.create_sheet(PROGRESS_SHEET))
    book.active = 1
    book.properties.title = f"มาตรการ ปีงบประมาณ พ.ศ. {writer.d(plan.fiscal_year)}"
    book.properties.creator = document.organization.name or "ITA Desktop"
    return book


def export_xlsx(document: Document, options: ExportOptions, out: Path, progress: ProgressCallback | None = None,
                *, font: str = DEFAULT_SHEET_FONT, size: float = DEFAULT_SHEET_SIZE) -> None:
    """Write the measures and progress template of a fiscal year as .xlsx (atomically)."""
    from ita_desktop.services.documents import write_atomically

    if progress:
        progress(0, 2, "sheets")
    book = workbook_for(document, options, font=font, size=size)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(out, buffer.getvalue())
    if progress:
        progress(2, 2, "done")
