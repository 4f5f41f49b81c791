"""Schema of the `.ita` document file and its forward migrations.

Every row that two PCs may edit carries, besides its UUID key:
  doc_id      the document it belongs to (a copy of another document is never merged silently)
  updated_at  UTC wall-clock time, for people only: office PC clocks are often days off
  deleted     tombstone, so a deletion travels to other copies instead of the row coming back
  stamps      JSON {field: [counter, replica]}: per-field version stamps from the `clock` table.
The clock is a version vector: each copy (replica) counts its own transactions, so merging can tell
"changed on one side only" from "changed on both sides" without trusting any clock.
Migration 2 adds `conflicts`: values two copies changed differently, kept (both of them) until the clerk
chooses. Its rows are not merged row for row; a merge takes over the other copy's open conflicts (sync.merge).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from sqlite3 import Connection

SCHEMA_VERSION = 2
APPLICATION_ID = 0x49544131  # "ITA1": lets any SQLite tool (and `file`) tell our documents apart

MERGE_COLUMNS = ("id", "doc_id", "updated_at", "deleted", "stamps")


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, SQL type) of the editable fields

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.columns)


TABLES: tuple[TableSpec, ...] = (
    TableSpec("organization", (("name", "TEXT"), ("kind", "TEXT"), ("district", "TEXT"), ("province", "TEXT"),
                               ("address", "TEXT"), ("phone", "TEXT"), ("website", "TEXT"))),
    TableSpec("units", (("name", "TEXT"), ("ord", "REAL"))),
    TableSpec("fiscal_years", (("year", "INTEGER"),)),
    TableSpec("indicators", (("year_id", "TEXT"), ("number", "INTEGER"), ("tool", "TEXT"), ("name", "TEXT"))),
    TableSpec("assessments", (("year_id", "TEXT"), ("assessed_year", "INTEGER"), ("total", "REAL"),
                              ("level", "TEXT"), ("iit", "REAL"), ("eit", "REAL"), ("oit", "REAL"))),
    TableSpec("indicator_scores", (("assessment_id", "TEXT"), ("number", "INTEGER"), ("score", "REAL"),
                                   ("note", "TEXT"))),
    TableSpec("measures", (("year_id", "TEXT"), ("ord", "REAL"), ("indicator", "INTEGER"), ("issue", "TEXT"),
                           ("title", "TEXT"), ("guideline", "TEXT"), ("units", "TEXT"), ("start", "TEXT"),
                           ("end", "TEXT"), ("monitoring", "TEXT"), ("rounds", "TEXT"))),
    TableSpec("steps", (("measure_id", "TEXT"), ("ord", "REAL"), ("text", "TEXT"), ("due", "TEXT"))),
    TableSpec("progress", (("measure_id", "TEXT"), ("step_id", "TEXT"), ("round", "INTEGER"), ("status", "TEXT"),
                           ("done_on", "TEXT"), ("result", "TEXT"), ("outcome", "TEXT"),
                           ("evidence_urls", "TEXT"))),
    TableSpec("signatories", (("year_id", "TEXT"), ("ord", "REAL"), ("role", "TEXT"), ("name", "TEXT"),
                              ("position", "TEXT"))),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}

INDEXES: tuple[tuple[str, str, str], ...] = (
    ("idx_indicators_year", "indicators", "year_id"),
    ("idx_assessments_year", "assessments", "year_id"),
    ("idx_scores_assessment", "indicator_scores", "assessment_id"),
    ("idx_measures_year", "measures", "year_id, ord"),
    ("idx_steps_measure", "steps", "measure_id, ord"),
    ("idx_progress_measure", "progress", "measure_id, round"),
    ("idx_signatories_year", "signatories", "year_id, ord"),
)


def _create_v1(conn: Connection) -> None:
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("CREATE TABLE clock (replica_id TEXT PRIMARY KEY, counter INTEGER NOT NULL)")
    for spec in TABLES:
        cols = ", ".join(f'"{name}" {sqltype}' for name, sqltype in spec.columns)
        conn.execute(
            f'CREATE TABLE "{spec.name}" (id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, updated_at TEXT NOT NULL, '
            f"deleted INTEGER NOT NULL DEFAULT 0, stamps TEXT NOT NULL DEFAULT '{{}}', {cols})"
        )
    for name, table, cols in INDEXES:
        conn.execute(f'CREATE INDEX "{name}" ON "{table}" ({cols})')


CONFLICT_COLUMNS = (
    ("id", "TEXT PRIMARY KEY"), ("table_name", "TEXT NOT NULL"), ("row_id", "TEXT NOT NULL"),
    ("field", "TEXT NOT NULL"), ("kind", "TEXT NOT NULL"),  # kind: 'edit' (same field) or 'delete' (delete vs edit)
    ("mine_value", "TEXT"), ("mine_stamp", "TEXT"),  # JSON of this copy's value and stamp before the merge
    ("theirs_value", "TEXT"), ("theirs_stamp", "TEXT"),  # JSON of the other copy's value and stamp
    ("kept", "TEXT NOT NULL"),  # 'mine' or 'theirs': the value the row shows until the clerk chooses
    ("source", "TEXT NOT NULL"), ("found_at", "TEXT NOT NULL"),
    ("resolved", "INTEGER NOT NULL DEFAULT 0"), ("chosen", "TEXT"),
)
V2_INDEXES: tuple[tuple[str, str, str], ...] = (("idx_conflicts_open", "conflicts", "resolved, table_name, row_id"),)


def _add_conflicts_v2(conn: Connection) -> None:
    cols = ", ".join(f'"{name}" {sqltype}' for name, sqltype in CONFLICT_COLUMNS)
    conn.execute(f"CREATE TABLE conflicts ({cols})")
    for name, table, index_cols in V2_INDEXES:
        conn.execute(f'CREATE INDEX "{name}" ON "{table}" ({index_cols})')


# Migration N brings a file from user_version N-1 to N. Never edit a released one; append.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_create_v1, _add_conflicts_v2)
assert len(MIGRATIONS) == SCHEMA_VERSION


def expected_objects(version: int = SCHEMA_VERSION) -> set[tuple[str, str]]:
    """(type, name) of every schema object a file of ``version`` may hold; anything else is foreign."""
    objects = {("table", "meta"), ("table", "clock")}
    objects |= {("table", t.name) for t in TABLES}
    objects |= {("index", name) for name, _, _ in INDEXES}
    if version >= 2:
        objects |= {("table", "conflicts")} | {("index", name) for name, _, _ in V2_INDEXES}
    return objects
