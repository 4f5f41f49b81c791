"""A note shown at a cell, where the clerk is looking: why a typed value was refused (the editor stays open
with the text to fix) or what is wrong with the cell just reached. Gone as soon as it no longer applies."""

from __future__ import annotations

from ita_desktop.gui.qt import Qt, QtCore, QtWidgets

STYLES = {
    "error": "background: #fdecea; color: #8c0015; border: 1px solid #b00020; border-radius: 3px; padding: 4px;",
    "warning": "background: #fff4d6; color: #5c3d00; border: 1px solid #c98a00; border-radius: 3px; padding: 4px;",
}


class CellNotice(QtWidgets.QLabel):
    """A small label just under (or above, or beside) one cell of a grid's viewport. It lives on the window, not
    on the viewport, so a grid only three rows high (the indicators under the scores) can show it without
    covering the cell being edited."""

    def __init__(self, viewport: QtWidgets.QWidget) -> None:
        super().__init__(viewport)
        self.viewport = viewport
        self.setObjectName("cellNotice")
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.kind = ""
        self.hide()
        viewport.installEventFilter(self)  # on the window, it must still go when its grid is hidden (another page)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if watched is self.viewport and event.type() == QtCore.QEvent.Type.Hide:
            self.hide()
        return False

    def show_at(self, cell: QtCore.QRect, text: str, kind: str = "error", below: QtCore.QRect | None = None) -> None:
        """Show ``text`` under ``cell`` (under ``below`` when an editor taller than the cell is open there), in
        viewport coordinates; above it when there is no room below, beside it when there is none above either."""
        self.kind = kind
        self.setStyleSheet(f"QLabel#cellNotice {{ {STYLES[kind]} }}")
        self.setText(text)
        window = self.viewport.window()
        if self.parentWidget() is not window:
            self.setParent(window)
        origin = self.viewport.mapTo(window, QtCore.QPoint(0, 0))
        cell, anchor = cell.translated(origin), (below if below is not None else cell).translated(origin)
        width = min(max(cell.width(), 280), max(window.width() - 8, 120))
        self.setFixedWidth(width)
        self.adjustSize()
        left = min(max(cell.left(), 0), max(window.width() - width, 0))
        top = anchor.bottom() + 2
        if top + self.height() > window.height():
            top = cell.top() - self.height() - 2
            if top < 0:  # no room above or below: beside the cell, on whichever side has room
                top = max(min(cell.top(), window.height() - self.height()), 0)
                right = cell.right() + 4
                left = right if right + width <= window.width() else max(cell.left() - width - 4, 0)
        self.move(left, top)
        self.show()
        self.raise_()

    def clear(self) -> None:
        self.kind = ""
        self.hide()
