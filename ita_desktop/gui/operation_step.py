"""A whole-document write (a merge, an import) as one step of the window's undo stack, and the question asked
before it is undone.

The write is already in the file, so the step's redo does nothing; its undo hands over to the window, which asks
first (naming every edit made since, which would go with it) and then restores the backup taken before the write
(sync.operation_undo holds the rule; this module only words it in Thai and shows it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ita_desktop.gui.qt import QtCore, QtGui, QtWidgets
from ita_desktop.sync.merge_summary import ChangeSummary
from ita_desktop.sync.operation_undo import IMPORT, MERGE, OperationUndo


@dataclass(frozen=True)
class Wording:
    """How the window names one kind of write: 'การรวมไฟล์' / 'การนำเข้า', the state before it, and the object
    names of the question's box and buttons (what tests and screen readers find)."""

    what: str
    action: str
    before: str
    since: str
    box: str
    confirm: str
    keep: str


WORDING = {
    MERGE: Wording("การรวมไฟล์", "เลิกทำการรวม", "ก่อนรวม", "หลังการรวม", "undoMergeBox", "confirmUndoMerge", "keepMerge"),
    IMPORT: Wording("การนำเข้า", "เลิกทำการนำเข้า", "ก่อนนำเข้า", "หลังการนำเข้า", "undoImportBox", "confirmUndoImport",
                    "keepImport"),
}


def step_text(undo: OperationUndo) -> str:
    """The undo stack's name of the step: Edit ▸ 'เลิกทำ การนำเข้า แผนปี ๖๖.docx'."""
    return f"{WORDING[undo.kind].what} {undo.source}"


def done_text(undo: OperationUndo) -> str:
    """The status line once it is undone."""
    w = WORDING[undo.kind]
    return f"เลิกทำ{w.what} {undo.source} แล้ว: เอกสารกลับเป็นสภาพ{w.before}"


def bullet_lines(summary: ChangeSummary) -> str:
    return "\n".join(f"• {line}" for line in summary.lines())


class OperationCommand(QtGui.QUndoCommand):
    """The write as one step of the undo stack: it is already in the file (redo does nothing); undoing it asks
    the clerk first, so the question is asked once control is back in the event loop."""

    def __init__(self, undo: OperationUndo, ask: Callable[[], None]) -> None:
        super().__init__(step_text(undo))
        self.ask = ask

    def redo(self) -> None:
        pass

    def undo(self) -> None:
        QtCore.QTimer.singleShot(0, self.ask)


def undo_question_box(undo: OperationUndo, edits: ChangeSummary, parent: QtWidgets.QWidget) -> QtWidgets.QMessageBox:
    """The question before a write is undone; a warning naming the edits made since, which go with it."""
    w = WORDING[undo.kind]
    when = f"{undo.backup.taken_at:%H:%M} น."
    text = f"เลิกทำ{w.what} {undo.source} ?\nเอกสารจะกลับเป็นสภาพ{w.before} (สำรองไว้เมื่อ {when})"
    if edits:
        text += (f"\n\nคำเตือน: {w.since}มีการแก้ไขต่อไปนี้ ซึ่งจะหายไปจากเอกสารด้วย:\n" + bullet_lines(edits)
                 + "\n\nสภาพปัจจุบัน (รวมการแก้ไขเหล่านี้) จะถูกสำรองไว้ก่อน เรียกคืนได้ที่ ไฟล์ ▸ ไฟล์สำรองและการกู้คืน")
    else:
        text += "\nสภาพปัจจุบันจะถูกสำรองไว้ก่อน จึงย้อนกลับได้"
    icon = QtWidgets.QMessageBox.Icon.Warning if edits else QtWidgets.QMessageBox.Icon.Question
    box = QtWidgets.QMessageBox(icon, w.action, text, QtWidgets.QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(w.box)
    box.addButton(w.action, QtWidgets.QMessageBox.ButtonRole.DestructiveRole).setObjectName(w.confirm)
    cancel = box.addButton("ยกเลิก", QtWidgets.QMessageBox.ButtonRole.RejectRole)
    cancel.setObjectName(w.keep)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box
