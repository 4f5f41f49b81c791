"""Forms and small lists: organization, assessment (<85 highlighted), signatories, units, indicators;
a typing burst in a field is one undo step; the settings registry."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ita_desktop.domain.model import Tool
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import Qt, QtCore, QtWidgets
from ita_desktop.gui.roles import LOW_SCORE_BACKGROUND
from ita_desktop.gui.settings import Preferences
from tests.gui.conftest import reopen
from tests.gui.helpers import open_editor, type_text


def path_of(window: MainWindow) -> Path:
    assert window.editor is not None
    return window.editor.path


def focus_out(widget: QtWidgets.QLineEdit) -> None:
    """What leaving a field does: Qt sends editingFinished."""
    widget.editingFinished.emit()


def test_typing_in_the_organization_form_saves_each_key_and_undoes_per_burst(window: MainWindow) -> None:
    window.go_to("org")
    district = window.profile_page.fields["district"].widget
    district.setFocus()
    district.selectAll()
    type_text(district, "เมืองระนอง")
    assert reopen(path_of(window)).organization.district == "เมืองระนอง"  # saved as typed, no "save" needed
    focus_out(district)
    district.end(False)
    type_text(district, " ใต้")
    assert reopen(path_of(window)).organization.district == "เมืองระนอง ใต้"
    window.undo_stack.undo()  # the second burst
    assert reopen(path_of(window)).organization.district == "เมืองระนอง"
    assert district.text() == "เมืองระนอง"
    window.undo_stack.undo()  # the first burst, whatever its number of keys
    assert reopen(path_of(window)).organization.district == "กะบุรี"
    assert district.text() == "กะบุรี"


def test_assessment_scores_under_85_are_highlighted_and_bad_input_is_refused(window: MainWindow) -> None:
    window.go_to("assessment")
    page = window.assessment_page
    total, iit = page.inputs["total"], page.inputs["IIT"]
    assert total.property("low") is True and iit.property("low") is False  # 78.42 and 86.1
    assert page.level_hint.text() == "ระดับตามคะแนนรวม: B"
    iit.selectAll()
    type_text(iit, "8O")  # a letter O typed for a zero
    assert iit.property("invalid") is True
    assert "คะแนนต้องเป็นตัวเลข" in window.statusBar().currentMessage()
    stored = reopen(path_of(window)).years[0].assessment
    assert stored is not None and stored.tools[Tool.IIT] == 8.0  # "8" was valid and saved; "8O" was not
    iit.backspace()
    type_text(iit, "0.5")
    assert iit.property("invalid") is False and iit.property("low") is True
    stored = reopen(path_of(window)).years[0].assessment
    assert stored is not None and stored.tools[Tool.IIT] == 80.5
    window.undo_stack.undo()
    stored = reopen(path_of(window)).years[0].assessment
    assert stored is not None and stored.tools[Tool.IIT] == 86.1 and iit.text() == "86.10"  # as published


def test_indicator_scores_table(window: MainWindow) -> None:
    window.go_to("assessment")
    page = window.assessment_page
    first = page.scores.index(0, 2)
    assert first.data(Qt.ItemDataRole.BackgroundRole) is None  # 88.2 meets the target
    assert page.scores.index(8, 2).data(Qt.ItemDataRole.BackgroundRole).color() == LOW_SCORE_BACKGROUND
    editor = open_editor(page.view, 0, 2)
    editor.setFocus()
    page.view.commitData(editor)  # unchanged: nothing stored, nothing on the undo stack
    assert window.undo_stack.count() == 0
    assert page.scores.setData(first, "๘๐")  # Thai digits accepted
    assert first.data(Qt.ItemDataRole.BackgroundRole).color() == LOW_SCORE_BACKGROUND
    stored = reopen(path_of(window)).years[0].assessment
    assert stored is not None and stored.indicators[0].score == 80.0
    assert not page.scores.setData(page.scores.index(1, 2), "120")
    assert "0 ถึง 100" in window.statusBar().currentMessage()
    page.scores.setData(page.scores.index(9, 4), "เว็บไซต์ไม่มีข้อมูลการจัดซื้อจัดจ้าง")
    stored = reopen(path_of(window)).years[0].assessment
    assert stored is not None and stored.indicators[9].note == "เว็บไซต์ไม่มีข้อมูลการจัดซื้อจัดจ้าง"


def test_signatories_rows_add_edit_remove_with_undo(window: MainWindow) -> None:
    window.go_to("signatories")
    records = window.signatories_page.list
    model = records.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["ผู้จัดทำ", "ผู้รายงาน", "ผู้อนุมัติ"]
    records.add_record()
    model.setData(model.index(3, 1), "นางสาวสมศรี ใจดี")
    model.setData(model.index(3, 2), "นักวิเคราะห์นโยบายและแผน")
    assert not model.setData(model.index(3, 0), "  ")  # a role is required
    stored = reopen(path_of(window)).years[0].signatories
    assert [(s.role, s.name) for s in stored][-1] == ("ผู้ลงนาม", "นางสาวสมศรี ใจดี")
    records.view.setCurrentIndex(model.index(0, 0))
    records.remove_selected()
    assert [s.role for s in reopen(path_of(window)).years[0].signatories] == ["ผู้รายงาน", "ผู้อนุมัติ", "ผู้ลงนาม"]
    window.undo_stack.undo()
    assert reopen(path_of(window)).years[0].signatories[0].role == "ผู้จัดทำ"


def test_the_name_signed_on_the_line_and_the_date_are_kept_and_undone(window: MainWindow) -> None:
    from datetime import date

    window.go_to("signatories")
    model = window.signatories_page.list.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    signed, when = headers.index("ชื่อที่ลงบนเส้น (ลงชื่อ …)"), headers.index("วันที่ลงนาม (ว/ด/ปปปป พ.ศ.)")
    model.setData(model.index(0, signed), "นราศักดิ์ ปานาง")
    model.setData(model.index(0, when), "5/4/2567")
    assert not model.setData(model.index(0, when), "ต้นเดือนเมษา")  # refused, with the reason
    first = reopen(path_of(window)).years[0].signatories[0]
    assert (first.signed_name, first.signed_on) == ("นราศักดิ์ ปานาง", date(2024, 4, 5))
    assert model.index(0, when).data() == "5/4/2567"
    window.undo_stack.undo()
    assert reopen(path_of(window)).years[0].signatories[0].signed_on is None


def test_units_list_feeds_the_units_picker(window: MainWindow) -> None:
    window.go_to("catalogue")
    units = window.catalogue_page.units
    units.add_record()
    units.model.setData(units.model.index(units.model.rowCount() - 1, 0), "กองสวัสดิการสังคม")
    assert reopen(path_of(window)).units[-1] == "กองสวัสดิการสังคม"
    window.go_to("plan")
    assert "กองสวัสดิการสังคม" in window.measures_page._units()
    indicators = window.catalogue_page.indicators.model
    indicators.setData(indicators.index(8, 2), "การเปิดเผยข้อมูลสาธารณะ")
    assert window.measures_model is not None
    assert window.measures_model.indicator_label(9) == "9. การเปิดเผยข้อมูลสาธารณะ"
    year = reopen(path_of(window)).years[0]
    indicator = year.indicator(9)
    assert indicator is not None and indicator.name == "การเปิดเผยข้อมูลสาธารณะ"


def test_settings_are_declared_typed_and_kept(user_data: Path) -> None:
    prefs = Preferences()
    assert prefs.get("export/digits") == "thai" and prefs.get("export/open_after") is True
    prefs.set("export/plan_layout", 5)
    prefs.set("export/open_after", False)
    again = Preferences(QtCore.QSettings(str(user_data / "preferences.ini"), QtCore.QSettings.Format.IniFormat))
    assert again.get("export/plan_layout") == 5 and again.get("export/open_after") is False
    with pytest.raises(TypeError):
        prefs.set("export/plan_layout", "5")
    with pytest.raises(KeyError):
        prefs.get("export/colour")
    for i in range(12):
        prefs.add_recent(f"/เอกสาร/{i}.ita")
    assert prefs.get("files/recent")[:2] == ["/เอกสาร/11.ita", "/เอกสาร/10.ita"] and len(prefs.get("files/recent")) == 8


def test_a_score_keeps_its_two_decimals(window: MainWindow, qtbot: QtBot) -> None:
    window.go_to("assessment")
    view = window.assessment_page.view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is view)
    view.setCurrentIndex(view.model().index(0, 2))
    qtbot.keyClicks(view, "9")
    qtbot.keyClicks(QtWidgets.QApplication.focusWidget(), "0.10")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert view.model().index(0, 2).data() == "90.10"


def test_the_new_document_dialog_shows_a_whole_office_name(window: MainWindow, qtbot: QtBot) -> None:
    from ita_desktop.gui.forms import child, load_form

    form = load_form("new_document", window)
    assert isinstance(form, QtWidgets.QDialog)
    qtbot.addWidget(form)
    org = child(form, QtWidgets.QLineEdit, "org")
    form.show()
    qtbot.waitExposed(form)
    name = "เทศบาลเมืองเดชอุดม"
    org.setText(name)
    room = org.contentsRect().width() - 12  # the frame and text margins
    assert org.fontMetrics().horizontalAdvance(name) < room  # no first letter scrolled out of view
    form.reject()
