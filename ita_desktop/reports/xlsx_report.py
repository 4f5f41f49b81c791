"""The report workbook: the chosen document and layout as one printable Excel sheet.

Built from the same Report as the PDF and the DOCX (reports.layouts), so it prints the same words in the same
places: title lines, the office's own paragraphs, the table with its section rows and its header repeated on
every printed page, the signatures. Printed on landscape A4 with the columns sized from the layout's weights to
the page's width (so fitting the width keeps it near 100 %; the data workbook's many columns made that print
tiny), wrapped text, and row heights counted from the text in the sheet's font, since Excel does not grow rows
to fit wrapped text when it opens a file. Steps are numbered once (the Report's cells already are). The data
workbook (reports.xlsx_export) is the one departments fill in and bring back; this one is for printing, and
`import` says so when handed one.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ita_desktop.domain.model import Document
from ita_desktop.reports.document_model import (
    BarChart,
    BulletList,
    Heading,
    Paragraph,
    Report,
    SignatureBlock,
    Table,
)
from ita_desktop.reports.office.sheet_cells import HEADER_FILL, LINE_POINTS, put_text
from ita_desktop.reports.office.sheet_columns import REPORT_SHEET
from ita_desktop.services.exporting import ExportOptions, ProgressCallback

# Column widths are counted in the default font's digits: the workbook's default font is the sheet's (Sarabun's
# digit at 14 pt is 10 px), so ~100 of them span landscape A4 inside these margins, and printing fits the width
# at about 100 % wherever the font is (Excel with TH SarabunPSK, LibreOffice with Sarabun).
PRINTABLE_WIDTH = 100.0
DIGIT_PX = 10
FONT = "TH SarabunPSK"
SIZE = 14.0
THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SECTION_FILL = HEADER_FILL


class LineCounter:
    """Lines a text takes in a cell, counted by the PDF's own Thai line breaker in the bundled Sarabun (what
    LibreOffice substitutes for TH SarabunPSK, and about as wide), with a margin for the application's own breaks."""

    SAFETY = 0.8  # share of the cell's width the breaker may fill: LibreOffice and Excel break earlier (URLs too)

    def __init__(self) -> None:
        from ita_desktop.reports.pdf.fonts import load_fonts
        from ita_desktop.reports.pdf.linebreak import TextStyle

        fonts = load_fonts()
        self.styles = {False: TextStyle(fonts.regular, SIZE, SIZE * 1.3), True: TextStyle(fonts.bold, SIZE, SIZE * 1.3)}

    @staticmethod
    def points(width_units: float) -> float:
        """An Excel column width (digits of the default font) in points: (digit px × width + 5 px) at 96 dpi."""
        return (DIGIT_PX * width_units + 5) * 0.75

    def count(self, text: str, width_units: float, *, bold: bool = False) -> int:
        from ita_desktop.reports.pdf.linebreak import layout_text

        width = self.points(width_units) * self.SAFETY - 4  # the cell's own padding
        return max(1, len(layout_text(text, self.styles[bold], width)))


class _ReportSheet:
    def __init__(self, sheet: Worksheet, columns: int, widths: list[float]) -> None:
        self.sheet = sheet
        self.columns = columns
        self.widths = widths
        self.row = 1
        self.lines = LineCounter()

    def merged(self, text: str, *, bold: bool = False, align: str = "left", size: float = SIZE,
               fill: bool = False, border: bool = False) -> None:
        """One line of text across the whole width (a title line, a paragraph, a section row)."""
        cell = self.sheet.cell(row=self.row, column=1)
        put_text(cell, text)
        cell.font = Font(name=FONT, size=size, bold=bold)
        cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
        if fill:
            cell.fill = SECTION_FILL
        if self.columns > 1:
            self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=self.columns)
        if border:
            for c in range(1, self.columns + 1):
                self.sheet.cell(row=self.row, column=c).border = GRID
        lines = self.lines.count(text, sum(self.widths) * SIZE / size, bold=bold)
        self.sheet.row_dimensions[self.row].height = LINE_POINTS * size / SIZE * lines
        self.row += 1

    def cells(self, texts: list[str], *, header: bool = False) -> None:
        lines = 1
        for i, text in enumerate(texts, 1):
            cell = self.sheet.cell(row=self.row, column=i)
            put_text(cell, text)
            cell.font = Font(name=FONT, size=SIZE, bold=header)
            cell.alignment = Alignment(horizontal="center" if header else "left",
                                       vertical="center" if header else "top", wrap_text=True)
            cell.border = GRID
            if header:
                cell.fill = HEADER_FILL
            lines = max(lines, self.lines.count(text, self.widths[i - 1], bold=header))
        self.sheet.row_dimensions[self.row].height = LINE_POINTS * lines
        self.row += 1

    def blank(self) -> None:
        self.row += 1


def _widths(report: Report) -> tuple[int, list[float]]:
    table = next((b for b in report.blocks if isinstance(b, Table)), None)
    if table is None:
        return 1, [PRINTABLE_WIDTH]
    total = sum(c.weight for c in table.columns) or 1.0
    return len(table.columns), [PRINTABLE_WIDTH * c.weight / total for c in table.columns]


def report_workbook(report: Report) -> Workbook:
    """A workbook holding ``report`` as one sheet, ready to print."""
    book = Workbook()
    book._fonts[0] = Font(name=FONT, size=SIZE)  # the Normal style's font: what column widths are counted in
    book._named_styles["Normal"].font = Font(name=FONT, size=SIZE)
    sheet = book.active
    assert sheet is not None
    sheet.title = REPORT_SHEET
    columns, widths = _widths(report)
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    out = _ReportSheet(sheet, columns, widths)
    for i, line in enumerate(report.title_lines):
        out.merged(line, bold=True, align="center", size=SIZE + (2 if i == 0 else 0))
    out.blank()
    for block in report.blocks:
        if isinstance(block, Heading):
            out.merged(block.text, bold=True)
        elif isinstance(block, Paragraph):
            out.merged(("        " if block.indent_first_line else "") + block.text)
        elif isinstance(block, BulletList):
            for item in block.items:
                out.merged(f"• {item}")
        elif isinstance(block, BarChart):
            for label, score in block.bars:
                out.merged(f"{label}: {score:.2f}")
        elif isinstance(block, Table):
            header_row = out.row
            out.cells([c.header for c in block.columns], header=True)
            sheet.print_title_rows = f"{header_row}:{header_row}"
            for section in block.sections:
                if section.heading:
                    out.merged(section.heading, bold=True, fill=True, border=True)
                for row in section.rows:
                    out.cells([*row, *[""] * (len(block.columns) - len(row))][:len(block.columns)])
            out.blank()
        elif isinstance(block, SignatureBlock):
            out.blank()
            for signer in block.signers:
                for line in signer.lines:
                    out.merged(line, align="center")
                out.blank()
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1  # the layout's columns were sized for the page: this keeps the print near 100 %
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "หน้า &P / &N"
    sheet.print_area = f"A1:{get_column_letter(columns)}{max(out.row - 1, 1)}"
    book.properties.title = report.file_title
    book.properties.creator = report.author or "ITA Desktop"
    book.properties.subject = report.subject
    return book


def export_report_xlsx(document: Document, options: ExportOptions, out: Path,
                       progress: ProgressCallback | None = None) -> None:
    """Write the report ``options`` asks for as a printable workbook (atomically)."""
    from ita_desktop.reports.layouts import build_report
    from ita_desktop.services.documents import write_atomically

    if progress:
        progress(0, 2, "report")
    buffer = io.BytesIO()
    report_workbook(build_report(document, options)).save(buffer)
    write_atomically(out, buffer.getvalue())
    if progress:
        progress(2, 2, "done")
