"""A table view that behaves like a spreadsheet: Enter/Tab move, F2 or typing edits, Delete clears,
Ctrl+C / Ctrl+V copy and paste rectangles (Excel, LibreOffice, Word), and rows as tall as their text.

Row heights are measured only for rows on screen (and again when they change or columns are resized), so
a plan of thousands of measures opens at once with a uniform estimate for the rows not yet seen.
"""

from __future__ import annotations

from typing import Any

from ita_desktop.gui.cell_notice import CellNotice
from ita_desktop.gui.frozen_view import FrozenView
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.gui.roles import ERROR_BACKGROUND, PROBLEMS_ROLE
from ita_desktop.gui.tsv import parse_html_table, parse_tsv, to_html_table, to_tsv

MIN_ROW_HEIGHT = 34
MAX_ROW_HEIGHT = 320
Trigger = QtWidgets.QAbstractItemView.EditTrigger
Hint = QtWidgets.QAbstractItemDelegate.EndEditHint


class GridView(QtWidgets.QTableView):
    """The grid of measures or progress entries."""

    message = QtCore.Signal(str)
    move_requested = QtCore.Signal(int)  # Ctrl+↑ (-1) / Ctrl+↓ (+1)

    def __init__(self, undo_stack: QtGui.QUndoStack, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = FrozenView(self)
        self.undo_stack = undo_stack
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectItems)
        triggers = QtWidgets.QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
        vh.setDefaultSectionSize(MIN_ROW_HEIGHT + 20)
        vh.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._fitted: set[int] = set()
        self._fit_pending = False
        self._blank_clicked = False  # the last click was under the last row (paste appends)
        self.verticalScrollBar().valueChanged.connect(self.schedule_fit)
        self.horizontalHeader().sectionResized.connect(self._columns_resized)
        self.typing_replaces = False  # the editor being opened was opened by typing: it starts empty
        self.editing_frozen = False  # a cell of the frozen columns is being edited (the overlay is lifted)
        self.notice = CellNotice(self.viewport())
        self._refused: QtWidgets.QWidget | None = None  # the open editor whose value the model refused

    # -- lazy row heights --------------------------------------------------------------------------------------
    def setModel(self, model: QtCore.QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.frozen.attach()
        if model is None:
            return
        model.dataChanged.connect(self._rows_changed)
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.modelReset,
                       model.layoutChanged):
            signal.connect(self._forget_all)
        self._forget_all()

    def _rows_changed(self, top: QtCore.QModelIndex, bottom: QtCore.QModelIndex, *_: Any) -> None:
        self._fitted.difference_update(range(top.row(), bottom.row() + 1))
        self.schedule_fit()

    def _forget_all(self, *_: Any) -> None:
        self._fitted.clear()
        self.schedule_fit()
        self.frozen.sync()  # an empty grid has nothing to freeze (and its hint must not be covered)

    def _columns_resized(self, *_: Any) -> None:
        self._forget_all()

    def schedule_fit(self, *_: Any) -> None:
        if not self._fit_pending:
            self._fit_pending = True
            QtCore.QTimer.singleShot(0, self.fit_visible_rows)

    def fit_visible_rows(self) -> int:
        """Give the rows on screen the height their wrapped text needs; returns how many were measured."""
        self._fit_pending = False
        model = self.model()
        if model is None or model.rowCount() == 0:
            return 0
        header = self.verticalHeader()
        bottom = self.viewport().height()
        measured = 0
        for _ in range(4):  # heights change what is on screen; a few passes settle it
            first = self.rowAt(0)
            row = first if first >= 0 else 0
            changed = False
            while row < model.rowCount() and header.sectionViewportPosition(row) < bottom:
                if row not in self._fitted and not header.isSectionHidden(row):
                    height = min(max(self.sizeHintForRow(row), MIN_ROW_HEIGHT), MAX_ROW_HEIGHT)
                    if header.sectionSize(row) != height:
                        header.resizeSection(row, height)
                        changed = True
                    self._fitted.add(row)
                    measured += 1
                row += 1
            if not changed:
                break
        return measured

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self.schedule_fit()
        self.frozen.sync()

    # -- frozen columns ----------------------------------------------------------------------------------------
    def set_frozen_columns(self, count: int) -> None:
        """Keep the first ``count`` columns in view while scrolling sideways (fewer on a narrow grid)."""
        self.frozen.set_count(count)

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if self.frozen.isVisible():
            self.frozen.place()

    def scrollTo(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
                 hint: QtWidgets.QAbstractItemView.ScrollHint = QtWidgets.QAbstractItemView.ScrollHint.EnsureVisible
                 ) -> None:
        """Show a cell without leaving it under the frozen columns (frozen cells scroll only up and down)."""
        bar = self.horizontalScrollBar()
        before = bar.value()
        super().scrollTo(index, hint)
        frozen = self.frozen.shown_count() if self.frozen.isVisible() else 0
        if not index.isValid() or not frozen:
            return
        if index.column() < frozen:
            bar.setValue(before)
            return
        width = sum(self.columnWidth(c) for c in range(frozen))
        left = self.visualRect(index).left()
        if left < width:
            bar.setValue(bar.value() - (width - left))

    def edit(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,  # type: ignore[override]
             trigger: Trigger | None = None, event: QtCore.QEvent | None = None) -> bool:
        """Open an editor; typing over a cell starts it empty (Excel), F2 or a double-click keeps the text."""
        if trigger is None:
            return bool(super().edit(index))
        frozen = self.frozen.isVisible() and index.isValid() and index.column() < self.frozen.shown_count()
        if frozen:
            self.horizontalScrollBar().setValue(0)  # the editor opens in the grid, under the overlay
        self.typing_replaces = trigger == Trigger.AnyKeyPressed
        try:
            opened = bool(super().edit(index, trigger, event))  # type: ignore[arg-type]  # Qt takes no event
        finally:
            self.typing_replaces = False
        if opened and frozen and self.state() == self.State.EditingState:
            self.editing_frozen = True
            self.frozen.hide()  # lifted while its cell is edited
        return opened

    # -- mouse -----------------------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        """A click on the blank space under the last row leaves no current cell, so a paste there appends
        rows (where the model can add them) instead of overwriting the row that happened to be current."""
        model = self.model()
        if (event.button() == Qt.MouseButton.LeftButton and model is not None and model.rowCount() > 0
                and not self.indexAt(event.position().toPoint()).isValid()
                and event.position().y() > self.rowViewportPosition(model.rowCount() - 1)):
            self.clearSelection()
            self.selectionModel().clearCurrentIndex()
            self._blank_clicked = True
            if self._can_append():
                self.message.emit("กด Ctrl+V ตรงนี้เพื่อวางตารางต่อท้ายเป็นแถวใหม่")
            return
        super().mousePressEvent(event)

    def focusInEvent(self, event: QtGui.QFocusEvent) -> None:
        if self._blank_clicked and not self.currentIndex().isValid():
            # The click that activated the window must not put the current cell back on the first row
            # (QAbstractItemView does so on focus for any reason but a mouse click).
            QtWidgets.QAbstractScrollArea.focusInEvent(self, event)
            self.viewport().update()
            return
        super().focusInEvent(event)

    def _can_append(self) -> bool:
        """Whether a paste below the last row becomes new rows (the model has a paste that adds rows)."""
        model = self.model()
        source = model.sourceModel() if isinstance(model, QtCore.QSortFilterProxyModel) else model
        return getattr(source, "paste", None) is not None

    # -- keys ------------------------------------------------------------------------------------------------------
    def read_only(self) -> bool:
        """A document opened for viewing only: the grid opens no editors, and pastes and clears nothing."""
        return self.editTriggers() == Trigger.NoEditTriggers

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        if event.matches(QtGui.QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QtGui.QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.matches(QtGui.QKeySequence.StandardKey.Cut):
            self.copy_selection()
            self.clear_selection_cells()
            return
        key, mods = event.key(), event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != self.State.EditingState:
            self.clear_selection_cells()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self.move_current(1 if not mods & Qt.KeyboardModifier.ShiftModifier else -1, 0)
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.state() != self.State.EditingState:
            self.move_current(0, -1 if key == Qt.Key.Key_Backtab else 1)  # stays in the row, as Excel does
            return
        super().keyPressEvent(event)

    def move_current(self, rows: int, columns: int) -> None:
        current = self.currentIndex()
        model = self.model()
        if not current.isValid() or model is None:
            return
        row = min(max(current.row() + rows, 0), model.rowCount() - 1)
        col = min(max(current.column() + columns, 0), model.columnCount() - 1)
        self.setCurrentIndex(model.index(row, col))
        self.scrollTo(model.index(row, col))

    def commitData(self, editor: QtWidgets.QWidget) -> None:
        """Hand the editor's value to the model, noting a refusal (the model said why and recorded nothing)."""
        model = self.model()
        source = model.sourceModel() if isinstance(model, QtCore.QSortFilterProxyModel) else model
        signal = getattr(source, "message", None)
        said: list[str] = []
        if signal is not None:
            signal.connect(said.append)
        before = self.undo_stack.index()
        try:
            super().commitData(editor)
        finally:
            if signal is not None:
                signal.disconnect(said.append)
        refused = bool(said) and self.undo_stack.index() == before and said[-1] != "บันทึกแล้ว"
        self._refused = editor if refused else None
        if refused:
            self.message.emit("")  # the reason is shown at the cell: the status bar is for confirmations
            index = self.currentIndex()
            self.notice.show_at(self.visualRect(index), said[-1] + "\nแก้แล้วกด Enter อีกครั้ง หรือกด Esc เพื่อยกเลิก",
                                below=editor.geometry())
        else:
            self.notice.clear()

    def closeEditor(self, editor: QtWidgets.QWidget, hint: QtWidgets.QAbstractItemDelegate.EndEditHint) -> None:
        """Enter goes down, Tab / Shift+Tab go right / left in the same row (never wrapping onto the next row
        with its editor open), Esc leaves the cell as it was. A value the model refused keeps its editor open
        with the reason shown at the cell (Esc, or leaving the cell with the mouse, gives it up)."""
        moves = {Hint.SubmitModelCache: (1, 0), Hint.EditNextItem: (0, 1), Hint.EditPreviousItem: (0, -1)}
        if self._refused is editor and hint in moves:
            editor.setFocus()
            return
        self._refused = None
        self.notice.clear()
        self.editing_frozen = False
        super().closeEditor(editor, Hint.NoHint if hint in moves else hint)
        if hint in moves:
            self.move_current(*moves[hint])
            self.setFocus()
        self.frozen.sync()

    def currentChanged(self, current: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
                       previous: QtCore.QModelIndex | QtCore.QPersistentModelIndex) -> None:
        super().currentChanged(current, previous)
        if self.state() != self.State.EditingState:
            self.notice.clear()
        if current.isValid():
            self._blank_clicked = False
            problems = current.data(PROBLEMS_ROLE) or []
            if problems and self.state() != self.State.EditingState:
                error = current.data(Qt.ItemDataRole.BackgroundRole)
                kind = "error" if error is not None and error.color() == ERROR_BACKGROUND else "warning"
                self.notice.show_at(self.visualRect(current), "; ".join(problems), kind)

    # -- clipboard -------------------------------------------------------------------------------------------------
    def selected_rectangle(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) bounding the selection, or the current cell."""
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not indexes:
            current = self.currentIndex()
            if not current.isValid():
                return None
            return current.row(), current.column(), current.row(), current.column()
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        return min(rows), min(cols), max(rows), max(cols)

    def copy_selection(self) -> str:
        """Put the selected rectangle on the clipboard as Excel-style TSV and as an HTML table."""
        rect = self.selected_rectangle()
        model = self.model()
        if rect is None or model is None:
            return ""
        top, left, bottom, right = rect
        grid = [[str(model.index(r, c).data(Qt.ItemDataRole.EditRole) or "") for c in range(left, right + 1)]
                for r in range(top, bottom + 1)]
        text = to_tsv(grid)
        mime = QtCore.QMimeData()
        mime.setText(text)
        mime.setHtml(to_html_table(grid))
        QtGui.QGuiApplication.clipboard().setMimeData(mime)
        cells = (bottom - top + 1) * (right - left + 1)
        self.message.emit(f"คัดลอก {cells} ช่องแล้ว")
        return text

    def paste(self, mime: QtCore.QMimeData | None = None, *, as_new: bool = False) -> None:
        """Paste a rectangle at the current cell: an HTML table (Word) if there is one, else TSV text.
        ``as_new`` ("วางเป็นมาตรการใหม่", Ctrl+Shift+V): every pasted row becomes a new row at the end."""
        if self.read_only():
            self.message.emit("เอกสารนี้เปิดแบบอ่านอย่างเดียว วางข้อมูลไม่ได้")
            return
        mime = mime or QtGui.QGuiApplication.clipboard().mimeData()
        grid = parse_html_table(mime.html()) if mime is not None and mime.hasHtml() else None
        if grid is None and mime is not None and mime.hasText():
            grid = parse_tsv(mime.text())
        if not grid:
            self.message.emit("คลิปบอร์ดไม่มีข้อมูลที่วางได้")
            return
        self.paste_grid(grid, as_new=as_new)

    def ask_paste_choice(self) -> str | None:
        """Ask what a paste onto filled rows should do: "replace", "insert" (new rows before the current one,
        as Excel inserts copied cells) or None (cancel)."""
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, "วางข้อมูล",
                                    "ตารางที่วางจะทับแถวที่มีข้อมูลอยู่แล้ว\n\n"
                                    "แทนที่ข้อมูลเดิม หรือแทรกเป็นมาตรการใหม่ก่อนแถวนี้?", parent=self)
        box.setObjectName("pasteChoice")
        replace = box.addButton("แทนที่", QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        insert = box.addButton("แทรกเป็นมาตรการใหม่", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton("ยกเลิก", QtWidgets.QMessageBox.ButtonRole.RejectRole)
        replace.setObjectName("pasteReplace")
        insert.setObjectName("pasteInsert")
        cancel.setObjectName("pasteCancel")
        box.setDefaultButton(insert)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "replace" if clicked is replace else "insert" if clicked is insert else None

    def paste_grid(self, grid: list[list[str]], *, as_new: bool = False) -> None:
        model = self.model()
        current = self.currentIndex()
        if model is None:
            return
        # No current cell (a click under the last row, or an empty grid): append below the last row.
        top = current.row() if current.isValid() else (model.rowCount() if self._can_append() else 0)
        left = current.column() if current.isValid() else 0
        source, rows = self._source_rows(top, len(grid))
        if len(grid) == 1 and len(grid[0]) == 1 and (rect := self.selected_rectangle()) and rect[2] > rect[0]:
            # One value pasted over a selected column range fills it, as Excel does.
            top, left, bottom, _ = rect
            source, rows = self._source_rows(top, bottom - top + 1)
            grid = grid * (bottom - top + 1)
        insert_at: int | None = None
        if as_new and self._can_append():
            insert_at = source.rowCount()
        elif (overwrites := getattr(source, "paste_overwrites", None)) is not None and overwrites(
                rows, self._source_column(left), grid):
            choice = self.ask_paste_choice()
            if choice is None:
                self.message.emit("ยกเลิกการวาง")
                return
            if choice == "insert":
                insert_at = next((r for r in rows if r is not None), source.rowCount())
        paste = getattr(source, "paste", None)
        notes: list[str] = []
        if paste is not None:
            # what the model says while pasting (columns it has no place for …)
            signal = getattr(source, "message", None)
            if signal is not None:
                signal.connect(notes.append)
            try:
                if insert_at is None:
                    changed, errors = paste(rows, self._source_column(left), grid)
                else:
                    changed, errors = paste(rows, self._source_column(left), grid, insert_at=insert_at)
            finally:
                if signal is not None:
                    signal.disconnect(notes.append)
        else:
            changed, errors = self._paste_cells(source, rows, left, grid)
        note = f"วางข้อมูลแล้ว {changed} ช่อง"
        if errors:
            note += f" — ไม่ได้วาง {len(errors)} ช่อง: " + "; ".join(errors[:3])
        notes = [n for n in dict.fromkeys(notes) if n != "บันทึกแล้ว"]  # each saved cell says so: not news
        if notes:
            note += " — " + "; ".join(notes[:3])
        self.message.emit(note)

    def _source_rows(self, top: int, count: int) -> tuple[QtCore.QAbstractItemModel, list[int | None]]:
        """Rows of the underlying model for view rows top…top+count-1 (None beyond the last row)."""
        model = self.model()
        assert model is not None
        if isinstance(model, QtCore.QSortFilterProxyModel):
            source = model.sourceModel()
            rows: list[int | None] = [model.mapToSource(model.index(r, 0)).row() if r < model.rowCount() else None
                                      for r in range(top, top + count)]
            return source, rows
        return model, [r if r < model.rowCount() else None for r in range(top, top + count)]

    def _source_column(self, column: int) -> int:
        return column

    def _paste_cells(self, model: QtCore.QAbstractItemModel, rows: list[int | None], left: int,
                     grid: list[list[str]]) -> tuple[int, list[str]]:
        changed, errors = 0, []
        messages: list[str] = []
        signal = getattr(model, "message", None)
        if signal is not None:
            signal.connect(messages.append)
        self.undo_stack.beginMacro("วางข้อมูล")
        try:
            for row, cells in zip(rows, grid, strict=False):
                if row is None:
                    errors.append("วางเกินแถวสุดท้ายของตาราง")
                    break
                for offset, text in enumerate(cells):
                    index = model.index(row, left + offset)
                    if not index.isValid() or not (model.flags(index) & Qt.ItemFlag.ItemIsEditable):
                        continue
                    messages.clear()
                    if model.setData(index, text, Qt.ItemDataRole.EditRole):
                        changed += 1
                    else:
                        errors.append(f"แถว {row + 1}: " + ("; ".join(messages) or "อ่านค่าไม่ได้"))
        finally:
            self.undo_stack.endMacro()
            if signal is not None:
                signal.disconnect(messages.append)
        return changed, errors

    def clear_selection_cells(self) -> None:
        """Delete clears the selected cells (one undo step); cells that cannot be empty are left alone, and
        nothing is recorded when nothing changed (an empty selection, cells already empty)."""
        model = self.model()
        if self.read_only():
            return
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        filled = [i for i in indexes if model is not None and model.flags(i) & Qt.ItemFlag.ItemIsEditable
                  and i.data(Qt.ItemDataRole.EditRole)]
        if model is None or not filled:
            return
        before = self.undo_stack.index()
        self.undo_stack.beginMacro("ล้างข้อมูลในช่อง")
        try:
            for index in filled:
                model.setData(index, "", Qt.ItemDataRole.EditRole)
        finally:
            self.undo_stack.endMacro()
        drop_empty_step(self.undo_stack, before)


def drop_empty_step(stack: QtGui.QUndoStack, before: int) -> None:
    """Take back a macro that recorded nothing (every cell refused), so Ctrl+Z does not undo 'nothing'."""
    if stack.index() != before + 1:
        return
    command = stack.command(before)
    if command is not None and command.childCount() == 0:
        stack.undo()
        obsolete = QtGui.QUndoCommand()
        obsolete.setObsolete(True)
        stack.push(obsolete)  # drops the redo entry of the empty step
