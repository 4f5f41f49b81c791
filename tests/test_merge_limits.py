"""Two copies, each within the limits of a document, can together be past them: the merge checks the merged result
before it commits, refuses with the limit named, and leaves the document as it was (and still openable).

The limits are lowered for the test (the sample has 23 steps and 10 measures in its year), so each copy is real and
small: each gains one new measure with five steps by an import, the merge would hold both.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ita_desktop.cli import main
from ita_desktop.gui.app import application
from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import QtWidgets
from ita_desktop.samples import create_sample_document
from ita_desktop.services.documents import load
from ita_desktop.storage import doc_limits


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_new_measure(doc: Path, title: str) -> None:
    data = {"format": "ita-desktop/1", "years": [{"fiscal_year": 2567, "measures": [
        {"indicator": 1, "title": title, "steps": [{"text": f"{title} ขั้นที่ {i}"} for i in range(1, 6)]}]}]}
    path = doc.with_suffix(".json")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(doc), str(path)]) == 0


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    mine = create_sample_document(tmp_path / "ของเรา.ita")
    theirs = tmp_path / "อีกเครื่อง.ita"
    shutil.copy(mine, theirs)
    with_new_measure(mine, "มาตรการของกองคลัง")
    with_new_measure(theirs, "มาตรการของกองช่าง")
    return mine, theirs


@pytest.mark.parametrize("limit, value, words", [
    ("MAX_TABLE_ROWS", 30, "table steps has more than 30 rows"),  # each copy 28 steps, merged 33
    ("MAX_LIST_ITEMS", 11, "a fiscal year has 12 measures, more than the limit of 11"),  # each 11, merged 12
])
def test_a_merge_past_the_limits_is_refused_and_changes_nothing(limit: str, value: int, words: str,
                                                                copies: tuple[Path, Path],
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    mine, theirs = copies
    capsys.readouterr()
    monkeypatch.setattr(doc_limits, limit, value)
    before, other = sha(mine), sha(theirs)
    assert main(["check", str(mine)]) == 0 and main(["check", str(theirs)]) == 0  # each is within the limits
    capsys.readouterr()
    code = main(["merge", str(mine), str(theirs)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("ita-desktop: ") and err.strip().count("\n") == 0 and "Traceback" not in err, err
    assert f"{theirs.name} was not merged" in err and words in err and "Nothing was changed" in err, err
    assert "ไม่ได้รวมไฟล์" in err
    assert sha(mine) == before and sha(theirs) == other
    titles = [m.title for m in load(mine).years[0].measures]
    assert "มาตรการของกองคลัง" in titles and "มาตรการของกองช่าง" not in titles


def test_the_same_merge_within_the_limits_brings_both_measures(copies: tuple[Path, Path],
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    mine, theirs = copies
    assert main(["merge", str(mine), str(theirs)]) == 0, capsys.readouterr().err
    titles = [m.title for m in load(mine).years[0].measures]
    assert "มาตรการของกองคลัง" in titles and "มาตรการของกองช่าง" in titles


def test_the_window_refuses_that_merge_in_thai(copies: tuple[Path, Path], qapp: QtWidgets.QApplication,
                                               qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    mine, theirs = copies
    monkeypatch.setattr(doc_limits, "MAX_TABLE_ROWS", 30)
    application()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_document(mine)
    before = [m.title for m in load(mine).years[0].measures]
    with qtbot.waitSignal(window.sync.merge_finished, timeout=20000) as merged:
        window.sync.start_merge(theirs)
    assert merged.args == [-1]
    assert "ไม่ได้รวมไฟล์ เพราะเมื่อรวมกันแล้วเอกสารจะใหญ่เกินกำหนด" in window.last_error
    assert "กรุณาลบข้อมูลที่ไม่ใช้แล้ว" in window.last_error
    window.close()
    assert [m.title for m in load(mine).years[0].measures] == before
