"""The progress grid of a round: status, result, done-on date and evidence links, saved and undone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ita_desktop.domain.model import Measure, Status
from ita_desktop.gui.editors import DateEditor, MultiLineEditor
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.measures_model import COLUMN_OF as PLAN_COLUMN_OF
from ita_desktop.gui.progress_model import COLUMN_OF
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.gui.roles import ERROR_BACKGROUND, STATUS_COLOURS
from tests.gui.conftest import reopen
from tests.gui.helpers import open_editor, type_text


def measures(window: MainWindow) -> list[Measure]:
    assert window.editor is not None
    return reopen(window.editor.path).years[0].measures


def path_of(window: MainWindow) -> Path:
    assert window.editor is not None
    return window.editor.path


@pytest.fixture
def round6(window: MainWindow) -> MainWindow:
    window.go_to("progress", 6)
    return window


def test_rows_are_steps_grouped_under_their_measure_with_a_summary(round6: MainWindow) -> None:
    model = round6.progress_page.model
    assert model is not None and model.round == 6
    assert model.index(0, COLUMN_OF["measure"]).data().startswith("ตัวชี้วัดที่ 1\nมาตรการสร้างค่านิยม")
    assert model.index(1, COLUMN_OF["measure"]).data() == ""  # same measure, next step
    assert model.index(1, COLUMN_OF["step"]).data().startswith("2. กำชับให้ปฏิบัติหน้าที่")
    assert round6.progress_page.summary.text() == "รอบ 6 เดือน: ดำเนินการแล้ว 10 จาก 22 ขั้นตอน"
    assert [round6.nav.item(i).text() for i in range(round6.nav.count())][4:6] == [
        "ผลการดำเนินการ รอบ 6 เดือน", "ผลการดำเนินการ รอบ 12 เดือน"]


def test_status_combo_colours_the_cell_updates_the_summary_and_undoes(round6: MainWindow) -> None:
    view = round6.progress_page.view
    editor = open_editor(view, 1, COLUMN_OF["status"])
    assert isinstance(editor, QtWidgets.QComboBox)
    assert [editor.itemText(i) for i in range(3)] == ["ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้ว"]
    editor.setCurrentIndex(2)
    editor.activated.emit(2)
    entry = measures(round6)[0].progress_for(6, 2)
    assert entry is not None and entry.status == Status.DONE
    cell = view.model().index(1, COLUMN_OF["status"])
    assert cell.data() == "ดำเนินการแล้ว"
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == STATUS_COLOURS["done"]
    assert round6.progress_page.summary.text() == "รอบ 6 เดือน: ดำเนินการแล้ว 11 จาก 22 ขั้นตอน"
    round6.act_undo.trigger()
    entry = measures(round6)[0].progress_for(6, 2)
    assert entry is not None and entry.status == Status.IN_PROGRESS
    assert round6.progress_page.summary.text().endswith("10 จาก 22 ขั้นตอน")


def test_first_result_for_a_step_creates_its_entry_and_undo_removes_it(round6: MainWindow, qtbot: QtBot) -> None:
    view = round6.progress_page.view
    assert measures(round6)[0].progress_for(6, 3) is None
    editor = open_editor(view, 2, COLUMN_OF["result"])
    assert isinstance(editor, MultiLineEditor)
    type_text(editor, "ประชุมพนักงานครั้งที่ ๑/๒๕๖๗")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    entry = measures(round6)[0].progress_for(6, 3)
    assert entry is not None and entry.result == "ประชุมพนักงานครั้งที่ ๑/๒๕๖๗" and entry.status == Status.PLANNED
    editor = open_editor(view, 2, COLUMN_OF["done_on"])
    assert isinstance(editor, DateEditor)
    type_text(editor.line, "5/3/2567")
    qtbot.keyClick(editor.line, Qt.Key.Key_Tab)
    entry = measures(round6)[0].progress_for(6, 3)
    assert entry is not None and entry.done_on == date(2024, 3, 5)
    assert view.currentIndex().column() == COLUMN_OF["outcome"]  # Tab moved on to the next cell
    round6.undo_stack.undo()
    round6.undo_stack.undo()
    assert measures(round6)[0].progress_for(6, 3) is None


def test_malformed_link_is_kept_but_marked_in_red_with_a_thai_reason(round6: MainWindow) -> None:
    model = round6.progress_page.model
    assert model is not None
    assert model.setData(model.index(0, COLUMN_OF["evidence_urls"]),
                         "https://www.lamliang.go.th/news/1\nwww.lamliang.go.th/ไม่มี http")
    cell = model.index(0, COLUMN_OF["evidence_urls"])
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_BACKGROUND
    assert "ลิงก์หลักฐานไม่ถูกต้อง: www.lamliang.go.th/ไม่มี http" in round6.statusBar().currentMessage()
    entry = measures(round6)[0].progress_for(6, 1)
    assert entry is not None
    assert entry.evidence_urls == ["https://www.lamliang.go.th/news/1", "www.lamliang.go.th/ไม่มี http"]


class LinkCatcher(QtCore.QObject):
    """Receives the URLs the window asks the desktop to open (Qt's own URL-handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @QtCore.Slot(QtCore.QUrl)
    def open(self, url: QtCore.QUrl) -> None:
        self.opened.append(url.toString())


def test_clicking_an_evidence_link_opens_it(round6: MainWindow, qtbot: QtBot) -> None:
    view = round6.progress_page.view
    model = view.model()
    index = model.index(0, COLUMN_OF["evidence_urls"])
    assert index.data() == "https://www.lamliang.go.th/news/meeting-2566-11"
    catcher = LinkCatcher()
    QtGui.QDesktopServices.setUrlHandler("https", catcher, "open")  # type: ignore[arg-type]
    try:
        view.scrollTo(index)
        rect = view.visualRect(index)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.topLeft() + QtCore.QPoint(30, 12))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.bottomRight() - QtCore.QPoint(4, 4))
    finally:
        QtGui.QDesktopServices.unsetUrlHandler("https")
    assert catcher.opened == ["https://www.lamliang.go.th/news/meeting-2566-11"]  # beside the text: no


def test_steps_added_in_the_plan_appear_in_the_round(round6: MainWindow) -> None:
    progress = round6.progress_page.model
    plan = round6.measures_model
    assert progress is not None and plan is not None
    rows = progress.rowCount()
    plan.edit(0, "steps", "\n".join([s.text for s in plan.measure_at(0).steps] + ["ขั้นตอนใหม่"]))
    assert progress.rowCount() == rows + 1
    assert progress.index(3, COLUMN_OF["step"]).data() == "4. ขั้นตอนใหม่"
    plan.edit(0, "rounds", [12])  # no longer reported at 6 months: what it reported then stays in that round
    assert progress.rowCount() == rows + 1
    assert progress.index(0, COLUMN_OF["result"]).data().startswith("จัดประชุมพนักงานประจำเดือนพฤศจิกายน")
    unreported = next(i for i, m in enumerate(plan.plan.measures) if not m.progress)
    steps = len(plan.measure_at(unreported).steps)
    plan.edit(unreported, "rounds", [12])  # nothing reported at 6 months: no longer part of that round
    assert progress.rowCount() == rows + 1 - steps
    assert round6.progress_page.summary.text() == f"รอบ 6 เดือน: ดำเนินการแล้ว 10 จาก {22 + 1 - steps} ขั้นตอน"


def test_paste_a_column_of_results_and_statuses_from_excel(round6: MainWindow) -> None:
    view = round6.progress_page.view
    view.setCurrentIndex(view.model().index(2, COLUMN_OF["status"]))
    view.paste_grid([["ดำเนินการแล้ว", "ติดตามในที่ประชุม\nครั้งที่ ๑"], ["เสร็จแล้ว", "ไม่ได้ดำเนินการ"]])
    message = round6.statusBar().currentMessage()
    assert "วางข้อมูลแล้ว 3 ช่อง" in message and "สถานะต้องเป็น" in message  # "เสร็จแล้ว" is not a status
    first = measures(round6)[0].progress_for(6, 3)
    assert first is not None and first.status == Status.DONE and first.result == "ติดตามในที่ประชุม\nครั้งที่ ๑"
    second = measures(round6)[1].progress_for(6, 1)
    assert second is not None and second.status == Status.DONE  # unchanged: the bad status was not taken
    round6.undo_stack.undo()  # the paste is one step
    assert measures(round6)[0].progress_for(6, 3) is None


def test_switching_fiscal_year_shows_that_years_plan(window: MainWindow) -> None:
    assert window.roll_over_to(2568)
    assert window.measures_model is not None
    window.measures_model.add_measures(0, [window.measures_model.new_measure()])
    assert window.measures_model.rowCount() == 11
    index = window.year_combo.findData(2567)
    window.year_combo.setCurrentIndex(index)
    window.year_combo.activated.emit(index)
    assert window.plan is not None and window.plan.fiscal_year == 2567
    assert window.measures_model.rowCount() == 10
    assert window.windowTitle() == "sample — ปีงบประมาณ พ.ศ. 2567 — ITA Desktop"
    assert not window.undo_stack.canUndo()  # undo history belongs to the year it was made in


def test_steps_the_clerk_numbered_herself_are_not_numbered_twice(window: MainWindow) -> None:
    """Steps typed or pasted as '1. …' show once numbered in the progress grid, as in the plan grid."""
    plan = window.measures_page.model
    assert plan is not None
    plan.setData(plan.index(0, PLAN_COLUMN_OF["steps"]), "1. ประชุมวางแผน\n- จัดทำประกาศ\nรายงานผล",
                 Qt.ItemDataRole.EditRole)
    window.go_to("progress", 6)
    model = window.progress_page.model
    assert model is not None
    shown = [model.index(r, COLUMN_OF["step"]).data() for r in range(3)]
    assert shown == ["1. ประชุมวางแผน", "- จัดทำประกาศ", "3. รายงานผล"]


def test_each_entry_of_a_step_is_its_own_row_and_editing_one_keeps_the_others(
        app: QtWidgets.QApplication, qtbot: QtBot, sample_doc: Path) -> None:
    from ita_desktop.domain.model import Progress
    from ita_desktop.storage.database import Database
    from ita_desktop.storage.repositories import DocumentRepository

    with Database.open(sample_doc) as database:
        repo = DocumentRepository(database)
        plan = repo.load_year(2567)
        assert plan is not None
        m = plan.measures[0]
        m.progress.append(Progress(round=6, step=2, status=Status.DONE, result="ครั้งที่สอง"))
        m.progress.append(Progress(round=6, step=2, status=Status.DONE, result="ครั้งที่สาม"))
        repo.save_measure(plan.id, m)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_document(sample_doc)
    win.go_to("progress", 6)
    model = win.progress_page.model
    assert model is not None
    before = [p.result for p in measures(win)[0].entries_for(6, 2)]
    assert before[-2:] == ["ครั้งที่สอง", "ครั้งที่สาม"]
    assert [model.index(r, COLUMN_OF["result"]).data() for r in range(1, 4)] == before  # rows 2-4: step 2
    assert model.setData(model.index(1, COLUMN_OF["result"]), "แก้ไขรายการแรก")
    after = [p.result for p in measures(win)[0].entries_for(6, 2)]
    assert after == ["แก้ไขรายการแรก", *before[1:]]
    assert model.setData(model.index(3, COLUMN_OF["result"]), "แก้ไขรายการที่สาม")
    assert [p.result for p in measures(win)[0].entries_for(6, 2)] == ["แก้ไขรายการแรก", before[1], "แก้ไขรายการที่สาม"]
    win.undo_stack.undo()
    win.undo_stack.undo()
    assert [p.result for p in measures(win)[0].entries_for(6, 2)] == before
    win.close()
