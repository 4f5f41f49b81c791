"""The frozen left part of a grid: the first columns stay in view while the rest scrolls sideways.

Qt's "frozen column" example: a second QTableView over the same model and selection model, laid over the
left edge of the grid, scrolling vertically with it. It never takes the keyboard focus (the grid keeps it);
a double-click on it edits in the grid itself, which scrolls back to show the cell and lifts the overlay
while the editor is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets

if TYPE_CHECKING:
    from ita_desktop.gui.grid_view import GridView

SCROLLING_ROOM = 320  # pixels the scrolling columns keep at least


class FrozenView(QtWidgets.QTableView):
    """The overlay that shows the grid's first ``count`` columns."""

    def __init__(self, grid: GridView) -> None:
        super().__init__(grid)
        self.grid = grid
        self.count = 0
        self.setObjectName("frozenColumns")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionsClickable(False)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setStyleSheet("QTableView#frozenColumns { border: none; border-right: 2px solid #9aa5b1; }")
        self.hide()
        grid.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(grid.verticalScrollBar().setValue)
        grid.verticalHeader().sectionResized.connect(self._row_resized)
        grid.horizontalHeader().sectionResized.connect(self._column_resized)

    def attach(self) -> None:
        """Follow the grid's model, selection model and delegate (after ``GridView.setModel``)."""
        model = self.grid.model()
        self.setModel(model)
        if model is None:
            return
        self.setSelectionModel(self.grid.selectionModel())
        self.setItemDelegate(QtWidgets.QStyledItemDelegate(self))
        self.verticalHeader().setDefaultSectionSize(self.grid.verticalHeader().defaultSectionSize())
        self.sync()

    def set_count(self, count: int) -> None:
        self.count = count
        self.sync()

    def shown_count(self) -> int:
        """How many columns are frozen now: fewer when they would leave under SCROLLING_ROOM for the rest."""
        model = self.model()
        if model is None or self.count <= 0:
            return 0
        count = min(self.count, model.columnCount())
        room = self.grid.viewport().width() - SCROLLING_ROOM
        while count and sum(self.grid.columnWidth(c) for c in range(count)) > room:
            count -= 1
        return count

    def sync(self) -> None:
        """Columns, row heights and place as the grid's."""
        model = self.model()
        count = self.shown_count()
        if model is None or count == 0 or model.rowCount() == 0 or self.grid.editing_frozen:
            self.hide()
            return
        for column in range(model.columnCount()):
            self.setColumnHidden(column, column >= count)
            if column < count:
                self.setColumnWidth(column, self.grid.columnWidth(column))
        header = self.grid.verticalHeader()
        for row in range(model.rowCount()):
            if self.rowHeight(row) != header.sectionSize(row):
                self.setRowHeight(row, header.sectionSize(row))
        self.horizontalHeader().setFixedHeight(self.grid.horizontalHeader().height())
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        frame = self.grid.frameWidth()
        width = sum(self.grid.columnWidth(c) for c in range(self.shown_count()))
        self.setGeometry(self.grid.verticalHeader().width() + frame, frame, width + 2,
                         self.grid.viewport().height() + self.grid.horizontalHeader().height())
        self.verticalScrollBar().setValue(self.grid.verticalScrollBar().value())

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.setRowHeight(row, new)

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.count:
            self.setColumnWidth(column, new)
            self.sync()

    # -- the mouse acts on the grid ----------------------------------------------------------------------------
    def mouseDoubleClickEvent(self, event: QtGui.QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.grid.setCurrentIndex(index)
            self.grid.edit(index, QtWidgets.QAbstractItemView.EditTrigger.DoubleClicked, event)
            return
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QtGui.QWheelEvent) -> None:
        QtCore.QCoreApplication.sendEvent(self.grid.viewport(), event)
