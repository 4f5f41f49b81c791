"""The round at a glance (issue 14): counts per state and unit, the overdue rule on the round's boundaries,
the missing list, the round chosen by date, and `ita-desktop status` as text, JSON, the ITAS table and the
per-unit sheet of open steps."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_desktop.cli import main
from ita_desktop.domain.model import Indicator, Measure, Progress, Signatory, Status, Step, Tool, YearPlan
from ita_desktop.domain.publications import Publication
from ita_desktop.domain.round_status import (
    NO_UNIT,
    REPORT_DUE_DAYS,
    MissingKind,
    StepState,
    current_round,
    round_status,
    year_for_today,
)
from ita_desktop.interchange.json_writer import document_json
from ita_desktop.services.documents import import_file

FY = 2566  # 1 Oct 2022 – 30 Sep 2023; round 6 ends 31 Mar 2023
CATALOGUE = [Indicator(1, Tool.IIT, "การปฏิบัติหน้าที่"), Indicator(9, Tool.OIT, "การเปิดเผยข้อมูล")]


def plan_of(*measures: Measure, signed: bool = True) -> YearPlan:
    return YearPlan(FY, indicators=list(CATALOGUE), measures=list(measures),
                    signatories=[Signatory("ผู้จัดทำ", name="นางสาวก")] if signed else [])


def three_steps() -> Measure:
    """Due dates on both sides of 20 Mar 2023 and on the round's last day."""
    return Measure(id="m1", indicators=[1], title="ลดการใช้ดุลพินิจ", units=["สำนักปลัด", "กองคลัง"], rounds=[6, 12],
                   end=date(2023, 9, 30),
                   steps=[Step("ประกาศ", due=date(2023, 1, 31)), Step("ประชุม", due=date(2023, 3, 31)),
                          Step("ติดตาม", due=date(2023, 2, 28)), Step("สรุป", due=date(2023, 9, 30))],
                   progress=[Progress(6, 1, Status.DONE, date(2023, 1, 20), "ประกาศแล้ว", id="e1"),
                             Progress(6, 2, Status.IN_PROGRESS, None, "", id="e2"),
                             Progress(6, 3, Status.IN_PROGRESS, None, "กำลังติดตาม", id="e3")])


def test_each_count_on_a_day_inside_the_round() -> None:
    status = round_status(plan_of(three_steps()), 6, date(2023, 3, 20), ["กองช่าง", "กองคลัง"])
    states = [s.state for s in status.steps]
    # step 3 is past its due date: overdue wins over its "in progress" entry
    assert states == [StepState.DONE, StepState.IN_PROGRESS, StepState.OVERDUE, StepState.NOT_STARTED]
    assert status.totals.as_dict() == {"steps": 4, "done": 1, "in_progress": 1, "overdue": 1, "not_started": 1}
    assert list(status.units) == ["กองคลัง", "สำนักปลัด"]  # the document's order first; units with no step dropped
    assert all(c.as_dict() == status.totals.as_dict() for c in status.units.values())  # each unit counts every step
    assert (status.round_end, status.days_left) == (date(2023, 3, 31), 11)
    assert status.report_due == date(2023, 3, 31) + timedelta(days=REPORT_DUE_DAYS)


@pytest.mark.parametrize(("today", "state"), [
    (date(2023, 3, 31), StepState.IN_PROGRESS),  # the due day itself is still on time
    (date(2023, 4, 1), StepState.OVERDUE),
])
def test_the_overdue_rule_on_the_31_march_boundary(today: date, state: StepState) -> None:
    status = round_status(plan_of(three_steps()), 6, today)
    assert status.steps[1].state == state


@pytest.mark.parametrize(("today", "state"), [(date(2023, 9, 30), StepState.NOT_STARTED),
                                              (date(2023, 10, 1), StepState.OVERDUE)])
def test_the_overdue_rule_on_the_30_september_boundary_uses_the_measures_end(today: date, state: StepState) -> None:
    measure = Measure(id="m", title="ไม่มีขั้นตอน", end=date(2023, 9, 30), rounds=[12])  # no steps: one step
    status = round_status(plan_of(measure), 12, today)
    assert [(s.step, s.state) for s in status.steps] == [(None, state)]
    assert list(status.units) == [NO_UNIT]


def test_done_counts_from_an_earlier_round_not_from_a_later_one() -> None:
    measure = three_steps()
    measure.progress.append(Progress(12, 4, Status.DONE, date(2023, 8, 1), "สรุปแล้ว"))
    round6 = round_status(plan_of(measure), 6, date(2023, 3, 20))
    round12 = round_status(plan_of(measure), 12, date(2023, 8, 20))
    assert round6.steps[3].state == StepState.NOT_STARTED
    assert [s.state for s in round12.steps][::3] == [StepState.DONE, StepState.DONE]  # step 1 from round 6


def test_the_missing_list_points_at_its_cells() -> None:
    oit = Measure(id="m2", indicators=[9], title="เปิดเผยข้อมูล", units=["กองคลัง"], rounds=[6],
                  steps=[Step("เผยแพร่")], progress=[Progress(6, 1, Status.DONE, None, "เผยแพร่แล้ว", id="e4")])
    status = round_status(plan_of(three_steps(), oit, signed=False), 6, date(2023, 3, 20))
    found = [(m.kind, m.measure_id, m.step, m.entry_id) for m in status.missing]
    assert found == [
        (MissingKind.NO_ENTRY, "m1", 4, None),
        (MissingKind.NO_RESULT, "m1", 2, "e2"),
        (MissingKind.NO_DONE_DATE, "m2", 1, "e4"),
        (MissingKind.NO_EVIDENCE, "m2", 1, "e4"),
        (MissingKind.UNSIGNED, None, None, None),
    ]
    assert status.missing[3].field == "evidence_urls" and status.missing[1].field == "result"
    oit.progress[0].evidence_urls = ["https://a.go.th/x.pdf"]
    assert MissingKind.NO_EVIDENCE not in {m.kind for m in round_status(plan_of(oit), 6, date(2023, 3, 20)).missing}


def test_a_step_done_in_an_earlier_round_is_not_missing_in_the_next() -> None:
    status = round_status(plan_of(three_steps()), 12, date(2023, 8, 1))
    assert [(m.kind, m.step) for m in status.missing if m.kind == MissingKind.NO_ENTRY] == [
        (MissingKind.NO_ENTRY, 2), (MissingKind.NO_ENTRY, 3), (MissingKind.NO_ENTRY, 4)]


@given(due=st.dates(date(2022, 10, 1), date(2023, 9, 30)), today=st.dates(date(2022, 10, 1), date(2023, 12, 31)),
       status=st.sampled_from([None, *Status]), round_=st.sampled_from([3, 6, 9, 12]))
def test_every_step_has_one_state_by_the_rules(due: date, today: date, status: Status | None, round_: int) -> None:
    progress = [Progress(round_, 1, status, result="x")] if status else []
    measure = Measure(id="m", title="t", units=["ก", "ข"], steps=[Step("s", due=due)], progress=progress)
    result = round_status(plan_of(measure), round_, today)
    (step,) = result.steps
    expected = (StepState.DONE if status == Status.DONE else StepState.OVERDUE if due < today
                else StepState.IN_PROGRESS if status == Status.IN_PROGRESS else StepState.NOT_STARTED)
    assert step.state == expected
    totals = result.totals.as_dict()
    assert totals["steps"] == 1 == sum(v for k, v in totals.items() if k != "steps")
    assert result.days_left == (result.round_end - today).days


def test_the_round_and_year_are_chosen_by_date() -> None:
    assert current_round(FY, [6, 12], date(2022, 10, 1)) == 6
    assert current_round(FY, [6, 12], date(2023, 4, 30)) == 6  # the report of round 6 is still due
    assert current_round(FY, [6, 12], date(2023, 5, 1)) == 12
    assert current_round(FY, [3, 6, 9, 12], date(2023, 11, 30)) == 12
    assert year_for_today([2566, 2567], date(2023, 9, 30)) == 2566
    assert year_for_today([2566, 2567], date(2023, 10, 1)) == 2567
    assert year_for_today([2566], date(2024, 1, 1)) is None


# -- the command line ------------------------------------------------------------------------------------------
@pytest.fixture
def doc(tmp_path: Path) -> Path:
    from ita_desktop.domain.model import Document, Organization

    plan = plan_of(three_steps())
    plan.publications = [Publication("progress", 6, "o43", "https://a.go.th/r6.pdf", date(2023, 4, 5))]
    data = document_json(Document(Organization(name="อบต.ทดสอบ"), ["สำนักปลัด", "กองคลัง"], [plan]))
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    import_file(tmp_path / "doc.ita", source)
    return tmp_path / "doc.ita"


def test_status_prints_the_figures_in_thai(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(doc), "--today", "2023-03-20"]) == 0
    out = capsys.readouterr().out
    assert "ปีงบประมาณ ๒๕๖๖ รอบ ๖ เดือน" in out
    assert "สิ้นสุดรอบ ๓๑ มีนาคม ๒๕๖๖ (อีก ๑๑ วัน)" in out
    assert "ดำเนินการแล้ว ๑ จาก ๔ ขั้นตอน" in out and "เลยกำหนด ๑" in out
    assert "  กองคลัง: ดำเนินการแล้ว ๑ จาก ๔ ขั้นตอน" in out
    assert "ลดการใช้ดุลพินิจ — ขั้นตอนที่ ๔: ยังไม่มีรายงานผล" in out
    assert "o43 รายงานการกำกับติดตามมาตรการ รอบ 6 เดือน: https://a.go.th/r6.pdf" in out


def test_status_json(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(doc), "--round", "6", "--today", "2023-04-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in ("fiscal_year", "round", "round_end", "report_due", "days_left")} == {
        "fiscal_year": 2566, "round": 6, "round_end": "2023-03-31", "report_due": "2023-04-30", "days_left": -1}
    assert data["totals"] == {"steps": 4, "done": 1, "in_progress": 0, "overdue": 2, "not_started": 1}
    assert [u["unit"] for u in data["units"]] == ["สำนักปลัด", "กองคลัง"]
    assert [(m["measure"], m["step"], m["what"]) for m in data["missing"]] == [
        ("m1", 4, "no_entry"), ("m1", 2, "no_result")]
    assert data["publications"][0] | {"id": None} == {"id": None, "document": "progress", "round": 6, "item": "o43",
                                                      "url": "https://a.go.th/r6.pdf", "published_on": "2023-04-05"}


def test_status_publications_is_a_table_for_itas(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(doc), "--publications"]) == 0
    assert capsys.readouterr().out == ("ข้อ\tเอกสาร\tURL\tวันที่เผยแพร่\n"
                                       "o43\tรายงานการกำกับติดตามมาตรการ รอบ 6 เดือน\thttps://a.go.th/r6.pdf\t5/4/2566\n")


def test_status_refuses_bad_input(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(doc), "--today", "20/3/2566"]) != 0
    assert "--today must be a date" in capsys.readouterr().err
    assert main(["status", str(doc), "--year", "2570"]) != 0
    assert "2570" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_the_sheet_of_a_units_open_steps(doc: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"กองคลัง{suffix}"
    assert main(["status", str(doc), "--today", "2023-03-20", "--unit", "กองคลัง", "--out", str(out)]) == 0
    if suffix == ".pdf":
        from tests.pdf.readback import pdfminer_text

        text = pdfminer_text(out)
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(out).active
        assert sheet is not None
        text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "ขั้นตอนที่ค้างดำเนินการ" in text and "กองคลัง" in text
    assert "ติดตาม" in text and "เลยกำหนด" in text and "สรุป" in text
    assert "ประกาศ" not in text  # the done step is not open


def test_a_measure_reported_as_a_whole_counts_all_its_steps_and_misses_none_of_them() -> None:
    """Seed 001's office reports one summary per measure: its round page said "๐ จาก ๑๗ ขั้นตอน" and listed every
    step as missing. Its measures have no title either: they are named by their issue."""
    measure = Measure(id="w", indicators=[1], title="", issue="บุคลากรในหน่วยงานปฏิบัติงานตามขั้นตอน\nมากน้อยเพียงใด",
                      rounds=[12], units=["กองคลัง"], end=date(2023, 9, 30),
                      steps=[Step("เชิญบุคลากรมาประชุม"), Step("กำชับให้ปฏิบัติตามขั้นตอน")],
                      progress=[Progress(12, None, Status.DONE, date(2023, 5, 2), "ประชุมแล้วทุกกอง", id="s"),
                                Progress(12, 2, Status.IN_PROGRESS, None, "", id="empty")])
    status = round_status(plan_of(measure), 12, date(2023, 10, 5))
    assert (status.totals.done, status.totals.steps, status.totals.overdue) == (2, 2, 0)
    assert status.units["กองคลัง"].done == 2
    assert not [m for m in status.missing if m.kind == MissingKind.NO_ENTRY]
    (no_result,) = [m for m in status.missing if m.kind == MissingKind.NO_RESULT]
    assert no_result.label == "บุคลากรในหน่วยงานปฏิบัติงานตามขั้นตอน — ขั้นตอนที่ ๒"
