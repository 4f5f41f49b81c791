"""File ▸ นำเข้าจากเอกสารเดิม…: an office's own Word report read on a worker, shown in a preview, written on นำเข้า.

Real clicks: the import and cancel buttons, and a column's field chosen in its combo box's popup. Cancel writes
nothing (the SQLite file's bytes are compared); a column changed by hand is what the written document holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ita_desktop.domain.model import Organization
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import Qt, QtWidgets
from ita_desktop.services.documents import load, new_document
from tests.office.test_docx_import import _no_table, hand_made, sha
from tests.office.test_old_document_preview import with_stray_text

# a combo box's popup on the offscreen platform: it cannot raise the popup or grab the keyboard, and says so
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise", "grabbing the keyboard")


def _window(qtbot: QtBot, tmp_path: Path, year: int = 2566) -> tuple[MainWindow, Path]:
    path = tmp_path / "office.ita"
    new_document(path, Organization(name="องค์การบริหารส่วนตำบลทดสอบ"), year)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_document(path)
    win.show()
    qtbot.waitExposed(win)
    return win, path


def _preview(qtbot: QtBot, win: MainWindow, old: Path) -> QtWidgets.QDialog:
    win.start_import_old(old)
    qtbot.waitUntil(lambda: win.old_preview is not None and win.old_preview.isVisible() and win.job is None,
                    timeout=60000)
    dialog: QtWidgets.QDialog = win.old_preview
    return dialog


def _choose(qtbot: QtBot, combo: QtWidgets.QComboBox | None, text: str) -> None:
    """Open the combo box's popup with a click, walk to the item with the arrow keys and press Enter."""
    assert combo is not None
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    row = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    step = Qt.Key.Key_Down if row > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(row - combo.currentIndex())):
        qtbot.keyClick(view, step)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())


def _child(dialog: QtWidgets.QDialog, kind: type, name: str) -> Any:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def test_the_preview_shows_what_was_found_and_imports_on_confirm(
        app: QtWidgets.QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    win, path = _window(qtbot, tmp_path)
    assert win.act_import_old in win.file_menu.actions() and win.act_import_old.isEnabled()
    assert win.act_import_old.text() == "นำเข้าจากเอกสารเดิม…"
    before = sha(path)
    dialog = _preview(qtbot, win, hand_made(tmp_path / "old.docx"))
    assert sha(path) == before  # nothing written while the preview is open
    measures = _child(dialog, QtWidgets.QPlainTextEdit, "previewMeasures").toPlainText()
    assert "ขั้นตอน ๑: ประชุมชี้แจงบุคลากร" in measures and "ผู้รับผิดชอบ: สำนักปลัด, กองคลัง" in measures
    assert "ผลรอบ ๖ เดือน (ขั้นตอน ๑) ดำเนินการแล้ว เมื่อ ๑ ธันวาคม ๒๕๖๕: ประชุมแล้ว" in measures
    assert "ผู้ลงนาม: ผู้รายงาน สมชาย ใจดี" in measures
    assert _child(dialog, QtWidgets.QComboBox, "mapColumn3").currentData() == "steps"  # detected, preselected
    assert not _child(dialog, QtWidgets.QLabel, "pdfNote").isVisible()
    with qtbot.waitSignal(win.import_finished, timeout=60000) as blocker:
        qtbot.mouseClick(_child(dialog, QtWidgets.QPushButton, "importButton"), Qt.MouseButton.LeftButton)
    assert blocker.args == [True]
    assert win.measures_model is not None and win.measures_model.rowCount() == 4
    assert "4 measure(s) added, 0 matched" in win.last_import_summary
    assert "เพิ่มมาตรการ ๔ รายการ" in win.last_import_summary
    win.close()


def test_a_column_mapped_by_hand_is_what_gets_written(app: QtWidgets.QApplication, qtbot: QtBot,
                                                     tmp_path: Path) -> None:
    win, path = _window(qtbot, tmp_path)
    dialog = _preview(qtbot, win, hand_made(tmp_path / "old.docx"))
    combo = _child(dialog, QtWidgets.QComboBox, "mapColumn4")
    assert combo.currentData() == "result"
    _choose(qtbot, combo, "การกำกับติดตาม")
    assert combo.currentData() == "monitoring"
    header = _child(dialog, QtWidgets.QTableView, "foundRows").model().headerData(
        3, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header.endswith("→ การกำกับติดตาม")
    assert "ผลรอบ" not in _child(dialog, QtWidgets.QPlainTextEdit, "previewMeasures").toPlainText()
    # leaving out both columns of measures is refused at once, and the import button goes grey
    _choose(qtbot, _child(dialog, QtWidgets.QComboBox, "mapColumn3"), "(ไม่นำเข้า")
    _choose(qtbot, _child(dialog, QtWidgets.QComboBox, "mapColumn2"), "(ไม่นำเข้า")
    assert not _child(dialog, QtWidgets.QPushButton, "importButton").isEnabled()
    assert "ต้องมีอย่างน้อยหนึ่งคอลัมน์" in _child(dialog, QtWidgets.QLabel, "mappingProblem").text()
    _choose(qtbot, _child(dialog, QtWidgets.QComboBox, "mapColumn3"), "ขั้นตอน/วิธีการปฏิบัติ")
    _choose(qtbot, _child(dialog, QtWidgets.QComboBox, "mapColumn2"), "ประเด็นที่ต้องพัฒนา")
    with qtbot.waitSignal(win.import_finished, timeout=60000):
        qtbot.mouseClick(_child(dialog, QtWidgets.QPushButton, "importButton"), Qt.MouseButton.LeftButton)
    plan = load(path).year(2566)
    assert plan is not None and len(plan.measures) == 4
    assert plan.measures[0].monitoring.startswith("๑. ดำเนินการเมื่อ วันที่ ๑ ธันวาคม ๒๕๖๕ ประชุมแล้ว")
    assert [s.text for s in plan.measures[0].steps] == ["ประชุมชี้แจงบุคลากร", "ติดตามผลการให้บริการ"]
    assert not any(m.progress for m in plan.measures)
    win.close()


def test_cancel_writes_nothing(app: QtWidgets.QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    win, path = _window(qtbot, tmp_path)
    before = path.read_bytes()
    dialog = _preview(qtbot, win, hand_made(tmp_path / "old.docx"))
    _choose(qtbot, _child(dialog, QtWidgets.QComboBox, "mapColumn4"), "การกำกับติดตาม")
    with qtbot.waitSignal(win.import_finished, timeout=10000) as blocker:
        qtbot.mouseClick(_child(dialog, QtWidgets.QPushButton, "cancelButton"), Qt.MouseButton.LeftButton)
    assert blocker.args == [False]
    win.close()
    assert path.read_bytes() == before


def test_unplaced_text_is_visible_copyable_and_kept(app: QtWidgets.QApplication, qtbot: QtBot,
                                                   tmp_path: Path) -> None:
    win, path = _window(qtbot, tmp_path, 2567)
    dialog = _preview(qtbot, win, with_stray_text(tmp_path / "stray.docx"))
    tabs = _child(dialog, QtWidgets.QTabWidget, "previewTabs")
    assert tabs.tabText(2) == "ข้อความที่ยังไม่ได้จัดที่ (3)"
    tabs.setCurrentIndex(2)
    unplaced = _child(dialog, QtWidgets.QPlainTextEdit, "unplacedText")
    assert "ใช้งบประมาณจากเงินสะสม" in unplaced.toPlainText() and "ค่าจัดประชุม" in unplaced.toPlainText()
    qtbot.mouseClick(_child(dialog, QtWidgets.QPushButton, "copyUnplaced"), Qt.MouseButton.LeftButton)
    assert "โทร ๐๘๑ ๒๓๔ ๕๖๗๘" in QtWidgets.QApplication.clipboard().text()
    # the column no field names, mapped by hand, is no longer unplaced
    _choose(qtbot, _child(dialog, QtWidgets.QComboBox, "mapColumn4"), "การกำกับติดตาม")
    assert tabs.tabText(2) == "ข้อความที่ยังไม่ได้จัดที่ (2)"
    with qtbot.waitSignal(win.import_finished, timeout=60000):
        qtbot.mouseClick(_child(dialog, QtWidgets.QPushButton, "importButton"), Qt.MouseButton.LeftButton)
    plan = load(path).year(2567)
    assert plan is not None
    assert plan.measures[0].monitoring == "ใช้งบประมาณจากเงินสะสม"
    closing = next(t.text for t in plan.texts if t.part == "closing")
    assert "ค่าจัดประชุม" in closing and "โทร ๐๘๑ ๒๓๔ ๕๖๗๘" in closing
    win.close()


def test_a_word_file_without_a_measures_table_is_an_error_and_changes_nothing(
        app: QtWidgets.QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    win, path = _window(qtbot, tmp_path)
    before = sha(path)
    with qtbot.waitSignal(win.import_finished, timeout=60000) as blocker:
        win.start_import_old(_no_table(tmp_path / "plain.docx"))
    assert blocker.args == [False]
    assert "ไม่พบตารางมาตรการ" in win.last_error
    assert win.old_preview is None
    win.close()
    assert sha(path) == before
