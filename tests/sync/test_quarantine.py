"""Files from elsewhere that are crafted, damaged or not ours are refused; nothing local changes, nothing crashes."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ita_desktop.cli import main
from ita_desktop.errors import UserError
from ita_desktop.storage import untrusted
from ita_desktop.storage.database import Database, check_file
from ita_desktop.storage.untrusted import hardened_connection
from ita_desktop.sync.merging import merge_file
from ita_desktop.sync.quarantine import read_from_elsewhere
from tests.sync.helpers import copy_to, sha, small_document, update


@pytest.fixture
def clerk(tmp_path: Path) -> Path:
    return small_document(tmp_path / "clerk.ita")


def tampered(clerk: Path, target: Path, *sql: str) -> Path:
    """A copy of the clerk's document (so same document id) changed with raw SQL, as an attacker would."""
    copy_to(clerk, target)
    conn = sqlite3.connect(target)
    with conn:
        for statement in sql:
            conn.execute(statement)
    conn.close()
    return target


CRAFTED: dict[str, tuple[tuple[str, ...], str]] = {
    "trigger": (("CREATE TRIGGER evil AFTER UPDATE ON measures BEGIN DELETE FROM units; END",), "trigger"),
    "view replacing a table": (("DROP TABLE units", "CREATE VIEW units AS SELECT * FROM measures"), "view"),
    "extra column": (("ALTER TABLE measures ADD COLUMN payload TEXT",), "columns"),
    "unknown table": (("CREATE TABLE stash (x)",), "did not create"),
    "huge cell": (("UPDATE measures SET title = printf('%.3000000c', 'x') WHERE id = 'm0'",), "too big"),
    "forged stamp": (("UPDATE measures SET title = 'x', stamps = '{\"title\":[99,\"evil\"]}' WHERE id = 'm0'",),
                     "never counted"),
    "another program's file": (("PRAGMA application_id = 1234",), "another program"),
    "row of another document": (("UPDATE steps SET doc_id = 'x' WHERE id = 'm0-s1'",), "does not belong"),
    # found by the bit-flip test below: a damaged page can hold bytes that are not UTF-8 where text belongs
    "text that is not UTF-8": (("UPDATE measures SET title = CAST(x'ce41ff' AS TEXT) WHERE id = 'm0'",), "UTF-8"),
}


@pytest.mark.parametrize("case", list(CRAFTED))
def test_crafted_files_are_refused_and_nothing_local_changes(
        clerk: Path, tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    statements, reason = CRAFTED[case]
    evil = tampered(clerk, tmp_path / "stick" / "plan.ita", *statements)
    local_before, evil_before = sha(clerk), sha(evil)
    assert main(["merge", str(clerk), str(evil)]) == 3
    err = capsys.readouterr().err
    assert reason in err and "Traceback" not in err
    assert sha(clerk) == local_before and sha(evil) == evil_before
    assert not clerk.with_name(clerk.name + "-journal").exists()


@pytest.mark.parametrize("make", [
    lambda p: p.write_bytes(os.urandom(8192)),
    lambda p: p.write_bytes(b"SQLite format 3\x00" + os.urandom(8192)),
    lambda p: p.write_bytes(b""),
    lambda p: p.write_text("not a database", encoding="utf-8"),
], ids=["random bytes", "sqlite header then random bytes", "empty", "text"])
def test_garbage_is_refused(clerk: Path, tmp_path: Path, make: Callable[[Path], None],
                            capsys: pytest.CaptureFixture[str]) -> None:
    evil = tmp_path / "garbage.ita"
    make(evil)
    before = sha(clerk)
    assert main(["merge", str(clerk), str(evil)]) == 3
    assert "Traceback" not in capsys.readouterr().err
    assert sha(clerk) == before


def test_a_truncated_copy_is_refused(clerk: Path, tmp_path: Path) -> None:
    data = clerk.read_bytes()
    for keep in (100, 4096, len(data) // 2, len(data) - 1):
        evil = tmp_path / f"cut-{keep}.ita"
        evil.write_bytes(data[:keep])
        with pytest.raises(UserError):
            read_from_elsewhere(evil)


def test_the_hardened_connection_allows_only_reads_of_our_tables(clerk: Path) -> None:
    with hardened_connection(clerk) as conn:
        assert conn.execute("SELECT count(*) FROM measures").fetchone() == (3,)
        for sql in ("DELETE FROM measures", "ATTACH DATABASE ':memory:' AS x", "SELECT load_extension('x')",
                    "PRAGMA writable_schema = ON", "SELECT * FROM sqlite_temp_master"):
            with pytest.raises(sqlite3.DatabaseError):
                conn.execute(sql)


def test_a_read_that_runs_past_the_time_limit_is_stopped(clerk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(untrusted, "TIME_LIMIT_SECONDS", -1.0)
    with pytest.raises(UserError, match="interrupted"):
        read_from_elsewhere(clerk)


def test_a_file_with_an_unfinished_write_is_rolled_back_in_the_private_copy_not_on_the_stick(
        clerk: Path, tmp_path: Path) -> None:
    stick = copy_to(clerk, tmp_path / "stick" / "plan.ita")
    update(stick, "measures", "m0", {"title": "บันทึกแล้ว"})
    journal = stick.with_name(stick.name + "-journal")
    journal.write_bytes(b"\x00" * 512)  # a journal with no valid header: nothing to roll back
    before = sha(stick)
    copy = read_from_elsewhere(stick)
    assert copy.tables["measures"]["m0"]["title"] == "บันทึกแล้ว"
    assert sha(stick) == before and journal.exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)),
                      min_size=1, max_size=6))
def test_bit_flipped_copies_never_crash_and_never_damage_the_local_document(
        clerk: Path, tmp_path: Path, flips: list[tuple[int, int]]) -> None:
    data = bytearray(clerk.read_bytes())
    for offset, mask in flips:
        data[offset % len(data)] ^= mask
    evil = tmp_path / "flipped.ita"
    evil.write_bytes(bytes(data))
    before = sha(clerk)
    with Database.open(clerk) as database:
        try:
            merge_file(database, evil)
        except UserError:
            assert sha(clerk) == before  # refused: not one byte changed
    check_file(clerk)
    with Database.open(clerk, read_only=True) as database:
        titles = {r["title"] for r in database.live_rows("measures")}
    assert titles == {"มาตรการที่ 1", "มาตรการที่ 2", "มาตรการที่ 3"}  # a flip never reaches the clerk's text


@pytest.mark.parametrize("page_size", [b"\x00\x00", b"\x03\x00", b"\x00\x10"])
def test_a_header_with_an_impossible_page_size_is_refused(clerk: Path, tmp_path: Path, page_size: bytes) -> None:
    """Found by the bit-flip test: a page size of 0 in the header crashed the check (modulo by zero)."""
    data = bytearray(clerk.read_bytes())
    data[16:18] = page_size
    evil = tmp_path / "bad-header.ita"
    evil.write_bytes(bytes(data))
    with pytest.raises(UserError, match="page size"):
        read_from_elsewhere(evil)
