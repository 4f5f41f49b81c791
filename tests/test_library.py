"""The library of measures (issue 15): the shipped file's schema and coverage, its listing on the command line,
the office's own library (round trip, a damaged file), and drafting a plan and its analysis from the scores."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from ita_desktop.cli import main
from ita_desktop.domain.model import (
    Assessment,
    DocText,
    IndicatorScore,
    Measure,
    Organization,
    QuestionScore,
    Step,
    Tool,
)
from ita_desktop.library import store
from ita_desktop.library.store import LibraryMeasure, adapt_units, all_measures, load_office, save_to_office, shipped
from ita_desktop.reports.texts import generated_text
from ita_desktop.services.documents import load, new_document
from ita_desktop.services.drafting import apply_draft
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import DocumentRepository

ROOT = Path(__file__).resolve().parent.parent
LIBRARY_FILE = ROOT / "ita_desktop" / "library" / "measures.json"
SEEDS = ROOT / "tests" / "data" / "seeds"
NUMBERED = re.compile(r"^\s*([0-9๐-๙]+\s*[.)]|\([0-9๐-๙]+\)|[-•*–])")
SCORES = {1: 90.5, 2: 72.4, 3: 86.0, 4: 84.99, 5: 95.0, 6: 88.0, 7: 70.0, 8: 91.0, 9: 60.25, 10: 85.0}
LOW = {2, 4, 7, 9}


# -- the shipped file --------------------------------------------------------------------------------------------
def test_the_shipped_file_is_versioned_and_every_entry_names_its_source() -> None:
    raw = json.loads(LIBRARY_FILE.read_text("utf-8"))
    version, measures = store.parse_shipped(raw)
    assert isinstance(version, int) and version >= 1
    assert store.shipped_version() == version
    assert len(measures) == len(raw["measures"])
    assert {m["source"] for m in raw["measures"]} <= set(raw["sources"])
    assert any("NACC indicator description" in text for text in raw["sources"].values())
    assert any("ป.ป.ช." not in text for text in raw["sources"].values())  # some came from offices' plans


def test_three_or_more_complete_measures_for_every_indicator() -> None:
    measures = shipped()
    for number in range(1, 11):
        mine = [m for m in measures if m.indicator == number]
        assert len(mine) >= 3, number
        for m in mine:
            for name in ("title", "issue", "guideline", "monitoring", "source"):
                assert getattr(m, name).strip(), (number, m.title, name)
            assert len(m.steps) >= 2 and all(s.strip() for s in m.steps), m.title
            assert m.units and all(u.strip() for u in m.units), m.title
            assert m.rounds and set(m.rounds) <= {3, 6, 9, 12}, m.title
            assert not m.own
    titles = [m.title for m in measures]
    assert len(titles) == len(set(titles))


def test_steps_are_numbered_once_by_the_program_not_in_the_text() -> None:
    for m in shipped():
        for step in m.steps:
            assert not NUMBERED.match(step), step


def test_no_personal_names_and_no_seed_office_names_in_the_texts() -> None:
    text = LIBRARY_FILE.read_text("utf-8")
    for seed in SEEDS.glob("*.json"):
        data = json.loads(seed.read_text("utf-8"))
        for year in data["years"]:
            for signatory in year.get("signatories", []):
                for name in (signatory.get("name"), signatory.get("signed_name")):
                    if name and len(name) > 3:
                        assert name not in text
        office = data["organization"]["name"]
        assert office not in text  # the office's name is {office}, filled in by the office using it
    assert "{office}" in text


def test_the_data_file_is_packaged_and_frozen() -> None:
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]
    assert "library/*.json" in package_data["ita_desktop"]
    spec = (ROOT / "build.spec").read_text("utf-8")
    datas = spec[spec.index("datas = ["):spec.index("]", spec.index("datas = ["))]
    assert '"ita_desktop" / "library" / "measures.json"), "ita_desktop/library"' in datas


def test_a_library_measure_adapts_to_the_office() -> None:
    entry = next(m for m in shipped() if "{office}" in "".join(m.steps))
    measure = entry.to_measure("เทศบาลตำบลทดสอบ", ["สำนักปลัดเทศบาล", "กองคลัง"], 2567)
    assert "{office}" not in "".join(s.text for s in measure.steps)
    assert "เทศบาลตำบลทดสอบ" in "".join(s.text for s in measure.steps)
    assert set(measure.units) <= {"สำนักปลัดเทศบาล", "กองคลัง"}
    assert measure.indicators == [entry.indicator]
    assert measure.start is not None and measure.end is not None and measure.start.year == 2023
    assert adapt_units(["หน่วยตรวจสอบภายใน"], ["หน่วยงานตรวจสอบภายใน"]) == ["หน่วยงานตรวจสอบภายใน"]
    assert adapt_units(["กองช่าง"], []) == ["กองช่าง"]


# -- the command line ------------------------------------------------------------------------------------------
def listing(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["library", "--json", *args]) == 0
    out = json.loads(capsys.readouterr().out)
    assert isinstance(out, list)
    return out


def test_library_json_lists_every_measure_with_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    out = listing(capsys)
    assert len(out) == len(shipped())
    for key in ("indicator", "title", "issue", "guideline", "steps", "units", "monitoring", "source"):
        assert key in out[0]
    assert isinstance(out[0]["steps"], list) and isinstance(out[0]["units"], list)


def test_library_by_indicator_and_search(capsys: pytest.CaptureFixture[str]) -> None:
    five = listing(capsys, "--indicator", "5")
    assert len(five) >= 3 and {m["indicator"] for m in five} == {5}
    gifts = listing(capsys, "--search", "No Gift")
    assert gifts and all("no gift" in json.dumps(m, ensure_ascii=False).casefold() for m in gifts)
    both = listing(capsys, "--indicator", "10", "--search", "ของขวัญ ประกาศ")
    assert both and all(m["indicator"] == 10 for m in both)
    assert listing(capsys, "--search", "ไม่มีคำนี้ในคลังแน่นอน") == []
    assert main(["library", "--indicator", "2"]) == 0
    text = capsys.readouterr().out
    assert "ตัวชี้วัดที่ ๒" in text and "๑. " in text


# -- the office's own library ----------------------------------------------------------------------------------
def plan_measure(title: str = "มาตรการจัดประชุมประชาคมตรวจสอบงบประมาณ") -> Measure:
    return Measure(indicators=[2], title=title, issue="ประชาชนไม่ทราบการใช้งบประมาณ",
                   guideline="เชิญประชาชนร่วมตรวจสอบ", units=["กองคลัง"], rounds=[6, 12],
                   steps=[Step("จัดประชุมประชาคมของเทศบาลตำบลทดสอบ"), Step("สรุปผลเสนอผู้บริหาร")],
                   monitoring="รายงานผลรอบ ๖ เดือน")


def test_office_library_round_trip(user_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry, replaced = save_to_office(plan_measure(), "เทศบาลตำบลทดสอบ")
    assert not replaced and entry.steps[0] == "จัดประชุมประชาคมของ{office}"
    assert (user_data / store.OFFICE_LIBRARY_NAME).is_file()
    measures, problems = all_measures()
    assert not problems
    assert measures[0].own and measures[0].title == "มาตรการจัดประชุมประชาคมตรวจสอบงบประมาณ"
    assert measures[0].steps == ["จัดประชุมประชาคมของ{office}", "สรุปผลเสนอผู้บริหาร"]
    assert len(measures) == len(shipped()) + 1
    _, replaced = save_to_office(plan_measure(), "เทศบาลตำบลทดสอบ")  # the same measure again: replaced
    assert replaced and len(load_office()[0]) == 1
    save_to_office(plan_measure("มาตรการอื่น"), "")
    assert [m.title for m in load_office()[0]] == ["มาตรการจัดประชุมประชาคมตรวจสอบงบประมาณ", "มาตรการอื่น"]
    out = listing(capsys, "--indicator", "2")
    assert out[0]["own"] is True and out[-1]["own"] is False


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe garbage", b"[]", b'{"format": "other"}',
                                     b'{"format": "ita-desktop-office-library/1", "measures": 5}'])
def test_a_damaged_office_library_is_reported_not_a_crash(user_data: Path, content: bytes,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = user_data / store.OFFICE_LIBRARY_NAME
    path.write_bytes(content)
    own, problems = load_office()
    assert own == [] and problems
    assert main(["library", "--indicator", "1"]) == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err and "ตัวชี้วัดที่ ๑" in captured.out
    save_to_office(plan_measure(), "")  # saving still works; what was there is set aside, not lost
    assert (user_data / "measures-library.damaged.json").read_bytes() == content
    assert [m.title for m in load_office()[0]] == [plan_measure().title]


def test_a_damaged_entry_is_left_out_and_the_others_kept(user_data: Path) -> None:
    good = LibraryMeasure(indicator=3, title="มาตรการของเรา", steps=["ขั้นที่หนึ่ง"]).as_json()
    bad = [{"indicator": "three", "title": "x"}, {"indicator": 3, "title": 7}, "text", {"indicator": 3},
           {"indicator": 3, "title": "y", "rounds": [5]}, {"indicator": 3, "title": "z", "steps": "one"}]
    (user_data / store.OFFICE_LIBRARY_NAME).write_text(json.dumps(
        {"format": store.OFFICE_FORMAT, "measures": [good, *bad]}, ensure_ascii=False), "utf-8")
    own, problems = load_office()
    assert [m.title for m in own] == ["มาตรการของเรา"] and own[0].own
    assert len(problems) == len(bad)


# -- draft from the scores -------------------------------------------------------------------------------------
def scored_document(path: Path, scores: dict[int, float] = SCORES, total: float = 80.12) -> Path:
    new_document(path, Organization(name="เทศบาลตำบลทดสอบ", district="แม่ทะ", province="ลำปาง"), 2567)
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        year_id = repo.year_id(2567)
        assert year_id is not None
        repo.save_assessment(year_id, Assessment(
            year=2566, total=total, level="B", tools={Tool.IIT: 83.5, Tool.EIT: 81.0, Tool.OIT: 75.25},
            indicators=[IndicatorScore(number=n, score=s) for n, s in scores.items()]))
    return path


def test_draft_adds_measures_for_exactly_the_indicators_below_target(tmp_path: Path) -> None:
    path = scored_document(tmp_path / "d.ita")
    draft = apply_draft(path, 2567, shipped())
    assert {s.number for s in draft.shortfalls} == LOW
    plan = load(path).year(2567)
    assert plan is not None
    covered = [n for m in plan.measures for n in m.indicators]
    assert set(covered) == LOW and all(covered.count(n) >= 1 for n in LOW)
    assert covered.count(9) == 2  # 24.75 below: two measures
    assert all(m.steps and m.units and m.title for m in plan.measures)
    assert all("{office}" not in s.text for m in plan.measures for s in m.steps)


def test_a_second_draft_adds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scored_document(tmp_path / "d.ita")
    assert main(["draft", str(path), "--year", "2567"]) == 0
    first = capsys.readouterr().out
    assert first.count("added:") == 7 and "draft analysis (ร่าง" in first
    assert "(๙) การเปิดเผยข้อมูล" in first  # the drafted analysis is shown, marked as a draft
    before = load(path).year(2567)
    assert main(["draft", str(path), "--year", "2567"]) == 0
    second = capsys.readouterr().out
    assert "added:" not in second and "nothing to add" in second
    after = load(path).year(2567)
    assert before is not None and after is not None
    assert [m.id for m in after.measures] == [m.id for m in before.measures]
    assert [t.text for t in after.texts] == [t.text for t in before.texts]
    assert after.text("analysis", "intro") is None  # the draft is not stored as the office's own text


def test_draft_never_duplicates_a_measure_already_in_the_plan(tmp_path: Path) -> None:
    path = scored_document(tmp_path / "d.ita")
    first_for_2 = next(m for m in shipped() if m.indicator == 2)
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        year_id = repo.year_id(2567)
        assert year_id is not None
        from ita_desktop.services.editing import DocumentEditor

        DocumentEditor(database).insert_measure(year_id, Measure(indicators=[2], title=f" {first_for_2.title} "), 0)
    draft = apply_draft(path, 2567, shipped())
    assert all(m.title != first_for_2.title for m in draft.measures)
    plan = load(path).year(2567)
    assert plan is not None
    assert [m.title.strip() for m in plan.measures].count(first_for_2.title) == 1


def test_draft_keeps_the_offices_own_analysis_text(tmp_path: Path) -> None:
    path = scored_document(tmp_path / "d.ita")
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        year_id = repo.year_id(2567)
        assert year_id is not None
        repo.save_text(year_id, DocText(document="analysis", round=None, part="intro", text="ข้อความของเราเอง"))
    draft = apply_draft(path, 2567, shipped())
    assert draft.measures and not draft.analysis and draft.kept_texts
    plan = load(path).year(2567)
    assert plan is not None
    assert [t.text for t in plan.texts if t.document == "analysis"] == ["ข้อความของเราเอง"]


def drafted_analysis(path: Path) -> str:
    document = load(path)
    plan = document.year(2567)
    assert plan is not None
    return generated_text(document, plan, "analysis", "intro", None)


def test_the_drafted_analysis_names_each_low_indicator_with_its_score_gap_and_level(tmp_path: Path) -> None:
    path = scored_document(tmp_path / "d.ita")
    apply_draft(path, 2567, shipped())
    plan = load(path).year(2567)
    assert plan is not None and plan.text("analysis", "intro") is None  # a draft, not the office's text
    text = drafted_analysis(path)
    paragraphs = text.splitlines()
    assert "ได้ ๘๐.๑๒ คะแนน อยู่ในระดับ B ต่ำกว่าค่าเป้าหมาย ๘๕ คะแนนอยู่ ๔.๘๘ คะแนน" in paragraphs[0]
    # (๗) and (๙) are both about communication with the public: one paragraph, the furthest below first
    comms = next(p for p in paragraphs if "(๗) ประสิทธิภาพการสื่อสาร" in p)
    assert "(๙) การเปิดเผยข้อมูล" in comms and "๑๕.๐๐" in comms and "๒๔.๗๕" in comms
    assert paragraphs.index(comms) == 2
    for number, score in ((2, "๗๒.๔๐"), (4, "๘๔.๙๙")):
        assert any(f"({'๒' if number == 2 else '๔'})" in p and score in p for p in paragraphs)
    assert "ขาดอีกเพียง ๐.๐๑ คะแนน" in text  # 84.99: a hundredth short, said so
    passing = next(p for p in paragraphs if p.startswith("ส่วนตัวชี้วัดที่ผ่านค่าเป้าหมาย"))
    assert "(๑๐) การป้องกันการทุจริต" in passing and "(๒)" not in passing
    assert not re.search(r"[0-9]", text.replace("ITA", "").replace("IIT", ""))  # Thai digits only
    for number in LOW:  # what the plan does about each, by the measures' own titles
        for title in (m.title for m in plan.measures if number in m.indicators):
            assert title in text
    # why it fell short, from the indicator's description where the clerk noted nothing
    assert "แผนการใช้จ่ายงบประมาณประจำปีไม่ทั่วถึง" in text and "เว็บไซต์ของหน่วยงานยังไม่ครบถ้วน" in text


def test_a_measure_title_ending_in_latin_is_spaced_from_the_thai_after_it(tmp_path: Path) -> None:
    from ita_desktop.samples import create_sample_document

    path = create_sample_document(tmp_path / "sample.ita")  # indicator 10 at 78.00, its No Gift Policy measure
    apply_draft(path, 2567, shipped())
    text = drafted_analysis(path)
    assert "(No Gift Policy) " in text  # "(No Gift Policy)ไว้เพื่อแก้ไข" ran into the Thai after it
    assert not re.search(r"[)A-Za-z][\u0e00-\u0e7f]", text)


def test_the_analysis_names_the_weakest_questions_of_each_low_indicator(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = scored_document(tmp_path / "d.ita")
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        year_id = repo.year_id(2567)
        assert year_id is not None
        a = repo.assessment(year_id)
        assert a is not None
        a.questions = [QuestionScore("i8", 61.5, "รู้แผนการใช้จ่ายงบประมาณ"), QuestionScore("i10", 68.0),
                       QuestionScore("i7", 80.0), QuestionScore("i9", 90.0),  # i9 passed: never named
                       QuestionScore("o20", 40.0), QuestionScore("i2", 50.0)]  # i2: indicator 1 passed
        repo.save_assessment(year_id, a)
    assert main(["draft", str(path), "--year", "2567"]) == 0
    out = capsys.readouterr().out
    assert "indicator 2 การใช้งบประมาณ: 72.40 (12.60 below 85); weakest questions: i8 61.50, i10 68.00" in out
    text = drafted_analysis(path)
    budget = next(p for p in text.splitlines() if "(๒) การใช้งบประมาณ" in p and "i8" in p)
    assert "i8 (รู้แผนการใช้จ่ายงบประมาณ) ได้ ๖๑.๕๐ คะแนน และ i10 ได้ ๖๘.๐๐ คะแนน" in budget
    assert budget.index("i8") < budget.index("แผนการใช้จ่ายงบประมาณประจำปีไม่ทั่วถึง")  # the questions say more
    assert "i7" not in text and "i9" not in text and "i2 " not in text
    assert "o20 ได้ ๔๐.๐๐ คะแนน" in text


def test_the_drafted_analysis_prints_in_the_analysis_pdf(tmp_path: Path) -> None:
    import pypdfium2

    path = scored_document(tmp_path / "d.ita")
    apply_draft(path, 2567, shipped())
    out = tmp_path / "analysis.pdf"
    assert main(["export", str(path), str(out), "--doc", "analysis", "--year", "2567"]) == 0
    pdf = pypdfium2.PdfDocument(str(out))
    try:
        text = "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    flat = re.sub(r"หน้า[๐-๙]+/[๐-๙]+", "", re.sub(r"\s+", "", text))  # a paragraph may go on over a page
    for paragraph in drafted_analysis(path).splitlines():  # every paragraph of the draft, as written
        assert re.sub(r"\s+", "", paragraph) in flat
    assert re.sub(r"\s+", "", "การใช้งบประมาณ ๗๒.๔๐ คะแนน") in flat  # the score, printed once, by the table


def test_draft_when_every_indicator_reaches_the_target_adds_no_measure(tmp_path: Path) -> None:
    path = scored_document(tmp_path / "d.ita", {n: 90.0 for n in range(1, 11)}, total=90.0)
    draft = apply_draft(path, 2567, shipped())
    assert not draft.shortfalls and not draft.measures
    assert "ทุกตัวชี้วัดผ่านค่าเป้าหมาย ๘๕ คะแนน" in draft.analysis
    assert "เพื่อรักษาระดับผลการประเมินไว้" in draft.analysis


def test_draft_says_nothing_of_indicators_when_none_were_scored(tmp_path: Path) -> None:
    path = scored_document(tmp_path / "d.ita", {}, total=70.0)
    draft = apply_draft(path, 2567, shipped())
    assert not draft.measures
    text = draft.analysis
    assert "ต่ำกว่าค่าเป้าหมาย ๘๕ คะแนนอยู่ ๑๕.๐๐ คะแนน" in text and "ตัวชี้วัด" not in text


def test_draft_prefers_the_offices_own_measure(tmp_path: Path) -> None:
    path = scored_document(tmp_path / "d.ita")
    own = LibraryMeasure(indicator=7, title="มาตรการของหน่วยงานเราเอง", steps=["ทำ"], own=True)
    draft = apply_draft(path, 2567, [*shipped(), own])
    assert next(m for m in draft.measures if 7 in m.indicators).title == "มาตรการของหน่วยงานเราเอง"


def test_draft_refuses_without_scores_or_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "e.ita"
    new_document(path, Organization(name="อบต.ทดสอบ"), 2567)
    assert main(["draft", str(path), "--year", "2567"]) == 2
    assert "No ITA result" in capsys.readouterr().err
    assert main(["draft", str(path), "--year", "2590"]) == 2
    assert "no fiscal year 2590" in capsys.readouterr().err
    assert main(["draft", str(tmp_path / "missing.ita"), "--year", "2567"]) == 2


def test_draft_takes_a_backup_first(tmp_path: Path) -> None:
    from ita_desktop.sync.backups import list_backups

    path = scored_document(tmp_path / "d.ita")
    apply_draft(path, 2567, shipped())
    assert any("before-draft" in b.path.name for b in list_backups(path))
