"""Editing the measures plan through the real delegates; every change checked in the file, undone, redone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ita_desktop.domain.model import Measure
from ita_desktop.gui.editors import DateEditor, IndicatorsEditor, MultiLineEditor, RoundsEditor, UnitsEditor
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.measures_model import COLUMN_OF
from ita_desktop.gui.qt import Qt, QtCore, QtWidgets
from ita_desktop.gui.roles import ERROR_BACKGROUND, WARNING_BACKGROUND
from tests.gui.conftest import reopen
from tests.gui.helpers import answer_dialog, open_editor, type_text


def stored_measures(path: Path) -> list[Measure]:
    return reopen(path).years[0].measures


def result_of(measure: Measure, round_: int, step: int) -> str:
    entry = measure.progress_for(round_, step)
    assert entry is not None, f"no progress for step {step} in round {round_}"
    return entry.result


def doc_path(window: MainWindow) -> Path:
    assert window.editor is not None
    return window.editor.path


def test_title_typed_in_the_multiline_editor_is_saved_undone_and_redone(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    editor = open_editor(view, 0, COLUMN_OF["title"])
    assert isinstance(editor, MultiLineEditor)
    editor.selectAll()
    type_text(editor, "มาตรการใหม่ทดสอบ")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter finishes the cell and goes down
    assert view.currentIndex().row() == 1
    assert stored_measures(doc_path(window))[0].title == "มาตรการใหม่ทดสอบ"
    assert window.statusBar().currentMessage() == "บันทึกแล้ว"
    window.act_undo.trigger()
    assert stored_measures(doc_path(window))[0].title == "มาตรการสร้างค่านิยมในการให้บริการประชาชนโดยไม่เลือกปฏิบัติ"
    window.act_redo.trigger()
    assert stored_measures(doc_path(window))[0].title == "มาตรการใหม่ทดสอบ"


def test_shift_enter_continues_a_numbered_list_and_steps_keep_their_progress(window: MainWindow,
                                                                             qtbot: QtBot) -> None:
    view = window.measures_page.view
    path = doc_path(window)
    before = stored_measures(path)[0]
    editor = open_editor(view, 0, COLUMN_OF["steps"])
    assert isinstance(editor, MultiLineEditor)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(editor, "4. ประเมินผลความพึงพอใจของผู้รับบริการ")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText().endswith("ความพึงพอใจของผู้รับบริการ\n5. ")  # numbered list continued
    type_text(editor, "รายงานผล")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    after = stored_measures(path)[0]
    assert [s.text for s in after.steps][-2:] == ["4. ประเมินผลความพึงพอใจของผู้รับบริการ", "5. รายงานผล"]
    assert [s.id for s in after.steps[:3]] == [s.id for s in before.steps]  # unchanged lines keep their rows
    assert result_of(after, 6, 1) == result_of(before, 6, 1)
    window.undo_stack.undo()
    assert [s.text for s in stored_measures(path)[0].steps] == [s.text for s in before.steps]


def test_deleting_a_step_line_removes_its_progress_and_undo_brings_both_back(window: MainWindow) -> None:
    model = window.measures_model
    assert model is not None
    path = doc_path(window)
    before = stored_measures(path)[0]
    lines = [s.text for s in before.steps]
    model.edit(0, "steps", "\n".join([lines[0], lines[2]]))  # the second step is deleted
    after = stored_measures(path)[0]
    assert [s.text for s in after.steps] == [lines[0], lines[2]]
    assert after.progress_for(6, 2) is None  # step 2's round-6 entry went with it
    assert result_of(after, 12, 2) == "ติดตามผลในการประชุมพนักงาน ๖ ครั้ง"  # old step 3 is now step 2
    window.undo_stack.undo()
    restored = stored_measures(path)[0]
    assert [s.id for s in restored.steps] == [s.id for s in before.steps]
    assert result_of(restored, 6, 2) == result_of(before, 6, 2)


def ticks(editor: IndicatorsEditor) -> list[bool]:
    return [editor.list.item(i).checkState() == Qt.CheckState.Checked for i in range(editor.list.count())]


def test_indicators_are_ticked_in_a_list_several_or_none(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    editor = open_editor(view, 0, COLUMN_OF["indicators"])
    assert isinstance(editor, IndicatorsEditor)
    assert editor.list.count() == 10 and editor.list.item(8).text() == "9. การเปิดเผยข้อมูล"
    assert editor.text() == "๑" and ticks(editor)[:3] == [True, False, False]
    editor.list.setFocus()
    for row in (1, 2, 0):  # tick 2 and 3, untick 1
        editor.list.setCurrentRow(row)
        qtbot.keyClick(editor.list, Qt.Key.Key_Space)
    assert editor.text() == "๒, ๓"
    qtbot.keyClick(editor.list, Qt.Key.Key_Return)
    assert stored_measures(doc_path(window))[0].indicators == [2, 3]
    cell = view.model().index(0, COLUMN_OF["indicators"])
    assert cell.data() == "2. การใช้งบประมาณ\n3. การใช้อำนาจ"  # several: each named, one per line
    assert cell.data(Qt.ItemDataRole.EditRole) == "๒, ๓"  # what copy puts on the clipboard
    editor = open_editor(view, 0, COLUMN_OF["indicators"])
    assert isinstance(editor, IndicatorsEditor) and ticks(editor)[:4] == [False, True, True, False]
    editor.list.setFocus()
    for row in (1, 2):  # none: a general measure
        editor.list.setCurrentRow(row)
        qtbot.keyClick(editor.list, Qt.Key.Key_Space)
    qtbot.keyClick(editor.list, Qt.Key.Key_Return)
    assert stored_measures(doc_path(window))[0].indicators == []
    assert view.model().index(0, COLUMN_OF["indicators"]).data() == ""
    window.undo_stack.undo()
    assert stored_measures(doc_path(window))[0].indicators == [2, 3]
    window.undo_stack.undo()
    assert stored_measures(doc_path(window))[0].indicators == [1]


def test_typing_or_pasting_indicator_numbers_still_works(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, COLUMN_OF["indicators"]))
    qtbot.keyClick(view, Qt.Key.Key_2)  # typing replaces what the cell held
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, IndicatorsEditor) and editor.text() == "2"
    type_text(editor.line, ", ๓")
    assert ticks(editor)[:4] == [False, True, True, False]  # the ticks follow the typing
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert stored_measures(doc_path(window))[1].indicators == [2, 3]
    editor = open_editor(view, 1, COLUMN_OF["indicators"])
    assert isinstance(editor, IndicatorsEditor)
    editor.line.setText("15")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert "ไม่มีตัวชี้วัดที่ 15 ในปีนี้" in view.notice.text() and view.notice.isVisible()  # at the cell
    assert editor.isVisible() and editor.text() == "15"  # kept to be fixed
    assert stored_measures(doc_path(window))[1].indicators == [2, 3]
    qtbot.keyClick(editor.line, Qt.Key.Key_Escape)
    model = window.measures_model
    assert model is not None
    assert model.setData(model.index(0, COLUMN_OF["indicators"]), "๒, ๓")  # a paste
    assert stored_measures(doc_path(window))[0].indicators == [2, 3]
    assert model.setData(model.index(0, COLUMN_OF["indicators"]), "")
    assert stored_measures(doc_path(window))[0].indicators == []


def test_units_multi_select(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    editor = open_editor(view, 1, COLUMN_OF["units"])
    assert isinstance(editor, UnitsEditor)
    names = [editor.item(i).text() for i in range(editor.count())]
    assert "กองช่าง" in names and editor.chosen() == ["กองคลัง"]
    editor.setCurrentRow(names.index("กองช่าง"))
    qtbot.keyClick(editor, Qt.Key.Key_Space)  # tick with the keyboard
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # Tab commits and moves to the next cell
    assert stored_measures(doc_path(window))[1].units == ["กองคลัง", "กองช่าง"]
    assert view.currentIndex().column() == COLUMN_OF["units"] + 1


def test_rounds_editor(window: MainWindow, qtbot: QtBot) -> None:
    editor = open_editor(window.measures_page.view, 2, COLUMN_OF["rounds"])
    assert isinstance(editor, RoundsEditor)
    editor.boxes[12].setChecked(True)
    qtbot.keyClick(editor.boxes[3], Qt.Key.Key_Return)
    assert stored_measures(doc_path(window))[2].rounds == [6, 12]


def test_be_date_typed_with_thai_digits(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    editor = open_editor(view, 0, COLUMN_OF["start"])
    assert isinstance(editor, DateEditor)
    assert editor.text() == "1/11/2566"  # shown in พ.ศ.
    editor.line.setText("")
    type_text(editor.line, "๑๕/๑๒/๒๕๖๖")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert stored_measures(doc_path(window))[0].start == date(2023, 12, 15)
    index = view.model().index(0, COLUMN_OF["start"])
    assert index.data() == "15 ธ.ค. 2566"


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # offscreen popups
def test_be_calendar_popup_picks_a_day(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    editor = open_editor(view, 0, COLUMN_OF["end"])
    assert isinstance(editor, DateEditor)
    editor.show_calendar()
    popup = editor.popup
    assert popup is not None and popup.isVisible()
    calendar = popup.calendar
    assert calendar.year.value() == 2567 and calendar.month.currentText() == "กันยายน"  # 30 ก.ย. 2567 in พ.ศ.
    calendar.year.setValue(2567)
    calendar.month.setCurrentIndex(7)  # สิงหาคม
    calendar._clicked(calendar.calendar.selectedDate().addDays(-40))  # a click on a day cell
    assert not popup.isVisible()
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert stored_measures(doc_path(window))[0].end == date(2024, 8, 21)


def test_unreadable_date_is_refused_with_a_thai_message_and_nothing_changes(window: MainWindow,
                                                                             qtbot: QtBot) -> None:
    view = window.measures_page.view
    editor = open_editor(view, 0, COLUMN_OF["start"])
    assert isinstance(editor, DateEditor)
    editor.line.setText("31/2/2567")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert "อ่านวันที่" in view.notice.text()  # shown at the cell, not in the status bar
    assert "อ่านวันที่" not in window.statusBar().currentMessage()
    assert stored_measures(doc_path(window))[0].start == date(2023, 11, 1)
    assert window.undo_stack.count() == 0


def test_live_validation_marks_cells_and_explains_in_the_status_bar(window: MainWindow) -> None:
    model = window.measures_model
    assert model is not None
    model.setData(model.index(0, COLUMN_OF["end"]), "1/10/2566")  # before the start (1 พ.ย. 2566)
    end_cell = model.index(0, COLUMN_OF["end"])
    assert end_cell.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_BACKGROUND
    assert "วันสิ้นสุดอยู่ก่อนวันเริ่มต้น" in window.statusBar().currentMessage()
    model.setData(model.index(1, COLUMN_OF["start"]), "1/1/2570")  # outside fiscal year 2567: a warning
    start_cell = model.index(1, COLUMN_OF["start"])
    assert start_cell.data(Qt.ItemDataRole.BackgroundRole).color() == WARNING_BACKGROUND
    assert "นอกปีงบประมาณ" in start_cell.data(Qt.ItemDataRole.ToolTipRole)
    model.setData(model.index(2, COLUMN_OF["title"]), "")
    assert "ยังไม่ได้กรอกชื่อมาตรการ" in window.statusBar().currentMessage()
    stored = stored_measures(doc_path(window))
    assert stored[0].end == date(2023, 10, 1) and stored[2].title == ""  # kept as typed, only marked
    view = window.measures_page.view
    view.setCurrentIndex(window.measures_page.proxy.index(0, COLUMN_OF["end"]))
    assert view.notice.isVisible() and "วันสิ้นสุดอยู่ก่อนวันเริ่มต้น" in view.notice.text()  # at the cell
    assert view.notice.kind == "error"
    view.setCurrentIndex(window.measures_page.proxy.index(0, COLUMN_OF["issue"]))
    assert not view.notice.isVisible()  # gone once it no longer applies
    view.setCurrentIndex(window.measures_page.proxy.index(0, COLUMN_OF["end"]))
    assert view.notice.isVisible()
    window.go_to("org")  # the note lives on the window, yet never floats over another page
    assert not view.notice.isVisible()


def test_insert_delete_move_with_undo_checked_in_the_file(window: MainWindow, qtbot: QtBot) -> None:
    path = doc_path(window)
    titles = [m.title for m in stored_measures(path)]
    page = window.measures_page
    page.select_source_row(2)
    window.act_insert.trigger()  # a new measure before row 3, editor opened on its title
    editor = page.view.indexWidget(page.view.currentIndex())
    assert isinstance(editor, MultiLineEditor)
    type_text(editor, "มาตรการแทรก")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert [m.title for m in stored_measures(path)] == [*titles[:2], "มาตรการแทรก", *titles[2:]]
    page.select_source_row(2)
    qtbot.keyClick(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # move down
    assert [m.title for m in stored_measures(path)][2:4] == [titles[2], "มาตรการแทรก"]
    page.select_source_row(0)
    asked = answer_dialog("confirmDelete", "deleteAnyway")  # the first measure has reported progress
    window.act_delete.trigger()
    assert asked and "มาตรการที่ 1" in asked[0]
    assert [m.title for m in stored_measures(path)][:2] == [titles[1], titles[2]]
    window.act_undo.trigger()  # delete undone
    window.act_undo.trigger()  # move undone
    assert [m.title for m in stored_measures(path)] == [*titles[:2], "มาตรการแทรก", *titles[2:]]
    window.act_undo.trigger()  # title undone
    window.act_undo.trigger()  # insert undone
    assert [m.title for m in stored_measures(path)] == titles
    for _ in range(4):
        window.act_redo.trigger()
    assert [m.title for m in stored_measures(path)] == [titles[1], titles[2], "มาตรการแทรก", *titles[3:]]


def test_filter_box_and_delete_key_clears_cells(window: MainWindow, qtbot: QtBot) -> None:
    page = window.measures_page
    page.filter.setText("ทรัพย์สิน")
    assert 0 < page.proxy.rowCount() < 10
    assert "แสดง" in page.count.text()
    page.filter.clear()
    page.view.setCurrentIndex(page.proxy.index(0, COLUMN_OF["monitoring"]))
    page.view.selectionModel().select(page.view.currentIndex(),
                                      page.view.selectionModel().SelectionFlag.ClearAndSelect)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert stored_measures(doc_path(window))[0].monitoring == ""
    window.act_undo.trigger()
    assert stored_measures(doc_path(window))[0].monitoring.startswith("รายงานผลการดำเนินงาน")


def test_ctrl_z_and_ctrl_y_from_the_keyboard(window: MainWindow, qtbot: QtBot) -> None:
    model = window.measures_model
    assert model is not None
    model.setData(model.index(4, COLUMN_OF["monitoring"]), "รายงานทุกไตรมาส")
    view = window.measures_page.view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is view)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_measures(doc_path(window))[4].monitoring != "รายงานทุกไตรมาส"
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored_measures(doc_path(window))[4].monitoring == "รายงานทุกไตรมาส"


def test_group_heading_with_a_completer_of_the_groups_used(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    heading = "มาตรการเพิ่มประสิทธิภาพการดำเนินงานและการสื่อสารกับบุคคลภายนอก"
    editor = open_editor(view, 0, COLUMN_OF["group"])
    assert isinstance(editor, QtWidgets.QLineEdit)
    type_text(editor, heading)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert stored_measures(doc_path(window))[0].group == heading
    editor = open_editor(view, 1, COLUMN_OF["group"])
    assert isinstance(editor, QtWidgets.QLineEdit)
    completer = editor.completer()
    assert completer is not None and completer.model().data(completer.model().index(0, 0)) == heading
    editor.setText(heading)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert [m.group for m in stored_measures(doc_path(window))[:3]] == [heading, heading, ""]
    window.undo_stack.undo()
    assert stored_measures(doc_path(window))[1].group == ""


def test_a_worded_timeframe_is_kept_and_the_dates_it_replaces_are_greyed(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    model = view.model()
    editor = open_editor(view, 0, COLUMN_OF["timeframe_text"])
    assert isinstance(editor, MultiLineEditor)
    type_text(editor, "ตลอดปีงบประมาณ")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    first = stored_measures(doc_path(window))[0]
    assert first.timeframe_text == "ตลอดปีงบประมาณ" and first.start == date(2023, 11, 1)  # the dates stay
    start = model.index(0, COLUMN_OF["start"])
    assert "ตลอดปีงบประมาณ" in start.data(Qt.ItemDataRole.ToolTipRole)
    assert start.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, COLUMN_OF["start"]).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "ตลอดปีงบประมาณ" in model.headerData(COLUMN_OF["timeframe_text"], Qt.Orientation.Horizontal,
                                                  Qt.ItemDataRole.ToolTipRole)


def test_a_step_takes_its_own_timeframe_after_a_bar(window: MainWindow, qtbot: QtBot) -> None:
    view = window.measures_page.view
    before = stored_measures(doc_path(window))[0]
    lines = [s.text for s in before.steps]
    editor = open_editor(view, 0, COLUMN_OF["steps"])
    assert isinstance(editor, MultiLineEditor)
    editor.setPlainText("\n".join([f"{lines[0]} | ภายในเดือนมกราคม ๒๕๖๗", *lines[1:]]))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    after = stored_measures(doc_path(window))[0]
    assert [s.id for s in after.steps] == [s.id for s in before.steps]  # the same steps, progress kept
    assert [s.timeframe_text for s in after.steps] == ["ภายในเดือนมกราคม ๒๕๖๗", "", ""]
    assert after.steps[0].text == lines[0] and after.progress == before.progress
    cell = view.model().index(0, COLUMN_OF["steps"])
    assert cell.data().split("\n")[0] == f"1. {lines[0]} | ภายในเดือนมกราคม ๒๕๖๗"
    assert "|" in cell.data(Qt.ItemDataRole.ToolTipRole)
    window.undo_stack.undo()
    assert [s.timeframe_text for s in stored_measures(doc_path(window))[0].steps] == ["", "", ""]


def test_pasted_rows_bring_group_and_timeframes(window: MainWindow) -> None:
    view = window.measures_page.view
    view.setCurrentIndex(view.model().index(0, COLUMN_OF["end"]))
    answer_dialog("pasteChoice", "pasteReplace")  # the row is filled: the clerk chooses to overwrite
    view.paste_grid([["30/9/2567", "ภายในเดือนมกราคม ๒๕๖๗", "รายงานผล", "6, 12", "มาตรการด้านการสื่อสาร"]])
    first = stored_measures(doc_path(window))[0]
    assert (first.timeframe_text, first.group) == ("ภายในเดือนมกราคม ๒๕๖๗", "มาตรการด้านการสื่อสาร")
    view.setCurrentIndex(view.model().index(0, COLUMN_OF["steps"]))
    view.copy_selection()
    assert view.model().index(0, COLUMN_OF["steps"]).data(Qt.ItemDataRole.EditRole) == "\n".join(
        s.text for s in first.steps)


def test_deleting_a_measure_with_reported_progress_asks_first(window: MainWindow, qtbot: QtBot) -> None:
    path = doc_path(window)
    before = [m.id for m in stored_measures(path)]
    page = window.measures_page
    page.select_source_row(0)
    asked = answer_dialog("confirmDelete", "keepMeasure")
    window.act_delete.trigger()
    assert asked and "มีผลการดำเนินการที่รายงานไว้แล้ว" in asked[0]
    assert [m.id for m in stored_measures(path)] == before and window.undo_stack.count() == 0
    model = window.measures_model
    assert model is not None
    model.add_measures(len(before), [model.new_measure()])  # a new measure: nothing reported, no question
    page.select_source_row(len(before))
    window.act_delete.trigger()
    assert [m.id for m in stored_measures(path)] == before


def test_sorting_by_a_heading_says_the_documents_keep_the_plan_order(window: MainWindow, qtbot: QtBot) -> None:
    page = window.measures_page
    header = page.view.horizontalHeader()
    page.view.scrollTo(page.proxy.index(0, COLUMN_OF["end"]))  # the heading on screen, beside the frozen part
    assert 0 < header.sectionViewportPosition(COLUMN_OF["end"]) + 20 < header.viewport().width()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QtCore.QPoint(header.sectionViewportPosition(COLUMN_OF["end"]) + 20, header.height() // 2))
    assert page.proxy.sortColumn() == COLUMN_OF["end"]
    assert "เพื่อดูเท่านั้น" in page.count.text() and "สิ้นสุด" in page.count.text()
    window.act_plan_order.trigger()
    assert "เพื่อดูเท่านั้น" not in page.count.text()


def test_a_row_edited_while_searching_stays_in_view_and_the_count_stays_true(window: MainWindow,
                                                                            qtbot: QtBot) -> None:
    """Excel's filter: a row the clerk types into does not vanish because its new text no longer matches."""
    page = window.measures_page
    window.go_to("plan")
    type_text(page.filter, "ทรัพย์สิน")
    proxy, view = page.proxy, page.view
    assert 0 < proxy.rowCount() < page.model.rowCount()  # type: ignore[union-attr]
    shown = proxy.rowCount()
    index = proxy.index(0, COLUMN_OF["issue"])
    view.setCurrentIndex(index)
    view.setFocus()
    type_text(view, "ป")  # the first key opens the editor, the rest go where the focus is then
    editor = QtWidgets.QApplication.focusWidget()
    assert editor is not None
    type_text(editor, "ระเด็นใหม่")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Return)
    assert proxy.rowCount() == shown and proxy.index(0, COLUMN_OF["issue"]).data() == "ประเด็นใหม่"
    assert f"แสดง {shown} รายการ" in page.count.text()
    page.filter.clear()  # searching again applies the search to the new text
    type_text(page.filter, "ประเด็นใหม่")
    assert proxy.rowCount() == 1 and "แสดง ๑ รายการ" not in page.count.text() and "แสดง 1 รายการ" in page.count.text()
