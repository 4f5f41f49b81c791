"""Ids in an import never move or take rows from where they are in the target document (issue 16, item 5)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ita_desktop.cli import main
from ita_desktop.errors import ValidationError
from ita_desktop.reports.office.sheet_columns import MEASURE_COLUMNS, MEASURE_SHEET
from ita_desktop.samples import SAMPLE_JSON
from ita_desktop.services.documents import export_json, import_file, load
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import DocumentRepository

OLD_YEAR = {
    "fiscal_year": 2566,
    "assessment": {"id": "old-assessment", "year": 2565, "total": 70.0, "level": "C",
                   "indicators": [{"id": "old-score-1", "number": 1, "score": 70.0}]},
    "measures": [
        {"id": "old-measure", "indicator": 2, "title": "มาตรการปี ๒๕๖๖",
         "steps": [{"id": "old-step-1", "text": "ขั้นที่หนึ่ง"}, {"id": "old-step-2", "text": "ขั้นที่สอง"}],
         "rounds": [6], "progress": [{"id": "old-progress", "round": 6, "step": 1, "status": "done",
                                      "done_on": "2023-03-01", "result": "เสร็จแล้ว"}]},
        {"id": "old-deleted", "indicator": 3, "title": "มาตรการที่ลบแล้ว"},
    ],
    "signatories": [{"id": "old-signatory", "role": "ผู้จัดทำ", "name": "นายเก่า"}],
}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def two_years(tmp_path: Path) -> Path:
    """The sample (2567) plus a 2566 with known ids, one of its measures deleted, all made through the CLI."""
    doc = tmp_path / "two.ita"
    assert main(["import", str(doc), str(SAMPLE_JSON)]) == 0
    old = write(tmp_path / "old.json", {"format": "ita-desktop/1", "years": [OLD_YEAR]})
    assert main(["import", str(doc), str(old)]) == 0
    with Database.open(doc) as database:
        DocumentRepository(database).delete_measure("old-deleted")
    return doc


def exported(doc: Path, tmp_path: Path) -> dict[str, Any]:
    export_json(doc, tmp_path / "export.json")
    data: dict[str, Any] = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    return data


def year(fy: int, **content: Any) -> dict[str, Any]:
    return {"format": "ita-desktop/2", "years": [{"fiscal_year": fy, **content}]}


def sample_measure(data: dict[str, Any], i: int) -> dict[str, Any]:
    plan = next(y for y in data["years"] if y["fiscal_year"] == 2567)
    measure: dict[str, Any] = plan["measures"][i]
    return measure


# name -> (the hostile data built from the export of the document, path, words of the message)
CASES: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], str, str]] = {
    "a new 2567 measure with the id of a 2566 measure": (
        lambda d: year(2567, measures=[{"id": "old-measure", "indicator": 2, "title": "ใหม่"}]),
        "years[0].measures[0].id", "'old-measure' belongs to a measure of 2566"),
    "a measure id of a deleted 2566 measure": (
        lambda d: year(2567, measures=[{"indicator": 2}, {"id": "old-deleted", "indicator": 2}]),
        "years[0].measures[1].id", "'old-deleted' belongs to a deleted measure of 2566"),
    "a measure id of 2567 in a new year": (
        lambda d: year(2568, measures=[{"id": sample_measure(d, 0)["id"], "indicator": 1}]),
        "years[0].measures[0].id", "belongs to a measure of 2567"),
    "a step id of another measure": (
        lambda d: year(2567, measures=[{**sample_measure(d, 1), "steps": [
            *sample_measure(d, 1)["steps"], {"id": sample_measure(d, 0)["steps"][0]["id"], "text": "ขโมย"}]}]),
        "years[0].measures[0].steps[2].id", "belongs to a step of another measure"),
    "a step id of a 2566 measure in a new measure": (
        lambda d: year(2567, measures=[{"indicator": 2, "steps": [{"id": "old-step-2", "text": "ก"}]}]),
        "years[0].measures[0].steps[0].id",
        "'old-step-2' belongs to a step of another measure ('มาตรการปี ๒๕๖๖', 2566)"),
    "a progress id of another measure": (
        lambda d: year(2567, measures=[{"indicator": 2, "rounds": [6], "progress": [
            {"id": "old-progress", "round": 6, "status": "in_progress"}]}]),
        "years[0].measures[0].progress[0].id", "'old-progress' belongs to a progress entry of another measure"),
    "a signatory id of another year": (
        lambda d: year(2567, signatories=[{"id": "old-signatory", "role": "ผู้ตรวจ"}]),
        "years[0].signatories[0].id", "'old-signatory' belongs to a signatory of 2566"),
    "an indicator id of another year": (
        lambda d: year(2568, indicators=[{"id": next(y for y in d["years"] if y["fiscal_year"] == 2566)
                                          ["indicators"][0]["id"], "number": 1, "tool": "IIT", "name": "ก"}]),
        "years[0].indicators[0].id", "belongs to an indicator of 2566"),
    "the assessment id of another year": (
        lambda d: year(2568, assessment={"id": "old-assessment", "total": 80.0}),
        "years[0].assessment.id", "'old-assessment' belongs to an assessment of 2566"),
    "a score id of another year's assessment": (
        lambda d: year(2568, assessment={"indicators": [{"id": "old-score-1", "number": 1, "score": 50.0}]}),
        "years[0].assessment.indicators[0].id", "'old-score-1' belongs to an indicator score of 2566"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_id_of_a_row_elsewhere_is_refused_naming_its_path(
        case: str, two_years: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build, path, words = CASES[case]
    hostile = write(tmp_path / "hostile.json", build(exported(two_years, tmp_path)))
    before = sha(two_years)

    with pytest.raises(ValidationError) as err:
        import_file(two_years, hostile)
    assert err.value.path == path and words in err.value.problem, err.value.message
    assert "รหัสนี้เป็นของ" in err.value.problem  # and a short Thai line

    capsys.readouterr()
    assert main(["import", str(two_years), str(hostile)]) == 4
    out, stderr = capsys.readouterr()
    assert stderr.startswith(f"ita-desktop: {path}: ") and words in stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr and out == ""
    assert sha(two_years) == before


def test_the_2566_measure_stays_whole_after_the_refusal(two_years: Path, tmp_path: Path) -> None:
    hostile = write(tmp_path / "h.json", year(2567, measures=[{"id": "old-measure", "indicator": 2}]))
    assert main(["import", str(two_years), str(hostile)]) == 4
    old = load(two_years).year(2566)
    assert old is not None
    measure = next(m for m in old.measures if m.id == "old-measure")
    assert [s.id for s in measure.steps] == ["old-step-1", "old-step-2"]
    assert [p.id for p in measure.progress] == ["old-progress"]


def test_ids_in_their_own_place_still_update(two_years: Path, tmp_path: Path) -> None:
    """The whole export re-imports (nothing changes), and an edit under known ids updates in place."""
    data = exported(two_years, tmp_path)
    before = sha(two_years)
    assert main(["import", str(two_years), str(tmp_path / "export.json")]) == 0
    assert sha(two_years) == before
    old = next(y for y in data["years"] if y["fiscal_year"] == 2566)
    old["measures"][0]["steps"][1]["text"] = "ขั้นที่สอง (แก้ไข)"
    old["signatories"][0]["name"] = "นายใหม่"
    assert main(["import", str(two_years), str(write(tmp_path / "edit.json", data))]) == 0
    plan = load(two_years).year(2566)
    assert plan is not None
    assert plan.measures[0].steps[1].text == "ขั้นที่สอง (แก้ไข)" and plan.signatories[0].name == "นายใหม่"
    assert plan.measures[0].id == "old-measure" and len(plan.measures) == 1


def test_an_xlsx_row_with_the_id_of_a_2566_measure_is_named_by_sheet_row_and_column(
        two_years: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlsx = tmp_path / "plan.xlsx"
    assert main(["export", str(two_years), str(xlsx), "--year", "2567", "--doc", "data"]) == 0
    book = openpyxl.load_workbook(xlsx)
    sheet = book[MEASURE_SHEET]
    id_column = next(i for i, c in enumerate(MEASURE_COLUMNS, 1) if c.key == "id")
    sheet.cell(row=3, column=id_column).value = "old-measure"
    book.save(xlsx)
    before = sha(two_years)

    assert main(["import", str(two_years), str(xlsx)]) == 4
    stderr = capsys.readouterr().err
    assert "แผ่นงาน 'มาตรการ' แถว 3 คอลัมน์ 'รหัสมาตรการ': id 'old-measure' belongs to a measure of 2566" in stderr
    assert "Traceback" not in stderr
    assert sha(two_years) == before
