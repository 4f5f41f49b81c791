"""A read-only table over a Python list with fixed Thai column headings: the dialogs' lists (backups,
conflicts) share the row/column/header bookkeeping and only say what each cell shows."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from ita_desktop.gui.qt import Qt, QtCore
from ita_desktop.gui.roles import ROOT

Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex
Item = TypeVar("Item")


class ListTableModel(QtCore.QAbstractTableModel, Generic[Item]):
    """Rows are ``self.items``; subclasses implement ``cell(item, column, role)``."""

    columns: tuple[str, ...] = ()
    roles: tuple[Qt.ItemDataRole, ...] = (Qt.ItemDataRole.DisplayRole,)

    def __init__(self, items: list[Item], parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.items = items

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in self.roles:
            return None
        return self.cell(self.items[index.row()], index.column(), role)

    def cell(self, item: Item, column: int, role: int) -> Any:
        raise NotImplementedError

    def remove(self, row: int) -> None:
        """Drop one row (its item is gone from the list too)."""
        self.beginRemoveRows(QtCore.QModelIndex(), row, row)
        del self.items[row]
        self.endRemoveRows()
