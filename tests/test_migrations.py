"""Forward migrations through `PRAGMA user_version`; a file from a newer program is refused untouched.

The tests walk ``MIGRATIONS``: when migration N+1 is appended, a file at every earlier version is built
step by step and must still open, so the new step is tested without writing a new test.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from ita_desktop.domain.model import Measure, Organization
from ita_desktop.errors import BadFileError
from ita_desktop.services.documents import load, new_document
from ita_desktop.storage import database as database_module
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import DocumentRepository
from ita_desktop.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, expected_objects

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
