"""From a missing item of the round page to its cell: the round's progress grid (the entry, or the step's
placeholder row, in the column the item is about), the plan (a year without measures) or the signatories page.
Kept apart from the main window so its edits there stay one method."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ita_desktop.domain.round_status import Missing, MissingKind
from ita_desktop.gui.progress_model import COLUMN_OF

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
    view = window.progress_page.view
    index = model.index(row, COLUMN_OF.get(missing.field or "status", COLUMN_OF["status"]))
    view.setCurrentIndex(index)
    view.scrollTo(index)
    view.setFocus()
    window.show_message(f"{missing.label}: {missing.thai}")
    return True
