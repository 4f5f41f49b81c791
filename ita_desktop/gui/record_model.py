"""A small editable table over a list of records (signatories, indicators, indicator scores).

Each cell edit is a FieldCommand on the document's undo stack; ``save`` writes the changed record at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ita_desktop.gui.commands import FieldCommand
from ita_desktop.gui.qt import Qt, QtCore, QtGui
from ita_desktop.gui.roles import KIND_ROLE, PROBLEMS_ROLE, ROOT, VALUE_ROLE

Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex


@dataclass(frozen=True)
class RecordColumn:
    attr: str
    header: str
    width: int = 160
    editable: bool = True
    parse: Callable[[str], Any] = str  # text → value; ValueError (Thai) when unreadable
    show: Callable[[Any, Any], str] | None = None  # (record, value) → text


class RecordTableModel(QtCore.QAbstractTableModel):
    """Rows are records (dataclass objects with an ``id``); columns are their attributes."""

    message = QtCore.Signal(str)

    def __init__(self, records: list[Any], columns: tuple[RecordColumn, ...], save: Callable[[Any], None],
                 undo_stack: QtGui.QUndoStack, *, background: Callable[[Any, str], QtGui.QColor | None] | None = None,
                 problems: Callable[[Any, str], list[str]] | None = None,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.records, self.columns, self.save, self.undo_stack = records, columns, save, undo_stack
        self.background, self.problems = background, problems

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if self.columns[index.column()].editable else flags

    def text(self, record: Any, column: RecordColumn) -> str:
        value = getattr(record, column.attr)
        if column.show is not None:
            return column.show(record, value)
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.records)):
            return None
        record, column = self.records[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.text(record, column)
        if role == VALUE_ROLE:
            return getattr(record, column.attr)
        if role == KIND_ROLE:
            return "multiline"
        if role == Qt.ItemDataRole.BackgroundRole and self.background is not None:
            colour = self.background(record, column.attr)
            return QtGui.QBrush(colour) if colour is not None else None
        if role in (PROBLEMS_ROLE, Qt.ItemDataRole.ToolTipRole) and self.problems is not None:
            found = self.problems(record, column.attr)
            return found if role == PROBLEMS_ROLE else ("\n".join(found) or None)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role not in (Qt.ItemDataRole.EditRole, VALUE_ROLE):
            return False
        record, column = self.records[index.row()], self.columns[index.column()]
        if not column.editable:
            return False
        try:
            typed = column.parse(str(value)) if role == Qt.ItemDataRole.EditRole else value
        except ValueError as exc:
            self.message.emit(str(exc))
            return False
        old = getattr(record, column.attr)
        if old == typed:
            return True
        record_id = record.id
        self.undo_stack.push(FieldCommand(f"แก้ไข{column.header}",
                                          lambda v: self.set_value(record_id, column.attr, v), old, typed))
        return True

    def set_value(self, record_id: str, attr: str, value: Any) -> None:
        """Set and save one attribute of a record (what the undo commands call)."""
        row = next(i for i, r in enumerate(self.records) if r.id == record_id)
        setattr(self.records[row], attr, value)
        self.save(self.records[row])
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self.message.emit("บันทึกแล้ว")

    def set_records(self, records: list[Any]) -> None:
        self.beginResetModel()
        self.records = records
        self.endResetModel()
