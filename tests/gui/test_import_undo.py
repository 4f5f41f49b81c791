"""Issue 13: an import is one undo step, like a merge. After File ▸ นำเข้าจากเอกสารเดิม… (a column mapped by hand in
the preview) or File ▸ นำเข้าข้อมูล (JSON / Excel), Ctrl+Z offers "เลิกทำ การนำเข้า …", asks first, and on confirm
puts back every SQLite row exactly as it was before the import; an edit made after the import is named in the
warning, and kept in the 'before-restore' backup."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from ita_desktop.domain.measure_names import measure_name
from ita_desktop.domain.model import Organization
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import Qt, QtWidgets
from ita_desktop.reports.office.sheet_columns import MEASURE_SHEET
from ita_desktop.reports.xlsx_export import export_xlsx
from ita_desktop.samples import create_sample_document
from ita_desktop.services.documents import export_json, load, new_document
from ita_desktop.services.exporting import ExportOptions
from ita_desktop.sync.backups import list_backups
from tests.gui.test_excel_editing import TITLE, focused_grid, type_on_cell
from tests.gui.test_import_old_document import _child, _choose, _preview
from tests.office.test_docx_import import hand_made
from tests.sync.test_gui_merge_undo import click, ctrl_z, undo_box
from tests.sync.test_gui_sync import make_window, open_window, shot, title_shown

__all__ = ["make_window"]  # the fixture, shared with the other window tests

# a combo box's popup on the offscreen platform: it cannot raise the popup or grab the keyboard, and says so
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise", "grabbing the keyboard")

Rows = dict[str, list[tuple[object, ...]]]


# What names the file itself rather than its content: a restored file is a new copy with its own replica id (two
# copies must never hand out the same change stamp), so these are the only rows a restore may not put back.
FILE_IDENTITY = ("created_at", "replica_home", "replica_id")


def every_row(path: Path) -> Rows:
    """Every row of every table in the file, as SQLite holds them (ids, stamps, clocks and the document id
    included), but the file's own identity."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        rows = {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        conn.close()
    rows["meta"] = [r for r in rows["meta"] if r[0] not in FILE_IDENTITY]
    assert any(r[0] == "doc_id" for r in rows["meta"]) and len(rows) > 10
    return rows


def close_summary(window: MainWindow, qtbot: QtBot) -> None:
    """Click OK on the box saying what the old document brought."""
    box = window.findChild(QtWidgets.QMessageBox, "importSummaryBox")
    assert box is not None and box.isVisible()
    qtbot.mouseClick(box.button(QtWidgets.QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())


def imported_old_document(windows: list[MainWindow], qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, Path, Rows]:
    """A clerk's document, then last year's Word plan brought in through the preview, its column 4 (ผลการดำเนินการ)
    mapped by hand to การกำกับติดตาม."""
    path = tmp_path / "office.ita"
    new_document(path, Organization(name="องค์การบริหารส่วนตำบลทดสอบ"), 2566)
    window = open_window(windows, qtbot, path)
    before = every_row(path)
    dialog = _preview(qtbot, window, hand_made(tmp_path / "old.docx"))
    _choose(qtbot, _child(dialog, QtWidgets.QComboBox, "mapColumn4"), "การกำกับติดตาม")
    assert _child(dialog, QtWidgets.QComboBox, "mapColumn4").currentData() == "monitoring"
    with qtbot.waitSignal(window.import_finished, timeout=60000) as blocker:
        qtbot.mouseClick(_child(dialog, QtWidgets.QPushButton, "importButton"), Qt.MouseButton.LeftButton)
    assert blocker.args == [True]
    qtbot.waitUntil(lambda: window.job is None)  # the worker is done (undo waits for it)
    close_summary(window, qtbot)
    plan = load(path).year(2566)
    assert plan is not None and len(plan.measures) == 4
    assert plan.measures[0].monitoring.startswith("๑. ดำเนินการเมื่อ วันที่ ๑ ธันวาคม ๒๕๖๕ ประชุมแล้ว")
    assert every_row(path) != before
    return window, path, before


def test_ctrl_z_after_importing_an_old_document_puts_back_every_row(make_window: list[MainWindow], qtbot: QtBot,
                                                                    tmp_path: Path) -> None:
    window, path, before = imported_old_document(make_window, qtbot, tmp_path)
    assert window.act_undo.text() == "เลิกทำ การนำเข้า old.docx"
    assert "Ctrl+Z เลิกทำการนำเข้า" in window.statusBar().currentMessage()
    assert window.sync.act_undo_import in window.file_menu.actions() and window.sync.act_undo_import.isEnabled()
    assert not window.sync.act_undo_merge.isEnabled()
    ctrl_z(window, qtbot)
    box = undo_box(window, qtbot)
    assert box.objectName() == "undoImportBox" and box.windowTitle() == "เลิกทำการนำเข้า"
    assert box.icon() == QtWidgets.QMessageBox.Icon.Question and "คำเตือน" not in box.text()
    assert "เลิกทำการนำเข้า old.docx ?" in box.text() and "สภาพก่อนนำเข้า" in box.text()
    click(qtbot, box, "keepImport")  # declined: the import stays, and Ctrl+Z offers it again
    assert window.undo_stack.canUndo() and window.act_undo.text() == "เลิกทำ การนำเข้า old.docx"
    assert window.measures_model is not None and window.measures_model.rowCount() == 4
    assert len(load(path).years[0].measures) == 4
    ctrl_z(window, qtbot)
    click(qtbot, undo_box(window, qtbot), "confirmUndoImport")
    qtbot.waitUntil(lambda: window.measures_model is not None and window.measures_model.rowCount() == 0)
    assert every_row(path) == before  # every row of every table, as it was before the import
    assert "เลิกทำการนำเข้า old.docx แล้ว" in window.statusBar().currentMessage()
    assert not window.sync.act_undo_import.isEnabled() and not window.undo_stack.canUndo()


def test_an_edit_after_the_import_is_undone_first_then_named_in_the_warning(
        make_window: list[MainWindow], qtbot: QtBot, tmp_path: Path) -> None:
    window, path, before = imported_old_document(make_window, qtbot, tmp_path)
    view = window.measures_page.view
    first_title = title_shown(window, 1)
    focused_grid(window, qtbot, view, 1, TITLE)
    type_on_cell(qtbot, view, "Edited after the import")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Return)
    assert load(path).year(2566).measures[1].title == "Edited after the import"  # type: ignore[union-attr]
    ctrl_z(window, qtbot)  # the first Ctrl+Z undoes the edit, as usual, without asking
    qtbot.waitUntil(lambda: title_shown(window, 1) == first_title)
    assert window.sync.undo_box is None and window.act_undo.text() == "เลิกทำ การนำเข้า old.docx"
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # the edit back: it would now go too
    assert title_shown(window, 1) == "Edited after the import"
    after_edit = every_row(path)
    window.sync.act_undo_import.trigger()  # ไฟล์ ▸ เลิกทำการนำเข้า, with the edit still in the file
    box = undo_box(window, qtbot)
    assert box.icon() == QtWidgets.QMessageBox.Icon.Warning
    assert "คำเตือน: หลังการนำเข้ามีการแก้ไขต่อไปนี้" in box.text()
    was = measure_name(first_title, load(path).year(2566).measures[1].issue)  # type: ignore[union-attr]
    assert f"• แก้ไขมาตรการ «Edited after the import» (เดิม «{was}»): ชื่อมาตรการ" in box.text().splitlines()
    assert box.defaultButton() is box.findChild(QtWidgets.QAbstractButton, "keepImport")
    shot(box, "undo-import-warning")
    click(qtbot, box, "keepImport")
    assert every_row(path) == after_edit  # declining changes nothing
    window.sync.act_undo_import.trigger()
    click(qtbot, undo_box(window, qtbot), "confirmUndoImport")
    qtbot.waitUntil(lambda: window.measures_model is not None and window.measures_model.rowCount() == 0)
    assert every_row(path) == before
    saved = next(b for b in list_backups(path) if b.reason == "before-restore")  # the edit is not lost
    kept = load(saved.path).year(2566)
    assert kept is not None and "Edited after the import" in [m.title for m in kept.measures]


def edited_export(document: Path, out: Path) -> Path:
    """The document exported as JSON or as the Excel template, with the second measure renamed in it."""
    if out.suffix == ".json":
        export_json(document, out)
        data = json.loads(out.read_text(encoding="utf-8"))
        data["years"][-1]["measures"][1]["title"] = "มาตรการที่แก้ในไฟล์ที่นำเข้า"
        out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        export_xlsx(load(document), ExportOptions(), out)
        book = openpyxl.load_workbook(out)
        book[MEASURE_SHEET]["D3"] = "มาตรการที่แก้ในไฟล์ที่นำเข้า"
        book.save(out)
    return out


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_ctrl_z_after_a_json_or_excel_import_puts_back_every_row(suffix: str, make_window: list[MainWindow],
                                                                 qtbot: QtBot, tmp_path: Path) -> None:
    path = create_sample_document(tmp_path / "sample.ita")
    data = edited_export(path, tmp_path / f"edited{suffix}")
    window = open_window(make_window, qtbot, path)
    original = title_shown(window, 1)
    before = every_row(path)
    with qtbot.waitSignal(window.import_finished, timeout=60000) as blocker:
        window.start_import(data)
    assert blocker.args == [True]
    qtbot.waitUntil(lambda: window.job is None)
    assert title_shown(window, 1) == "มาตรการที่แก้ในไฟล์ที่นำเข้า"
    assert window.act_undo.text() == f"เลิกทำ การนำเข้า edited{suffix}"
    view = window.measures_page.view
    focused_grid(window, qtbot, view, 0, TITLE)  # an edit after the import, left in place
    type_on_cell(qtbot, view, "Typed after the import")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Return)
    window.sync.act_undo_import.trigger()
    box = undo_box(window, qtbot)
    assert "แก้ไขมาตรการ «Typed after the import»" in box.text()
    assert "มาตรการที่แก้ในไฟล์ที่นำเข้า" not in box.text()  # what the import itself did is not an edit since
    click(qtbot, box, "confirmUndoImport")
    qtbot.waitUntil(lambda: title_shown(window, 1) == original)
    assert every_row(path) == before


def test_last_years_plan_imported_beside_this_years_is_undone_from_its_own_year(
        make_window: list[MainWindow], qtbot: QtBot, tmp_path: Path) -> None:
    """The clerk brings last year's Word plan into this year's file, goes to that year to look, and takes it back
    there: the step survives the change of year (which starts the edit history afresh)."""
    path = create_sample_document(tmp_path / "sample.ita")
    window = open_window(make_window, qtbot, path)
    before = every_row(path)
    dialog = _preview(qtbot, window, hand_made(tmp_path / "old.docx"))
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        qtbot.mouseClick(_child(dialog, QtWidgets.QPushButton, "importButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.job is None)
    close_summary(window, qtbot)
    assert [window.year_combo.itemData(i) for i in range(window.year_combo.count())] == [2566, 2567]
    assert window.plan is not None and window.plan.fiscal_year == 2567  # the year shown stays
    _choose(qtbot, window.year_combo, "พ.ศ. 2566")
    qtbot.waitUntil(lambda: window.plan is not None and window.plan.fiscal_year == 2566)
    assert window.measures_model is not None and window.measures_model.rowCount() == 4
    assert window.act_undo.text() == "เลิกทำ การนำเข้า old.docx"
    ctrl_z(window, qtbot)
    click(qtbot, undo_box(window, qtbot), "confirmUndoImport")
    qtbot.waitUntil(lambda: window.year_combo.count() == 1)
    assert every_row(path) == before
    assert window.plan is not None and window.plan.fiscal_year == 2567


def test_undo_waits_for_a_running_import_then_takes_back_only_the_last_one(
        make_window: list[MainWindow], qtbot: QtBot, tmp_path: Path) -> None:
    path = create_sample_document(tmp_path / "sample.ita")
    first = edited_export(path, tmp_path / "first.json")
    second = edited_export(path, tmp_path / "second.xlsx")
    book = openpyxl.load_workbook(second)
    book[MEASURE_SHEET]["D3"] = "ชื่อจากการนำเข้าครั้งที่สอง"
    book.save(second)
    window = open_window(make_window, qtbot, path)
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        window.start_import(first)
    qtbot.waitUntil(lambda: window.job is None)
    after_first = every_row(path)
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        window.start_import(second)
        window.sync.act_undo_import.trigger()  # while the second import still runs: nothing is restored under it
        assert window.sync.undo_box is None
        assert "งานก่อนหน้ายังทำไม่เสร็จ" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.job is None)
    assert title_shown(window, 1) == "ชื่อจากการนำเข้าครั้งที่สอง"
    assert window.act_undo.text() == "เลิกทำ การนำเข้า second.xlsx"
    ctrl_z(window, qtbot)
    click(qtbot, undo_box(window, qtbot), "confirmUndoImport")
    qtbot.waitUntil(lambda: title_shown(window, 1) == "มาตรการที่แก้ในไฟล์ที่นำเข้า")
    assert every_row(path) == after_first  # the first import stays; the backups hold what came before it
