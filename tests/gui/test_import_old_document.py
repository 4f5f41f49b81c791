"""File ▸ นำเข้าจากเอกสารเดิม…: an office's own Word report read into the open document on a worker, with a summary."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ita_desktop.domain.model import Organization
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import QtWidgets
from ita_desktop.services.documents import new_document
from tests.office.test_docx_import import hand_made


def test_the_file_menu_reads_an_old_word_report_into_the_open_document(
        app: QtWidgets.QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "office.ita"
    new_document(path, Organization(name="องค์การบริหารส่วนตำบลทดสอบ"), 2566)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_document(path)
    assert win.act_import_old in win.file_menu.actions() and win.act_import_old.isEnabled()
    assert win.act_import_old.text() == "นำเข้าจากเอกสารเดิม…"
    with qtbot.waitSignal(win.import_finished, timeout=60000) as blocker:
        win.start_import_old(hand_made(tmp_path / "old.docx"))
    assert blocker.args == [True]
    assert win.measures_model is not None and win.measures_model.rowCount() == 4
    assert "4 measure(s) added, 0 matched" in win.last_import_summary
    assert "เพิ่มมาตรการ ๔ รายการ" in win.last_import_summary
    win.close()


def test_a_word_file_without_a_measures_table_is_an_error_and_changes_nothing(
        app: QtWidgets.QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    from tests.office.test_docx_import import _no_table, sha

    path = tmp_path / "office.ita"
    new_document(path, Organization(name="องค์การบริหารส่วนตำบลทดสอบ"), 2566)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_document(path)
    before = sha(path)
    with qtbot.waitSignal(win.import_finished, timeout=60000) as blocker:
        win.start_import_old(_no_table(tmp_path / "plain.docx"))
    assert blocker.args == [False]
    assert "ไม่พบตารางมาตรการ" in win.last_error
    win.close()
    assert sha(path) == before
