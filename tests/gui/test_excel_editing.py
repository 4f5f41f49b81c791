"""Excel's editing model in every grid, driven by real key and mouse events: typing replaces, F2 and a
double-click edit in place, Enter / Tab move, Esc cancels, Delete clears in one undo step; the plan grid
has the keyboard when a document opens; the first columns stay in view while scrolling sideways."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ita_desktop.gui.editors import MultiLineEditor
from ita_desktop.gui.grid_view import GridView
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.measures_model import COLUMN_OF
from ita_desktop.gui.qt import Qt, QtCore, QtWidgets
from ita_desktop.gui.record_pages import SignatoriesPage
from tests.gui.conftest import reopen
from tests.gui.helpers import double_click

TITLE = COLUMN_OF["title"]


def path_of(window: MainWindow) -> Path:
    assert window.editor is not None
    return window.editor.path


def focused_grid(window: MainWindow, qtbot: QtBot, view: GridView, row: int, column: int) -> None:
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is view)
    view.setCurrentIndex(view.model().index(row, column))


def type_on_cell(qtbot: QtBot, view: GridView, text: str) -> None:
    """Type on the current cell: the first key opens the editor, the rest go where the focus is then."""
    qtbot.keyClicks(view, text[0])
    qtbot.keyClicks(QtWidgets.QApplication.focusWidget(), text[1:])


def test_the_plan_grid_has_the_keyboard_with_its_first_cell_current(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    window.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is view)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, 0)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().column() == TITLE


def test_typing_over_a_filled_text_cell_replaces_it(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    old = reopen(path_of(window)).years[0].measures[1].title
    assert old
    focused_grid(window, qtbot, view, 1, TITLE)
    type_on_cell(qtbot, view, "New title")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Return)
    assert reopen(path_of(window)).years[0].measures[1].title == "New title"
    assert view.currentIndex().row() == 2 and view.state() != view.State.EditingState  # Enter went down
    assert view.model().index(1, TITLE).data() == "New title"


def test_f2_and_double_click_edit_in_place_and_esc_cancels(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    old = reopen(path_of(window)).years[0].measures[0].title
    focused_grid(window, qtbot, view, 0, TITLE)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.keyClicks(QtWidgets.QApplication.focusWidget(), " X")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Return)
    assert reopen(path_of(window)).years[0].measures[0].title == old + " X"

    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    frozen = view.frozen  # the title is in the frozen part, on top of the grid: the clerk clicks there
    double_click(frozen.viewport(), frozen.visualRect(view.model().index(0, TITLE)).center())
    assert view.state() == view.State.EditingState and view.currentIndex().column() == TITLE
    editor = QtWidgets.QApplication.focusWidget()
    assert isinstance(editor, MultiLineEditor)
    assert editor.toPlainText() == old + " X"  # in place: the text kept
    assert editor.isVisible() and not frozen.isVisible()  # the overlay lifts while its cell is edited
    qtbot.keyClicks(editor, "Y")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert reopen(path_of(window)).years[0].measures[0].title == old + " X"  # Esc kept the cell as it was
    assert view.state() != view.State.EditingState and frozen.isVisible()

    rect = view.visualRect(view.model().index(1, COLUMN_OF["guideline"]))
    double_click(view.viewport(), rect.center())  # a scrolling column
    assert view.state() == view.State.EditingState and view.currentIndex().column() == COLUMN_OF["guideline"]
    assert frozen.isVisible()  # editing a scrolling column keeps the measure in view


def test_tab_moves_right_in_the_row_without_opening_the_next_editor(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    focused_grid(window, qtbot, view, 3, TITLE)
    type_on_cell(qtbot, view, "Tabbed")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert reopen(path_of(window)).years[0].measures[3].title == "Tabbed"
    assert (view.currentIndex().row(), view.currentIndex().column()) == (3, TITLE + 1)
    assert view.state() != view.State.EditingState
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == TITLE + 2


def test_tab_from_the_last_signatory_column_leaves_the_next_row_alone(window: MainWindow, qtbot: QtBot) -> None:
    window.go_to("signatories")
    page = window.signatories_page
    assert isinstance(page, SignatoriesPage)
    view = page.list.view
    before = reopen(path_of(window)).years[0].signatories
    assert len(before) >= 2
    last = view.model().columnCount() - 1  # the signing date
    focused_grid(window, qtbot, view, 0, last)
    type_on_cell(qtbot, view, "5/4/2567")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    after = reopen(path_of(window)).years[0].signatories
    assert after[0].signed_on == date(2024, 4, 5)
    assert after[1].role == before[1].role  # the next row's role untouched
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, last)
    assert view.state() != view.State.EditingState


def test_typing_over_a_signatory_name_replaces_it(window: MainWindow, qtbot: QtBot) -> None:
    window.go_to("signatories")
    view = window.signatories_page.list.view
    focused_grid(window, qtbot, view, 0, 1)
    type_on_cell(qtbot, view, "Somchai")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)  # Qt's line editor commits queued
    assert reopen(path_of(window)).years[0].signatories[0].name == "Somchai"


def test_delete_clears_in_one_step_and_records_nothing_when_nothing_changes(window: MainWindow,
                                                                            qtbot: QtBot) -> None:
    view = window.measures_page.view
    focused_grid(window, qtbot, view, 0, COLUMN_OF["indicators"])
    assert reopen(path_of(window)).years[0].measures[0].indicators
    view.selectionModel().clearSelection()
    steps = window.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # nothing selected: nothing happens
    assert window.undo_stack.count() == steps

    view.selectionModel().select(view.currentIndex(), view.selectionModel().SelectionFlag.ClearAndSelect)
    window.statusBar().clearMessage()
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # an indicator cell: cleared, no bogus message
    assert reopen(path_of(window)).years[0].measures[0].indicators == []
    assert "ไม่พบ" not in window.statusBar().currentMessage()
    assert window.undo_stack.count() == steps + 1
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # already empty: no empty undo step
    assert window.undo_stack.count() == steps + 1

    model = view.model()
    top, bottom = model.index(1, COLUMN_OF["guideline"]), model.index(2, COLUMN_OF["monitoring"])
    view.selectionModel().select(QtCore.QItemSelection(top, bottom),
                                 view.selectionModel().SelectionFlag.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    measures = reopen(path_of(window)).years[0].measures
    assert measures[1].monitoring == "" and measures[2].guideline == "" and measures[2].steps == []
    assert window.undo_stack.count() == steps + 2
    window.act_undo.trigger()  # one Ctrl+Z brings the whole block back
    measures = reopen(path_of(window)).years[0].measures
    assert measures[1].monitoring and measures[2].steps


def test_delete_on_cells_that_cannot_be_empty_leaves_no_undo_step(window: MainWindow, qtbot: QtBot) -> None:
    window.go_to("signatories")
    view = window.signatories_page.list.view
    focused_grid(window, qtbot, view, 0, 0)  # the role is required
    view.selectionModel().select(view.currentIndex(), view.selectionModel().SelectionFlag.ClearAndSelect)
    steps = window.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.undo_stack.count() == steps and not window.undo_stack.canRedo()


def test_typing_over_a_progress_result_replaces_it(window: MainWindow, qtbot: QtBot) -> None:
    from ita_desktop.gui.progress_model import COLUMN_OF as PROGRESS_COLUMN

    window.go_to("progress", 6)
    view = window.progress_page.view
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, PROGRESS_COLUMN["result"]).data())
    focused_grid(window, qtbot, view, row, PROGRESS_COLUMN["result"])
    type_on_cell(qtbot, view, "Done")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Return)
    assert model.index(row, PROGRESS_COLUMN["result"]).data() == "Done"


def test_the_first_columns_stay_in_view_while_scrolling_sideways(window: MainWindow, qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    view = window.measures_page.view
    frozen = view.frozen
    qtbot.waitUntil(frozen.isVisible)
    assert frozen.shown_count() == 3
    bar = view.horizontalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    assert frozen.isVisible() and frozen.geometry().left() <= view.verticalHeader().width() + view.frameWidth()
    title = frozen.model().index(0, TITLE)
    assert frozen.visualRect(title).isValid() and frozen.visualRect(title).left() >= 0  # still shown
    assert frozen.indexAt(frozen.visualRect(title).center()) == title
    assert frozen.selectionModel() is view.selectionModel()
    # a click on a frozen cell makes it current in the grid, which keeps the keyboard
    qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=frozen.visualRect(title).center())
    assert view.currentIndex().row() == 0 and view.currentIndex().column() == TITLE
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the next column is scrolled out from under the frozen part
    right = view.visualRect(view.currentIndex())
    assert right.left() >= frozen.width() - 4
    # rows scroll together
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert frozen.verticalScrollBar().value() == view.verticalScrollBar().value()
    window.grab().save(str(tmp_path / "frozen.png"))
    assert (tmp_path / "frozen.png").stat().st_size > 0


def test_a_refused_date_keeps_its_editor_open_with_the_reason_at_the_cell(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    old = reopen(path_of(window)).years[0].measures[1].end
    column = COLUMN_OF["end"]
    focused_grid(window, qtbot, view, 1, column)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    line = QtWidgets.QApplication.focusWidget()
    assert isinstance(line, QtWidgets.QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "end of January")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert view.state() == view.State.EditingState and line.isVisible()  # not thrown away
    assert line.text() == "end of January" and QtWidgets.QApplication.focusWidget() is line
    assert view.notice.isVisible() and view.notice.kind == "error" and view.notice.text()
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, column)  # the cursor stayed
    assert reopen(path_of(window)).years[0].measures[1].end == old
    line.selectAll()
    qtbot.keyClicks(line, "31/1/2567")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert reopen(path_of(window)).years[0].measures[1].end == date(2024, 1, 31)
    assert view.state() != view.State.EditingState and not view.notice.isVisible()
    assert view.currentIndex().row() == 2


def test_a_refused_score_stays_to_be_fixed_and_esc_gives_it_up(window: MainWindow, qtbot: QtBot) -> None:
    window.go_to("assessment")
    view = window.assessment_page.view
    focused_grid(window, qtbot, view, 0, 2)
    before = view.model().index(0, 2).data()
    type_on_cell(qtbot, view, "120")
    editor = QtWidgets.QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(view.notice.isVisible)  # Qt's line editor commits queued
    assert "100" in view.notice.text() and view.state() == view.State.EditingState
    assert isinstance(editor, QtWidgets.QWidget)
    shown = QtCore.QRect(editor.mapTo(window, QtCore.QPoint(0, 0)), editor.size())
    notice = QtCore.QRect(view.notice.mapTo(window, QtCore.QPoint(0, 0)), view.notice.size())
    assert not shown.intersects(notice)  # the note never covers the value being fixed (a grid 3 rows high)
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert view.state() != view.State.EditingState and not view.notice.isVisible()
    assert view.model().index(0, 2).data() == before


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_the_calendar_of_an_empty_cell_opens_in_the_fiscal_year_on_screen(window: MainWindow,
                                                                          qtbot: QtBot) -> None:
    from ita_desktop.gui.editors import DateEditor

    model = window.measures_model
    assert model is not None
    model.edit(0, "start", None)
    view = window.measures_page.view
    focused_grid(window, qtbot, view, 0, COLUMN_OF["start"])
    qtbot.keyClick(view, Qt.Key.Key_F2)
    line = QtWidgets.QApplication.focusWidget()
    editor = line.parentWidget() if line is not None else None
    assert isinstance(editor, DateEditor) and line is not None
    qtbot.keyClick(line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = editor.popup
    assert popup is not None and popup.isVisible()
    shown = popup.calendar.selected_date()
    assert date(2023, 10, 1) <= shown <= date(2024, 9, 30)  # fiscal year 2567, not wherever today is
    assert popup.calendar.year.value() in (2566, 2567)  # พ.ศ.
    screen = popup.screen().availableGeometry()
    assert screen.contains(popup.frameGeometry())  # every day of the month on screen
    popup.calendar.set_date(date(2023, 10, 1))
    table = popup.calendar.calendar.findChild(QtWidgets.QTableView)
    assert table is not None
    cells = table.model()
    last = cells.rowCount() - 1  # the sixth week: 31 ธันวาคม 2566 is in it; it was cut in half
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()
    day_one = next(cells.index(r, c) for r in range(1, cells.rowCount()) for c in range(cells.columnCount())
                   if str(cells.index(r, c).data()) in ("1", "๑") and r < 3)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(day_one).center())
    assert not popup.isVisible()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert reopen(path_of(window)).years[0].measures[0].start == date(2023, 10, 1)  # 1 ต.ค. 2566, a Sunday


def test_a_drop_down_is_moved_to_stay_on_the_screen() -> None:
    from ita_desktop.gui.editors import popup_position

    screen = QtCore.QRect(0, 0, 1366, 768)
    size = QtCore.QSize(320, 260)
    field = QtCore.QSize(150, 30)
    assert popup_position(QtCore.QPoint(100, 100), field, size, screen) == QtCore.QPoint(100, 130)  # below
    right = popup_position(QtCore.QPoint(1300, 100), field, size, screen)
    assert right.x() + size.width() <= 1366  # not off the right edge (Friday and Saturday visible)
    low = popup_position(QtCore.QPoint(100, 700), field, size, screen)
    assert low.y() == 700 - 260  # above the field when there is no room below


def test_a_read_only_grid_neither_clears_nor_pastes(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    before = reopen(path_of(window)).years[0].measures
    focused_grid(window, qtbot, view, 0, TITLE)
    view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)  # as a locked document has it
    view.selectionModel().select(view.currentIndex(), view.selectionModel().SelectionFlag.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    mime = QtCore.QMimeData()
    mime.setText("x\ty\r\n")
    QtWidgets.QApplication.clipboard().setMimeData(mime)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert reopen(path_of(window)).years[0].measures == before and window.undo_stack.count() == 0
