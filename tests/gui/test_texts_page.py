"""The text page: the office's own words per document and part, the generated draft until she writes them,
undo, "back to the generated text", a round's text against every round's, the tool headings, and a reload."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ita_desktop.domain.model import DocText, Tool
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.gui.texts_page import DRAFT_STATE, OWN_STATE, TextsPage
from ita_desktop.reports.texts import TOOL_SHORT, generated_text
from tests.gui.conftest import reopen
from tests.gui.helpers import type_text

SHOTS = Path("/tmp/ita-shots")


def path_of(window: MainWindow) -> Path:
    assert window.editor is not None
    return window.editor.path


def stored_texts(window: MainWindow) -> list[tuple[str, int | None, str, str]]:
    """The own texts the file holds (read by a fresh connection)."""
    year = reopen(path_of(window)).years[0]
    return [(t.document, t.round, t.part, t.text) for t in year.texts]


def page_on(window: MainWindow, kind: str, round_: int | None = None) -> TextsPage:
    window.go_to("texts")
    page = window.texts_page
    page.choose(kind, round_)
    return page


def type_into(page: TextsPage, part: str, text: str, replace: bool = True) -> QtWidgets.QPlainTextEdit:
    edit = page.parts[part].edit
    edit.setFocus()
    if replace:
        edit.selectAll()
    else:
        edit.moveCursor(edit.textCursor().MoveOperation.End)
    for i, line in enumerate(text.split("\n")):
        if i:
            for kind in (QtCore.QEvent.Type.KeyPress, QtCore.QEvent.Type.KeyRelease):  # Enter: a new paragraph
                QtWidgets.QApplication.sendEvent(edit, QtGui.QKeyEvent(kind, Qt.Key.Key_Return,
                                                                       Qt.KeyboardModifier.NoModifier, "\r"))
        type_text(edit, line)
    return edit


def leave(page: TextsPage, part: str) -> None:
    """What tabbing out of the editor does: a focus-out event."""
    QtWidgets.QApplication.sendEvent(page.parts[part].edit, QtCore.QEvent(QtCore.QEvent.Type.FocusOut))


def test_the_page_shows_the_generated_draft_marked_as_such(window: MainWindow) -> None:
    page = page_on(window, "plan")
    assert window.stack.currentWidget() is page
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "แผนมาตรการ", "รายงานผลรอบ 6 เดือน", "รายงานผลรอบ 12 เดือน", "รายงานการวิเคราะห์"]
    assert window.plan is not None
    document = reopen(path_of(window))
    draft = generated_text(document, document.years[0], "plan", "intro", None)
    assert draft and page.parts["intro"].edit.toPlainText() == draft
    assert page.parts["intro"].state.text() == DRAFT_STATE
    assert page.parts["intro"].edit.property("draft") is True
    assert page.parts["intro"].reset.isHidden()
    assert page.parts["intro"].scope.isHidden()  # a plan has no rounds
    assert page.parts["tool:EIT"].edit.toPlainText() == TOOL_SHORT[Tool.EIT]
    assert stored_texts(window) == []  # showing a draft stores nothing


def test_editing_the_intro_stores_the_office_text_and_undo_removes_it(window: MainWindow) -> None:
    page = page_on(window, "plan")
    type_into(page, "intro", "# ความเป็นมา\nองค์การบริหารส่วนตำบลได้ตระหนักถึงความสำคัญ")
    leave(page, "intro")
    assert stored_texts(window) == [("plan", None, "intro", "# ความเป็นมา\nองค์การบริหารส่วนตำบลได้ตระหนักถึงความสำคัญ")]
    assert page.parts["intro"].state.text() == OWN_STATE and not page.parts["intro"].reset.isHidden()
    type_into(page, "intro", " ต่อไป", replace=False)  # a second burst
    leave(page, "intro")
    assert stored_texts(window)[0][3].endswith("ความสำคัญ ต่อไป")
    window.undo_stack.undo()
    assert stored_texts(window)[0][3].endswith("ความสำคัญ")
    window.undo_stack.undo()  # the whole first burst, however many keys
    assert stored_texts(window) == []
    assert page.parts["intro"].state.text() == DRAFT_STATE
    assert page.parts["intro"].edit.toPlainText().startswith("ตามที่ได้ดำเนินการวิเคราะห์")
    window.undo_stack.redo()
    assert stored_texts(window)[0][3].endswith("ความสำคัญ")
    assert window.plan is not None and window.plan.text("plan", "intro") is not None


def test_a_short_pause_saves_without_leaving_the_editor(window: MainWindow, qtbot: QtBot) -> None:
    page = page_on(window, "analysis")
    type_into(page, "closing", "บัดนี้ได้ดำเนินการเรียบร้อยแล้ว")
    with qtbot.waitSignal(page.parts["closing"].timer.timeout, timeout=3000):
        pass
    assert stored_texts(window) == [("analysis", None, "closing", "บัดนี้ได้ดำเนินการเรียบร้อยแล้ว")]


def test_back_to_generated_shows_the_draft_and_the_file_holds_no_own_text(window: MainWindow) -> None:
    page = page_on(window, "plan")
    type_into(page, "title", "แผนของเราเอง")
    leave(page, "title")
    assert len(stored_texts(window)) == 1
    page.parts["title"].reset.click()
    assert stored_texts(window) == []
    assert page.parts["title"].edit.toPlainText().startswith("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    assert page.parts["title"].state.text() == DRAFT_STATE
    window.undo_stack.undo()  # the office's text comes back, in the same stored row
    assert stored_texts(window) == [("plan", None, "title", "แผนของเราเอง")]
    assert page.parts["title"].edit.toPlainText() == "แผนของเราเอง"


def test_a_round_6_text_does_not_show_in_round_12_but_an_every_round_text_does(window: MainWindow) -> None:
    page = page_on(window, "progress", 6)
    assert not page.parts["intro"].scope.isHidden() and page.parts["intro"].scope.currentIndex() == 0
    type_into(page, "intro", "รายงานรอบหกเดือนของเรา")
    leave(page, "intro")
    assert stored_texts(window) == [("progress", 6, "intro", "รายงานรอบหกเดือนของเรา")]
    page.choose("progress", 12)
    assert page.parts["intro"].edit.toPlainText() != "รายงานรอบหกเดือนของเรา"
    assert page.parts["intro"].state.text() == DRAFT_STATE
    assert "รอบ ๑๒ เดือน" in page.parts["intro"].edit.toPlainText()
    page.choose("progress", 6)
    page.parts["intro"].scope.setCurrentIndex(1)
    page.parts["intro"].scope.activated.emit(1)  # what choosing "ใช้กับรายงานทุกรอบ" sends
    assert stored_texts(window) == [("progress", None, "intro", "รายงานรอบหกเดือนของเรา")]
    page.choose("progress", 12)
    assert page.parts["intro"].edit.toPlainText() == "รายงานรอบหกเดือนของเรา"
    assert page.parts["intro"].scope.currentIndex() == 1
    window.undo_stack.undo()  # back to round 6 only; the page shows where the undo happened
    assert stored_texts(window) == [("progress", 6, "intro", "รายงานรอบหกเดือนของเรา")]
    assert page.document() is not None and page.document().round == 6  # type: ignore[union-attr]


def test_switching_documents_keeps_what_was_typed_in_the_first(window: MainWindow) -> None:
    page = page_on(window, "plan")
    type_into(page, "closing", "ขอให้ทุกส่วนราชการถือปฏิบัติ")
    page.tabs.setCurrentIndex(3)  # the analysis, clicked before the pause ran out
    assert stored_texts(window) == [("plan", None, "closing", "ขอให้ทุกส่วนราชการถือปฏิบัติ")]
    assert page.parts["closing"].edit.toPlainText() == ""


def test_the_tool_section_wording_is_stored_per_document(window: MainWindow) -> None:
    page = page_on(window, "progress", 12)
    type_into(page, "tool:OIT", "แบบตรวจการเปิดเผยข้อมูลสาธารณะ")
    leave(page, "tool:OIT")
    assert stored_texts(window) == [("progress", 12, "tool:OIT", "แบบตรวจการเปิดเผยข้อมูลสาธารณะ")]
    page.choose("plan")
    assert page.parts["tool:OIT"].edit.toPlainText() == TOOL_SHORT[Tool.OIT]


def test_a_reload_after_a_merge_shows_what_the_file_now_holds(window: MainWindow) -> None:
    page = page_on(window, "analysis")
    assert window.editor is not None and window.plan is not None
    window.editor.repo.save_text(window.plan.id, DocText("analysis", None, "intro", "ข้อความจากอีกเครื่อง"))
    window.sync._reload()  # what a merge or a restore ends with
    assert window.texts_page.document() is not None
    assert window.texts_page.document().kind == "analysis"  # type: ignore[union-attr]
    assert page.parts["intro"].edit.toPlainText() == "ข้อความจากอีกเครื่อง"
    assert page.parts["intro"].state.text() == OWN_STATE


def test_the_drafts_follow_the_organization_when_the_page_is_shown_again(window: MainWindow) -> None:
    page = page_on(window, "plan")
    window.go_to("org")
    name = window.profile_page.fields["name"].widget
    name.setFocus()
    name.selectAll()
    type_text(name, "เทศบาลตำบลทดสอบ")
    window.go_to("texts")
    assert "เทศบาลตำบลทดสอบ" in page.parts["title"].edit.toPlainText()
    assert stored_texts(window) == []


def test_screenshot_of_the_text_page(window: MainWindow) -> None:
    page = page_on(window, "progress", 6)
    type_into(page, "intro", "# ความเป็นมา\nตามที่องค์การบริหารส่วนตำบลได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส")
    leave(page, "intro")
    QtWidgets.QApplication.processEvents()  # the page's layout, requested when it was shown, is done
    assert page.tabs.isVisible() and page.tabs.height() > 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "texts.png"))
