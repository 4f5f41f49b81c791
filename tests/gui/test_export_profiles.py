"""The export dialog's columns (rename, reorder, untick to hide), kept in the document when the clerk exports,
offered again next time; and a second part in the same file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ita_desktop.domain.profiles import ProfileColumn
from ita_desktop.gui.export_dialog import ExportDialog
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import Qt, QtCore, QtWidgets
from ita_desktop.services.documents import load
from tests.gui.helpers import answer_dialog, type_text
from tests.pdf.readback import found, pdfium_pages


def open_dialog(window: MainWindow) -> ExportDialog:
    assert window.editor is not None
    return ExportDialog(window, window.prefs, 2567, [6, 12], "progress", 6, window.editor.profiles())


def texts(dialog: ExportDialog) -> list[str]:
    widget = dialog.columns.widget
    return [widget.item(i).text() for i in range(widget.count())]


def edit_results_columns(dialog: ExportDialog, qtbot: QtBot) -> None:
    dialog.layout.setCurrentIndex(dialog.layout.findData(5))
    widget = dialog.columns.widget
    qtbot.addWidget(dialog.dialog)
    dialog.dialog.show()
    qtbot.waitExposed(dialog.dialog)
    assert texts(dialog) == ["มาตรการ/แนวทาง", "ขั้นตอน/วิธีการปฏิบัติ", "หน่วยงานรับผิดชอบ", "ระยะเวลาดำเนินงาน",
                             "สรุปผลการดำเนินงาน", "ผลสัมฤทธิ์"]
    widget.setCurrentRow(5)
    widget.editItem(widget.item(5))  # as a double-click does
    editor = widget.indexWidget(widget.currentIndex())
    assert isinstance(editor, QtWidgets.QLineEdit)
    editor.selectAll()
    type_text(editor, "ผลรับความสำเร็จ")
    # no Return: clicking "ขึ้น" while typing takes the name, as a clerk does it
    up = dialog.dialog.findChild(QtWidgets.QPushButton, "columnUp")
    assert up is not None
    for _ in range(5):
        qtbot.mouseClick(up, Qt.MouseButton.LeftButton)
    widget.item(4).setCheckState(Qt.CheckState.Unchecked)  # ระยะเวลาดำเนินงาน, now fifth


def test_the_clerk_renames_moves_and_hides_columns(window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_dialog(window)
    assert dialog.options().profile is None  # nothing chosen, nothing saved: the layout as it is
    edit_results_columns(dialog, qtbot)
    assert texts(dialog)[0] == "ผลรับความสำเร็จ"
    options = dialog.options()
    assert options.profile is not None and (options.profile.document, options.profile.layout) == ("progress", 5)
    assert options.profile.columns == [
        ProfileColumn("outcome", "ผลรับความสำเร็จ"), ProfileColumn("measure"), ProfileColumn("steps"),
        ProfileColumn("units"), ProfileColumn("timeframe", hidden=True), ProfileColumn("result")]
    saved = dialog.profile_to_save()
    assert saved is not None and saved.columns == options.profile.columns
    dialog.layout.setCurrentIndex(dialog.layout.findData(3))  # another layout, and back: the edits stay
    assert texts(dialog)[0] == "ประเด็นที่ต้องพัฒนาตามตัวชี้วัด"
    dialog.layout.setCurrentIndex(dialog.layout.findData(5))
    assert texts(dialog)[0] == "ผลรับความสำเร็จ"
    reset = dialog.dialog.findChild(QtWidgets.QPushButton, "columnsReset")
    assert reset is not None
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert texts(dialog)[-1] == "ผลสัมฤทธิ์" and dialog.options().profile is None
    assert dialog.layout.findData(6) == -1 and dialog.layout.findData(1) == -1  # not a progress layout: not offered
    dialog.doc.setCurrentIndex(dialog.doc.findData("analysis"))
    assert [dialog.layout.itemData(i) for i in range(dialog.layout.count())] == [6]
    assert dialog.options().layout == 6


def test_exporting_keeps_the_columns_in_the_document_and_the_next_export_offers_them(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.prefs.set("export/open_after", False)
    window.go_to("progress", 6)
    out = tmp_path / "round6.pdf"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    def choose_and_export() -> None:
        modal = QtWidgets.QApplication.activeModalWidget()
        assert isinstance(modal, QtWidgets.QDialog)
        dialog = window.findChild(QtWidgets.QDialog, "ExportDialog")
        assert dialog is modal
        layout = modal.findChild(QtWidgets.QComboBox, "layoutChoice")
        widget = modal.findChild(QtWidgets.QListWidget, "columns")
        assert layout is not None and widget is not None
        layout.setCurrentIndex(layout.findData(5))
        widget.item(5).setText("ผลรับความสำเร็จ")
        widget.item(3).setCheckState(Qt.CheckState.Unchecked)
        answer_dialog("exportCheck", "exportAnyway")  # the sample's round 6 has warnings: export anyway
        modal.accept()

    QtCore.QTimer.singleShot(0, choose_and_export)
    with qtbot.waitSignal(window.export_finished, timeout=90000) as blocker:
        window.ask_export()
    assert blocker.args == [str(out)]
    text = "\n".join(pdfium_pages(out))
    assert found("ผลรับความสำเร็จ", text) and not found("ระยะเวลาดำเนินงาน", text)
    assert window.editor is not None
    (profile,) = load(window.editor.path).profiles
    assert [c.key for c in profile.columns if c.hidden] == ["timeframe"]
    again = open_dialog(window)
    again.layout.setCurrentIndex(again.layout.findData(5))
    assert texts(again)[5] == "ผลรับความสำเร็จ"
    assert again.columns.widget.item(3).checkState() == Qt.CheckState.Unchecked
    assert again.options().profile == profile and again.profile_to_save() is None


def test_a_second_part_goes_into_the_same_file(window: MainWindow) -> None:
    dialog = open_dialog(window)
    dialog.doc.setCurrentIndex(dialog.doc.findData("analysis"))
    dialog.second.setCurrentIndex(dialog.second.findData("plan:1"))
    options = dialog.options()
    assert options.doc == "analysis" and [(p.doc, p.layout, p.year) for p in options.parts] == [("plan", 1, 2567)]


def choose(combo: QtWidgets.QComboBox, key: str, qtbot: QtBot) -> None:
    """Pick ``key`` in ``combo`` as a clerk does: click it open, then keys down to the item and Return."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.findData(key)):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == key


def test_the_date_style_and_sections_chosen_print_and_are_kept_for_the_next_export(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.prefs.set("export/open_after", False)
    window.go_to("plan")
    out = tmp_path / "plan.pdf"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    def choose_and_export() -> None:
        modal = QtWidgets.QApplication.activeModalWidget()
        assert isinstance(modal, QtWidgets.QDialog)
        date_style = modal.findChild(QtWidgets.QComboBox, "dateStyle")
        grouping = modal.findChild(QtWidgets.QComboBox, "grouping")
        unreported = modal.findChild(QtWidgets.QCheckBox, "showUnreported")
        assert date_style is not None and grouping is not None and unreported is not None
        layout = modal.findChild(QtWidgets.QComboBox, "layoutChoice")
        assert layout is not None
        layout.setCurrentIndex(layout.findData(5))  # the plan with its timeframes
        assert date_style.currentData() == "short" and grouping.currentData() == "auto"
        assert not unreported.isEnabled()  # a plan has no rounds to report
        choose(date_style, "full", qtbot)
        choose(grouping, "tool", qtbot)
        answer_dialog("exportCheck", "exportAnyway")
        modal.accept()

    QtCore.QTimer.singleShot(0, choose_and_export)
    with qtbot.waitSignal(window.export_finished, timeout=90000):
        window.ask_export()
    text = "\n".join(pdfium_pages(out))
    assert found("ตุลาคม ๒๕๖๖", text) and not found("ต.ค. ๖๖", text)
    assert found("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)", text)  # sections by tool, as chosen
    assert window.editor is not None
    (profile,) = load(window.editor.path).profiles
    assert (profile.document, profile.layout, profile.date_style, profile.grouping) == ("plan", 5, "full", "tool")
    again = ExportDialog(window, window.prefs, 2567, [6, 12], "plan", None, window.editor.profiles())
    again.layout.setCurrentIndex(again.layout.findData(5))
    assert again.columns.settings is not None
    assert again.columns.settings.date_style.currentData() == "full"
    assert again.options().date_style == "short"  # the options' own default: the profile decides, as below
    assert again.options().profile == profile and again.profile_to_save() is None
    choose(again.columns.settings.date_style, "short", qtbot)  # back to the default: it must print the default
    back = again.profile_to_save()
    assert back is not None and back.date_style == "short" and back.id == profile.id
