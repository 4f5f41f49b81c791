"""The publishing log of the shown year as an editable table: one row per document the year owes (the plan, the
analysis, each round's report), plus any other entry the file holds (two copies that logged one document).

Typing into a row with no entry creates it; every edit is one undo command that writes through the editing
service and announces exactly its row. A URL that is not http(s) is refused with a warning (the interchange and
the checks of files from elsewhere refuse it too); a stored one that is not (none should be) shows red.
"""

from __future__ import annotations

import copy
from typing import Any

from ita_desktop.domain.model import YearPlan
from ita_desktop.domain.publications import Publication, document_label, log_rows, url_problem
from ita_desktop.gui.qt import Qt, QtCore, QtGui
from ita_desktop.gui.roles import ROOT
from ita_desktop.services.editing import DocumentEditor
from ita_desktop.thai.calendar import format_be_date, parse_be_date

Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex
COLUMNS = (("document", "เอกสาร", 330), ("item", "ข้อ OIT", 80), ("url", "ลิงก์ที่เผยแพร่", 380),
           ("published_on", "วันที่เผยแพร่", 120))
COLUMN_OF = {key: i for i, (key, _, _) in enumerate(COLUMNS)}
WARNING = QtGui.QColor("#fde2e1")
Key = tuple[str, int | None]


class PublicationCommand(QtGui.QUndoCommand):
    """One entry of the log before and after an edit (None: no entry)."""

    def __init__(self, model: PublicationsModel, row_id: str, key: Key, before: Publication | None,
                 after: Publication | None, text: str) -> None:
        super().__init__(text)
        self.model, self.row_id, self.key, self.before, self.after = model, row_id, key, before, after

    def redo(self) -> None:
        self.model.set_entry(self.row_id, self.key, self.after)

    def undo(self) -> None:
        self.model.set_entry(self.row_id, self.key, self.before)


class PublicationsModel(QtCore.QAbstractTableModel):
    message = QtCore.Signal(str)
    changed = QtCore.Signal()

    def __init__(self, editor: DocumentEditor, plan: YearPlan, rounds: list[int], undo_stack: QtGui.QUndoStack,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.editor, self.plan, self.undo_stack = editor, plan, undo_stack
        self.rows: list[tuple[Key, Publication | None]] = log_rows(plan.publications, rounds)

    # -- Qt model interface --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base if index.column() == 0 else base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        (document, round_), entry = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key == "document":
                return document_label(document, round_)
            if key == "item":
                if entry is not None and entry.item:
                    return entry.item
                return Publication(document, round_).item_or_default(self.plan.fiscal_year)
            if entry is None:
                return ""
            if key == "published_on":
                return format_be_date(entry.published_on) if entry.published_on else ""
            return entry.url
        problem = url_problem(entry.url) if entry is not None and key == "url" else None
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            return WARNING
        if role == Qt.ItemDataRole.ToolTipRole:
            if problem:
                return problem
            return {"item": "ข้อของแบบ OIT ที่เอกสารนี้ตอบ (แก้ได้ เมื่อ ป.ป.ช. เปลี่ยนเลขข้อ)",
                    "published_on": "วันที่เผยแพร่ เช่น 5/4/2567 (พ.ศ.)"}.get(key)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() == 0:
            return False
        return self.edit(index.row(), COLUMNS[index.column()][0], "" if value is None else str(value))

    # -- editing -------------------------------------------------------------------------------------------
    def edit(self, row: int, key: str, text: str) -> bool:
        """Change one field of a row's entry (creating the entry) through an undo command."""
        (document, round_), entry = self.rows[row]
        after = copy.deepcopy(entry) if entry is not None else Publication(document, round_)
        raw = text.strip()
        if key == "published_on":
            try:
                after.published_on = parse_be_date(raw) if raw else None
            except ValueError:
                self.message.emit(f"อ่านวันที่ “{raw}” ไม่ได้ (พิมพ์ วัน/เดือน/ปี พ.ศ. เช่น 5/4/2567)")
                return False
        elif key == "item":
            after.item = "" if raw == Publication(document, round_).item_or_default(self.plan.fiscal_year) else raw
        else:
            after.url = raw
        if entry is not None and after == entry:
            return False
        problem = url_problem(after.url) if key == "url" else None
        if problem:  # never stored: a copy holding it would be refused by every other PC (storage.row_rules)
            self.message.emit(f"{problem}: {after.url} — ยังไม่ได้บันทึก")
            return False
        header = COLUMNS[COLUMN_OF[key]][1]
        self.undo_stack.push(PublicationCommand(self, after.id, (document, round_), copy.deepcopy(entry), after,
                                                f"แก้ไข{header} ({document_label(document, round_)})"))
        return True

    def set_entry(self, row_id: str, key: Key, state: Publication | None) -> None:
        """Make the entry ``row_id`` of ``key`` be ``state`` (None: no entry): storage first, then its row."""
        year_id = self.plan.id
        if state is None:
            self.editor.delete_publication(row_id)
        else:
            stored = copy.deepcopy(state)
            self.editor.save_publication(year_id, stored)
        self.plan.publications = [p for p in self.plan.publications if p.id != row_id]
        if state is not None:
            self.plan.publications.append(copy.deepcopy(state))
        row = next((i for i, (k, e) in enumerate(self.rows) if (e is not None and e.id == row_id)
                    or (e is None and k == key)), None)
        if row is None:
            return
        self.rows[row] = (key, copy.deepcopy(state))
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.changed.emit()
