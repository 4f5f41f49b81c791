"""The round page (issue 14): the round at a glance for today — a bar per responsible unit, the totals, the days
left to the round's end and to the report's due date, what is missing before the report (each item opens its
cell), the publishing log (editable), and the per-unit sheet of open steps.

The figures come from domain.round_status; this page only shows them and asks the window (``jump``) to open
the cell a missing item points at.

Numbers are written in Arabic digits, as in the rest of the window (the navigation "ผลการดำเนินการ รอบ 6 เดือน",
the grids' counts, the export dialog, dates in cells): the window speaks as the clerk types; Thai digits are the
documents' (their digit style is chosen at export), so the page heading names its round as the navigation does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ita_desktop.domain.model import YearPlan
from ita_desktop.domain.round_status import Missing, RoundStatus, current_round, round_status
from ita_desktop.errors import UserError
from ita_desktop.gui.publications_model import COLUMNS, PublicationsModel
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.services.editing import DocumentEditor
from ita_desktop.services.exporting import ExportOptions
from ita_desktop.thai.calendar import long_date

REMIND_DAYS = 30  # the banner shows when the round ends within this many days


def _days(n: int) -> str:
    return f"อีก {n} วัน" if n > 0 else "วันนี้" if n == 0 else f"เลยมาแล้ว {-n} วัน"


def _counts(done: int, steps: int) -> str:
    """'8 จาก 25 ขั้นตอน', as the round's grid counts."""
    return f"{done} จาก {steps} ขั้นตอน"


def _date(day: date) -> str:
    return long_date(day, "arabic")


class RoundPage(QtWidgets.QWidget):
    message = QtCore.Signal(str)
    jump = QtCore.Signal(object)  # a Missing item: the window opens its cell

    def __init__(self, undo_stack: QtGui.QUndoStack, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.today: Callable[[], date] = date.today  # tests and `--today` style checks replace it
        self.editor: DocumentEditor | None = None
        self.plan: YearPlan | None = None
        self.units: list[str] = []
        self.status: RoundStatus | None = None
        self.model: PublicationsModel | None = None

        self.heading = QtWidgets.QLabel()
        self.heading.setObjectName("pageHeading")
        self.round_combo = QtWidgets.QComboBox()
        self.round_combo.setObjectName("roundSelector")
        self.round_combo.activated.connect(lambda _i: self.refresh())
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(QtWidgets.QLabel("รอบ"))
        top.addWidget(self.round_combo)
        self.banner = QtWidgets.QLabel()
        self.banner.setObjectName("reminderBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fff4ce; border:1px solid #e0c060; padding:6px; border-radius:4px;")
        self.deadlines = QtWidgets.QLabel()
        self.deadlines.setObjectName("roundDeadlines")
        self.deadlines.setWordWrap(True)
        self.totals = QtWidgets.QLabel()
        self.totals.setObjectName("roundTotals")
        self.totals.setWordWrap(True)
        self.totals.setStyleSheet("font-weight:bold;")

        self.units_box = QtWidgets.QWidget()
        self.units_grid = QtWidgets.QGridLayout(self.units_box)
        self.units_grid.setContentsMargins(0, 0, 0, 0)
        self.bars: dict[str, QtWidgets.QProgressBar] = {}
        self.sheet_unit = QtWidgets.QComboBox()
        self.sheet_unit.setObjectName("sheetUnit")
        # a unit's name can be a sentence ("ปลัด…และหัวหน้าส่วนราชการทุกกองร่วมกันกำกับดูแล"): the list shows it
        # whole, the box does not grow to it (it widened the window past a 1366-pixel screen)
        self.sheet_unit.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sheet_unit.setMinimumContentsLength(12)
        sheet_button = QtWidgets.QPushButton("ส่งออกรายการค้าง…")
        sheet_button.setToolTip("รายการขั้นตอนที่หน่วยงานนี้ยังค้างดำเนินการ เป็น PDF หรือ Excel")
        sheet_button.setObjectName("openStepsSheet")
        sheet_button.clicked.connect(self.ask_sheet)
        sheet_row = QtWidgets.QHBoxLayout()
        sheet_row.addWidget(QtWidgets.QLabel("หน่วยงาน"))
        sheet_row.addWidget(self.sheet_unit, 1)
        sheet_row.addWidget(sheet_button)
        units_group = QtWidgets.QGroupBox("ความก้าวหน้าตามหน่วยงานรับผิดชอบ")
        units_layout = QtWidgets.QVBoxLayout(units_group)
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("unitsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        holder = QtWidgets.QWidget()
        holder_layout = QtWidgets.QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 6, 0)
        holder_layout.addWidget(self.units_box)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)
        units_layout.addWidget(scroll, 1)
        units_layout.addLayout(sheet_row)

        self.missing_list = QtWidgets.QListWidget()
        self.missing_list.setObjectName("missingList")
        self.missing_list.setWordWrap(True)
        self.missing_list.setAlternatingRowColors(True)
        self.missing_list.itemActivated.connect(self._missing_chosen)
        self.missing_list.itemClicked.connect(self._missing_chosen)
        self.missing_group = QtWidgets.QGroupBox("สิ่งที่ยังขาดก่อนเผยแพร่รายงาน (คลิกเพื่อไปที่ช่อง)")
        QtWidgets.QVBoxLayout(self.missing_group).addWidget(self.missing_list)

        self.log_view = QtWidgets.QTableView()
        self.log_view.setObjectName("publicationsLog")
        self.log_view.setWordWrap(True)
        self.log_view.verticalHeader().setVisible(False)
        self.log_view.horizontalHeader().setStretchLastSection(True)
        log_group = QtWidgets.QGroupBox("บันทึกการเผยแพร่ (ข้อ OIT • ลิงก์ • วันที่) — ดับเบิลคลิกเพื่อแก้ไข")
        self.log_note = QtWidgets.QLabel()
        self.log_note.setObjectName("publishOffer")
        self.log_note.setWordWrap(True)
        self.log_note.hide()
        log_layout = QtWidgets.QVBoxLayout(log_group)
        log_layout.addWidget(self.log_note)
        log_layout.addWidget(self.log_view)
        self._pending: tuple[str, int | None] | None = None

        middle = QtWidgets.QHBoxLayout()
        middle.addWidget(units_group, 1)
        middle.addWidget(self.missing_group, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.deadlines)
        layout.addWidget(self.totals)
        layout.addLayout(middle, 3)
        layout.addWidget(log_group, 2)

    # -- loading -------------------------------------------------------------------------------------------
    def load(self, editor: DocumentEditor, plan: YearPlan, rounds: list[int]) -> None:
        """Show ``plan``'s round for today (the round chosen by date)."""
        self.editor, self.plan = editor, plan
        self.units = editor.units()
        self.round_combo.clear()
        for r in rounds:
            self.round_combo.addItem(f"{r} เดือน", r)
        chosen = current_round(plan.fiscal_year, rounds, self.today())
        self.round_combo.setCurrentIndex(max(self.round_combo.findData(chosen), 0))
        self.model = PublicationsModel(editor, plan, rounds, self.undo_stack, self)
        self.model.message.connect(self.message)
        self.model.changed.connect(self._show_banner)
        self.log_view.setModel(self.model)
        for i, (_, _, width) in enumerate(COLUMNS):
            self.log_view.setColumnWidth(i, width)
        self.refresh()

    def current_round(self) -> int:
        data = self.round_combo.currentData()
        return int(data) if data is not None else 6

    def refresh(self) -> None:
        """Count again from the plan as it is now (the grids change it in place)."""
        if self.plan is None:
            return
        rounds = self.plan.rounds() or [6, 12]  # the plan's rounds may have changed since load
        if [self.round_combo.itemData(i) for i in range(self.round_combo.count())] != rounds:
            shown = self.current_round()
            self.round_combo.clear()
            for r in rounds:
                self.round_combo.addItem(f"{r} เดือน", r)
            self.round_combo.setCurrentIndex(max(self.round_combo.findData(shown), 0))
        status = round_status(self.plan, self.current_round(), self.today(), self.units, style="arabic")
        self.status = status
        self.heading.setText(f"ภาพรวมรอบ {status.round} เดือน — ปีงบประมาณ {status.fiscal_year}")
        self.deadlines.setText(f"สิ้นสุดรอบ {_date(status.round_end)} ({_days(status.days_left)})  •  "
                               f"กำหนดเผยแพร่รายงาน {_date(status.report_due)} ({_days(status.days_to_report)})")
        t = status.totals
        self.totals.setText(f"ดำเนินการแล้ว {_counts(t.done, t.steps)}  •  อยู่ระหว่างดำเนินการ {t.in_progress}  •  "
                            f"เลยกำหนด {t.overdue}  •  ยังไม่เริ่ม {t.not_started}")
        self._show_units(status)
        self._show_missing(status)
        self._show_banner()

    def _show_units(self, status: RoundStatus) -> None:
        while self.units_grid.count():
            item = self.units_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        self.bars = {}
        for row, (unit, c) in enumerate(status.units.items()):
            name = QtWidgets.QLabel(unit)
            name.setWordWrap(True)
            bar = QtWidgets.QProgressBar()
            bar.setObjectName(f"unitBar:{unit}")
            bar.setRange(0, max(c.steps, 1))
            bar.setValue(c.done)
            bar.setFormat(_counts(c.done, c.steps))
            bar.setAlignment(Qt.AlignmentFlag.AlignCenter)
            bar.setMinimumWidth(bar.fontMetrics().horizontalAdvance(bar.format()) + 24)  # its figures whole
            if c.overdue:
                bar.setStyleSheet("QProgressBar::chunk { background: #d9822b; }")
            # two short lines, not one that wraps: Qt broke it inside its phrases ("ยังไม่ / เริ่ม 0")
            detail = QtWidgets.QLabel(f"เลยกำหนด {c.overdue}\nกำลังทำ {c.in_progress} • ยังไม่เริ่ม {c.not_started}")
            if c.overdue:
                detail.setStyleSheet("color:#a4262c;")
            self.units_grid.addWidget(name, row, 0)
            self.units_grid.addWidget(bar, row, 1)
            self.units_grid.addWidget(detail, row, 2)
            self.bars[unit] = bar
        self.units_grid.setColumnStretch(0, 1)  # the unit's name wraps; the bar takes the rest
        self.units_grid.setColumnStretch(1, 2)
        current = self.sheet_unit.currentText()
        self.sheet_unit.clear()
        self.sheet_unit.addItems(list(status.units))
        if current:
            self.sheet_unit.setCurrentText(current)

    def _show_missing(self, status: RoundStatus) -> None:
        self.missing_list.clear()
        for m in status.missing:
            item = QtWidgets.QListWidgetItem(f"{m.label}: {m.thai}")
            item.setData(Qt.ItemDataRole.UserRole, m)
            item.setToolTip("คลิกเพื่อไปที่ช่องนี้")
            self.missing_list.addItem(item)
        if not status.missing:
            done = QtWidgets.QListWidgetItem("ครบแล้ว พร้อมเผยแพร่รายงาน")
            done.setFlags(Qt.ItemFlag.NoItemFlags)
            self.missing_list.addItem(done)
        self.missing_group.setTitle(f"สิ่งที่ยังขาดก่อนเผยแพร่รายงาน ({len(status.missing)} รายการ) "
                                    "— คลิกเพื่อไปที่ช่อง")

    def _show_banner(self) -> None:
        status = self.status
        if status is None or self.plan is None:
            self.banner.hide()
            return
        published = any(p.document == "progress" and p.round == status.round and p.url.strip()
                        for p in self.plan.publications)
        text = ""
        if 0 <= status.days_left <= REMIND_DAYS:
            text = f"รอบ {status.round} เดือนจะสิ้นสุดใน {status.days_left} วัน"
        elif status.days_left < 0 and not published:
            text = (f"ครบกำหนดรอบ {status.round} เดือนแล้ว — รายงานยังไม่ได้บันทึกว่าเผยแพร่ "
                    f"(กำหนด {_date(status.report_due)})")
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _missing_chosen(self, item: QtWidgets.QListWidgetItem) -> None:
        missing = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(missing, Missing):
            self.jump.emit(missing)

    # -- after an export: the offer to log where the PDF is published ---------------------------------------
    def exporting(self, options: ExportOptions) -> None:
        """Remember which document an export writes (the log row to offer when it is done)."""
        self._pending = (options.doc, options.round if options.doc == "progress" else None)

    def exported(self, out: Path) -> str:
        """After an export: for a PDF of the plan, analysis or a round's report, select its log row's link cell
        and say so; returns the words to add to the window's message ("" for anything else)."""
        pending, self._pending = self._pending, None
        if pending is None or out.suffix.lower() != ".pdf" or self.model is None:
            return ""
        row = next((i for i, (key, _) in enumerate(self.model.rows) if key == pending), None)
        if row is None:
            return ""
        from ita_desktop.domain.publications import document_label
        from ita_desktop.gui.publications_model import COLUMN_OF

        label = document_label(*pending)
        self.log_note.setText(f"ส่งออก {label} เป็น PDF แล้ว ({out.name}) — เมื่อนำขึ้นเว็บไซต์แล้ว "
                              "กรอกลิงก์และวันที่เผยแพร่ในแถวที่เลือกไว้ (หน้า “ภาพรวมรอบ”)")
        self.log_note.show()
        self.log_view.setCurrentIndex(self.model.index(row, COLUMN_OF["url"]))
        return " — บันทึกลิงก์ที่เผยแพร่ได้ที่หน้า “ภาพรวมรอบ”"

    # -- the per-unit sheet --------------------------------------------------------------------------------
    def ask_sheet(self) -> None:
        unit = self.sheet_unit.currentText()
        if not unit or self.editor is None:
            return
        suggested = str(Path.home() / f"ค้างดำเนินการ {unit}.pdf")
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, "ส่งออกรายการค้างดำเนินการ", suggested,
                                                        "PDF (*.pdf);;Excel (*.xlsx)")
        if path:
            self.write_sheet(unit, Path(path))

    def write_sheet(self, unit: str, out: Path) -> bool:
        """Write ``unit``'s open steps to ``out`` (.pdf or .xlsx)."""
        from ita_desktop.services.round_status import write_open_steps

        if self.editor is None or self.status is None:
            return False
        document = self.editor.repo.load_document()
        try:
            write_open_steps(document, self.status, unit, out)
        except UserError as exc:
            self.message.emit(exc.message)
            return False
        self.message.emit(f"ส่งออกรายการค้างดำเนินการของ{unit}แล้ว: {out}")
        return True
