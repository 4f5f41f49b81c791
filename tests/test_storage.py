"""The `.ita` file: how it is opened, what a new one holds, and how rows change (stamps, clock, tombstones)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ita_desktop.domain.catalogue import DEFAULT_INDICATORS, DEFAULT_UNITS
from ita_desktop.domain.model import Indicator, Measure, Organization, Progress, Status, Step, Tool
from ita_desktop.errors import UserError
from ita_desktop.services.documents import load, new_document
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import DocumentRepository
from ita_desktop.storage.schema import APPLICATION_ID, SCHEMA_VERSION


@pytest.fixture
def doc_path(tmp_path: Path) -> Path:
    path = tmp_path / "งาน.ita"
    new_document(path, Organization(name="องค์การบริหารส่วนตำบลทดสอบ", province="ระนอง"), 2567)
    return path


def a_measure() -> Measure:
    return Measure(indicators=[9], title="เปิดเผยข้อมูลบนเว็บไซต์", issue="ข้อมูลไม่ครบ",
                   steps=[Step("๑. รวบรวมข้อมูล"), Step("๒. เผยแพร่", due=date(2024, 3, 31))],
                   units=["สำนักปลัด"], start=date(2023, 11, 1), end=date(2024, 9, 30), rounds=[6, 12],
                   progress=[Progress(round=6, step=1, status=Status.DONE, done_on=date(2024, 1, 15),
                                      result="ดำเนินการแล้ว")])


def raw(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read the file with plain sqlite3, as any SQLite tool would."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def stamps(path: Path, table: str, row_id: str) -> dict[str, list[Any]]:
    loaded: dict[str, list[Any]] = json.loads(raw(path, f"SELECT stamps FROM {table} WHERE id = ?", (row_id,))[0][0])
    return loaded


def test_a_new_file_is_a_plain_sqlite_file_configured_for_usb_sticks(doc_path: Path) -> None:
    assert doc_path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert raw(doc_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert raw(doc_path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert doc_path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL, in the header
    assert not Path(f"{doc_path}-journal").exists() and not Path(f"{doc_path}-wal").exists()
    with Database.open(doc_path) as database:
        assert database.conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert database.conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
        assert database.conn.execute("PRAGMA trusted_schema").fetchone() == (0,)
        assert len(database.doc_id) == 36 and database.replica_id != database.doc_id


def test_create_refuses_an_existing_file(doc_path: Path) -> None:
    before = doc_path.read_bytes()
    with pytest.raises(UserError, match="already exists"):
        new_document(doc_path, Organization(), 2567)
    assert doc_path.read_bytes() == before


def test_open_read_only_cannot_write(doc_path: Path) -> None:
    with Database.open(doc_path, read_only=True) as database, pytest.raises(UserError, match="read-only"):
        database.write_row("units", "x", {"name": "กองใหม่"})


def test_new_document_holds_organization_default_units_and_catalogue(doc_path: Path) -> None:
    doc = load(doc_path)
    assert doc.organization.name == "องค์การบริหารส่วนตำบลทดสอบ"
    assert doc.units == list(DEFAULT_UNITS)
    [plan] = doc.years
    assert plan.fiscal_year == 2567
    assert [(i.number, i.tool, i.name) for i in plan.indicators] == list(DEFAULT_INDICATORS)
    assert [i.number for i in plan.indicators if i.tool == Tool.IIT] == [1, 2, 3, 4, 5]
    assert [i.number for i in plan.indicators if i.tool == Tool.EIT] == [6, 7, 8]
    assert [i.number for i in plan.indicators if i.tool == Tool.OIT] == [9, 10]
    assert plan.indicator(9) is not None and plan.indicator(9).name == "การเปิดเผยข้อมูล"  # type: ignore[union-attr]
    assert [s.role for s in plan.signatories] == ["ผู้จัดทำ", "ผู้รายงาน", "ผู้อนุมัติ"]


def test_the_catalogue_is_seeded_and_edited_per_year(doc_path: Path) -> None:
    with Database.open(doc_path) as database:
        repo = DocumentRepository(database)
        y2567 = repo.year_id(2567)
        y2568 = repo.ensure_year(2568)
        assert y2567 and y2568 != y2567
        assert repo.ensure_year(2568) == y2568  # idempotent
        old, new = repo.indicators(y2567), repo.indicators(y2568)
        assert len(new) == 10 and not {i.id for i in old} & {i.id for i in new}
        renamed = new[8]
        renamed.name = "การเปิดเผยข้อมูลสาธารณะ (ปรับตามกรอบใหม่)"
        repo.save_indicator(y2568, renamed)
        repo.save_indicator(y2568, Indicator(number=11, tool=Tool.OIT, name="ตัวชี้วัดใหม่"))
        repo.delete_indicator(new[0].id)
    doc = load(doc_path)
    assert doc.year(2567).indicator(9).name == "การเปิดเผยข้อมูล"  # type: ignore[union-attr]
    plan = doc.year(2568)
    assert plan is not None
    assert plan.indicator(9).name == "การเปิดเผยข้อมูลสาธารณะ (ปรับตามกรอบใหม่)"  # type: ignore[union-attr]
    assert [i.number for i in plan.indicators] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert len(doc.year(2567).indicators) == 10  # type: ignore[union-attr]


def test_write_row_stamps_only_changed_fields_and_ticks_once_per_transaction(doc_path: Path) -> None:
    with Database.open(doc_path) as database:
        repo = DocumentRepository(database)
        replica = database.replica_id
        start = database.version_vector()[replica]
        year_id = repo.year_id(2567)
        assert year_id
        measure = a_measure()
        repo.save_measure(year_id, measure)  # measure, 2 steps, 1 progress: one transaction
        assert database.version_vector() == {replica: start + 1}
        with database.transaction():
            database.write_row("measures", measure.id, {"title": "ชื่อใหม่"})
            database.write_row("steps", measure.steps[0].id, {"text": "๑. รวบรวมข้อมูลให้ครบ"})
            with database.transaction():  # nested: joins the outer one
                database.write_row("measures", measure.id, {"monitoring": "รายงานทุก ๖ เดือน"})
        assert database.version_vector() == {replica: start + 2}
    st = stamps(doc_path, "measures", measure.id)
    assert st["title"] == [start + 2, replica] and st["monitoring"] == [start + 2, replica]
    assert st["issue"] == [start + 1, replica] and st["end"] == [start + 1, replica]
    step_stamps = stamps(doc_path, "steps", measure.steps[0].id)
    assert step_stamps["text"] == [start + 2, replica] and step_stamps["due"] == [start + 1, replica]
    assert stamps(doc_path, "steps", measure.steps[1].id)["text"] == [start + 1, replica]
    assert load(doc_path).years[0].measures[0].title == "ชื่อใหม่"


def test_new_document_is_one_tick(doc_path: Path) -> None:
    with Database.open(doc_path, read_only=True) as database:
        assert database.version_vector() == {database.replica_id: 1}


def test_an_update_that_changes_nothing_writes_nothing(doc_path: Path) -> None:
    with Database.open(doc_path) as database:
        repo = DocumentRepository(database)
        year_id = repo.year_id(2567)
        assert year_id
        measure = a_measure()
        repo.save_measure(year_id, measure)
        clock = database.version_vector()
        row = database.row("measures", measure.id)
        changes = database.conn.total_changes
        same = repo.measure(measure.id)
        assert same is not None
        repo.save_measure(year_id, same)  # the same measure, re-saved
        assert database.write_row("measures", measure.id, {"title": measure.title}) is False
        assert database.conn.total_changes == changes
        assert database.version_vector() == clock
        assert database.row("measures", measure.id) == row


def test_delete_tombstones_the_measure_with_its_steps_and_progress_and_restore_undoes_it(doc_path: Path) -> None:
    with Database.open(doc_path) as database:
        repo = DocumentRepository(database)
        year_id = repo.year_id(2567)
        assert year_id
        measure, other = a_measure(), Measure(indicators=[1], title="อีกมาตรการ")
        repo.save_measure(year_id, measure)
        repo.save_measure(year_id, other)
        gone = repo.delete_measure(measure.id)
    assert sorted(t for t, _ in gone) == ["measures", "progress", "steps", "steps"]
    assert [m.title for m in load(doc_path).years[0].measures] == ["อีกมาตรการ"]
    # the rows stay in the file, marked deleted, so the deletion can travel to other copies
    assert raw(doc_path, "SELECT deleted FROM measures WHERE id = ?", (measure.id,)) == [(1,)]
    assert raw(doc_path, "SELECT count(*), sum(deleted) FROM steps WHERE measure_id = ?", (measure.id,)) == [(2, 2)]
    assert raw(doc_path, "SELECT deleted FROM progress WHERE measure_id = ?", (measure.id,)) == [(1,)]
    with Database.open(doc_path) as database:
        DocumentRepository(database).restore(gone)
    restored = load(doc_path).years[0].measures
    assert [m.title for m in restored] == [measure.title, "อีกมาตรการ"]
    assert [s.text for s in restored[0].steps] == ["๑. รวบรวมข้อมูล", "๒. เผยแพร่"]
    assert restored[0].progress[0].result == "ดำเนินการแล้ว"


def test_a_failing_transaction_leaves_nothing_behind(doc_path: Path) -> None:
    with Database.open(doc_path) as database:
        repo = DocumentRepository(database)
        clock = database.version_vector()
        year_id = repo.year_id(2567)
        assert year_id
        measure = a_measure()
        with pytest.raises(RuntimeError), database.transaction():
            repo.save_measure(year_id, measure)
            repo.add_units(["กองใหม่"])
            raise RuntimeError("power cut")
        assert database.row("measures", measure.id) is None
        assert database.version_vector() == clock
        # the clock is not left with a counter the rolled-back transaction took
        repo.add_units(["กองหลัง"])
        assert database.version_vector()[database.replica_id] == clock[database.replica_id] + 1
    doc = load(doc_path)
    assert doc.years[0].measures == [] and "กองใหม่" not in doc.units and doc.units[-1] == "กองหลัง"


def test_a_failing_nested_block_rolls_back_only_itself(doc_path: Path) -> None:
    with Database.open(doc_path) as database:
        repo = DocumentRepository(database)
        with database.transaction():
            repo.add_units(["กองแรก"])
            with pytest.raises(ValueError), database.transaction():
                repo.add_units(["กองที่ถูกยกเลิก"])
                database.write_row("units", "x", {"no_such_field": 1})
    units = load(doc_path).units
    assert "กองแรก" in units and "กองที่ถูกยกเลิก" not in units


def test_write_row_outside_a_transaction_commits(doc_path: Path) -> None:
    with Database.open(doc_path) as database:
        database.write_row("units", "u-1", {"name": "กองนอกธุรกรรม", "ord": 99.0})
        assert not database.conn.in_transaction
    assert raw(doc_path, "SELECT name FROM units WHERE id = 'u-1'") == [("กองนอกธุรกรรม",)]


def test_units_are_kept_as_typed_and_set_in_order(doc_path: Path) -> None:
    sentence = "ทุกกอง/ฝ่ายที่เกี่ยวข้อง โดยมีสำนักปลัดเป็นผู้ประสานงานหลัก"
    with Database.open(doc_path) as database:
        repo = DocumentRepository(database)
        repo.set_units(["กองคลัง", sentence, "สำนักปลัด"])
    assert load(doc_path).units == ["กองคลัง", sentence, "สำนักปลัด"]


KILLED_WRITER = """
import sys
from pathlib import Path
from ita_desktop.storage.database import Database
database = Database.open(Path(sys.argv[1]))
database.conn.execute("PRAGMA cache_size=5")  # tiny cache: dirty pages spill into the file mid-transaction
with database.transaction():
    for i in range(3000):
        database.write_row("units", f"u{i}", {"name": "หน่วยงานที่ยังไม่บันทึก " * 5 + str(i), "ord": float(i)})
    print("writing", flush=True)
    sys.stdin.readline()  # killed here, inside the transaction
"""


def leave_hot_journal(doc: Path) -> None:
    """Kill (SIGKILL) a writer in the middle of a big transaction, leaving a hot `-journal` beside ``doc``."""
    import subprocess
    import sys

    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(doc)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdin is not None
    assert writer.stdout.readline() == "writing\n"
    from tests.processes import kill_hard

    kill_hard(writer)
    writer.wait()
    writer.stdin.close()
    writer.stdout.close()
    journal = Path(f"{doc}-journal")
    assert journal.exists() and journal.stat().st_size > 0  # the writer died mid-transaction
    assert doc.stat().st_size > 100_000  # and uncommitted pages reached the file itself


def test_a_hot_journal_left_by_a_killed_writer_is_rolled_back_on_next_open(doc_path: Path) -> None:
    committed = load(doc_path)
    journal = Path(f"{doc_path}-journal")
    leave_hot_journal(doc_path)

    # read-only users (export, check, the window opening a file) see the last committed state
    assert load(doc_path) == committed
    assert not journal.exists()
    with Database.open(doc_path) as database:
        assert database.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert database.conn.execute("SELECT count(*) FROM units WHERE id LIKE 'u%'").fetchone() == (0,)


DOC = Path(__file__).resolve().parent.parent / "docs" / "file-format.md"


def test_the_file_format_document_names_every_table_column_and_version() -> None:
    from ita_desktop.storage.schema import TABLES, expected_objects

    text = DOC.read_text(encoding="utf-8")
    for kind, name in expected_objects():
        assert f"`{name}`" in text, f"{kind} {name} is not documented"
    for spec in TABLES:
        for field in spec.fields:
            assert f"`{field}`" in text, f"{spec.name}.{field} is not documented"
    assert f"| `PRAGMA user_version` | `{SCHEMA_VERSION}` |" in text
    assert f"`{APPLICATION_ID}`" in text


def test_the_example_queries_of_the_file_format_document_work(sample_doc: Path) -> None:
    block = DOC.read_text(encoding="utf-8").split("## Example queries", 1)[1].split("```sql", 1)[1].split("```")[0]
    statements = [s for s in block.split(";")
                  if any(line.strip() and not line.strip().startswith("--") for line in s.splitlines())]
    results = [raw(sample_doc, s) for s in statements]
    assert len(results) == 4
    plan, progress, _tombstones, stamped = results
    assert len(plan) == 10 and plan[0][1] == "IIT" and plan[0][3] == "การปฏิบัติหน้าที่"
    assert progress and {row[2] for row in progress} <= {"planned", "in_progress", "done"}
    assert len(stamped) == 10


def test_tombstoning_many_rows_at_once_stamps_each_like_one_at_a_time(tmp_path: Path) -> None:
    """delete_rows (an import that drops 190,000 steps) leaves each row as delete_row would: deleted, its other
    fields' stamps kept, its `deleted` stamp the transaction's, the stamps text as write_row writes it; rows
    already deleted are not touched and take no new stamp."""
    from ita_desktop.samples import create_sample_document
    from ita_desktop.storage.database import Database

    doc = create_sample_document(tmp_path / "doc.ita")
    with Database.open(doc) as database:
        before = {r["id"]: r["stamps"] for r in database.live_rows("steps")}
        one, many = sorted(before)[:3], sorted(before)[3:]
        with database.transaction():
            for row_id in one:
                database.delete_row("steps", row_id)
            assert database.delete_rows("steps", many) == len(many)
            stamp = database.tick()
        after = {r["id"]: r for r in database.query("SELECT id, deleted, stamps FROM steps")}
        for row_id, old in before.items():
            expected = json.dumps(json.loads(old) | {"deleted": stamp}, separators=(",", ":"))
            assert after[row_id]["deleted"] == 1 and after[row_id]["stamps"] == expected, row_id
        vector = database.version_vector()
        assert database.delete_rows("steps", list(before)) == 0
        assert database.version_vector() == vector  # nothing changed, so no change was counted
