"""Reading a document file that came from elsewhere (a USB stick, a share, an e-mail) without trusting it.

A file from elsewhere may be damaged, truncated or crafted. It is read only through a private copy
(see sync.quarantine), on a read-only connection hardened as SQLite's "defense against dark arts" advises:
trusted_schema=OFF, cell_size_check=ON, mmap_size=0, lowered limits (a huge cell is refused, not loaded),
an authorizer that allows only reads of our own tables and columns, a progress handler that stops
runaway queries, and quick_check before anything else. Any view, trigger or unknown object is refused.
Then every value is held to storage.row_rules and the version clock to MAX_COUNTER: a copy with the right
schema but values we never write is refused as a whole, before any of it reaches the local document.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from ita_desktop.errors import BadFileError
from ita_desktop.storage.database import (
    MAX_COUNTER,
    UNREADABLE,
    _inspect_schema,
    _reason,
    _uri,
    inspect_header,
    integrity_problems,
)
from ita_desktop.storage.doc_limits import count_problem
from ita_desktop.storage.row_rules import row_problems
from ita_desktop.storage.schema import (
    CONFLICT_COLUMNS,
    MERGE_COLUMNS,
    known_columns,
    table_columns,
    tables_at,
    upgrade_rows,
)

TIME_LIMIT_SECONDS = 20.0
LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: 2_000_000,  # no legitimate cell (a measure's text) comes near 2 MB
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,
    sqlite3.SQLITE_LIMIT_COLUMN: 64,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 64,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 4,
    sqlite3.SQLITE_LIMIT_VDBE_OP: 100_000,
    sqlite3.SQLITE_LIMIT_FUNCTION_ARG: 8,
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 100,
    sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER: 64,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 1,
}
READABLE_PRAGMAS = {"quick_check", "integrity_check", "user_version", "application_id", "table_xinfo"}
_EXPECTED_COLUMNS: dict[str, list[str]] = known_columns()  # of every version read (an old stick, a backup)
_ALLOWED_COLUMNS: dict[str, set[str]] = {
    "sqlite_master": {"type", "name", "tbl_name", "rootpage", "sql"},
} | {table: set(columns) for table, columns in _EXPECTED_COLUMNS.items()}


@dataclass
class UntrustedCopy:
    """What a file from elsewhere holds, validated: identity, version vector and every stamped row."""

    doc_id: str
    replica_id: str
    version: int
    vector: dict[str, int]
    tables: dict[str, dict[str, dict[str, Any]]]  # table -> id -> row (stamps parsed to {field: (n, replica)})
    conflicts: list[tuple[Any, ...]] = field(default_factory=list)  # open conflict rows, CONFLICT_COLUMNS order


def _authorizer(action: int, arg1: str | None, arg2: str | None, _db: str | None, _src: str | None) -> int:
    if action == sqlite3.SQLITE_SELECT:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_READ:
        allowed = _ALLOWED_COLUMNS.get(arg1 or "")
        return sqlite3.SQLITE_OK if allowed is not None and (arg2 or "") in allowed | {""} else sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA:
        pragma = (arg1 or "").lower()
        if pragma == "table_xinfo":
            return sqlite3.SQLITE_OK if arg2 in _EXPECTED_COLUMNS else sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK if pragma in READABLE_PRAGMAS and arg2 is None else sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in {"count"}:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


@contextmanager
def hardened_connection(path: Path, *, shown: Path | None = None) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a private copy of an untrusted file, with every guard set up."""
    inspect_header(path)
    try:
        conn = sqlite3.connect(_uri(path, "ro", immutable=True), uri=True)
    except sqlite3.Error as exc:
        raise BadFileError(f"{(shown or path).name} cannot be read ({exc}). ไฟล์เสียหาย อ่านไม่ได้") from exc
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    try:
        for limit, value in LIMITS.items():
            conn.setlimit(limit, value)
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA cell_size_check=ON")
        conn.execute("PRAGMA mmap_size=0")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 100)
        conn.set_authorizer(_authorizer)
        yield conn
    finally:
        conn.close()


def _refuse(path: Path, why: str) -> BadFileError:
    return BadFileError(f"{path.name} was not used: {why}. The file was not changed and nothing was merged. "
                        "ไฟล์นี้ใช้ไม่ได้ จึงไม่ได้นำมารวม (ไฟล์ของท่านไม่ถูกเปลี่ยนแปลง)")


def _check_columns(conn: sqlite3.Connection, path: Path, version: int) -> None:
    for table, expected in table_columns(version).items():
        info = conn.execute(f'PRAGMA table_xinfo("{table}")').fetchall()
        names = [row[1] for row in info]
        if names != expected or any(row[6] != 0 for row in info):  # hidden/generated columns are not ours
            raise _refuse(path, f"table {table} does not have the columns of an ITA Desktop document")


def _stamps(raw: Any, path: Path, table: str) -> dict[str, tuple[int, str]]:
    try:
        loaded = json.loads(raw)
        stamps = {str(f): (int(s[0]), str(s[1])) for f, s in loaded.items()
                  if isinstance(s, list) and len(s) == 2 and isinstance(s[0], int) and isinstance(s[1], str)}
        if len(stamps) != len(loaded):
            raise ValueError("bad stamp")
    except (ValueError, TypeError, AttributeError) as exc:
        raise _refuse(path, f"a row of {table} has unreadable change stamps") from exc
    return stamps


def read_untrusted(private: Path, *, shown: Path | None = None) -> UntrustedCopy:
    """Check a private copy of a file from elsewhere and read all of it; BadFileError when anything is off.
    ``shown``: the file the clerk chose, named in the messages (the private copy's name means nothing to them)."""
    path = shown or private
    with hardened_connection(private, shown=path) as conn:
        try:
            problems = integrity_problems(conn)
            if problems:
                raise _refuse(path, f"it is damaged ({'; '.join(problems[:2])})")
            version = _inspect_schema(conn, path)
            if version == 0:
                raise _refuse(path, "it is empty")
            _check_columns(conn, path, version)
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            vector: dict[str, int] = {}
            for replica, counter in conn.execute("SELECT replica_id, counter FROM clock"):
                if not isinstance(replica, str) or not isinstance(counter, int) or not 0 <= counter <= MAX_COUNTER:
                    raise _refuse(path, "its version clock is damaged (a change counter no copy can have reached)")
                vector[replica] = counter
            doc_id, replica_id = meta.get("doc_id"), meta.get("replica_id")
            if not isinstance(doc_id, str) or not isinstance(replica_id, str):
                raise _refuse(path, "it has no document id")
            tables: dict[str, dict[str, dict[str, Any]]] = {}
            parsed: dict[str, dict[str, tuple[int, str]]] = {}  # stamps text shared by rows written together
            too_big = count_problem(conn, version)
            if too_big:
                raise _refuse(path, too_big)
            for spec in tables_at(version):
                cols = list(MERGE_COLUMNS) + list(spec.fields)
                quoted = ", ".join(f'"{c}"' for c in cols)
                rows: dict[str, dict[str, Any]] = {}
                for values in conn.execute(f'SELECT {quoted} FROM "{spec.name}"'):
                    row = dict(zip(cols, values, strict=True))
                    if not isinstance(row["id"], str) or row["doc_id"] != doc_id or row["deleted"] not in (0, 1):
                        raise _refuse(path, f"a row of {spec.name} does not belong to this document")
                    raw = row["stamps"]
                    stamps = parsed.get(raw) if isinstance(raw, str) else None
                    if stamps is None:
                        stamps = _stamps(raw, path, spec.name)
                        if any(counter > vector.get(replica, 0) for counter, replica in stamps.values()):
                            raise _refuse(path, f"a row of {spec.name} has a change its clock never counted")
                        if isinstance(raw, str):
                            parsed[raw] = stamps
                    row["stamps"] = stamps
                    rows[row["id"]] = row
                tables[spec.name] = rows
            conflicts = upgrade_rows(version, tables, _open_conflicts(conn, path, version) if version >= 2 else [])
            bad = list(islice(row_problems(tables), 3))
            if bad:
                raise _refuse(path, "it holds values ITA Desktop never writes, so it may have been changed with "
                                    f"another program ({'; '.join(bad)}) / มีข้อมูลที่ไม่ถูกต้อง")
        except UNREADABLE as exc:  # includes "interrupted" (time limit) and "too big" (huge cell)
            raise _refuse(path, f"it cannot be read safely ({_reason(exc)})") from exc
    return UntrustedCopy(doc_id=doc_id, replica_id=replica_id, version=version, vector=vector, tables=tables,
                         conflicts=conflicts)


def _open_conflicts(conn: sqlite3.Connection, path: Path, version: int) -> list[tuple[Any, ...]]:
    """Open conflicts the file carries (saved back from a working copy), checked value by value."""
    names = [name for name, _ in CONFLICT_COLUMNS]
    fields = {t.name: {*t.fields, "deleted"} for t in tables_at(version)}
    rows = []
    for values in conn.execute(f"SELECT {', '.join(names)} FROM conflicts WHERE resolved = 0"):
        row = dict(zip(names, values, strict=True))
        try:
            ok = (row["field"] in fields.get(row["table_name"], set()) and row["kind"] in ("edit", "delete")
                  and row["kept"] in ("mine", "theirs") and all(
                      isinstance(row[k], str) for k in ("id", "row_id", "source", "found_at"))
                  and all(row[k] is None or isinstance(json.loads(row[k]), (str, int, float, list, type(None)))
                          for k in ("mine_value", "mine_stamp", "theirs_value", "theirs_stamp")))
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise _refuse(path, "its list of conflicts is damaged")
        rows.append(tuple(values))
    return rows
