"""The window's side of sharing by USB stick: File ▸ Merge (what it changed, per measure) and เลิกทำการรวม,
conflicts, save back (Ctrl+S), backups/restore, bringing files from a stick in as working copies, the
single-writer lock and the read-only view.

A merge, like an import (the main window hands its imports over through ``offer_undo``), appears to undo as one
step: right after it, the undo stack holds an OperationCommand (every edit's command before it was cleared, as
they hold values from before the write), so Ctrl+Z offers เลิกทำ การรวมไฟล์ … / เลิกทำ การนำเข้า …; edits made
after it are undone first, one Ctrl+Z each, as usual. Undoing the write itself always asks, naming any edit made
since that would go with it; declining puts the step back on the stack. Only the last such write is offered.

The main window calls three hooks (open_editor, document_opened, document_closed); everything else is
actions added to its File menu. The work itself is in ita_desktop.sync, which knows nothing of Qt.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ita_desktop.errors import UserError
from ita_desktop.gui.dialogs import thai_buttons
from ita_desktop.gui.grid_view import GridView
from ita_desktop.gui.operation_step import WORDING, OperationCommand, done_text, undo_question_box
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.gui.worker import Job, Progress
from ita_desktop.services.editing import DocumentEditor
from ita_desktop.storage.database import Database
from ita_desktop.storage.merge_store import open_conflicts
from ita_desktop.storage.side_files import unfinished_save
from ita_desktop.sync.backups import Backup, BackupScheduler, restore_backup, take_backup
from ita_desktop.sync.locking import DocumentLock, DocumentLockedError, LockInfo
from ita_desktop.sync.operation_undo import IMPORT, MERGE, OperationUndo
from ita_desktop.sync.working_copy import bring_in, is_elsewhere, load_working_copy

if TYPE_CHECKING:  # merging and saving back are imported when first used: the window is there sooner (issue 18)
    from ita_desktop.gui.main_window import MainWindow
    from ita_desktop.sync.merge_summary import ChangeSummary

# The backup of a document as it was opened is taken this long after it opens, when the window is already shown (on a
# 2,000-measure document it takes about 50 ms, issue 18). Whatever comes sooner takes it first: a change through the
# window's connection (Database.before_first_change), a job whose worker writes through a connection of its own
# (merge, import: both job starters), closing the document.
OPEN_BACKUP_DELAY_MS = 300
log = logging.getLogger(__name__)
_EDIT_WIDGETS = (QtWidgets.QComboBox, QtWidgets.QAbstractSpinBox, QtWidgets.QAbstractButton)


_THAI_TAIL = re.compile(r"(?:^|(?<=[.;!?)])\s+)([\u0E00-\u0E7F][^A-Za-z]*)$")


def thai_part(message: str) -> str:
    """The Thai sentence at the end of a bilingual 'English. ไทย' message, or the message as it is."""
    found = _THAI_TAIL.search(message)
    return found.group(1) if found else message


class SyncActions(QtCore.QObject):
    """Merge, conflicts, save back, backups and the lock, for one main window."""

    merge_finished = QtCore.Signal(int)  # open conflicts after the merge, or -1 when it failed
    save_back_finished = QtCore.Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.lock: DocumentLock | None = None
        self._next_lock: DocumentLock | None = None
        self.holder: LockInfo | None = None
        self.scheduler = BackupScheduler()
        self.job: Job | None = None
        self.note = ""
        self._locked_widgets: list[tuple[QtWidgets.QWidget, str]] = []
        self.conflict_dialog: QtWidgets.QDialog | None = None
        self.summary_dialog: QtWidgets.QDialog | None = None
        self.undo_box: QtWidgets.QMessageBox | None = None
        self.last_operation: OperationUndo | None = None  # the merge or import Ctrl+Z undoes, until the file closes
        key = QtGui.QKeySequence.StandardKey
        self.act_bring_in = self._action("เปิดไฟล์จากแฟลชไดรฟ์ (ทำงานบนสำเนาในเครื่อง)…", self.ask_bring_in)
        self.act_save_back = self._action("บันทึกกลับไปยังไฟล์ต้นฉบับ", self.start_save_back, key.Save)
        self.act_merge = self._action("รวมไฟล์…", self.ask_merge, "Ctrl+Shift+M")
        self.act_undo_merge = self._action(WORDING[MERGE].action, lambda: self.ask_undo_operation())
        self.act_undo_merge.setObjectName("undoMerge")
        self.act_undo_import = self._action(WORDING[IMPORT].action, lambda: self.ask_undo_operation())
        self.act_undo_import.setObjectName("undoImport")
        self.act_conflicts = self._action("ข้อมูลที่ขัดแย้งจากการรวมไฟล์…", self.show_conflicts)
        self.act_backups = self._action("ไฟล์สำรองและการกู้คืน…", self.ask_restore)
        menu = window.file_menu
        before = menu.actions()[-1]  # keep "quit" last
        menu.insertSeparator(before)
        for action in (self.act_bring_in, self.act_save_back, self.act_merge, self.act_undo_merge, self.act_conflicts,
                       self.act_backups):
            menu.insertAction(before, action)
        menu.insertSeparator(before)
        actions = menu.actions()  # เลิกทำการนำเข้า right under the imports
        menu.insertAction(actions[actions.index(window.act_import_old) + 1], self.act_undo_import)
        window.addActions([self.act_save_back, self.act_merge])  # shortcuts work wherever the focus is
        window.undo_stack.indexChanged.connect(self._edited)
        self._update_actions()

    def _action(self, text: str, slot: Any, shortcut: Any = None) -> QtGui.QAction:
        action = QtGui.QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QtGui.QKeySequence(shortcut))
        action.setStatusTip(text)
        action.triggered.connect(slot)
        return action

    @property
    def editor(self) -> DocumentEditor | None:
        return self.window.editor

    @property
    def read_only(self) -> bool:
        return self.editor is not None and self.editor.database.read_only

    # -- hooks called by the main window -----------------------------------------------------------------------
    def open_editor(self, path: Path) -> DocumentEditor:
        """Open for editing with the lock held (a file on a stick is brought in first); read-only when another
        window or PC holds the lock. Raises UserError when the file cannot be used."""
        self.note = ""
        if is_elsewhere(path):
            use_last_complete = self.confirm_unfinished(path)
            if use_last_complete is None:
                raise UserError(f"{path.name} was not opened. ไม่ได้เปิดไฟล์ {path.name}")
            copy, created = bring_in(path, use_last_complete=use_last_complete)
            self.note = (f"นำไฟล์จาก {path.parent} มาทำงานในเครื่องแล้ว" if created else "เปิดสำเนาทำงานในเครื่อง") + \
                " — กด Ctrl+S เพื่อบันทึกกลับไปยังไฟล์ต้นฉบับ"
            path = copy.path
        if self.lock is not None and self.lock.held and self.lock.document == path:
            self._next_lock, self.holder = self.lock, None
            return DocumentEditor.open(path)
        lock = DocumentLock(path)
        try:
            lock.acquire()
        except DocumentLockedError as locked:
            self._next_lock, self.holder = None, locked.holder
            return DocumentEditor(Database.open(path, read_only=True))
        try:
            editor = DocumentEditor.open(path)
        except BaseException:
            lock.release()
            raise
        database = editor.database
        database.before_first_change = lambda: self._backup_on_open(database)
        self._next_lock, self.holder = lock, None
        self.scheduler.taken()
        return editor

    def document_opened(self) -> None:
        self.lock = self._next_lock
        self._next_lock = None
        self._set_read_only_view(self.read_only)
        if self.read_only and self.holder is not None:
            text = (f"อ่านอย่างเดียว: เอกสารนี้กำลังถูกแก้ไขโดย {self.holder.user} ที่เครื่อง {self.holder.host} "
                    "(ปิดหน้าต่างนั้นก่อนจึงจะแก้ไขได้)")
            self.window.status_label.setText(text)
            self.window.show_error(text)
        elif self.note:
            self.window.show_message(self.note)
        copy = load_working_copy(self.editor.path) if self.editor is not None else None
        if copy is not None and not self.read_only:
            self.window.status_label.setText(f"สำเนาทำงานในเครื่อง • ต้นฉบับ: {copy.origin}  •  Ctrl+S บันทึกกลับ")
        self._update_actions()
        if not self.read_only and self.editor is not None and open_conflicts(self.editor.database):
            self.window.show_message("มีข้อมูลที่ขัดแย้งจากการรวมไฟล์รอให้เลือก: ไฟล์ ▸ ข้อมูลที่ขัดแย้งจากการรวมไฟล์")
        if self.editor is not None and self.editor.database.before_first_change is not None:
            QtCore.QTimer.singleShot(OPEN_BACKUP_DELAY_MS, self.take_open_backup)

    def _backup_on_open(self, database: Database) -> None:
        take_backup(database, "open")

    def take_open_backup(self, *, closing: bool = False) -> None:
        """The backup of the open document as it was opened, if it is still due (after the window is shown, or
        before the document closes). A backup that fails is said once; the first change then tries again and
        is refused, with nothing written, while it keeps failing."""
        database = self.editor.database if self.editor is not None else None
        pending = database.before_first_change if database is not None else None
        if database is None or pending is None:
            return
        try:
            pending()
        except UserError as exc:
            if closing:  # nothing was changed since the document opened: the file itself is as it was
                log.warning("no backup on open of %s: %s", database.path, exc.message)
            else:
                self.window.show_error(exc.message)
            return
        database.before_first_change = None

    def page_added(self) -> None:
        """A page of the window built after the document opened (pages are built when first shown): in a
        read-only view its fields and grids are locked like the others."""
        if self.read_only:
            self._set_read_only_view(True)

    def document_closed(self) -> None:
        if self.lock is not None and self.lock is not self._next_lock:
            self.lock.release()
        self.lock = None
        self.last_operation = None
        self._set_read_only_view(False)
        self._update_actions()

    # -- state -------------------------------------------------------------------------------------------------
    def _update_actions(self) -> None:
        writable = self.editor is not None and not self.read_only
        working = self.editor is not None and load_working_copy(self.editor.path) is not None
        self.act_save_back.setEnabled(writable and working)
        self.act_merge.setEnabled(writable)
        kind = self.last_operation.kind if self.last_operation is not None else None
        self.act_undo_merge.setEnabled(writable and kind == MERGE)
        self.act_undo_import.setEnabled(writable and kind == IMPORT)
        self.act_conflicts.setEnabled(writable)
        self.act_backups.setEnabled(writable)

    def _set_read_only_view(self, read_only: bool) -> None:
        """Viewing without editing: grids open no editors, fields are read-only, editing actions are off."""
        for widget, kind in self._locked_widgets:
            if kind == "triggers" and isinstance(widget, GridView):
                widget.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.DoubleClicked
                                       | QtWidgets.QAbstractItemView.EditTrigger.EditKeyPressed
                                       | QtWidgets.QAbstractItemView.EditTrigger.AnyKeyPressed)
            elif kind == "readonly" and isinstance(widget, QtWidgets.QLineEdit | QtWidgets.QPlainTextEdit):
                widget.setReadOnly(False)
            else:
                widget.setEnabled(True)
        self._locked_widgets = []
        self.window.act_paste.setEnabled(True)
        self.window.act_paste_new.setEnabled(True)
        if not read_only:
            return
        w = self.window
        for action in (w.act_add, w.act_insert, w.act_delete, w.act_up, w.act_down, w.act_rollover, w.act_import,
                       w.act_paste, w.act_paste_new):
            action.setEnabled(False)
        self._locked_widgets.append((w.rollover_button, "enabled"))
        w.rollover_button.setEnabled(False)
        for grid in w.stack.findChildren(GridView):
            self._locked_widgets.append((grid, "triggers"))
            grid.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        for field in w.stack.findChildren(QtWidgets.QLineEdit) + w.stack.findChildren(QtWidgets.QPlainTextEdit):
            if not field.isReadOnly():
                self._locked_widgets.append((field, "readonly"))
                field.setReadOnly(True)
        for widget_type in _EDIT_WIDGETS:
            for widget in w.stack.findChildren(widget_type):
                if widget.isEnabled() and not isinstance(widget.parentWidget(), QtWidgets.QAbstractSpinBox):
                    self._locked_widgets.append((widget, "enabled"))
                    widget.setEnabled(False)

    def _edited(self, _index: int) -> None:
        """After each edit: a verified backup every 30 minutes of editing."""
        if self.editor is None or self.read_only or not self.scheduler.due():
            return
        self.scheduler.taken()
        try:
            take_backup(self.editor.database, "periodic")
        except UserError as exc:
            self.window.show_message(exc.message)

    # -- bring in, save back -----------------------------------------------------------------------------------
    def ask_bring_in(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self.window, "เปิดไฟล์จากแฟลชไดรฟ์หรือโฟลเดอร์ที่ใช้ร่วมกัน",
                                                        "", "เอกสาร ITA (*.ita)")
        if path:
            self.bring_in_and_open(Path(path))

    def confirm_unfinished(self, path: Path) -> bool | None:
        """A file from elsewhere whose last save did not finish: ask before using its last complete state.
        Returns the clerk's choice for ``use_last_complete`` (False when nothing is unfinished), None to stop."""
        side = unfinished_save(path)
        if side is None:
            return False
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Warning, "ไฟล์ถูกบันทึกไม่เสร็จ",
            f"ไฟล์ {path.name} ถูกบันทึกไม่เสร็จ (มีไฟล์ {path.name}{side} อยู่ข้างกัน: โปรแกรมที่เครื่องต้นทางหยุดทำงาน "
            "หรือถอดแฟลชไดรฟ์ระหว่างบันทึก)\n\nควรเปิดและบันทึกไฟล์อีกครั้งที่เครื่องต้นทาง\n"
            "หรือจะใช้ข้อมูลที่บันทึกครบล่าสุดของไฟล์นี้ (ไม่รวมการบันทึกที่ค้างอยู่) ?",
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No, self.window)
        box.setObjectName("unfinishedSaveBox")
        box.button(QtWidgets.QMessageBox.StandardButton.Yes).setText("ใช้ข้อมูลที่บันทึกครบล่าสุด")
        box.button(QtWidgets.QMessageBox.StandardButton.No).setText("ยกเลิก")
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.No)
        return True if box.exec() == QtWidgets.QMessageBox.StandardButton.Yes else None

    def bring_in_and_open(self, origin: Path) -> bool:
        """Make (or find) the local working copy of ``origin`` and open it."""
        use_last_complete = self.confirm_unfinished(origin)
        if use_last_complete is None:
            return False
        try:
            copy, created = bring_in(origin, use_last_complete=use_last_complete)
        except UserError as exc:
            self.window.show_error(exc.message)
            return False
        opened = self.window.open_document(copy.path)
        if opened:
            self.window.show_message(("นำไฟล์มาทำงานในเครื่องแล้ว" if created else "เปิดสำเนาทำงานในเครื่อง")
                                     + f" ({origin.name}) — กด Ctrl+S เพื่อบันทึกกลับ")
        return opened

    def start_save_back(self) -> Job | None:
        """Ctrl+S on a working copy: write it back to where it came from, safely, on a worker thread."""
        if self.editor is None or self.read_only or self.job is not None:
            return None
        copy = load_working_copy(self.editor.path)
        if copy is None:
            self.window.show_message("เอกสารนี้อยู่ในเครื่องอยู่แล้ว ทุกการแก้ไขถูกบันทึกทันที ไม่ต้องบันทึกกลับ")
            return None
        self.window.commit_open_editors()

        from ita_desktop.sync.save_back import save_back

        def work(progress: Progress) -> Path:
            progress(0, 1, "กำลังบันทึกกลับไปยังไฟล์ต้นฉบับ")
            return save_back(copy).target

        def done(origin: Path) -> None:
            # The service's sentence is English then Thai (for the CLI); the clerk reads only the Thai.
            message = f"บันทึกกลับไปที่ {origin} เรียบร้อย ถอดแฟลชไดรฟ์ได้อย่างปลอดภัย"
            self.window.show_message(message)
            box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information, "บันทึกกลับแล้ว", message,
                                        QtWidgets.QMessageBox.StandardButton.Ok, self.window)
            box.setObjectName("savedBackBox")
            thai_buttons(box)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.save_back_finished.emit(True)

        def failed(message: str) -> None:
            self.window.show_error(thai_part(message))
            self.save_back_finished.emit(False)

        return self._start(work, done, failed)

    def _start(self, work: Any, done: Any, failed: Any) -> Job:
        self.take_open_backup()  # the worker writes through a connection of its own: back up the file as opened first
        job = Job(work)
        job.succeeded.connect(done)
        job.failed.connect(failed)

        def finished() -> None:
            job.wait()
            self.job = None

        job.finished.connect(finished)
        self.job = job
        QtWidgets.QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        job.finished.connect(QtWidgets.QApplication.restoreOverrideCursor)
        job.start()
        return job

    # -- merge and conflicts -----------------------------------------------------------------------------------
    def ask_merge(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self.window, "รวมไฟล์จากหน่วยงานอื่น", "", "เอกสาร ITA (*.ita)")
        if path:
            self.start_merge(Path(path))

    def start_merge(self, other: Path) -> Job | None:
        """Merge another copy into the open document on a worker thread; then reload and review conflicts."""
        if self.editor is None or self.read_only or self.job is not None:
            return None
        use_last_complete = self.confirm_unfinished(other)
        if use_last_complete is None:
            return None
        self.window.commit_open_editors()
        target = self.editor.path

        from ita_desktop.sync.merge_undo import merge_undo
        from ita_desktop.sync.merging import merge_file

        def work(progress: Progress) -> tuple[ChangeSummary, int, OperationUndo | None]:
            progress(0, 1, "กำลังรวมไฟล์")
            with Database.open(target) as database:
                result = merge_file(database, other, use_last_complete=use_last_complete)
                undo = merge_undo(database, result, other.name)
            return result.summary, len(result.open_conflicts), undo

        def done(outcome: tuple[ChangeSummary, int, OperationUndo | None]) -> None:
            summary, conflicts, undo = outcome
            if undo is not None:
                self.last_operation = undo
            self._reload()
            self._update_actions()
            text = f"รวมไฟล์ {other.name} แล้ว: {summary.headline()}"
            text += f" มีข้อมูลที่ถูกแก้ไขทั้งสองฝั่ง {conflicts} รายการ รอให้เลือก" if conflicts else ""
            text += " (Ctrl+Z เลิกทำการรวม)" if undo is not None else ""
            self.window.show_message(text)
            self.show_summary(other.name, summary, conflicts, can_undo=undo is not None)
            self.merge_finished.emit(conflicts)

        def failed(message: str) -> None:
            self.window.show_error(thai_part(message))  # the service's sentence is English then Thai (the CLI's)
            self.merge_finished.emit(-1)

        return self._start(work, done, failed)

    def _reload(self) -> None:
        """Show what the file now holds (a merge or a choice changed it under the pages)."""
        w = self.window
        if w.editor is None:
            return
        w.undo_stack.clear()  # undo entries hold values from before the merge
        year = w.plan.fiscal_year if w.plan else None
        years = w.editor.fiscal_years()
        w._fill_years(years)
        w.profile_page.load(w.editor)
        w.show_year(year if year in years else years[-1])  # (which clears the stack, then pushes the step)

    def offer_undo(self, undo: OperationUndo | None) -> None:
        """An import has been written: it is what Ctrl+Z undoes once the pages are reloaded (None, an import that
        wrote no backup, offers nothing: what came before it is in the backups)."""
        self.last_operation = undo
        self._update_actions()

    def push_step(self) -> None:
        """Called by the main window whenever it starts the undo history afresh (a year shown): the last merge or
        import is the first step on it, so Ctrl+Z reaches it once the edits made since are undone."""
        if self.last_operation is not None:
            self.window.undo_stack.push(OperationCommand(self.last_operation, self.undo_operation_from_stack))

    def show_summary(self, source: str, summary: ChangeSummary, conflicts: int, *,
                     can_undo: bool) -> QtWidgets.QDialog:
        """What the merge changed, per measure (window-modal); from there, undo it or go on to the conflicts."""
        from ita_desktop.gui.merge_dialog import MergeSummaryDialog

        dialog = MergeSummaryDialog(source, summary, conflicts, can_undo, self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.undo_requested.connect(lambda: self.ask_undo_operation())
        dialog.conflicts_requested.connect(self.show_conflicts)
        dialog.finished.connect(dialog.deleteLater)
        self.summary_dialog = dialog
        dialog.open()
        return dialog

    def undo_operation_from_stack(self) -> None:
        """Ctrl+Z reached the merge or import: ask; when the clerk keeps it, the step goes back on the stack."""
        def keep() -> None:
            stack = self.window.undo_stack
            if stack.canRedo() and isinstance(stack.command(stack.index()), OperationCommand):
                stack.redo()

        if self.ask_undo_operation(on_keep=keep) is None:
            keep()

    def ask_undo_operation(self, on_keep: Any = None) -> QtWidgets.QMessageBox | None:
        """เลิกทำการรวม / เลิกทำการนำเข้า: ask (warning by name about every edit made since), then restore the
        backup taken before the write. Returns the question box (window-modal), or None when there is none."""
        undo = self.last_operation
        if self.job is not None or self.window.job is not None:  # never restore under a running import or merge
            self.window.show_message("งานก่อนหน้ายังทำไม่เสร็จ กรุณารอสักครู่แล้วจึงเลิกทำ")
            return None
        if undo is None or self.editor is None or self.read_only:
            self.window.show_message("ไม่มีการรวมไฟล์หรือการนำเข้าที่เลิกทำได้ (ใช้ ไฟล์ ▸ ไฟล์สำรองและการกู้คืน)")
            return None
        self.window.commit_open_editors()
        box = undo_question_box(undo, undo.edits_since(self.editor.database), self.window)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        confirm = WORDING[undo.kind].confirm

        def answered(_result: int) -> None:
            self.undo_box = None
            confirmed = box.clickedButton() is not None and box.clickedButton().objectName() == confirm
            if confirmed and self.last_operation is undo:
                self.restore(undo.backup, done=done_text(undo))
            elif on_keep is not None:
                on_keep()

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.undo_box = box
        box.open()
        return box

    def show_conflicts(self) -> QtWidgets.QDialog | None:
        """The conflict review dialog (window-modal); the pages are reloaded when it closes."""
        from ita_desktop.gui.merge_dialog import ConflictDialog

        if self.editor is None or self.read_only:
            return None
        dialog = ConflictDialog(self.editor.database, self.window)
        if dialog.model.rowCount() == 0:
            self.window.show_message("ไม่มีข้อมูลที่ขัดแย้งรอให้เลือก")
            dialog.deleteLater()
            return None
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _r: self._reload())
        dialog.finished.connect(lambda _r: self._after_conflicts(dialog.model.rowCount()))
        dialog.finished.connect(dialog.deleteLater)
        self.conflict_dialog = dialog
        dialog.open()
        return dialog

    def _after_conflicts(self, remaining: int) -> None:
        """Say where things stand once the review closes (the merge's "waiting" message is stale by then)."""
        self.window.show_message(f"ยังมีข้อมูลที่ขัดแย้งรอให้เลือก {remaining} รายการ: ไฟล์ ▸ ข้อมูลที่ขัดแย้งจากการรวมไฟล์"
                                 if remaining else "เลือกข้อมูลที่ขัดแย้งครบทุกรายการแล้ว")

    # -- backups -----------------------------------------------------------------------------------------------
    def ask_restore(self) -> None:
        from ita_desktop.gui.backups_dialog import BackupsDialog

        if self.editor is None:
            return
        dialog = BackupsDialog(self.editor.path, self.window)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted and dialog.chosen is not None:
            answer = QtWidgets.QMessageBox.question(
                self.window, "กู้คืนไฟล์สำรอง",
                f"กู้คืนเอกสารเป็นสภาพเมื่อ {dialog.model.data(dialog.view.currentIndex().siblingAtColumn(0))} ?\n"
                "สภาพปัจจุบันจะถูกสำรองไว้ก่อน จึงย้อนกลับได้")
            if answer == QtWidgets.QMessageBox.StandardButton.Yes:
                self.restore(dialog.chosen)

    def restore(self, backup: Backup, done: str = "กู้คืนแล้ว") -> bool:
        """Put a backup in place of the open document (the current state is backed up first) and reopen it."""
        w = self.window
        if w.editor is None or self.read_only:
            return False
        path = w.editor.path
        w.close_document()
        try:
            with DocumentLock(path):
                before = restore_backup(path, backup.path)
        except UserError as exc:
            w.show_error(exc.message)
            w.open_document(path)
            return False
        opened = w.open_document(path)
        w.show_message(f"{done} (สภาพก่อนกู้คืนถูกสำรองไว้: {before.path.name})")
        return opened
