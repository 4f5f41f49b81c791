"""Hypothesis, stateful: three copies of one document edited at random, merged pairwise through the real merge
(quarantine included) in any order, then fully synced: every copy shows the same, and every edit is shown or
kept in an open conflict on every copy, each conflict once.

Each edit goes through the editing service the window uses (DocumentEditor). What an edit changed is read off
the file itself: every field whose stamp changed is one edit, remembered with the version vector its copy had
before it (what it had seen). An edit that a later edit of the same field (or a deletion of its row) had seen is
legitimately replaced; every other edit must survive the sync, shown or in an open conflict.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from ita_desktop.domain.model import Measure, Organization, Progress, Status, Step
from ita_desktop.services.documents import load, new_document
from ita_desktop.services.editing import DocumentEditor
from ita_desktop.storage.database import Database
from ita_desktop.storage.merge_store import StoredConflict, open_conflicts
from ita_desktop.sync.merging import merge_file, resolve_conflict
from ita_desktop.sync.quarantine import read_from_elsewhere
from ita_desktop.sync.working_copy import build_clean_copy
from tests.sync.helpers import content, copy_to

COPIES = 3
YEAR = 2567
WORDS = st.sampled_from(["ก", "ข", "ค", "มาตรการใหม่", "ประชุมแล้ว"])
Stamp = tuple[int, str]


@dataclass(frozen=True)
class Edit:
    """One field written on one copy: its new value and stamp, and the vector of that copy just before."""

    table: str
    row_id: str
    field: str
    value: Any
    stamp: Stamp
    seen: tuple[tuple[str, int], ...]

    def saw(self, stamp: Stamp | None) -> bool:
        return stamp is None or dict(self.seen).get(stamp[1], 0) >= stamp[0]


def base_document(path: Path) -> Path:
    new_document(path, Organization(name="อบต.ทดสอบ", province="ขอนแก่น"), YEAR)
    editor = DocumentEditor.open(path)
    try:
        year_id = editor.repo.ensure_year(YEAR)
        for i in range(2):
            editor.insert_measure(year_id, Measure(
                id=f"m{i}", indicators=[9], title=f"มาตรการที่ {i + 1}", issue="ประเด็น",
                steps=[Step(id=f"m{i}-s1", text="ประชุมชี้แจง"), Step(id=f"m{i}-s2", text="เผยแพร่ข้อมูล")],
                progress=[Progress(round=6, step=1, status=Status.DONE, result="ประชุมแล้ว")]), i)
    finally:
        editor.close()
    return path


def vector(path: Path) -> dict[str, int]:
    with Database.open(path, read_only=True) as database:
        return database.version_vector()


def conflicts(path: Path) -> list[StoredConflict]:
    with Database.open(path) as database:
        return open_conflicts(database)


class MergeMachine(RuleBasedStateMachine):
    """Copies of one file on three PCs; each rule is what one clerk does on one PC."""

    @initialize()
    def make_copies(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        folder = Path(self.tmp.name)
        base = base_document(folder / "base.ita")
        self.copies = [copy_to(base, folder / f"pc{i}" / "plan.ita") for i in range(COPIES)]  # plain file copies
        self.edits: list[Edit] = []
        self.counter = 0

    def teardown(self) -> None:
        if hasattr(self, "copies"):
            try:
                self.full_sync_agrees()
            finally:
                self.tmp.cleanup()

    # -- doing, and recording what was done ----------------------------------------------------------------
    def _edit(self, pc: int, change: Any) -> None:
        """Run ``change(editor, measures)`` on one copy; remember every field it stamped."""
        path = self.copies[pc]
        before, seen = content(path), tuple(sorted(vector(path).items()))
        editor = DocumentEditor.open(path)
        try:
            plan = editor.load_year(YEAR)
            assert plan is not None
            change(editor, plan.id, plan.measures)
        finally:
            editor.close()
        for table, rows in content(path).items():
            for row_id, row in rows.items():
                old = before.get(table, {}).get(row_id, {}).get("stamps", {})
                for field, stamp in row["stamps"].items():
                    if old.get(field) != stamp:
                        self.edits.append(Edit(table, row_id, field, row[field], stamp, seen))

    def _name(self) -> str:
        self.counter += 1
        return f"#{self.counter}"

    @rule(pc=st.integers(0, COPIES - 1), pick=st.integers(0, 9), field=st.sampled_from(["title", "issue"]),
          word=WORDS)
    def edit_measure(self, pc: int, pick: int, field: str, word: str) -> None:
        def change(editor: DocumentEditor, _year: str, measures: list[Measure]) -> None:
            if measures:
                measure = measures[pick % len(measures)]
                setattr(measure, field, word)
                editor.write_measure(measure, [field])
        self._edit(pc, change)

    @rule(pc=st.integers(0, COPIES - 1), word=WORDS)
    def add_measure(self, pc: int, word: str) -> None:
        def change(editor: DocumentEditor, year_id: str, measures: list[Measure]) -> None:
            editor.insert_measure(year_id, Measure(indicators=[10], title=word + self._name(),
                                                   steps=[Step(text="ขั้นตอนแรก")]), len(measures))
        self._edit(pc, change)

    @rule(pc=st.integers(0, COPIES - 1), pick=st.integers(0, 9))
    def delete_measure(self, pc: int, pick: int) -> None:
        def change(editor: DocumentEditor, _year: str, measures: list[Measure]) -> None:
            if measures:
                editor.delete_measure(measures[pick % len(measures)].id)
        self._edit(pc, change)

    @rule(pc=st.integers(0, COPIES - 1), pick=st.integers(0, 9), step=st.integers(0, 9),
          what=st.sampled_from(["edit", "add", "delete"]), word=WORDS)
    def change_steps(self, pc: int, pick: int, step: int, what: str, word: str) -> None:
        def change(editor: DocumentEditor, _year: str, measures: list[Measure]) -> None:
            if not measures:
                return
            measure = measures[pick % len(measures)]
            if what == "add" or not measure.steps:
                measure.steps.append(Step(text=word + self._name()))
            elif what == "edit":
                measure.steps[step % len(measure.steps)].text = word
            else:  # the step's progress goes with it; later steps' progress keeps pointing at its own step
                number = step % len(measure.steps) + 1
                del measure.steps[number - 1]
                measure.progress = [p for p in measure.progress if p.step != number]
                for p in measure.progress:
                    p.step = p.step - 1 if p.step and p.step > number else p.step
            editor.write_measure(measure, ["steps"])
        self._edit(pc, change)

    @rule(pc=st.integers(0, COPIES - 1), pick=st.integers(0, 9), entry=st.integers(0, 9),
          what=st.sampled_from(["edit", "add", "delete"]), round_=st.sampled_from([6, 12]), word=WORDS)
    def change_progress(self, pc: int, pick: int, entry: int, what: str, round_: int, word: str) -> None:
        def change(editor: DocumentEditor, _year: str, measures: list[Measure]) -> None:
            if not measures:
                return
            measure = measures[pick % len(measures)]
            if what == "add" or not measure.progress:
                step = entry % len(measure.steps) + 1 if measure.steps else None
                editor.save_progress(measure, Progress(round=round_, step=step, status=Status.IN_PROGRESS,
                                                       result=word + self._name()))
            elif what == "edit":
                progress = measure.progress[entry % len(measure.progress)]
                progress.result = word
                editor.save_progress(measure, progress)
            else:
                editor.delete_progress(measure.progress[entry % len(measure.progress)].id)
        self._edit(pc, change)

    @rule(into=st.integers(0, COPIES - 1), other=st.integers(0, COPIES - 1))
    def merge(self, into: int, other: int) -> None:
        if into != other:
            with Database.open(self.copies[into]) as database:
                merge_file(database, self.copies[other])

    @rule(pc=st.integers(0, COPIES - 1))
    def bring_in_again(self, pc: int) -> None:
        """The PC's file is rebuilt from its own validated rows, as bringing it in from a stick does (new replica
        id, rows and open conflicts carried over)."""
        path = self.copies[pc]
        rebuilt = path.with_name("rebuilt.ita")
        build_clean_copy(rebuilt, read_from_elsewhere(path))
        assert content(rebuilt) == content(path) and conflicts(rebuilt) == conflicts(path)
        os.replace(rebuilt, path)

    @rule(pc=st.integers(0, COPIES - 1), pick=st.integers(0, 9), choice=st.sampled_from(["mine", "theirs"]))
    def resolve(self, pc: int, pick: int, choice: str) -> None:
        def change(editor: DocumentEditor, _year: str, _measures: list[Measure]) -> None:
            waiting = open_conflicts(editor.database)
            if waiting:
                resolve_conflict(editor.database, waiting[pick % len(waiting)], choice)
        self._edit(pc, change)

    # -- what must hold ------------------------------------------------------------------------------------
    @invariant()
    def each_conflict_once(self) -> None:
        for path in getattr(self, "copies", []):
            keys = [conflict_key_text(c) for c in conflicts(path)]
            assert len(keys) == len(set(keys)), f"{path.parent.name} holds a conflict twice: {keys}"

    def full_sync_agrees(self) -> None:
        for _ in range(2 * COPIES):  # every pair, both ways, until nothing changes
            before = [(content(p), sorted(map(conflict_key_text, conflicts(p)))) for p in self.copies]
            for i in range(COPIES):
                for j in range(COPIES):
                    self.merge(i, j)
            if [(content(p), sorted(map(conflict_key_text, conflicts(p)))) for p in self.copies] == before:
                break
        else:
            raise AssertionError("the copies never stopped changing")
        shown = [content(p) for p in self.copies]
        assert shown[0] == shown[1] == shown[2], "the copies differ after a full sync"
        documents = [load(p) for p in self.copies]
        assert documents[0] == documents[1] == documents[2], "the copies load different documents"
        held = [sorted(map(conflict_key_text, conflicts(p))) for p in self.copies]
        assert held[0] == held[1] == held[2], "the copies list different conflicts"
        self.each_conflict_once()
        kept = [edit for edit in self.edits if not self._replaced(edit)]
        for path, rows in zip(self.copies, shown, strict=True):
            waiting = conflicts(path)
            for edit in kept:
                assert self._kept(edit, rows, waiting), f"{path.parent.name}: {edit} is neither shown nor in conflict"

    def _replaced(self, edit: Edit) -> bool:
        """A later edit of the field, or a deletion of the row, was made knowing this one (or knowing the same
        value written concurrently on another copy: two copies writing one value merge into one write)."""
        same = [e for e in self.edits if (e.table, e.row_id, e.field) == (edit.table, edit.row_id, edit.field)
                and (e == edit or (e.value == edit.value and not e.saw(edit.stamp) and not edit.saw(e.stamp)))]
        return any(other.saw(e.stamp) and other.stamp != e.stamp for e in same for other in self.edits
                   if (other.table, other.row_id) == (edit.table, edit.row_id)
                   and (other.field == edit.field or (other.field == "deleted" and other.value)))

    def _kept(self, edit: Edit, rows: dict[str, dict[str, dict[str, Any]]], waiting: list[StoredConflict]) -> bool:
        row = rows[edit.table][edit.row_id]
        in_conflict = any((c.table, c.row_id, c.field) == (edit.table, edit.row_id, edit.field)
                          and (edit.stamp in (c.mine_stamp, c.theirs_stamp) or edit.value in (c.mine, c.theirs))
                          for c in waiting)
        if row["stamps"][edit.field] != edit.stamp and row[edit.field] != edit.value and not in_conflict:
            return False
        if edit.field == "deleted":
            return True
        # shown, or in a conflict: the row must be visible too, or its deletion be an open conflict itself
        hidden_by = [("measures", row["measure_id"])] if edit.table in ("steps", "progress") else []
        for table, row_id in [(edit.table, edit.row_id), *hidden_by]:
            hiding = rows[table][row_id]
            if hiding["deleted"] and not self._saw(hiding["stamps"]["deleted"], edit.stamp) and not any(
                    (c.table, c.row_id, c.kind) == (edit.table, edit.row_id, "delete") for c in waiting):
                return False
        return True

    def _saw(self, stamp: Stamp, earlier: Stamp) -> bool:
        return any(e.stamp == stamp and e.saw(earlier) for e in self.edits)


def conflict_key_text(c: StoredConflict) -> str:
    """Which conflict this is, on whichever copy and from whichever side: a field and its two values' stamps,
    or a row deleted on one side and edited on another (one decision: keep it deleted or bring it back)."""
    if c.kind == "delete":
        return repr((c.table, c.row_id, c.field, "delete"))
    return repr((c.table, c.row_id, c.field, sorted([c.mine_stamp, c.theirs_stamp], key=str)))


MergeMachine.TestCase.settings = settings(max_examples=25, stateful_step_count=15, deadline=None,
                                          suppress_health_check=[HealthCheck.too_slow])
TestMergeMachine = MergeMachine.TestCase
