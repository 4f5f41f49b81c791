"""Opening real cell editors through the view and its delegate, as a clerk's double-click does."""

from __future__ import annotations

from ita_desktop.gui.grid_view import GridView
from ita_desktop.gui.qt import QtWidgets


def open_editor(view: GridView, row: int, column: int) -> QtWidgets.QWidget:
    """Make (row, column) current and open its editor (F2); returns the editor widget."""
    model = view.model()
    assert model is not None
    index = model.index(row, column)
    view.setCurrentIndex(index)
    view.scrollTo(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert editor is not None, "no editor opened"
    return editor


def type_text(widget: QtWidgets.QWidget, text: str) -> None:
    """Type ``text`` key by key, as a Thai keyboard layout delivers it (QTest only knows ASCII keys)."""
    from ita_desktop.gui.qt import Qt, QtCore, QtGui

    for ch in text:
        for kind in (QtCore.QEvent.Type.KeyPress, QtCore.QEvent.Type.KeyRelease):
            event = QtGui.QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
            QtWidgets.QApplication.sendEvent(widget, event)


def double_click(widget: QtWidgets.QWidget, pos: object) -> None:
    """A left double-click at ``pos`` as the window system delivers it (press, release, double-click, release);
    QTest.mouseDClick does not produce the double-click event on the offscreen platform."""
    from ita_desktop.gui.qt import Qt, QtCore, QtGui

    point = QtCore.QPointF(pos)  # type: ignore[call-overload]
    Type = QtCore.QEvent.Type
    for kind in (Type.MouseButtonPress, Type.MouseButtonRelease, Type.MouseButtonDblClick, Type.MouseButtonRelease):
        held = Qt.MouseButton.NoButton if kind == Type.MouseButtonRelease else Qt.MouseButton.LeftButton
        event = QtGui.QMouseEvent(kind, point, widget.mapToGlobal(point), Qt.MouseButton.LeftButton, held,
                                  Qt.KeyboardModifier.NoModifier)
        QtWidgets.QApplication.sendEvent(widget, event)


def answer_dialog(name: str, button: str, tries: int = 300) -> list[str]:
    """Click the button named ``button`` of the dialog named ``name`` once it shows (a modal dialog runs its own
    loop and would block the test); returns the texts of the dialogs answered, once it is done."""
    from PySide6.QtTest import QTest

    from ita_desktop.gui.qt import Qt, QtCore

    answered: list[str] = []

    def click(left: int = tries) -> None:
        for widget in QtWidgets.QApplication.topLevelWidgets():
            if widget.objectName() == name and widget.isVisible():
                target = widget.findChild(QtWidgets.QAbstractButton, button)
                assert target is not None, f"no button {button} in {name}"
                text = widget.text() if isinstance(widget, QtWidgets.QMessageBox) else widget.windowTitle()
                answered.append(text)
                QTest.mouseClick(target, Qt.MouseButton.LeftButton)
                return
        if left:
            QtCore.QTimer.singleShot(10, lambda: click(left - 1))

    QtCore.QTimer.singleShot(0, click)
    return answered
