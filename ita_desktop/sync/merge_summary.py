"""What a merge changed, told per measure: "ลบมาตรการ «…»", "แก้ไขมาตรการ «…»: ชื่อมาตรการ, ขั้นตอน (เพิ่ม 1)".

A count such as "ปรับปรุง 4 รายการ" hides the one line a clerk needs to see, above all a measure the department
deleted. The summary compares the rows before and after (the merge plan applied, or the file as it is now), so
the same rule tells the CLI, the merge dialog, and the warning before a merge is undone what edits came since.
Steps and progress entries are told under their measure; other tables by what they hold. Only what a clerk can
see counts: a row whose values stayed the same (its change stamps moved) is not listed. Pure: no SQL, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ita_desktop.domain.measure_names import measure_name
from ita_desktop.storage.schema import TABLES
from ita_desktop.sync.labels import FIELD_TH, TABLE_TH
from ita_desktop.sync.merge import Rows

ADDED, CHANGED, DELETED, RESTORED = "added", "changed", "deleted", "restored"
_FIELDS = {t.name: t.fields for t in TABLES}
_UNDER_MEASURE = ("steps", "progress")


@dataclass
class Tally:
    """How many rows of one kind were added, changed and deleted."""

    added: int = 0
    changed: int = 0
    deleted: int = 0

    def count(self, kind: str) -> None:
        if kind in (ADDED, RESTORED):
            self.added += 1
        elif kind == CHANGED:
            self.changed += 1
        else:
            self.deleted += 1

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.deleted)

    def text(self, unit: str = "รายการ") -> str:
        """'เพิ่ม 1, แก้ไข 2 รายการ'."""
        parts = [f"{word} {n}" for word, n in (("เพิ่ม", self.added), ("แก้ไข", self.changed), ("ลบ", self.deleted))
                 if n]
        return f"{', '.join(parts)} {unit}" if parts else ""


@dataclass
class MeasureChange:
    """One measure: added, deleted, brought back or changed (which fields), and what happened to its steps and
    progress entries."""

    measure_id: str
    name: str
    fiscal_year: int | None
    order: float
    kind: str = ""  # "" when only its steps or progress changed
    old_name: str = ""  # what it was called before, when a change renamed it
    fields: list[str] = field(default_factory=list)
    steps: Tally = field(default_factory=Tally)
    progress: Tally = field(default_factory=Tally)

    def text(self, *, with_year: bool = False) -> str:
        """One line a clerk reads, e.g. 'ลบมาตรการ «เผยแพร่ข้อมูลจัดซื้อจัดจ้าง»'."""
        year = f" (ปีงบประมาณ {self.fiscal_year})" if with_year and self.fiscal_year else ""
        name = f"«{self.name}»{year}" + (f" (เดิม «{self.old_name}»)" if self.old_name else "")
        children = [t for t in (self.steps.text("ขั้นตอน") and f"ขั้นตอน: {self.steps.text('ขั้นตอน')}",
                                self.progress.text() and f"ผลการดำเนินการ: {self.progress.text()}") if t]
        if self.kind == ADDED:
            extra = [f"ขั้นตอน {self.steps.added} ขั้นตอน"] if self.steps.added else []
            extra += [f"ผลการดำเนินการ {self.progress.added} รายการ"] if self.progress.added else []
            return f"เพิ่มมาตรการ {name}" + (f" พร้อม{' และ'.join(extra)}" if extra else "")
        if self.kind == DELETED:
            return f"ลบมาตรการ {name}"
        what = ([", ".join(self.fields)] if self.fields else []) + children
        verb = "นำมาตรการกลับมา" if self.kind == RESTORED else "แก้ไขมาตรการ"
        return f"{verb} {name}" + (f": {'; '.join(what)}" if what else "")


@dataclass
class TableChange:
    """Rows of a table that is not under a measure (signatories, scores, the office's data…)."""

    table: str
    tally: Tally = field(default_factory=Tally)
    fields: list[str] = field(default_factory=list)

    def text(self) -> str:
        fields = f" ({', '.join(self.fields)})" if self.fields else ""
        return f"{TABLE_TH.get(self.table, self.table)}: {self.tally.text()}{fields}"


@dataclass
class ChangeSummary:
    """Everything a clerk would notice between two states of a document, measures first in plan order."""

    measures: list[MeasureChange] = field(default_factory=list)
    tables: list[TableChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.measures or self.tables)

    def measure_tally(self) -> Tally:
        tally = Tally()
        for m in self.measures:
            tally.count(m.kind or CHANGED)
        return tally

    def headline(self) -> str:
        """'มาตรการ: เพิ่ม 1, แก้ไข 2, ลบ 1 รายการ; ผู้ลงนาม: แก้ไข 1 รายการ', or that nothing visible changed."""
        parts = [f"มาตรการ: {self.measure_tally().text()}"] if self.measures else []
        parts += [t.text().split(" (")[0] for t in self.tables]
        return "; ".join(parts) if parts else "ไม่มีข้อมูลที่เปลี่ยนไป"

    def lines(self) -> list[str]:
        """One line per measure, then one per other kind of data."""
        years = {m.fiscal_year for m in self.measures}
        return [m.text(with_year=len(years) > 1) for m in self.measures] + [t.text() for t in self.tables]


def _visible(row: dict[str, Any] | None) -> bool:
    return row is not None and not row["deleted"]


def _kind(before: dict[str, Any] | None, after: dict[str, Any], table: str) -> tuple[str, list[str]]:
    """What happened to one row, and which fields changed (for a row changed in place)."""
    if not _visible(before):
        if not _visible(after):
            return "", []
        return (RESTORED if before is not None else ADDED), []
    if not _visible(after):
        return DELETED, []
    assert before is not None
    return (CHANGED, [f for f in _FIELDS[table] if before.get(f) != after.get(f)]) if any(
        before.get(f) != after.get(f) for f in _FIELDS[table]) else ("", [])


def _labels(fields: Iterable[str]) -> list[str]:
    return [FIELD_TH.get(f, f) for f in fields]


def summarize_changes(before: Rows, after: Rows) -> ChangeSummary:
    """What changed from ``before`` to ``after`` (table -> id -> row, as merge_store.read_tables gives them)."""
    years = {i: r.get("year") for i, r in {**before.get("fiscal_years", {}), **after.get("fiscal_years", {})}.items()}
    measures: dict[str, MeasureChange] = {}

    def measure(measure_id: str) -> MeasureChange:
        if measure_id not in measures:
            row = after.get("measures", {}).get(measure_id) or before.get("measures", {}).get(measure_id) or {}
            measures[measure_id] = MeasureChange(
                measure_id, measure_name(row.get("title"), row.get("issue")), years.get(row.get("year_id") or ""),
                float(row.get("ord") or 0))
        return measures[measure_id]

    tables: dict[str, TableChange] = {}
    known = {*before.get("measures", {}), *after.get("measures", {})}
    for table in _FIELDS:
        old, new = before.get(table, {}), after.get(table, {})
        for row_id in {*old, *new}:
            b, a = old.get(row_id), new.get(row_id)
            fields: list[str]
            if a is None:  # a row never vanishes from a file; count it as deleted if it ever does
                kind, fields = (DELETED, []) if _visible(b) else ("", [])
            else:
                kind, fields = _kind(b, a, table)
            if not kind:
                continue
            owner = (a or b or {}).get("measure_id") or ""
            if table == "measures":
                change = measure(row_id)
                change.kind, change.fields = kind, _labels(fields)
                was = measure_name((b or {}).get("title"), (b or {}).get("issue"))
                change.old_name = was if kind == CHANGED and was != change.name else ""
            elif table in _UNDER_MEASURE and owner in known:
                getattr(measure(owner), table).count(kind)
            else:
                change_t = tables.setdefault(table, TableChange(table))
                change_t.tally.count(kind)
                change_t.fields += [f for f in _labels(fields) if f not in change_t.fields]
    kept = [m for m in measures.values() if m.kind or m.steps or m.progress]
    for m in kept:  # a measure added or deleted with its steps is one line, not one per step
        if m.kind == DELETED:
            m.steps, m.progress = Tally(), Tally()
    kept.sort(key=lambda m: (m.fiscal_year or 0, m.order, m.name))
    order = list(_FIELDS)
    return ChangeSummary(kept, sorted(tables.values(), key=lambda t: order.index(t.table)))
