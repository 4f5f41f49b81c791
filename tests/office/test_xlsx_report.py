"""The report workbook (issue 12): the chosen document and layout as a printable sheet; the data workbook stays the
one departments fill in, and importing a report workbook says so plainly."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from ita_desktop.cli import main
from ita_desktop.domain.model import Document
from ita_desktop.reports.layouts import LAYOUT_COLUMNS, build_report
from ita_desktop.reports.office.sheet_cells import LINE_POINTS
from ita_desktop.reports.office.sheet_columns import MEASURE_SHEET, REPORT_SHEET
from ita_desktop.reports.xlsx_report import LineCounter, report_workbook
from ita_desktop.services.exporting import ExportOptions
from tests.office.conftest import pdf_text, to_pdf


@pytest.fixture(scope="module")
def report_xlsx(sample_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "progress.xlsx"
    assert main(["export", str(sample_file), str(out), "--doc", "progress", "--round", "6", "--layout", "5"]) == 0
    return out


def test_the_report_workbook_holds_the_layouts_table_ready_to_print(report_xlsx: Path, sample: Document) -> None:
    book = openpyxl.load_workbook(report_xlsx)
    assert book.sheetnames == [REPORT_SHEET]
    sheet = book[REPORT_SHEET]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    headers = [h for h, _ in LAYOUT_COLUMNS[5]]
    header_row = next(i for i, row in enumerate(values, 1) if row[:len(headers)] == headers)
    assert sheet.print_title_rows == f"${header_row}:${header_row}"  # repeated on every printed page
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToHeight == 0
    widths = [sheet.column_dimensions[chr(65 + i)].width for i in range(len(headers))]
    assert 95 <= sum(widths) <= 105  # the page's width in the sheet's font: printed near 100 %, never tiny
    report = build_report(sample, ExportOptions(doc="progress", round=6, layout=5))
    assert values[0][0] == report.title_lines[0]
    cells = {v for row in values for v in row if isinstance(v, str)}
    table = next(b for b in report.blocks if hasattr(b, "sections"))
    for section in table.sections:
        for row in section.rows:
            assert set(filter(None, row)) <= cells
    counter = LineCounter()
    for r, row in enumerate(values, 1):  # every row tall enough for its text in the sheet's font
        if r > header_row and row[1]:
            need = max(counter.count(str(v), w) for v, w in zip(row, widths, strict=False) if v)
            assert sheet.row_dimensions[r].height >= LINE_POINTS * need
    steps = [str(v) for row in values for v in row if isinstance(v, str) and re.match(r"^[๐-๙]+\. [๐-๙]+\.", v)]
    assert not steps  # numbered once, never "๑. 1. …"


def test_the_data_workbook_is_asked_for_by_name_and_a_report_workbook_is_not_imported(
        sample_file: Path, report_xlsx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data.xlsx"
    assert main(["export", str(sample_file), str(data), "--doc", "data"]) == 0
    assert MEASURE_SHEET in openpyxl.load_workbook(data).sheetnames
    assert main(["export", str(sample_file), str(tmp_path / "data.pdf"), "--doc", "data"]) == 2
    assert "write it to a .xlsx file" in capsys.readouterr().err
    before = sample_file.read_bytes()
    assert main(["import", str(sample_file), str(report_xlsx)]) == 2
    err = capsys.readouterr().err
    assert "is a report workbook" in err and "--doc data" in err and "Traceback" not in err
    assert sample_file.read_bytes() == before


@pytest.mark.libreoffice
def test_the_report_workbook_prints_in_libreoffice_with_its_text(report_xlsx: Path, sample: Document,
                                                                tmp_path: Path) -> None:
    """Every character of every cell reaches LibreOffice's print (a row too low clips its text, and LibreOffice
    interleaves the lines of neighbouring cells, so characters are counted rather than cells matched)."""
    from collections import Counter

    pdf = to_pdf([report_xlsx], tmp_path)[report_xlsx.stem]
    printed = Counter(pdf_text(pdf))
    report = build_report(sample, ExportOptions(doc="progress", round=6, layout=5))
    table = next(b for b in report.blocks if hasattr(b, "sections"))
    cells = "".join(cell for section in table.sections for row in section.rows
                    for cell in row)
    wanted = Counter(re.sub(r"\s+", "", cells))
    lost = sum((wanted - printed).values())
    assert lost <= 0.002 * sum(wanted.values()), (wanted - printed).most_common(5)


def test_report_workbook_of_a_report_without_a_table(sample: Document) -> None:
    report = build_report(sample, ExportOptions(doc="analysis"))
    sheet = report_workbook(report)[REPORT_SHEET]
    assert sheet["A1"].value == report.title_lines[0]
