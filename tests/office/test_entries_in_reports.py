"""Reports of documents as offices write them: measures tied to no indicator or to several, and several dated
entries for one step in one round, each printed once and in the clerk's order (DESIGN §6, issue 10)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ita_desktop.domain.catalogue import default_indicators
from ita_desktop.domain.model import Document, Measure, Organization, Progress, Status, Step, YearPlan
from ita_desktop.reports.document_model import Table
from ita_desktop.reports.layouts import GENERAL_SECTION, LAYOUTS_BY_DOC, build_report
from ita_desktop.services.exporting import ExportOptions, export_document
from tests.office.conftest import pdf_text, squeeze

CASES = [(kind, layout) for kind, layouts in LAYOUTS_BY_DOC.items() for layout in layouts if kind != "analysis"]
FIRST = "ประกาศเจตจำนงแล้ว"
SECOND = "เผยแพร่บนเว็บไซต์อีกครั้ง"
WHOLE = "สรุปผลทั้งมาตรการ"


def office_document() -> Document:
    general = Measure(indicators=[], title="มาตรการตรวจสอบการใช้ดุลพินิจ", rounds=[6, 12],
                      steps=[Step("จัดทำมาตรการตรวจสอบการใช้ดุลพินิจ")],
                      progress=[Progress(round=6, step=None, status=Status.DONE, result=WHOLE)])
    several = Measure(indicators=[2, 3], title="มาตรการการใช้งบประมาณและการใช้อำนาจ", rounds=[6, 12],
                      steps=[Step("ประกาศเจตจำนง"), Step("ประชุมชี้แจง")],
                      progress=[Progress(round=6, step=1, status=Status.DONE, done_on=date(2022, 12, 1),
                                         result=FIRST),
                                Progress(round=6, step=1, status=Status.DONE, done_on=date(2023, 1, 27),
                                         result=SECOND)])
    plan = YearPlan(fiscal_year=2566, indicators=default_indicators(), measures=[general, several])
    return Document(organization=Organization(name="องค์การบริหารส่วนตำบลศรีธาตุ"), years=[plan])


def table_text(kind: str, layout: int) -> tuple[Table, str]:
    report = build_report(office_document(), ExportOptions(doc=kind, layout=layout, round=6))  # type: ignore[arg-type]
    table = next(b for b in report.blocks if isinstance(b, Table))
    cells = "\n".join(cell for section in table.sections for row in section.rows for cell in row)
    return table, cells


@pytest.mark.parametrize(("kind", "layout"), CASES)
def test_every_entry_prints_once_in_order_and_a_measure_without_indicator_is_kept(kind: str, layout: int) -> None:
    table, cells = table_text(kind, layout)
    assert table.row_count() == 2
    if FIRST in cells:  # the layouts that print results print every entry of the step, in order
        assert cells.count(FIRST) == cells.count(SECOND) == 1
        assert cells.index(FIRST) < cells.index(SECOND)
        assert cells.count(WHOLE) == 1


@pytest.mark.parametrize(("kind", "layout"), [(k, lay) for k, lay in CASES if lay in (2, 3, 4)])
def test_by_tool_layouts_print_unindicated_measures_in_a_section_of_their_own(kind: str, layout: int) -> None:
    table, _ = table_text(kind, layout)
    headings = [s.heading or "" for s in table.sections]
    assert headings[-1].endswith(GENERAL_SECTION) and len(table.sections[-1].rows) == 1
    assert "(IIT)" in headings[0] and len(headings) == 2
    if layout == 2:
        assert table.sections[0].rows[0][0] == "๒. การใช้งบประมาณ\n๓. การใช้อำนาจ"
        assert table.sections[-1].rows[0][0] == ""


def test_the_results_column_of_a_round_report(tmp_path: Path) -> None:
    _, cells = table_text("progress", 4)
    assert "๑. ดำเนินการเมื่อ วันที่ ๑ ธันวาคม ๒๕๖๕ " + FIRST in cells
    assert "\nดำเนินการเมื่อ วันที่ ๒๗ มกราคม ๒๕๖๖ " + SECOND in cells


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".xlsx"])
def test_such_a_document_exports_in_every_format(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"report{suffix}"
    export_document(office_document(), ExportOptions(doc="progress", layout=3, round=6), out)
    assert out.stat().st_size > 0
    if suffix == ".pdf":
        text = pdf_text(out)
        assert squeeze(FIRST) in text and squeeze(SECOND) in text and squeeze(GENERAL_SECTION) in text
