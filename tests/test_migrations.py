"""Forward migrations through `PRAGMA user_version`; a file from a newer program is refused untouched.

The tests walk ``MIGRATIONS``: when migration N+1 is appended, a file at every earlier version is built
step by step and must still open, so the new step is tested without writing a new test.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from ita_desktop.domain.model import Measure, Organization
from ita_desktop.errors import BadFileError
from ita_desktop.services.documents import load, new_document
from ita_desktop.storage import database as database_module
from ita_desktop.storage.database import Database
from ita_desktop.storage.merge_store import open_conflicts, read_tables
from ita_desktop.storage.repositories import DocumentRepository
from ita_desktop.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, expected_objects
from ita_desktop.storage.untrusted import read_untrusted
from ita_desktop.sync.merging import merge_file

OLD_DOC_ID = "0f0e0d0c-0000-4000-8000-000000000001"
OLD_REPLICA_ID = "0f0e0d0c-0000-4000-8000-000000000002"


def file_at_version(path: Path, version: int) -> Path:
    """A file as a program of schema ``version`` left it (version 0: an SQLite file with nothing in it)."""
    conn = sqlite3.connect(path)
    with conn:
        for step in MIGRATIONS[:version]:
            step(conn)
        if version:  # a released file always has its identity (the meta table exists since version 1)
            conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)",
                             [("doc_id", OLD_DOC_ID), ("replica_id", OLD_REPLICA_ID)])
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={version}")
    conn.execute("VACUUM")  # makes sure even the empty version-0 file has a header on disk
    conn.close()
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def objects(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return {(t, n) for t, n in conn.execute("SELECT type, name FROM sqlite_master")
                if not n.startswith("sqlite_autoindex_")}
    finally:
        conn.close()


def test_there_is_one_migration_per_schema_version() -> None:
    assert len(MIGRATIONS) == SCHEMA_VERSION >= 1


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_a_file_of_every_earlier_version_migrates_and_works(tmp_path: Path, version: int) -> None:
    path = file_at_version(tmp_path / f"v{version}.ita", version)
    assert path.stat().st_size > 0
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        year_id = repo.ensure_year(2567)
        repo.save_measure(year_id, Measure(indicators=[9], title="มาตรการหลังปรับรุ่น"))
        assert database.doc_id and database.replica_id
        if version:  # a migrated document keeps its identity, so its copies still merge
            assert (database.doc_id, database.replica_id) == (OLD_DOC_ID, OLD_REPLICA_ID)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    assert objects(path) == expected_objects()
    assert load(path).years[0].measures[0].title == "มาตรการหลังปรับรุ่น"


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_opening_read_only_never_migrates(tmp_path: Path, version: int) -> None:
    path = file_at_version(tmp_path / f"v{version}.ita", version)
    before = sha(path)
    Database.open(path, read_only=True).close()
    assert sha(path) == before


def test_a_new_file_has_the_same_schema_as_a_migrated_one(tmp_path: Path) -> None:
    new_document(tmp_path / "new.ita", Organization(), 2567)
    migrated = file_at_version(tmp_path / "old.ita", 0)
    Database.open(migrated).close()
    assert objects(tmp_path / "new.ita") == objects(migrated) == expected_objects()


def test_a_file_of_a_newer_version_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.ita"
    new_document(path, Organization(name="อบต.ทดสอบ"), 2567)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = sha(path)
    for read_only in (False, True):
        with pytest.raises(BadFileError, match="newer version of ITA Desktop") as err:
            Database.open(path, read_only=read_only)
        assert f"file format {SCHEMA_VERSION + 1}" in err.value.message
        assert sha(path) == before


def test_a_failing_migration_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = file_at_version(tmp_path / "v0.ita", 0)
    before = sha(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE no_such_table ADD COLUMN x TEXT")

    monkeypatch.setattr(database_module, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(database_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(BadFileError):
        Database.open(path)
    assert sha(path) == before


# -- version 2 -> 3: documents as offices write them ---------------------------------------------------------
OTHER_REPLICA = "0f0e0d0c-0000-4000-8000-0000000000ff"


def _stamps(*fields: str, counter: int = 1, replica: str = OLD_REPLICA_ID) -> str:
    return json.dumps({f: [counter, replica] for f in fields}, separators=(",", ":"))


def v2_document(path: Path) -> Path:
    """A version-2 file with content, as release 2 wrote it: its own columns (one `indicator` per measure,
    one progress entry per step and round, no order among them), stamped rows and an open conflict."""
    file_at_version(path, 2)
    conn = sqlite3.connect(path)
    rows: list[tuple[str, dict[str, object]]] = [
        ("fiscal_years", {"id": "y", "year": 2567}),
        ("measures", {"id": "m1", "year_id": "y", "ord": 1.0, "indicator": 9, "title": "เผยแพร่ข้อมูล",
                      "units": '["สำนักปลัด"]', "rounds": "[6, 12]"}),
        ("measures", {"id": "m2", "year_id": "y", "ord": 2.0, "indicator": 2, "title": "งบประมาณ"}),
        ("steps", {"id": "s1", "measure_id": "m1", "ord": 1.0, "text": "ประชุม"}),
        ("steps", {"id": "s2", "measure_id": "m1", "ord": 2.0, "text": "เผยแพร่"}),
        ("progress", {"id": "p-late", "measure_id": "m1", "step_id": "s1", "round": 12, "status": "done"}),
        ("progress", {"id": "p-step2", "measure_id": "m1", "step_id": "s2", "round": 6, "status": "done",
                      "result": "เผยแพร่แล้ว", "done_on": "2023-12-01"}),
        ("progress", {"id": "p-whole", "measure_id": "m1", "step_id": None, "round": 6, "status": "in_progress"}),
        ("signatories", {"id": "g", "year_id": "y", "ord": 0.0, "role": "ผู้จัดทำ", "name": "นายก"}),
        ("assessments", {"id": "a", "year_id": "y", "assessed_year": 2566, "total": 80.0}),
        ("indicator_scores", {"id": "sc", "assessment_id": "a", "number": 9, "score": 70.0, "note": "ต่ำ"}),
    ]
    with conn:
        conn.execute("INSERT INTO clock VALUES (?, 1)", (OLD_REPLICA_ID,))
        conn.execute("INSERT INTO clock VALUES (?, 1)", (OTHER_REPLICA,))  # where the conflict's other value came from
        for table, values in rows:
            fields = [k for k in values if k != "id"]
            record = values | {"doc_id": OLD_DOC_ID, "updated_at": "2024-01-01T00:00:00+00:00",
                               "stamps": _stamps(*fields, "deleted")}
            cols = ", ".join(f'"{c}"' for c in record)
            conn.execute(f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" for _ in record)})',
                         list(record.values()))
        conn.execute("INSERT INTO conflicts (id, table_name, row_id, field, kind, mine_value, mine_stamp, "
                     "theirs_value, theirs_stamp, kept, source, found_at) VALUES "
                     "('c1', 'measures', 'm2', 'indicator', 'edit', '2', ?, '3', ?, 'mine', 'usb.ita', '2024')",
                     (json.dumps([1, OLD_REPLICA_ID]), json.dumps([1, OTHER_REPLICA])))
    conn.close()
    return path


def test_a_version_2_document_migrates_to_3_with_its_content(tmp_path: Path) -> None:
    path = v2_document(tmp_path / "v2.ita")
    with Database.open(path) as database:
        conn = database.conn
        assert "indicator" not in [r[1] for r in conn.execute("PRAGMA table_xinfo(measures)")]
        stamps = json.loads(conn.execute("SELECT stamps FROM measures WHERE id = 'm1'").fetchone()[0])
        assert stamps["indicators"] == [1, OLD_REPLICA_ID] and "indicator" not in stamps
        (conflict,) = open_conflicts(database)
        assert (conflict.field, conflict.mine, conflict.theirs) == ("indicators", "[2]", "[3]")
    assert objects(path) == expected_objects()
    plan = load(path).years[0]
    m1, m2 = plan.measures
    assert (m1.indicators, m2.indicators, m1.title, m1.units, m1.rounds) == (
        [9], [2], "เผยแพร่ข้อมูล", ["สำนักปลัด"], [6, 12])
    assert (m1.group, m1.timeframe_text, [s.timeframe_text for s in m1.steps]) == ("", "", ["", ""])
    # entries in a fixed order every copy computes alike: by round, then step (the whole measure first)
    assert [p.id for p in m1.progress] == ["p-whole", "p-step2", "p-late"]
    assert m1.entries_for(6, 2)[0].result == "เผยแพร่แล้ว"
    assert (plan.signatories[0].name, plan.signatories[0].signed_name, plan.signatories[0].signed_on) == (
        "นายก", "", None)
    assert plan.assessment is not None and plan.assessment.indicators[0].verdict == ""
    assert plan.assessment.indicators[0].note == "ต่ำ" and plan.texts == []


def test_a_version_2_copy_from_a_stick_merges_into_a_migrated_document(tmp_path: Path) -> None:
    """The copy is read as it is (never migrated on the stick), and its rows are the migrated rows."""
    here = v2_document(tmp_path / "here.ita")
    stick = v2_document(tmp_path / "stick.ita")
    before = sha(stick)
    with Database.open(here) as database:
        result = merge_file(database, stick)
        assert not result.plan.changes_content and not result.plan.conflicts
        mine = read_tables(database)
    assert sha(stick) == before
    other = read_untrusted(stick)
    assert other.version == 2
    assert {t: {i: {k: v for k, v in r.items() if k != "updated_at"} for i, r in rows.items()}
            for t, rows in other.tables.items()} == {
        t: {i: {k: v for k, v in r.items() if k != "updated_at"} for i, r in rows.items()} for t, rows in mine.items()}
    assert other.conflicts[0][3] == "indicators"
    # a change made on the stick by release 2 (the indicator) arrives as a change of `indicators`
    conn = sqlite3.connect(stick)
    with conn:
        conn.execute("UPDATE clock SET counter = 2 WHERE replica_id = ?", (OTHER_REPLICA,))
        conn.execute("UPDATE measures SET indicator = 10, stamps = ? WHERE id = 'm1'",
                     (json.dumps({"indicator": [2, OTHER_REPLICA]}),))
    conn.close()
    with Database.open(here) as database:
        merge_file(database, stick)
    assert load(here).years[0].measures[0].indicators == [10]


def test_a_version_2_document_opened_read_only_reads_as_migrated_and_stays_unchanged(tmp_path: Path) -> None:
    path = v2_document(tmp_path / "v2.ita")
    before = sha(path)
    plan = load(path).years[0]
    assert [m.indicators for m in plan.measures] == [[9], [2]]
    assert [p.id for p in plan.measures[0].progress] == ["p-whole", "p-step2", "p-late"]
    assert sha(path) == before
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (2,)
    finally:
        conn.close()


@pytest.mark.parametrize("change", [
    "PRAGMA user_version=2",  # a version-3 file that says it is version 2
    "ALTER TABLE measures ADD COLUMN indicators TEXT",  # a version-2 file with a column of version 3
])
def test_a_copy_whose_columns_are_not_those_of_its_version_is_refused(tmp_path: Path, change: str) -> None:
    path = v2_document(tmp_path / "odd.ita")
    if change.startswith("PRAGMA"):
        with Database.open(path):
            pass  # migrated to 3
    conn = sqlite3.connect(path)
    conn.execute(change)
    conn.close()
    with pytest.raises(BadFileError, match=r"does not have the columns|did not create"):
        read_untrusted(path)
