"""The sample's round reports, read back from the PDF: the table prints the measures the "ดำเนินการแล้ว N จาก M
ขั้นตอน" sentence counts (domain/round_entries.py). The 12-month report covers the whole year, so the measure
monitored at 6 months only (measure 3, one of its two steps done) is in its table and in its count; the measure
monitored at 12 months only (measure 8) is not yet part of the 6-month report."""

from __future__ import annotations

import re

import pytest

from ita_desktop.samples import create_sample_document
from ita_desktop.services.documents import load
from ita_desktop.services.exporting import ExportOptions, export_document
from tests.pdf.readback import pdfium_pages

SIX_ONLY = "มาตรการตรวจสอบการใช้ดุลพินิจ"  # measure 3 of the sample: monitored at 6 months only
TWELVE_ONLY = "มาตรการเพิ่มประสิทธิภาพการดำเนินงานและการสื่อสารกับบุคคลภายนอก"  # measure 8: at 12 months only


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[int, str]:
    folder = tmp_path_factory.mktemp("rounds")
    document = load(create_sample_document(folder / "sample.ita"))
    text = {}
    for round_ in (6, 12):
        out = folder / f"r{round_}.pdf"
        export_document(document, ExportOptions(doc="progress", round=round_, layout=4), out)
        text[round_] = re.sub(r"\s+", "", "".join(pdfium_pages(out)))  # a line may break anywhere
    return text


def test_the_12_month_report_counts_the_measure_it_prints_that_was_monitored_at_6_months(
        reports: dict[int, str]) -> None:
    assert "ดำเนินการแล้ว๑๓จาก๒๓ขั้นตอน" in reports[12]  # was "๑๒ จาก ๒๑": measure 3 printed, not counted
    assert SIX_ONLY in reports[12] and TWELVE_ONLY in reports[12]


def test_the_6_month_report_leaves_out_the_measure_monitored_at_12_months_only(reports: dict[int, str]) -> None:
    assert "ดำเนินการแล้ว๑๐จาก๒๒ขั้นตอน" in reports[6]  # as the 6-month grid and round page count
    assert SIX_ONLY in reports[6] and TWELVE_ONLY not in reports[6]
