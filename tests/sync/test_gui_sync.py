"""The window's sharing features, offscreen with real widgets: File ▸ Merge with the conflict dialog, Ctrl+S save
back of a working copy, the read-only view while another program holds the lock, and restoring a backup."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ita_desktop.gui.app import application
from ita_desktop.gui.backups_dialog import BackupsDialog
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.measures_model import COLUMN_OF
from ita_desktop.gui.merge_dialog import ConflictDialog, MergeSummaryDialog
from ita_desktop.gui.qt import Qt, QtWidgets
from ita_desktop.services.documents import load
from ita_desktop.sync.backups import list_backups
from ita_desktop.sync.locking import lock_path
from tests.processes import kill_hard
from tests.sync.helpers import content, copy_to, sha, small_document, update
from tests.sync.test_locking_and_backups import HOLD_LOCK

SHOTS = Path(os.environ.get("ITA_SCREENSHOTS", "/tmp/ita-shots"))


@pytest.fixture
def make_window(qapp: QtWidgets.QApplication, qtbot: QtBot) -> Iterator[list[MainWindow]]:
    application()
    windows: list[MainWindow] = []
    yield windows
    for window in windows:
        window.close()


def open_window(windows: list[MainWindow], qtbot: QtBot, path: Path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    windows.append(window)
    assert window.open_document(path)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def shot(widget: QtWidgets.QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def title_shown(window: MainWindow, row: int) -> str:
    model = window.measures_model
    assert model is not None
    return str(model.data(model.index(row, COLUMN_OF["title"])))


def test_file_merge_then_choose_in_the_conflict_dialog(make_window: list[MainWindow], qtbot: QtBot,
                                                       tmp_path: Path, qtmodeltester: ModelTester) -> None:
    clerk = small_document(tmp_path / "clerk" / "plan.ita")
    finance = copy_to(clerk, tmp_path / "USB" / "plan.ita")
    update(finance, "measures", "m0", {"title": "กองคลัง: เผยแพร่ผลการจัดซื้อจัดจ้างทุกเดือน"})
    update(finance, "steps", "m1-s2", {"text": "กองคลังเผยแพร่แล้ว"})
    update(clerk, "measures", "m0", {"title": "สำนักปลัด: เผยแพร่ผลการจัดซื้อจัดจ้างรายไตรมาส"})
    window = open_window(make_window, qtbot, clerk)
    assert window.sync.act_merge.isEnabled() and window.sync.act_merge in window.file_menu.actions()
    with qtbot.waitSignal(window.sync.merge_finished, timeout=20000) as merged:
        window.sync.start_merge(finance)
    assert merged.args == [1]
    summary = window.sync.summary_dialog
    assert isinstance(summary, MergeSummaryDialog) and summary.isVisible()
    qtbot.mouseClick(summary.conflicts_button, Qt.MouseButton.LeftButton)  # the default button: go on to choose
    dialog = window.sync.conflict_dialog
    assert isinstance(dialog, ConflictDialog) and dialog.isVisible()
    model = dialog.model
    qtmodeltester.check(model, force_py=True)  # and it keeps watching while the choice removes the row
    assert model.rowCount() == 1
    assert {model.data(model.index(0, 2)), model.data(model.index(0, 3))} == {
        "กองคลัง: เผยแพร่ผลการจัดซื้อจัดจ้างทุกเดือน", "สำนักปลัด: เผยแพร่ผลการจัดซื้อจัดจ้างรายไตรมาส"}
    assert "กองคลัง" in dialog.theirs_text.toPlainText() and "สำนักปลัด" in dialog.mine_text.toPlainText()
    dialog.resize(1000, 520)
    shot(dialog, "conflict-dialog")
    qtbot.mouseClick(dialog.use_theirs, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 0 and "ครบ" in dialog.remaining.text()
    assert dialog.close_button.text() == "ปิด"  # nothing is left "for later"
    dialog.reject()
    assert window.statusBar().currentMessage() == "เลือกข้อมูลที่ขัดแย้งครบทุกรายการแล้ว"
    qtbot.waitUntil(lambda: title_shown(window, 0) == "กองคลัง: เผยแพร่ผลการจัดซื้อจัดจ้างทุกเดือน")
    shot(window, "window-after-merge")
    measures = load(clerk).years[0].measures
    assert measures[0].title == "กองคลัง: เผยแพร่ผลการจัดซื้อจัดจ้างทุกเดือน"
    assert measures[1].steps[1].text == "กองคลังเผยแพร่แล้ว"


def test_a_merge_of_another_document_is_refused_in_thai(make_window: list[MainWindow], qtbot: QtBot,
                                                         tmp_path: Path) -> None:
    clerk = small_document(tmp_path / "clerk.ita")
    stranger = small_document(tmp_path / "stranger.ita")
    window = open_window(make_window, qtbot, clerk)
    before = content(clerk)
    with qtbot.waitSignal(window.sync.merge_finished, timeout=20000) as merged:
        window.sync.start_merge(stranger)
    assert merged.args == [-1]
    assert "เอกสารคนละฉบับ" in window.last_error
    assert content(clerk) == before


def test_ctrl_s_saves_a_working_copy_back_to_the_stick(make_window: list[MainWindow], qtbot: QtBot,
                                                       tmp_path: Path) -> None:
    stick = small_document(tmp_path / "USB" / "plan.ita")
    window = MainWindow()
    qtbot.addWidget(window)
    make_window.append(window)
    window.show()
    assert window.sync.bring_in_and_open(stick)
    assert window.editor is not None and window.editor.path != stick
    assert window.sync.act_save_back.isEnabled() and "Ctrl+S" in window.status_label.text()
    window.editor.database.write_row("measures", "m2", {"title": "แก้ในเครื่องแล้วบันทึกกลับ"})
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.sync.save_back_finished, timeout=20000) as saved:
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args == [True]
    assert "ถอดแฟลชไดรฟ์ได้อย่างปลอดภัย" in window.statusBar().currentMessage()
    assert load(stick).years[0].measures[2].title == "แก้ในเครื่องแล้วบันทึกกลับ"


def test_a_document_another_program_is_editing_opens_read_only(make_window: list[MainWindow], qtbot: QtBot,
                                                                tmp_path: Path) -> None:
    doc = small_document(tmp_path / "plan.ita")
    with subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(doc)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as other:
        try:
            assert other.stdout is not None and other.stdout.readline().strip() == "locked"
            before = sha(doc)
            window = open_window(make_window, qtbot, doc)
            assert window.editor is not None and window.editor.database.read_only
            assert "อ่านอย่างเดียว" in window.status_label.text()
            assert not window.act_add.isEnabled() and not window.sync.act_merge.isEnabled()
            assert title_shown(window, 0) == "มาตรการที่ 1"  # the plan is there to read
            grid = window.measures_page.findChild(QtWidgets.QTableView)
            assert grid is not None
            assert grid.editTriggers() == QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers
            assert window.texts_page.parts["intro"].edit.isReadOnly()  # the office's texts: to read only
            page = window.progress_page  # entries cannot be added either, not even by Ctrl+Enter
            page.set_model(window.progress_model(6))
            page.view.setCurrentIndex(page.view.model().index(0, 4))
            page.act_add.trigger()
            assert page.view.model().rowCount() == 6 and "อ่านอย่างเดียว" in window.statusBar().currentMessage()
            button = page.findChild(QtWidgets.QToolButton, "button_addEntry")
            assert button is not None and not button.isEnabled()
            shot(window, "window-read-only")
            window.close()
            assert sha(doc) == before
            assert lock_path(doc).exists()  # still the other program's lock
        finally:
            kill_hard(other)
            other.wait()
    window = open_window(make_window, qtbot, doc)  # the other program died: its lock is reclaimed
    assert window.editor is not None and not window.editor.database.read_only
    assert window.act_add.isEnabled()


def test_restore_a_backup_from_the_window(make_window: list[MainWindow], qtbot: QtBot, tmp_path: Path,
                                          qtmodeltester: ModelTester) -> None:
    clerk = small_document(tmp_path / "clerk" / "plan.ita")
    finance = copy_to(clerk, tmp_path / "USB" / "plan.ita")
    update(finance, "measures", "m0", {"title": "จากกองคลัง"})
    before = content(clerk)
    window = open_window(make_window, qtbot, clerk)
    with qtbot.waitSignal(window.sync.merge_finished, timeout=20000):
        window.sync.start_merge(finance)
    assert title_shown(window, 0) == "จากกองคลัง"
    dialog = BackupsDialog(clerk, window)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model, force_py=True)
    reasons = [dialog.model.data(dialog.model.index(r, 1)) for r in range(dialog.model.rowCount())]
    assert reasons[:2] == ["ก่อนรวมไฟล์", "เมื่อเปิดไฟล์"]
    dialog.show()
    shot(dialog, "backups-dialog")
    dialog.view.selectRow(0)
    dialog._accept_selected()
    assert dialog.chosen is not None and dialog.chosen.reason == "before-merge"
    assert window.sync.restore(dialog.chosen)
    assert content(clerk) == before
    assert title_shown(window, 0) == "มาตรการที่ 1"
    assert any(b.reason == "before-restore" for b in list_backups(clerk))


@pytest.mark.parametrize("answer", ["cancel", "use last complete"])
def test_a_stick_file_whose_save_did_not_finish_is_used_only_when_the_clerk_says_so(
        make_window: list[MainWindow], qtbot: QtBot, tmp_path: Path, answer: str) -> None:
    from tests.sync.test_hostile_copies import hostile_journal

    stick = small_document(tmp_path / "USB" / "plan.ita")
    victim = tmp_path / "USB" / "รายงาน.docx"
    victim.write_bytes(b"precious")
    hostile_journal(stick, victim)
    before = sha(stick)
    window = MainWindow()
    qtbot.addWidget(window)
    make_window.append(window)
    window.show()
    seen: list[str] = []

    def reply() -> None:
        box = QtWidgets.QApplication.activeModalWidget()
        assert isinstance(box, QtWidgets.QMessageBox) and box.objectName() == "unfinishedSaveBox"
        seen.append(box.text())
        wanted = "ใช้ข้อมูลที่บันทึกครบล่าสุด" if answer != "cancel" else "ยกเลิก"
        next(b for b in box.buttons() if b.text() == wanted).click()

    from ita_desktop.gui.qt import QtCore

    QtCore.QTimer.singleShot(0, reply)
    opened = window.sync.bring_in_and_open(stick)
    assert seen and "ถูกบันทึกไม่เสร็จ" in seen[0] and "plan.ita-journal" in seen[0]
    assert opened == (answer != "cancel")
    assert (window.editor is not None) == opened
    assert victim.read_bytes() == b"precious" and sha(stick) == before
