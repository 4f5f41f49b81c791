"""The measures plan page: a filter box, row buttons and the measures grid."""

from __future__ import annotations

from ita_desktop.gui.delegates import GridDelegate
from ita_desktop.gui.grid_view import GridView
from ita_desktop.gui.measures_model import COLUMNS, MeasuresModel
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.gui.roles import SORT_ROLE

FROZEN_COLUMNS = 3  # indicator, issue and measure stay in view while scrolling to the right


class MeasuresPage(QtWidgets.QWidget):
    """Everything the clerk needs to write the year's plan."""

    message = QtCore.Signal(str)

    def __init__(self, undo_stack: QtGui.QUndoStack, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: MeasuresModel | None = None
        self.heading = QtWidgets.QLabel("แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส")
        self.heading.setObjectName("pageHeading")
        self.filter = QtWidgets.QLineEdit()
        self.filter.setPlaceholderText("ค้นหาในแผน (ชื่อมาตรการ ขั้นตอน ผู้รับผิดชอบ …)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setObjectName("measureFilter")
        self.proxy = QtCore.QSortFilterProxyModel(self)
        # Excel's filter and sort: applied when asked, not again on every edit, so a row being typed into never
        # jumps away or vanishes because its new text no longer matches the search
        self.proxy.setDynamicSortFilter(False)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = GridView(undo_stack, self)
        self.view.setObjectName("measuresGrid")
        self.delegate = GridDelegate(self._indicators, self._units, self.view, groups=self._groups,
                                     fiscal_year=lambda: self.model.plan.fiscal_year if self.model else None)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(self.proxy)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.empty = QtWidgets.QLabel(
            "ยังไม่มีมาตรการในปีงบประมาณนี้\n\nกด “เพิ่มมาตรการ” เพื่อเริ่มพิมพ์ "
            "หรือคัดลอกตารางจาก Excel / Word แล้วกด Ctrl+V\n(ถ้าตารางมีหัวคอลัมน์ เช่น มาตรการ ขั้นตอน ผู้รับผิดชอบ "
            "โปรแกรมจะจัดลงช่องให้เอง)\n\nอยากเห็นตัวอย่าง: เมนู ช่วยเหลือ ▸ เปิดเอกสารตัวอย่าง", self.view.viewport())
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.count = QtWidgets.QLabel()
        self.buttons = QtWidgets.QHBoxLayout()
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.filter, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.filter.textChanged.connect(self._filter_changed)
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._update_count)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.layoutChanged):
            signal.connect(self._update_count)
        self.view.move_requested.connect(self.move_current)
        self.view.message.connect(self.message)
        self.delegate.hint.connect(self.message)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_count()

    def add_button(self, action: QtGui.QAction) -> None:
        button = QtWidgets.QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.buttons.addWidget(button)

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)

    def set_model(self, model: MeasuresModel) -> None:
        self.model = model
        self.proxy.setSourceModel(model)
        for i, column in enumerate(COLUMNS):
            self.view.setColumnWidth(i, column.width)
        self.view.set_frozen_columns(FROZEN_COLUMNS)
        model.message.connect(self.message)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._update_count)
        self._update_count()

    def _indicators(self) -> list[tuple[int, str]]:
        if self.model is None:
            return []
        return [(i.number, self.model.indicator_label(i.number)) for i in self.model.plan.indicators]

    def _groups(self) -> list[str]:
        return self.model.groups() if self.model is not None else []

    def _units(self) -> list[str]:
        return self.model.editor.units() if self.model is not None else []

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def _update_count(self, *_: object) -> None:
        total = self.model.rowCount() if self.model else 0
        self.empty.setVisible(total == 0)
        if total == 0:
            self.empty.setGeometry(self.view.viewport().rect().adjusted(40, 30, -40, -30))
        shown = self.proxy.rowCount()
        text = f"มาตรการ {total} รายการ" + (f" (แสดง {shown} รายการที่ตรงกับคำค้น)" if shown != total else "")
        column = self.proxy.sortColumn()
        if 0 <= column < len(COLUMNS):  # sorting is a view: say so, the documents keep the plan's order
            text += (f" • เรียงตาม “{COLUMNS[column].header}” เพื่อดูเท่านั้น — เอกสารที่ส่งออกยังเรียงตามลำดับแผน"
                     " (กด “เรียงตามลำดับแผน” เพื่อกลับ)")
        self.count.setText(text)

    # -- row operations (the window's actions call these) ----------------------------------------------------------
    def current_source_row(self) -> int | None:
        current = self.view.currentIndex()
        return self.proxy.mapToSource(current).row() if current.isValid() else None

    def selected_source_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedIndexes()}
        current = self.current_source_row()
        if not rows and current is not None:
            rows = {current}
        return sorted(rows)

    def focus_first_cell(self) -> None:
        """The grid takes the keyboard with its first cell current (Excel's A1): typing and arrows work at once."""
        if self.proxy.rowCount() and self.proxy.columnCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_source_row(self, row: int, column: int = 2) -> None:
        if self.model is None or not 0 <= row < self.model.rowCount():
            return
        index = self.proxy.mapFromSource(self.model.index(row, column))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def add_measure(self, *, at_current: bool = False) -> None:
        """Add a measure at the end (or before the current row) and start typing its title."""
        if self.model is None:
            return
        current = self.current_source_row()
        position = current if at_current and current is not None else self.model.rowCount()
        like = current if current is not None else position - 1
        self.model.add_measures(position, [self.model.new_measure(like)],
                                "แทรกมาตรการ" if at_current else "เพิ่มมาตรการ")
        self.filter.clear()
        self.select_source_row(position)
        self.view.edit(self.view.currentIndex())

    def delete_selected(self) -> None:
        """Delete the selected measures; asks first when some already have reported progress."""
        if self.model is None:
            return
        rows = self.selected_source_rows()
        reported = [r for r in rows if any(p.result.strip() or p.done_on or p.evidence_urls
                                           for p in self.model.measure_at(r).progress)]
        if reported and not self.confirm_delete(reported):
            self.message.emit("ไม่ได้ลบมาตรการ")
            return
        self.model.delete_rows(rows)
        self.message.emit(f"ลบมาตรการ {len(rows)} รายการแล้ว (กด Ctrl+Z เพื่อเรียกคืน)")

    def confirm_delete(self, reported: list[int]) -> bool:
        """Ask before deleting measures that carry reported progress (the rounds' work goes with them)."""
        assert self.model is not None
        names = "\n".join(f"• มาตรการที่ {r + 1} {self.model.measure_at(r).title[:60]}" for r in reported[:5])
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, "ลบมาตรการ",
                                    f"มาตรการต่อไปนี้มีผลการดำเนินการที่รายงานไว้แล้ว:\n{names}\n\n"
                                    "ลบพร้อมผลการดำเนินการหรือไม่? (เรียกคืนได้ด้วย Ctrl+Z)", parent=self)
        box.setObjectName("confirmDelete")
        delete = box.addButton("ลบพร้อมผลการดำเนินการ", QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("ยกเลิก", QtWidgets.QMessageBox.ButtonRole.RejectRole)
        delete.setObjectName("deleteAnyway")
        keep.setObjectName("keepMeasure")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is delete

    def move_current(self, delta: int) -> None:
        if self.model is None:
            return
        if self.proxy.sortColumn() >= 0:
            self.message.emit("กำลังเรียงตามคอลัมน์อยู่ กด “เรียงตามแผน” ก่อนเลื่อนลำดับมาตรการ")
            return
        row = self.current_source_row()
        column = self.view.currentIndex().column()
        if row is not None and self.model.move_row(row, delta):
            self.select_source_row(row + delta, column)

    def plan_order(self) -> None:
        """Back to the plan's own order after sorting by a column."""
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
