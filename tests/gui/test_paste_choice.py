"""Pasting onto filled rows asks (replace / insert as new measures / cancel); Ctrl+Shift+V appends; the heading
rows of published documents (TSV from Excel, HTML from Word) place every column, "ระยะเวลาดำเนินการ" included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.measures_model import COLUMN_OF
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.gui.tsv import to_html_table, to_tsv
from tests.gui.conftest import reopen
from tests.gui.helpers import answer_dialog

SEED_004 = [  # seed 004's own header row and one measure under it
    ["ประเด็นที่ต้องปรับปรุงแก้ไข/ ประเด็นที่ต้องพัฒนา", "ผู้รับผิดชอบ", "ขั้นตอนหรือวิธีการ/มาตรการ",
     "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ"],
    ["การเปิดเผยข้อมูลยังไม่ครบ", "สำนักปลัด", "มาตรการเปิดเผยข้อมูลสาธารณะ", "รายงานนายกทุกไตรมาส"],
]
SEED_004_STEPS = [  # the same column holding only numbered steps: steps, not a title (seen under Xvfb)
    SEED_004[0], ["เว็บไซต์ไม่ครบ", "สำนักปลัด", "1. ตรวจสอบข้อมูลบนเว็บไซต์\n2. ปรับปรุงข้อมูลให้เป็นปัจจุบัน", ""],
]
LAYOUT_3 = [
    ["ประเด็นที่ต้องพัฒนาตามตัวชี้วัด", "มาตรการ/ขั้นตอน/วิธีปฏิบัติ", "การดำเนินการ/รายงาน", "ผู้รับผิดชอบ",
     "ระยะเวลา ดำเนินการ"],
    ["ผู้รับบริการรอนาน", "มาตรการลดขั้นตอน\n๑. จัดทำคู่มือการให้บริการ\n๒. ประกาศขั้นตอนและระยะเวลา", "ดำเนินการแล้ว",
     "กองคลัง", "ต.ค. ๒๕๖๖ - มี.ค. ๒๕๖๗"],
    ["ประเด็นที่ต้องพัฒนาตามตัวชี้วัด", "มาตรการ/ขั้นตอน/วิธีปฏิบัติ", "การดำเนินการ/รายงาน", "ผู้รับผิดชอบ",
     "ระยะเวลา ดำเนินการ"],  # the next table of the document repeats its heading
    ["ข้อมูลไม่เป็นปัจจุบัน", "มาตรการปรับปรุงเว็บไซต์", "", "กองช่าง", "ตลอดปีงบประมาณ"],
]


def path_of(window: MainWindow) -> Path:
    assert window.editor is not None
    return window.editor.path


def clipboard(grid: list[list[str]], *, html: bool = False) -> None:
    mime = QtCore.QMimeData()
    mime.setText(to_tsv(grid))
    if html:
        mime.setHtml(to_html_table(grid))
    QtGui.QGuiApplication.clipboard().setMimeData(mime)


def focus_cell(window: MainWindow, qtbot: QtBot, row: int, column: int) -> None:
    view = window.measures_page.view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is view)
    view.setCurrentIndex(window.measures_page.proxy.index(row, column))


def test_seed_header_pasted_onto_a_filled_row_asks_and_inserts_new_measures(window: MainWindow,
                                                                             qtbot: QtBot) -> None:
    before = reopen(path_of(window)).years[0].measures
    focus_cell(window, qtbot, 5, COLUMN_OF["issue"])
    clipboard(SEED_004)
    asked = answer_dialog("pasteChoice", "pasteInsert")
    qtbot.keyClick(window.measures_page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert asked and "แทรกเป็นมาตรการใหม่" in asked[0]
    after = reopen(path_of(window)).years[0].measures
    assert len(after) == len(before) + 1
    new = after[5]  # inserted before the current row, which moved down untouched
    assert (new.issue, new.units, new.title) == ("การเปิดเผยข้อมูลยังไม่ครบ", ["สำนักปลัด"],
                                                 "มาตรการเปิดเผยข้อมูลสาธารณะ")
    assert new.monitoring == "รายงานนายกทุกไตรมาส"
    assert after[6].id == before[5].id and after[6].title == before[5].title and after[6].issue == before[5].issue
    window.act_undo.trigger()  # one step
    assert [m.id for m in reopen(path_of(window)).years[0].measures] == [m.id for m in before]


def test_a_measure_column_of_numbered_steps_pastes_as_steps(window: MainWindow, qtbot: QtBot) -> None:
    before = reopen(path_of(window)).years[0].measures
    focus_cell(window, qtbot, 0, COLUMN_OF["title"])
    clipboard(SEED_004_STEPS)
    qtbot.keyClick(window.measures_page.view, Qt.Key.Key_V,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    new = reopen(path_of(window)).years[0].measures[len(before)]
    assert new.title == "" and [s.text for s in new.steps] == ["1. ตรวจสอบข้อมูลบนเว็บไซต์",
                                                               "2. ปรับปรุงข้อมูลให้เป็นปัจจุบัน"]


def test_replace_overwrites_and_cancel_leaves_all_as_it_was(window: MainWindow, qtbot: QtBot) -> None:
    before = reopen(path_of(window)).years[0].measures
    steps = window.undo_stack.count()
    focus_cell(window, qtbot, 2, COLUMN_OF["issue"])
    clipboard(SEED_004)
    answer_dialog("pasteChoice", "pasteCancel")
    qtbot.keyClick(window.measures_page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert reopen(path_of(window)).years[0].measures == before and window.undo_stack.count() == steps
    answer_dialog("pasteChoice", "pasteReplace")
    qtbot.keyClick(window.measures_page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    after = reopen(path_of(window)).years[0].measures
    assert len(after) == len(before) and after[2].id == before[2].id
    assert after[2].title == "มาตรการเปิดเผยข้อมูลสาธารณะ" and after[2].units == ["สำนักปลัด"]


def test_ctrl_shift_v_appends_a_word_table_with_its_timeframes(window: MainWindow, qtbot: QtBot) -> None:
    before = reopen(path_of(window)).years[0].measures
    focus_cell(window, qtbot, 0, COLUMN_OF["title"])
    clipboard(LAYOUT_3, html=True)
    qtbot.keyClick(window.measures_page.view, Qt.Key.Key_V,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # no question asked
    after = reopen(path_of(window)).years[0].measures
    assert after[:len(before)] == before  # nothing overwritten
    first, second = after[len(before):]
    assert (first.issue, first.title, first.units) == ("ผู้รับบริการรอนาน", "มาตรการลดขั้นตอน", ["กองคลัง"])
    # the measure and its steps in one column, as layouts 3 and 4 print them: the title, then the steps
    assert [s.text for s in first.steps] == ["๑. จัดทำคู่มือการให้บริการ", "๒. ประกาศขั้นตอนและระยะเวลา"]
    assert (first.start, first.end, first.timeframe_text) == (date(2023, 10, 1), date(2024, 3, 31), "")
    assert second.title == "มาตรการปรับปรุงเว็บไซต์" and second.timeframe_text == "ตลอดปีงบประมาณ"
    assert second.start is None
    message = window.statusBar().currentMessage()
    assert "“การดำเนินการ/รายงาน”" in message  # a report column the plan has no place for is named
    window.act_undo.trigger()
    assert len(reopen(path_of(window)).years[0].measures) == len(before)


def test_one_cell_pasted_over_a_filled_cell_just_replaces_it(window: MainWindow, qtbot: QtBot) -> None:
    focus_cell(window, qtbot, 1, COLUMN_OF["title"])
    clipboard([["มาตรการที่วางทับ"]])
    qtbot.keyClick(window.measures_page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # no question
    assert reopen(path_of(window)).years[0].measures[1].title == "มาตรการที่วางทับ"
