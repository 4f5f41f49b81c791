"""The merge summary names each measure a merge added, changed or deleted (issue 11 point 9): on the command
line, for a dry run as for a merge, measures named by their title or, untitled, by their issue."""

from __future__ import annotations

from pathlib import Path

import pytest

from ita_desktop.cli import main
from ita_desktop.domain.model import Measure, Step
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import DocumentRepository
from tests.sync.helpers import copy_to, delete_measure, sha, small_document, update


def add_measure(path: Path, measure: Measure) -> None:
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        with database.transaction():
            repo.save_measure(repo.ensure_year(2567), measure)


def merge_lines(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    capsys.readouterr()
    main(["merge", *args])
    out = capsys.readouterr().out
    return [line.strip().removeprefix("- ") for line in out.splitlines()]


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_cli_names_every_measure_added_changed_and_deleted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], dry_run: bool) -> None:
    clerk = small_document(tmp_path / "clerk" / "plan.ita")
    department = copy_to(clerk, tmp_path / "finance" / "plan.ita")
    delete_measure(department, "m1")
    update(department, "measures", "m0", {"title": "เผยแพร่ผลการจัดซื้อจัดจ้างทุกเดือน"})
    update(department, "steps", "m2-s1", {"text": "กองคลังประชุมชี้แจงแล้ว"})
    add_measure(department, Measure(id="new", issue="ประชาชนไม่ทราบช่องทางร้องเรียน",
                                    steps=[Step(text="ทำป้าย"), Step(text="ประกาศทางเว็บไซต์")]))
    before = sha(clerk)
    lines = merge_lines(capsys, str(clerk), str(department), *(["--dry-run"] if dry_run else []))
    assert "แก้ไขมาตรการ «เผยแพร่ผลการจัดซื้อจัดจ้างทุกเดือน» (เดิม «มาตรการที่ 1»): ชื่อมาตรการ" in lines
    assert "ลบมาตรการ «มาตรการที่ 2»" in lines
    assert "แก้ไขมาตรการ «มาตรการที่ 3»: ขั้นตอน: แก้ไข 1 ขั้นตอน" in lines
    # an untitled measure is named by its issue, as the round page names it
    assert "เพิ่มมาตรการ «ประชาชนไม่ทราบช่องทางร้องเรียน» พร้อมขั้นตอน 2 ขั้นตอน" in lines
    assert (sha(clerk) == before) is dry_run


def test_a_merge_that_only_brings_the_other_copys_signatory_names_no_measure(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clerk = small_document(tmp_path / "clerk" / "plan.ita")
    department = copy_to(clerk, tmp_path / "finance" / "plan.ita")
    with Database.open(department, read_only=True) as database:
        signatory = database.conn.execute("SELECT id FROM signatories ORDER BY ord LIMIT 1").fetchone()[0]
    update(department, "signatories", signatory, {"name": "นายสมชาย ใจดี"})
    lines = merge_lines(capsys, str(clerk), str(department))
    assert "ผู้ลงนาม: แก้ไข 1 รายการ (ชื่อ)" in lines
    assert not any("มาตรการ «" in line for line in lines)
