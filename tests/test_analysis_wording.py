"""The drafted analysis reads like an office's own (issue 15): with six indicators below the target the
paragraphs open and run differently, those about one theme are spoken of together, what is known (a clerk's
note, question scores, last year's measure and score) changes what is said, and the levels and gaps are worded
by the NACC's bands against the target of 85."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from ita_desktop.domain.model import Assessment, IndicatorScore, Measure, QuestionScore, Tool
from ita_desktop.library.store import shipped
from ita_desktop.reports.analysis_draft import standing
from ita_desktop.reports.texts import generated_text
from ita_desktop.services.documents import load
from ita_desktop.services.drafting import apply_draft
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import DocumentRepository
from ita_desktop.thai.segment import words
from tests.test_library import scored_document

SIX_LOW = {1: 72.4, 2: 81.0, 3: 90.0, 4: 84.99, 5: 88.0, 6: 79.5, 7: 70.0, 8: 91.0, 9: 60.25, 10: 86.0}
QUESTIONS = [QuestionScore("i2", 55.0, "ปฏิบัติงานตามขั้นตอน"), QuestionScore("i8", 61.5),
             QuestionScore("i20", 70.0), QuestionScore("e3", 62.0), QuestionScore("e7", 58.0),
             QuestionScore("o12", 0.0, "รายงานผลการดำเนินงานประจำปี")]


def analysis_of(path: Path, fiscal_year: int = 2567) -> list[str]:
    document = load(path)
    plan = document.year(fiscal_year)
    assert plan is not None
    return generated_text(document, plan, "analysis", "intro", None).splitlines()


def six_low(path: Path, questions: bool = True) -> Path:
    scored_document(path, SIX_LOW, total=78.5)
    if questions:
        with Database.open(path) as database:
            repo = DocumentRepository(database)
            year_id = repo.year_id(2567)
            assert year_id is not None
            a = repo.assessment(year_id)
            assert a is not None
            a.questions = QUESTIONS
            repo.save_assessment(year_id, a)
    apply_draft(path, 2567, shipped())
    return path


def first_words(paragraph: str, count: int = 2) -> tuple[str, ...]:
    return tuple(w for w in (w.strip() for w in words(paragraph)) if w)[:count]


def clauses(paragraphs: list[str]) -> list[str]:
    """The sentence pieces of the text with what differs from one indicator to the next taken out (names in
    brackets, scores, question codes), so that a wording used over and over shows as the same piece."""
    masked = [re.sub(r"\([๐-๙]+\) [^ ]+|[๐-๙.]+|[ieo][0-9]+|\([^)]*\)", "#", p) for p in paragraphs]
    return [c for p in masked for c in p.split(" ") if len(c.replace("#", "")) >= 20]


@pytest.mark.parametrize("questions", [True, False])
def test_six_weak_indicators_no_two_paragraphs_open_alike_and_no_wording_repeats(
        tmp_path: Path, questions: bool) -> None:
    paragraphs = analysis_of(six_low(tmp_path / "six.ita", questions))
    starts = [first_words(p) for p in paragraphs]
    assert len(set(starts)) == len(starts), starts
    repeated = {c: n for c, n in Counter(clauses(paragraphs)).items() if n > 2}
    assert not repeated, repeated
    low = ("(๑) การปฏิบัติหน้าที่", "(๒) การใช้งบประมาณ", "(๔) การใช้ทรัพย์สินของราชการ", "(๖) คุณภาพการดำเนินงาน",
           "(๗) ประสิทธิภาพการสื่อสาร", "(๙) การเปิดเผยข้อมูล")
    text = "\n".join(paragraphs)
    assert all(name in text for name in low)


def test_indicators_of_one_theme_share_a_paragraph(tmp_path: Path) -> None:
    paragraphs = analysis_of(six_low(tmp_path / "six.ita"))
    def holding(name: str) -> int:
        return next(i for i, p in enumerate(paragraphs[2:], 2) if name in p)
    assert holding("(๑) การปฏิบัติหน้าที่") == holding("(๖) คุณภาพการดำเนินงาน")  # the service
    assert holding("(๗) ประสิทธิภาพการสื่อสาร") == holding("(๙) การเปิดเผยข้อมูล")  # communication
    assert holding("(๒) การใช้งบประมาณ") == holding("(๔) การใช้ทรัพย์สินของราชการ")  # internal management
    assert len({holding(n) for n in ("(๑)", "(๗)", "(๒)")}) == 3
    assert holding("(๙) การเปิดเผยข้อมูล") < holding("(๒) การใช้งบประมาณ")  # the furthest below first
    # the weakest questions of a theme are named together, lowest first
    comms = paragraphs[holding("(๙) การเปิดเผยข้อมูล")]
    assert comms.index("o12") < comms.index("e7")


def test_the_clerks_note_replaces_the_generic_reason_and_leads(tmp_path: Path) -> None:
    path = scored_document(tmp_path / "d.ita", {**SIX_LOW, 7: 70.0})
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        year_id = repo.year_id(2567)
        assert year_id is not None
        a = repo.assessment(year_id)
        assert a is not None
        for score in a.indicators:
            if score.number == 9:
                score.note = "เว็บไซต์ขัดข้องช่วงเดือนมีนาคมทำให้ผู้ตรวจเข้าไม่ได้"
        a.questions = [QuestionScore("o12", 0.0), QuestionScore("e7", 58.0)]
        repo.save_assessment(year_id, a)
    apply_draft(path, 2567, shipped())
    comms = next(p for p in analysis_of(path) if "(๙) การเปิดเผยข้อมูล" in p and "(๗)" in p)
    assert "เว็บไซต์ขัดข้องช่วงเดือนมีนาคม" in comms
    assert comms.index("เว็บไซต์ขัดข้อง") < comms.index("o12")  # the office's own finding first
    assert "ตามที่สำนักงาน ป.ป.ช. กำหนด" not in comms  # the generic reason of (๙) is not added on top


def test_last_years_score_and_measure_change_what_is_said(tmp_path: Path) -> None:
    """With the year before in the file (its plan and its result), the analysis says how each indicator moved
    and that last year's measure did not reach the target yet."""
    path = six_low(tmp_path / "two.ita", questions=False)
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        year_id = repo.ensure_year(2566)
        repo.save_assessment(year_id, Assessment(year=2565, total=75.0, level="B",
                                                 tools={Tool.IIT: 80.0},
                                                 indicators=[IndicatorScore(number=9, score=55.0),
                                                             IndicatorScore(number=7, score=75.5),
                                                             IndicatorScore(number=3, score=92.0)]))
        repo.save_measure(year_id, Measure(indicators=[9], title="มาตรการปรับปรุงเว็บไซต์ของหน่วยงาน"))
    paragraphs = analysis_of(path)
    assert "ดีขึ้นจากปีก่อน ๓.๕๐ คะแนน" in paragraphs[0]  # 78.50 against 75.00
    comms = next(p for p in paragraphs if "(๙) การเปิดเผยข้อมูล" in p and "(๗)" in p)
    assert "(๙) การเปิดเผยข้อมูล เพิ่มขึ้นจากปีก่อน ๕.๒๕ คะแนน" in comms
    assert "(๗) ประสิทธิภาพการสื่อสาร ลดลงจากปีก่อน ๕.๕๐ คะแนน" in comms
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๖ จะได้ดำเนินการตามมาตรการปรับปรุงเว็บไซต์ของหน่วยงานแล้ว" in comms
    others = [p for p in paragraphs if p is not comms]
    assert not any("มาตรการปรับปรุงเว็บไซต์" in p for p in others)  # said only where it applies


@pytest.mark.parametrize(("score", "level", "said"), [
    (74.99, "C", "ต่ำกว่าค่าเป้าหมาย ๘๕ คะแนนอยู่ ๑๐.๐๑ คะแนน"),
    (75.0, "B", "ต่ำกว่าค่าเป้าหมาย ๘๕ คะแนนอยู่ ๑๐.๐๐ คะแนน"),
    (84.99, "B", "ขาดอีกเพียง ๐.๐๑ คะแนนก็จะถึงค่าเป้าหมาย ๘๕ คะแนน"),
    (85.0, "A", "ผ่านค่าเป้าหมาย ๘๕ คะแนน"),
    (95.0, "AA", "ผ่านค่าเป้าหมาย ๘๕ คะแนน"),
    (54.99, "E", "ต่ำกว่าค่าเป้าหมาย ๘๕ คะแนนถึง ๓๐.๐๑ คะแนน"),
    (49.99, "F", "ต่ำกว่าค่าเป้าหมาย ๘๕ คะแนนถึง ๓๕.๐๑ คะแนน"),
])
def test_band_words_at_the_edges(score: float, level: str, said: str) -> None:
    words_ = standing(score, 85.0)
    assert words_.startswith(f"อยู่ในระดับ {level} ") and said in words_
    assert "ใกล้" not in words_


def test_a_total_of_75_is_not_called_near_the_target(tmp_path: Path) -> None:
    path = scored_document(tmp_path / "d.ita", {n: 75.0 for n in range(1, 11)}, total=75.0)
    apply_draft(path, 2567, shipped())
    paragraphs = analysis_of(path)
    assert "ได้ ๗๕.๐๐ คะแนน อยู่ในระดับ B ต่ำกว่าค่าเป้าหมาย ๘๕ คะแนนอยู่ ๑๐.๐๐ คะแนน" in paragraphs[0]
    assert not any("ใกล้" in p for p in paragraphs)
