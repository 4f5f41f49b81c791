"""What a clerk reads after Ctrl+S on a file brought in from a stick: Thai only, Thai buttons."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from ita_desktop.domain.model import Organization
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import QtWidgets
from ita_desktop.services.documents import new_document


def latin_words(text: str, allowed: str) -> list[str]:
    """Words written in Latin letters, other than the file path the message names."""
    return [w for w in text.replace(allowed, "").split() if any("a" <= c.lower() <= "z" for c in w)]


def test_save_back_says_so_in_thai_and_a_missing_stick_is_explained_in_thai(
        app: QtWidgets.QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    stick = tmp_path / "USB" / "แผน.ita"
    stick.parent.mkdir()
    new_document(stick, Organization(name="เทศบาลตำบลทดสอบ"), 2570)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.sync.bring_in_and_open(stick)
    with qtbot.waitSignal(window.sync.save_back_finished, timeout=20000) as saved:
        window.sync.start_save_back()
    assert saved.args == [True]
    message = window.statusBar().currentMessage()
    assert "ถอดแฟลชไดรฟ์ได้อย่างปลอดภัย" in message and latin_words(message, str(stick)) == []
    box = window.findChild(QtWidgets.QMessageBox, "savedBackBox")
    assert box is not None and latin_words(box.text(), str(stick)) == []
    assert [b.text() for b in box.buttons()] == ["ตกลง"]
    box.close()

    shutil.rmtree(stick.parent)  # the stick was pulled out
    with qtbot.waitSignal(window.sync.save_back_finished, timeout=20000) as failed:
        window.sync.start_save_back()
    assert failed.args == [False]
    assert "แฟลชไดรฟ์" in window.last_error and latin_words(window.last_error, str(stick)) == []
    error_box = window.findChild(QtWidgets.QMessageBox, "errorBox")
    assert error_box is not None and error_box.text() == window.last_error
    error_box.close()
    window.close()
