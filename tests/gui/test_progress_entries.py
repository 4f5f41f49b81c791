"""Several dated entries per step, entries for the whole measure: what the clerk sees in a round's grid and
what the file then holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ita_desktop.domain.model import Measure, Progress, Status
from ita_desktop.gui.editors import MultiLineEditor
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.progress_model import COLUMN_OF, NOT_REPORTED, ProgressModel
from ita_desktop.gui.qt import Qt, QtWidgets
from ita_desktop.services.editing import DocumentEditor
from tests.gui.conftest import reopen
from tests.gui.helpers import open_editor, type_text


def stored(window: MainWindow) -> list[Measure]:
    assert window.editor is not None
    return reopen(window.editor.path).years[0].measures


def shown(model: ProgressModel, key: str) -> list[str]:
    return [model.index(r, COLUMN_OF[key]).data() for r in range(model.rowCount())]


@pytest.fixture
def round6(window: MainWindow) -> MainWindow:
    window.go_to("progress", 6)
    window.activateWindow()
    window.progress_page.view.setFocus()
    return window


def grid_model(window: MainWindow) -> ProgressModel:
    model = window.progress_page.model
    assert model is not None
    return model


def test_two_entries_for_one_step_are_two_rows(app: QtWidgets.QApplication, qtbot: QtBot, sample_doc: Path) -> None:
    editor = DocumentEditor.open(sample_doc)
    plan = editor.load_year(2567)
    assert plan is not None
    measure = plan.measures[0]
    editor.save_progress(measure, Progress(round=6, step=1, status=Status.DONE, result="ดำเนินการเมื่อ ๒๗ ม.ค. ๒๕๖๗"))
    editor.close()
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_document(sample_doc)
    win.go_to("progress", 6)
    model = grid_model(win)
    first, second = model.index(0, COLUMN_OF["result"]).data(), model.index(1, COLUMN_OF["result"]).data()
    assert second == "ดำเนินการเมื่อ ๒๗ ม.ค. ๒๕๖๗" and first != second
    steps = shown(model, "step")
    assert steps[0].startswith("1. ") and steps[1] == "ขั้นตอนที่ 1 — รายการที่ 2" and steps[2].startswith("2. ")
    assert model.index(1, COLUMN_OF["step"]).data(Qt.ItemDataRole.EditRole) == steps[0]  # copy: the step in full
    assert shown(model, "measure")[1] == ""  # the measure is named once, on its first row
    assert win.progress_page.summary.text() == "รอบ 6 เดือน: ดำเนินการแล้ว 10 จาก 22 ขั้นตอน"  # one step, once
    win.close()


def test_ctrl_enter_adds_an_entry_after_the_steps_others_and_undo_removes_it(round6: MainWindow,
                                                                             qtbot: QtBot) -> None:
    view, model = round6.progress_page.view, grid_model(round6)
    rows = model.rowCount()
    view.setCurrentIndex(model.index(0, COLUMN_OF["status"]))
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert model.rowCount() == rows + 1
    assert view.currentIndex().row() == 1 and view.currentIndex().column() == COLUMN_OF["result"]
    assert shown(model, "step")[1] == "ขั้นตอนที่ 1 — รายการที่ 2"  # the same step, a second row
    assert model.index(1, COLUMN_OF["status"]).data() == "ยังไม่ดำเนินการ"  # an entry, not a placeholder
    editor = open_editor(view, 1, COLUMN_OF["result"])
    assert isinstance(editor, MultiLineEditor)
    type_text(editor, "ดำเนินการครั้งที่สอง")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    entries = stored(round6)[0].entries_for(6, 1)
    assert [e.result for e in entries][1:] == ["ดำเนินการครั้งที่สอง"] and len(entries) == 2
    round6.undo_stack.undo()  # the result
    round6.undo_stack.undo()  # the entry
    assert model.rowCount() == rows
    assert len(stored(round6)[0].entries_for(6, 1)) == 1
    round6.undo_stack.redo()
    assert model.rowCount() == rows + 1 and len(stored(round6)[0].entries_for(6, 1)) == 2


def test_the_plus_button_adds_to_an_empty_step_and_a_placeholder_shows_until_then(round6: MainWindow,
                                                                                  qtbot: QtBot) -> None:
    view, model = round6.progress_page.view, grid_model(round6)
    assert model.index(2, COLUMN_OF["status"]).data() == NOT_REPORTED  # step 3: nothing reported yet
    assert model.index(2, COLUMN_OF["status"]).data(Qt.ItemDataRole.EditRole) == ""  # copy gives nothing
    assert not stored(round6)[0].entries_for(6, 3)
    view.setCurrentIndex(model.index(2, COLUMN_OF["result"]))
    rows = model.rowCount()
    button = round6.progress_page.findChild(QtWidgets.QToolButton, "button_addEntry")
    assert button is not None and button.isVisible() and button.text() == "+ เพิ่มรายการ"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == rows  # the placeholder became the entry
    assert model.index(2, COLUMN_OF["status"]).data() == "ยังไม่ดำเนินการ"
    assert len(stored(round6)[0].entries_for(6, 3)) == 1


def test_attaching_an_entry_to_the_whole_measure_stores_step_none(round6: MainWindow) -> None:
    view, model = round6.progress_page.view, grid_model(round6)
    entry_id = stored(round6)[0].entries_for(6, 2)[0].id
    combo = open_editor(view, 1, COLUMN_OF["step"])
    assert isinstance(combo, QtWidgets.QComboBox)
    assert combo.itemText(0) == "ทั้งมาตรการ"
    assert combo.count() == 4 and combo.itemText(2).startswith("2. ")
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    measure = stored(round6)[0]
    assert [e.id for e in measure.entries_for(6, None)] == [entry_id]
    assert not measure.entries_for(6, 2)
    assert shown(model, "step")[0] == "ทั้งมาตรการ" and shown(model, "step")[1].startswith("1. ")
    assert shown(model, "measure")[0].startswith("ตัวชี้วัดที่ 1\n")  # the whole-measure entry leads
    assert model.index(2, COLUMN_OF["status"]).data() == NOT_REPORTED  # step 2 is empty again
    round6.undo_stack.undo()
    assert [e.id for e in stored(round6)[0].entries_for(6, 2)] == [entry_id]
    assert model.index(0, COLUMN_OF["step"]).data().startswith("1. ")


def test_typing_a_step_number_attaches_and_pasting_ทั้งมาตรการ_works(round6: MainWindow) -> None:
    model = grid_model(round6)
    assert model.setData(model.index(0, COLUMN_OF["step"]), "๓")
    assert [e.step for e in stored(round6)[0].progress if e.round == 6] == [2, 3]
    assert not model.flags(model.index(0, COLUMN_OF["step"])) & Qt.ItemFlag.ItemIsEditable  # now a placeholder
    assert not model.setData(model.index(1, COLUMN_OF["step"]), "ขั้นตอนที่ไม่มี")
    assert "ไม่พบขั้นตอน" in round6.statusBar().currentMessage()
    assert model.setData(model.index(1, COLUMN_OF["step"]), "ทั้งมาตรการ")
    assert [e.step for e in stored(round6)[0].progress if e.round == 6] == [3, None]


def test_delete_an_entry_and_undo_brings_it_back_in_its_place(round6: MainWindow, qtbot: QtBot) -> None:
    view, model = round6.progress_page.view, grid_model(round6)
    before = [(e.id, e.step, e.result) for e in stored(round6)[0].progress]
    view.setCurrentIndex(model.index(0, COLUMN_OF["result"]))
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert not stored(round6)[0].entries_for(6, 1)
    assert model.index(0, COLUMN_OF["status"]).data() == NOT_REPORTED
    round6.undo_stack.undo()
    assert [(e.id, e.step, e.result) for e in stored(round6)[0].progress] == before
    view.clearSelection()
    view.setCurrentIndex(model.index(2, COLUMN_OF["result"]))  # a placeholder: nothing to delete
    round6.progress_page.act_delete.trigger()
    assert round6.statusBar().currentMessage() == "แถวที่เลือกยังไม่มีรายการให้ลบ"


def test_whole_measure_entry_for_a_measure_and_the_model_stays_consistent(
        round6: MainWindow, pytestconfig: pytest.Config) -> None:
    model = grid_model(round6)
    tester = ModelTester(pytestconfig)
    tester.check(model, force_py=True)
    rows = model.rowCount()
    row = model.add_entry(3, whole_measure=True)  # measure 2, as a whole
    assert row == 3 and model.index(3, COLUMN_OF["step"]).data() == "ทั้งมาตรการ"
    assert model.rowCount() == rows + 1
    model.setData(model.index(3, COLUMN_OF["result"]), "สรุปผลทั้งมาตรการ")
    assert [e.result for e in stored(round6)[1].entries_for(6, None)] == ["สรุปผลทั้งมาตรการ"]
    model.add_entry(0)
    model.attach(1, 3)
    model.delete_entries([0, 1, 2])
    for _ in range(5):
        round6.undo_stack.undo()
    assert model.rowCount() == rows
    for _ in range(5):
        round6.undo_stack.redo()
    assert not stored(round6)[0].entries_for(6, 1)
