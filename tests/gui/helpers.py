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
