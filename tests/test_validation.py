"""Rules shared by import, the grids and `check`: errors refuse, oddities real documents carry only warn."""

from __future__ import annotations

from datetime import date

import pytest

from ita_desktop.domain.catalogue import default_indicators, level_of
from ita_desktop.domain.model import Measure, Progress, Status, Step, YearPlan
from ita_desktop.domain.validation import (
    Severity,
    date_range_problems,
    is_valid_url,
    measure_problems,
    outside_year,
    progress_problems,
    year_problems,
)

NUMBERS = set(range(1, 11))


@pytest.mark.parametrize(("url", "ok"), [
    ("https://www.example.go.th/ita/o43", True), ("http://อบต.ไทย/ข่าว", True), (" https://a.go.th ", True),
    ("www.example.go.th", False), ("ftp://a.go.th/x", False), ("https://", False),
    ("https://a.go.th/ไฟล์ ผลการดำเนินงาน.pdf", False), ("", False),
])
def test_evidence_links(url: str, ok: bool) -> None:
    assert is_valid_url(url) is ok


def test_end_before_start_is_an_error_and_one_day_is_fine() -> None:
    [problem] = date_range_problems(date(2024, 3, 31), date(2023, 11, 1))
    assert (problem.field, problem.severity, problem.thai) == ("end", Severity.ERROR, "วันสิ้นสุดอยู่ก่อนวันเริ่มต้น")
    assert date_range_problems(date(2024, 3, 31), date(2024, 3, 31)) == []
    assert date_range_problems(None, date(2024, 3, 31)) == []


@pytest.mark.parametrize(("day", "warned"), [
    (date(2023, 9, 30), True), (date(2023, 10, 1), False), (date(2024, 2, 29), False), (date(2024, 9, 30), False),
    (date(2024, 10, 1), True),
])
def test_a_date_outside_the_fiscal_year_is_only_a_warning(day: date, warned: bool) -> None:
    problems = outside_year(day, 2567, "done_on")
    assert bool(problems) is warned
    if warned:
        assert problems[0].severity == Severity.WARNING
        assert "(๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗)" in problems[0].thai


def test_measure_problems() -> None:
    good = Measure(indicators=[9], title="มาตรการเผยแพร่ข้อมูล", start=date(2023, 11, 1), end=date(2024, 9, 30))
    assert measure_problems(good, 2567, NUMBERS) == []
    bad = Measure(indicators=[11], title="  ", start=date(2024, 9, 30), end=date(2023, 11, 1))
    found = {(p.field, p.severity) for p in measure_problems(bad, 2567, NUMBERS)}
    assert found == {("indicators", Severity.ERROR), ("title", Severity.WARNING), ("end", Severity.ERROR)}


def test_progress_problems_name_the_bad_link() -> None:
    progress = Progress(round=6, status=Status.DONE, done_on=date(2023, 9, 30),
                        evidence_urls=["https://a.go.th/x", "ดูที่บอร์ดประชาสัมพันธ์"])
    found = {(p.field, p.severity) for p in progress_problems(progress, 2567)}
    assert found == {("done_on", Severity.WARNING), ("evidence_urls[1]", Severity.ERROR)}


def test_year_problems_carry_the_path_of_the_measure() -> None:
    plan = YearPlan(fiscal_year=2567, indicators=default_indicators(), measures=[
        Measure(indicators=[1], title="ก"),
        Measure(indicators=[2], title="ข", steps=[Step("ขั้นที่ ๑")],
                progress=[Progress(round=6),
                          Progress(round=12, step=1, status=Status.DONE, done_on=date(2024, 10, 2))]),
    ])
    assert [(where, p.field) for where, p in year_problems(plan)] == [("measures[1].progress[1]", "done_on")]


@pytest.mark.parametrize(("score", "level"), [
    (100, "AA"), (95, "AA"), (94.99, "A"), (85, "A"), (84.99, "B"), (75, "B"), (65, "C"), (55, "D"),
    (50, "E"), (49.99, "F"), (0, "F"),
])
def test_ita_levels(score: float, level: str) -> None:
    assert level_of(score) == level


def test_steps_the_clerk_numbered_herself_are_never_numbered_twice() -> None:
    from ita_desktop.domain.steps import numbered_step

    assert numbered_step(1, "ประชุมวางแผน") == "1. ประชุมวางแผน"
    assert numbered_step("๑.๒", "ประชุมวางแผน") == "๑.๒ ประชุมวางแผน"
    for own in ("1. ประชุมวางแผน", "๒) จัดทำประกาศ", "๑.๑ รายงานผล", "- จัดทำประกาศ", "• ติดตาม"):
        assert numbered_step("๓", own) == own


def test_a_result_on_a_step_still_marked_planned_is_flagged_not_changed() -> None:
    from datetime import date

    from ita_desktop.domain.model import Progress, Status
    from ita_desktop.domain.validation import Severity, progress_problems

    forgotten = Progress(round=6, step=1, status=Status.PLANNED, done_on=date(2024, 1, 10), result="ประชุมแล้ว")
    problems = [p for p in progress_problems(forgotten, 2567) if p.field == "status"]
    assert [p.severity for p in problems] == [Severity.WARNING] and "ยังไม่ดำเนินการ" in problems[0].thai
    assert forgotten.status == Status.PLANNED  # only flagged
    assert not [p for p in progress_problems(Progress(round=6, step=1), 2567) if p.field == "status"]
    done = Progress(round=6, step=1, status=Status.DONE, done_on=date(2024, 1, 10), result="ประชุมแล้ว")
    assert not [p for p in progress_problems(done, 2567) if p.field == "status"]


def test_done_on_after_the_round_ended_is_a_warning() -> None:
    from datetime import date as _date

    from ita_desktop.domain.model import Progress as _Progress
    from ita_desktop.domain.model import Status as _Status
    from ita_desktop.domain.validation import Severity as _Severity
    from ita_desktop.domain.validation import progress_problems as _problems

    # 15 พ.ค. 2566 in the 6-month report
    late = _problems(_Progress(round=6, status=_Status.DONE, done_on=_date(2023, 5, 15)), 2566)
    assert [(p.field, p.severity) for p in late] == [("done_on", _Severity.WARNING)]
    assert "หลังสิ้นสุดรอบ 6 เดือน" in late[0].thai and "๓๑ มีนาคม ๒๕๖๖" in late[0].thai
    assert _problems(_Progress(round=12, status=_Status.DONE, done_on=_date(2023, 5, 15)), 2566) == []
    assert _problems(_Progress(round=6, status=_Status.DONE, done_on=_date(2023, 3, 31)), 2566) == []


def test_export_problems_are_those_of_what_is_exported() -> None:
    from datetime import date as _date

    from ita_desktop.domain.model import Measure as _Measure
    from ita_desktop.domain.model import Progress as _Progress
    from ita_desktop.domain.model import YearPlan as _YearPlan
    from ita_desktop.domain.validation import Severity as _Severity
    from ita_desktop.domain.validation import export_problems as _export_problems

    measure = _Measure(title="ก", start=_date(2022, 10, 1), end=_date(2022, 9, 1),
                       progress=[_Progress(round=6, done_on=_date(2023, 5, 15)),
                                 _Progress(round=12, done_on=_date(2024, 1, 1))])
    plan = _YearPlan(fiscal_year=2566, measures=[measure, _Measure(title="")])
    in_plan = _export_problems(plan, "plan")
    assert in_plan[0][1].severity == _Severity.ERROR and in_plan[0][1].field == "end"  # errors first
    assert not any(".progress[" in path for path, _ in in_plan)
    six = _export_problems(plan, "progress", 6)
    assert [path for path, p in six if p.field == "done_on"] == ["measures[0].progress[0]"]
    twelve = _export_problems(plan, "progress", 12)
    assert {path for path, p in twelve if p.field == "done_on"} == {"measures[0].progress[0]",
                                                                    "measures[0].progress[1]"}
