"""The main window: navigation on the left, the chosen page on the right, Thai menus and toolbar.

A document is opened in one place, ``open_document``; every page is loaded from the editing service and
every change goes through the one undo stack, committed to the file at once (never a "save changes?").
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ita_desktop.domain.model import YearPlan
from ita_desktop.domain.round_status import Missing, opening_page, year_for_today
from ita_desktop.errors import UserError
from ita_desktop.gui.dialogs import ask_int, thai_buttons
from ita_desktop.gui.grid_view import GridView
from ita_desktop.gui.library_labels import DRAFT_LABEL, SAVE_LABEL
from ita_desktop.gui.measures_model import MeasuresModel
from ita_desktop.gui.measures_page import MeasuresPage
from ita_desktop.gui.page_factory import make_page
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets, pdf_preview_available
from ita_desktop.gui.settings import Preferences, WindowLayout
from ita_desktop.gui.style import icon
from ita_desktop.gui.sync_actions import SyncActions
from ita_desktop.gui.worker import Job, Progress
from ita_desktop.services.editing import DocumentEditor
from ita_desktop.sync.operation_undo import OperationUndo
from ita_desktop.thai.calendar import fiscal_year_of

if TYPE_CHECKING:  # the other pages are imported when first shown (page_factory): the window is there sooner
    from ita_desktop.gui.form_pages import AssessmentPage, ProfilePage
    from ita_desktop.gui.library_page import LibraryPage
    from ita_desktop.gui.progress_model import ProgressModel
    from ita_desktop.gui.progress_page import ProgressPage
    from ita_desktop.gui.record_pages import CataloguePage, SignatoriesPage
    from ita_desktop.gui.round_page import RoundPage
    from ita_desktop.gui.texts_page import TextsPage
    from ita_desktop.services.exporting import ExportOptions

log = logging.getLogger(__name__)
APP_TITLE = "ITA Desktop"
DEFAULT_ROUNDS = [6, 12]
Shortcut = QtGui.QKeySequence | QtGui.QKeySequence.StandardKey | str | list[Any] | None


FRAME_ALLOWANCE = 40  # the title bar and borders the window manager adds around the window


class MainWindow(QtWidgets.QMainWindow):
    """One document at a time; one fiscal year of it on screen."""

    export_finished = QtCore.Signal(str)  # the written file, or "" when it failed or was cancelled
    import_finished = QtCore.Signal(bool)

    def __init__(self, prefs: Preferences | None = None) -> None:
        super().__init__()
        self.prefs = prefs or Preferences()
        self.layout_store = WindowLayout()
        self.undo_stack = QtGui.QUndoStack(self)
        self.editor: DocumentEditor | None = None
        self.plan: YearPlan | None = None
        self.measures_model: MeasuresModel | None = None
        self.progress_models: dict[int, ProgressModel] = {}
        self.job: Job | None = None
        self.last_error = ""
        self.last_import_summary = ""  # what the last import of an office's own document did (shown in a box)
        self.old_preview: Any = None  # the preview of an old document while it is shown (gui.old_document_preview)
        self.setWindowIcon(icon("app"))
        self.resize(1320, 820)
        self._build_pages()
        self._build_navigation()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.sync = SyncActions(self)  # File ▸ merge, save back, backups; the single-writer lock (issue 5)
        self.status_label = QtWidgets.QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._restore_layout()
        self._set_enabled(False)
        self.setWindowTitle(APP_TITLE)

    # -- construction ----------------------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        """The plan's page now (the editing actions add their buttons to it); every other page on first use."""
        self.stack = QtWidgets.QStackedWidget()
        self._pages: dict[str, QtWidgets.QWidget] = {}
        self._round_counted = False  # True while show_year fills the navigation: the round page has just counted
        self.measures_page = MeasuresPage(self.undo_stack)
        self._add_page("plan", self.measures_page)

    def _add_page(self, key: str, page: QtWidgets.QWidget) -> None:
        self._pages[key] = page
        self.stack.addWidget(page)
        page.message.connect(self.show_message)  # type: ignore[attr-defined]

    def _page(self, key: str) -> QtWidgets.QWidget:
        """The page ``key``, built and loaded with the open document the first time it is asked for (opening a
        2,000-measure document builds and fills only the page shown, issue 18)."""
        page = self._pages.get(key)
        if page is None:
            page = make_page(self, key)
            self._add_page(key, page)
            if self.editor is not None:
                self._load_page(key)
                self.sync.page_added()  # a read-only view locks the new page's fields too
        return page

    def _load_page(self, key: str) -> None:
        """Fill one built page from the open document and the year shown."""
        assert self.editor is not None
        page: Any = self._pages[key]
        if key == "org":
            page.load(self.editor)
            return
        if self.plan is None:
            return
        if key == "plan":
            if self.measures_model is not None:
                page.set_model(self.measures_model)
        elif key == "library":
            if self.measures_model is not None:
                page.load(self.editor, self.plan, self.measures_model)
        elif key == "round":
            page.load(self.editor, self.plan, self.plan_rounds())  # counts the plan for the round of today
        elif key in ("assessment", "signatories", "catalogue", "texts"):
            page.load(self.editor, self.plan)

    def refresh_texts_if_built(self) -> None:
        """The texts page follows a change made elsewhere (the library's draft); one not built yet needs nothing."""
        if "texts" in self._pages:
            self.texts_page.refresh()

    @property
    def profile_page(self) -> ProfilePage:
        return self._page("org")  # type: ignore[return-value]

    @property
    def assessment_page(self) -> AssessmentPage:
        return self._page("assessment")  # type: ignore[return-value]

    @property
    def progress_page(self) -> ProgressPage:
        return self._page("progress")  # type: ignore[return-value]

    @property
    def signatories_page(self) -> SignatoriesPage:
        return self._page("signatories")  # type: ignore[return-value]

    @property
    def catalogue_page(self) -> CataloguePage:
        return self._page("catalogue")  # type: ignore[return-value]

    @property
    def texts_page(self) -> TextsPage:
        return self._page("texts")  # type: ignore[return-value]

    @property
    def library_page(self) -> LibraryPage:
        return self._page("library")  # type: ignore[return-value]

    @property
    def round_page(self) -> RoundPage:
        return self._page("round")  # type: ignore[return-value]

    def today(self) -> date:
        """The round page's clock (tests set it) once that page is built, else the real date."""
        round_page: Any = self._pages.get("round")
        return round_page.today() if round_page is not None else date.today()

    def _build_navigation(self) -> None:
        left = QtWidgets.QWidget()
        left.setObjectName("leftPanel")
        caption = QtWidgets.QLabel("ปีงบประมาณ")
        caption.setObjectName("navCaption")
        self.year_combo = QtWidgets.QComboBox()
        self.year_combo.setObjectName("yearSelector")
        self.year_combo.activated.connect(self._year_chosen)
        self.rollover_button = QtWidgets.QToolButton()
        self.rollover_button.setIcon(icon("rollover"))
        self.rollover_button.setToolTip("สร้างปีงบประมาณใหม่จากแผนของปีนี้")
        self.rollover_button.clicked.connect(self.ask_roll_over)
        year_row = QtWidgets.QHBoxLayout()
        year_row.setContentsMargins(6, 0, 6, 0)
        year_row.addWidget(self.year_combo, 1)
        year_row.addWidget(self.rollover_button)
        self.nav = QtWidgets.QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QtCore.QSize(20, 20))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setWordWrap(True)
        self.nav.currentRowChanged.connect(self._nav_changed)
        layout = QtWidgets.QVBoxLayout(left)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(caption)
        layout.addLayout(year_row)
        layout.addWidget(self.nav, 1)
        self.splitter = QtWidgets.QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([285, 1035])
        self.setCentralWidget(self.splitter)

    def _action(self, text: str, slot: Any, icon_name: str | None = None,
                shortcut: Shortcut = None, tip: str = "") -> QtGui.QAction:
        action = QtGui.QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if isinstance(shortcut, list):
            action.setShortcuts([QtGui.QKeySequence(s) for s in shortcut])
        elif shortcut is not None:
            action.setShortcut(QtGui.QKeySequence(shortcut))
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        key = QtGui.QKeySequence.StandardKey
        self.act_new = self._action("สร้างเอกสารใหม่…", self.ask_new_document, "new", key.New)
        self.act_open = self._action("เปิด…", self.ask_open, "open", key.Open)
        self.act_save_copy = self._action("บันทึกสำเนาเป็น…", self.ask_save_copy, "save-copy", key.SaveAs)
        self.act_export = self._action("ส่งออก PDF / Word / Excel…", self.ask_export, "export", "Ctrl+E",
                                       "ส่งออกเอกสารสำหรับเผยแพร่")
        self.act_import = self._action("นำเข้าข้อมูล (JSON / Excel)…", self.ask_import, "import")
        self.act_import_old = self._action("นำเข้าจากเอกสารเดิม…", self.ask_import_old, "import", None,
                                           "อ่านแผนหรือรายงานที่หน่วยงานจัดทำไว้ในไฟล์ Word (.docx)")
        self.act_check = self._action("ตรวจเอกสาร…", self.check_document, None, "Ctrl+Shift+E",
                                      "รายการข้อผิดพลาดและข้อสังเกตของเอกสารที่แสดงอยู่ คลิกเพื่อไปแก้ไข")
        self.act_check.setObjectName("checkDocument")
        self.act_quit = self._action("ปิดโปรแกรม", self.close, None, key.Quit)
        self.act_undo = self.undo_stack.createUndoAction(self, "เลิกทำ")
        self.act_undo.setIcon(icon("undo"))
        self.act_undo.setShortcuts([QtGui.QKeySequence(key.Undo)])
        self.act_redo = self.undo_stack.createRedoAction(self, "ทำซ้ำ")
        self.act_redo.setIcon(icon("redo"))
        redo_keys = QtGui.QKeySequence.keyBindings(key.Redo)
        ctrl_y = QtGui.QKeySequence("Ctrl+Y")  # what Excel and Word users press, on every platform
        self.act_redo.setShortcuts([ctrl_y, *[k for k in redo_keys if k != ctrl_y]])
        self.act_copy = self._action("คัดลอก", self.copy, "copy", key.Copy)
        self.act_paste = self._action("วาง", self.paste, "paste", key.Paste)
        self.act_paste_new = self._action("วางเป็นมาตรการใหม่", self.paste_as_new, "paste", "Ctrl+Shift+V",
                                          "วางตารางจากคลิปบอร์ดต่อท้ายแผนเป็นมาตรการใหม่ (ไม่ทับของเดิม)")
        self.act_paste_new.setObjectName("pasteAsNew")
        for action in (self.act_copy, self.act_paste, self.act_paste_new):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_add = self._action("เพิ่มมาตรการ", lambda: self._plan_op("add"), "add", "Ctrl+Shift+N",
                                    "เพิ่มมาตรการใหม่ต่อท้ายแผน")
        self.act_insert = self._action("แทรกมาตรการ", lambda: self._plan_op("insert"), "insert", "Ctrl+I",
                                       "แทรกมาตรการใหม่ก่อนแถวที่เลือก")
        self.act_delete = self._action("ลบมาตรการ", lambda: self._plan_op("delete"), "delete", "Ctrl+-",
                                       "ลบมาตรการที่เลือก (เรียกคืนได้ด้วย Ctrl+Z)")
        self.act_up = self._action("เลื่อนขึ้น", lambda: self._plan_op("up"), "up", "Ctrl+Up")
        self.act_down = self._action("เลื่อนลง", lambda: self._plan_op("down"), "down", "Ctrl+Down")
        for action in (self.act_up, self.act_down):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the grid handles Ctrl+↑/↓ itself
        self.act_plan_order = self._action("เรียงตามลำดับแผน", lambda: self.measures_page.plan_order())
        self.act_rollover = self._action("สร้างปีงบประมาณใหม่จากแผนปีก่อน…", self.ask_roll_over, "rollover")
        self.act_draft = self._action(DRAFT_LABEL, lambda: self.library_page.draft_from_scores(), "assessment",
                                      tip="เพิ่มมาตรการจากคลังให้ตัวชี้วัดที่ต่ำกว่าเป้าหมาย และร่างบทวิเคราะห์")
        self.act_save_to_library = self._action(SAVE_LABEL, lambda: self.library_page.save_current_plan_measure())
        self.act_sample = self._action("เปิดเอกสารตัวอย่าง", self.open_sample, "sample")
        self.act_about = self._action("เกี่ยวกับโปรแกรม", self.about)
        for action in (self.act_add, self.act_insert, self.act_delete, self.act_up, self.act_down,
                       self.act_plan_order):
            self.measures_page.add_button(action)
        self.measures_page.finish_buttons()
        self.addActions([self.act_copy, self.act_paste, self.act_paste_new])

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("ไฟล์")
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = file_menu.addMenu("เปิดไฟล์ล่าสุด")
        file_menu.addSeparator()
        file_menu.addActions([self.act_save_copy, self.act_check, self.act_export, self.act_import,
                              self.act_import_old])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        self.file_menu = file_menu
        edit_menu = bar.addMenu("แก้ไข")
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_copy, self.act_paste, self.act_paste_new])
        plan_menu = bar.addMenu("แผน")
        plan_menu.addActions([self.act_add, self.act_insert, self.act_delete, self.act_up, self.act_down,
                              self.act_plan_order])
        plan_menu.addSeparator()
        plan_menu.addActions([self.act_draft, self.act_save_to_library, self.act_rollover])
        help_menu = bar.addMenu("ช่วยเหลือ")
        help_menu.addActions([self.act_sample, self.act_about])
        self._rebuild_recent_menu()

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("แถบเครื่องมือ")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setIconSize(QtCore.QSize(22, 22))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addActions([self.act_open, self.act_export])
        bar.addSeparator()
        bar.addActions([self.act_undo, self.act_redo])
        bar.addSeparator()
        bar.addActions([self.act_add, self.act_delete])

    def show_on_screen(self) -> None:
        """Shown at its last size, or 1320 × 820 where the screen has room, else maximized: many office PCs have
        1366 × 768 screens, where the window ran under the task bar with its status bar and last rows hidden."""
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        if self.layout_store.load("main/geometry") is None and screen is not None:
            free = screen.availableGeometry()
            if free.width() < 1320 or free.height() < 820 + FRAME_ALLOWANCE:
                # sized to the free area first, for a screen whose window manager does not maximize
                self.setGeometry(free.adjusted(0, FRAME_ALLOWANCE, 0, 0))
                self.showMaximized()
                return
        self.show()

    def _restore_layout(self) -> None:
        geometry = self.layout_store.load("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.layout_store.load("main/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def _set_enabled(self, enabled: bool) -> None:
        for action in (self.act_save_copy, self.act_export, self.act_check, self.act_import, self.act_import_old,
                       self.act_add, self.act_insert, self.act_delete, self.act_up, self.act_down, self.act_rollover):
            action.setEnabled(enabled)
        self.splitter.setEnabled(enabled)

    # -- documents -------------------------------------------------------------------------------------------------
    def open_document(self, path: Path) -> bool:
        """Open ``path`` (checked, migrated) and show its latest fiscal year; the one way documents open."""
        try:
            editor = self.sync.open_editor(path)  # lock (or read-only view); a file on a stick is brought in
            years = editor.fiscal_years()
            if not years:
                editor.repo.ensure_year(fiscal_year_of(date.today()))
                years = editor.fiscal_years()
        except UserError as exc:
            self.show_error(exc.message)
            return False
        self.close_document()
        self.editor = editor
        self.prefs.add_recent(str(path))
        self._rebuild_recent_menu()
        if "org" in self._pages:  # else loaded when first shown
            self.profile_page.load(editor)
        self._fill_years(years)
        self.show_year(year_for_today(years, self.today()) or years[-1])
        self._set_enabled(True)
        self.status_label.setText(f"ไฟล์: {path.name}  •  บันทึกทันที")  # short: messages are not cut
        self.status_label.setToolTip(f"{path}\nบันทึกลงไฟล์ทันทีทุกครั้งที่แก้ไข")
        self.show_message(f"เปิด {path.name} แล้ว")
        self.sync.document_opened()
        if self.stack.currentWidget() is self.measures_page:
            self.measures_page.focus_first_cell()
        return True

    def close_document(self) -> None:
        """Finish any open cell editor (so the keystrokes are kept) and close the file."""
        self.commit_open_editors()
        self.undo_stack.clear()
        self.progress_models.clear()
        if "texts" in self._pages:
            self.texts_page.unload()
        if self.editor is not None:
            self.sync.take_open_backup(closing=True)  # if the window closes before it was taken
            self.editor.close()
        self.editor = None
        self.plan = None
        self.sync.document_closed()

    def commit_open_editors(self) -> None:
        if "texts" in self._pages:
            self.texts_page.commit()
        for grid in self.findChildren(GridView):
            if grid.state() == QtWidgets.QAbstractItemView.State.EditingState:
                editor = grid.indexWidget(grid.currentIndex())
                if editor is not None:
                    grid.commitData(editor)
                    grid.closeEditor(editor, QtWidgets.QAbstractItemDelegate.EndEditHint.NoHint)

    def _fill_years(self, years: list[int]) -> None:
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(f"พ.ศ. {year}", year)

    def _year_chosen(self, index: int) -> None:
        year = self.year_combo.itemData(index)
        if year is not None and (self.plan is None or year != self.plan.fiscal_year):
            self.show_year(int(year))

    def show_year(self, fiscal_year: int) -> None:
        """Load one fiscal year into every page (undo history starts afresh for it)."""
        assert self.editor is not None
        self.commit_open_editors()
        plan = self.editor.load_year(fiscal_year)
        if plan is None:
            self.show_error(f"ไม่มีปีงบประมาณ {fiscal_year} ในเอกสาร")
            return
        self.undo_stack.clear()
        self.plan = plan
        self.progress_models.clear()
        self.measures_model = MeasuresModel(self.editor, plan, self.undo_stack, self)
        self.measures_model.changed.connect(self._plan_changed)
        for key in list(self._pages):  # the pages built so far; the others load when first shown
            if key != "org":
                self._load_page(key)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(fiscal_year), 0))
        self._round_counted = "round" in self._pages  # it was loaded (counted) just now
        try:
            self._rebuild_navigation(select=opening_page(fiscal_year, self.today()))
        finally:
            self._round_counted = False
        self._update_title()
        self.sync.push_step()  # the last merge or import stays one Ctrl+Z away

    def _update_title(self) -> None:
        if self.editor is None or self.plan is None:
            self.setWindowTitle(APP_TITLE)
            return
        self.setWindowTitle(f"{self.editor.path.stem} — ปีงบประมาณ พ.ศ. {self.plan.fiscal_year} — {APP_TITLE}")

    def plan_rounds(self) -> list[int]:
        return (self.plan.rounds() if self.plan else []) or DEFAULT_ROUNDS

    # -- navigation ------------------------------------------------------------------------------------------------
    def _rebuild_navigation(self, select: str | None = None) -> None:
        current = select or self.current_page_key()
        self.nav.blockSignals(True)
        self.nav.clear()
        entries: list[tuple[str, str, int | None, str]] = [
            ("ภาพรวมรอบ", "round", None, "progress"), ("ข้อมูลหน่วยงาน", "org", None, "org"),
            ("ผลการประเมินปีที่ผ่านมา", "assessment", None, "assessment"),
            ("แผนมาตรการ", "plan", None, "plan")]
        entries += [(f"ผลการดำเนินการ รอบ {r} เดือน", "progress", r, "progress") for r in self.plan_rounds()]
        entries += [("ข้อความในเอกสาร", "texts", None, "texts"), ("ผู้ลงนาม", "signatories", None, "signatories"),
                    ("หน่วยงานและตัวชี้วัด", "catalogue", None, "catalogue")]
        entries.append(("คลังมาตรการ", "library", None, "plan"))
        select_row = 3  # the plan
        for row, (label, key, round_, icon_name) in enumerate(entries):
            item = QtWidgets.QListWidgetItem(icon(icon_name), label)
            item.setData(Qt.ItemDataRole.UserRole, (key, round_))
            self.nav.addItem(item)
            if f"{key}:{round_}" == current or (key == current and round_ is None):
                select_row = row
        self.nav.setCurrentRow(select_row)
        self.nav.blockSignals(False)
        self._nav_changed(select_row)  # once (the page shown is filled, the round page counted, once)

    def current_page_key(self) -> str:
        item = self.nav.currentItem()
        if item is None:
            return "plan"
        key, round_ = item.data(Qt.ItemDataRole.UserRole)
        return f"{key}:{round_}" if round_ else str(key)

    def _nav_changed(self, row: int) -> None:
        item = self.nav.item(row)
        if item is None:
            return
        key, round_ = item.data(Qt.ItemDataRole.UserRole)
        if key == "progress" and round_ is not None:
            self.progress_page.set_model(self.progress_model(int(round_)))
        counted = key not in self._pages or self._round_counted  # loading the round page counts the plan
        page = self._page(key)  # built and loaded on first use
        if key == "round" and not counted:
            self.round_page.refresh()  # count again: the grids changed the plan
        self.stack.setCurrentWidget(page)

    def go_to(self, key: str, round_: int | None = None) -> None:
        """Show a page (tests and menu actions use this)."""
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == (key, round_):
                self.nav.setCurrentRow(row)
                return
        raise KeyError(f"no page {key} {round_}")

    def go_to_missing(self, missing: Missing) -> None:
        """Open the cell a missing item of the round page points at."""
        from ita_desktop.gui.round_jump import select_missing

        select_missing(self, missing, self.round_page.current_round())

    def progress_model(self, round_: int) -> ProgressModel:
        from ita_desktop.gui.progress_model import ProgressModel

        assert self.measures_model is not None
        if round_ not in self.progress_models:
            self.progress_models[round_] = ProgressModel(self.measures_model, round_, self)
        return self.progress_models[round_]

    def current_plan_measure(self) -> Any:
        """The measure of the plan grid's current row (the library saves it), or None."""
        row = self.measures_page.current_source_row()
        return self.measures_model.measure_at(row) if self.measures_model is not None and row is not None else None

    def _plan_changed(self) -> None:
        shown = [self.nav.item(r).data(Qt.ItemDataRole.UserRole)[1] for r in range(self.nav.count())]
        if [r for r in shown if r is not None] != self.plan_rounds():
            self._rebuild_navigation()

    # -- editing actions -------------------------------------------------------------------------------------------
    def current_grid(self) -> GridView | None:
        focus = QtWidgets.QApplication.focusWidget()
        while focus is not None:
            if isinstance(focus, GridView):
                return focus
            focus = focus.parentWidget()
        page = self.stack.currentWidget()
        grids = page.findChildren(GridView) if page is not None else []
        return grids[0] if grids else None

    def copy(self) -> None:
        focus = QtWidgets.QApplication.focusWidget()
        if isinstance(focus, QtWidgets.QLineEdit | QtWidgets.QPlainTextEdit):
            focus.copy()
        elif (grid := self.current_grid()) is not None:
            grid.copy_selection()

    def paste(self) -> None:
        focus = QtWidgets.QApplication.focusWidget()
        if isinstance(focus, QtWidgets.QLineEdit | QtWidgets.QPlainTextEdit):
            focus.paste()
        elif (grid := self.current_grid()) is not None:
            grid.paste()

    def paste_as_new(self) -> None:
        """Ctrl+Shift+V: the clipboard's table becomes new measures at the end of the plan."""
        if self.measures_model is None:
            return
        if self.stack.currentWidget() is not self.measures_page:
            self.go_to("plan")
        self.measures_page.view.paste(as_new=True)

    def _plan_op(self, op: str) -> None:
        if self.measures_model is None:
            return
        if self.stack.currentWidget() is not self.measures_page:
            self.go_to("plan")
        page = self.measures_page
        if op == "add":
            page.add_measure()
        elif op == "insert":
            page.add_measure(at_current=True)
        elif op == "delete":
            page.delete_selected()
        elif op in ("up", "down"):
            page.move_current(-1 if op == "up" else 1)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    def show_error(self, text: str) -> None:
        """A problem the user can fix: a (non-blocking) message box and the status bar."""
        self.last_error = text
        self.statusBar().showMessage(text, 15000)
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, APP_TITLE, text,
                                    QtWidgets.QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        thai_buttons(box)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- file dialogs ----------------------------------------------------------------------------------------------
    def _folder(self, key: str) -> str:
        folder = str(self.prefs.get(key))
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def ask_open(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "เปิดเอกสาร ITA", self._folder("files/last_folder"),
                                                        "เอกสาร ITA (*.ita);;ทุกไฟล์ (*)")
        if path:
            self.prefs.set("files/last_folder", str(Path(path).parent))
            self.open_document(Path(path))

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.prefs.get("files/recent") if p]
        for path in recent:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_document(Path(p)))
        self.recent_menu.setEnabled(bool(recent))

    def ask_new_document(self) -> None:
        from ita_desktop.gui.new_document import ask_new_document

        path = ask_new_document(self, self._folder("files/last_folder"))
        if path is not None:
            self.open_document(path)

    def ask_save_copy(self) -> None:
        if self.editor is None:
            return
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, "บันทึกสำเนาเป็น", str(self.editor.path.with_name(
            self.editor.path.stem + " (สำเนา).ita")), "เอกสาร ITA (*.ita)")
        if path:
            self.save_copy(Path(path))

    def save_copy(self, target: Path) -> bool:
        assert self.editor is not None
        if target.suffix.lower() != ".ita":
            target = target.with_suffix(".ita")
        try:
            self.editor.save_copy(target)
        except UserError as exc:
            self.show_error(exc.message)
            return False
        self.show_message(f"บันทึกสำเนาไว้ที่ {target} แล้ว (ยังคงทำงานกับไฟล์เดิม)")
        return True

    def open_sample(self) -> None:
        from ita_desktop.paths import data_dir
        from ita_desktop.samples import create_sample_document

        path = data_dir() / "ตัวอย่างเอกสาร ITA.ita"
        if not path.exists():
            try:
                create_sample_document(path)
            except UserError as exc:
                self.show_error(exc.message)
                return
        self.open_document(path)

    def about(self) -> None:
        from ita_desktop import __version__

        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information, "เกี่ยวกับ ITA Desktop",
                                    f"ITA Desktop {__version__}\nจัดทำแผนและรายงานมาตรการส่งเสริมคุณธรรมและความโปร่งใส "
                                    "(ITA) สำหรับองค์กรปกครองส่วนท้องถิ่น", QtWidgets.QMessageBox.StandardButton.Ok, self)
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        thai_buttons(box)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- roll-over -------------------------------------------------------------------------------------------------
    def ask_roll_over(self) -> None:
        if self.plan is None:
            return
        source = self.plan.fiscal_year
        latest = max(int(self.year_combo.itemData(i)) for i in range(self.year_combo.count()))
        target = ask_int(self, "สร้างปีงบประมาณใหม่",
                         f"สร้างแผนปีงบประมาณใหม่ (พ.ศ.) โดยคัดลอกมาตรการจากปี {source}:", latest + 1, source + 1, 2700)
        if target is None:
            return
        keep = self.ask_measures_to_carry(target)
        if keep is not None:
            self.roll_over_to(target, keep)

    def ask_measures_to_carry(self, target: int) -> set[str] | None:
        """The roll-over's list of last year's measures, those of indicators still below target ticked; the ids
        the clerk keeps, or None when she cancels."""
        from ita_desktop.domain.model import Document
        from ita_desktop.gui.rollover_dialog import RolloverDialog
        from ita_desktop.services.rollover import latest_result, offer

        if self.editor is None or self.plan is None:
            return None
        if not self.plan.measures:
            return set()
        years = [y for y in (self.editor.repo.load_year(fy) for fy in self.editor.fiscal_years()) if y is not None]
        result = latest_result(Document(years=years), self.plan)
        dialog = RolloverDialog(self, self.plan.fiscal_year, target, offer(self.plan, result), result.fiscal_year)
        try:
            return dialog.chosen_ids() if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def roll_over_to(self, target: int, keep: set[str] | None = None) -> bool:
        """Create ``target`` from the shown year's plan (the measures in ``keep``, all when None) and switch to
        it."""
        from ita_desktop.services.rollover import roll_over

        if self.editor is None or self.plan is None:
            return False
        source = self.plan.fiscal_year
        try:
            roll_over(self.editor.repo, source, target, keep)
        except UserError as exc:
            self.show_error(exc.message)
            return False
        self._fill_years(self.editor.fiscal_years())
        self.show_year(target)
        self.show_message(f"สร้างปีงบประมาณ {target} จากแผนปี {source} แล้ว — ตรวจวันที่และผู้รับผิดชอบอีกครั้ง")
        return True

    # -- long work: export and import ------------------------------------------------------------------------------
    def ask_export(self) -> None:
        from ita_desktop.gui import export_check
        from ita_desktop.gui.export_dialog import ExportDialog

        if self.editor is None or self.plan is None:
            return
        page, _, shown_round = self.current_page_key().partition(":")
        doc = {"progress": "progress", "assessment": "analysis"}.get(page, "plan")
        dialog = ExportDialog(self, self.prefs, self.plan.fiscal_year, self.plan_rounds(), doc,
                              int(shown_round) if shown_round else None, self.editor.profiles())
        if dialog.dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        options, suffix = dialog.options(), dialog.suffix()
        if not export_check.check(self, options, exporting=True):  # every part of the file
            return  # back to fix what the check found
        profile = dialog.profile_to_save()
        if profile is not None:  # the office's columns, kept in the document for the next round
            self.editor.save_profile(profile)
        name = {"plan": "แผนมาตรการ", "progress": f"รายงานผล รอบ {options.round} เดือน",
                "analysis": "รายงานการวิเคราะห์"}[options.doc]
        suggested = Path(self._folder("export/last_folder")) / f"{name} {self.plan.fiscal_year}{suffix}"
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, "ส่งออกเป็น", str(suggested), f"(*{suffix})")
        if path:
            out = Path(path) if Path(path).suffix else Path(path + suffix)
            self.prefs.set("export/last_folder", str(out.parent))
            self.start_export(out, options)

    def check_document(self) -> None:
        """File ▸ ตรวจเอกสาร: the findings of the document on screen (a round's report on its page)."""
        from ita_desktop.gui import export_check

        page, _, shown_round = self.current_page_key().partition(":")
        doc = {"progress": "progress", "assessment": "analysis"}.get(page, "plan")
        export_check.check(self, doc, int(shown_round) if shown_round else None, exporting=False)

    def start_export(self, out: Path, options: ExportOptions) -> Job:
        """Export on a worker thread with a progress dialog; opens the file when done (if chosen)."""
        from ita_desktop.services.documents import load
        from ita_desktop.services.exporting import export_document

        assert self.editor is not None
        source = self.editor.path

        def work(progress: Progress) -> Path:
            progress(0, 1, "กำลังอ่านเอกสาร")
            export_document(load(source), options, out, progress)
            return out

        self.round_page.exporting(options)  # after a PDF, the round page offers to log where it is published
        return self._run_job(work, "กำลังส่งออกเอกสาร…", self._export_done, self.export_finished)

    def _export_done(self, out: Path) -> None:
        self.show_message(f"ส่งออกแล้ว: {out}" + self.round_page.exported(out))
        self.export_finished.emit(str(out))
        if self.prefs.get("export/open_after"):
            self.open_file(out)

    def open_file(self, path: Path) -> None:
        """Show an exported file: a preview in the window for PDFs when QtPdf is installed, else the system viewer."""
        if path.suffix.lower() == ".pdf" and pdf_preview_available():
            from ita_desktop.gui.pdf_preview import show_pdf

            show_pdf(self, path)
            return
        if not QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(path))):
            self.show_error(f"ส่งออกแล้ว แต่เปิดไฟล์ให้ไม่ได้ (ไม่พบโปรแกรมที่เปิดไฟล์ชนิดนี้)\nไฟล์อยู่ที่ {path}")

    def ask_import(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "นำเข้าข้อมูล", self._folder("files/last_folder"),
                                                        "ข้อมูล ITA (*.json *.xlsx)")
        if path:
            self.start_import(Path(path))

    def start_import(self, data: Path) -> Job:
        """Import JSON/XLSX into the open document on a worker thread, then reload the shown year; the import is
        then the one step Ctrl+Z undoes (sync.operation_undo)."""
        from ita_desktop.services.documents import import_data

        assert self.editor is not None
        target = self.editor.path

        def work(progress: Progress) -> tuple[list[str], OperationUndo | None]:
            progress(0, 1, "กำลังนำเข้าข้อมูล")
            imported = import_data(target, data)
            return imported.warnings, OperationUndo.after_import(target, imported.backup, data.name)

        return self._run_job(work, "กำลังนำเข้าข้อมูล…", lambda done: self._import_done(*done), None)

    def _import_done(self, warnings: list[str], undo: OperationUndo | None = None) -> None:
        assert self.editor is not None
        year = self.plan.fiscal_year if self.plan else None
        self._fill_years(self.editor.fiscal_years())
        if "org" in self._pages:
            self.profile_page.load(self.editor)
        self.sync.offer_undo(undo)  # the first step of the history show_year starts afresh
        self.show_year(year if year in self.editor.fiscal_years() else self.editor.fiscal_years()[-1])
        note = f" (ข้อสังเกต {len(warnings)} รายการ: {warnings[0]})" if warnings else ""
        self.show_message("นำเข้าข้อมูลแล้ว" + note + (" (Ctrl+Z เลิกทำการนำเข้า)" if undo is not None else ""))
        self.import_finished.emit(True)

    def ask_import_old(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "นำเข้าจากเอกสารเดิม", self._folder("files/last_folder"),
                                                        "เอกสาร Word หรือ PDF (*.docx *.pdf)")
        if path:
            self.start_import_old(Path(path))

    def start_import_old(self, data: Path) -> Job:
        """Read last year's plan or report as the office wrote it (Word or its PDF) on a worker thread, then show
        the preview (gui.old_document_preview); only its นำเข้า writes (services.office_import)."""
        from ita_desktop.services.office_import import preview_old_document

        assert self.editor is not None
        target = self.editor.path

        def work(progress: Progress) -> Any:
            progress(0, 1, "กำลังอ่านเอกสารเดิม")
            return preview_old_document(target, data)

        return self._run_job(work, "กำลังอ่านเอกสารเดิม…", self._show_old_preview, None)

    def _show_old_preview(self, shown: Any) -> None:
        from ita_desktop.gui.old_document_preview import OldDocumentPreview
        from ita_desktop.services.office_import import write_preview

        assert self.editor is not None
        target = self.editor.path
        dialog = OldDocumentPreview(shown, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.old_preview = dialog

        def confirmed() -> None:
            chosen = dialog.preview
            self.old_preview = None

            def work(_progress: Progress) -> tuple[Any, OperationUndo | None]:
                written = write_preview(target, chosen)
                return written.summary, OperationUndo.after_import(target, written.backup, chosen.prepared.path.name)

            self._run_job(work, "กำลังนำเข้าจากเอกสารเดิม…", lambda done: self._import_old_done(*done), None)

        def cancelled() -> None:
            self.old_preview = None
            self.show_message("ยกเลิกการนำเข้าแล้ว ไม่มีสิ่งใดเปลี่ยนแปลง")
            self.import_finished.emit(False)

        dialog.accepted.connect(confirmed)
        dialog.rejected.connect(cancelled)
        dialog.open()

    def _import_old_done(self, summary: Any, undo: OperationUndo | None) -> None:
        self.last_import_summary = "\n".join(summary.lines())
        self._import_done(summary.warnings, undo)
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information, APP_TITLE, self.last_import_summary,
                                    QtWidgets.QMessageBox.StandardButton.Ok, self)
        box.setObjectName("importSummaryBox")
        thai_buttons(box)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _run_job(self, work: Any, label: str, on_success: Any, finished_signal: Any) -> Job:
        if self.job is not None:
            self.show_error("งานก่อนหน้ายังทำไม่เสร็จ กรุณารอสักครู่")
            return self.job
        self.commit_open_editors()
        self.sync.take_open_backup()  # before the worker's own connection writes (an import)
        job = Job(work)
        dialog = QtWidgets.QProgressDialog(label, "ยกเลิก", 0, 0, self)
        dialog.setObjectName("progressDialog")
        dialog.setWindowTitle(f"{label.rstrip('…')} — {APP_TITLE}")  # says what runs, never Qt's default
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.canceled.connect(job.cancel)
        self.progress_dialog = dialog

        def progressed(done: int, total: int, what: str) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))
            if what:
                dialog.setLabelText(what)

        def failed(message: str) -> None:
            self.show_error(message)
            if finished_signal is self.export_finished:
                self.export_finished.emit("")
            elif finished_signal is None:
                self.import_finished.emit(False)

        def cancelled() -> None:
            self.show_message("ยกเลิกแล้ว")
            if finished_signal is self.export_finished:
                self.export_finished.emit("")

        def finished() -> None:
            job.wait()
            dialog.reset()
            dialog.close()
            self.job = None

        job.progressed.connect(progressed)
        job.succeeded.connect(on_success)
        job.failed.connect(failed)
        job.cancelled.connect(cancelled)
        job.finished.connect(finished)
        self.job = job
        job.start()
        return job

    # -- closing ---------------------------------------------------------------------------------------------------
    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        """Everything is already in the file: keep the layout and close, never asking "save changes?"."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        self.layout_store.save("main/geometry", self.saveGeometry())
        self.layout_store.save("main/splitter", self.splitter.saveState())
        self.close_document()
        event.accept()
