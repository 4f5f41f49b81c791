"""The round page (issue 14) offscreen: the first page inside the fiscal year, a bar per unit, a missing item
that opens its cell, the publishing log edited through the undo stack, the per-unit sheet, a screenshot."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ita_desktop.domain.round_status import MissingKind
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.progress_model import COLUMN_OF
from ita_desktop.gui.publications_model import COLUMN_OF as LOG_COLUMN
from ita_desktop.gui.publications_model import WARNING
from ita_desktop.gui.qt import Qt, QtWidgets
from tests.gui.conftest import reopen

TODAY = date(2024, 3, 20)  # inside the sample's fiscal year 2567, 11 days before round 6 ends


@pytest.fixture
def inside(app: QtWidgets.QApplication, qtbot: QtBot, sample_doc: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.round_page.today = lambda: TODAY
    assert win.open_document(sample_doc)
    win.resize(1300, 820)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_the_round_page_is_first_inside_the_fiscal_year_and_shows_the_figures(inside: MainWindow) -> None:
    page = inside.round_page
    assert inside.stack.currentWidget() is page and inside.current_page_key() == "round"
    assert page.current_round() == 6
    assert "สิ้นสุดรอบ 31 มีนาคม 2567 (อีก 11 วัน)" in page.deadlines.text()
    assert page.totals.text().startswith("ดำเนินการแล้ว 10 จาก 22 ขั้นตอน")  # as the round's progress grid says
    assert page.banner.isVisible() and "11 วัน" in page.banner.text()
    bar = page.bars["กองคลัง"]
    status = page.status
    assert status is not None
    counts = status.units["กองคลัง"]
    assert (bar.value(), bar.maximum(), bar.text()) == (counts.done, counts.steps, f"{bar.text()}")
    assert bar.format().endswith("ขั้นตอน")


def test_outside_the_fiscal_year_the_window_opens_on_the_plan(window: MainWindow) -> None:
    assert window.round_page.today() > date(2024, 9, 30)  # the real date, after the sample's year
    assert window.current_page_key() == "plan"


def test_clicking_a_missing_item_lands_on_its_cell(inside: MainWindow, qtbot: QtBot) -> None:
    page = inside.round_page
    items = [page.missing_list.item(i) for i in range(page.missing_list.count())]
    kinds = [item.data(Qt.ItemDataRole.UserRole).kind for item in items]
    assert MissingKind.NO_ENTRY in kinds
    row = kinds.index(MissingKind.NO_ENTRY)
    wanted = items[row].data(Qt.ItemDataRole.UserRole)
    rect = page.missing_list.visualItemRect(items[row])
    qtbot.mouseClick(page.missing_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert inside.stack.currentWidget() is inside.progress_page
    model = inside.progress_page.model
    assert model is not None and model.round == 6
    current = inside.progress_page.view.currentIndex()
    shown = model.rows[current.row()]
    assert (shown.measure.id, shown.step, shown.entry) == (wanted.measure_id, wanted.step, None)
    assert current.column() == COLUMN_OF["status"]
    # an item about an entry lands on that entry's column
    inside.go_to("round")  # counted again: the list is rebuilt
    items = [page.missing_list.item(i) for i in range(page.missing_list.count())]
    entry_item = next(i for i in items if i.data(Qt.ItemDataRole.UserRole).entry_id is not None)
    missing = entry_item.data(Qt.ItemDataRole.UserRole)
    page.missing_list.itemClicked.emit(entry_item)
    current = inside.progress_page.view.currentIndex()
    assert model.rows[current.row()].entry.id == missing.entry_id  # type: ignore[union-attr]
    assert current.column() == COLUMN_OF[missing.field]


def test_the_publishing_log_is_edited_through_the_undo_stack(inside: MainWindow, qtmodeltester: object) -> None:
    model = inside.round_page.model
    assert model is not None
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert [model.index(r, 0).data() for r in range(model.rowCount())][2] == \
        "รายงานการกำกับติดตามมาตรการ รอบ 6 เดือน"
    assert model.index(2, LOG_COLUMN["item"]).data() == "o43" and model.index(0, LOG_COLUMN["item"]).data() == "o42"
    url = model.index(2, LOG_COLUMN["url"])
    announced: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, *_: announced.append((first.row(), last.row())))
    assert model.setData(url, "https://www.example.go.th/ita/o43-2567-6.pdf")
    assert announced == [(2, 2)]  # exactly its row
    assert model.setData(model.index(2, LOG_COLUMN["published_on"]), "5/4/2567")
    path = inside.editor.path  # type: ignore[union-attr]
    (stored,) = reopen(path).years[0].publications
    assert (stored.document, stored.round, stored.url, stored.published_on) == (
        "progress", 6, "https://www.example.go.th/ita/o43-2567-6.pdf", date(2024, 4, 5))
    warnings: list[str] = []
    model.message.connect(warnings.append)
    assert not model.setData(url, "www.example.go.th/report.pdf")  # not http(s): a warning, nothing stored
    assert warnings and "http://" in warnings[0]
    assert model.index(2, LOG_COLUMN["url"]).data() == "https://www.example.go.th/ita/o43-2567-6.pdf"
    assert model.index(2, LOG_COLUMN["url"]).data(Qt.ItemDataRole.BackgroundRole) != WARNING
    for _ in range(2):
        inside.undo_stack.undo()
    assert reopen(path).years[0].publications == [] and model.index(2, LOG_COLUMN["url"]).data() == ""
    inside.undo_stack.redo()
    assert reopen(path).years[0].publications[0].url == "https://www.example.go.th/ita/o43-2567-6.pdf"


def test_the_units_sheet_of_open_steps_from_the_window(inside: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "กองช่าง.xlsx"
    assert inside.round_page.write_sheet("กองช่าง", out)
    import openpyxl

    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert str(sheet["A1"].value).startswith("ขั้นตอนที่ค้างดำเนินการ — กองช่าง")


def test_screenshot_of_the_round_page(inside: MainWindow, tmp_path: Path) -> None:
    shot = tmp_path / "round-page.png"
    assert inside.grab().save(str(shot))
    assert shot.stat().st_size > 20_000


def test_after_a_pdf_of_a_rounds_report_its_log_row_is_offered(inside: MainWindow, qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    from ita_desktop.services.exporting import ExportOptions

    inside.prefs.set("export/open_after", False)
    out = tmp_path / "รายงานรอบ 6.pdf"
    with qtbot.waitSignal(inside.export_finished, timeout=90000) as blocker:
        inside.start_export(out, ExportOptions(doc="progress", year=2567, round=6))
    assert blocker.args == [str(out)]
    page = inside.round_page
    assert not page.log_note.isHidden() and "รายงานการกำกับติดตามมาตรการ รอบ 6 เดือน" in page.log_note.text()
    current = page.log_view.currentIndex()
    assert (current.row(), current.column()) == (2, LOG_COLUMN["url"])
    qtbot.waitUntil(lambda: inside.job is None, timeout=10000)


def test_a_new_years_round_page_says_the_plan_is_empty_first_and_leads_to_it(
        app: QtWidgets.QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    from ita_desktop.domain.model import Organization
    from ita_desktop.services.documents import new_document

    path = tmp_path / "ปีใหม่.ita"
    new_document(path, Organization(name="เทศบาลเมืองเดชอุดม"), 2567)
    win = MainWindow()
    qtbot.addWidget(win)
    win.round_page.today = lambda: TODAY
    assert win.open_document(path)
    win.show()
    page = win.round_page
    assert win.current_page_key() == "round"
    first = page.missing_list.item(0)
    assert first.data(Qt.ItemDataRole.UserRole).kind == MissingKind.NO_MEASURES
    assert "ยังไม่มีมาตรการ" in first.text()
    qtbot.mouseClick(page.missing_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.missing_list.visualItemRect(first).center())
    assert win.current_page_key() == "plan" and win.measures_page.empty.isVisible()
    win.close()


def test_the_window_names_rounds_in_one_digit_style_as_its_navigation_does(inside: MainWindow,
                                                                            qtbot: QtBot) -> None:
    """Navigation, the round page's heading and round choice, the progress page's heading and both counts
    write numbers alike (Arabic digits, as the clerk types them); the documents keep their own digits."""
    nav = [inside.nav.item(i).text() for i in range(inside.nav.count())]
    assert "ผลการดำเนินการ รอบ 6 เดือน" in nav
    page = inside.round_page
    assert page.heading.text() == "ภาพรวมรอบ 6 เดือน — ปีงบประมาณ 2567"
    assert [page.round_combo.itemText(i) for i in range(page.round_combo.count())] == ["6 เดือน", "12 เดือน"]
    page.round_combo.setCurrentIndex(1)
    page.round_combo.activated.emit(1)
    assert page.heading.text() == "ภาพรวมรอบ 12 เดือน — ปีงบประมาณ 2567"
    round_totals = page.totals.text().split("  •  ")[0]
    item = next(inside.nav.item(i) for i in range(inside.nav.count())
                if inside.nav.item(i).text() == "ผลการดำเนินการ รอบ 12 เดือน")
    qtbot.mouseClick(inside.nav.viewport(), Qt.MouseButton.LeftButton, pos=inside.nav.visualItemRect(item).center())
    progress = inside.progress_page
    assert progress.heading.text() == item.text()  # the page is headed as the navigation names it
    assert round_totals in progress.summary.text()  # "ดำเนินการแล้ว 13 จาก 23 ขั้นตอน" on both pages
    assert not any("๐" <= ch <= "๙" for ch in page.heading.text() + page.totals.text() + page.deadlines.text()
                   + progress.heading.text() + progress.summary.text() + " ".join(nav))
