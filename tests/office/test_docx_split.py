"""Issue 12 for Word: a row taller than a page is written as several rows that each fit one, cut as the PDF cuts.

Word and LibreOffice cut a splittable row wherever the page ends and print a fragment whose other cells are empty.
Seed 002's report (layout 3, each measure reported as long numbered entries) has such rows; its DOCX must hold
them as rows kept whole (w:cantSplit), each estimated to fit a page, cut after the same line in every cell
(reports/row_cuts), the first column's label repeated with "(ต่อ)", and the text read part after part the same
as the report's. LibreOffice's PDF of it (and of seed 000's plan and the sample's layout 3) must show no row
fragment with one filled cell, about as many pages as our PDF, and the page label centred as the PDF centres it.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from ita_desktop.domain.model import Document
from ita_desktop.reports.document_model import Table
from ita_desktop.reports.layouts import build_report
from ita_desktop.reports.office.docx_rows import FIT_SHARE, row_height_mm, wrapped
from ita_desktop.reports.row_cuts import CONTINUED, MIN_SPLIT_LINES, cell_cuts, row_cut
from ita_desktop.services.documents import import_file, load
from ita_desktop.services.exporting import ExportOptions, export_document
from tests.office.conftest import to_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SEEDS = Path(__file__).parent.parent / "data" / "seeds"
REPORT_002 = ExportOptions(doc="progress", year=2566, round=6, layout=3)
PLAN_000 = ExportOptions(doc="plan", year=2568, layout=1)
CELL_SIZE = 11.0  # table text, pt
MARKED = re.compile(r"^(?:[-–•]\s|[0-9๐-๙]+(?:\.[0-9๐-๙]+)*[.)]?\s)")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    folder = tmp_path_factory.mktemp("seeds")
    out = {}
    for key, name in (("002", "002_lamliang_2566_report.json"), ("000", "000_srithat_2567_report.json")):
        target = folder / f"{key}.ita"
        import_file(target, SEEDS / name)
        out[key] = load(target)
    return out


def cell_text(cell: docx.table._Cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def body_rows(path: Path) -> tuple[list[docx.table._Row], list[float], float]:
    """The body rows of the file's first table (not the header, not the section rows), the column widths in mm
    and the page height below the repeated header, in mm."""
    word = docx.Document(str(path))
    table = word.tables[0]
    widths = [int(c.get(qn("w:w"))) * 25.4 / 1440 for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
    section = word.sections[0]
    header = [cell_text(c) for c in table.rows[0].cells]
    height, top, bottom = section.page_height, section.top_margin, section.bottom_margin
    assert height is not None and top is not None and bottom is not None
    free = height.mm - top.mm - bottom.mm - row_height_mm(header, widths, CELL_SIZE, bold=True)
    rows = [r for r in table.rows[1:] if len(r._tr.findall(qn("w:tc"))) > 1]
    return rows, widths, free


def cell_lines(cell: docx.table._Cell, width_mm: float) -> int:
    """Lines a cell is expected to take: each paragraph wrapped in the cell's width less its left indent (a
    marked line hangs by itself; a piece going on from the part before has only the indent)."""
    count = 0
    for paragraph in cell.paragraphs:
        fmt = paragraph.paragraph_format
        indent = fmt.left_indent.mm if fmt.left_indent is not None and not fmt.first_line_indent else 0.0
        count += len(wrapped(paragraph.text, width_mm - indent, CELL_SIZE))
    return count


def report_rows(document: Document, options: ExportOptions) -> list[list[str]]:
    report = build_report(document, options)
    table = next(b for b in report.blocks if isinstance(b, Table))
    return [values for section in table.sections for values in section.rows]


def joins(parts: list[str], whole: str) -> bool:
    """Whether the parts of a cell, in order, make ``whole``: each part goes on with the line the part before
    it ended with, or starts the next line."""
    done = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if not done:
            done = part
        elif whole.startswith(done + part):
            done += part
        else:
            done += "\n" + part
        if not whole.startswith(done):
            return False
    return done == whole


def test_the_cut_rule_keeps_two_lines_of_each_cell_on_each_side_and_no_empty_part() -> None:
    # a cell of 3 lines cut after 2 would leave 1: it stays whole, on the side that has room
    assert cell_cuts([10, 3, 1], 2) == [2, 3, 1]
    assert cell_cuts([10, 4, 1], 3) == [3, 2, 1]
    assert cell_cuts([10, 5, 1], 3) == [3, 3, 1]
    assert cell_cuts([10, 3, 1], 5) == [5, 3, 1]
    assert row_cut([10, 3, 1], 2) is None, "the 3-line cell does not fit above the page break"
    assert row_cut([10, 3, 1], 5) == [5, 3, 1]
    assert row_cut([10, 0, 1], 9) == [8, 0, 1], "the rest keeps two lines of the long cell"
    assert row_cut([3, 3], 1) is None
    for counts in ([12, 4, 7, 1], [30, 2, 2], [5, 5, 5]):
        for fit in range(1, 12):
            cuts = row_cut(counts, fit)
            if cuts is None:
                continue
            assert max(cuts) <= fit
            for count, k in zip(counts, cuts, strict=True):
                assert k in (0, count) or (k >= MIN_SPLIT_LINES and count - k >= MIN_SPLIT_LINES), (counts, fit)
                assert not count or k, "a cell with lines keeps some before the cut"


def test_seed_002_rows_taller_than_a_page_are_cut_into_rows_that_fit_and_read_the_same(
        seeds: dict[str, Document], tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    export_document(seeds["002"], REPORT_002, out)
    rows, widths, free = body_rows(out)
    expected = report_rows(seeds["002"], REPORT_002)
    tall = [v for v in expected if row_height_mm(v, widths, CELL_SIZE) > free * FIT_SHARE]
    assert tall, "seed 002's report has rows taller than a page (the case under test)"
    assert len(rows) > len(expected), "those rows are written as several rows"
    at = 0
    continuations = 0
    for values in expected:
        parts = [rows[at]]
        at += 1
        label = values[0].strip().split("\n")[0] + CONTINUED
        while at < len(rows) and (cell_text(rows[at].cells[0]) == label or not joins(
                [x for x in (cell_text(r.cells[0]) for r in parts) if x != label], values[0])):
            parts.append(rows[at])
            at += 1
        continuations += len(parts) - 1
        for part in parts:
            texts = [cell_text(c) for c in part.cells]
            assert part._tr.find(f"{W}trPr/{W}cantSplit") is not None, texts[0][:40]
            assert row_height_mm(texts, widths, CELL_SIZE) <= free * FIT_SHARE, "each part fits a page"
        for column, whole in enumerate(values):
            pieces = [cell_text(p.cells[column]) for p in parts]
            if column == 0:
                pieces = [pieces[0], *(x for x in pieces[1:] if x != label)]
            assert joins(pieces, whole), (column, pieces, whole)
            # here every cut falls between lines of text: each part holds whole entries
            assert "\n".join(x for x in pieces if x) == whole, (column, pieces)
            # every step or entry keeps its one number: a line cut by the page goes on without a marker
            marked = sum(1 for p in parts for para in p.cells[column].paragraphs
                         if MARKED.match(para.text) and para.text != label)
            assert marked == sum(1 for line in whole.split("\n") if MARKED.match(line))
            texts = [x for x in (cell_text(p.cells[column]) for p in parts) if column or x != label]
            held = [x for x in texts if x]
            assert texts[:len(held)] == held, ("a cell with text left keeps some before each cut", column, texts)
            if len(held) > 1:  # a cell cut by the page keeps two lines at least on each side
                lines = [cell_lines(p.cells[column], widths[column]) for p in parts[:len(held)]]
                assert min(lines) >= MIN_SPLIT_LINES, (column, lines)
        if len(parts) > 1:
            first_rest = [cell_text(p.cells[0]) for p in parts[1:]]
            assert all(x == label or x for x in first_rest), "the first column goes on, or its label says (ต่อ)"
    assert at == len(rows), "no row is left over"
    assert continuations >= len(tall)


def test_a_step_longer_than_pages_is_cut_into_rows_labelled_continued(sample: Document, tmp_path: Path) -> None:
    """One line of a cell running over several pages is cut like any other, each part a page at most."""
    import copy

    from ita_desktop.domain.model import Step

    document = copy.deepcopy(sample)
    year = document.latest_year()
    assert year is not None
    year.measures[0].steps.append(Step("ตรวจนับพัสดุคงคลังประจำไตรมาสและรายงานผลต่อผู้บริหาร " * 120))
    out = tmp_path / "tall.docx"
    export_document(document, ExportOptions(doc="plan", layout=1), out)
    rows, widths, free = body_rows(out)
    parts = [r for r in rows if "ตรวจนับพัสดุคงคลังประจำไตรมาส" in "".join(cell_text(c) for c in r.cells)]
    assert len(parts) >= 3, "a step of 120 sentences runs over several pages"
    for part in parts:
        texts = [cell_text(c) for c in part.cells]
        assert part._tr.find(f"{W}trPr/{W}cantSplit") is not None
        assert row_height_mm(texts, widths, CELL_SIZE) <= free * FIT_SHARE
    label = report_rows(document, ExportOptions(doc="plan", layout=1))[0][0].split("\n")[0] + CONTINUED
    assert [cell_text(p.cells[0]) for p in parts[1:]] == [label] * (len(parts) - 1)
    step = "".join(cell_text(p.cells[2]) for p in parts)
    assert step.count("ตรวจนับพัสดุคงคลังประจำไตรมาส") == 120


def test_the_footer_is_centred_as_the_pdfs(seeds: dict[str, Document], tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    export_document(seeds["000"], PLAN_000, out)
    footer = docx.Document(str(out)).sections[0].footer._element
    assert footer.find(f".//{W}pPr/{W}jc").get(qn("w:val")) == "center"


def fragments(pdf: Path) -> list[tuple[int, list[str | None]]]:
    """Table rows on each page with one filled cell and the others empty (a cell merged across is None, so a
    section heading is no fragment): what a row cut by the page end leaves behind."""
    import pdfplumber

    found = []
    with pdfplumber.open(str(pdf)) as document:
        for number, page in enumerate(document.pages, 1):
            for table in page.find_tables():
                for row in table.extract():
                    filled = [c for c in row if c and c.strip()]
                    if len(filled) <= 1 and any(c is not None and not c.strip() for c in row):
                        found.append((number, row))
    return found


@pytest.mark.libreoffice
def test_libreoffice_prints_no_row_fragment_and_about_the_pdfs_pages(
        seeds: dict[str, Document], sample: Document, tmp_path_factory: pytest.TempPathFactory) -> None:
    import pdfplumber
    import pypdfium2

    folder = tmp_path_factory.mktemp("lo_split")
    cases = {"report002": (seeds["002"], REPORT_002), "plan000": (seeds["000"], PLAN_000),
             "sample3": (sample, ExportOptions(doc="progress", layout=3))}
    for name, (document, options) in cases.items():
        export_document(document, options, folder / f"{name}.docx")
        export_document(document, options, folder / f"own_{name}.pdf")
        rows = report_rows(document, options)
        assert all(sum(1 for v in values if v.strip()) >= 2 for values in rows), "a whole row fills two cells"
    pdfs = to_pdf([folder / f"{name}.docx" for name in cases], folder / "lo")
    ours = theirs = 0
    for name in cases:
        assert fragments(pdfs[name]) == [], name
        own = len(pypdfium2.PdfDocument(str(folder / f"own_{name}.pdf")))
        got = len(pypdfium2.PdfDocument(str(pdfs[name])))
        assert abs(got - own) <= max(1, 0.15 * own), (name, got, own)
        ours, theirs = ours + own, theirs + got
        with pdfplumber.open(str(pdfs[name])) as printed:
            for page in printed.pages:
                words = page.extract_words()
                bottom = max(w["top"] for w in words)  # the page label, the page's last line
                line = [w for w in words if abs(w["top"] - bottom) < 2]
                middle = (min(w["x0"] for w in line) + max(w["x1"] for w in line)) / 2
                assert abs(middle - page.width / 2) < 6, (name, page.page_number, middle, page.width)
    assert abs(theirs - ours) <= 0.15 * ours, f"LibreOffice {theirs} pages, our PDF {ours}"


def table_geometry(pdf: Path, page_index: int) -> tuple[float, float, float, int]:
    """On one page: the table's header row height, how far the first body row's text starts right of the
    table's left rule and below the header's bottom rule (points), and how many body rows the page shows."""
    import pdfplumber

    with pdfplumber.open(str(pdf)) as document:
        page = document.pages[page_index]
        rules = sorted({round(e["top"], 1) for e in page.edges if e["orientation"] == "h" and e["width"] > 300})
        left = min(e["x0"] for e in page.edges if e["orientation"] == "v")
        top, header_bottom = rules[0], rules[1]
        first = min((w for w in page.extract_words() if w["top"] > header_bottom), key=lambda w: (w["top"], w["x0"]))
        return header_bottom - top, first["x0"] - left, first["top"] - header_bottom, len(rules) - 2


@pytest.mark.libreoffice
def test_libreoffice_pads_table_cells_as_the_pdf_does(seeds: dict[str, Document],
                                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    """The Word file's ruled cells carry the PDF's padding, so LibreOffice's header row is as tall as the PDF's
    and the cell text sits as far from the rules: lines wrap at the same width and rows are as tall, so a row
    the PDF moves to the next page moves there in LibreOffice too (seed 000's plan, page 2: one row)."""
    folder = tmp_path_factory.mktemp("lo_padding")
    export_document(seeds["000"], PLAN_000, folder / "plan.docx")
    export_document(seeds["000"], PLAN_000, folder / "own_plan.pdf")
    printed = to_pdf([folder / "plan.docx"], folder / "lo")["plan"]
    header, inset, below, rows = table_geometry(printed, 1)
    own_header, own_inset, own_below, own_rows = table_geometry(folder / "own_plan.pdf", 1)
    assert abs(header - own_header) < 1.5, (header, own_header)
    assert abs(inset - own_inset) < 1.5, (inset, own_inset)
    assert abs(below - own_below) < 2.0, (below, own_below)
    assert rows == own_rows == 1, (rows, own_rows)
