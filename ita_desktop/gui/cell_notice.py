"""A note shown at a cell, where the clerk is looking: why a typed value was refused (the editor stays open
with the text to fix) or what is wrong with the cell just reached. Gone as soon as it no longer applies."""

from __future__ import annotations

from ita_desktop.gui.qt import Qt, QtCore, QtWidgets

STYLES = {
    "error": "background: #fdecea; color: #8c0015; border: 1px solid #b00020; border-radius: 3px; padding: 4px;",
    "warning": "background: #fff4d6; color: #5c3d00; border: 1px solid #c98a00; border-radius: 3px; padding: 4px;",
}


class CellNotice(QtWidgets.QLabel):
    """A small label laid over a grid's viewport, just under (or above) one cell."""

    def __init__(self, viewport: QtWidgets.QWidget) -> None:
        super().__init__(viewport)
        self.setObjectName("cellNotice")
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.kind = ""
        self.hide()

    def show_at(self, cell: QtCore.QRect, text: str, kind: str = "error", below: QtCore.QRect | None = None) -> None:
        """Show ``text`` under ``cell`` (under ``below`` when an editor taller than the cell is open there)."""
        self.kind = kind
        self.setStyleSheet(f"QLabel#cellNotice {{ {STYLES[kind]} }}")
        self.setText(text)
        parent = self.parentWidget()
        assert parent is not None
        width = min(max(cell.width(), 280), max(parent.width() - 8, 120))
        self.setFixedWidth(width)
        self.adjustSize()
        anchor = below if below is not None else cell
        top = anchor.bottom() + 2
        if top + self.height() > parent.height():
            top = max(cell.top() - self.height() - 2, 0)
        left = min(max(cell.left(), 0), max(parent.width() - width, 0))
        self.move(left, top)
        self.show()
        self.raise_()

    def clear(self) -> None:
        self.kind = ""
        self.hide()
