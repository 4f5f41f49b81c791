"""Progress of one round: the grid of entries (several per step allowed), the buttons that add and delete
entries, and the 'done N of M' line the clerk reports. Entries of earlier rounds show greyed and read-only
(see progress_model); typing on one says, at the cell, where it is edited and how to add to it; a double-click
or a right-click on one offers "แก้ไขในรอบ 6 เดือน" (also Ctrl+G), which opens that cell on its round's page
(the window does it: ``open_entry``), and "เพิ่มรายการของรอบ 12 เดือน" (Ctrl+Enter)."""

from __future__ import annotations

from collections.abc import Callable

from ita_desktop.gui.delegates import GridDelegate
from ita_desktop.gui.grid_view import GridView, Trigger
from ita_desktop.gui.progress_model import COLUMN_OF, COLUMNS, OPEN_ROUND_KEY, ProgressModel, open_round_text
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets

HINT = ("ดับเบิลคลิกหรือกด F2 เพื่อแก้ไข • Ctrl+Enter = เพิ่มรายการของขั้นตอน • "
        "ช่อง “ขั้นตอน” ย้ายรายการไปขั้นตอนอื่นหรือทั้งมาตรการ • คลิกที่ลิงก์หลักฐานเพื่อเปิดดู")
CARRIED_HINT = (" • แถวสีเทาคือผลของรอบก่อนที่รายงานรอบนี้รวมไว้ สีของสถานะบอกว่าทำอะไรไปแล้ว "
                f"(ดับเบิลคลิก คลิกขวา หรือ {OPEN_ROUND_KEY} เพื่อแก้ไขในรอบนั้น)")


class ProgressGridView(GridView):
    """The round's grid: an attempt to edit an entry of an earlier round explains itself at the cell; a
    double-click on one asks the page to offer where to edit it (``carried_chosen``)."""

    EDITING = (Trigger.DoubleClicked, Trigger.EditKeyPressed, Trigger.AnyKeyPressed)
    carried_chosen = QtCore.Signal(QtCore.QModelIndex)

    def edit(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,  # type: ignore[override]
             trigger: Trigger | None = None, event: QtCore.QEvent | None = None) -> bool:
        model = self.model()
        if (trigger in self.EDITING and isinstance(model, ProgressModel) and index.isValid() and not self.read_only()
                and model.rows[index.row()].carried):
            if trigger == Trigger.DoubleClicked:
                self.carried_chosen.emit(self.model().index(index.row(), index.column()))
            elif COLUMNS[index.column()].editable:
                self.notice.show_at(self.visualRect(index), model.carried_hint(model.rows[index.row()]), "warning")
            return False
        return super().edit(index, trigger, event)


class ProgressPage(QtWidgets.QWidget):
    message = QtCore.Signal(str)
    open_entry = QtCore.Signal(int, str, int)  # (round, entry id, column): the window opens that round's cell

    def __init__(self, undo_stack: QtGui.QUndoStack, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: ProgressModel | None = None
        self.heading = QtWidgets.QLabel()
        self.heading.setObjectName("pageHeading")
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("progressSummary")
        self.view = ProgressGridView(undo_stack, self)
        self.view.setObjectName("progressGrid")
        self.delegate = GridDelegate(lambda: [], lambda: [], self.view, fiscal_year=lambda: (
            self.model.measures.plan.fiscal_year if self.model is not None else None))
        self.view.setItemDelegate(self.delegate)
        self.act_add = self._action("addEntry", "+ เพิ่มรายการ", self.add_entry, ["Ctrl+Return", "Ctrl+Enter"],
                                    "เพิ่มรายการผลของขั้นตอนนี้ (ต่อท้ายรายการที่มีอยู่) — Ctrl+Enter")
        self.act_add_whole = self._action("addWholeEntry", "+ ผลทั้งมาตรการ", lambda: self.add_entry(whole_measure=True),
                                          ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"],
                                          "เพิ่มรายการผลของทั้งมาตรการ (ไม่แยกขั้นตอน) — Ctrl+Shift+Enter")
        self.act_delete = self._action("deleteEntry", "ลบรายการ", self.delete_entries, ["Ctrl+Delete"],
                                       "ลบรายการในแถวที่เลือก — Ctrl+Delete (Ctrl+Z = เรียกคืน)")
        self.act_open_round = self._action("openEntryRound", open_round_text(6), self.open_entry_round,
                                           [OPEN_ROUND_KEY], f"เปิดรายการของรอบก่อนที่หน้ารอบของรายการเพื่อแก้ไข — "
                                           f"{OPEN_ROUND_KEY}")
        self.act_open_round.setEnabled(False)
        self.menu: QtWidgets.QMenu | None = None  # the offer shown on a right-click or a double-click
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(
            lambda pos: self.offer(self.view.indexAt(pos), self.view.viewport().mapToGlobal(pos)))
        self.view.carried_chosen.connect(self._offer_at_cell)
        buttons = QtWidgets.QHBoxLayout()
        for action in (self.act_add, self.act_add_whole, self.act_delete):
            button = QtWidgets.QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(f"button_{action.objectName()}")
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        self.hint = hint = QtWidgets.QLabel(HINT)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self.view.message.connect(self.message)
        self.delegate.hint.connect(self.message)

    def _action(self, name: str, text: str, slot: Callable[[], None], keys: list[str], tip: str) -> QtGui.QAction:
        action = QtGui.QAction(text, self)
        action.setObjectName(name)
        action.setShortcuts([QtGui.QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # only on this page
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def set_model(self, model: ProgressModel) -> None:
        if self.model is not None:
            self.model.message.disconnect(self.message)
            self.model.summary_changed.disconnect(self._show_summary)
        self.model = model
        self.view.setModel(model)
        for i, column in enumerate(COLUMNS):
            self.view.setColumnWidth(i, column.width)
        self.view.set_frozen_columns(1)  # the measure stays in view beside the evidence links
        self.heading.setText(f"ผลการดำเนินการ รอบ {model.round} เดือน")  # as the navigation names the page
        self._show_summary(model.summary())
        model.message.connect(self.message)
        model.summary_changed.connect(self._show_summary)
        self.view.selectionModel().currentChanged.connect(self._follow_current)
        self._follow_current()

    def carried_entry(self) -> tuple[int, str] | None:
        """(round, entry id) of the current row when it shows an entry of an earlier round."""
        current = self.view.currentIndex()
        if self.model is None or not current.isValid():
            return None
        row = self.model.rows[current.row()]
        return (row.entry.round, row.entry.id) if row.carried and row.entry is not None else None

    def _follow_current(self, *_: object) -> None:
        """"แก้ไขในรอบ 6 เดือน" names the current row's round, and is offered only on a carried row."""
        carried = self.carried_entry()
        self.act_open_round.setEnabled(carried is not None)
        if carried is not None:
            self.act_open_round.setText(open_round_text(carried[0]))

    def open_entry_round(self) -> None:
        """Ask the window to open the current carried entry's cell on its own round's page."""
        carried = self.carried_entry()
        if carried is None:
            self.message.emit("แถวนี้เป็นรายการของรอบนี้ แก้ไขได้ที่นี่เลย")
            return
        self.open_entry.emit(carried[0], carried[1], self.view.currentIndex().column())

    def offer(self, index: QtCore.QModelIndex, where: QtCore.QPoint) -> QtWidgets.QMenu | None:
        """The menu of a row: on an entry of an earlier round first where to edit it, then the entry actions."""
        if self.model is None or not index.isValid():
            return None
        self.view.setCurrentIndex(index)
        menu = QtWidgets.QMenu(self)
        menu.setObjectName("progressMenu")
        if self.carried_entry() is not None:
            menu.addAction(self.act_open_round)
            menu.addSeparator()
        add = menu.addAction(f"เพิ่มรายการของรอบ {self.model.round} เดือนให้ขั้นตอนนี้", self.add_entry)
        add.setObjectName("addEntryHere")
        add.setShortcut(self.act_add.shortcut())  # shown beside it; the page's action takes the key
        add.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the menu's own: never ambiguous with the page's
        for action in (self.act_add_whole, self.act_delete):
            menu.addAction(action)
        if self.menu is not None:
            self.menu.close()
            self.menu.deleteLater()
        self.menu = menu
        menu.popup(where)
        menu.setActiveAction(menu.actions()[0])  # Enter takes the first offer
        return menu

    def _offer_at_cell(self, index: QtCore.QModelIndex) -> None:
        """A double-click on an entry of an earlier round: the offer, just under the cell."""
        rect = self.view.visualRect(index)
        self.offer(index, self.view.viewport().mapToGlobal(rect.bottomLeft()))

    def _show_summary(self, text: str) -> None:
        """The count over the grid, and the hint about grey rows when there are some."""
        self.summary.setText(text)
        carried = self.model is not None and any(r.carried for r in self.model.rows)
        self.hint.setText(HINT + (CARRIED_HINT if carried else ""))

    # -- entries ---------------------------------------------------------------------------------------------
    def _finish_editing(self) -> None:
        """Commit a cell being typed into before rows change under it."""
        editor = self.view.indexWidget(self.view.currentIndex())
        if editor is not None and self.view.state() == self.view.State.EditingState:
            self.view.commitData(editor)
            self.view.closeEditor(editor, QtWidgets.QAbstractItemDelegate.EndEditHint.NoHint)

    def _read_only(self) -> bool:
        """A document opened for viewing only locks the grid (no editors); its entries are locked too."""
        if self.view.editTriggers() == QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers:
            self.message.emit("เอกสารนี้เปิดแบบอ่านอย่างเดียว แก้ไขรายการไม่ได้")
            return True
        return False

    def add_entry(self, *, whole_measure: bool = False) -> None:
        """Add an entry for the current row's step (or its measure as a whole) and go to its result cell."""
        current = self.view.currentIndex()
        if self.model is None or self._read_only():
            return
        if not current.isValid():
            self.message.emit("เลือกแถวของขั้นตอนที่จะเพิ่มรายการก่อน")
            return
        self._finish_editing()
        row = self.model.add_entry(self.view.currentIndex().row(), whole_measure=whole_measure)
        if row is not None:
            index = self.model.index(row, COLUMN_OF["result"])
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        self.view.setFocus()

    def delete_entries(self) -> None:
        if self.model is None or self._read_only():
            return
        self._finish_editing()
        rows = {i.row() for i in self.view.selectionModel().selectedIndexes()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.view.currentIndex().row()}
        self.model.delete_entries(sorted(rows))
