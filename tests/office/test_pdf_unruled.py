"""Issue 13: a published PDF whose table is drawn without lines (no grid, only space between the rows).

pdfplumber finds ruled tables by their lines; on a page with none, its text strategy finds columns where the
text of several lines starts, and the table is taken only from a row whose every cell is a known heading. The
PDFs are made here with reportlab (a Thai table laid out with padding and no lines) and read back through the
same reader as every other PDF; a page whose columns cannot be told apart is refused with a message saying why.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber
import pytest

from ita_desktop.cli import main
from ita_desktop.services.documents import load
from tests.office.conftest import to_pdf
from tests.office.test_docx_import import hand_made

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"

HEADINGS = ["ตัวชี้วัด", "มาตรการ", "ขั้นตอน/วิธีการปฏิบัติ", "ผู้รับผิดชอบ", "ผลการดำเนินการ"]
ROWS = [
    [["ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"], ["มาตรการส่งเสริมการปฏิบัติหน้าที่ อย่างโปร่งใส"],
     ["๑. ประชุมชี้แจงบุคลากร", "๒. ติดตามผลการให้บริการ"], ["สำนักปลัด", "กองคลัง"],
     ["๑. ดำเนินการเมื่อ วันที่ ๑ ธันวาคม ๒๕๖๕ ประชุมแล้ว"]],
    [[], ["มาตรการป้องกันการรับสินบน"],
     ["๑. ประกาศนโยบาย No Gift Policy", "๒. เผยแพร่ประกาศทางเว็บไซต์", "๓. รายงานผล"], ["สำนักปลัด"],
     ["๑. ดำเนินการเมื่อ วันที่ ๕ มกราคม ๒๕๖๖ ประกาศแล้ว", "๒. อยู่ระหว่างดำเนินการ"]],
    [["ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล"], ["มาตรการเปิดเผยข้อมูลสาธารณะ"], ["๑. ปรับปรุงเว็บไซต์"], ["กองคลัง"], []],
]


def unruled_pdf(out: Path, *, table: bool = True, rows: list[list[list[str]]] = ROWS) -> Path:
    """A round report as an office might publish it: the title block, a table with padding and no lines (cells
    of several paragraphs, an indicator cell left empty under the one above), then the signature."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("Sarabun", str(FONTS / "Sarabun-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("Sarabun-Bold", str(FONTS / "Sarabun-Bold.ttf")))
    body = ParagraphStyle("body", fontName="Sarabun", fontSize=14, leading=19)
    bold = ParagraphStyle("bold", parent=body, fontName="Sarabun-Bold")
    centred = ParagraphStyle("title", parent=bold, fontSize=16, leading=22, alignment=TA_CENTER)
    story: list[object] = [Paragraph(line, centred) for line in (
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน",
        "องค์การบริหารส่วนตำบลทดสอบ")]
    story.append(Spacer(1, 14))
    if table:
        cells = [[Paragraph(h, bold) for h in HEADINGS]]
        cells += [[[Paragraph(line, body) for line in cell] for cell in row] for row in rows]
        grid = Table(cells, colWidths=[110, 150, 185, 90, 160], repeatRows=1)
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 5),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        story.append(grid)
    else:  # the same words as paragraphs: nothing a table could be read from
        story += [Paragraph(" ".join(line for cell in row for line in cell), body) for row in rows]
    story += [Spacer(1, 24), Paragraph("ลงชื่อ สมชาย ใจดี ผู้รายงาน", body), Paragraph("(นายสมชาย ใจดี)", body)]
    SimpleDocTemplate(str(out), pagesize=landscape(A4)).build(story)
    return out


def test_a_table_drawn_without_lines_imports_every_measure_step_unit_and_entry(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = unruled_pdf(tmp_path / "published.pdf")
    with pdfplumber.open(str(pdf)) as opened:  # truly no lines: the ruled-table finder sees nothing
        page = opened.pages[0]
        assert page.lines == [] and page.rects == [] and page.find_tables() == []
    target = tmp_path / "office.ita"
    assert main(["import", str(target), str(pdf)]) == 0
    printed = capsys.readouterr().out
    assert "3 measure(s) added" in printed
    plan = load(target).year(2566)
    assert plan is not None
    assert [m.title for m in plan.measures] == ["มาตรการส่งเสริมการปฏิบัติหน้าที่ อย่างโปร่งใส",
                                                "มาตรการป้องกันการรับสินบน", "มาตรการเปิดเผยข้อมูลสาธารณะ"]
    assert [m.indicators for m in plan.measures] == [[1], [1], [9]]  # the empty cell: the label above goes on
    assert [[s.text for s in m.steps] for m in plan.measures] == [
        ["ประชุมชี้แจงบุคลากร", "ติดตามผลการให้บริการ"],
        ["ประกาศนโยบาย No Gift Policy", "เผยแพร่ประกาศทางเว็บไซต์", "รายงานผล"], ["ปรับปรุงเว็บไซต์"]]
    assert [m.units for m in plan.measures] == [["สำนักปลัด", "กองคลัง"], ["สำนักปลัด"], ["กองคลัง"]]
    entries = [(p.round, p.step, p.done_on.isoformat() if p.done_on else None, p.result)
               for p in plan.measures[0].progress + plan.measures[1].progress if p.done_on]
    assert entries == [(6, 1, "2022-12-01", "ประชุมแล้ว"), (6, 1, "2023-01-05", "ประกาศแล้ว")]
    assert not plan.measures[2].progress
    assert [s.name for s in plan.signatories if s.name] == ["นายสมชาย ใจดี"]


def test_a_table_without_lines_over_three_pages_brings_every_row(tmp_path: Path) -> None:
    """The header repeated on each page; in every row the same words line up in the middle of the steps and the
    results (where the text strategy sees a column): those are no columns, as no heading stands over them."""
    rows = [[[f"ตัวชี้วัดที่ {i} ตัวชี้วัดทดสอบ"] if i in (1, 5, 9) else [], [f"มาตรการทดสอบที่ {i}"],
             [f"๑. ขั้นตอนแรกของมาตรการ {i}", f"๒. ขั้นตอนที่สองของมาตรการ {i}"], ["สำนักปลัด"],
             [f"๑. ดำเนินการเมื่อ วันที่ {i} ธันวาคม ๒๕๖๕ ทำแล้ว"]] for i in range(1, 13)]
    pdf = unruled_pdf(tmp_path / "long.pdf", rows=rows)
    with pdfplumber.open(str(pdf)) as opened:
        assert len(opened.pages) == 3
    target = tmp_path / "office.ita"
    assert main(["import", str(target), str(pdf)]) == 0
    plan = load(target).year(2566)
    assert plan is not None
    assert [m.title for m in plan.measures] == [f"มาตรการทดสอบที่ {i}" for i in range(1, 13)]
    assert [m.indicators[0] for m in plan.measures] == [1] * 4 + [5] * 4 + [9] * 4
    assert [[s.text for s in m.steps] for m in plan.measures] == [
        [f"ขั้นตอนแรกของมาตรการ {i}", f"ขั้นตอนที่สองของมาตรการ {i}"] for i in range(1, 13)]
    assert [(p.done_on.day if p.done_on else None, p.result) for m in plan.measures for p in m.progress] == [
        (i, "ทำแล้ว") for i in range(1, 13)]


def test_paragraphs_without_a_table_are_refused_saying_why(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    pdf = unruled_pdf(tmp_path / "letter.pdf", table=False)
    target = tmp_path / "office.ita"
    assert main(["import", str(target), str(pdf)]) == 4
    err = capsys.readouterr().err
    assert "holds no table with the headings" in err and "have no ruled lines" in err
    assert "ตารางในไฟล์ PDF นี้ไม่มีเส้นตาราง" in err
    assert not target.exists()


@pytest.mark.libreoffice
def test_a_word_table_without_borders_printed_by_libreoffice_is_refused_not_misread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The limit, stated: Word's borderless table in LibreOffice's PDF (no space between rows, Thai words the
    text strategy cuts into columns) cannot be read reliably, so it is refused with the way out, never half-read."""
    old = hand_made(tmp_path / "old.docx")
    assert {t.style.name for t in docx.Document(str(old)).tables if t.style} == {"Normal Table"}  # no borders
    pdf = to_pdf([old], tmp_path / "lo")["old"]
    target = tmp_path / "office.ita"
    assert main(["import", str(target), str(pdf)]) == 4
    err = capsys.readouterr().err
    assert "have no ruled lines" in err and "import the Word file it was made from" in err
    assert not target.exists()
