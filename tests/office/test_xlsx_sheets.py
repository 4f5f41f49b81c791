"""A workbook's sheets and formulas are never skipped or read as empty without a word (issue 16, item 7)."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from ita_desktop.cli import main
from ita_desktop.reports.office.sheet_columns import (
    INFO_SHEET,
    INFO_YEAR,
    MEASURE_COLUMNS,
    MEASURE_SHEET,
    PROGRESS_COLUMNS,
    PROGRESS_SHEET,
    SheetColumn,
)
from ita_desktop.services.documents import load


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def column(columns: tuple[SheetColumn, ...], key: str) -> str:
    """The Excel column letter of a template column."""
    letter: str = get_column_letter(next(i for i, c in enumerate(columns, 1) if c.key == key))
    return letter


@pytest.fixture
def setup(sample_file: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(a copy of the sample document, its 2567 workbook exported through the CLI)."""
    doc = tmp_path / "copy.ita"
    doc.write_bytes(sample_file.read_bytes())
    xlsx = tmp_path / "plan.xlsx"
    assert main(["export", str(doc), str(xlsx), "--doc", "data"]) == 0
    return doc, xlsx


def refused(doc: Path, xlsx: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Import through the CLI; assert it fails and wrote nothing; return the message."""
    before = sha(doc)
    capsys.readouterr()
    assert main(["import", str(doc), str(xlsx)]) == 4
    stderr = capsys.readouterr().err
    assert stderr.startswith("ita-desktop: นำเข้าไม่ได้ ไม่มีการเปลี่ยนแปลงเอกสาร") and "Traceback" not in stderr
    assert sha(doc) == before
    return stderr


def test_a_renamed_progress_sheet_is_an_error_naming_it(setup: tuple[Path, Path],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    doc, xlsx = setup
    book = openpyxl.load_workbook(xlsx)
    sheet = book[PROGRESS_SHEET]
    sheet[f"{column(PROGRESS_COLUMNS, 'result')}2"] = "ผลที่เพิ่งพิมพ์ ต้องไม่หายไปเงียบ ๆ"
    sheet.title = "ผลการดำเนินงาน"
    book.save(xlsx)
    stderr = refused(doc, xlsx, capsys)
    assert "แผ่นงาน 'ผลการดำเนินงาน': ไม่รู้จักแผ่นงานนี้" in stderr
    assert "unknown sheet 'ผลการดำเนินงาน'" in stderr and f"'{PROGRESS_SHEET}'" in stderr


def test_an_extra_sheet_with_content_is_an_error_and_a_blank_one_is_not(
        setup: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    doc, xlsx = setup
    book = openpyxl.load_workbook(xlsx)
    book.create_sheet("Sheet1")  # what Excel adds and nobody fills
    book.save(xlsx)
    assert main(["import", str(doc), str(xlsx)]) == 0
    book.create_sheet("สรุป")["B4"] = "มาตรการเพิ่มเติมของกองช่าง"
    book.save(xlsx)
    assert "unknown sheet 'สรุป'" in refused(doc, xlsx, capsys)


@pytest.mark.parametrize(("sheet_name", "cell"), [
    (MEASURE_SHEET, f"{column(MEASURE_COLUMNS, 'title')}2"),
    (MEASURE_SHEET, f"{column(MEASURE_COLUMNS, 'end')}4"),
    (PROGRESS_SHEET, f"{column(PROGRESS_COLUMNS, 'result')}3"),
    (INFO_SHEET, "year"),
])
def test_a_formula_without_a_calculated_value_is_an_error_naming_sheet_and_cell(
        sheet_name: str, cell: str, setup: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    doc, xlsx = setup
    book = openpyxl.load_workbook(xlsx)
    sheet = book[sheet_name]
    if cell == "year":  # the fiscal year's value cell, beside its label
        cell = next(f"B{r[0].row}" for r in sheet.iter_rows(max_col=1) if r[0].value == INFO_YEAR)
    sheet[cell] = "=A1"  # openpyxl saves a formula with no cached value, as a script would
    book.save(xlsx)
    titles = [m.title for m in load(doc).years[-1].measures]
    stderr = refused(doc, xlsx, capsys)
    row = re.sub(r"\D", "", cell)
    assert f"แผ่นงาน '{sheet_name}' แถว {row} เซลล์ {cell}: สูตร =A1 ยังไม่มีค่าที่คำนวณไว้" in stderr
    assert f"sheet '{sheet_name}' cell {cell}: the formula =A1 has no calculated value" in stderr
    assert [m.title for m in load(doc).years[-1].measures] == titles


def test_a_formula_whose_calculated_result_is_empty_text_is_read_as_empty(
        setup: tuple[Path, Path], tmp_path: Path) -> None:
    """Excel stores an empty-text result as type "str" with an empty value: known, so not an error."""
    doc, xlsx = setup
    book = openpyxl.load_workbook(xlsx)
    cell = f"{column(MEASURE_COLUMNS, 'monitoring')}2"
    book[MEASURE_SHEET][cell] = '=IF(TRUE,"","x")'
    sheet_part = f"xl/worksheets/sheet{book.sheetnames.index(MEASURE_SHEET) + 1}.xml"
    book.save(xlsx)
    calculated = tmp_path / "calculated.xlsx"
    with zipfile.ZipFile(xlsx) as source, zipfile.ZipFile(calculated, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == sheet_part:
                data, count = re.subn(rf'<c r="{cell}"( s="\d+")?>'.encode(),
                                      rf'<c r="{cell}"\1 t="str">'.encode(), data)
                assert count == 1
            out.writestr(item, data)
    assert main(["import", str(doc), str(calculated)]) == 0
    assert load(doc).years[-1].measures[0].monitoring == ""
