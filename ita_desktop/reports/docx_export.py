"""Word export: the same Report the PDF prints (layouts.build_report), written with python-docx.

Clerks still tweak documents in Word, so the file uses plain Word features only: real tables with repeated header
rows, paragraphs per line of a cell (bullets and numbers stay text, as typed), PAGE/NUMPAGES fields in the footer.
Fonts follow office/thai_runs (complex-script slots): by default the bundled Sarabun at the PDF's 12 pt, embedded
in the file (office/docx_fonts), or an installed font the caller names.
An export of several parts writes each after a page break with its own title block, in one section, so the
PAGE/NUMPAGES footer numbers the whole file.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as WordParagraph

from ita_desktop.domain.model import Document
from ita_desktop.reports.document_model import (
    BarChart,
    Block,
    BulletList,
    Heading,
    Paragraph,
    Report,
    SignatureBlock,
    Table,
)
from ita_desktop.reports.office.docx_rows import row_height_mm
from ita_desktop.reports.office.docx_split import Piece, row_parts
from ita_desktop.reports.office.docx_tables import (
    add_row,
    keep_row_whole,
    keep_with_next_row,
    mark_header,
    new_table,
    set_borders,
    shade,
    span_row,
)
from ita_desktop.reports.office.page_digits import FAMILY as PAGE_DIGITS
from ita_desktop.reports.office.thai_runs import DEFAULT_FONT, DEFAULT_SIZE, add_field, add_run, set_document_defaults
from ita_desktop.reports.profiles import build_reports
from ita_desktop.services.exporting import ExportOptions, ProgressCallback
from ita_desktop.thai.digits import digits

PAGE_W, PAGE_H = 297.0, 210.0  # A4 landscape, mm
MARGIN = 15.0
BODY_W = PAGE_W - 2 * MARGIN
HEADER_FILL = "D9D9D9"
SECTION_FILL = "F2F2F2"
CELL_SHARE = 11 / 12  # table text is 11 pt beside 12 pt body text, as in the PDF (reports/pdf/styles.py)
CHART_STEPS = 20  # bar cells: 5 points each
# "- ", "๑. ", "๑.๒ ", "1) " at the start of a line: wrapped lines hang under the text, not under the marker.
_MARKER = re.compile(r"^(?:[-–•]\s|[0-9๐-๙]+(?:\.[0-9๐-๙]+)*[.)]?\s)")
_FIELD_SWITCH = {"thai": r" \* ThaiArabic", "arabic": r" \* Arabic"}


class _Writer:
    def __init__(self, report: Report, font: str, size: float, *, number_font: str | None = None) -> None:
        self.report = report
        self.font = font
        self.number_font = number_font or font  # the font of the footer's page numbers (office/page_digits)
        self.size = size
        self.cell_size = size * CELL_SHARE
        self.doc: WordDocument = docx.Document()
        self.last_row: _Row | None = None  # the last body row of the table just written
        set_document_defaults(self.doc.styles.element, font, size, cell_size=size * CELL_SHARE)
        self._page_setup()

    # -- page -----------------------------------------------------------------------------------------------
    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE if self.report.landscape else WD_ORIENT.PORTRAIT
        width, height = (PAGE_W, PAGE_H) if self.report.landscape else (PAGE_H, PAGE_W)
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.left_margin = section.right_margin = section.top_margin = Mm(MARGIN)
        section.bottom_margin = Mm(MARGIN + 3)
        section.footer_distance = Mm(8)
        self.body_width = width - 2 * MARGIN
        self.body_height = height - MARGIN - section.bottom_margin.mm
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER  # w:jc="center", as the PDF centres its page label
        self._page_number(footer)

    def _page_number(self, paragraph: WordParagraph) -> None:
        """'หน้า ๑ / ๕' from the report's own label, with the numbers as PAGE and NUMPAGES fields.

        Word shows Thai digits for ``\\* ThaiArabic``. LibreOffice reads that switch (and ThaiLetter, ThaiCardText)
        as its Thai *letter* numbering, "หน้า ก / จ", and no switch or ``w:pgNumType`` format reaches its native
        numbering. So LibreOffice is given ``\\* Arabic`` through a Markup Compatibility fallback, and the fields'
        runs are in ``number_font``: with the bundled Sarabun, "ITA Page Digits" (office/page_digits), which draws
        1 and ๑ alike as Sarabun's ๑. docs/docx-page-numbers.md has the evidence.
        """
        style = self.report.digits
        label = self.report.page_label(111, 222)
        page, total = digits(111, style), digits(222, style)
        before, rest = label.split(page, 1)
        middle, after = rest.split(total, 1)
        switch = _FIELD_SWITCH[style]
        fallback = _FIELD_SWITCH["arabic"] if style == "thai" else None
        add_run(paragraph, before, self.font, self.size)
        add_field(paragraph, f"PAGE{switch}", digits(1, style), self.number_font, self.size,
                  fallback=f"PAGE{fallback}" if fallback else None)
        add_run(paragraph, middle, self.font, self.size)
        add_field(paragraph, f"NUMPAGES{switch}", digits(1, style), self.number_font, self.size,
                  fallback=f"NUMPAGES{fallback}" if fallback else None)
        if after:
            add_run(paragraph, after, self.font, self.size)

    # -- text -----------------------------------------------------------------------------------------------
    def paragraph(self, text: str = "", *, bold: bool = False, align: WD_ALIGN_PARAGRAPH | None = None,
                  first_line_mm: float = 0.0, left_mm: float = 0.0) -> WordParagraph:
        p = self.doc.add_paragraph()
        self._fill(p, text, bold=bold, align=align, first_line_mm=first_line_mm, left_mm=left_mm)
        return p

    def _fill(self, p: WordParagraph, text: str, *, bold: bool = False, align: WD_ALIGN_PARAGRAPH | None = None,
              first_line_mm: float = 0.0, left_mm: float = 0.0, size: float | None = None) -> None:
        if align is not None:
            p.alignment = align
        if left_mm:
            p.paragraph_format.left_indent = Mm(left_mm)
        if first_line_mm:
            p.paragraph_format.first_line_indent = Mm(first_line_mm)
        if text:
            add_run(p, text, self.font, size or self.size, bold=bold)

    def cell_text(self, cell: _Cell, text: str, *, bold: bool = False,
                  align: WD_ALIGN_PARAGRAPH | None = None) -> None:
        """One Word paragraph per line of the cell, at the PDF's cell size; marked lines ('- ', '๑.') hang."""
        lines = text.split("\n") if text else [""]
        self.cell_pieces(cell, [Piece(line, line) for line in lines], bold=bold, align=align)

    def cell_pieces(self, cell: _Cell, pieces: list[Piece], *, bold: bool = False,
                    align: WD_ALIGN_PARAGRAPH | None = None) -> None:
        """One Word paragraph per piece of a line; a piece that goes on with a line cut by the page has no
        marker of its own and lines up under the text of the line's first piece."""
        for i, piece in enumerate(pieces):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            marker = _MARKER.match(piece.line)
            hang = len(marker.group(0)) * self.cell_size * 0.14 if marker else 0.0  # ≈ width of the marker, mm
            self._fill(p, piece.text, bold=bold, align=align, left_mm=hang,
                       first_line_mm=0.0 if piece.continues else -hang, size=self.cell_size)

    # -- blocks ---------------------------------------------------------------------------------------------
    def title(self) -> None:
        for line in self.report.title_lines:
            self.paragraph(line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.keep_with_next = True
        self.paragraph()

    def heading(self, block: Heading) -> None:
        p = self.paragraph(block.text, bold=True, left_mm=0.0 if block.level <= 1 else 10.0)
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.space_before = Mm(2)

    def text(self, block: Paragraph) -> None:
        self.paragraph(block.text, align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,
                       first_line_mm=25.0 if block.indent_first_line else 0.0)

    def bullets(self, block: BulletList) -> None:
        for item in block.items:
            self.paragraph(f"- {item}", left_mm=15.0, first_line_mm=-4.0)

    def table(self, block: Table) -> None:
        """The layout's table: a repeated header row, section rows kept with the row below, every row that fits
        a page kept whole (office/docx_rows) and a taller one cut into rows that do (office/docx_split), so no
        page shows a fragment of a row with empty cells."""
        total = sum(c.weight for c in block.columns) or 1.0
        widths = [self.body_width * c.weight / total for c in block.columns]
        table = new_table(self.doc, widths)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = add_row(table, widths)
        mark_header(header)
        for cell, column in zip(header.cells, block.columns, strict=True):
            self.cell_text(cell, column.header, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            shade(cell, HEADER_FILL)
        free = self.body_height - row_height_mm([c.header for c in block.columns], widths, self.cell_size, bold=True)
        for section in block.sections:
            if section.heading:
                row = add_row(table, widths)
                keep_row_whole(row)
                cell = span_row(row)
                self.cell_text(cell, section.heading, bold=True)
                shade(cell, SECTION_FILL)
                keep_with_next_row(row)
            for values in section.rows:
                for part in row_parts(values, widths, self.cell_size, free):
                    row = add_row(table, widths)
                    for cell, pieces in zip(row.cells, part.cells, strict=True):
                        self.cell_pieces(cell, pieces)
                    if part.fits:
                        keep_row_whole(row)
                    self.last_row = row
        self.paragraph()

    def chart(self, block: BarChart) -> None:
        """Scores as a table: label, score, and a bar of shaded cells (5 points each) with the target line."""
        style = self.report.digits
        self.paragraph(block.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.keep_with_next = True
        label_w, score_w = self.body_width * 0.42, self.body_width * 0.1
        bar_w = (self.body_width - label_w - score_w) / CHART_STEPS
        widths = [label_w, score_w] + [bar_w] * CHART_STEPS
        table = new_table(self.doc, widths, grid=False)
        target_cell = round(block.target / (100 / CHART_STEPS))
        header = add_row(table, widths)
        mark_header(header)
        self.cell_text(header.cells[0], "ตัวชี้วัด", bold=True)
        self.cell_text(header.cells[1], block.y_label, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        scale = header.cells[2].merge(header.cells[-1])
        self.cell_text(scale, f"{digits(0, style)}\u2013{digits(100, style)} คะแนน (เส้นแดง = ค่าเป้าหมาย "
                              f"{digits(f'{block.target:.0f}', style)})", align=WD_ALIGN_PARAGRAPH.CENTER)
        for label, score in block.bars:
            row = add_row(table, widths)
            keep_row_whole(row)
            self.cell_text(row.cells[0], label)
            self.cell_text(row.cells[1], digits(f"{score:.2f}", style), align=WD_ALIGN_PARAGRAPH.CENTER)
            fill = "70AD47" if score >= block.target else "ED7D31"
            for i, cell in enumerate(row.cells[2:]):
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                if i * (100 / CHART_STEPS) < score:
                    shade(cell, fill)
                if i == target_cell:
                    set_borders(cell, left=("single", 12, "C00000"))
        self.paragraph()

    def signatures(self, block: SignatureBlock) -> None:
        """Signers side by side, as offices sign: 'ลงชื่อ …… role', '(name)', 'ตำแหน่ง …', the date."""
        per_row = min(3, max(1, len(block.signers)))
        widths = [self.body_width / per_row] * per_row
        if self.last_row is not None:  # right after a table: its last row goes over with the signers
            keep_with_next_row(self.last_row)
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        self.paragraph().paragraph_format.keep_with_next = True
        table = new_table(self.doc, widths, grid=False)
        for start in range(0, len(block.signers), per_row):
            row = add_row(table, widths)
            keep_row_whole(row)
            for cell, signer in zip(row.cells, block.signers[start:start + per_row], strict=False):
                lines = [*signer.lines, ""]
                self.cell_text(cell, "\n".join(lines), align=WD_ALIGN_PARAGRAPH.CENTER)

    def block(self, block: Block) -> None:
        if not isinstance(block, SignatureBlock | Table):
            self.last_row = None  # only a signature block right after a table keeps with its last row
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.text(block)
        elif isinstance(block, BulletList):
            self.bullets(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, BarChart):
            self.chart(block)
        elif isinstance(block, SignatureBlock):
            self.signatures(block)

    def metadata(self, title: str) -> None:
        props = self.doc.core_properties
        props.title = title
        props.author = self.report.author
        props.subject = self.report.subject
        props.language = "th-TH"


def export_docx(document: Document, options: ExportOptions, out: Path, progress: ProgressCallback | None = None,
                *, font: str = DEFAULT_FONT, size: float = DEFAULT_SIZE) -> None:
    """Write the report ``options`` asks for as a .docx; ``font`` is a font family name installed in Word."""
    from ita_desktop.services.documents import write_atomically

    reports = build_reports(document, options)
    # Thai page numbers in the bundled font: its digits made into a font of their own (office/page_digits), drawn
    # as ๑ / ๕ by LibreOffice too. An installed font the caller names keeps its own digits (Word: ๑ / ๕).
    thai_numbers = font == DEFAULT_FONT and reports[0].digits == "thai"
    writer = _Writer(reports[0], font, size, number_font=PAGE_DIGITS if thai_numbers else None)
    if font == DEFAULT_FONT:  # the bundled font travels with the file (Word and LibreOffice read it)
        from ita_desktop.paths import resource
        from ita_desktop.reports.office.docx_fonts import embed_font
        from ita_desktop.reports.office.page_digits import page_digits_font

        regular = resource("fonts", "Sarabun-Regular.ttf")
        embed_font(writer.doc, font, regular, resource("fonts", "Sarabun-Bold.ttf"))
        if thai_numbers:
            embed_font(writer.doc, PAGE_DIGITS, page_digits_font(regular))
    steps = sum(len(r.blocks) for r in reports) + 2
    done = 0
    if progress:
        progress(0, steps, "title")
    for n, report in enumerate(reports):
        first = len(writer.doc.paragraphs)
        writer.report = report
        writer.title()
        if n:  # each further part starts a page, with its own title block
            writer.doc.paragraphs[first].paragraph_format.page_break_before = True
        for block in report.blocks:
            writer.block(block)
            done += 1
            if progress:
                progress(done, steps, type(block).__name__)
    writer.report = reports[0]
    writer.metadata(" / ".join(r.file_title for r in reports))
    _end_without_blank_page(writer.doc)
    buffer = io.BytesIO()
    writer.doc.save(buffer)
    write_atomically(out, buffer.getvalue())
    if progress:
        progress(steps, steps, "done")


def _end_without_blank_page(doc: WordDocument) -> None:
    """End the body on a paragraph (Word needs a w:p last, a table may not be) that is 1 pt tall when empty.

    The spacer after a table that ends at the foot of a page would otherwise open a last page of its own.
    """
    body = doc.element.body
    if body[-2].tag == qn("w:tbl"):  # body[-1] is sectPr
        body.insert(len(body) - 1, OxmlElement("w:p"))
    last = WordParagraph(body[-2], doc._body)
    if last.text.strip():
        return
    last.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    last.paragraph_format.line_spacing = Pt(1)
    last.paragraph_format.space_before = Pt(0)
    mark = last._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")  # the paragraph mark's own size: its line is 1 pt
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), "2")
        rpr.append(size)
    mark.append(rpr)
