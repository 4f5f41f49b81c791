"""The check before every export and File ▸ ตรวจเอกสาร: errors and warnings in Thai, each a click away from its
cell; "ส่งออกต่อ" exports, "กลับไปแก้ไข" does not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ita_desktop.domain.model import Status
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.measures_model import COLUMN_OF
from ita_desktop.gui.progress_model import COLUMN_OF as PROGRESS_COLUMN
from ita_desktop.gui.qt import Qt, QtCore, QtWidgets


def spoil(window: MainWindow) -> None:
    """Measure 3 ends before it starts (an error); an entry of round 6 is dated after the round (a warning)."""
    model = window.measures_model
    assert model is not None
    model.edit(2, "start", date(2023, 12, 1))
    model.edit(2, "end", date(2023, 11, 1))
    measure = model.measure_at(4)
    entries = [e for e in measure.progress if e.round == 6]
    assert entries
    late = entries[0]
    late.done_on, late.status = date(2024, 5, 15), Status.DONE
    model.set_progress(measure.id, measure.progress, "ทดสอบ")


def dialog_now() -> QtWidgets.QDialog:
    dialog = QtWidgets.QApplication.activeModalWidget()
    assert isinstance(dialog, QtWidgets.QDialog) and dialog.objectName() == "exportCheck"
    return dialog


def test_check_lists_problems_in_thai_and_a_click_goes_to_the_cell(window: MainWindow, qtbot: QtBot,
                                                                   tmp_path: Path) -> None:
    spoil(window)
    seen: list[str] = []

    def look_and_click() -> None:
        dialog = dialog_now()
        problems = dialog.findChild(QtWidgets.QListWidget, "problemList")
        assert problems is not None
        seen.extend(problems.item(i).text() for i in range(problems.count()))
        assert dialog.grab().save(str(tmp_path / "check.png"))  # looked at: Thai, icons, one line each
        first = problems.item(0)
        qtbot.mouseClick(problems.viewport(), Qt.MouseButton.LeftButton,
                         pos=problems.visualItemRect(first).center())

    QtCore.QTimer.singleShot(0, look_and_click)
    window.act_check.trigger()
    assert seen[0].startswith("ข้อผิดพลาด: มาตรการที่ 3") and "วันสิ้นสุดอยู่ก่อนวันเริ่มต้น" in seen[0]
    assert not any("หลังสิ้นสุดรอบ" in s for s in seen)  # the plan prints no progress
    view = window.measures_page.view
    assert window.stack.currentWidget() is window.measures_page
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, COLUMN_OF["end"])


def test_a_round_report_lists_work_dated_after_the_round(window: MainWindow, qtbot: QtBot) -> None:
    spoil(window)
    window.go_to("progress", 6)
    seen: list[str] = []

    def look_and_click() -> None:
        dialog = dialog_now()
        problems = dialog.findChild(QtWidgets.QListWidget, "problemList")
        assert problems is not None
        seen.extend(problems.item(i).text() for i in range(problems.count()))
        late = next(problems.item(i) for i in range(problems.count()) if "หลังสิ้นสุดรอบ" in problems.item(i).text())
        qtbot.mouseClick(problems.viewport(), Qt.MouseButton.LeftButton, pos=problems.visualItemRect(late).center())

    QtCore.QTimer.singleShot(0, look_and_click)
    window.act_check.trigger()
    assert any("ข้อสังเกต: มาตรการที่ 5" in s and "หลังสิ้นสุดรอบ 6 เดือน" in s for s in seen)
    view = window.progress_page.view
    assert window.stack.currentWidget() is window.progress_page
    assert view.currentIndex().column() == PROGRESS_COLUMN["done_on"]


def test_export_waits_for_the_clerk_back_to_edit_or_export_anyway(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spoil(window)
    window.prefs.set("export/open_after", False)
    out = tmp_path / "plan.pdf"
    asked: list[str] = []

    def save_as(*_args: object, **_kwargs: object) -> tuple[str, str]:
        asked.append("file")
        return str(out), ""

    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", save_as)

    def accept_export_dialog(then: str) -> None:
        modal = QtWidgets.QApplication.activeModalWidget()
        assert isinstance(modal, QtWidgets.QDialog) and modal.objectName() == "ExportDialog"
        QtCore.QTimer.singleShot(0, lambda: answer_check(then))
        modal.accept()

    def answer_check(button: str) -> None:
        dialog = dialog_now()
        target = dialog.findChild(QtWidgets.QPushButton, button)
        assert target is not None
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

    QtCore.QTimer.singleShot(0, lambda: accept_export_dialog("backToEdit"))
    window.ask_export()
    assert asked == [] and not out.exists()  # back to fix: no export
    QtCore.QTimer.singleShot(0, lambda: accept_export_dialog("exportAnyway"))
    with qtbot.waitSignal(window.export_finished, timeout=90000) as blocker:
        window.ask_export()
    assert asked == ["file"] and blocker.args[0].endswith("plan.pdf") and out.exists()


def test_a_file_of_two_parts_is_checked_part_by_part(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """"Plan + analysis" in one file: the analysis is the second part, and its unreviewed draft is still warned
    of (the check looked only at the first part before)."""
    from ita_desktop.gui.export_check import UNREVIEWED_DRAFT

    window.go_to("plan")
    asked: list[str] = []

    def save_as(*_args: object, **_kwargs: object) -> tuple[str, str]:
        asked.append("file")
        return str(tmp_path / "x.pdf"), ""

    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", save_as)
    seen: list[str] = []

    def choose_parts() -> None:
        modal = QtWidgets.QApplication.activeModalWidget()
        assert isinstance(modal, QtWidgets.QDialog) and modal.objectName() == "ExportDialog"
        doc = modal.findChild(QtWidgets.QComboBox, "doc")
        second = modal.findChild(QtWidgets.QComboBox, "secondPart")
        assert doc is not None and second is not None
        assert doc.currentData() == "plan"
        second.setFocus()
        target = next(i for i in range(second.count()) if str(second.itemData(i)).startswith("analysis:"))
        while second.currentIndex() != target:  # the clerk picks the analysis as the second part
            qtbot.keyClick(second, Qt.Key.Key_Down)
        QtCore.QTimer.singleShot(0, look_and_go_back)
        modal.accept()

    def look_and_go_back() -> None:
        dialog = dialog_now()
        problems = dialog.findChild(QtWidgets.QListWidget, "problemList")
        assert problems is not None
        seen.extend(problems.item(i).text() for i in range(problems.count()))
        seen.append(dialog.windowTitle())
        back = dialog.findChild(QtWidgets.QPushButton, "backToEdit")
        assert back is not None
        qtbot.mouseClick(back, Qt.MouseButton.LeftButton)

    QtCore.QTimer.singleShot(0, choose_parts)
    window.ask_export()
    assert f"ข้อสังเกต: ส่วนที่ 2 (รายงานการวิเคราะห์) — {UNREVIEWED_DRAFT}" in seen
    assert seen[-1] == "ตรวจเอกสารก่อนส่งออก — แผนมาตรการ + รายงานการวิเคราะห์"
    assert asked == []  # back to fix: nothing exported
