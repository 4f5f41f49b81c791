"""Reports print what the clerk wrote, no more (issue 10, part 5): her own titles, intro and closing, every entry
once with one list marker, no invented "ยังไม่ดำเนินการ", no doubled date phrase, timeframes as typed or in the
style she picks, her groups and tool wording, signatures as signed, no empty block."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ita_desktop.domain.catalogue import default_indicators
from ita_desktop.domain.model import (
    DocText,
    Document,
    Measure,
    Organization,
    Progress,
    Signatory,
    Status,
    Step,
    YearPlan,
)
from ita_desktop.reports.document_model import Heading, Paragraph, Report, SignatureBlock, Table
from ita_desktop.reports.layouts import build_report
from ita_desktop.services.exporting import ExportOptions, export_document
from tests.pdf.readback import found, pdfium_pages, pdfminer_text


def office(*measures: Measure, texts: tuple[DocText, ...] = (), signatories: tuple[Signatory, ...] = ()) -> Document:
    plan = YearPlan(fiscal_year=2566, indicators=default_indicators(), measures=list(measures),
                    texts=list(texts), signatories=list(signatories))
    return Document(organization=Organization(name="องค์การบริหารส่วนตำบลลำเลียง", district="กะบุรี",
                                              province="ระนอง"), years=[plan])


def meeting(**progress: object) -> Measure:
    return Measure(indicators=[1], title="มาตรการสร้างค่านิยมในการให้บริการ", units=["สำนักปลัด"],
                   start=date(2022, 11, 1), end=date(2023, 3, 31), rounds=[6],
                   steps=[Step("ประชุมพนักงาน"), Step("ติดตามความคืบหน้า")], **progress)  # type: ignore[arg-type]


def cells(report: Report) -> list[str]:
    return [cell for b in report.blocks if isinstance(b, Table) for s in b.sections for row in s.rows for cell in row]


def result_cell(report: Report, layout: int = 4) -> str:
    table = next(b for b in report.blocks if isinstance(b, Table))
    column = {3: 2, 4: 4, 5: 4}[layout]
    return "\n".join(row[column] for s in table.sections for row in s.rows)


def progress_report(doc: Document, layout: int = 4, **options: object) -> Report:
    return build_report(doc, ExportOptions(doc="progress", round=6, layout=layout, **options))  # type: ignore[arg-type]


def test_two_dated_entries_for_one_step_print_each_once_and_unreported_steps_print_nothing() -> None:
    doc = office(meeting(progress=[
        Progress(6, 1, Status.DONE, date(2022, 12, 1), "ประชุมพนักงาน มอบนโยบาย"),
        Progress(6, 1, Status.DONE, date(2023, 1, 27), "ติดตามผลการปฏิบัติงาน")]))
    text = result_cell(progress_report(doc))
    assert text.splitlines() == ["๑. ดำเนินการเมื่อ วันที่ ๑ ธันวาคม ๒๕๖๕ ประชุมพนักงาน มอบนโยบาย",
                                 "ดำเนินการเมื่อ วันที่ ๒๗ มกราคม ๒๕๖๖ ติดตามผลการปฏิบัติงาน"]
    assert "ยังไม่ดำเนินการ" not in text  # step ๒ was not reported: nothing is invented for it
    shown = result_cell(progress_report(doc, show_unreported=True))
    assert shown.splitlines()[-1] == "๒. ยังไม่ดำเนินการ"


def test_a_result_that_says_its_date_or_has_its_own_marker_is_printed_as_typed() -> None:
    doc = office(meeting(progress=[
        Progress(6, 1, Status.DONE, date(2022, 12, 1), "ดำเนินการเมื่อ วันที่ ๑ ธันวาคม ๒๕๖๕ ประชุมแล้ว"),
        Progress(6, 2, Status.DONE, date(2023, 1, 5), "- ติดตามทุกเดือน")]))
    text = result_cell(progress_report(doc))
    assert text.count("ดำเนินการเมื่อ วันที่ ๑ ธันวาคม ๒๕๖๕") == 1
    assert "- ดำเนินการเมื่อ วันที่ ๕ มกราคม ๒๕๖๖ ติดตามทุกเดือน" in text.splitlines() and "๒." not in text


def test_whole_measure_summaries_print_without_a_step_count_that_would_be_false() -> None:
    doc = office(meeting(progress=[Progress(6, None, Status.DONE, None, "ดำเนินการครบทุกขั้นตอนแล้ว")]))
    report = progress_report(doc, layout=5)
    intro = " ".join(b.text for b in report.blocks if isinstance(b, Paragraph))
    assert "ขั้นตอน" not in intro.split("เดือน ตั้งแต่")[-1]  # no "ดำเนินการแล้ว ๐ จาก ๒ ขั้นตอน"
    assert "ดำเนินการครบทุกขั้นตอนแล้ว" in result_cell(report, 5)
    stepwise = office(meeting(progress=[Progress(6, 1, Status.DONE, date(2022, 12, 1), "ประชุมแล้ว")]))
    intro = " ".join(b.text for b in progress_report(stepwise).blocks if isinstance(b, Paragraph))
    assert "ดำเนินการแล้ว ๑ จาก ๒ ขั้นตอน" in intro


def test_the_offices_own_title_intro_and_closing_replace_the_generated_ones() -> None:
    title = "รายงานผลการดำเนินการตาม\nมาตรการส่งเสริมคุณธรรม\nองค์การบริหารส่วนตำบลลำเลียง"
    texts = (DocText("progress", None, "title", title),
             DocText("progress", 6, "intro", "ตามที่ได้วิเคราะห์ผลการประเมิน ...\n# ๑. ความเป็นมา\nย่อหน้าที่สอง"),
             DocText("progress", 12, "intro", "ข้อความของรอบ ๑๒ เดือน"),
             DocText("progress", None, "closing", "บัดนี้ได้ดำเนินการตามมาตรการเรียบร้อยแล้ว"))
    report = progress_report(office(meeting(), texts=texts))
    assert report.title_lines == ["รายงานผลการดำเนินการตาม", "มาตรการส่งเสริมคุณธรรม", "องค์การบริหารส่วนตำบลลำเลียง"]
    words = [(type(b).__name__, b.text) for b in report.blocks if isinstance(b, Paragraph | Heading)]
    assert words == [("Paragraph", "ตามที่ได้วิเคราะห์ผลการประเมิน ..."), ("Heading", "๑. ความเป็นมา"),
                     ("Paragraph", "ย่อหน้าที่สอง"), ("Paragraph", "บัดนี้ได้ดำเนินการตามมาตรการเรียบร้อยแล้ว")]
    assert isinstance(report.blocks[-1], Paragraph) and isinstance(report.blocks[-2], Table)  # closing after table


@pytest.mark.parametrize("style, expected", [
    ("short", "พ.ย. ๖๕ – มี.ค. ๖๖"), ("full", "พฤศจิกายน ๒๕๖๕ – มีนาคม ๒๕๖๖"),
    ("thru", "เดือนพฤศจิกายน ๖๕ ถึง เดือนมีนาคม ๖๖"), ("day", "๑ พ.ย. ๖๕ – ๓๑ มี.ค. ๖๖")])
def test_timeframes_print_in_the_style_chosen_or_as_typed(style: str, expected: str) -> None:
    m = meeting()
    assert expected in cells(progress_report(office(m), layout=5, date_style=style))
    m.timeframe_text = "ตลอดปีงบประมาณ"
    m.steps[1].timeframe_text = "ภายในเดือนมกราคม ๒๕๖๖"
    assert "ตลอดปีงบประมาณ\n๒. ภายในเดือนมกราคม ๒๕๖๖" in cells(progress_report(office(m), layout=5))


def test_groups_several_indicators_and_the_offices_tool_wording() -> None:
    a = meeting()
    a.indicators, a.group = [2, 3], "มาตรการเพิ่มประสิทธิภาพการดำเนินงานและการสื่อสารกับบุคคลภายนอก"
    b = Measure(indicators=[], title="มาตรการทั่วไป", group="")
    doc = office(a, b, texts=(DocText("progress", None, "tool:IIT", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน"),))
    table = next(x for x in progress_report(doc, layout=3).blocks if isinstance(x, Table))
    headings = [s.heading for s in table.sections]
    assert headings[0] == ("๑. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน\n"
                           "มาตรการเพิ่มประสิทธิภาพการดำเนินงานและการสื่อสารกับบุคคลภายนอก")
    assert table.sections[0].rows[0][0].startswith("๒. การใช้งบประมาณ\n๓. การใช้อำนาจ")
    plan_table = next(x for x in build_report(doc, ExportOptions(doc="plan", layout=1)).blocks if isinstance(x, Table))
    assert [s.heading for s in plan_table.sections] == [None, a.group]  # by the office's groups


def test_signatures_as_signed_and_no_block_when_nobody_signs() -> None:
    signed = (Signatory("ผู้จัดทำ", "นายนราศักดิ์ ปานาง", "นักวิเคราะห์นโยบายและแผน", signed_name="นราศักดิ์ ปานาง",
                        signed_on=date(2024, 4, 5)), Signatory("ผู้อนุมัติ"))
    block = progress_report(office(meeting(), signatories=signed)).blocks[-1]
    assert isinstance(block, SignatureBlock)
    assert block.signers[0].lines == ("ลงชื่อ นราศักดิ์ ปานาง ผู้จัดทำ", "(นายนราศักดิ์ ปานาง)",
                                      "ตำแหน่ง นักวิเคราะห์นโยบายและแผน", "วันที่ ๕ เมษายน ๒๕๖๗")
    assert block.signers[1].lines[0].startswith("ลงชื่อ ....")  # a line left to sign by hand
    report = progress_report(office(meeting()))
    assert not any(isinstance(b, SignatureBlock) for b in report.blocks)


def test_the_pdf_prints_the_offices_words_and_reads_back(tmp_path: Path) -> None:
    texts = (DocText("progress", None, "intro", "ตามที่ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส"),
             DocText("progress", None, "closing", "บัดนี้ได้ดำเนินการตามมาตรการเรียบร้อยแล้ว"))
    doc = office(meeting(progress=[Progress(6, 1, Status.DONE, date(2022, 12, 1), "ประชุมพนักงาน"),
                                   Progress(6, 1, Status.DONE, date(2023, 1, 27), "ติดตามผล")]),
                 texts=texts, signatories=(Signatory("ผู้จัดทำ", "นายนราศักดิ์ ปานาง", signed_name="นราศักดิ์ ปานาง"),))
    out = tmp_path / "report.pdf"
    export_document(doc, ExportOptions(doc="progress", round=6, layout=4, date_style="full"), out)
    text = "\n".join(pdfium_pages(out))
    for phrase in ("ตามที่ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส", "บัดนี้ได้ดำเนินการตามมาตรการเรียบร้อยแล้ว",
                   "ดำเนินการเมื่อ วันที่ ๒๗ มกราคม ๒๕๖๖ ติดตามผล", "ลงชื่อ นราศักดิ์ ปานาง ผู้จัดทำ"):
        assert found(phrase, text), phrase
        assert found(phrase, pdfminer_text(out)), phrase
    assert "ยังไม่ดำเนินการ" not in text


def test_an_indicator_judged_in_words_prints_its_verdict_with_or_without_a_score() -> None:
    from ita_desktop.domain.model import Assessment, IndicatorScore
    from ita_desktop.reports.document_model import BulletList

    doc = office(meeting())
    doc.years[0].assessment = Assessment(year=2565, total=80.0, indicators=[
        IndicatorScore(1, 90.0, verdict="อยู่ในระดับดีมาก"), IndicatorScore(2, None, verdict="อยู่ในระดับดี")])
    items = [i for b in build_report(doc, ExportOptions(doc="analysis")).blocks if isinstance(b, BulletList)
             for i in b.items]
    assert "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ๙๐.๐๐ คะแนน อยู่ในระดับดีมาก (ผ่านค่าเป้าหมาย)" in items
    assert "ตัวชี้วัดที่ ๒ การใช้งบประมาณ อยู่ในระดับดี" in items
