"""From a missing item of the round page to its cell: the round's progress grid (the entry, or the step's
placeholder row, in the column the item is about), the plan (a year without measures) or the signatories page;
and from a greyed entry of an earlier round in a later round's grid to the same cell on its own round's page
("แก้ไขในรอบ 6 เดือน"), where it is edited. Kept apart from the main window so its edits there stay small."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ita_desktop.domain.round_status import Missing, MissingKind
from ita_desktop.gui.progress_model import COLUMN_OF, COLUMNS
from ita_desktop.gui.qt import QtCore

if TYPE_CHECKING:
    from ita_desktop.gui.main_window import MainWindow


def select_missing(window: MainWindow, missing: Missing, round_: int) -> bool:
    """Show the page of ``missing`` and make its cell current; False when it is no longer there."""
    if missing.kind == MissingKind.NO_MEASURES:
        window.go_to("plan")
        return True
    if missing.kind == MissingKind.UNSIGNED or missing.measure_id is None:
        window.go_to("signatories")
        return True
    window.go_to("progress", round_)
    model = window.progress_page.model
    if model is None:
        return False
    row = model.row_of_entry(missing.entry_id) if missing.entry_id else None
    if row is None:  # the step's row waiting for this round's entry, before its entries of earlier rounds
        rows = [i for i, r in enumerate(model.rows) if r.measure.id == missing.measure_id and r.step == missing.step]
        row = next((i for i in rows if not model.rows[i].carried), rows[0] if rows else None)
    if row is None:
        row = next((i for i, r in enumerate(model.rows) if r.measure.id == missing.measure_id), None)
    if row is None:
        window.show_message("ไม่พบแถวนี้แล้ว (อาจถูกแก้ไขไปแล้ว)")
        return False
    _select(window, row, COLUMN_OF.get(missing.field or "status", COLUMN_OF["status"]))
    window.show_message(f"{missing.label}: {missing.thai}")
    return True


def select_entry(window: MainWindow, round_: int, entry_id: str, column: int) -> bool:
    """Open round ``round_``'s page on an entry of it, in ``column`` (an editable one: else its status), and say
    at the cell that it is edited there; False (and why, in the status bar) when that round has no page or the
    entry is gone."""
    if round_ not in window.plan_rounds():
        window.show_message(f"แผนไม่มีรอบ {round_} เดือนแล้ว — เพิ่มรอบนี้ในช่อง “รอบการติดตาม” ของมาตรการเพื่อแก้ไขรายการนี้")
        return False
    window.go_to("progress", round_)
    model = window.progress_page.model
    row = model.row_of_entry(entry_id) if model is not None else None
    if row is None:
        window.show_message("ไม่พบรายการนี้แล้ว (อาจถูกลบไปแล้ว)")
        return False
    if not 0 <= column < len(COLUMNS) or not COLUMNS[column].editable:
        column = COLUMN_OF["status"]
    index = _select(window, row, column)
    view = window.progress_page.view
    view.notice.show_at(view.visualRect(index), f"รายการของรอบ {round_} เดือน แก้ไขได้ที่นี่ (F2 หรือพิมพ์ทับ) — "
                        f"รายงานรอบต่อไปแสดงผลที่แก้ด้วย; ถ้าเผยแพร่รายงานรอบ {round_} เดือนแล้ว "
                        "ให้ส่งออกรอบนี้ใหม่", "warning")
    return True


def _select(window: MainWindow, row: int, column: int) -> QtCore.QModelIndex:
    """Make a cell of the progress page current, in view, with the keyboard there."""
    view = window.progress_page.view
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.scrollTo(index)
    view.setFocus()
    return index
