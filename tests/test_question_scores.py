"""Scores per question (issue 15): migration 6 from a version-5 file, the question codes, the stored-value rules
for a copy from elsewhere, merging two copies' question scores, and assessment.questions in ita-desktop/2."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ita_desktop.cli import main
from ita_desktop.domain.model import Assessment, IndicatorScore, QuestionScore
from ita_desktop.domain.questions import indicator_of, normal_code, question_codes
from ita_desktop.services.documents import load
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import DocumentRepository
from ita_desktop.storage.schema import MIGRATIONS, SCHEMA_VERSION, expected_objects
from ita_desktop.storage.untrusted import read_untrusted
from ita_desktop.sync.merging import merge_file
from tests.sync.helpers import copy_to, small_document
from tests.test_migrations import objects, sha, v2_document


def _v5_document(path: Path) -> Path:
    """A version-5 file with content (an assessment with an indicator score): the v2 sample migrated to 5 only."""
    v2_document(path)
    conn = sqlite3.connect(path)
    with conn:
        for step in MIGRATIONS[2:5]:
            step(conn)
        conn.execute("PRAGMA user_version=5")
    conn.close()
    return path


def scored(path: Path, questions: list[QuestionScore]) -> None:
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        year_id = repo.year_id(2567)
        assert year_id is not None
        a = repo.assessment(year_id) or Assessment(year=2566, total=80.0)
        if not a.indicators:
            a.indicators = [IndicatorScore(number=9, score=70.0)]
        a.questions = questions
        repo.save_assessment(year_id, a)


def questions_of(path: Path) -> list[tuple[str, float | None, str]]:
    a = load(path).years[0].assessment
    assert a is not None
    return [(q.code, q.score, q.text) for q in a.questions]


# -- the codes ---------------------------------------------------------------------------------------------------
def test_question_codes_as_offices_write_them_and_their_indicators() -> None:
    assert [normal_code(t) for t in ("I8", "ข้อ o 12", "e๕", " o043 ")] == ["i8", "o12", "e5", "o43"]
    for bad in ("x1", "i", "i100", "i0", "คำถาม"):
        with pytest.raises(ValueError, match="ข้อคำถาม"):
            normal_code(bad)
    assert [indicator_of(c) for c in ("i1", "i6", "i7", "i30", "e1", "e15", "o33", "o34", "o43", "o44")] == \
        [1, 1, 2, 5, 6, 8, 9, 10, 10, None]
    assert len(question_codes()) == 88 and len(set(question_codes())) == 88


def test_the_oit_split_follows_the_year_of_the_assessment() -> None:
    """ITA 2562–2565: o1–o33 indicator 9, o34–o43 indicator 10; ITA 2566 renumbered: o1–o30 and o31–o43 (No
    Gift Policy from o31); a later year whose split is not confirmed ties no OIT question to an indicator."""
    for year in (2563, 2565):
        assert [indicator_of(c, year) for c in ("o1", "o30", "o31", "o33", "o34", "o43")] == [9, 9, 9, 9, 10, 10]
    assert [indicator_of(c, 2566) for c in ("o1", "o30", "o31", "o33", "o34", "o43", "o44")] == \
        [9, 9, 10, 10, 10, 10, None]
    for year in (2567, 2568):
        assert [indicator_of(c, year) for c in ("o1", "o31", "o43")] == [None, None, None]
        assert [indicator_of(c, year) for c in ("i1", "i30", "e15")] == [1, 5, 8]  # IIT and EIT as before


def test_the_weakest_questions_of_indicator_10_follow_the_2566_split(tmp_path: Path) -> None:
    """o31 (No Gift Policy) is indicator 10's in ITA 2566: the analysis names it under (๑๐), not (๙)."""
    from ita_desktop.reports.texts import generated_text

    path = small_document(tmp_path / "d.ita")
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        year_id = repo.year_id(2567)
        assert year_id is not None
        repo.save_assessment(year_id, Assessment(year=2566, total=70.0, indicators=[
            IndicatorScore(number=9, score=70.0), IndicatorScore(number=10, score=60.0)],
            questions=[QuestionScore("o31", 20.0, "ประกาศนโยบาย No Gift Policy"), QuestionScore("o5", 50.0)]))
    document = load(path)
    plan = document.year(2567)
    assert plan is not None
    text = generated_text(document, plan, "analysis", "intro", None)
    ten = next(p for p in text.splitlines() if p.startswith("ตัวชี้วัดด้านการทุจริต คือ (๑๐)"))
    nine = next(p for p in text.splitlines() if p.startswith("การสื่อสารกับประชาชนตาม(๙)"))
    assert "o31 (ประกาศนโยบาย No Gift Policy) ได้ ๒๐.๐๐ คะแนน" in ten and "o5" not in ten
    assert "o5 ได้ ๕๐.๐๐ คะแนน" in nine and "o31" not in nine


# -- migration 6 ---------------------------------------------------------------------------------------------
def test_a_version_5_document_migrates_to_6_with_its_content_and_no_question_scores(tmp_path: Path) -> None:
    path = _v5_document(tmp_path / "v5.ita")
    before = sha(path)
    read = load(path)  # read-only: read as migrated, the file left as it is
    assert sha(path) == before
    a = read.years[0].assessment
    assert a is not None and a.total == 80.0 and a.questions == [] and a.indicators[0].score == 70.0
    with Database.open(path) as database:
        assert database.conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) == (6,)
        assert database.conn.execute("SELECT count(*) FROM question_scores").fetchone() == (0,)
    assert objects(path) == expected_objects()
    scored(path, [QuestionScore("o20", 55.0, "รายงานการใช้จ่ายงบประมาณ")])  # the migrated file takes them
    assert questions_of(path) == [("o20", 55.0, "รายงานการใช้จ่ายงบประมาณ")]
    assert [m.title for m in load(path).years[0].measures] == ["เผยแพร่ข้อมูล", "งบประมาณ"]


def test_a_version_5_copy_from_a_stick_merges_into_a_migrated_document(tmp_path: Path) -> None:
    here = _v5_document(tmp_path / "here.ita")
    stick = _v5_document(tmp_path / "stick.ita")
    scored(here, [QuestionScore("i8", 61.5)])  # migrates "here" to 6
    before = sha(stick)
    with Database.open(here) as database:
        assert not merge_file(database, stick).plan.changes_content
    assert sha(stick) == before and read_untrusted(stick).tables["question_scores"] == {}
    assert questions_of(here) == [("i8", 61.5, "")]


# -- merge ---------------------------------------------------------------------------------------------------
def test_question_scores_entered_on_two_pcs_merge_and_a_clash_is_a_conflict(tmp_path: Path) -> None:
    clerk = small_document(tmp_path / "clerk" / "plan.ita")
    scored(clerk, [QuestionScore("i8", 61.5)])
    stick = copy_to(clerk, tmp_path / "stick" / "plan.ita")
    scored(clerk, [QuestionScore("i8", 62.0), QuestionScore("e3", 70.0)])  # i8 corrected here, e3 added
    scored(stick, [QuestionScore("i8", 63.0), QuestionScore("o20", 40.0, "รายงานผล")])  # i8 otherwise there
    with Database.open(clerk) as database:
        result = merge_file(database, stick)
    assert result.plan.added["question_scores"] == 1  # o20
    assert [(c.table, c.field) for c in result.open_conflicts] == [("question_scores", "score")]
    merged = dict((code, score) for code, score, _ in questions_of(clerk))
    assert merged["e3"] == 70.0 and merged["o20"] == 40.0 and merged["i8"] in (62.0, 63.0)
    with Database.open(stick) as database:  # and back: both copies hold the same
        merge_file(database, clerk)
    assert sorted(questions_of(stick)) == sorted(questions_of(clerk))


def test_an_emptied_question_is_deleted_on_the_other_copy_too(tmp_path: Path) -> None:
    clerk = small_document(tmp_path / "clerk" / "plan.ita")
    scored(clerk, [QuestionScore("i8", 61.5), QuestionScore("i9", 70.0)])
    stick = copy_to(clerk, tmp_path / "stick" / "plan.ita")
    scored(stick, [QuestionScore("i8", None)])  # emptied in the window there
    assert [c for c, _, _ in questions_of(stick)] == ["i9"]
    with Database.open(clerk) as database:
        merge_file(database, stick)
    assert [c for c, _, _ in questions_of(clerk)] == ["i9"]


@pytest.mark.parametrize(("statement", "field"), [
    ("UPDATE question_scores SET code = 'x99'", "code"),
    ("UPDATE question_scores SET score = 150", "score"),
    ("UPDATE question_scores SET assessment_id = 'nowhere'", "assessment_id"),
])
def test_a_copy_with_question_scores_we_never_write_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               statement: str, field: str) -> None:
    clerk = small_document(tmp_path / "clerk" / "plan.ita")
    scored(clerk, [QuestionScore("i8", 61.5)])
    stick = copy_to(clerk, tmp_path / "stick" / "plan.ita")
    conn = sqlite3.connect(stick)
    with conn:
        assert conn.execute(statement).rowcount == 1
    conn.close()
    local = sha(clerk)
    assert main(["merge", str(clerk), str(stick)]) == 3
    err = capsys.readouterr().err
    assert "holds values ITA Desktop never writes" in err and "question_scores" in err and field in err
    assert "Traceback" not in err and sha(clerk) == local


# -- interchange -----------------------------------------------------------------------------------------------
def test_question_scores_travel_in_json_and_an_older_file_leaves_them(tmp_path: Path) -> None:
    source = small_document(tmp_path / "a.ita")
    scored(source, [QuestionScore("i8", 61.5, "รู้แผนงบประมาณ"), QuestionScore("o20", 40.0)])
    out = tmp_path / "a.json"
    assert main(["export", str(source), str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "ita-desktop/2"
    questions = data["years"][0]["assessment"]["questions"]
    assert [(q["code"], q["score"], q["text"]) for q in questions] == [("i8", 61.5, "รู้แผนงบประมาณ"),
                                                                         ("o20", 40.0, "")]
    target = tmp_path / "b.ita"
    assert main(["new", str(target), "--org", "อบต.ทดสอบ", "--year", "2567"]) == 0
    assert main(["import", str(target), str(out)]) == 0
    assert questions_of(target) == questions_of(source)
    # a v2 file written before question scores existed updates the total and leaves them as they are
    del data["years"][0]["assessment"]["questions"]
    data["years"][0]["assessment"]["total"] = 81.0
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(target), str(older)]) == 0
    a = load(target).years[0].assessment
    assert a is not None and a.total == 81.0 and [q.code for q in a.questions] == ["i8", "o20"]


@pytest.mark.parametrize(("questions", "message"), [
    ([{"code": "I8", "score": 61.5}, {"code": "ข้อ i8", "score": 60.0}], "question i8 is scored twice"),
    ([{"code": "q1", "score": 61.5}], "not a question code"),
    ([{"code": "i1", "score": 161.5}], "outside 0–100"),
    ([{"code": "i1", "grade": "A"}], "grade"),
])
def test_bad_question_scores_in_json_are_refused_with_where(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            questions: list[dict[str, object]], message: str) -> None:
    target = small_document(tmp_path / "t.ita")
    before = sha(target)
    data = {"format": "ita-desktop/2", "organization": {"name": "อบต.ทดสอบ"},
            "years": [{"fiscal_year": 2567, "assessment": {"total": 80.0, "questions": questions}}]}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(target), str(bad)]) != 0
    err = capsys.readouterr().err
    assert message in err and "years[0].assessment.questions" in err and "Traceback" not in err
    assert sha(target) == before


def test_a_version_1_file_may_not_hold_question_scores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = small_document(tmp_path / "t.ita")
    data = {"format": "ita-desktop/1", "organization": {"name": "อบต.ทดสอบ"},
            "years": [{"fiscal_year": 2567, "assessment": {"total": 80.0, "questions": [{"code": "i1"}]}}]}
    bad = tmp_path / "v1.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(target), str(bad)]) != 0
    assert "is a key of ita-desktop/2" in capsys.readouterr().err
