"""Rounds carry on in the window as in the reports (issue 11, point 6): a document with 6-month results opened on
the 12-month grid shows them, greyed and marked as of round 6; its count is the 12-month PDF's and the round
page's; the clerk adds 12-month entries to those steps (undone and redone); the 6-month entries are edited in
their own round, and the 12-month grid says so at the cell."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ita_desktop.cli import main
from ita_desktop.domain.model import Measure, Status
from ita_desktop.gui.export_check import findings, show_cell
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.progress_model import CARRIED_BACKGROUND, CARRIED_STATUS_COLOURS, COLUMN_OF, ProgressModel
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.gui.roles import STATUS_COLOURS
from ita_desktop.thai.digits import to_arabic_digits
from tests.gui.conftest import reopen
from tests.gui.helpers import type_text
from tests.pdf.readback import pdfium_pages

RESULT = COLUMN_OF["result"]
# measure → {step: [(status, done on, result)]} of the 6-month round: 8 of the 25 steps done, three in progress
SIX_MONTHS: dict[int, dict[int, list[tuple[str, str | None, str]]]] = {
    0: {1: [("done", "2022-12-01", "ประชุมชี้แจงเจ้าหน้าที่ครั้งที่ ๑"), ("done", "2023-01-27", "ประชุมชี้แจงครั้งที่ ๒")],
        2: [("done", "2022-12-15", "ออกประกาศเจตจำนงแล้ว")], 3: [("in_progress", None, "อยู่ระหว่างจัดทำคู่มือ")]},
    1: {1: [("done", "2022-11-10", "เผยแพร่แผนการจัดซื้อจัดจ้าง")], 2: [("done", "2023-02-01", "รายงานผลรายเดือน")],
        3: [("done", "2023-03-01", "ตรวจสอบเอกสารครบถ้วน")]},
    2: {1: [("done", "2022-10-20", "แต่งตั้งคณะทำงาน")], 2: [("in_progress", None, "อยู่ระหว่างรวบรวมข้อมูล")]},
    3: {1: [("done", "2023-01-05", "จัดอบรมพนักงาน ๔๐ คน")], 2: [("in_progress", None, "ร่างแบบสำรวจแล้ว")],
        3: [("done", "2023-02-20", "ติดตามผลการอบรม")]},
}
TITLES = ["มาตรการส่งเสริมการปฏิบัติหน้าที่อย่างโปร่งใส", "มาตรการเปิดเผยข้อมูลการจัดซื้อจัดจ้าง",
          "มาตรการป้องกันการรับสินบน", "มาตรการพัฒนาบุคลากร", "มาตรการประเมินความพึงพอใจ"]


def six_month_document(folder: Path) -> Path:
    """A 2566 plan of five measures of five steps, monitored at 6 and 12 months, with only 6-month results."""
    measures: list[dict[str, Any]] = []
    for i, title in enumerate(TITLES):
        progress = [{"round": 6, "step": step, "status": status, "done_on": done_on, "result": result}
                    for step, entries in SIX_MONTHS.get(i, {}).items() for status, done_on, result in entries]
        measures.append({"indicator": i + 1, "title": title, "units": ["สำนักปลัด"],
                         "steps": [{"text": f"ขั้นตอนที่ {n} ของ{title}"} for n in range(1, 6)],
                         "start": "2022-10-01", "end": "2023-09-30", "rounds": [6, 12], "progress": progress})
    data = {"format": "ita-desktop/1",
            "organization": {"name": "เทศบาลเมืองเดชอุดม", "district": "เดชอุดม", "province": "อุบลราชธานี"},
            "units": ["สำนักปลัด"], "years": [{"fiscal_year": 2566, "measures": measures,
                                                "signatories": [{"role": "ผู้จัดทำ", "name": "นางสาวมาลี ใจดี",
                                                                 "position": "นักวิเคราะห์นโยบายและแผน"}]}]}
    source = folder / "data.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    path = folder / "เดชอุดม.ita"
    assert main(["new", str(path), "--org", "เทศบาลเมืองเดชอุดม", "--year", "2566"]) == 0
    assert main(["import", str(path), str(source)]) == 0
    return path


@pytest.fixture
def twelve(app: QtWidgets.QApplication, qtbot: QtBot, tmp_path: Path) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_document(six_month_document(tmp_path))
    win.resize(1400, 860)
    win.show()
    qtbot.waitExposed(win)
    win.go_to("progress", 12)
    win.activateWindow()
    win.progress_page.view.setFocus()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is win.progress_page.view)
    return win


def grid(window: MainWindow) -> ProgressModel:
    model = window.progress_page.model
    assert model is not None and model.round == 12
    return model


def stored(window: MainWindow) -> list[Measure]:
    assert window.editor is not None
    return reopen(window.editor.path).years[0].measures


def row_of(model: ProgressModel, measure: int, step: int, *, carried: bool | None = None,
           placeholder: bool = False) -> int:
    title = TITLES[measure]
    return next(i for i, r in enumerate(model.rows) if r.measure.title == title and r.step == step
                and (carried is None or r.carried == carried) and (r.entry is None) == placeholder)


def counted(text: str) -> tuple[int, int]:
    """(done, steps) from "ดำเนินการแล้ว ๘ จาก ๒๕ ขั้นตอน" in either digits (a PDF line may break anywhere)."""
    flat = to_arabic_digits(re.sub(r"\s+", " ", text))
    found = re.search(r"ดำเนินการแล้ว (\d+) จาก (\d+)", flat)
    assert found, text
    return int(found[1]), int(found[2])


def exported_count(window: MainWindow, out: Path) -> tuple[int, int]:
    assert window.editor is not None
    assert main(["export", str(window.editor.path), str(out), "--doc", "progress", "--round", "12",
                 "--layout", "4"]) == 0
    return counted(pdfium_pages(out)[0])


def test_the_12_month_grid_shows_the_6_month_entries_marked_and_counts_as_the_pdf_does(
        twelve: MainWindow, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = grid(twelve)
    carried = [i for i, r in enumerate(model.rows) if r.carried]
    assert len(carried) == 12  # every 6-month entry, none typed again
    results = [model.index(i, RESULT).data() for i in carried]
    assert results[:2] == ["ประชุมชี้แจงเจ้าหน้าที่ครั้งที่ ๑", "ประชุมชี้แจงครั้งที่ ๒"]
    for i in carried:
        assert model.index(i, COLUMN_OF["round"]).data() == "6 เดือน"
        assert model.index(i, RESULT).data(Qt.ItemDataRole.BackgroundRole).color() == CARRIED_BACKGROUND
        assert "แก้ไขได้ที่หน้า “ผลการดำเนินการ รอบ 6 เดือน”" in model.index(i, RESULT).data(
            Qt.ItemDataRole.ToolTipRole)
        assert not model.flags(model.index(i, RESULT)) & Qt.ItemFlag.ItemIsEditable
    assert model.index(row_of(model, 0, 1, carried=True), COLUMN_OF["status"]).data() == "ดำเนินการแล้ว"
    # a step still in progress at 6 months waits for its 12-month result on a row of its own; a done one does not
    waiting = row_of(model, 0, 3, placeholder=True)
    assert model.index(waiting, COLUMN_OF["status"]).data() == "— รอรายงานรอบนี้ —"
    assert model.index(waiting, COLUMN_OF["round"]).data() == "12 เดือน"
    assert not any(r.entry is None and r.measure.title == TITLES[0] and r.step in (1, 2) for r in model.rows)

    summary = twelve.progress_page.summary.text()
    assert summary == "รอบ 12 เดือน: ดำเนินการแล้ว 8 จาก 25 ขั้นตอน (นับรวมผลรอบ 6 เดือน)"
    assert "แถวสีเทา" in twelve.progress_page.hint.text()
    out = tmp_path / "r12.pdf"
    assert exported_count(twelve, out) == counted(summary) == (8, 25)
    text = "".join(pdfium_pages(out)).replace("\r\n", "")
    assert "ประชุมชี้แจงครั้งที่ ๒" in text and "ดำเนินการเมื่อ วันที่ ๒๗ มกราคม ๒๕๖๖" in text  # the 6-month work

    view = twelve.progress_page.view
    view.setCurrentIndex(model.index(carried[1], RESULT))
    assert twelve.grab().save(str(tmp_path / "twelve.png"))  # looked at: grey rows marked 6 เดือน

    twelve.go_to("round")
    page = twelve.round_page
    page.round_combo.setCurrentIndex(page.round_combo.findData(12))
    page.round_combo.activated.emit(page.round_combo.currentIndex())
    assert counted(page.totals.text()) == (8, 25)
    assert twelve.editor is not None
    capsys.readouterr()
    assert main(["status", str(twelve.editor.path), "--round", "12", "--today", "2023-08-01", "--json"]) == 0
    totals = json.loads(capsys.readouterr().out)["totals"]
    assert (totals["done"], totals["steps"]) == (8, 25)



def test_typing_on_a_6_month_entry_in_the_12_month_grid_says_where_to_edit_it_and_changes_nothing(
        twelve: MainWindow, qtbot: QtBot) -> None:
    model, view = grid(twelve), twelve.progress_page.view
    before = [(p.id, p.result, p.status) for m in stored(twelve) for p in m.progress]
    steps = twelve.undo_stack.count()
    row = row_of(model, 1, 2, carried=True)
    view.setCurrentIndex(model.index(row, RESULT))
    qtbot.keyClicks(view, "x")  # typing, as over any cell
    assert view.state() != view.State.EditingState
    assert view.notice.isVisible() and "รอบ 6 เดือน" in view.notice.text() and "Ctrl+Enter" in view.notice.text()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() != view.State.EditingState
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)  # delete the entry: refused
    assert "แก้ไขได้ที่หน้า “ผลการดำเนินการ รอบ 6 เดือน”" in twelve.statusBar().currentMessage()
    assert twelve.undo_stack.count() == steps
    assert [(p.id, p.result, p.status) for m in stored(twelve) for p in m.progress] == before
    assert model.index(row, RESULT).data() == "รายงานผลรายเดือน"


def test_a_12_month_entry_adds_to_a_step_with_6_month_entries_and_undoes(twelve: MainWindow, qtbot: QtBot,
                                                                       tmp_path: Path,
                                                                       pytestconfig: pytest.Config) -> None:
    model, view = grid(twelve), twelve.progress_page.view
    ModelTester(pytestconfig).check(model, force_py=True)  # and its signals stay exact through every change
    six = [(p.id, p.result) for p in stored(twelve)[0].progress]
    rows = model.rowCount()
    last_carried = row_of(model, 0, 1, carried=True) + 1  # step 1 has two 6-month entries
    view.setCurrentIndex(model.index(last_carried, COLUMN_OF["status"]))
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    added = last_carried + 1
    assert model.rowCount() == rows + 1 and view.currentIndex().row() == added
    assert view.currentIndex().column() == RESULT
    assert model.index(added, COLUMN_OF["round"]).data() == "12 เดือน" and not model.rows[added].carried
    assert model.index(added, COLUMN_OF["step"]).data() == "ขั้นตอนที่ 1 — รายการที่ 3"
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QtWidgets.QApplication.focusWidget()
    assert editor is not None and view.state() == view.State.EditingState
    type_text(editor, "ประชุมชี้แจงครั้งที่ ๓ เดือนมิถุนายน")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    measure = stored(twelve)[0]
    assert [(p.result, p.round) for p in measure.entries_for(12, 1)] == [("ประชุมชี้แจงครั้งที่ ๓ เดือนมิถุนายน", 12)]
    assert [(p.id, p.result) for p in measure.progress if p.round == 6] == six  # the 6-month entries untouched
    assert [model.index(r, RESULT).data() for r in (added - 2, added - 1, added)] == [
        "ประชุมชี้แจงเจ้าหน้าที่ครั้งที่ ๑", "ประชุมชี้แจงครั้งที่ ๒", "ประชุมชี้แจงครั้งที่ ๓ เดือนมิถุนายน"]

    # a step still in progress at 6 months is reported done at 12 on its waiting row: counted by grid and PDF
    waiting = row_of(model, 0, 3, placeholder=True)
    view.setCurrentIndex(model.index(waiting, COLUMN_OF["status"]))
    for _ in range(2):  # F2 and ↓ on the status: in progress, then done (each choice is saved at once)
        qtbot.keyClick(view, Qt.Key.Key_F2)
        combo = QtWidgets.QApplication.focusWidget()
        assert isinstance(combo, QtWidgets.QComboBox)
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert view.currentIndex().row() == waiting
    assert stored(twelve)[0].entries_for(12, 3)[0].status == Status.DONE
    assert counted(twelve.progress_page.summary.text()) == exported_count(twelve, tmp_path / "nine.pdf") == (9, 25)
    assert model.index(row_of(model, 0, 3, carried=True), COLUMN_OF["status"]).data() == "อยู่ระหว่างดำเนินการ"

    for _ in range(4):  # the two statuses, the result typed, the entry added
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not any(p.round == 12 for p in stored(twelve)[0].progress)
    assert model.rowCount() == rows and counted(twelve.progress_page.summary.text()) == (8, 25)
    assert model.index(row_of(model, 0, 3, placeholder=True), COLUMN_OF["status"]).data() == (
        "— รอรายงานรอบนี้ —")
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert [p.status for p in stored(twelve)[0].progress if p.round == 12] == [Status.PLANNED, Status.DONE]
    assert counted(twelve.progress_page.summary.text()) == (9, 25)


def test_a_6_month_entry_in_the_12_month_check_opens_its_own_rounds_cell(twelve: MainWindow, qtbot: QtBot) -> None:
    model = twelve.measures_model
    assert model is not None and twelve.plan is not None
    measure = model.measure_at(1)
    late = measure.progress[0]
    late.done_on = date(2023, 5, 15)  # after the 6-month round's end: a warning in the 12-month report too
    model.set_progress(measure.id, measure.progress, "ทดสอบ")
    found = [f for f in findings(twelve.plan, "progress", 12) if f.progress_id == late.id]
    assert found and found[0].round == 6 and found[0].column == "done_on"
    show_cell(twelve, found[0])
    page = twelve.progress_page
    assert page.model is not None and page.model.round == 6  # where the entry can be fixed
    index = page.view.currentIndex()
    assert page.model.rows[index.row()].entry == late and index.column() == COLUMN_OF["done_on"]
    assert page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    view = page.view  # fixed there, with the keyboard: the 12-month grid shows the fix
    view.setCurrentIndex(page.model.index(index.row(), COLUMN_OF["result"]))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QtWidgets.QApplication.focusWidget()
    assert editor is not None
    type_text(editor, " (แก้ไข)")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    twelve.go_to("progress", 12)
    shown = grid(twelve).index(row_of(grid(twelve), 1, 1, carried=True), RESULT).data()
    assert shown == "เผยแพร่แผนการจัดซื้อจัดจ้าง (แก้ไข)"


def test_a_step_missing_from_the_12_month_report_opens_its_waiting_row_not_the_6_month_one(
        twelve: MainWindow, qtbot: QtBot) -> None:
    twelve.go_to("round")
    page = twelve.round_page
    page.round_combo.setCurrentIndex(page.round_combo.findData(12))
    page.round_combo.activated.emit(page.round_combo.currentIndex())
    items = [page.missing_list.item(i) for i in range(page.missing_list.count())]
    wanted = next(i for i in items if i.text().startswith(f"{TITLES[0]} — ขั้นตอนที่ 3"))  # in progress at 6
    assert not any(i.text().startswith(f"{TITLES[0]} — ขั้นตอนที่ 1") for i in items)  # done at 6: not missing
    page.missing_list.scrollToItem(wanted)
    qtbot.mouseClick(page.missing_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.missing_list.visualItemRect(wanted).center())
    model = grid(twelve)
    index = twelve.progress_page.view.currentIndex()
    row = model.rows[index.row()]
    assert (row.measure.title, row.step, row.entry, row.carried) == (TITLES[0], 3, None, False)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable


def test_grey_rows_keep_a_muted_colour_of_their_status(twelve: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    model, view = grid(twelve), twelve.progress_page.view

    def colour(row: int) -> QtGui.QColor:
        brush = model.index(row, COLUMN_OF["status"]).data(Qt.ItemDataRole.BackgroundRole)
        assert isinstance(brush, QtGui.QBrush)
        return brush.color()

    done, in_progress = row_of(model, 0, 1, carried=True), row_of(model, 0, 3, carried=True)
    assert colour(done) == CARRIED_STATUS_COLOURS["done"] != CARRIED_BACKGROUND
    assert colour(in_progress) == CARRIED_STATUS_COLOURS["in_progress"] != CARRIED_BACKGROUND
    assert colour(done).green() > colour(done).red() and colour(in_progress).red() > colour(in_progress).blue()
    for status in ("done", "in_progress"):  # toned towards the grey of the row, not this round's own colour
        live, grey, muted = STATUS_COLOURS[status], CARRIED_BACKGROUND, CARRIED_STATUS_COLOURS[status]
        assert muted != live and live.hsvSaturation() > muted.hsvSaturation() > grey.hsvSaturation()
    assert model.index(done, RESULT).data(Qt.ItemDataRole.BackgroundRole).color() == CARRIED_BACKGROUND
    view.setCurrentIndex(model.index(row_of(model, 0, 3, placeholder=True), COLUMN_OF["status"]))
    qtbot.keyClick(view, Qt.Key.Key_F2)  # a 12-month entry: this round's colour in full
    combo = QtWidgets.QApplication.focusWidget()
    assert isinstance(combo, QtWidgets.QComboBox)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # in progress, saved at once
    own = next(i for i, r in enumerate(model.rows) if r.entry is not None and r.entry.round == 12)
    assert colour(own) == STATUS_COLOURS["in_progress"] != colour(in_progress)
    view.scrollTo(model.index(done, 0))
    assert twelve.grab().save(str(tmp_path / "muted.png"))  # looked at: pale green/yellow on grey rows


def _double_click(view: QtWidgets.QTableView, qtbot: QtBot, index: QtCore.QModelIndex) -> None:
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def _choose(qtbot: QtBot, menu: QtWidgets.QMenu, text: str) -> None:
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.text() == text)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # offscreen popups
def test_a_double_click_on_a_grey_row_offers_to_edit_it_in_its_round_and_it_is_fixed_there(
        twelve: MainWindow, qtbot: QtBot) -> None:
    model, page = grid(twelve), twelve.progress_page
    row = row_of(model, 1, 2, carried=True)
    entry = model.rows[row].entry
    assert entry is not None
    _double_click(page.view, qtbot, model.index(row, RESULT))
    assert page.view.state() != page.view.State.EditingState  # nothing opened on the grey row itself
    menu = page.menu
    assert menu is not None
    assert [a.text() for a in menu.actions() if a.text()][:2] == ["แก้ไขในรอบ 6 เดือน",
                                                                  "เพิ่มรายการของรอบ 12 เดือนให้ขั้นตอนนี้"]
    _choose(qtbot, menu, "แก้ไขในรอบ 6 เดือน")
    six = page.model
    assert six is not None and six.round == 6 and twelve.current_page_key() == "progress:6"
    index = page.view.currentIndex()
    assert six.rows[index.row()].entry == entry and index.column() == RESULT  # the same cell, on its own page
    assert six.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert page.view.notice.isVisible() and "แก้ไขได้ที่นี่" in page.view.notice.text()
    assert QtWidgets.QApplication.focusWidget() is page.view
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = QtWidgets.QApplication.focusWidget()
    assert editor is not None and page.view.state() == page.view.State.EditingState
    type_text(editor, " ครบ ๖ ครั้ง")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert next(p for p in stored(twelve)[1].progress if p.id == entry.id).result == "รายงานผลรายเดือน ครบ ๖ ครั้ง"
    twelve.go_to("progress", 12)  # the 12-month grid shows the fix, still greyed
    assert grid(twelve).index(row, RESULT).data() == "รายงานผลรายเดือน ครบ ๖ ครั้ง" and grid(twelve).rows[row].carried


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # offscreen popups
def test_ctrl_g_and_the_right_click_menu_open_a_grey_row_in_its_round_only(twelve: MainWindow, qtbot: QtBot) -> None:
    model, page = grid(twelve), twelve.progress_page
    view = page.view
    row = row_of(model, 0, 1, carried=True)
    entry = model.rows[row].entry
    assert entry is not None
    view.setCurrentIndex(model.index(row, COLUMN_OF["done_on"]))
    qtbot.keyClick(view, Qt.Key.Key_X)  # typing says at the cell how to get there
    assert "Ctrl+G" in view.notice.text() and "แก้ไขในรอบ 6 เดือน" in view.notice.text()
    qtbot.keyClick(view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert page.model is not None and page.model.round == 6
    index = view.currentIndex()
    assert page.model.rows[index.row()].entry == entry and index.column() == COLUMN_OF["done_on"]

    twelve.go_to("progress", 12)
    waiting = row_of(grid(twelve), 0, 3, placeholder=True)  # a row of this round: nothing to open elsewhere
    view.setCurrentIndex(grid(twelve).index(waiting, RESULT))
    assert not page.act_open_round.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert page.model.round == 12 and view.currentIndex().row() == waiting

    def right_click(r: int) -> QtWidgets.QMenu:
        rect = view.visualRect(grid(twelve).index(r, RESULT))
        event = QtGui.QContextMenuEvent(QtGui.QContextMenuEvent.Reason.Mouse, rect.center(),
                                        view.viewport().mapToGlobal(rect.center()))
        QtWidgets.QApplication.sendEvent(view.viewport(), event)
        assert page.menu is not None
        qtbot.waitUntil(page.menu.isVisible)
        return page.menu

    menu = right_click(waiting)
    assert "แก้ไขในรอบ 6 เดือน" not in [a.text() for a in menu.actions()]
    menu.close()
    carried_row = row_of(grid(twelve), 2, 2, carried=True)
    menu = right_click(carried_row)
    assert menu.actions()[0].text() == "แก้ไขในรอบ 6 เดือน"
    _choose(qtbot, menu, "เพิ่มรายการของรอบ 12 เดือนให้ขั้นตอนนี้")  # or add to it in this round
    added = grid(twelve).rows[view.currentIndex().row()].entry
    assert added is not None and added.round == 12
    assert [(p.round, p.step) for p in stored(twelve)[2].progress if p.round == 12] == [(12, 2)]
