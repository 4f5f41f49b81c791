"""The text page ("ข้อความในเอกสาร"): the office's own words for each document of the year.

For the chosen document (plan, each round's report, analysis) every part — the title lines, the words before
the table and after it, and the three tool section headings — shows the office's own text, or else the draft
the report would print, marked as such. Typing makes it the office's text (saved on leaving the editor or after
a short pause; a burst is one undo step); "back to the generated text" removes it. All of it goes through the
window's undo stack and ``services.own_texts``. A part holds at most what a grid cell does
(interchange.limits.MAX_TEXT_CHARS): a longer text is not saved, the part says so in Thai and keeps all that was
typed (nothing reloads over it, and the page stays on its document) until it is shortened.
"""

from __future__ import annotations

from collections.abc import Callable

from ita_desktop.domain.model import YearPlan
from ita_desktop.gui.delegates import too_long_message
from ita_desktop.gui.qt import QtCore, QtGui, QtWidgets
from ita_desktop.interchange.limits import MAX_TEXT_CHARS
from ita_desktop.reports.texts import PART_NAMES
from ita_desktop.services import own_texts
from ita_desktop.services.editing import DocumentEditor
from ita_desktop.services.own_texts import TextChange, TextDocument

IDLE_SAVE_MS = 800
TEXT_COMMAND_ID = 1101
DRAFT_STATE = "ร่าง — ข้อความที่โปรแกรมร่างให้ พิมพ์แก้ได้ เมื่อแก้หรือกดใช้แล้วจะเป็นข้อความของหน่วยงาน"
ACCEPT_LABEL = "ใช้ข้อความร่างนี้"
OWN_STATE = "ข้อความของหน่วยงาน"
HINT = ("แต่ละบรรทัดคือหนึ่งย่อหน้า • บรรทัดที่ขึ้นต้นด้วย “# ” เป็นหัวข้อย่อย • ชื่อเรื่อง: แต่ละบรรทัดคือหนึ่งบรรทัดของหัวเอกสาร"
        " • ข้อความที่โปรแกรมร่างให้จะพิมพ์ในเอกสารจนกว่าจะแก้ไข เมื่อแก้แล้วจะบันทึกทันที")
SHORT_NAMES = {"title": "ชื่อเรื่อง", "intro": "บทนำ", "closing": "บทสรุป", "tool:IIT": "หัวข้อ IIT",
               "tool:EIT": "หัวข้อ EIT", "tool:OIT": "หัวข้อ OIT"}  # in the undo menu
SCOPES = ("เฉพาะรายงานรอบนี้", "ใช้กับรายงานทุกรอบ")
STYLE = """
QPlainTextEdit[draft="true"] { background: #f3f6fa; color: #3f4f66; }
QLabel#textState[draft="true"] { color: #9a5b00; }
QLabel#textState[draft="false"] { color: #1d6b35; font-weight: bold; }
QLabel#textTooLong { color: #b00020; font-weight: bold; }
QPlainTextEdit[tooLong="true"] { border: 2px solid #b00020; }
"""


class TextCommand(QtGui.QUndoCommand):
    """Some own-text changes of one document; typing in one part merges into one step until the burst ends."""

    def __init__(self, text: str, apply: Callable[[TextDocument, list[TextChange]], None], document: TextDocument,
                 changes: list[TextChange], merge_key: str | None = None) -> None:
        super().__init__(text)
        self.apply, self.document, self.changes, self.merge_key = apply, document, changes, merge_key

    def redo(self) -> None:
        self.apply(self.document, self.changes)

    def undo(self) -> None:
        self.apply(self.document, [c.reversed() for c in reversed(self.changes)])

    def id(self) -> int:
        return TEXT_COMMAND_ID if self.merge_key else -1

    def mergeWith(self, other: QtGui.QUndoCommand) -> bool:
        if not isinstance(other, TextCommand) or other.merge_key != self.merge_key:
            return False
        first, last = self.changes[0], other.changes[0]
        self.changes = [TextChange(first.key, first.before, last.after)]
        unchanged = (first.before is None and last.after is None) or (
            first.before is not None and last.after is not None and first.before.text == last.after.text)
        self.setObsolete(unchanged)
        return True


class TextEdit(QtWidgets.QPlainTextEdit):
    """A multi-line editor that says when the clerk leaves it (QPlainTextEdit has no editingFinished)."""

    left = QtCore.Signal()

    def focusOutEvent(self, event: QtGui.QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class PartEditor(QtWidgets.QWidget):
    """One part: its name, whether it is the draft or the office's text, the editor and the way back."""

    left = QtCore.Signal(str)  # the clerk left the part's editor: save, and the typing burst ends

    def __init__(self, part: str, lines: int, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.part = part
        self.loading = False
        self.scoped = False  # a progress report's part: the clerk picks this round only or every round
        self.burst = 0
        self.too_long = False  # the editor holds a text past MAX_TEXT_CHARS that was not saved
        name = QtWidgets.QLabel(PART_NAMES[part])
        name.setObjectName("sectionHeading")
        self.state = QtWidgets.QLabel()
        self.state.setObjectName("textState")
        self.notice = QtWidgets.QLabel()  # why the text is not saved (past the cap); shown only then
        self.notice.setObjectName("textTooLong")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.scope = QtWidgets.QComboBox()
        self.scope.setObjectName(f"scope_{part}")
        self.scope.addItems(SCOPES)
        self.scope.setToolTip("ข้อความนี้ใช้กับรายงานรอบนี้เท่านั้น หรือกับรายงานทุกรอบของปีนี้")
        self.reset = QtWidgets.QPushButton("กลับไปใช้ข้อความที่โปรแกรมร่าง")
        self.reset.setObjectName(f"reset_{part}")
        self.accept = QtWidgets.QPushButton(ACCEPT_LABEL)
        self.accept.setObjectName(f"accept_{part}")
        self.accept.setToolTip("ตรวจแล้ว ใช้ข้อความนี้เป็นข้อความของหน่วยงาน (ไม่เป็นร่างอีกต่อไป)")
        self.edit = TextEdit()
        self.edit.setObjectName(f"text_{part}")
        self.edit.setPlaceholderText("(ไม่มีข้อความ — ส่วนนี้จะไม่พิมพ์ในเอกสาร พิมพ์ที่นี่เพื่อเพิ่ม)")
        self.edit.setTabChangesFocus(True)
        self.edit.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.edit.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line_height = self.edit.fontMetrics().lineSpacing()
        self.edit.setFixedHeight(line_height * lines + 18)
        self.timer = QtCore.QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(IDLE_SAVE_MS)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(name)
        top.addWidget(self.state, 1)
        top.addWidget(self.scope)
        top.addWidget(self.accept)
        top.addWidget(self.reset)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self._changed)
        self.edit.left.connect(self._left)

    def _left(self) -> None:
        self.left.emit(self.part)

    def _changed(self) -> None:
        if not self.loading:
            self.timer.start()

    def show_text(self, text: str, is_draft: bool, scope_every: bool | None, force: bool = True) -> None:
        """Show what the document prints for the part (an equal text is left alone, so the cursor stays; typing
        not yet saved is kept unless ``force``)."""
        self.loading = True
        try:
            if force:
                self.timer.stop()
            if self.edit.toPlainText() != text and not self.timer.isActive() and not self.too_long:
                self.edit.setPlainText(text)
            for widget in (self.edit, self.state):
                widget.setProperty("draft", is_draft)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
            self.state.setText(DRAFT_STATE if is_draft else OWN_STATE)
            self.reset.setVisible(not is_draft)
            self.accept.setVisible(is_draft and bool(text.strip()))
            self.scoped = scope_every is not None
            self.scope.setVisible(self.scoped)
            if scope_every is not None:
                self.scope.setCurrentIndex(1 if scope_every else 0)
        finally:
            self.loading = False

    def every_round(self) -> bool:
        return self.scoped and self.scope.currentIndex() == 1

    def mark_too_long(self, length: int | None) -> None:
        """Say at the part that its text (``length`` characters) is past the cap and not saved; None: it is not."""
        self.too_long = length is not None
        self.edit.setProperty("tooLong", self.too_long)
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)
        self.notice.setText(too_long_message(length) if length is not None else "")
        self.notice.setVisible(self.too_long)


class TextsPage(QtWidgets.QWidget):
    """Choose a document (tabs), then edit its parts; every change is one undoable command."""

    message = QtCore.Signal(str)

    def __init__(self, undo_stack: QtGui.QUndoStack, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.editor: DocumentEditor | None = None
        self.plan: YearPlan | None = None
        self.documents: list[TextDocument] = []
        self.shown: TextDocument | None = None  # the document whose parts the editors hold
        self.every_round: dict[str, bool] = {}  # the clerk's scope choice per part, before she writes a text
        self.setStyleSheet(STYLE)
        heading = QtWidgets.QLabel("ข้อความในเอกสาร")
        heading.setObjectName("pageHeading")
        self.tabs = QtWidgets.QTabBar()
        self.tabs.setObjectName("textDocuments")
        self.tabs.setExpanding(False)
        self.tabs.currentChanged.connect(self._document_chosen)
        hint = QtWidgets.QLabel(HINT)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.parts: dict[str, PartEditor] = {}
        body = QtWidgets.QWidget()
        body_layout = QtWidgets.QVBoxLayout(body)
        for part, lines in (("title", 6), ("intro", 8), ("closing", 4)):
            body_layout.addWidget(self._part(part, lines))
        tools_heading = QtWidgets.QLabel("หัวข้อส่วนตามแบบวัด (พิมพ์เหนือมาตรการของแต่ละแบบวัด)")
        tools_heading.setObjectName("sectionHeading")
        body_layout.addWidget(tools_heading)
        for part in own_texts.TOOL_PARTS:
            body_layout.addWidget(self._part(part, 1))
        body_layout.addStretch(1)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)

    def _part(self, part: str, lines: int) -> PartEditor:
        editor = PartEditor(part, lines, self)
        self.parts[part] = editor
        editor.timer.timeout.connect(lambda: self.save_part(part))
        editor.left.connect(self._left)
        editor.reset.clicked.connect(lambda: self.back_to_draft(part))
        editor.accept.clicked.connect(lambda: self.accept_draft(part))
        editor.scope.activated.connect(lambda index: self.set_scope(part, index == 1))
        return editor

    def _left(self, part: str) -> None:
        self.save_part(part)
        self.parts[part].burst += 1  # leaving the editor ends the typing burst

    # -- loading ---------------------------------------------------------------------------------------------
    def load(self, editor: DocumentEditor, plan: YearPlan) -> None:
        """Show one year's texts (after opening, a year switch, a merge or a restore)."""
        shown = self.document()
        for part in self.parts.values():
            part.timer.stop()
            part.mark_too_long(None)  # another year, or the file as a merge or restore left it: shown as it is
        self.editor, self.plan = editor, plan
        self._fill_tabs(shown)

    def unload(self) -> None:
        """The document is closing: nothing more is saved from here (what was typed is already committed)."""
        for part in self.parts.values():
            part.timer.stop()
        self.editor, self.plan, self.shown = None, None, None

    def _fill_tabs(self, keep: TextDocument | None) -> None:
        assert self.plan is not None
        self.documents = own_texts.text_documents(self.plan)
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        for document in self.documents:
            self.tabs.addTab(document.label)
        index = next((i for i, d in enumerate(self.documents) if keep and (d.kind, d.round) == (keep.kind, keep.round)),
                     0)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        self.shown = self.documents[index]
        self.refresh()

    def document(self) -> TextDocument | None:
        """The document shown."""
        return self.shown

    def choose(self, kind: str, round_: int | None = None) -> None:
        """Show a document's texts (tests and the undo of a change made on another document use this)."""
        index = next(i for i, d in enumerate(self.documents) if (d.kind, d.round) == (kind, round_))
        self.tabs.setCurrentIndex(index)

    def _document_chosen(self, index: int) -> None:
        self.commit()  # what was typed belongs to the document shown until now
        held = self.holding_too_long()
        if held is not None and self.shown in self.documents:  # stay, so the over-long text is not lost
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(self.documents.index(self.shown))
            self.tabs.blockSignals(False)
            self.message.emit(f"{PART_NAMES[held]}: {self.parts[held].notice.text()}")
            return
        self.shown = self.documents[index] if 0 <= index < len(self.documents) else None
        for widget in self.parts.values():
            widget.burst += 1
        self.refresh()

    def refresh(self, forced: set[str] | None = None) -> None:
        """Show each part of the chosen document as it prints: own text, else the generated draft (typing not yet
        saved stays, except in the ``forced`` parts; all parts when None)."""
        document = self.document()
        if document is None or self.editor is None or self.plan is None:
            return
        for part, widget in self.parts.items():
            own = own_texts.shown_text(self.plan, document, part)
            scope = None if document.kind != "progress" else (
                own.round is None if own is not None else self.every_round.get(part, False))
            text = own.text if own is not None else own_texts.draft(self.editor, self.plan, document, part)
            widget.show_text(text, own is None, scope, forced is None or part in forced)

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        """Coming back to the page: the drafts follow what changed elsewhere (organization, rounds, progress)."""
        super().showEvent(event)
        if self.plan is not None:
            self.commit()
            if [(d.kind, d.round) for d in own_texts.text_documents(self.plan)] != [
                    (d.kind, d.round) for d in self.documents]:
                self._fill_tabs(self.document())
            else:
                self.refresh()

    # -- changes ---------------------------------------------------------------------------------------------
    def holding_too_long(self) -> str | None:
        """The first part whose editor holds a text past the cap (not saved), or None."""
        return next((part for part, widget in self.parts.items() if widget.too_long), None)

    def commit(self) -> None:
        """Save what is typed but not yet saved (before a year switch, an export, closing)."""
        for part, widget in self.parts.items():
            if widget.timer.isActive():
                self.save_part(part)

    def _key(self, document: TextDocument, part: str) -> own_texts.TextKey:
        every = document.kind == "progress" and self.parts[part].every_round()
        return document.kind, None if every else document.round, part

    def save_part(self, part: str) -> None:
        """The editor's text becomes the office's own (if it differs from what the document prints)."""
        widget, document = self.parts[part], self.document()
        widget.timer.stop()
        if document is None or self.editor is None or self.plan is None or widget.edit.isReadOnly():
            return
        text = widget.edit.toPlainText()
        if len(text) > MAX_TEXT_CHARS:  # refused at the part; the editor keeps all of it
            widget.mark_too_long(len(text))
            self.message.emit(f"{PART_NAMES[part]}: {too_long_message(len(text))}")
            return
        was_too_long = widget.too_long
        widget.mark_too_long(None)
        own = own_texts.shown_text(self.plan, document, part)
        printed = own.text if own is not None else own_texts.draft(self.editor, self.plan, document, part)
        if text == printed:
            if was_too_long:
                self.refresh(forced={part})  # its state again
            return
        key = self._key(document, part)
        change = own_texts.typed(self.plan, key, text)
        self.undo_stack.push(TextCommand(f"แก้ไข{SHORT_NAMES[part]}", self._apply, document, [change],
                                         merge_key=f"{key}#{widget.burst}"))

    def accept_draft(self, part: str) -> None:
        """The clerk has read the draft and keeps it: it becomes the office's own text (one undoable step)."""
        document = self.document()
        if document is None or self.editor is None or self.plan is None:
            return
        self.parts[part].timer.stop()
        if own_texts.shown_text(self.plan, document, part) is not None:
            return
        text = self.parts[part].edit.toPlainText()  # the draft as shown (or as she has just changed it)
        key = self._key(document, part)
        self.parts[part].burst += 1
        self.undo_stack.push(TextCommand(f"ใช้ข้อความร่าง ({SHORT_NAMES[part]})", self._apply, document,
                                         [own_texts.typed(self.plan, key, text)]))

    def back_to_draft(self, part: str) -> None:
        """Delete the office's text of the part: the document prints the generated draft again."""
        document = self.document()
        if document is None or self.plan is None:
            return
        self.parts[part].timer.stop()
        changes = own_texts.back_to_draft(self.plan, document, part)
        if changes:
            self.parts[part].burst += 1
            self.undo_stack.push(TextCommand(f"กลับไปใช้ข้อความร่าง ({SHORT_NAMES[part]})", self._apply,
                                             document, changes))

    def set_scope(self, part: str, every_round: bool) -> None:
        """A progress report's text for this round only, or for every round (an own text moves with it)."""
        document = self.document()
        if document is None or self.plan is None:
            return
        self.save_part(part)
        self.every_round[part] = every_round
        changes = own_texts.rescoped(self.plan, document, part, every_round)
        self.parts[part].burst += 1
        if changes:
            what = "ใช้กับรายงานทุกรอบ" if every_round else "ใช้เฉพาะรายงานรอบนี้"
            self.undo_stack.push(TextCommand(f"{SHORT_NAMES[part]}: {what}", self._apply, document, changes))

    def _apply(self, document: TextDocument, changes: list[TextChange]) -> None:
        assert self.editor is not None and self.plan is not None
        own_texts.apply_changes(self.editor, self.plan, changes)
        shown = self.document()
        if shown is None or (shown.kind, shown.round) != (document.kind, document.round):
            self.choose(document.kind, document.round)  # show where the change (or its undo) happened
        else:
            self.refresh(forced={c.key[2] for c in changes})
        self.message.emit("บันทึกแล้ว")

