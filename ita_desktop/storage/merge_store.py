"""The SQL side of merging: read every stamped row of the local file, write merged rows with the stamps they
came with (a merge adds no change of its own), fold in a version vector, and keep conflicts until resolved.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ita_desktop.storage.database import Database, utc_now
from ita_desktop.storage.schema import CONFLICT_COLUMNS, MERGE_COLUMNS, TABLE_BY_NAME, TABLES

Stamp = tuple[int, str]


def _columns(table: str) -> list[str]:
    return list(MERGE_COLUMNS) + list(TABLE_BY_NAME[table].fields)


def _stamps(raw: str) -> dict[str, Stamp]:
    return {f: (int(s[0]), str(s[1])) for f, s in json.loads(raw).items()}


def _stamps_json(stamps: dict[str, Stamp]) -> str:
    return json.dumps({f: [s[0], s[1]] for f, s in stamps.items()}, separators=(",", ":"))


def read_tables(database: Database) -> dict[str, dict[str, dict[str, Any]]]:
    """Every stamped row of every table (deleted ones too), stamps parsed: table -> id -> row."""
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    parsed: dict[str, dict[str, Stamp]] = {}  # rows written together share their stamps text; parse it once
    for spec in TABLES:
        cols = _columns(spec.name)
        quoted = ", ".join(f'"{c}"' for c in cols)
        rows: dict[str, dict[str, Any]] = {}
        for values in database.conn.execute(f'SELECT {quoted} FROM "{spec.name}"'):
            row = dict(zip(cols, values, strict=True))
            raw = row["stamps"]
            stamps = parsed.get(raw)
            if stamps is None:
                stamps = parsed[raw] = _stamps(raw)
            row["stamps"] = stamps
            rows[row["id"]] = row
        tables[spec.name] = rows
    return tables


def write_merged_rows(database: Database, table: str, rows: Iterable[dict[str, Any]]) -> int:
    """Insert or update rows exactly as merged (values and stamps); keeps rowids so plan order is stable."""
    cols = _columns(table)
    quoted = ", ".join(f'"{c}"' for c in cols)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != "id")
    sql = (f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" for _ in cols)}) '
           f"ON CONFLICT(id) DO UPDATE SET {updates}")
    encoded: dict[tuple[tuple[str, Stamp], ...], str] = {}  # rows merged together share their stamps: encode once

    def stamps_text(stamps: dict[str, Stamp]) -> str:
        key = tuple(stamps.items())
        text = encoded.get(key)
        if text is None:
            text = encoded[key] = _stamps_json(stamps)
        return text

    count = 0

    def params() -> Iterator[list[Any]]:  # streamed: 190,000 rows are not held twice
        nonlocal count
        for r in rows:
            count += 1
            yield [stamps_text(r["stamps"]) if c == "stamps" else r[c] for c in cols]

    database.conn.executemany(sql, params())
    return count


def fold_vector(database: Database, vector: dict[str, int]) -> None:
    """Element-wise max of this file's version vector with ``vector``."""
    database.conn.executemany(
        "INSERT INTO clock(replica_id, counter) VALUES (?, ?) ON CONFLICT(replica_id) "
        "DO UPDATE SET counter = max(counter, excluded.counter)", list(vector.items()))


@dataclass
class StoredConflict:
    """A value two copies changed differently; both are kept until the clerk chooses."""

    id: str
    table: str
    row_id: str
    field: str
    kind: str  # 'edit' or 'delete'
    mine: Any
    mine_stamp: Stamp | None
    theirs: Any
    theirs_stamp: Stamp | None
    kept: str  # 'mine' or 'theirs'
    source: str
    found_at: str


def _stamp_or_none(raw: str | None) -> Stamp | None:
    loaded = json.loads(raw) if raw else None
    if loaded is None:
        return None
    if not (isinstance(loaded, list) and len(loaded) == 2 and type(loaded[0]) is int and isinstance(loaded[1], str)):
        raise ValueError(f"not a change stamp: {raw}")
    return loaded[0], loaded[1]


def add_conflicts(database: Database, conflicts: Iterable[StoredConflict]) -> int:
    """Record new conflicts (a repeat of an open one, same field and stamps, is not added twice)."""
    added = 0
    for c in conflicts:
        mine_stamp = json.dumps(list(c.mine_stamp) if c.mine_stamp else None)
        theirs_stamp = json.dumps(list(c.theirs_stamp) if c.theirs_stamp else None)
        seen = database.conn.execute(
            "SELECT 1 FROM conflicts WHERE resolved = 0 AND table_name = ? AND row_id = ? AND field = ? "
            "AND mine_stamp = ? AND theirs_stamp = ?", (c.table, c.row_id, c.field, mine_stamp, theirs_stamp),
        ).fetchone()
        if seen:
            continue
        database.conn.execute(
            "INSERT INTO conflicts (id, table_name, row_id, field, kind, mine_value, mine_stamp, theirs_value, "
            "theirs_stamp, kept, source, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (c.id or str(uuid.uuid4()), c.table, c.row_id, c.field, c.kind, json.dumps(c.mine, ensure_ascii=False),
             mine_stamp, json.dumps(c.theirs, ensure_ascii=False), theirs_stamp, c.kept, c.source,
             c.found_at or utc_now()))
        added += 1
    return added


def stored_conflicts(rows: Iterable[Sequence[Any]]) -> list[StoredConflict]:
    """Conflict rows (CONFLICT_COLUMNS order, as a file holds them) as StoredConflicts."""
    return [StoredConflict(id=r[0], table=r[1], row_id=r[2], field=r[3], kind=r[4], mine=json.loads(r[5]),
                           mine_stamp=_stamp_or_none(r[6]), theirs=json.loads(r[7]),
                           theirs_stamp=_stamp_or_none(r[8]), kept=r[9], source=r[10], found_at=r[11])
            for r in rows]


def has_conflicts(database: Database) -> bool:
    """Whether the file keeps conflicts (a file of format 1 opened read-only, not migrated, does not)."""
    return database.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'conflicts'"
                                 ).fetchone() is not None


def open_conflicts(database: Database) -> list[StoredConflict]:
    """Conflicts the clerk has not chosen for yet, oldest first."""
    return stored_conflicts(database.conn.execute(
        "SELECT id, table_name, row_id, field, kind, mine_value, mine_stamp, theirs_value, theirs_stamp, kept, "
        "source, found_at FROM conflicts WHERE resolved = 0 ORDER BY found_at, rowid"))


def widen_conflict(database: Database, conflict_id: str, mine: Any, mine_stamp: Stamp | None, theirs: Any,
                   theirs_stamp: Stamp | None) -> None:
    """A delete-versus-edit conflict now also covers a newer edit the deletion never saw."""
    database.conn.execute(
        "UPDATE conflicts SET mine_value = ?, mine_stamp = ?, theirs_value = ?, theirs_stamp = ? WHERE id = ?",
        (json.dumps(mine, ensure_ascii=False), json.dumps(list(mine_stamp) if mine_stamp else None),
         json.dumps(theirs, ensure_ascii=False), json.dumps(list(theirs_stamp) if theirs_stamp else None),
         conflict_id))


def close_conflicts(database: Database, conflict_ids: Iterable[str]) -> None:
    """Conflicts the clerk resolved on another copy (whose choice this merge brought): no longer open here."""
    database.conn.executemany("UPDATE conflicts SET resolved = 1, chosen = NULL WHERE id = ?",
                              [(i,) for i in conflict_ids])


def mark_resolved(database: Database, conflict_id: str, chosen: str) -> None:
    database.conn.execute("UPDATE conflicts SET resolved = 1, chosen = ? WHERE id = ?", (chosen, conflict_id))


def restamp(database: Database, table: str, row_id: str, values: dict[str, Any]) -> None:
    """Write ``values`` with a fresh stamp even when a value equals the stored one: a clerk's choice in a
    conflict is a new decision that every other copy must take over the two values it chose between."""
    row = database.row(table, row_id)
    if row is None:
        raise KeyError(f"{table} {row_id}")
    stamp = database.tick()
    stamps = json.loads(row["stamps"]) | {f: stamp for f in values}
    sets = ", ".join(f'"{f}" = ?' for f in values)
    database.conn.execute(f'UPDATE "{table}" SET {sets}, updated_at = ?, stamps = ? WHERE id = ?',
                          [*values.values(), utc_now(), json.dumps(stamps, separators=(",", ":")), row_id])


def family_deleted_with(database: Database, table: str, row_id: str) -> list[tuple[str, str]]:
    """The measure a row belongs to and its steps/progress that were deleted in the same change as the
    measure: bringing back one of them (a clerk keeping an edit over a deletion) brings back all of them."""
    row = database.row(table, row_id)
    if row is None:
        return []
    measure_id = row_id if table == "measures" else row.get("measure_id")
    measure = database.row("measures", measure_id) if measure_id else None
    if measure is None or not measure["deleted"]:
        return []
    stamp = json.loads(measure["stamps"]).get("deleted")
    family = [("measures", str(measure_id))]
    for child in ("steps", "progress"):
        for child_id, stamps in database.conn.execute(
                f'SELECT id, stamps FROM "{child}" WHERE measure_id = ? AND deleted = 1', (measure_id,)):
            if json.loads(stamps).get("deleted") == stamp:
                family.append((child, str(child_id)))
    return family


def insert_conflict_rows(database: Database, rows: Iterable[tuple[Any, ...]]) -> None:
    """Carry open conflicts (validated rows in CONFLICT_COLUMNS order) into a new working copy."""
    names = [name for name, _ in CONFLICT_COLUMNS]
    database.conn.executemany(f"INSERT OR IGNORE INTO conflicts ({', '.join(names)}) "
                              f"VALUES ({', '.join('?' for _ in names)})", list(rows))
