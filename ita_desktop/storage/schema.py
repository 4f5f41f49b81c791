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
Migration 3 holds documents as offices really write them (issue 10): `measures.indicators` (a JSON list, 0..n
numbers) replaces the single `measures.indicator`, which is **dropped** (not kept stale beside it: the file is
documented for any SQLite tool, and two columns saying different things would mislead; its value and its
change stamp move to `indicators`, so a copy still at version 2 merges as if it had been migrated), plus
`group_name` and `timeframe_text` on measures, `timeframe_text` on steps, `ord` on progress (the clerk's order
of several entries for one step; migrated rows get ``round * 1000 + step ord``, a value every copy computes
alike from the content, and take the stamp of `round`), `signed_name`/`signed_on` on signatories, `verdict`
on indicator scores, and the stamped, mergeable table `texts` (the office's own title/intro/closing lines).
The columns a file of each version holds are kept here (`table_columns`), so files from sticks and backups
at an older version are still checked and read exactly, then migrated (on disk by MIGRATIONS, in memory by
`upgrade_rows` when merging an untrusted copy without writing to it).
Migration 4 adds the stamped, mergeable table `profiles` (issue 10 part 6): per document kind and layout, the
office's columns (`columns`, a JSON list of {key, header, hidden} in print order), section grouping, date style
and whether unreported steps print. It belongs to the document, not to a fiscal year (an office prints the same
way year after year), so it has no `year_id`. Two copies that each made a profile for the same (document,
layout) keep both rows after a merge; every copy uses the one with the smallest id and edits that one.
Migration 5 adds the stamped, mergeable table `publications` (issue 14): a fiscal year's publishing log, one row
per document published (`document` plan / analysis / progress, `round` 3/6/9/12 for a progress report and NULL
otherwise), the OIT item it answers (`item`, "o43"; empty = the year's default), the `url` (http(s) only) and
`published_on`. Two copies that each logged the same document keep both rows after a merge; the window shows both
until the clerk deletes one.
Migration 6 adds the stamped, mergeable table `question_scores` (issue 15): the ITA result per question of an
assessment (`code` i1…i30 / e1…e15 / o1…o43, `score`, and `text`, what the question asks in the office's words),
so the analysis can name an indicator's weakest questions. One row per (assessment, code) is what the program
writes; an older copy on a stick merges as a copy with no question scores.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from sqlite3 import Connection
from typing import Any

SCHEMA_VERSION = 6
APPLICATION_ID = 0x49544131  # "ITA1": lets any SQLite tool (and `file`) tell our documents apart

MERGE_COLUMNS = ("id", "doc_id", "updated_at", "deleted", "stamps")


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, SQL type) of the editable fields

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.columns)


# The tables as release 1 created them: frozen, because migration 1 must build exactly this forever.
TABLES_V1: tuple[TableSpec, ...] = (
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
# Columns migration 3 adds (appended at the end of each table, in this order) and the one it drops.
V3_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "indicator_scores": (("verdict", "TEXT"),),
    "measures": (("indicators", "TEXT"), ("group_name", "TEXT"), ("timeframe_text", "TEXT")),
    "steps": (("timeframe_text", "TEXT"),),
    "progress": (("ord", "REAL"),),
    "signatories": (("signed_name", "TEXT"), ("signed_on", "TEXT")),
}
V3_DROPPED: dict[str, tuple[str, ...]] = {"measures": ("indicator",)}
V3_TABLES: tuple[TableSpec, ...] = (
    TableSpec("texts", (("year_id", "TEXT"), ("document", "TEXT"), ("round", "INTEGER"), ("part", "TEXT"),
                        ("text", "TEXT"))),
)
V3_INDEXES: tuple[tuple[str, str, str], ...] = (("idx_texts_year", "texts", "year_id, document, round, part"),)


V4_TABLES: tuple[TableSpec, ...] = (
    TableSpec("profiles", (("document", "TEXT"), ("layout", "INTEGER"), ("columns", "TEXT"), ("grouping", "TEXT"),
                           ("date_style", "TEXT"), ("show_unreported", "INTEGER"))),
)
V4_INDEXES: tuple[tuple[str, str, str], ...] = (("idx_profiles_layout", "profiles", "document, layout"),)
V5_TABLES: tuple[TableSpec, ...] = (
    TableSpec("publications", (("year_id", "TEXT"), ("document", "TEXT"), ("round", "INTEGER"), ("item", "TEXT"),
                               ("url", "TEXT"), ("published_on", "TEXT"))),
)
V5_INDEXES: tuple[tuple[str, str, str], ...] = (("idx_publications_year", "publications", "year_id, document, round"),)
V6_TABLES: tuple[TableSpec, ...] = (
    TableSpec("question_scores", (("assessment_id", "TEXT"), ("code", "TEXT"), ("score", "REAL"), ("text", "TEXT"))),
)
V6_INDEXES: tuple[tuple[str, str, str], ...] = (("idx_questions_assessment", "question_scores", "assessment_id, code"),)


def _v3_spec(spec: TableSpec) -> TableSpec:
    kept = tuple(c for c in spec.columns if c[0] not in V3_DROPPED.get(spec.name, ()))
    return TableSpec(spec.name, kept + V3_COLUMNS.get(spec.name, ()))


# The live tables (what the program reads and writes): the columns of the newest version, in file order.
TABLES_V3: tuple[TableSpec, ...] = tuple(_v3_spec(t) for t in TABLES_V1) + V3_TABLES
TABLES_V4: tuple[TableSpec, ...] = TABLES_V3 + V4_TABLES
TABLES_V5: tuple[TableSpec, ...] = TABLES_V4 + V5_TABLES
TABLES: tuple[TableSpec, ...] = TABLES_V5 + V6_TABLES
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
    for spec in TABLES_V1:
        _create_table(conn, spec)
    for name, table, cols in INDEXES:
        conn.execute(f'CREATE INDEX "{name}" ON "{table}" ({cols})')


def _create_table(conn: Connection, spec: TableSpec) -> None:
    cols = ", ".join(f'"{name}" {sqltype}' for name, sqltype in spec.columns)
    conn.execute(
        f'CREATE TABLE "{spec.name}" (id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, updated_at TEXT NOT NULL, '
        f"deleted INTEGER NOT NULL DEFAULT 0, stamps TEXT NOT NULL DEFAULT '{{}}', {cols})"
    )


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


def _indicator_v3(values: dict[str, Any], stamps: dict[str, Any]) -> None:
    """A version-2 measure row made version 3 in place: `indicator` becomes the list `indicators`, with its stamp."""
    number = values.pop("indicator", None)
    values["indicators"] = json.dumps([] if number is None else [int(number)])
    if "indicator" in stamps:
        stamps["indicators"] = stamps.pop("indicator")


def _progress_ord_v3(values: dict[str, Any], stamps: dict[str, Any], step_ord: Any) -> None:
    """The order of a version-2 progress row: by round, then step; computed alike by every copy."""
    values["ord"] = float(int(values["round"] or 0) * 1000 + (float(step_ord) if step_ord is not None else 0.0))
    if "round" in stamps:
        stamps["ord"] = stamps["round"]


def _indicator_conflict_v3(value: Any) -> Any:
    """A conflict's JSON value of the old `indicator` field, as the JSON value of `indicators`."""
    if value is None:
        return None
    number = json.loads(value)
    return json.dumps(json.dumps([] if number is None else [int(number)]), ensure_ascii=False)


def _entries_and_texts_v3(conn: Connection) -> None:
    for table, columns in V3_COLUMNS.items():
        for name, sqltype in columns:
            conn.execute(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {sqltype}')
    for row_id, indicator, raw in conn.execute("SELECT id, indicator, stamps FROM measures").fetchall():
        values, stamps = {"indicator": indicator}, json.loads(raw)
        _indicator_v3(values, stamps)
        conn.execute("UPDATE measures SET indicators = ?, stamps = ? WHERE id = ?",
                     (values["indicators"], json.dumps(stamps, separators=(",", ":")), row_id))
    conn.execute('ALTER TABLE measures DROP COLUMN "indicator"')
    rows = conn.execute("SELECT p.id, p.round, s.ord, p.stamps FROM progress p "
                        "LEFT JOIN steps s ON s.id = p.step_id").fetchall()
    for row_id, round_, step_ord, raw in rows:
        values, stamps = {"round": round_}, json.loads(raw)
        _progress_ord_v3(values, stamps, step_ord)
        conn.execute("UPDATE progress SET ord = ?, stamps = ? WHERE id = ?",
                     (values["ord"], json.dumps(stamps, separators=(",", ":")), row_id))
    for row_id, mine, theirs in conn.execute("SELECT id, mine_value, theirs_value FROM conflicts "
                                             "WHERE table_name = 'measures' AND field = 'indicator'").fetchall():
        conn.execute("UPDATE conflicts SET field = 'indicators', mine_value = ?, theirs_value = ? WHERE id = ?",
                     (_indicator_conflict_v3(mine), _indicator_conflict_v3(theirs), row_id))
    _add_tables(conn, V3_TABLES, V3_INDEXES)


def _add_tables(conn: Connection, specs: Iterable[TableSpec], indexes: Iterable[tuple[str, str, str]]) -> None:
    """A migration's new tables and their indexes."""
    for spec in specs:
        _create_table(conn, spec)
    for name, table, index_cols in indexes:
        conn.execute(f'CREATE INDEX "{name}" ON "{table}" ({index_cols})')


def _profiles_v4(conn: Connection) -> None:
    _add_tables(conn, V4_TABLES, V4_INDEXES)


def _publications_v5(conn: Connection) -> None:
    _add_tables(conn, V5_TABLES, V5_INDEXES)


def _question_scores_v6(conn: Connection) -> None:
    _add_tables(conn, V6_TABLES, V6_INDEXES)


# Migration N brings a file from user_version N-1 to N. Never edit a released one; append.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_create_v1, _add_conflicts_v2, _entries_and_texts_v3,
                                                        _profiles_v4, _publications_v5, _question_scores_v6)
assert len(MIGRATIONS) == SCHEMA_VERSION


def tables_at(version: int = SCHEMA_VERSION) -> tuple[TableSpec, ...]:
    """The stamped tables a file of ``version`` holds, with their columns in file order."""
    if version < 3:
        return TABLES_V1
    return TABLES_V3 if version < 4 else TABLES_V4 if version < 5 else TABLES_V5 if version < 6 else TABLES


def table_columns(version: int = SCHEMA_VERSION) -> dict[str, list[str]]:
    """Every table of a file of ``version`` with all its columns, in file order."""
    columns: dict[str, list[str]] = {"meta": ["key", "value"], "clock": ["replica_id", "counter"]}
    if version >= 2:
        columns["conflicts"] = [name for name, _ in CONFLICT_COLUMNS]
    return columns | {t.name: list(MERGE_COLUMNS) + list(t.fields) for t in tables_at(version)}


def known_columns() -> dict[str, list[str]]:
    """Every column any version's file may hold, by table (what a reader of older files may look at)."""
    columns: dict[str, list[str]] = {}
    for version in range(1, SCHEMA_VERSION + 1):
        for table, names in table_columns(version).items():
            columns.setdefault(table, [])
            columns[table] += [c for c in names if c not in columns[table]]
    return columns


def expected_objects(version: int = SCHEMA_VERSION) -> set[tuple[str, str]]:
    """(type, name) of every schema object a file of ``version`` may hold; anything else is foreign."""
    objects = {("table", "meta"), ("table", "clock")}
    objects |= {("table", t.name) for t in tables_at(version)}
    objects |= {("index", name) for name, _, _ in INDEXES}
    if version >= 2:
        objects |= {("table", "conflicts")} | {("index", name) for name, _, _ in V2_INDEXES}
    if version >= 3:
        objects |= {("index", name) for name, _, _ in V3_INDEXES}
    if version >= 4:
        objects |= {("index", name) for name, _, _ in V4_INDEXES}
    if version >= 5:
        objects |= {("index", name) for name, _, _ in V5_INDEXES}
    if version >= 6:
        objects |= {("index", name) for name, _, _ in V6_INDEXES}
    return objects


def upgrade_rows(version: int, tables: dict[str, dict[str, dict[str, Any]]],
                 conflicts: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows read from a file of ``version`` made what migration would make them (in memory, the file untouched).

    ``tables`` is changed in place (table -> id -> row with parsed "stamps"); returns the open conflicts
    (rows in CONFLICT_COLUMNS order) converted the same way.
    """
    for added_in, specs in ((4, V4_TABLES), (5, V5_TABLES), (6, V6_TABLES)):
        if version < added_in:
            for spec in specs:
                tables.setdefault(spec.name, {})
    if version >= 3:
        return conflicts
    steps = tables.get("steps", {})
    for table, columns in V3_COLUMNS.items():
        for row in tables.get(table, {}).values():
            for name, _ in columns:
                row.setdefault(name, None)
            if table == "measures":
                _indicator_v3(row, row["stamps"])
            elif table == "progress":
                step = steps.get(row.get("step_id") or "")
                _progress_ord_v3(row, row["stamps"], step["ord"] if step else None)
    for spec in V3_TABLES:
        tables.setdefault(spec.name, {})
    names = [name for name, _ in CONFLICT_COLUMNS]
    converted = []
    for values in conflicts:
        row = dict(zip(names, values, strict=True))
        if row["table_name"] == "measures" and row["field"] == "indicator":
            row |= {"field": "indicators", "mine_value": _indicator_conflict_v3(row["mine_value"]),
                    "theirs_value": _indicator_conflict_v3(row["theirs_value"])}
        converted.append(tuple(row[n] for n in names))
    return converted
