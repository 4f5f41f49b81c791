"""Excel template: export, exact round trip, department sheets, errors by sheet/row/column, LibreOffice output."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from ita_desktop.cli import main
from ita_desktop.domain.model import Document, Organization, Progress, Status
from ita_desktop.errors import UserError
from ita_desktop.interchange.json_writer import document_json
from ita_desktop.reports.office.sheet_columns import MEASURE_COLUMNS, MEASURE_SHEET, PROGRESS_SHEET
from ita_desktop.reports.xlsx_export import export_xlsx
from ita_desktop.services.documents import import_file, load, new_document
from ita_desktop.services.exporting import ExportOptions
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import DocumentRepository
from tests.office.conftest import pdf_text, squeeze, to_pdf

FORMULA_LIKE = ["=SUM(A1:A3)", "+66 81 234 5678", "-รอบ ๖ เดือน", "@ผู้บริหาร"]
HEADER = {c.key: c.header for c in MEASURE_COLUMNS}


def cells(path: Path) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(path)
    return {s.title: [[c.value for c in row] for row in s.iter_rows()] for s in book.worksheets}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def tricky_file(sample_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with formula-like text in a title, a step, a unit and a result; a measure for two indicators,
    one for none, and a second entry for a step already reported in the same round."""
    path = tmp_path_factory.mktemp("tricky") / "tricky.ita"
    path.write_bytes(sample_file.read_bytes())
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        doc = repo.load_document()
        plan = doc.years[-1]
        m = plan.measures[0]
        m.title, m.steps[0].text, m.units[0], m.monitoring = FORMULA_LIKE
        m.progress[0].result = "=1+1"
        first = m.progress[0]
        m.progress.insert(1, Progress(round=first.round, step=first.step, status=Status.DONE,
                                      done_on=date(2024, 1, 27), result="ดำเนินการอีกครั้ง"))
        plan.measures[1].indicators = [2, 3]
        plan.measures[2].indicators = []
        repo.save_year(plan)
    return path


@pytest.fixture(scope="module")
def tricky_xlsx(tricky_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tricky_xlsx") / "tricky.xlsx"
    export_xlsx(load(tricky_file), ExportOptions(), out)
    return out


def test_sheets_have_thai_headers_frozen_wrapped_and_real_be_dates(sample: Document, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    export_xlsx(sample, ExportOptions(), out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["เอกสาร", MEASURE_SHEET, PROGRESS_SHEET]
    sheet = book[MEASURE_SHEET]
    assert [c.value for c in sheet[1]] == [c.header for c in MEASURE_COLUMNS]
    assert sheet.freeze_panes == "A2"
    assert sheet["F2"].alignment.wrap_text
    assert sheet.column_dimensions["F"].width == 48
    plan = sample.latest_year()
    assert plan is not None
    first = plan.measures[0]
    start = sheet.cell(row=2, column=[c.key for c in MEASURE_COLUMNS].index("start") + 1)
    assert start.is_date and start.value.date() == first.start
    assert start.number_format == "[$-D07041E]d mmm yyyy;@"  # Thai numerals, Buddhist calendar, Thai
    steps = sheet.cell(row=2, column=6).value
    assert steps.splitlines()[0] == f"๑. {first.steps[0].text}"
    assert sheet.max_row == len(plan.measures) + 1
    progress = book[PROGRESS_SHEET]
    reported = sum(len(m.progress) for m in plan.measures)
    ids = [row[-1] for row in progress.iter_rows(min_row=2, values_only=True) if row[-1]]
    assert len(ids) == reported, "every progress entry has its row"


def test_arabic_digits_option_changes_generated_text_only(sample: Document, tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    export_xlsx(sample, ExportOptions(digits="arabic"), out)
    sheet = openpyxl.load_workbook(out)[MEASURE_SHEET]
    assert sheet["B2"].value.startswith("1. ")
    assert sheet["F2"].value.startswith("1. ")
    assert sheet["H2"].number_format == "[$-107041E]d mmm yyyy;@"


def test_formula_like_text_stays_text(tricky_xlsx: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(tricky_xlsx)
    sheet = book[MEASURE_SHEET]
    title = sheet.cell(row=2, column=4)
    assert (title.value, title.data_type) == ("=SUM(A1:A3)", "s")
    assert title.quotePrefix
    monitoring = sheet.cell(row=2, column=10)
    assert (monitoring.value, monitoring.data_type) == ("@ผู้บริหาร", "s")
    results = [c for c in book[PROGRESS_SHEET]["H"] if c.value == "=1+1"]
    assert results and results[0].data_type == "s"
    formulas = [c.coordinate for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_round_trip_into_a_new_file_is_exact(tricky_xlsx: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.ita"
    new_document(target, Organization(), 2567)
    import_file(target, tricky_xlsx)
    again = tmp_path / "again.xlsx"
    export_xlsx(load(target), ExportOptions(), again)
    assert cells(again) == cells(tricky_xlsx)
    plan = load(target).years[-1]
    assert [m.indicators for m in plan.measures[:3]] == [[1], [2, 3], []]
    first = plan.measures[0].progress[0]
    assert [p.result for p in plan.measures[0].entries_for(first.round, first.step)] == ["=1+1", "ดำเนินการอีกครั้ง"]


def test_reimport_into_the_same_file_changes_nothing(tricky_file: Path, tricky_xlsx: Path,
                                                     tmp_path: Path) -> None:
    copy = tmp_path / "copy.ita"
    copy.write_bytes(tricky_file.read_bytes())
    before = document_json(load(copy))
    import_file(copy, tricky_xlsx)
    assert document_json(load(copy)) == before  # step due dates and ids, assessment, signatories kept


def test_edited_template_updates_by_id(sample_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.ita"
    copy.write_bytes(sample_file.read_bytes())
    xlsx = tmp_path / "t.xlsx"
    export_xlsx(load(copy), ExportOptions(), xlsx)
    book = openpyxl.load_workbook(xlsx)
    sheet = book[MEASURE_SHEET]
    sheet["D3"] = "มาตรการใหม่ที่แก้ใน Excel"
    sheet["I3"] = "๓๑/๓/๒๕๖๗"  # end date typed as BE text in Thai digits
    progress = book[PROGRESS_SHEET]
    blank = next(r for r in progress.iter_rows(min_row=2) if not r[5].value)
    blank[5].value = "ดำเนินการแล้ว"
    blank[6].value = "15/2/2567"
    blank[7].value = "ประชุมชี้แจงแล้ว"
    book.save(xlsx)
    measure_id, round_, step = blank[10].value, blank[2].value, blank[3].value
    import_file(copy, xlsx)
    doc = load(copy)
    plan = doc.latest_year()
    assert plan is not None and len(plan.measures) == 10
    second = plan.measures[1]
    assert (second.title, second.end) == ("มาตรการใหม่ที่แก้ใน Excel", date(2024, 3, 31))
    target = next(m for m in plan.measures if m.id == measure_id)
    p = target.progress_for(round_, step)
    assert p is not None and (p.status.value, p.done_on, p.result) == ("done", date(2024, 2, 15),
                                                                        "ประชุมชี้แจงแล้ว")


def department_sheet(path: Path, rows: list[dict[str, object]], *, extra: bool = True) -> Path:
    """A sheet as a department makes it: a title above, columns reordered, no ids, blank rows, own column."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "กองคลัง"
    sheet.append(["มาตรการของกองคลัง ปี ๒๕๖๗"])
    keys = ["title", "indicator", "steps", "units", "end", "start", "rounds", "issue"]
    sheet.append([HEADER[k] for k in keys] + (["หมายเหตุ"] if extra else []))
    for row in rows:
        sheet.append([row.get(k) for k in keys] + (["-"] if extra else []))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed as text, as Excel keeps it after a leading apostrophe
        sheet.append([])
    book.save(path)
    return path


def test_a_departments_sheet_adds_new_measures(sample_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.ita"
    copy.write_bytes(sample_file.read_bytes())
    xlsx = department_sheet(tmp_path / "dept.xlsx", [
        {"title": "มาตรการตรวจรับพัสดุ", "indicator": "๒", "steps": "จัดทำคู่มือ\nอบรมกรรมการตรวจรับ",
         "units": "- กองคลัง", "start": "1/11/2566", "end": datetime(2024, 3, 31), "rounds": "๖, ๑๒",
         "issue": "=การตรวจรับไม่เป็นไปตามระเบียบ"},
        {"title": "มาตรการเบิกจ่าย", "indicator": 2, "steps": "1. รวบรวมเอกสาร\n2) ตรวจสอบ\nต่อเนื่อง",
         "start": datetime(2566, 10, 1), "rounds": 12},
        {"title": "มาตรการงบประมาณและการใช้อำนาจ", "indicator": "๒, ๓"},
        {"title": "มาตรการทั่วไป", "indicator": None},
        {"title": "มาตรการตามตัวชี้วัดสองข้อ", "indicator": "2. การใช้งบประมาณ\n๓. การใช้อำนาจ"},
    ])
    warnings = import_file(copy, xlsx)
    assert any("หมายเหตุ" in w for w in warnings), warnings
    assert any("แถว 5" in w and "พ.ศ." in w for w in warnings), "a BE year in a Gregorian cell is corrected"
    plan = load(copy).latest_year()
    assert plan is not None and len(plan.measures) == 15
    first, second = plan.measures[-5:-3]
    assert [m.indicators for m in plan.measures[-3:]] == [[2, 3], [], [2, 3]]
    assert (first.title, first.indicator, [s.text for s in first.steps], first.units) == (
        "มาตรการตรวจรับพัสดุ", 2, ["จัดทำคู่มือ", "อบรมกรรมการตรวจรับ"], ["กองคลัง"])
    assert (first.start, first.end, first.rounds) == (date(2023, 11, 1), date(2024, 3, 31), [6, 12])
    assert first.issue == "=การตรวจรับไม่เป็นไปตามระเบียบ"
    assert [s.text for s in second.steps] == ["รวบรวมเอกสาร", "ตรวจสอบ\nต่อเนื่อง"]
    assert (second.start, second.rounds) == (date(2023, 10, 1), [12])


@pytest.mark.parametrize(("row", "expected"), [
    ({"title": "ก", "indicator": 2, "end": "31/13/2567"},
     "แผ่นงาน 'กองคลัง' แถว 3 คอลัมน์ 'วันสิ้นสุด': วันที่ไม่ถูกต้อง"),
    ({"title": "ก", "indicator": 99}, "แผ่นงาน 'กองคลัง' แถว 3 คอลัมน์ 'ตัวชี้วัด': unknown indicator 99"),
    ({"title": "ก", "indicator": 2, "start": "1/4/2567", "end": "1/3/2567"},
     "แผ่นงาน 'กองคลัง' แถว 3 คอลัมน์ 'วันสิ้นสุด': end 2024-03-01 is before start"),
    ({"title": "ก", "indicator": 2, "rounds": "6, 7"},
     "แผ่นงาน 'กองคลัง' แถว 3 คอลัมน์ 'รอบการรายงาน (เดือน)': round must be one of 3, 6, 9, 12"),
    ({"title": "ก", "indicator": "ไม่มี"}, "แผ่นงาน 'กองคลัง' แถว 3 คอลัมน์ 'ตัวชี้วัด': ต้องเป็นตัวเลข"),
])
def test_a_bad_cell_is_named_and_nothing_is_written(row: dict[str, object], expected: str, sample_file: Path,
                                                     tmp_path: Path) -> None:
    copy = tmp_path / "copy.ita"
    copy.write_bytes(sample_file.read_bytes())
    before = sha(copy)
    xlsx = department_sheet(tmp_path / "bad.xlsx", [row], extra=False)
    with pytest.raises(UserError) as caught:
        import_file(copy, xlsx)
    assert expected in caught.value.message
    assert sha(copy) == before


def test_every_bad_cell_is_listed_at_once(sample_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.ita"
    copy.write_bytes(sample_file.read_bytes())
    xlsx = department_sheet(tmp_path / "bad.xlsx", [
        {"title": "ก", "indicator": 2, "start": "เมื่อวาน"}, {"title": "ข", "indicator": 2},
        {"title": "ค", "indicator": 2, "end": "๓๑/๒/๒๕๖๗"}], extra=False)
    with pytest.raises(UserError) as caught:
        import_file(copy, xlsx)
    message = caught.value.message
    assert "แถว 3 คอลัมน์ 'วันเริ่มต้น'" in message and "แถว 7 คอลัมน์ 'วันสิ้นสุด'" in message
    assert "แถว 5" not in message


def test_bad_progress_rows_are_named_in_the_progress_sheet(sample: Document, tmp_path: Path) -> None:
    xlsx = tmp_path / "t.xlsx"
    export_xlsx(sample, ExportOptions(), xlsx)
    book = openpyxl.load_workbook(xlsx)
    progress = book[PROGRESS_SHEET]
    progress["F2"] = "เสร็จแล้วมั้ง"
    progress["D3"] = 9
    book.save(xlsx)
    target = tmp_path / "copy.ita"
    new_document(target, Organization(), 2567)
    before = sha(target)
    with pytest.raises(UserError) as caught:
        import_file(target, xlsx)
    assert "แผ่นงาน 'ผลการดำเนินการ' แถว 2 คอลัมน์ 'สถานะ': สถานะต้องเป็น" in caught.value.message
    assert sha(target) == before
    progress["F2"] = "ดำเนินการแล้ว"
    book.save(xlsx)
    with pytest.raises(UserError) as caught:
        import_file(target, xlsx)
    assert "แผ่นงาน 'ผลการดำเนินการ' แถว 3 คอลัมน์ 'ขั้นตอนที่': step 9 does not exist" in caught.value.message
    assert sha(target) == before


def test_cli_imports_and_exports_xlsx(sample_file: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    xlsx = tmp_path / "cli.xlsx"
    assert main(["export", str(sample_file), str(xlsx), "--digits", "arabic", "--doc", "data"]) == 0
    target = tmp_path / "b.ita"
    new_document(target, Organization(), 2567)
    assert main(["import", str(target), str(xlsx)]) == 0
    bad = department_sheet(tmp_path / "bad.xlsx", [{"title": "ก", "indicator": 2, "end": "ไม่ทราบ"}])
    before = sha(target)
    assert main(["import", str(target), str(bad)]) != 0
    assert "แถว 3 คอลัมน์ 'วันสิ้นสุด'" in capsys.readouterr().err
    assert sha(target) == before
    not_excel = tmp_path / "fake.xlsx"
    not_excel.write_text("hello", encoding="utf-8")
    assert main(["import", str(target), str(not_excel)]) == 2
    assert "Excel" in capsys.readouterr().err
    assert json.dumps(document_json(load(target)), ensure_ascii=False).count("sample-measure-") == 10


@pytest.mark.libreoffice
def test_libreoffice_shows_thai_text_be_dates_and_formula_like_text(
        tricky_file: Path, tricky_xlsx: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("lo_xlsx")
    arabic = folder / "arabic.xlsx"
    export_xlsx(load(tricky_file), ExportOptions(digits="arabic"), arabic)
    pdfs = to_pdf([tricky_xlsx, arabic], folder / "pdf")
    thai_text, arabic_text = pdf_text(pdfs["tricky"]), pdf_text(pdfs["arabic"])
    plan = load(tricky_file).latest_year()
    assert plan is not None
    first = plan.measures[0]
    assert first.start == date(2023, 11, 1)
    assert squeeze("๑ พ.ย. ๒๕๖๖") in thai_text  # Buddhist era, Thai digits, from a real date cell
    assert squeeze("1 พ.ย. 2566") in arabic_text
    # no Gregorian year anywhere a date is shown (ids are random hex and may hold "2023": leave them out)
    uuid = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")
    assert "2023" not in uuid.sub("", thai_text + arabic_text)
    for text in [*FORMULA_LIKE, "=1+1"]:
        assert squeeze(text) in thai_text, text
    for m in plan.measures:
        assert squeeze(m.title)[:15] in thai_text
        for step in m.steps:
            assert squeeze(step.text)[:15] in thai_text


def test_a_template_without_ids_adds_measures_with_their_progress(sample: Document, tmp_path: Path) -> None:
    xlsx = tmp_path / "noids.xlsx"
    export_xlsx(sample, ExportOptions(), xlsx)
    book = openpyxl.load_workbook(xlsx)
    book[MEASURE_SHEET].delete_cols(len(MEASURE_COLUMNS))  # รหัสมาตรการ
    book[PROGRESS_SHEET].delete_cols(11, 2)  # รหัสมาตรการ, รหัส: progress rows now point by ลำดับมาตรการ
    book.save(xlsx)
    target = tmp_path / "dept.ita"
    new_document(target, Organization(), 2567)
    import_file(target, xlsx)
    plan, original = load(target).latest_year(), sample.latest_year()
    assert plan is not None and original is not None
    assert [m.title for m in plan.measures] == [m.title for m in original.measures]
    assert {m.id for m in plan.measures}.isdisjoint({m.id for m in original.measures})
    for got, expected in zip(plan.measures, original.measures, strict=True):
        assert sorted((p.round, p.step, p.status, p.done_on, p.result) for p in got.progress) == sorted(
            (p.round, p.step, p.status, p.done_on, p.result) for p in expected.progress)


def test_many_bad_cells_make_one_paragraph_with_the_count_and_the_whole_list_in_a_file(
        sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ita_desktop.paths import data_dir
    from ita_desktop.reports.xlsx_import import PROBLEMS_FILE

    copy = tmp_path / "copy.ita"
    copy.write_bytes(sample_file.read_bytes())
    before = sha(copy)
    xlsx = department_sheet(tmp_path / "bad.xlsx", [{"title": f"ก{i}", "indicator": 2, "start": "เมื่อวาน"}
                                                    for i in range(25)], extra=False)
    assert main(["import", str(copy), str(xlsx)]) == 4
    err = capsys.readouterr().err
    assert err.startswith("ita-desktop: นำเข้าไม่ได้") and err.strip().count("\n") == 0, err  # one paragraph
    assert "พบ 25 ช่องที่ต้องแก้" in err and "แถว 3 คอลัมน์ 'วันเริ่มต้น'" in err and "อีก 22 รายการ" in err
    listed = data_dir() / PROBLEMS_FILE
    assert str(listed) in err
    lines = listed.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 25 and all("คอลัมน์ 'วันเริ่มต้น'" in line for line in lines)
    assert sha(copy) == before
