"""Write a report as a Thai PDF: A4 (landscape for the wide tables), title block, blocks, tables, page labels.

The layout of every word is done by ``reports.pdf`` (segmentation, HarfBuzz shaping, line breaking between words);
this module only arranges blocks on pages. An export of several parts (analysis + plan) is one story: each
part starts on a new page with its own title block, and the page numbers run across the whole file.
The file is written beside the target and moved into place at the end, so a failed export never leaves half a
PDF under the clerk's file name.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, SimpleDocTemplate, Spacer

from ita_desktop.domain.model import Document
from ita_desktop.errors import UserError
from ita_desktop.reports.document_model import (
    BarChart,
    BulletList,
    Heading,
    Paragraph,
    Report,
    SignatureBlock,
    Table,
)
from ita_desktop.reports.pdf.chart import ThaiBarChart
from ita_desktop.reports.pdf.flowable import ThaiParagraph
from ita_desktop.reports.pdf.fonts import load_fonts
from ita_desktop.reports.pdf.page import Signatures, numbered_canvas
from ita_desktop.reports.pdf.styles import ReportStyles
from ita_desktop.reports.pdf.table import PAD_Y, ThaiTable, layout_table
from ita_desktop.reports.profiles import build_reports
from ita_desktop.reports.row_cuts import CONTINUED, MIN_SPLIT_LINES
from ita_desktop.services.exporting import ExportOptions, ProgressCallback
from ita_desktop.thai.segment import prepare

# Streams are Flate-compressed only. ReportLab's default wraps them in ASCII85 too, which makes a file a quarter
# bigger for no reader's benefit and is encoded in Python: ≈ 2.5 % of the instructions of a whole export.
rl_config.useA85 = 0

MARGIN = 36.0  # 1.27 cm
BOTTOM_MARGIN = 42.0  # room for the page label
PARAGRAPH_INDENT = 36.0
BULLET = "•"


def export_pdf(document: Document, options: ExportOptions, out: Path,
               progress: ProgressCallback | None = None) -> None:
    """Write the report ``options`` asks for to ``out`` as a PDF."""
    reports = build_reports(document, options)
    fonts = load_fonts(options.font, options.bold_font)
    render_reports(reports, ReportStyles.for_fonts(fonts), out, progress)


def _texts(report: Report) -> Iterator[str]:
    """Every text the report prints, for the segmenter to take in one go (a text left out costs time, not words)."""
    yield from report.title_lines
    yield report.page_label(1, 1)
    for block in report.blocks:
        if isinstance(block, Heading | Paragraph):
            yield block.text
        elif isinstance(block, BulletList):
            yield from block.items
        elif isinstance(block, Table):
            yield from (column.header for column in block.columns)
            for section in block.sections:
                yield from [section.heading] if section.heading else []
                for row in section.rows:
                    yield from row
                    yield (row[0].strip().split("\n")[0] if row else "") + CONTINUED  # its label on a next page
        elif isinstance(block, BarChart):
            yield block.title
            yield from (label for label, _ in block.bars)
        elif isinstance(block, SignatureBlock):
            yield from (line for signer in block.signers for line in (signer.role, *signer.lines))


def _part_steps(report: Report) -> int:
    """Progress steps of one part: title lines, blocks, table rows."""
    return len(report.title_lines) + sum(b.row_count() if isinstance(b, Table) else 1 for b in report.blocks)


def _flowables(report: Report, styles: ReportStyles, width: float, progress: ProgressCallback | None,
               steps: int, done: int = 0, height: float | None = None) -> list[Flowable]:

    def tick(what: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, steps, what)

    story: list[Flowable] = []
    for i, line in enumerate(report.title_lines):
        title = ThaiParagraph(line, styles.title if i == 0 else styles.subtitle)
        title.keepWithNext = True
        story.append(title)
        tick("กำลังจัดหัวเรื่องของเอกสาร")
    story.append(Spacer(1, 8))
    for block in report.blocks:
        if isinstance(block, Heading):
            style = styles.heading1 if block.level <= 1 else styles.heading2
            indent = 0.0 if block.level <= 1 else PARAGRAPH_INDENT / 2
            heading = ThaiParagraph(block.text, style, space_before=6, space_after=2, left_indent=indent)
            heading.keepWithNext = True  # never alone at the foot of a page
            story.append(heading)
        elif isinstance(block, Paragraph):
            story.append(ThaiParagraph(block.text, styles.body, PARAGRAPH_INDENT if block.indent_first_line else 0,
                                       space_after=4))
        elif isinstance(block, BulletList):
            for item in block.items:
                story.append(ThaiParagraph(f"{BULLET} {item}", styles.body, left_indent=PARAGRAPH_INDENT / 2,
                                           space_after=1))
        elif isinstance(block, Table):
            table = layout_table(block, width, styles, on_row=lambda: tick("กำลังจัดตาราง"), page_height=height)
            _keep_lead_with_first_rows(story, table, width)
            story.append(table)
            continue
        elif isinstance(block, BarChart):
            story.append(ThaiBarChart(block, styles, min(width, 640.0), report.digits))
        elif isinstance(block, SignatureBlock):
            signatures = Signatures(block, styles.body, width)
            if isinstance(story[-1], ThaiTable):  # signed under the last rows, never alone on a page
                story[-1].keep_with_last = signatures.height + signatures.spaceBefore
            story.append(signatures)
        tick("กำลังจัดหน้าเอกสาร")  # what the progress box shows: words, never a class name
    return story


def _keep_lead_with_first_rows(story: list[Flowable], table: ThaiTable, width: float) -> None:
    """Headings (and title lines) just above a table stay with its header and first row, not with the whole
    table: a page break before them only when those do not fit (as Word's "keep with next" does), so a short
    table no longer leaves a page with three lines and moves heading and table on together."""
    lead = 0
    while lead < len(story) and isinstance(story[-1 - lead], ThaiParagraph) \
            and getattr(story[-1 - lead], "keepWithNext", False):
        lead += 1
    if not lead or not table.rows:
        return
    rows = table.rows[:2] if table.rows[0].kind == "section" else table.rows[:1]
    # a tall first row may be cut after two lines, so more than that is never asked for
    first = sum(min(r.height, r.style.leading * MIN_SPLIT_LINES + 2 * PAD_Y) for r in rows)
    need = table.header.height + first + table.spaceBefore
    for flowable in story[-lead:]:
        flowable.keepWithNext = False
        _, h = flowable.wrap(width, 10_000)
        need += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    story.insert(len(story) - lead, CondPageBreak(need))


def render_report(report: Report, styles: ReportStyles, out: Path, progress: ProgressCallback | None = None) -> None:
    """Typeset ``report`` into ``out``."""
    render_reports([report], styles, out, progress)


def render_reports(reports: list[Report], styles: ReportStyles, out: Path,
                   progress: ProgressCallback | None = None) -> None:
    """Typeset the parts of one file into ``out``, each from a new page (page size, metadata and page labels
    are the first part's)."""
    report = reports[0]
    pagesize = landscape(A4) if report.landscape else A4
    part = out.with_name(out.name + ".part")
    doc = SimpleDocTemplate(
        str(part), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN, title=" / ".join(r.file_title for r in reports), author=report.author,
        subject=report.subject,
        creator="ITA Desktop", lang="th-TH",
        # Pages start in our embedded font; ReportLab's default declares a non-embedded Helvetica on every page.
        initialFontName=styles.body.font.fontName,
    )
    steps = sum(_part_steps(r) for r in reports) + 1  # and writing the file
    prepare(text for piece in reports for text in _texts(piece))
    story: list[Flowable] = []
    done = 0
    for piece in reports:
        if story:
            story.append(PageBreak())
        story += _flowables(piece, styles, doc.width, progress, steps, done, doc.height)
        done += _part_steps(piece)
    try:
        with part.open("wb") as fh:  # ours to close when a write fails (a full disk), not left to ReportLab
            doc.filename = fh
            doc.build(story, canvasmaker=numbered_canvas(report.page_label, styles.small, BOTTOM_MARGIN))
        os.replace(part, out)
    except PermissionError:
        part.unlink(missing_ok=True)
        raise UserError(f"Cannot write {out}: is it open in another program? "
                        f"เขียนไฟล์ไม่ได้ อาจเปิดค้างอยู่ในโปรแกรมอื่น") from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    if progress:
        progress(steps, steps, "เสร็จแล้ว")
