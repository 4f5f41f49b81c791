"""Word table plumbing python-docx does not offer: fixed column widths, repeated header rows, shading, borders.

Widths are written three times (``w:tblW``, the ``w:tblGrid`` columns and every cell's ``w:tcW``) with a fixed
layout, because Word trusts the cells, LibreOffice trusts the grid, and either re-flows an "autofit" table.
A ruled table's cells keep the PDF's padding (``w:tblCellMar``) instead of Word's 1.9 mm at the sides and none
above and below: its lines wrap at the PDF's words, and in LibreOffice (which sets the PDF's line pitch) its rows
are as tall as the PDF's. Word's single line for Sarabun is taller (office/docx_rows), so Word's rows still are.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table, _Cell, _Row

from ita_desktop.reports.pdf.table import PAD_X, PAD_Y

TWIPS_PER_MM = 1440 / 25.4
# Elements that follow w:shd / w:tcBorders inside w:tcPr (ECMA-376 CT_TcPr sequence).
_AFTER_BORDERS = ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
_AFTER_SHADING = _AFTER_BORDERS[1:]


def twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def new_table(document: WordDocument, widths_mm: list[float], *, grid: bool = True) -> Table:
    """An empty fixed-layout table with these column widths (and single-line borders when ``grid``)."""
    table: Table = document.add_table(rows=0, cols=len(widths_mm))
    if grid:
        table.style = document.styles["Table Grid"]
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(twips(w) for w in widths_mm)))
    tbl_w.set(qn("w:type"), "dxa")
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(twips(width)))
    if grid:
        _pad_cells(tbl_pr)
    return table


def _pad_cells(tbl_pr: BaseOxmlElement) -> None:
    """The PDF's cell padding as the table's default cell margins (w:tblCellMar follows w:tblLayout)."""
    margins = OxmlElement("w:tblCellMar")
    for side, points in (("top", PAD_Y), ("left", PAD_X), ("bottom", PAD_Y), ("right", PAD_X)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(points * 20)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def add_row(table: Table, widths_mm: list[float]) -> _Row:
    """A new row whose cells carry their widths (Word ignores the grid without them)."""
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]
    for cell, width in zip(row.cells, widths_mm, strict=True):
        tc_w = cell._tc.get_or_add_tcPr().get_or_add_tcW()
        tc_w.set(qn("w:w"), str(twips(width)))
        tc_w.set(qn("w:type"), "dxa")
    return row


def _tr_property(row: _Row, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    order = ("w:cantSplit", "w:trHeight", "w:tblHeader")
    element = OxmlElement(tag)
    successors = (*order[order.index(tag) + 1:], "w:tblCellSpacing", "w:jc", "w:hidden")
    tr_pr.insert_element_before(element, *successors)


def mark_header(row: _Row) -> None:
    """Repeat this row at the top of every page the table runs onto, and never split it."""
    _tr_property(row, "w:cantSplit")
    _tr_property(row, "w:tblHeader")


def keep_row_whole(row: _Row) -> None:
    _tr_property(row, "w:cantSplit")


def keep_with_next_row(row: _Row) -> None:
    """Keep this row on the page of the row (or paragraph) after it: Word keeps a row whose paragraphs all keep
    with the next one together with what follows."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def shade(cell: _Cell, fill: str) -> None:
    """Fill a cell with an RGB colour such as ``"D9D9D9"``."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(shd, *_AFTER_SHADING)


def set_borders(cell: _Cell, **sides: tuple[str, int, str]) -> None:
    """Borders of one cell: side=(style, eighths of a point, colour), e.g. left=("single", 12, "C00000")."""
    borders: BaseOxmlElement = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            style, size, color = sides[side]
            element = OxmlElement(f"w:{side}")
            element.set(qn("w:val"), style)
            element.set(qn("w:sz"), str(size))
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), color)
            borders.append(element)
    cell._tc.get_or_add_tcPr().insert_element_before(borders, *_AFTER_BORDERS)


def span_row(row: _Row) -> _Cell:
    """Merge the whole row into one cell (a section heading such as "๑. แบบวัด … (IIT)")."""
    cells = row.cells
    return cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
