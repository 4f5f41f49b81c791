"""The library page (issue 15): browse, search, preview adapted to the office, insert into the plan as one
undoable step, keep a plan measure in the office's library, and "ร่างแผนจากผลคะแนน" as one undoable step."""

from __future__ import annotations

from pathlib import Path

from ita_desktop.gui.library_labels import DRAFT_LABEL
from ita_desktop.gui.library_page import OWN_MARK
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.library.store import OFFICE_LIBRARY_NAME, load_office, shipped
from tests.gui.conftest import reopen


def path_of(window: MainWindow) -> Path:
    assert window.editor is not None
    return window.editor.path


def titles_in_file(window: MainWindow) -> list[str]:
    year = reopen(path_of(window)).years[0]
    return [m.title for m in year.measures]


def test_browse_by_tool_indicator_and_search(window: MainWindow) -> None:
    window.go_to("library")
    page = window.library_page
    assert window.stack.currentWidget() is page
    assert page.list.count() == len(shipped())
    page.tool_combo.setCurrentIndex(page.tool_combo.findData("OIT"))
    assert [page.indicator_combo.itemData(i) for i in range(page.indicator_combo.count())] == [None, 9, 10]
    assert page.shown and all(m.indicator in (9, 10) for m in page.shown)
    page.indicator_combo.setCurrentIndex(page.indicator_combo.findData(9))
    assert page.shown and {m.indicator for m in page.shown} == {9}
    page.tool_combo.setCurrentIndex(0)
    page.indicator_combo.setCurrentIndex(0)
    page.search.setText("No Gift")
    assert page.shown and all("no gift" in m.text().casefold() for m in page.shown)
    page.search.setText("ไม่มีคำนี้แน่นอน")
    assert page.list.count() == 0 and not page.insert_button.isEnabled()


def test_preview_reads_as_the_offices_measure(window: MainWindow) -> None:
    page = window.library_page
    page.search.setText("{office}")  # the entries whose texts name the office
    assert page.shown
    page.list.setCurrentRow(0)
    text = page.preview.toPlainText()
    assert "{office}" not in text
    assert "องค์การบริหารส่วนตำบลบ้านตัวอย่าง" in text and "\n1. " in text and "ที่มา:" in text  # Arabic, as the grid


def test_insert_into_the_plan_is_one_undoable_step(window: MainWindow) -> None:
    page = window.library_page
    before = titles_in_file(window)
    page.indicator_combo.setCurrentIndex(page.indicator_combo.findData(4))
    page.list.setCurrentRow(1)
    measure = page.insert_current()
    assert measure is not None and measure.indicators == [4] and measure.steps
    after = titles_in_file(window)
    assert after == [*before, measure.title]
    assert window.measures_model is not None and window.measures_model.rowCount() == len(after)
    window.undo_stack.undo()
    assert titles_in_file(window) == before
    window.undo_stack.redo()
    assert titles_in_file(window) == after


def test_save_the_current_plan_measure_to_the_offices_library(window: MainWindow, user_data: Path) -> None:
    window.go_to("plan")
    window.measures_page.select_source_row(1)
    assert window.measures_model is not None
    chosen = window.measures_model.measure_at(1)
    window.act_save_to_library.trigger()
    own, problems = load_office()
    assert not problems and [m.title for m in own] == [chosen.title]
    assert (user_data / OFFICE_LIBRARY_NAME).is_file()
    page = window.library_page
    assert page.shown[0].own and OWN_MARK in page.list.item(0).text()


def test_save_without_a_current_measure_says_so(window: MainWindow) -> None:
    window.library_page.current_measure = lambda: None
    assert not window.library_page.save_current_plan_measure()
    assert load_office() == ([], [])


def test_draft_from_the_scores_is_one_undo_step(window: MainWindow) -> None:
    before_titles = titles_in_file(window)
    before_texts = reopen(path_of(window)).years[0].texts
    assert not any(t.document == "analysis" for t in before_texts)
    assert window.act_draft.text() == DRAFT_LABEL
    index = window.undo_stack.index()
    window.act_draft.trigger()
    assert window.undo_stack.index() == index + 1
    year = reopen(path_of(window)).years[0]
    added = [m for m in year.measures if m.title not in before_titles]
    assert added
    low = {s.number for s in year.assessment.indicators if s.score is not None and s.score < 85} \
        if year.assessment else set()
    assert {n for m in added for n in m.indicators} <= low
    assert not any(t.document == "analysis" for t in year.texts)  # the analysis is a draft, not stored
    window.go_to("texts")
    window.texts_page.choose("analysis")
    intro = window.texts_page.parts["intro"]
    assert "(๙) การเปิดเผยข้อมูล" in intro.edit.toPlainText()
    assert intro.state.text().startswith("ร่าง") and intro.edit.property("draft") is True
    nine = next(m.title for m in added if 9 in m.indicators)
    assert nine in intro.edit.toPlainText()  # what the plan now does about it

    window.act_draft.trigger()  # a second time: nothing more
    assert window.undo_stack.index() == index + 1
    window.undo_stack.undo()
    year = reopen(path_of(window)).years[0]
    assert [m.title for m in year.measures] == before_titles
    assert not any(t.document == "analysis" for t in year.texts)
    assert nine not in window.texts_page.parts["intro"].edit.toPlainText()  # the draft follows the plan
    window.undo_stack.redo()
    assert len(reopen(path_of(window)).years[0].measures) == len(before_titles) + len(added)
