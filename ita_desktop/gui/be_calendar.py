"""A calendar in the Buddhist era: Qt has no Buddhist calendar system, so the month/year header is ours.

QCalendarWidget draws the days (Thai day names from the Thai locale); its own Gregorian navigation bar is
hidden and replaced by a Thai month list and a พ.ศ. year box.
"""

from __future__ import annotations

from datetime import date

from ita_desktop.gui.qt import Qt, QtCore, QtWidgets
from ita_desktop.thai.calendar import be_year, ce_year, month_names


class BeCalendar(QtWidgets.QWidget):
    """Pick a day; the year is shown and typed in พ.ศ."""

    picked = QtCore.Signal(object)  # datetime.date

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("beCalendar")
        self.previous = QtWidgets.QToolButton()
        self.next = QtWidgets.QToolButton()
        for button, text, tip in ((self.previous, "‹", "เดือนก่อน"), (self.next, "›", "เดือนถัดไป")):
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
        self.month = QtWidgets.QComboBox()
        self.month.addItems([month_names()[m] for m in range(1, 13)])
        self.year = QtWidgets.QSpinBox(minimum=2400, maximum=2700, prefix="พ.ศ. ")
        self.calendar = QtWidgets.QCalendarWidget()
        self.calendar.setNavigationBarVisible(False)
        self.calendar.setLocale(QtCore.QLocale(QtCore.QLocale.Language.Thai, QtCore.QLocale.Country.Thailand))
        self.calendar.setVerticalHeaderFormat(QtWidgets.QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setGridVisible(True)
        # Qt sizes the grid from Latin metrics; the Thai UI font is taller, and the sixth week was cut in half
        row = self.calendar.fontMetrics().height() + 10
        self.calendar.setMinimumHeight(7 * row + 4)  # the weekday names and six weeks
        header = QtWidgets.QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous, self.month, self.year, self.next):
            header.addWidget(widget)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addWidget(self.calendar)
        self.previous.clicked.connect(lambda: self._step(-1))
        self.next.clicked.connect(lambda: self._step(1))
        self.month.currentIndexChanged.connect(self._header_changed)
        self.year.valueChanged.connect(self._header_changed)
        self.calendar.currentPageChanged.connect(self._page_changed)
        self.calendar.clicked.connect(self._clicked)
        self.calendar.activated.connect(self._clicked)
        self.set_date(date.today())

    def set_date(self, day: date) -> None:
        self.calendar.setSelectedDate(QtCore.QDate(day.year, day.month, day.day))
        self.calendar.setCurrentPage(day.year, day.month)
        self._page_changed(day.year, day.month)

    def selected_date(self) -> date:
        qd = self.calendar.selectedDate()
        return date(qd.year(), qd.month(), qd.day())

    def _step(self, months: int) -> None:
        if months < 0:
            self.calendar.showPreviousMonth()
        else:
            self.calendar.showNextMonth()

    def _header_changed(self) -> None:
        self.calendar.setCurrentPage(ce_year(self.year.value()), self.month.currentIndex() + 1)

    def _page_changed(self, year: int, month: int) -> None:
        for widget in (self.month, self.year):
            widget.blockSignals(True)
        self.month.setCurrentIndex(month - 1)
        self.year.setValue(be_year(year))
        for widget in (self.month, self.year):
            widget.blockSignals(False)

    def _clicked(self, qd: QtCore.QDate) -> None:
        self.picked.emit(date(qd.year(), qd.month(), qd.day()))


class CalendarPopup(QtWidgets.QFrame):
    """The calendar as a drop-down under a date cell."""

    picked = QtCore.Signal(object)

    def __init__(self, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.calendar = BeCalendar(self)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)
        self.calendar.picked.connect(self._picked)

    def _picked(self, day: date) -> None:
        self.picked.emit(day)
        self.close()
