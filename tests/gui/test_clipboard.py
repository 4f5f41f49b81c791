"""Copy and paste of rectangles: Excel/LibreOffice TSV with quoted multi-line cells, and Word tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from ita_desktop.domain.model import Organization
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.measures_model import COLUMN_OF
from ita_desktop.gui.qt import Qt, QtCore, QtGui, QtWidgets
from ita_desktop.gui.tsv import parse_html_table, parse_tsv, to_tsv
from ita_desktop.services.documents import new_document
from tests.gui.conftest import reopen
from tests.gui.helpers import answer_dialog

CELL = st.text(alphabet=st.sampled_from(list("กขคง่้ำะาเแ๑๒abc \t\n\"'-.")), max_size=12)


@given(st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=4))
def test_tsv_round_trip(grid: list[list[str]]) -> None:
    assert parse_tsv(to_tsv(grid)) == grid


def test_tsv_as_excel_writes_it() -> None:
    excel = 'ปกติ\t"บรรทัด ๑\nบรรทัด ๒"\t"คำว่า ""ITA"""\r\nx\t\ty\r\n'
    assert parse_tsv(excel) == [["ปกติ", "บรรทัด ๑\nบรรทัด ๒", 'คำว่า "ITA"'], ["x", "", "y"]]
    assert parse_tsv('"ไม่ปิด\tคำพูด') == [['"ไม่ปิด', "คำพูด"]]  # a lone quote is text, not an error


WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang=EN-US>
<!--StartFragment--><table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;border:none;mso-yfti-tbllook:1184'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=208 valign=top style='width:155.8pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal><span lang=TH style='font-family:"TH SarabunPSK",sans-serif'>มาตรการป้องกันการรับสินบน
  <o:p></o:p></span></p>
  </td>
  <td width=208 valign=top><p class=MsoNormal><span lang=TH>ประกาศเจตจำนง&nbsp;ไม่รับสินบน</span></p></td>
  <td width=208 valign=top>
  <p class=MsoNormal><span lang=TH>๑. จัดทำประกาศ</span></p>
  <p class=MsoNormal><span lang=TH>๒. เผยแพร่ทางเว็บไซต์</span></p>
  </td>
 </tr>
</table><!--EndFragment--></body></html>"""


def test_word_table_html_is_read_cell_by_cell() -> None:
    assert parse_html_table(WORD_HTML) == [["มาตรการป้องกันการรับสินบน", "ประกาศเจตจำนง ไม่รับสินบน",
                                            "๑. จัดทำประกาศ\n๒. เผยแพร่ทางเว็บไซต์"]]


def path_of(window: MainWindow) -> Path:
    assert window.editor is not None
    return window.editor.path


def test_paste_from_excel_overwrites_extends_and_undoes_in_one_step(window: MainWindow) -> None:
    path = path_of(window)
    before = reopen(path).years[0].measures
    clip = ('ผู้มาติดต่อไม่ทราบขั้นตอน\tมาตรการลดขั้นตอน\t"- ติดประกาศ\n- แจ้งทางไลน์"\t'
            '"1. จัดทำคู่มือ\n2. อบรมพนักงาน"\t"กองคลัง\nกองช่าง"\t1/11/2567\t31/3/2568\r\n'
            'ประเด็นที่สอง\tมาตรการที่สอง\t\tขั้นตอนเดียว\tสำนักปลัด\t15/1/2024\t30/9/2568\r\n'
            'ประเด็นที่สาม\tมาตรการที่สาม\tแนวทาง\t\tกองช่าง\t\t\r\n')
    view = window.measures_page.view
    view.setCurrentIndex(window.measures_page.proxy.index(9, COLUMN_OF["issue"]))
    mime = QtCore.QMimeData()
    mime.setText(clip)
    QtGui.QGuiApplication.clipboard().setMimeData(mime)
    asked = answer_dialog("pasteChoice", "pasteReplace")  # onto a filled measure: the clerk is asked
    window.act_paste.trigger()
    assert asked and "ทับแถวที่มีข้อมูล" in asked[0]
    message = window.statusBar().currentMessage()
    assert "ไม่ได้วาง 1 ช่อง" in message and "เริ่ม" in message  # 15/1/2024 is not a พ.ศ. date
    after = reopen(path).years[0].measures
    assert len(after) == 12
    assert after[9].id == before[9].id and after[9].title == "มาตรการลดขั้นตอน"
    assert after[9].guideline == "- ติดประกาศ\n- แจ้งทางไลน์"
    assert [s.text for s in after[9].steps] == ["1. จัดทำคู่มือ", "2. อบรมพนักงาน"]
    assert after[9].units == ["กองคลัง", "กองช่าง"]
    assert (after[9].start, after[9].end) == (date(2024, 11, 1), date(2025, 3, 31))
    assert after[10].title == "มาตรการที่สอง" and after[10].start is None and after[10].end == date(2025, 9, 30)
    assert after[11].units == ["กองช่าง"] and after[11].indicator == after[9].indicator
    window.act_undo.trigger()  # the whole paste is one step
    undone = reopen(path).years[0].measures
    assert len(undone) == 10
    assert undone[9].title == before[9].title and undone[9].steps == before[9].steps


def test_paste_of_a_word_table_prefers_its_html(window: MainWindow) -> None:
    path = path_of(window)
    mime = QtCore.QMimeData()
    mime.setHtml(WORD_HTML)
    mime.setText("มาตรการป้องกันการรับสินบน\tประกาศเจตจำนง ไม่รับสินบน\t๑. จัดทำประกาศ\r๒. เผยแพร่ทางเว็บไซต์")
    view = window.measures_page.view
    view.setCurrentIndex(window.measures_page.proxy.index(0, COLUMN_OF["title"]))
    answer_dialog("pasteChoice", "pasteReplace")
    view.paste(mime)
    first = reopen(path).years[0].measures[0]
    assert first.title == "มาตรการป้องกันการรับสินบน"
    assert first.guideline == "ประกาศเจตจำนง ไม่รับสินบน"
    assert [s.text for s in first.steps] == ["๑. จัดทำประกาศ", "๒. เผยแพร่ทางเว็บไซต์"]


def test_copy_puts_excel_style_tsv_and_an_html_table_on_the_clipboard(window: MainWindow) -> None:
    view = window.measures_page.view
    proxy = window.measures_page.proxy
    selection = QtCore.QItemSelection(proxy.index(0, COLUMN_OF["units"]), proxy.index(1, COLUMN_OF["start"]))
    view.selectionModel().select(selection, view.selectionModel().SelectionFlag.ClearAndSelect)
    window.measures_page.view.setFocus()
    text = view.copy_selection()
    assert text == '"สำนักปลัด\nกองคลัง\nกองช่าง"\t1 พ.ย. 2566\r\nกองคลัง\t1 ต.ค. 2566\r\n'
    clipboard = QtGui.QGuiApplication.clipboard().mimeData()
    assert clipboard.text() == text
    assert parse_html_table(clipboard.html()) == [["สำนักปลัด\nกองคลัง\nกองช่าง", "1 พ.ย. 2566"],
                                                  ["กองคลัง", "1 ต.ค. 2566"]]
    view.setCurrentIndex(proxy.index(5, COLUMN_OF["units"]))
    answer_dialog("pasteChoice", "pasteReplace")
    view.paste()  # and it pastes back as it was copied
    sixth = reopen(path_of(window)).years[0].measures[5]
    assert sixth.units == ["สำนักปลัด", "กองคลัง", "กองช่าง"] and sixth.start == date(2023, 11, 1)


def test_a_table_with_headings_fills_an_empty_plan_column_by_heading(
        app: QtWidgets.QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "ว่าง.ita"
    new_document(path, Organization(name="เทศบาลตำบลทดสอบ"), 2567)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_document(path)
    win.show()
    assert win.measures_page.empty.isVisible()  # the empty plan says what to do, and all of it shows:
    assert not win.measures_page.view.frozen.isVisible()  # no frozen columns laid over it (they hid its left half)
    clip = ("มาตรการ\tขั้นตอน/วิธีการปฏิบัติ\tผู้รับผิดชอบ\tหมายเหตุ\r\n"
            'มาตรการป้องกันการรับสินบน\t"๑. จัดทำประกาศ\n๒. เผยแพร่"\tสำนักปลัด\tไม่ใช้\r\n'
            "มาตรการเปิดเผยข้อมูล\tปรับปรุงเว็บไซต์\tกองคลัง\t\r\n")
    mime = QtCore.QMimeData()
    mime.setText(clip)
    QtGui.QGuiApplication.clipboard().setMimeData(mime)
    win.act_paste.trigger()
    stored = reopen(path).years[0].measures
    assert [(m.title, [s.text for s in m.steps], m.units) for m in stored] == [
        ("มาตรการป้องกันการรับสินบน", ["๑. จัดทำประกาศ", "๒. เผยแพร่"], ["สำนักปลัด"]),
        ("มาตรการเปิดเผยข้อมูล", ["ปรับปรุงเว็บไซต์"], ["กองคลัง"])]
    assert not win.measures_page.empty.isVisible()
    qtbot.waitUntil(win.measures_page.view.frozen.isVisible)  # rows to scroll past: the measure stays in view
    win.close()


def test_a_click_under_the_last_row_makes_a_pasted_table_new_measures(window: MainWindow, qtbot: QtBot) -> None:
    """A clerk clicks the blank space under her plan and pastes: the rows are added, none overwritten."""
    path = path_of(window)
    before = reopen(path).years[0].measures
    view = window.measures_page.view
    window.resize(1300, 3000)  # room under the ten rows
    qtbot.waitUntil(lambda: view.viewport().height() > 2000)
    view.fit_visible_rows()  # (as after opening: no cell has been current yet)
    below = QtCore.QPoint(40, view.viewport().height() - 5)
    assert not view.indexAt(below).isValid()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=below)
    assert not view.currentIndex().isValid()
    # On a real desktop that click also activates the window: focus arriving must not bring row 1 back.
    QtWidgets.QApplication.sendEvent(view, QtGui.QFocusEvent(QtCore.QEvent.Type.FocusIn,
                                                             Qt.FocusReason.ActiveWindowFocusReason))
    assert not view.currentIndex().isValid()
    mime = QtCore.QMimeData()
    mime.setText('มาตรการ\tผู้รับผิดชอบ\r\nมาตรการใหม่หนึ่ง\tกองคลัง\r\nมาตรการใหม่สอง\tกองช่าง\r\n')
    view.paste(mime)
    after = reopen(path).years[0].measures
    assert [m.title for m in after] == [m.title for m in before] + ["มาตรการใหม่หนึ่ง", "มาตรการใหม่สอง"]


def test_headings_of_real_plans_place_steps_and_the_timeframe(window: MainWindow) -> None:
    """'ขั้นตอน/วิธีปฏิบัติ' (the most common heading in published plans) fills the steps; a
    'ระยะเวลาดำเนินการ' that reads as a range of months becomes the start and end dates."""
    path = path_of(window)
    view = window.measures_page.view
    view.setCurrentIndex(window.measures_page.proxy.index(0, COLUMN_OF["title"]))
    mime = QtCore.QMimeData()
    mime.setText('ลำดับ\tมาตรการ\tขั้นตอน/วิธีปฏิบัติ\tหน่วยงานที่รับผิดชอบ\tระยะเวลาดำเนินการ\r\n'
                 '1\tมาตรการแรก\t"1. ประชุม\n2. รายงาน"\tกองคลัง\tต.ค. 2566 - ก.ย. 2567\r\n')
    answer_dialog("pasteChoice", "pasteReplace")
    view.paste(mime)
    first = reopen(path).years[0].measures[0]
    assert first.title == "มาตรการแรก" and [s.text for s in first.steps] == ["1. ประชุม", "2. รายงาน"]
    assert first.units == ["กองคลัง"]
    assert (first.start, first.end) == (date(2023, 10, 1), date(2024, 9, 30)) and first.timeframe_text == ""
    message = window.statusBar().currentMessage()
    assert "ไม่ได้วาง" not in message and "ลำดับ" not in message
    assert "บันทึกแล้ว" not in message  # the saved-cell chatter of each cell is not repeated
