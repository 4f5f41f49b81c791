"""A text longer than the limit of one cell (the import's: 100,000 characters) is refused at the cell, in Thai,
with the editor kept open holding everything that was typed or pasted; a shorter text is then saved."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ita_desktop.gui.editors import MultiLineEditor
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import Qt, QtWidgets
from ita_desktop.interchange.limits import MAX_TEXT_CHARS
from tests.gui.conftest import reopen
from tests.gui.test_excel_editing import TITLE, focused_grid, path_of


def test_a_text_past_the_cell_limit_is_refused_at_the_cell_and_kept_in_the_editor(window: MainWindow,
                                                                                  qtbot: QtBot) -> None:
    view = window.measures_page.view
    old = reopen(path_of(window)).years[0].measures[0].title
    focused_grid(window, qtbot, view, 0, TITLE)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QtWidgets.QApplication.focusWidget()
    assert isinstance(editor, MultiLineEditor)
    pasted = "ประชุมชี้แจง " * (MAX_TEXT_CHARS // 13 + 1)
    clipboard = QtWidgets.QApplication.clipboard()
    assert clipboard is not None
    clipboard.setText(pasted)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    typed = editor.toPlainText()
    assert len(typed) > MAX_TEXT_CHARS
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.state() == view.State.EditingState and editor.isVisible()  # not thrown away
    assert editor.toPlainText() == typed  # nothing typed is lost
    assert view.notice.isVisible() and view.notice.kind == "error"
    assert "เกินกำหนด 100,000 ตัวอักษรต่อช่อง" in view.notice.text()
    assert reopen(path_of(window)).years[0].measures[0].title == old
    clipboard.setText("ประชุมชี้แจง")  # QTest types ASCII only: Thai arrives by paste, as it often does
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert reopen(path_of(window)).years[0].measures[0].title == "ประชุมชี้แจง"
    assert view.state() != view.State.EditingState and not view.notice.isVisible()
