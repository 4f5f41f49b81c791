"""Table rows break across pages as Word breaks them (issue 12): a row that fits a fresh page moves on whole; a
taller one is cut after the same line in every cell, never leaving a part with empty cells, and its continuation
repeats the first column's label marked "(ต่อ)"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ita_desktop.reports.document_model import Column, Report, Table, TableSection
from ita_desktop.reports.pdf.fonts import load_fonts
from ita_desktop.reports.pdf.styles import ReportStyles
from ita_desktop.reports.pdf.table import ThaiTable, layout_table
from ita_desktop.reports.pdf_export import render_report
from tests.pdf.readback import pdfium_pages

STEP = "ประชุมชี้แจงแนวทางการปฏิบัติงานแก่เจ้าหน้าที่ทุกกอง และจัดทำรายงานผลการดำเนินการเสนอผู้บริหาร"


@pytest.fixture(scope="module")
def styles() -> ReportStyles:
    return ReportStyles.for_fonts(load_fonts())


def table_of(*rows: list[str]) -> Table:
    return Table([Column("มาตรการ", 1.0), Column("ขั้นตอน", 2.0), Column("ผู้รับผิดชอบ", 1.0)],
                 [TableSection(None, [list(r) for r in rows])])


def steps(n: int) -> str:
    return "\n".join(f"{i}. {STEP}" for i in range(1, n + 1))


def parts(table: ThaiTable, first_room: float, page: float) -> list[ThaiTable]:
    """The pieces of ``table`` on a page with ``first_room`` points left, then on fresh pages."""
    out: list[ThaiTable] = []
    rest, room = table, first_room
    while True:
        rest.wrap(rest._width, room)
        if rest.height <= room:
            return [*out, rest]
        pieces = rest.split(rest._width, room)
        if not pieces:  # nothing fits here: next page
            room = page
            continue
        out.append(pieces[0])
        if len(pieces) == 1:
            return out
        rest, room = pieces[1], page


def test_a_row_that_fits_a_fresh_page_moves_on_whole(styles: ReportStyles) -> None:
    page = 480.0
    table = layout_table(table_of(["มาตรการที่ ๑", steps(2), "สำนักปลัด"], ["มาตรการที่ ๒", steps(8), "กองคลัง"]),
                         700, styles, page_height=page + 12)
    first_row = table.rows[0].height + table.header.height
    pieces = parts(table, first_row + 0.5 * table.rows[1].height, page)  # the page is well over a quarter full
    assert [len(p.rows) for p in pieces] == [1, 1]
    assert pieces[1].rows[0] is table.rows[1]  # moved whole, not cut


def test_a_row_taller_than_a_page_is_cut_in_every_cell_at_once_and_continued(styles: ReportStyles) -> None:
    page = 300.0
    row = ["มาตรการประชาสัมพันธ์ช่องทางร้องเรียน\nแนวทางการรับเรื่องร้องเรียน", steps(14),
           "สำนักปลัด\nกองคลัง\nกองช่าง\nกองการศึกษา"]
    table = layout_table(table_of(row), 700, styles, page_height=page + 12)
    pieces = parts(table, page, page)
    assert len(pieces) >= 2
    for piece in pieces:
        for part in piece.rows:
            filled = [bool(cell) for cell in part.cells]
            if part is not pieces[-1].rows[-1]:
                assert filled[0] and filled[1], "a part of the row without its measure or its steps"
            assert all(len(cell) >= 2 or not cell or len(orig) < 2
                       for cell, orig in zip(part.cells, table.rows[0].cells, strict=True))
    continued = pieces[1].rows[0].cells[0]
    assert "".join(line.text for line in continued).endswith("(ต่อ)")
    assert "".join(line.text for line in continued).startswith("มาตรการประชาสัมพันธ์ช่องทางร้องเรียน")


def test_the_pdf_shows_the_continuation_and_loses_no_step(tmp_path: Path, styles: ReportStyles) -> None:
    report = Report(title_lines=["รายงานผล"], blocks=[table_of(["มาตรการยาว", steps(30), "สำนักปลัด"])],
                    digits="thai", landscape=True, file_title="t", page_label=lambda p, n: f"หน้า {p} / {n}")
    out = tmp_path / "long.pdf"
    render_report(report, styles, out)
    pages = pdfium_pages(out)
    assert len(pages) >= 2
    assert "มาตรการยาว (ต่อ)" in pages[1].replace("\r\n", "\n")
    text = "".join(pages).replace("\r\n", "").replace("\n", "")
    for i in range(1, 31):
        assert f"{i}. ประชุมชี้แจง" in text


def test_the_signatures_never_stand_alone_on_the_last_page(tmp_path: Path, styles: ReportStyles) -> None:
    from ita_desktop.reports.document_model import SignatureBlock, Signer

    signer = Signer("ผู้จัดทำ", "นายสมชาย ใจดี", "ปลัด", ("ลงชื่อ ........ ผู้จัดทำ", "(นายสมชาย ใจดี)", "ตำแหน่ง ปลัด"))
    for n in range(8, 16):  # tables ending at every height of the page: one of them would leave the block alone
        rows = [[f"มาตรการที่ {i}", steps(1), "สำนักปลัด"] for i in range(1, n + 1)]
        report = Report(title_lines=["รายงานผล"], blocks=[table_of(*rows), SignatureBlock([signer])],
                        digits="thai", landscape=True, file_title="t", page_label=lambda p, t: f"หน้า {p} / {t}")
        out = tmp_path / f"signed-{n}.pdf"
        render_report(report, styles, out)
        last = pdfium_pages(out)[-1]
        assert "ลงชื่อ" in last and "มาตรการที่" in last, f"{n} rows: the signatures stand alone"


def test_a_heading_keeps_with_the_first_rows_not_the_whole_table(tmp_path: Path, styles: ReportStyles) -> None:
    """Analysis, page 3 had three lines and then the heading and its table on the next page."""
    from ita_desktop.reports.document_model import Heading, Paragraph

    words = "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ " * 3
    rows = [[f"มาตรการที่ {i}", steps(1), "สำนักปลัด"] for i in range(1, 13)]
    for paragraphs in range(5, 12):  # the heading falls at several heights of page 1
        report = Report(title_lines=["รายงานการวิเคราะห์"],
                        blocks=[*[Paragraph(words) for _ in range(paragraphs)], Heading("๔. มาตรการส่งเสริมคุณธรรม"),
                                table_of(*rows)],
                        digits="thai", landscape=True, file_title="t", page_label=lambda p, t: f"หน้า {p} / {t}")
        out = tmp_path / f"lead-{paragraphs}.pdf"
        render_report(report, styles, out)
        pages = pdfium_pages(out)
        heading_page = next(i for i, page in enumerate(pages) if "๔. มาตรการส่งเสริมคุณธรรม" in page)
        assert re.search(r"มาตรการที่ 1(?!\d)", pages[heading_page]), paragraphs  # with its first row
        if heading_page:  # moved on only when not even the header and a first row fitted below it
            assert pages[heading_page - 1].count(words[:20]) >= paragraphs - 1
