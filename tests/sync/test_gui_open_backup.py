"""The backup the window takes of a document as it was opened. It is taken once the window is shown (issue 18: on
a 2,000-measure document it cost the clerk 50 ms before anything was on screen), yet it always exists before the
first change is written, however soon that change is typed, and closing at once still leaves one."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from ita_desktop.errors import UserError
from ita_desktop.gui.app import application
from ita_desktop.gui.editors import MultiLineEditor
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.measures_model import COLUMN_OF
from ita_desktop.gui.qt import Qt, QtWidgets
from ita_desktop.services.documents import load
from ita_desktop.storage import snapshots
from ita_desktop.sync import backups
from ita_desktop.sync.backups import list_backups
from tests.gui.helpers import open_editor, type_text
from tests.sync.helpers import content, sha, small_document


@pytest.fixture
def window(qapp: QtWidgets.QApplication, qtbot: QtBot) -> Iterator[MainWindow]:
    application()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1300, 800)
    yield win
    win.close()


def reasons(doc: Path) -> list[str]:
    return [b.reason for b in list_backups(doc)]


def test_the_open_backup_is_taken_once_the_window_is_shown_and_holds_the_file_as_opened(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    doc = small_document(tmp_path / "งาน.ita")
    before = content(doc)
    assert window.open_document(doc)
    assert reasons(doc) == []  # not before the window is on screen
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: reasons(doc) == ["open"], timeout=5000)
    (backup,) = list_backups(doc)
    assert content(backup.path) == before
    qtbot.wait(400)
    assert reasons(doc) == ["open"]  # once


def test_a_title_typed_at_once_is_written_only_after_the_backup_of_the_file_as_opened(
        window: MainWindow, tmp_path: Path) -> None:
    doc = small_document(tmp_path / "งาน.ita")
    before = content(doc)
    assert window.open_document(doc)
    window.show()  # no event processed yet: the delayed backup has not run
    assert reasons(doc) == []
    view = window.measures_page.view
    editor = open_editor(view, 0, COLUMN_OF["title"])
    assert isinstance(editor, MultiLineEditor)
    editor.selectAll()
    type_text(editor, "ประชุมทันทีที่เปิด")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # Enter finishes the cell: the change is written
    assert load(doc).years[0].measures[0].title == "ประชุมทันทีที่เปิด"
    (backup,) = list_backups(doc)
    assert backup.reason == "open" and content(backup.path) == before  # and the file as it was is kept


def test_closing_the_window_at_once_still_leaves_the_backup_of_the_file_as_opened(
        window: MainWindow, tmp_path: Path) -> None:
    doc = small_document(tmp_path / "งาน.ita")
    before = content(doc)
    assert window.open_document(doc)
    window.close()
    (backup,) = list_backups(doc)
    assert backup.reason == "open" and content(backup.path) == before


def test_when_the_backup_cannot_be_written_the_clerk_is_told_and_no_change_is_written_until_it_can(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = small_document(tmp_path / "งาน.ita")
    real_snapshot = snapshots.write_snapshot

    def full_disk(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "write_snapshot", full_disk)
    assert window.open_document(doc)
    window.show()
    qtbot.waitUntil(lambda: "สำรองข้อมูลไม่สำเร็จ" in window.last_error, timeout=5000)
    assert window.editor is not None and window.measures_model is not None
    before = sha(doc)
    measure = window.measures_model.measure_at(0)
    measure.title = "แก้ไขเมื่อสำรองไม่ได้"
    with pytest.raises(UserError, match="Could not make a backup"):
        window.editor.write_measure(measure, ["title"])
    assert sha(doc) == before and reasons(doc) == []  # nothing written, nothing half-made

    monkeypatch.setattr(backups, "write_snapshot", real_snapshot)  # room again: the next change backs up first
    window.editor.write_measure(measure, ["title"])
    assert reasons(doc) == ["open"]
    assert load(doc).years[0].measures[0].title == "แก้ไขเมื่อสำรองไม่ได้"
    assert sha(list_backups(doc)[0].path) != sha(doc)
