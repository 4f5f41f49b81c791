"""The analysis drafted from the scores in the window: marked "ร่าง" on the text page until the clerk accepts or
edits it, and the check before export warns while it is unreviewed (issue 15)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ita_desktop.gui.export_check import UNREVIEWED_DRAFT
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import Qt, QtCore, QtWidgets
from ita_desktop.gui.texts_page import ACCEPT_LABEL, OWN_STATE
from tests.gui.conftest import reopen
from tests.gui.test_texts_page import leave, type_into


def path_of(window: MainWindow) -> Path:
    assert window.editor is not None
    return window.editor.path


def check_on_the_assessment_page(window: MainWindow, qtbot: QtBot, click_draft: bool) -> list[str]:
    """File ▸ ตรวจเอกสาร on the assessment page (the analysis); the list's lines, the draft's clicked if asked."""
    window.go_to("assessment")
    seen: list[str] = []

    def look() -> None:
        dialog = QtWidgets.QApplication.activeModalWidget()
        assert isinstance(dialog, QtWidgets.QDialog) and dialog.objectName() == "exportCheck"
        problems = dialog.findChild(QtWidgets.QListWidget, "problemList")
        assert problems is not None
        seen.extend(problems.item(i).text() for i in range(problems.count()))
        item = next((problems.item(i) for i in range(problems.count()) if "ร่าง" in problems.item(i).text()), None)
        if click_draft and item is not None:
            qtbot.mouseClick(problems.viewport(), Qt.MouseButton.LeftButton, pos=problems.visualItemRect(item).center())
        else:
            dialog.reject()

    QtCore.QTimer.singleShot(0, look)
    window.act_check.trigger()
    return seen


def test_the_unreviewed_draft_is_marked_warned_of_and_accepted_with_one_click(window: MainWindow,
                                                                              qtbot: QtBot) -> None:
    seen = check_on_the_assessment_page(window, qtbot, click_draft=True)
    assert f"ข้อสังเกต: {UNREVIEWED_DRAFT}" in seen
    page = window.texts_page
    assert window.stack.currentWidget() is page  # the click went to the draft
    shown = page.document()
    assert shown is not None and shown.kind == "analysis"
    intro = page.parts["intro"]
    draft = intro.edit.toPlainText()
    assert "(๙) การเปิดเผยข้อมูล" in draft and intro.state.text().startswith("ร่าง")
    assert intro.accept.isVisible() and intro.accept.text() == ACCEPT_LABEL
    before = window.undo_stack.index()
    qtbot.mouseClick(intro.accept, Qt.MouseButton.LeftButton)
    assert window.undo_stack.index() == before + 1
    own = reopen(path_of(window)).years[0].text("analysis", "intro")
    assert own is not None and own.text == draft  # accepted as written: the office's text from now on
    assert intro.state.text() == OWN_STATE and not intro.accept.isVisible()
    assert not any("ร่าง" in s for s in check_on_the_assessment_page(window, qtbot, click_draft=False))
    window.undo_stack.undo()  # a draft again, warned of again
    assert reopen(path_of(window)).years[0].text("analysis", "intro") is None
    assert f"ข้อสังเกต: {UNREVIEWED_DRAFT}" in check_on_the_assessment_page(window, qtbot, click_draft=False)


def test_an_edited_draft_is_the_offices_text_and_no_longer_warned_of(window: MainWindow, qtbot: QtBot,
                                                                      tmp_path: Path) -> None:
    window.go_to("texts")
    window.texts_page.choose("analysis")
    intro = window.texts_page.parts["intro"]
    assert intro.edit.property("draft") is True
    assert window.grab().save(str(tmp_path / "analysis-draft.png"))
    type_into(window.texts_page, "intro", " ตรวจแล้ว", replace=False)
    leave(window.texts_page, "intro")  # leaving the editor saves
    own = reopen(path_of(window)).years[0].text("analysis", "intro")
    assert own is not None and own.text.endswith(" ตรวจแล้ว")
    assert intro.state.text() == OWN_STATE
    assert not any("ร่าง" in s for s in check_on_the_assessment_page(window, qtbot, click_draft=False))
