"""Wrapped "- " and "๑." items hang under their text, yet every reader keeps an item's lines together.

pdfminer joins lines into one text block only when their left (or right, or centre) edges lie within half a line
height; a continuation line hanging under the text starts 0.6–1.9 em right of its marker. Before the fix an item such
as "- ปลัด / องค์การบริหาร…" became two blocks and pdfminer read the short first line, then the next column's cell,
then the rest, so "- ปลัด" and "องค์การ…" were never read together.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from ita_desktop.reports.document_model import BulletList, Column, Report, Table, TableSection
from ita_desktop.reports.pdf.fonts import load_fonts
from ita_desktop.reports.pdf.linebreak import layout_text
from ita_desktop.reports.pdf.styles import ReportStyles
from ita_desktop.reports.pdf_export import render_report
from tests.pdf.readback import found, pdfium_pages, pdfminer_boxes, pdfminer_text

# From the sample document: a first line of 5 characters, and a numbered step whose last line is "๑๒ เดือน".
BULLET = "- ปลัดองค์การบริหารส่วนตำบลและหัวหน้าส่วนราชการทุกกองร่วมกันกำกับดูแล"
NUMBERED = "๓. รายงานผลการดำเนินการตามมาตรการ รอบ ๖ และ ๑๒ เดือน"
LISTED = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสต่อผู้บริหารท้องถิ่นทุกรอบ ๖ เดือน"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    table = Table([Column("ขั้นตอน", 1.6), Column("ผู้รับผิดชอบ", 0.7), Column("ระยะเวลา", 0.7), Column("หมายเหตุ", 3.0)],
                  [TableSection(None, [[f"๑. วิเคราะห์ผลการประเมิน\n{NUMBERED}", f"- สำนักปลัด\n{BULLET}",
                                        "ต.ค. ๖๖ – มี.ค. ๖๗", "ไม่มี"]])])
    report = Report(["รายการที่ขึ้นบรรทัดใหม่"], [table, BulletList([LISTED])], "thai", True, "ทดสอบ",
                    lambda page, total: f"หน้า {page} / {total}")
    out = tmp_path_factory.mktemp("hanging") / "hanging.pdf"
    render_report(report, ReportStyles.for_fonts(load_fonts()), out)
    return out


@pytest.mark.parametrize("item", [BULLET, NUMBERED, f"• {LISTED}"], ids=["bullet", "numbered", "listed"])
def test_pdfminer_keeps_a_wrapped_item_in_one_text_box(pdf: Path, item: str) -> None:
    """With pdfminer's default LAParams, the marker, the first line and the hanging lines are one box, in order."""
    boxes = pdfminer_boxes(pdf)
    assert any(found(item, box.text) for box in boxes), [box.text for box in boxes]


@pytest.mark.parametrize("item", [BULLET, NUMBERED, f"• {LISTED}"], ids=["bullet", "numbered", "listed"])
def test_every_reader_reads_the_marker_once_before_its_item(pdf: Path, item: str) -> None:
    for text in (pdfminer_text(pdf), "\f".join(pdfium_pages(pdf))):
        assert found(item, text)
        assert not found(item[:2] + item, text)  # the marker is not read twice


def test_marker_is_still_painted_where_the_item_starts(pdf: Path) -> None:
    """The hanging indent looks as before: ink at the marker's place, left of the item's text."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        tp = page.get_textpage()
        text = tp.get_text_range()
        start = re.search(r"ปลัด\s*องค์", text).start()  # type: ignore[union-attr]  # the item's text, after "- "
        left, bottom, _, top = tp.get_charbox(start, loose=True)
        first_line = text.index("สำนักปลัด")
        cell_left = tp.get_charbox(first_line - 2, loose=True)[0]  # the "-" of the line above, drawn as text
        scale = 4
        image = page.render(scale=scale).to_pil().convert("L")
        height = page.get_height()
        band = image.crop((int(cell_left * scale), int((height - top) * scale), int((left - 1) * scale),
                           int((height - bottom) * scale)))
        assert min(band.getextrema()) < 128, "no ink where the marker should be"
        blank = image.crop((int((cell_left - 6) * scale), int((height - top) * scale), int((cell_left - 1) * scale),
                            int((height - bottom) * scale)))
        assert min(blank.getextrema()) > 200  # and none left of the cell's text edge
    finally:
        doc.close()


def test_only_a_wrapped_items_marker_is_drawn_apart() -> None:
    """The layout marks the marker glyphs of an item that wraps; a one-line item or plain text is drawn as is."""
    style = ReportStyles.for_fonts(load_fonts()).cell
    lines = layout_text(f"- สำนักปลัด\n{BULLET}\n{NUMBERED}\nหลักฐาน: ไม่มี", style, 90)
    assert [line.marker for line in lines if line.starts_item] == [0, 2, 3, 0]
    assert all(line.marker == 0 for line in lines if not line.starts_item)


def test_a_word_too_long_for_any_line_starts_on_the_current_line() -> None:
    """A unit that must be cut anyway is not first pushed to a new line: no marker alone on its line
    ("๑." / "การ" / "ปฏิบัติหน้าที่"), and the cut falls between words newmm itself separates."""
    from ita_desktop.thai.segment import fallback_points

    style = ReportStyles.for_fonts(load_fonts()).cell
    text = "๑. การปฏิบัติหน้าที่"
    marker_only = layout_text("๑.", style, 500)[0].width
    whole = layout_text(text, style, 500)[0].width
    width = marker_only + (whole - marker_only) * 0.7  # the word fits neither after the marker nor on a line alone
    lines = layout_text(text, style, width)
    assert lines[0].text.startswith("๑. ") and len(lines[0].text) > len("๑. "), [line.text for line in lines]
    assert "".join(line.text for line in lines) == text
    assert len(lines[0].text) in fallback_points(text)
