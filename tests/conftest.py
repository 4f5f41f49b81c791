"""Shared fixtures: Qt offscreen, the user data folder pointed at a temp dir, realistic documents."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Never touch the real per-user data folder."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("ITA_DESKTOP_DATA", str(folder))
    yield folder


@pytest.fixture
def sample_doc(tmp_path: Path) -> Path:
    """A document file filled with the realistic sample (10 measures, assessment, round 6/12 progress)."""
    from ita_desktop.samples import create_sample_document

    return create_sample_document(tmp_path / "sample.ita")


@pytest.fixture(autouse=True)
def empty_clipboard_after_test() -> Iterator[None]:
    """Qt's offscreen/minimal platforms delete clipboard data twice when the process exits (PySide6 6.11,
    reproduced with five lines: setMimeData, then exit → SIGSEGV); the xcb, Windows and macOS clipboards do not.
    Emptying the clipboard after each test keeps the test process from crashing on exit."""
    yield
    import sys

    if "PySide6" in sys.modules:
        from PySide6 import QtGui

        app = QtGui.QGuiApplication.instance()
        if app is not None and QtGui.QGuiApplication.platformName() in ("offscreen", "minimal"):
            QtGui.QGuiApplication.clipboard().clear()
