"""Steps the clerk numbered herself ("1. เจ้าหน้าที่…", "2) …") print their numbers in the document's digits (issue 11
point 10): "๑." in a Thai-digit PDF, DOCX or XLSX, numbered once, never "1." beside Thai page and step numbers; the
stored text stays as typed, and an Arabic-digit export prints it as typed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from ita_desktop.domain.catalogue import default_indicators
from ita_desktop.domain.model import Document, Measure, Organization, Progress, Status, Step, YearPlan
from ita_desktop.services.exporting import ExportOptions, export_document
from tests.pdf.readback import found, pdfium_pages, pdfminer_text

STEPS = ["1. เจ้าหน้าที่จัดทำประกาศเผยแพร่", "2) เผยแพร่ทางเว็บไซต์ของหน่วยงาน", "ติดตามผลทุกเดือน"]


def office() -> Document:
    measure = Measure(indicators=[9], title="มาตรการเปิดเผยข้อมูลข่าวสาร", units=["สำนักปลัด"],
                      start=date(2022, 10, 1), end=date(2023, 9, 30), rounds=[6],
                      steps=[Step(text) for text in STEPS],
                      progress=[Progress(6, 1, Status.DONE, date(2023, 1, 10), "1. ประกาศแล้ว")])
    plan = YearPlan(fiscal_year=2566, indicators=default_indicators(), measures=[measure])
    return Document(organization=Organization(name="เทศบาลเมืองเดชอุดม", province="อุบลราชธานี"), years=[plan])


def exported_text(doc: Document, out: Path, options: ExportOptions) -> str:
    export_document(doc, options, out)
    if out.suffix == ".pdf":
        return "\n".join(pdfium_pages(out)) + "\n" + pdfminer_text(out)
    if out.suffix == ".docx":
        word = WordDocument(str(out))
        return "\n".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    book = load_workbook(out)
    return "\n".join(str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
                     if c.value is not None)


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".xlsx"])
def test_typed_step_numbers_print_in_thai_digits_in_a_thai_digit_document(tmp_path: Path, suffix: str) -> None:
    doc = office()
    text = exported_text(doc, tmp_path / f"plan{suffix}", ExportOptions(doc="plan", layout=1))
    for typed in ("๑. เจ้าหน้าที่จัดทำประกาศเผยแพร่", "๒) เผยแพร่ทางเว็บไซต์ของหน่วยงาน", "๓. ติดตามผลทุกเดือน"):
        assert found(typed, text), typed
    assert not found("1. เจ้าหน้าที่", text) and not found("2) เผยแพร่", text)
    assert not found("๑. ๑.", text)  # numbered once: the clerk's own number is the step's number
    assert [s.text for s in doc.years[0].measures[0].steps] == STEPS  # kept as typed


def test_a_typed_number_in_a_progress_entry_follows_the_digits_too(tmp_path: Path) -> None:
    text = exported_text(office(), tmp_path / "r6.pdf", ExportOptions(doc="progress", round=6, layout=4))
    assert found("๑. ดำเนินการเมื่อ วันที่ ๑๐ มกราคม ๒๕๖๖ ประกาศแล้ว", text)
    assert "1." not in text


def test_an_arabic_digit_export_prints_the_typed_numbers_as_typed(tmp_path: Path) -> None:
    text = exported_text(office(), tmp_path / "plan.pdf", ExportOptions(doc="plan", layout=1, digits="arabic"))
    assert found("1. เจ้าหน้าที่จัดทำประกาศเผยแพร่", text) and found("2) เผยแพร่ทางเว็บไซต์ของหน่วยงาน", text)
    assert found("3. ติดตามผลทุกเดือน", text)
