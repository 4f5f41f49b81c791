"""The window after a merge (issue 11 point 9): the merge dialog names each measure added, changed and deleted;
เลิกทำการรวม (the menu, the dialog's button, or Ctrl+Z right after the merge) puts back exactly the file as it
was before the merge, and warns by name about every edit made since, which the clerk may keep by declining."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pytestqt.qtbot import QtBot

from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.merge_dialog import MergeSummaryDialog
from ita_desktop.gui.qt import Qt, QtWidgets
from ita_desktop.services.documents import load
from ita_desktop.storage.schema import TABLES
from ita_desktop.sync.backups import list_backups
from tests.sync.helpers import copy_to, delete_measure, small_document, update
from tests.sync.test_gui_sync import make_window, open_window, shot, title_shown

__all__ = ["make_window"]  # the fixture, shared with the other window tests


Rows = dict[str, list[tuple[object, ...]]]


def sqlite_rows(path: Path) -> Rows:
    """Every row of every table a merge touches, as SQLite holds them (updated_at and stamps included)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [t.name for t in TABLES] + ["conflicts", "clock"]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        conn.close()


def merged_window(windows: list[MainWindow], qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, Path, Rows]:
    """The clerk's window after merging a department copy that deleted measure 2 and renamed measure 1."""
    clerk = small_document(tmp_path / "clerk" / "plan.ita")
    finance = copy_to(clerk, tmp_path / "USB" / "plan.ita")
    delete_measure(finance, "m1")
    update(finance, "measures", "m0", {"title": "กองคลัง: เผยแพร่ผลการจัดซื้อจัดจ้างทุกเดือน"})
    before = sqlite_rows(clerk)
    window = open_window(windows, qtbot, clerk)
    with qtbot.waitSignal(window.sync.merge_finished, timeout=20000):
        window.sync.start_merge(finance)
    assert sqlite_rows(clerk) != before
    return window, clerk, before


def summary_of(window: MainWindow) -> MergeSummaryDialog:
    dialog = window.sync.summary_dialog
    assert isinstance(dialog, MergeSummaryDialog) and dialog.isVisible()
    return dialog


def undo_box(window: MainWindow, qtbot: QtBot) -> QtWidgets.QMessageBox:
    qtbot.waitUntil(lambda: window.sync.undo_box is not None and window.sync.undo_box.isVisible())
    box = window.sync.undo_box
    assert box is not None
    return box


def ctrl_z(window: MainWindow, qtbot: QtBot) -> None:
    """Ctrl+Z pressed on the plan grid, the window active."""
    view = window.measures_page.view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is view)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def click(qtbot: QtBot, box: QtWidgets.QWidget, name: str) -> None:
    button = box.findChild(QtWidgets.QAbstractButton, name)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_merge_dialog_names_each_measure_and_the_deleted_one(make_window: list[MainWindow], qtbot: QtBot,
                                                                 tmp_path: Path) -> None:
    window, _clerk, _before = merged_window(make_window, qtbot, tmp_path)
    dialog = summary_of(window)
    lines = dialog.details.toPlainText().splitlines()
    assert "• ลบมาตรการ «มาตรการที่ 2»" in lines
    assert "• แก้ไขมาตรการ «กองคลัง: เผยแพร่ผลการจัดซื้อจัดจ้างทุกเดือน» (เดิม «มาตรการที่ 1»): ชื่อมาตรการ" in lines
    assert "มาตรการ: แก้ไข 1, ลบ 1 รายการ" in dialog.headline.text()
    assert "ปรับปรุง" not in window.statusBar().currentMessage()
    shot(dialog, "merge-summary-dialog")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert [title_shown(window, r) for r in range(2)] == ["กองคลัง: เผยแพร่ผลการจัดซื้อจัดจ้างทุกเดือน", "มาตรการที่ 3"]


def test_ctrl_z_right_after_a_merge_undoes_it_exactly(make_window: list[MainWindow], qtbot: QtBot,
                                                      tmp_path: Path) -> None:
    window, clerk, before = merged_window(make_window, qtbot, tmp_path)
    qtbot.mouseClick(summary_of(window).close_button, Qt.MouseButton.LeftButton)
    assert window.act_undo.text() == "เลิกทำ การรวมไฟล์ plan.ita"
    ctrl_z(window, qtbot)
    box = undo_box(window, qtbot)
    assert box.icon() == QtWidgets.QMessageBox.Icon.Question and "คำเตือน" not in box.text()
    click(qtbot, box, "keepMerge")  # declined: the merge stays, and Ctrl+Z offers it again
    assert window.undo_stack.canUndo() and window.act_undo.text() == "เลิกทำ การรวมไฟล์ plan.ita"
    assert title_shown(window, 0) == "กองคลัง: เผยแพร่ผลการจัดซื้อจัดจ้างทุกเดือน"
    ctrl_z(window, qtbot)
    click(qtbot, undo_box(window, qtbot), "confirmUndoMerge")
    qtbot.waitUntil(lambda: title_shown(window, 0) == "มาตรการที่ 1")
    assert sqlite_rows(clerk) == before  # every row, stamp and clock as before the merge
    assert [title_shown(window, r) for r in range(3)] == ["มาตรการที่ 1", "มาตรการที่ 2", "มาตรการที่ 3"]
    assert "เลิกทำการรวมไฟล์ plan.ita แล้ว" in window.statusBar().currentMessage()
    assert not window.sync.act_undo_merge.isEnabled()  # undone once; the backups hold the rest


def test_undoing_a_merge_warns_by_name_about_edits_made_after_it(make_window: list[MainWindow], qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    from tests.gui.test_excel_editing import TITLE, focused_grid, type_on_cell

    window, clerk, before = merged_window(make_window, qtbot, tmp_path)
    dialog = summary_of(window)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    view = window.measures_page.view
    focused_grid(window, qtbot, view, 1, TITLE)
    type_on_cell(qtbot, view, "Edited after the merge")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Return)
    assert load(clerk).years[0].measures[1].title == "Edited after the merge"
    after_edit = sqlite_rows(clerk)
    file_menu = window.file_menu
    assert window.sync.act_undo_merge in file_menu.actions() and window.sync.act_undo_merge.isEnabled()
    window.sync.act_undo_merge.trigger()
    box = undo_box(window, qtbot)
    assert box.icon() == QtWidgets.QMessageBox.Icon.Warning
    assert "คำเตือน" in box.text() and "แก้ไขมาตรการ «Edited after the merge» (เดิม «มาตรการที่ 3»)" in box.text()
    assert box.defaultButton() is box.findChild(QtWidgets.QAbstractButton, "keepMerge")
    shot(box, "undo-merge-warning")
    click(qtbot, box, "keepMerge")
    assert sqlite_rows(clerk) == after_edit  # declining changes nothing
    window.sync.act_undo_merge.trigger()
    click(qtbot, undo_box(window, qtbot), "confirmUndoMerge")
    qtbot.waitUntil(lambda: title_shown(window, 0) == "มาตรการที่ 1")
    assert sqlite_rows(clerk) == before
    saved = next(b for b in list_backups(clerk) if b.reason == "before-restore")  # the edit is not lost
    assert "Edited after the merge" in [m.title for m in load(saved.path).years[0].measures]


def test_the_merge_dialogs_button_undoes_the_merge(make_window: list[MainWindow], qtbot: QtBot,
                                                   tmp_path: Path) -> None:
    window, clerk, before = merged_window(make_window, qtbot, tmp_path)
    qtbot.mouseClick(summary_of(window).undo_button, Qt.MouseButton.LeftButton)
    click(qtbot, undo_box(window, qtbot), "confirmUndoMerge")
    qtbot.waitUntil(lambda: title_shown(window, 1) == "มาตรการที่ 2")
    assert sqlite_rows(clerk) == before
