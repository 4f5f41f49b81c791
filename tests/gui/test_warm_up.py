"""The window warms the PDF export up on a worker thread: the first export then costs what later ones do."""

from __future__ import annotations

import sys
import threading

import pytest

from ita_desktop.gui import app as gui_app
from ita_desktop.thai import segment, tokenizer, wordlist


def test_the_warm_up_loads_the_pdf_export_off_the_gui_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []
    real = segment.warm_up

    def recording() -> None:
        threads.append(threading.current_thread())
        real()

    monkeypatch.setattr(segment, "warm_up", recording)
    worker = gui_app.start_warm_up()
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert threads == [worker] and worker is not threading.main_thread()
    assert "ita_desktop.reports.pdf_export" in sys.modules
    assert wordlist._loaded is not None and tokenizer._tokenizer is not None  # the word list is read


def test_a_failing_warm_up_is_logged_not_raised(monkeypatch: pytest.MonkeyPatch,
                                                caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> None:
        raise OSError("no temporary folder")

    monkeypatch.setattr(segment, "warm_up", broken)
    worker = gui_app.start_warm_up()
    worker.join(timeout=60)
    assert "warming up the PDF export failed" in caplog.text
