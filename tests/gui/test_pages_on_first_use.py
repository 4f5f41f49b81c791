"""Pages are built when they are first shown (issue 18: the window on a 2,000-measure document builds only the page
it shows). A page first opened after a change of year, or after an edit made elsewhere, shows the document as it is
then, just as a page built at start and filled at every change did."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ita_desktop.gui.editors import MultiLineEditor
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.measures_model import COLUMN_OF
from ita_desktop.gui.qt import Qt
from tests.gui.conftest import reopen
from tests.gui.helpers import open_editor, type_text


def choose_year(window: MainWindow, year: int) -> None:
    combo = window.year_combo
    combo.setCurrentIndex(combo.findData(year))
    combo.activated.emit(combo.currentIndex())


def test_the_assessment_page_first_opened_after_a_year_switch_shows_that_year_then_follows_the_next(
        window: MainWindow) -> None:
    assert window.roll_over_to(2568)  # a new year without an assessment, shown
    window.go_to("assessment")
    page = window.assessment_page
    assert window.stack.currentWidget() is page
    assert (page.inputs["year"].text(), page.inputs["total"].text()) == ("2567", "")  # the new year's, empty
    choose_year(window, 2567)
    window.go_to("assessment")
    assert window.editor is not None
    stored = next(y for y in reopen(window.editor.path).years if y.fiscal_year == 2567).assessment
    assert stored is not None
    assert page.inputs["year"].text() == str(stored.year)
    assert float(page.inputs["total"].text()) == stored.total


def rename_in_plan(window: MainWindow, qtbot: QtBot, measure_id: str, title: str) -> None:
    window.go_to("plan")
    model = window.measures_model
    assert model is not None
    row = next(r for r in range(model.rowCount()) if model.measure_at(r).id == measure_id)
    editor = open_editor(window.measures_page.view, row, COLUMN_OF["title"])
    assert isinstance(editor, MultiLineEditor)
    editor.selectAll()
    type_text(editor, title)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def missing_shown(window: MainWindow) -> list[str]:
    window.go_to("round")
    page = window.round_page
    assert window.stack.currentWidget() is page
    return [page.missing_list.item(i).text() for i in range(page.missing_list.count())]


def test_the_round_page_counts_the_plan_as_edited_when_first_opened_and_when_opened_again(
        window: MainWindow, qtbot: QtBot) -> None:
    rename_in_plan(window, qtbot, "sample-measure-06", "มาตรการบริการด้วยใจ")  # its steps are not reported yet
    shown = missing_shown(window)
    assert any(t.startswith("มาตรการบริการด้วยใจ — ขั้นตอนที่ 1") for t in shown)  # the title as just typed
    assert not any(t.startswith("มาตรการยกระดับคุณภาพการให้บริการ") for t in shown)
    rename_in_plan(window, qtbot, "sample-measure-06", "มาตรการบริการทันใจ")
    shown = missing_shown(window)
    assert any(t.startswith("มาตรการบริการทันใจ — ขั้นตอนที่ 1") for t in shown)
    assert not any(t.startswith("มาตรการบริการด้วยใจ") for t in shown)
