"""Merging another copy of the same document, field by field, ordered by version vectors, never by clocks.

Every field carries the stamp [counter, replica] of the transaction that last changed it, and every copy
carries a version vector: the highest counter it has seen from each replica. For each field of each row
(matched by UUID):
- a stamp the other copy has already seen is older than the one it replaced, so the newer value wins,
  whatever the PCs' clocks said (a PC days behind still wins with a newer edit);
- a field changed on one side only is taken from that side;
- a field changed on both sides (neither stamp seen by the other copy) to different values is a
  **conflict**. The row shows the value with the larger stamp (counter, then replica id), a rule every
  copy applies alike so all copies agree, and the conflict keeps both values until the clerk chooses;
- `deleted` is a field like the others, so a tombstone wins over any edit it has seen and an older copy
  never brings a deleted row back. A delete on one side and an edit the deleting side never saw on the
  other: the row stays deleted (with the edit merged into it) and the pair is kept as a 'delete' conflict,
  so the clerk sees the edit and can bring the row back; the edit is never silently lost.
After a merge this copy's vector is the element-wise max of both, so merging the same copy again changes
nothing.

Conflicts travel with the file. Once one copy has merged the other, the other can no longer see that the two
edits were concurrent (the first copy's vector has seen both), so it would take the shown value silently and
say "1 deleted". Open conflicts are therefore saved in the file and merged like content (reconcile_conflicts):
- a conflict the other copy holds open is taken over unless this copy has already seen both its stamps (then
  this copy holds it too, or has resolved it, or a later edit that saw the value replaced it);
- a conflict this copy holds open is closed when the other copy has seen both its stamps and no longer holds it
  (the clerk chose there; the choice is a newer change that this merge brings);
- one conflict per field and pair of values, whichever side found it; a delete-versus-edit conflict is one per
  row, its stamps those of the newest deletion and the newest edit it did not see.
This module is pure (no SQL, no files); sync.merging applies a plan in one transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

Stamp = tuple[int, str]
Rows = dict[str, dict[str, dict[str, Any]]]  # table -> id -> row with "stamps": {field: Stamp}

MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class Conflict:
    """Both values of one field (or, kind 'delete', a deletion against an edit); 'kept' shows for now."""

    table: str
    row_id: str
    field: str
    kind: str
    mine: Any
    mine_stamp: Stamp | None
    theirs: Any
    theirs_stamp: Stamp | None
    kept: str


class ConflictLike(Protocol):
    """What a conflict found now (Conflict) and one stored in a file (merge_store.StoredConflict) share."""

    @property
    def table(self) -> str: ...
    @property
    def row_id(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def mine(self) -> Any: ...
    @property
    def mine_stamp(self) -> Stamp | None: ...
    @property
    def theirs(self) -> Any: ...
    @property
    def theirs_stamp(self) -> Stamp | None: ...


def conflict_key(c: ConflictLike) -> tuple[Hashable, ...]:
    """The same conflict on every copy, whichever side is 'mine': a field and its two values' stamps, or, for
    a deletion against edits, the row (one decision: keep it deleted or bring it back)."""
    if c.kind == "delete":
        return c.table, c.row_id, c.field, "delete"
    return c.table, c.row_id, c.field, "edit", frozenset((c.mine_stamp, c.theirs_stamp))


def _sides(c: ConflictLike) -> tuple[tuple[int, str], tuple[int, str]]:
    """(deletion stamp, edit stamp) of a 'delete' conflict."""
    return (_order(c.mine_stamp), _order(c.theirs_stamp)) if c.mine else (_order(c.theirs_stamp), _order(c.mine_stamp))


def _widened(stored: ConflictLike, c: Conflict) -> Conflict | None:
    """A stored 'delete' conflict turned to cover the newer deletion and the newer edit of both, or None when
    it already does."""
    (old_delete, old_edit), (new_delete, new_edit) = _sides(stored), _sides(c)
    delete, edit = max(old_delete, new_delete), max(old_edit, new_edit)
    if (delete, edit) == (old_delete, old_edit):
        return None
    stamps: tuple[Stamp | None, Stamp | None] = (
        delete if delete[0] >= 0 else None, edit if edit[0] >= 0 else None)
    mine_stamp, theirs_stamp = stamps if stored.mine else stamps[::-1]
    return Conflict(stored.table, stored.row_id, stored.field, stored.kind, stored.mine, mine_stamp, stored.theirs,
                    theirs_stamp, MINE if stored.mine else THEIRS)


@dataclass
class ConflictChanges:
    """What merging does to the list of open conflicts: new ones, stored ones that cover newer edits, closed ones."""

    add: list[Conflict] = field(default_factory=list)
    widen: list[tuple[str, Conflict]] = field(default_factory=list)  # (stored id, what it becomes)
    close: list[str] = field(default_factory=list)  # stored ids

    def __bool__(self) -> bool:
        return bool(self.add or self.widen or self.close)


def _as_mine(c: ConflictLike, mine_vector: dict[str, int]) -> Conflict:
    """A conflict another copy recorded, turned so that 'mine' is the value this copy held."""
    swap = _seen(mine_vector, c.theirs_stamp) and not _seen(mine_vector, c.mine_stamp)
    mine, mine_stamp, theirs, theirs_stamp = (
        (c.theirs, c.theirs_stamp, c.mine, c.mine_stamp) if swap else (c.mine, c.mine_stamp, c.theirs, c.theirs_stamp))
    return Conflict(c.table, c.row_id, c.field, c.kind, mine, mine_stamp, theirs, theirs_stamp, MINE)


def _shown(c: Conflict, after: Rows) -> Conflict:
    """The side the merged row shows (a deletion shows until the clerk brings the row back)."""
    if c.kind == "delete":
        return replace(c, kept=MINE if c.mine else THEIRS)
    stamp = after.get(c.table, {}).get(c.row_id, {}).get("stamps", {}).get(c.field)
    return replace(c, kept=THEIRS if stamp == c.theirs_stamp and stamp != c.mine_stamp else MINE)


def reconcile_conflicts(found: Sequence[Conflict], mine_open: Sequence[tuple[str, ConflictLike]],
                        theirs_open: Sequence[ConflictLike], after: Rows, mine_vector: dict[str, int],
                        their_vector: dict[str, int]) -> ConflictChanges:
    """How this copy's open conflicts (stored id, conflict) change when the other copy (its open conflicts and
    vector) is merged: ``found`` are those plan_merge found, ``after`` the rows once the plan is applied."""
    changes = ConflictChanges()
    held: dict[tuple[Hashable, ...], tuple[str, ConflictLike]] = {}
    twice = []  # a file merged before conflicts travelled may hold one decision twice: keep the first
    for stored_id, c in mine_open:
        first_id, first = held.setdefault(conflict_key(c), (stored_id, c))
        if first_id != stored_id:
            twice.append(stored_id)
            widened = _widened(first, _as_mine(c, mine_vector)) if c.kind == "delete" else None
            if widened is not None:
                changes.widen = [w for w in changes.widen if w[0] != first_id] + [(first_id, widened)]
                held[conflict_key(c)] = first_id, widened
    new: dict[tuple[Hashable, ...], Conflict] = {}
    carried = [_shown(_as_mine(c, mine_vector), after) for c in theirs_open
               if not (_seen(mine_vector, c.mine_stamp) and _seen(mine_vector, c.theirs_stamp))]
    for c in [*found, *carried]:
        key = conflict_key(c)
        if key in held:
            stored_id, stored = held[key]
            widened = _widened(stored, c) if c.kind == "delete" else None
            if widened is not None:
                changes.widen = [w for w in changes.widen if w[0] != stored_id] + [(stored_id, widened)]
                held[key] = stored_id, widened
        elif key not in new:
            new[key] = c
        elif c.kind == "delete":
            new[key] = _widened(new[key], c) or new[key]
    changes.add = list(new.values())
    their_keys = {conflict_key(c) for c in theirs_open}
    changes.close = twice + [stored_id for key, (stored_id, c) in held.items() if key not in their_keys
                             and _seen(their_vector, c.mine_stamp) and _seen(their_vector, c.theirs_stamp)]
    return changes


@dataclass
class MergePlan:
    """What merging would do: rows to write (merged values and stamps), counts, conflicts, the new vector."""

    writes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    conflicts: list[Conflict] = field(default_factory=list)
    vector: dict[str, int] = field(default_factory=dict)
    vector_changed: bool = False
    conflicts_closed: int = 0  # open here, resolved on the other copy (set by sync.merging)

    @property
    def changes_content(self) -> bool:
        return any(self.writes.values())


def _seen(vector: dict[str, int], stamp: Stamp | None) -> bool:
    return stamp is None or vector.get(stamp[1], 0) >= stamp[0]


def _order(stamp: Stamp | None) -> tuple[int, str]:
    return stamp if stamp is not None else (-1, "")


def _merge_row(table: str, fields: tuple[str, ...], mine: dict[str, Any], theirs: dict[str, Any],
               mine_vector: dict[str, int], their_vector: dict[str, int],
               conflicts: list[Conflict], held: Sequence[Stamp] = ()) -> dict[str, Any] | None:
    """The merged row, or None when this copy's row already is the merge. ``held``: the stamps of the values
    an open conflict keeps for this row (an edit that lost the tie lives only there, and a deletion that never
    saw it must still be a conflict)."""
    ms, ts = mine["stamps"], theirs["stamps"]
    merged: dict[str, Any] | None = None
    same_field_delete_conflict = False
    for f in (*fields, "deleted"):
        sm, st = ms.get(f), ts.get(f)
        if sm == st:
            continue
        theirs_seen, mine_seen = _seen(mine_vector, st), _seen(their_vector, sm)
        if theirs_seen and not mine_seen:
            continue
        take = (mine_seen and not theirs_seen) or _order(st) > _order(sm)
        if not theirs_seen and not mine_seen and mine[f] != theirs[f]:
            kind = "delete" if f == "deleted" else "edit"
            same_field_delete_conflict |= f == "deleted"
            conflicts.append(Conflict(table, mine["id"], f, kind, mine[f], sm, theirs[f], st,
                                      THEIRS if take else MINE))
        if take:
            if merged is None:
                merged = dict(mine) | {"stamps": dict(ms), "updated_at": theirs["updated_at"]}
            merged[f] = theirs[f]
            merged["stamps"][f] = st
    result = merged or mine
    if result["deleted"] and not same_field_delete_conflict:
        deleter, editor, editor_vector, deleter_vector = (
            (theirs, mine, mine_vector, their_vector) if result["stamps"].get("deleted") == ts.get("deleted")
            and not _seen(mine_vector, ts.get("deleted")) else (mine, theirs, their_vector, mine_vector))
        if not editor["deleted"]:
            unseen = [editor["stamps"][f] for f in fields
                      if f in editor["stamps"] and not _seen(deleter_vector, editor["stamps"][f])]
            unseen += [s for s in held if not _seen(deleter_vector, s) and _seen(editor_vector, s)]
            if unseen and not _seen(editor_vector, deleter["stamps"].get("deleted")):
                edit_stamp = max(unseen)
                mine_is_deleter = deleter is mine
                conflicts.append(Conflict(
                    table, mine["id"], "deleted", "delete", mine["deleted"],
                    ms.get("deleted") if mine_is_deleter else edit_stamp, theirs["deleted"],
                    edit_stamp if mine_is_deleter else ts.get("deleted"), MINE if mine_is_deleter else THEIRS))
    return merged


def _orphans(mine: Rows, theirs: Rows, mine_vector: dict[str, int], their_vector: dict[str, int],
             plan: MergePlan) -> None:
    """A step or progress row added or edited on one side under a measure the other side deleted (without
    seeing that work) would vanish with the measure: keep it as a 'delete' conflict, so the clerk sees it and
    can bring the measure back. Content is not changed here, only conflicts are added."""
    after = apply_plan(mine, plan)
    measures = after.get("measures", {})
    noted = {(c.table, c.row_id) for c in plan.conflicts}
    for table in ("steps", "progress"):
        for row_id, row in after.get(table, {}).items():
            measure = measures.get(row.get("measure_id") or "")
            if row["deleted"] or measure is None or not measure["deleted"] or (table, row_id) in noted:
                continue
            delete_stamp = measure["stamps"].get("deleted")
            mine_deleted = mine.get("measures", {}).get(measure["id"], {}).get("stamps", {}).get("deleted")
            deleter_vector = mine_vector if mine_deleted == delete_stamp else their_vector
            unseen = [s for s in row["stamps"].values() if not _seen(deleter_vector, s)]
            if unseen:
                mine_is_deleter = deleter_vector is mine_vector
                plan.conflicts.append(Conflict(
                    table, row_id, "deleted", "delete", 1 if mine_is_deleter else 0,
                    delete_stamp if mine_is_deleter else max(unseen), 0 if mine_is_deleter else 1,
                    max(unseen) if mine_is_deleter else delete_stamp, MINE if mine_is_deleter else THEIRS))


def plan_merge(mine: Rows, mine_vector: dict[str, int], theirs: Rows, their_vector: dict[str, int],
               fields_of: dict[str, tuple[str, ...]],
               open_conflicts: Sequence[ConflictLike] = ()) -> MergePlan:
    """Compare two copies of one document and say what merging ``theirs`` into ``mine`` does.
    ``open_conflicts``: the edit conflicts either copy holds open (their values count as edits of the row)."""
    plan = MergePlan()
    held: dict[tuple[str, str], list[Stamp]] = {}
    for c in open_conflicts:
        if c.kind == "edit":
            held.setdefault((c.table, c.row_id), []).extend(
                tuple(s) for s in (c.mine_stamp, c.theirs_stamp) if s is not None)  # type: ignore[misc]
    for table, fields in fields_of.items():
        local, other = mine.get(table, {}), theirs.get(table, {})
        writes: list[dict[str, Any]] = []
        for row_id, their_row in other.items():
            my_row = local.get(row_id)
            if my_row is None:
                writes.append(their_row)
                plan.added[table] += not their_row["deleted"]
                continue
            if my_row == their_row:
                continue
            merged = _merge_row(table, fields, my_row, their_row, mine_vector, their_vector, plan.conflicts,
                                held.get((table, row_id), ()))
            if merged is not None:
                writes.append(merged)
                if merged["deleted"] and not my_row["deleted"]:
                    plan.deleted[table] += 1
                elif not merged["deleted"]:
                    plan.changed[table] += 1
        plan.writes[table] = writes
    _orphans(mine, theirs, mine_vector, their_vector, plan)
    plan.vector = {r: max(mine_vector.get(r, 0), their_vector.get(r, 0)) for r in {*mine_vector, *their_vector}}
    plan.vector_changed = plan.vector != mine_vector
    return plan


def apply_plan(mine: Rows, plan: MergePlan) -> Rows:
    """The rows ``mine`` holds after the plan (for tests and previews; the file is written by sync.merging)."""
    result = {t: dict(rows) for t, rows in mine.items()}
    for table, rows in plan.writes.items():
        target = result.setdefault(table, {})
        for row in rows:
            target[row["id"]] = row
    return result
