"""The window as a whole: Thai font and labels, opening, closing without loss, roll-over, export/import."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from ita_desktop.domain.model import Organization
from ita_desktop.gui.editors import MultiLineEditor
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.measures_model import COLUMN_OF
from ita_desktop.gui.qt import QtCore, QtGui, QtWidgets
from ita_desktop.gui.worker import Job, Progress
from ita_desktop.samples import SAMPLE_JSON
from ita_desktop.services.documents import new_document
from ita_desktop.services.exporting import ExportOptions
from tests.gui.conftest import reopen
from tests.gui.helpers import open_editor, type_text


def path_of(window: MainWindow) -> Path:
    assert window.editor is not None
    return window.editor.path


def test_thai_is_drawn_with_the_bundled_sarabun(window: MainWindow) -> None:
    assert QtGui.QFontInfo(window.font()).family() == "Sarabun"
    cell_font = window.measures_page.view.font()
    assert QtGui.QFontInfo(cell_font).family() == "Sarabun"
    metrics = QtGui.QFontMetrics(cell_font)
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "กำ่้๑ฯ")  # the font itself has the Thai glyphs
    assert "Sarabun" in QtGui.QFontDatabase.families()


def test_menus_title_and_navigation_are_thai(window: MainWindow) -> None:
    assert [a.text() for a in window.menuBar().actions()] == ["ไฟล์", "แก้ไข", "แผน", "ช่วยเหลือ"]
    assert window.windowTitle() == "sample — ปีงบประมาณ พ.ศ. 2567 — ITA Desktop"
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["ภาพรวมรอบ", "ข้อมูลหน่วยงาน", "ผลการประเมินปีที่ผ่านมา", "แผนมาตรการ", "ผลการดำเนินการ รอบ 6 เดือน",
                      "ผลการดำเนินการ รอบ 12 เดือน", "ข้อความในเอกสาร", "ผู้ลงนาม", "หน่วยงานและตัวชี้วัด",
                      "คลังมาตรการ"]
    assert window.recent_menu.actions()[0].text() == "sample.ita"


def test_screenshot_of_the_plan_with_wrapped_thai_rows(window: MainWindow, tmp_path: Path) -> None:
    view = window.measures_page.view
    assert view.fit_visible_rows() >= 0
    shot = tmp_path / "plan.png"
    assert window.grab().save(str(shot))
    image = QtGui.QImage(str(shot))
    assert image.width() >= 1200 and len({image.pixel(x, 300) for x in range(0, image.width(), 7)}) > 5
    heights = [view.rowHeight(r) for r in range(3)]
    assert all(h > 60 for h in heights)  # long Thai cells wrap onto several lines, rows grow to fit
    hidden_row = window.measures_model.rowCount() - 1 if window.measures_model else 0
    assert view.rowHeight(hidden_row) == view.verticalHeader().defaultSectionSize()  # not measured yet


def test_closing_with_a_cell_being_typed_keeps_the_text(window: MainWindow) -> None:
    path = path_of(window)
    editor = open_editor(window.measures_page.view, 3, COLUMN_OF["monitoring"])
    assert isinstance(editor, MultiLineEditor)
    editor.selectAll()
    type_text(editor, "ติดตามทุกเดือน")
    window.close()  # never asks "save changes?"
    assert QtWidgets.QApplication.activeModalWidget() is None
    assert reopen(path).years[0].measures[3].monitoring == "ติดตามทุกเดือน"


def test_window_layout_is_kept_apart_from_preferences(window: MainWindow, user_data: Path) -> None:
    window.close()
    assert "geometry" in (user_data / "layout.ini").read_text(encoding="utf-8")
    assert "geometry" not in (user_data / "preferences.ini").read_text(encoding="utf-8")
    assert "sample.ita" in (user_data / "preferences.ini").read_text(encoding="utf-8")


def test_roll_over_to_a_new_fiscal_year(window: MainWindow) -> None:
    assert window.roll_over_to(2568)
    assert window.windowTitle().endswith("ปีงบประมาณ พ.ศ. 2568 — ITA Desktop")
    assert [window.year_combo.itemText(i) for i in range(window.year_combo.count())] == ["พ.ศ. 2567", "พ.ศ. 2568"]
    doc = reopen(path_of(window))
    new = doc.year(2568)
    assert new is not None and len(new.measures) == 10
    assert new.measures[0].start == date(2024, 11, 1) and not any(m.progress for m in new.measures)
    assert window.measures_model is not None and window.measures_model.rowCount() == 10
    assert not window.roll_over_to(2568)
    assert "2568 มีอยู่แล้ว" in window.last_error


def test_a_bad_file_is_refused_in_thai_and_the_open_document_stays(window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "ไม่ใช่เอกสาร.ita"
    bad.write_text("นี่คือไฟล์ข้อความ", encoding="utf-8")
    assert not window.open_document(bad)
    assert "ไม่ใช่เอกสาร ITA Desktop" in window.last_error
    assert window.editor is not None and window.editor.path.name == "sample.ita"
    box = window.findChild(QtWidgets.QMessageBox, "errorBox")
    assert box is not None and box.isVisible()
    box.close()


def test_help_opens_the_sample(window: MainWindow, user_data: Path) -> None:
    window.act_sample.trigger()
    assert path_of(window) == user_data / "ตัวอย่างเอกสาร ITA.ita"
    assert window.measures_model is not None and window.measures_model.rowCount() == 10


def test_save_a_copy_leaves_the_window_on_the_original(window: MainWindow, tmp_path: Path) -> None:
    assert window.save_copy(tmp_path / "สำเนา")
    copy = reopen(tmp_path / "สำเนา.ita")
    assert [m.title for m in copy.years[0].measures] == [m.title for m in reopen(path_of(window)).years[0].measures]
    assert path_of(window).name == "sample.ita"


def test_export_runs_off_the_gui_thread_and_writes_the_file(window: MainWindow, qtbot: QtBot,
                                                           tmp_path: Path) -> None:
    window.prefs.set("export/open_after", False)
    out = tmp_path / "แผน.xlsx"
    with qtbot.waitSignal(window.export_finished, timeout=60000) as blocker:
        window.start_export(out, ExportOptions(doc="plan", year=2567))
    assert blocker.args == [str(out)]
    cells = [str(c.value) for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row]
    assert any("มาตรการสร้างค่านิยมในการให้บริการประชาชน" in c for c in cells)
    qtbot.waitUntil(lambda: window.job is None, timeout=10000)  # the worker is let go once it has finished


def test_export_pdf_writes_a_pdf_or_says_why_not(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.prefs.set("export/open_after", False)
    out = tmp_path / "แผน.pdf"
    labels: list[str] = []
    with qtbot.waitSignal(window.export_finished, timeout=90000) as blocker:
        job = window.start_export(out, ExportOptions(doc="plan", year=2567))
        job.progressed.connect(lambda *_: labels.append(window.progress_dialog.labelText()))
    assert window.progress_dialog.windowTitle() == "กำลังส่งออกเอกสาร — ITA Desktop"
    assert all(not any(c.isascii() and c.isalpha() for c in label) for label in labels), labels  # Thai words only
    if blocker.args == [""]:  # the PDF writer is not in this build: the clerk is told so
        assert "not available" in window.last_error
        box = window.findChild(QtWidgets.QMessageBox, "errorBox")
        assert box is not None
        box.close()
    else:
        assert out.read_bytes().startswith(b"%PDF")


def test_a_job_stops_at_its_next_report_after_cancel(qtbot: QtBot) -> None:
    gate = threading.Event()
    reached: list[int] = []

    def work(progress: Progress) -> str:
        gate.wait(10)
        for i in range(100):
            progress(i, 100, "ทำงาน")
            reached.append(i)
        return "เสร็จ"

    job = Job(work)
    with qtbot.waitSignals([job.cancelled, job.finished], timeout=10000):
        job.start()
        job.cancel()
        gate.set()
    assert job.wait(1000)
    assert reached == []


@pytest.mark.parametrize("fault, words", [
    (OSError(28, "No space left on device"), "พื้นที่ดิสก์เต็ม"),
    (sqlite3.OperationalError("database is locked"), "มีโปรแกรมอื่นกำลังบันทึกเอกสารนี้อยู่"),
])
def test_a_full_disk_or_a_locked_file_in_a_job_is_said_plainly_not_as_a_bug(
        qtbot: QtBot, fault: Exception, words: str) -> None:
    def work(progress: Progress) -> str:
        raise fault

    job = Job(work)
    with qtbot.waitSignal(job.failed, timeout=10000) as failed:
        job.start()
    assert job.wait(5000)
    assert words in failed.args[0] and "ข้อผิดพลาดภายในโปรแกรม" not in failed.args[0]


def test_import_json_on_a_worker_fills_the_plan(app: QtWidgets.QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "ใหม่.ita"
    new_document(path, Organization(name="เทศบาลตำบลทดสอบ"), 2567)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_document(path)
    assert win.measures_model is not None and win.measures_model.rowCount() == 0
    with qtbot.waitSignal(win.import_finished, timeout=60000) as blocker:
        win.start_import(SAMPLE_JSON)
    assert blocker.args == [True]
    assert win.measures_model is not None and win.measures_model.rowCount() == 10
    assert win.profile_page.fields["name"].widget.text() == "องค์การบริหารส่วนตำบลบ้านตัวอย่าง"
    win.close()


def test_export_dialog_offers_thai_choices_and_remembers_them(window: MainWindow) -> None:
    from ita_desktop.gui.export_dialog import ExportDialog

    dialog = ExportDialog(window, window.prefs, 2567, [6, 12])
    assert dialog.doc.itemText(0) == "แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส" and dialog.doc.count() == 3
    assert not dialog.round.isEnabled()
    assert [dialog.layout.itemData(i) for i in range(dialog.layout.count())] == [1, 2, 5]  # the plan's layouts only
    dialog.doc.setCurrentIndex(dialog.doc.findData("progress"))
    assert [dialog.layout.itemData(i) for i in range(dialog.layout.count())] == [2, 3, 4, 5]
    assert dialog.round.isEnabled() and dialog.layout.currentData() == 3  # the default round-report layout
    dialog.round.setCurrentIndex(dialog.round.findData(12))
    dialog.layout.setCurrentIndex(dialog.layout.findData(4))
    dialog.digits.setCurrentIndex(dialog.digits.findData("arabic"))
    dialog.format.setCurrentIndex(dialog.format.findData(".docx"))
    options = dialog.options()
    assert options == ExportOptions(doc="progress", year=2567, round=12, layout=4, digits="arabic", font=None)
    assert dialog.suffix() == ".docx"
    buttons = dialog.dialog.findChild(QtWidgets.QDialogButtonBox)
    assert buttons is not None
    assert [b.text() for b in buttons.buttons()] == ["ส่งออก…", "ยกเลิก"]
    again = ExportDialog(window, window.prefs, 2567, [6, 12])
    again.doc.setCurrentIndex(again.doc.findData("progress"))
    assert again.layout.currentData() == 4 and again.digits.currentData() == "arabic"
    # Excel comes two ways: the report as a printable sheet, or the data workbook departments fill in
    again.format.setCurrentIndex(again.format.findData(".xlsx"))
    assert again.options().doc == "progress" and again.suffix() == ".xlsx"
    again.format.setCurrentIndex(again.format.findData("data.xlsx"))
    assert again.options() == ExportOptions(doc="data", year=2567, digits="arabic") and again.suffix() == ".xlsx"


def test_export_from_a_round_page_offers_that_rounds_report(window: MainWindow, qtbot: QtBot) -> None:
    """On the round-6 progress page, 'ส่งออก' starts on the round-6 report, not on the plan."""
    seen: list[tuple[object, object, bool]] = []

    def look_and_cancel() -> None:
        dialog = QtWidgets.QApplication.activeModalWidget()
        assert isinstance(dialog, QtWidgets.QDialog)
        doc = dialog.findChild(QtWidgets.QComboBox, "doc")
        round_ = dialog.findChild(QtWidgets.QComboBox, "round")
        assert doc is not None and round_ is not None
        seen.append((doc.currentData(), round_.currentData(), round_.isEnabled()))
        dialog.reject()

    window.go_to("progress", 12)
    QtCore.QTimer.singleShot(0, look_and_cancel)
    window.ask_export()
    window.go_to("plan")
    QtCore.QTimer.singleShot(0, look_and_cancel)
    window.ask_export()
    assert seen == [("progress", 12, True), ("plan", 6, False)]


def test_a_file_that_cannot_be_opened_after_export_is_said_in_the_window(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "แผน.docx"
    out.write_bytes(b"")
    monkeypatch.setattr(QtGui.QDesktopServices, "openUrl", lambda _url: False)  # no program for the file type
    window.open_file(out)
    box = window.findChild(QtWidgets.QMessageBox, "errorBox")
    assert box is not None and "เปิดไฟล์ให้ไม่ได้" in box.text() and str(out) in box.text()
    box.close()


OFFICE_SCREEN = {"screens": [{"name": "office", "x": 0, "y": 0, "width": 1366, "height": 768,
                              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
SHOW_ON_SCREEN = """
import json, sys
from pathlib import Path
from ita_desktop.gui.app import application
from ita_desktop.gui.main_window import MainWindow
app = application()
win = MainWindow()
assert win.open_document(Path(sys.argv[1]))
win.show_on_screen()
app.processEvents()
g, free = win.geometry(), win.screen().availableGeometry()
inside = free.contains(win.frameGeometry())
for key in ("round", "org", "assessment", "plan", "texts", "signatories", "catalogue", "library"):
    win.go_to(key)  # no page may widen the window past the screen (the round page made it 1472 wide)
    app.processEvents()
    inside = inside and free.contains(win.frameGeometry())
win.go_to("progress", 6)
app.processEvents()
inside = inside and free.contains(win.frameGeometry())
print(json.dumps({"maximized": win.isMaximized(), "inside": inside, "size": [g.width(), g.height()]}))
if sys.argv[2] == "resize":
    win.showNormal()
    win.resize(1000, 600)
win.close()
"""


def test_the_first_start_on_a_1366_by_768_screen_fits_it_and_the_last_size_is_kept(
        sample_doc: Path, tmp_path: Path) -> None:
    """Many office PCs have 1366 × 768 screens: the window ran under the task bar, its status bar and the grid's
    last rows hidden. Run as the app runs, on such a screen (Qt's offscreen platform given that screen)."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(OFFICE_SCREEN), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "ITA_DESKTOP_DATA": str(tmp_path / "data")}

    def start(then: str) -> dict[str, object]:
        done = subprocess.run([sys.executable, "-c", SHOW_ON_SCREEN, str(sample_doc), then], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))

    first = start("resize")
    assert first["maximized"] and first["inside"]
    again = start("keep")  # the clerk's own size, from the last time
    assert not again["maximized"] and again["size"] == [1000, 600]

def test_roll_over_offers_the_measures_of_indicators_still_below_target(window: MainWindow, qtbot: QtBot,
                                                                        tmp_path: Path) -> None:
    from ita_desktop.gui.qt import Qt
    from ita_desktop.gui.rollover_dialog import RolloverDialog

    assert window.plan is not None
    titles = [m.title for m in window.plan.measures]
    seen: dict[str, object] = {}

    def pick() -> None:
        dialog = QtWidgets.QApplication.activeModalWidget()
        assert isinstance(dialog, RolloverDialog)
        listed = dialog.list
        seen["ticked"] = [listed.item(i).checkState() == Qt.CheckState.Checked for i in range(listed.count())]
        seen["labels"] = [listed.item(i).text() for i in range(listed.count())]
        assert dialog.grab().save(str(tmp_path / "rollover.png"))
        listed.setFocus()
        listed.setCurrentRow(0)  # indicator 1 reached the target: unticked; the clerk keeps it all the same
        qtbot.keyClick(listed, Qt.Key.Key_Space)
        listed.setCurrentRow(1)  # indicator 2 is still below: ticked; she leaves it out
        qtbot.keyClick(listed, Qt.Key.Key_Space)
        qtbot.keyClick(listed, Qt.Key.Key_Return)

    QtCore.QTimer.singleShot(0, pick)
    keep = window.ask_measures_to_carry(2568)
    assert seen["ticked"] == [False, True, True, True, False, False, True, True, True, True]
    labels = seen["labels"]
    assert isinstance(labels, list) and "ตัวชี้วัด ๙ ยังต่ำกว่าเป้าหมาย" in labels[8]
    assert "ผ่านเป้าหมายแล้ว" in labels[0]
    assert keep is not None and window.roll_over_to(2568, keep)
    kept = [m.title for m in window.plan.measures]
    assert kept == [titles[0], *titles[2:4], *titles[6:]]
    assert [m.title for m in reopen(window.editor.path).year(2568).measures] == kept  # type: ignore[union-attr]
