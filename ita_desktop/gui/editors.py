"""Cell editors the grids open: multi-line text, Buddhist-era date, units and rounds pickers."""

from __future__ import annotations

import re
from datetime import date

from ita_desktop.gui.be_calendar import CalendarPopup
from ita_desktop.gui.formatting import date_text, indicators_text, parse_date
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.paths import resource
from ita_desktop.thai.calendar import ROUNDS, fiscal_year_range
from ita_desktop.thai.digits import to_arabic_digits

_NUMBERED = re.compile(r"^(\s*)([0-9๐-๙]+)((?:[.)]\s*))")
_BULLET = re.compile(r"^(\s*)([-•*–]\s+)")
_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def continuation(line: str) -> str:
    """What a new line after ``line`` should start with: the next number, or the same bullet."""
    numbered = _NUMBERED.match(line)
    if numbered:
        indent, number, punct = numbered.groups()
        thai = number[0] in _THAI_DIGITS
        value = int(number.translate(str.maketrans(_THAI_DIGITS, "0123456789"))) + 1
        text = str(value).translate(str.maketrans("0123456789", _THAI_DIGITS)) if thai else str(value)
        return f"{indent}{text}{punct}"
    bullet = _BULLET.match(line)
    return f"{bullet.group(1)}{bullet.group(2)}" if bullet else ""


class MultiLineEditor(QtWidgets.QPlainTextEdit):
    """Text with lines kept as typed. Enter finishes; Shift+Enter (or Alt+Enter, as in Excel) starts a new
    line, continuing a numbered or bulleted list."""

    finished = QtCore.Signal(bool)  # True when finished by Enter (the grid then moves down)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            if mods & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
                line = self.textCursor().block().text()
                self.textCursor().insertText("\n" + continuation(line))
                return
            self.finished.emit(True)
            return
        super().keyPressEvent(event)


class DateEditor(QtWidgets.QWidget):
    """A date typed as วัน/เดือน/ปี พ.ศ. (Thai or Arabic digits), or picked from a พ.ศ. calendar."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.line = QtWidgets.QLineEdit(self)
        self.line.setPlaceholderText("วว/ดด/ปปปป")
        self.line.setFrame(False)
        self.button = QtWidgets.QToolButton(self)
        self.button.setIcon(QtGui.QIcon(str(resource("icons", "calendar.svg"))))
        self.button.setText("…")
        self.button.setToolTip("เลือกจากปฏิทิน (พ.ศ.)")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.popup: CalendarPopup | None = None
        self.fiscal_year: int | None = None  # the document's year (พ.ศ.): where an empty cell's calendar opens
        self.button.clicked.connect(self.show_calendar)

    def set_date(self, day: date | None) -> None:
        self.line.setText(f"{day.day}/{day.month}/{day.year + 543}" if day else "")
        self.line.selectAll()

    def text(self) -> str:
        return self.line.text()

    def show_calendar(self) -> None:
        """Drop the พ.ศ. calendar down on the cell's date, or, when the cell is empty, inside the document's
        fiscal year (today when today is in it, else its first day); kept wholly on the screen."""
        self.popup = CalendarPopup(self)
        try:
            current = parse_date(self.line.text())
        except ValueError:
            current = None
        self.popup.calendar.set_date(current or self.default_date())
        self.popup.picked.connect(self._picked)
        self.popup.ensurePolished()
        self.popup.adjustSize()
        self.popup.move(popup_position(self.mapToGlobal(QtCore.QPoint(0, 0)), self.size(), self.popup.size(),
                                       self.screen().availableGeometry()))
        self.popup.show()
        frame = self.popup.frameGeometry()  # the size as shown (style, frame) can differ from the hint
        place = popup_position(self.mapToGlobal(QtCore.QPoint(0, 0)), self.size(), frame.size(),
                               self.screen().availableGeometry())
        self.popup.move(self.popup.pos() + (place - frame.topLeft()))

    def default_date(self) -> date:
        """Where the calendar opens on an empty cell."""
        if self.fiscal_year is None:
            return date.today()
        first, last = fiscal_year_range(self.fiscal_year)
        return date.today() if first <= date.today() <= last else first

    def _picked(self, day: date) -> None:
        self.set_date(day)
        self.line.setFocus()
        self.setToolTip(date_text(day))


def popup_position(anchor: QtCore.QPoint, field: QtCore.QSize, popup: QtCore.QSize,
                   screen: QtCore.QRect) -> QtCore.QPoint:
    """Top-left of a drop-down for a field at ``anchor``: under it, or above it when there is no room below,
    moved left or up as needed so that all of it is on ``screen`` (every day of the month clickable)."""
    x, y = anchor.x(), anchor.y() + field.height()
    if y + popup.height() > screen.bottom() + 1 and anchor.y() - popup.height() >= screen.top():
        y = anchor.y() - popup.height()
    x = max(screen.left(), min(x, screen.right() + 1 - popup.width()))
    y = max(screen.top(), min(y, screen.bottom() + 1 - popup.height()))
    return QtCore.QPoint(x, y)


class CheckList(QtWidgets.QListWidget):
    """A list of ticks; Space ticks or unticks the current item."""

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.currentItem():
            item = self.currentItem()
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)


class UnitsEditor(CheckList):
    """Tick the responsible units; units already on the measure but not in the list are kept and shown."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(180)

    def set_units(self, known: list[str], chosen: list[str]) -> None:
        self.clear()
        for name in known + [u for u in chosen if u not in known]:
            item = QtWidgets.QListWidgetItem(name, self)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
        if self.count():
            self.setCurrentRow(0)

    def chosen(self) -> list[str]:
        items = [self.item(i) for i in range(self.count())]
        return [it.text() for it in items if it.checkState() == Qt.CheckState.Checked]


class RoundsEditor(QtWidgets.QWidget):
    """Tick the rounds (3/6/9/12 months) a measure is reported in."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(0)
        self.boxes = {r: QtWidgets.QCheckBox(f"{r} เดือน", self) for r in ROUNDS}
        for box in self.boxes.values():
            layout.addWidget(box)
        self.setFocusProxy(self.boxes[ROUNDS[0]])

    def set_rounds(self, rounds: list[int]) -> None:
        for r, box in self.boxes.items():
            box.setChecked(r in rounds)

    def rounds(self) -> list[int]:
        return [r for r, box in self.boxes.items() if box.isChecked()]


class IndicatorsEditor(QtWidgets.QWidget):
    """The indicators a measure answers — none, one or several: tick them in the year's list, or type their
    numbers ("๒, ๓"; empty = none). The line and the ticks follow each other; the line is what is saved."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.line = QtWidgets.QLineEdit(self)
        self.line.setPlaceholderText("เลขตัวชี้วัด เช่น ๒, ๓ (ว่าง = ไม่ระบุตัวชี้วัด)")
        self.list = CheckList(self)
        self.list.setMinimumHeight(180)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.line)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.line)
        self.initial = ""
        self.order: list[int] = []  # ticked numbers in the order the clerk chose them
        self.list.itemChanged.connect(self._ticked)
        self.line.textEdited.connect(self._typed)

    def set_indicators(self, choices: list[tuple[int, str]], chosen: list[int]) -> None:
        """Offer the year's indicators (and any chosen one the year lacks), ticking ``chosen``."""
        self.list.blockSignals(True)
        self.list.clear()
        known = {n for n, _ in choices}
        for number, label in choices + [(n, f"{n} (ไม่มีในปีนี้)") for n in chosen if n not in known]:
            item = QtWidgets.QListWidgetItem(label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if number in chosen else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.order = list(chosen)
        self.initial = indicators_text(chosen)
        self.line.setText(self.initial)
        self.line.selectAll()  # typing replaces, as in a spreadsheet

    def text(self) -> str:
        return self.line.text()

    def chosen(self) -> list[int]:
        return list(self.order)

    def _items(self) -> list[QtWidgets.QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _ticked(self, item: QtWidgets.QListWidgetItem) -> None:
        number = int(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked and number not in self.order:
            self.order.append(number)
        elif item.checkState() != Qt.CheckState.Checked and number in self.order:
            self.order.remove(number)
        self.line.setText(indicators_text(self.order))

    def _typed(self, text: str) -> None:
        self.order = list(dict.fromkeys(int(n) for n in re.findall(r"\d+", to_arabic_digits(text))))
        self.list.blockSignals(True)
        for item in self._items():
            ticked = int(item.data(Qt.ItemDataRole.UserRole)) in self.order
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
