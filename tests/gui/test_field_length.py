"""The organization form and the text page hold at most what a grid cell does (100,000 characters): a longer
text pasted in is refused at the field in Thai, kept whole in the field (Qt's own 32,767 cut no longer applies),
never saved, and a shorter one is then saved as usual."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import Qt, QtCore, QtWidgets
from ita_desktop.interchange.limits import MAX_TEXT_CHARS
from tests.gui.conftest import reopen

LONG = "องค์การบริหารส่วนตำบล " * (MAX_TEXT_CHARS // 22 + 1)
REFUSED = "เกินกำหนด 100,000 ตัวอักษรต่อช่อง ยังไม่ได้บันทึก"


def path_of(window: MainWindow) -> Path:
    assert window.editor is not None
    return window.editor.path


def paste(qtbot: QtBot, widget: QtWidgets.QWidget, text: str) -> None:
    """Select all, then Ctrl+V: how a long text arrives (QTest types ASCII only)."""
    clipboard = QtWidgets.QApplication.clipboard()
    assert clipboard is not None
    clipboard.setText(text)
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_an_organization_name_past_the_limit_is_refused_at_the_field_and_kept(window: MainWindow,
                                                                              qtbot: QtBot) -> None:
    window.go_to("org")
    field = window.profile_page.fields["name"].widget
    old = reopen(path_of(window)).organization.name
    field.setFocus()
    messages: list[str] = []
    window.profile_page.message.connect(messages.append)
    paste(qtbot, field, LONG)
    assert field.text() == LONG and len(LONG) > MAX_TEXT_CHARS  # all of it, past Qt's 32,767 too
    assert field.property("invalid") is True and REFUSED in field.toolTip()
    notice = window.profile_page.notice
    assert notice.isVisible() and REFUSED in notice.text() and notice.text().startswith("ชื่อหน่วยงาน")
    assert messages and REFUSED in messages[-1] and messages[-1].startswith("ชื่อหน่วยงาน")
    assert reopen(path_of(window)).organization.name == old
    field.editingFinished.emit()  # leaving the field keeps what is in it
    assert field.text() == LONG
    paste(qtbot, field, "องค์การบริหารส่วนตำบลทดสอบ")
    assert reopen(path_of(window)).organization.name == "องค์การบริหารส่วนตำบลทดสอบ"
    assert field.property("invalid") is False and field.toolTip() == "" and not notice.isVisible()


def test_a_text_part_past_the_limit_is_refused_at_the_part_kept_and_the_page_stays(window: MainWindow,
                                                                                   qtbot: QtBot) -> None:
    window.go_to("texts")
    page = window.texts_page
    page.choose("plan")
    edit = page.parts["intro"].edit
    edit.setFocus()
    paste(qtbot, edit, LONG)
    QtWidgets.QApplication.sendEvent(edit, QtCore.QEvent(QtCore.QEvent.Type.FocusOut))  # leaving saves, or says no
    assert edit.toPlainText() == LONG
    notice = page.parts["intro"].notice
    assert REFUSED in notice.text() and notice.isVisible()
    assert not [t for t in reopen(path_of(window)).years[0].texts if t.part == "intro"]
    shown = page.document()
    page.tabs.setCurrentIndex(1)  # to another document: refused while the text would be lost
    assert page.document() is shown and page.tabs.currentIndex() == 0
    page.refresh()  # coming back to the page reloads every part, but not over the text not saved
    assert edit.toPlainText() == LONG
    edit.setFocus()
    paste(qtbot, edit, "คำนำของหน่วยงาน")
    QtWidgets.QApplication.sendEvent(edit, QtCore.QEvent(QtCore.QEvent.Type.FocusOut))
    assert [t.text for t in reopen(path_of(window)).years[0].texts if t.part == "intro"] == ["คำนำของหน่วยงาน"]
    assert not notice.isVisible()
    page.tabs.setCurrentIndex(1)
    assert page.tabs.currentIndex() == 1
