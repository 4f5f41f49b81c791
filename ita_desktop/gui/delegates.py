"""The one delegate of the grids: it opens the editor a cell's kind asks for and commits through the model.

Typed editors (indicator, units, rounds, status) hand the model a value; text editors hand it text, which
the model reads (and refuses with a Thai message when it cannot, leaving the cell as it was).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from ita_desktop.domain.model import Status
from ita_desktop.gui.editors import DateEditor, IndicatorsEditor, MultiLineEditor, RoundsEditor, UnitsEditor
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.gui.roles import CHOICES_ROLE, KIND_ROLE, URLS_ROLE, VALUE_ROLE
from ita_desktop.interchange.limits import MAX_TEXT_CHARS

Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex
Hint = QtWidgets.QAbstractItemDelegate.EndEditHint
TALL_EDITOR = 150


class GridDelegate(QtWidgets.QStyledItemDelegate):
    """Editors for every kind of cell in the measures and progress grids."""

    link_clicked = QtCore.Signal(str)
    hint = QtCore.Signal(str)  # how to use the editor just opened, for the status bar

    def __init__(self, indicators: Callable[[], list[tuple[int, str]]], units: Callable[[], list[str]],
                 parent: QtCore.QObject | None = None, groups: Callable[[], list[str]] | None = None,
                 fiscal_year: Callable[[], int | None] | None = None) -> None:
        super().__init__(parent)
        self.indicators, self.units = indicators, units
        self.groups = groups or list
        self.fiscal_year = fiscal_year or (lambda: None)

    # -- editors -------------------------------------------------------------------------------------------
    def createEditor(self, parent: QtWidgets.QWidget, option: QtWidgets.QStyleOptionViewItem,
                     index: Index) -> QtWidgets.QWidget:
        kind = index.data(KIND_ROLE)
        editor: QtWidgets.QWidget
        if kind == "indicator":  # none (a general measure), one or several
            indicators_editor = IndicatorsEditor(parent)
            for child in (indicators_editor.line, indicators_editor.list):
                child.installEventFilter(self)
            editor = indicators_editor
            self.hint.emit("ติ๊กตัวชี้วัดได้หลายข้อ หรือพิมพ์เลข เช่น ๒, ๓ (ว่าง = ไม่ระบุตัวชี้วัด) • Enter = บันทึก")
        elif kind == "group":  # the office's own heading: free text, the headings already used offered
            line = QtWidgets.QLineEdit(parent)
            completer = QtWidgets.QCompleter(self.groups(), line)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            line.setCompleter(completer)
            editor = line
            self.hint.emit("หัวข้อกลุ่มของหน่วยงานเอง (พิมพ์ใหม่ หรือเลือกหัวข้อที่ใช้แล้ว) • ว่าง = ไม่มีกลุ่ม")
        elif kind == "status":
            combo = QtWidgets.QComboBox(parent)
            for status in Status:
                combo.addItem(status.thai, status)
            combo.activated.connect(lambda _i, c=combo: self._finish(c, Hint.NoHint))
            editor = combo
        elif kind == "step":  # which step an entry reports on, or the whole measure
            combo = QtWidgets.QComboBox(parent)
            for label, value in index.data(CHOICES_ROLE) or []:
                combo.addItem(label, value)
            combo.activated.connect(lambda _i, c=combo: self._finish(c, Hint.NoHint))
            editor = combo
            self.hint.emit("เลือกขั้นตอนที่รายการนี้รายงาน หรือ “ทั้งมาตรการ” • Ctrl+Enter = เพิ่มรายการ")
        elif kind == "units":
            editor = UnitsEditor(parent)
            self.hint.emit("เลือกหน่วยงานได้หลายหน่วย: คลิกช่องสี่เหลี่ยม หรือกด Space • Enter = บันทึก")
        elif kind == "rounds":
            rounds_editor = RoundsEditor(parent)
            for box in rounds_editor.boxes.values():
                box.installEventFilter(self)
            editor = rounds_editor
        elif kind == "date":
            date_editor = DateEditor(parent)
            date_editor.fiscal_year = self.fiscal_year()
            date_editor.line.installEventFilter(self)
            editor = date_editor
            self.hint.emit("พิมพ์วันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 15/1/2567 หรือกด … (Alt+↓) เพื่อเลือกจากปฏิทิน")
        else:
            text_editor = MultiLineEditor(parent)
            text_editor.finished.connect(lambda _e, ed=text_editor: self._finish(ed, Hint.SubmitModelCache))
            editor = text_editor
            self.hint.emit("Enter = บันทึก • Shift+Enter = ขึ้นบรรทัดใหม่ (ต่อเลขข้อ/หัวข้อย่อยให้) • Esc = ยกเลิก")
        editor.setObjectName(f"editor_{kind}")
        return editor

    def _finish(self, editor: QtWidgets.QWidget, hint: Hint) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint)

    def setEditorData(self, editor: QtWidgets.QWidget, index: Index) -> None:
        value = index.data(VALUE_ROLE)
        if isinstance(editor, IndicatorsEditor):
            editor.set_indicators(self.indicators(), list(value or []))
        elif isinstance(editor, QtWidgets.QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()
        elif isinstance(editor, QtWidgets.QComboBox):
            found = editor.findData(value)
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, UnitsEditor):
            editor.set_units(self.units(), list(value or []))
        elif isinstance(editor, RoundsEditor):
            editor.set_rounds(list(value or []))
        elif isinstance(editor, DateEditor):
            editor.set_date(value)
        elif isinstance(editor, MultiLineEditor):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            if opened_by_typing(editor):
                editor.selectAll()  # the key typed replaces the text, as in Excel
            else:
                editor.moveCursor(QtGui.QTextCursor.MoveOperation.End)  # F2 / double-click: edit in place

    def setModelData(self, editor: QtWidgets.QWidget, model: QtCore.QAbstractItemModel, index: Index) -> None:
        typed = editor.toPlainText() if isinstance(editor, MultiLineEditor) else \
            editor.text() if isinstance(editor, QtWidgets.QLineEdit) else ""
        if len(typed) > MAX_TEXT_CHARS:  # refused at the cell, the editor kept open with all that was typed
            source = model.sourceModel() if isinstance(model, QtCore.QSortFilterProxyModel) else model
            signal = getattr(source, "message", None)
            if signal is not None:
                signal.emit(too_long_message(len(typed)))
            return
        if isinstance(editor, IndicatorsEditor):
            if editor.text() != editor.initial:  # unchanged: nothing to save (nor to refuse)
                model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QtWidgets.QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QtWidgets.QComboBox):
            model.setData(index, editor.currentData(), VALUE_ROLE)
        elif isinstance(editor, UnitsEditor):
            model.setData(index, editor.chosen(), VALUE_ROLE)
        elif isinstance(editor, RoundsEditor):
            model.setData(index, editor.rounds(), VALUE_ROLE)
        elif isinstance(editor, DateEditor):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, MultiLineEditor):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QtWidgets.QWidget, option: QtWidgets.QStyleOptionViewItem,
                             index: Index) -> None:
        """Editors sit at the top of the cell, get room to work, and stay inside the visible grid."""
        rect = QtCore.QRect(option.rect)
        if isinstance(editor, MultiLineEditor | UnitsEditor):
            rect.setHeight(max(rect.height(), TALL_EDITOR))
            rect.setWidth(max(rect.width(), 260))
        elif isinstance(editor, IndicatorsEditor):
            rect.setHeight(max(rect.height(), 230))
            rect.setWidth(max(rect.width(), 320))
        elif isinstance(editor, RoundsEditor):
            rect.setHeight(max(rect.height(), editor.sizeHint().height()))
            rect.setWidth(max(rect.width(), 120))
        else:  # one-line editors (date, combo): one line high, at the top of a tall row
            rect.setHeight(min(rect.height(), max(editor.sizeHint().height(), 30)))
            rect.setWidth(max(rect.width(), 150))
        parent = editor.parentWidget()
        if parent is not None:
            if rect.right() > parent.width():
                rect.moveRight(max(parent.width() - 1, rect.width() - 1))
            if rect.bottom() > parent.height():
                rect.moveBottom(max(parent.height() - 1, rect.height() - 1))
        editor.setGeometry(rect)

    # -- keys in composite editors (date, rounds): Tab / Enter / Esc act on the whole editor ------------------
    def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:
        parent = obj.parent() if isinstance(obj, QtWidgets.QWidget) else None
        if isinstance(parent, DateEditor | RoundsEditor | IndicatorsEditor):
            return self._child_key(parent, event)
        if (isinstance(obj, QtWidgets.QLineEdit) and event.type() == QtCore.QEvent.Type.KeyPress
                and cast(QtGui.QKeyEvent, event).key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not ((completer := obj.completer()) and (popup := completer.popup()) and popup.isVisible())):
            self._finish(obj, Hint.SubmitModelCache)  # at once, as the other editors (Qt's own is queued)
            return True
        return super().eventFilter(obj, event)

    def _child_key(self, parent: QtWidgets.QWidget, event: QtCore.QEvent) -> bool:
        """Keys pressed in a part of a composite editor (the base class would mistake the part for the editor)."""
        if event.type() == QtCore.QEvent.Type.KeyPress:
            key = cast(QtGui.QKeyEvent, event).key()
            if key == Qt.Key.Key_Tab:
                self._finish(parent, Hint.EditNextItem)
                return True
            if key == Qt.Key.Key_Backtab:
                self._finish(parent, Hint.EditPreviousItem)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._finish(parent, Hint.SubmitModelCache)
                return True
            if key == Qt.Key.Key_Escape:
                self.closeEditor.emit(parent, Hint.RevertModelCache)
                return True
            if key == Qt.Key.Key_Down and isinstance(parent, DateEditor) and (
                    cast(QtGui.QKeyEvent, event).modifiers() & Qt.KeyboardModifier.AltModifier):
                parent.show_calendar()
                return True
        return False

    # -- links -----------------------------------------------------------------------------------------------
    def initStyleOption(self, option: QtWidgets.QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if index.data(KIND_ROLE) == "urls":
            option.font.setUnderline(True)

    def editorEvent(self, event: QtCore.QEvent, model: QtCore.QAbstractItemModel,
                    option: QtWidgets.QStyleOptionViewItem, index: Index) -> bool:
        """A click on the text of an evidence link opens it; a click beside it just selects the cell."""
        if (event.type() == QtCore.QEvent.Type.MouseButtonRelease and index.data(KIND_ROLE) == "urls"
                and cast(QtGui.QMouseEvent, event).button() == Qt.MouseButton.LeftButton):
            url = self.link_at(option, index, cast(QtGui.QMouseEvent, event).position().toPoint())
            if url:
                self.link_clicked.emit(url)
                QtGui.QDesktopServices.openUrl(QtCore.QUrl(url))
                return True
        return super().editorEvent(event, model, option, index)

    @staticmethod
    def link_at(option: QtWidgets.QStyleOptionViewItem, index: Index, pos: QtCore.QPoint) -> str | None:
        urls: list[str] = list(index.data(URLS_ROLE) or [])
        rect: QtCore.QRect = option.rect
        metrics = QtGui.QFontMetrics(option.font)
        margin = 4
        line = (pos.y() - rect.top() - margin) // max(metrics.lineSpacing(), 1)
        if 0 <= line < len(urls):
            width = metrics.horizontalAdvance(urls[line])
            if rect.left() <= pos.x() <= rect.left() + margin + width:
                return urls[line]
        return None

    def sizeHint(self, option: QtWidgets.QStyleOptionViewItem, index: Index) -> QtCore.QSize:
        return super().sizeHint(option, index)


def too_long_message(length: int) -> str:
    """Why a cell refused a text: the same limit as an import (interchange.limits.MAX_TEXT_CHARS)."""
    return (f"ข้อความยาว {length:,} ตัวอักษร เกินกำหนด {MAX_TEXT_CHARS:,} ตัวอักษรต่อช่อง ยังไม่ได้บันทึก "
            "กรุณาตัดให้สั้นลง หรือแยกเป็นหลายขั้นตอน/หลายรายการ")


def opened_by_typing(editor: QtWidgets.QWidget) -> bool:
    """Whether the grid that owns ``editor`` opened it because a key was typed on the cell."""
    viewport = editor.parentWidget()
    view = viewport.parentWidget() if viewport is not None else None
    return bool(getattr(view, "typing_replaces", False))


def editor_value(editor: QtWidgets.QWidget) -> Any:
    """What an open editor holds (for tests and the status bar)."""
    if isinstance(editor, MultiLineEditor):
        return editor.toPlainText()
    if isinstance(editor, DateEditor):
        return editor.text()
    return None
