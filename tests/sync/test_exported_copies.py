"""A copy made by export → import into a new file is a new document (JSON carries content, not the history a
merge needs): merging it is refused with a message that says so and how to hand out a copy that merges — and
that way (a copy of the .ita file) does merge, edits from both sides kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from ita_desktop.cli import main
from ita_desktop.services.documents import load
from ita_desktop.services.editing import DocumentEditor
from tests.sync.helpers import delete_measure, sha, small_document, update


def titles(path: Path) -> list[str]:
    return [m.title for m in load(path).years[0].measures]


def test_an_exported_then_imported_copy_is_refused_with_the_way_to_hand_out_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clerk = small_document(tmp_path / "clerk.ita")
    assert main(["export", str(clerk), str(tmp_path / "x.json"), "--doc", "data"]) == 0
    department = tmp_path / "department.ita"
    assert main(["import", str(department), str(tmp_path / "x.json")]) == 0
    assert load(department).years[0].measures == load(clerk).years[0].measures  # same content, ids included
    update(department, "measures", "m0", {"title": "แก้ที่กองคลัง"})
    before = sha(clerk)
    capsys.readouterr()
    assert main(["merge", str(clerk), str(department)]) == 7
    err = capsys.readouterr().err
    assert "made by importing an export of this document" in err
    assert "copy the .ita file itself" in err and "บันทึกสำเนาเป็น" in err
    assert sha(clerk) == before


def test_a_copy_saved_as_a_file_merges_both_sides_edits(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    clerk = small_document(tmp_path / "clerk.ita")
    department = tmp_path / "department.ita"
    editor = DocumentEditor.open(clerk)
    try:
        editor.save_copy(department)  # File ▸ บันทึกสำเนาเป็น…
    finally:
        editor.close()
    update(department, "measures", "m0", {"title": "แก้ที่กองคลัง"})
    delete_measure(department, "m2")
    update(clerk, "measures", "m1", {"title": "แก้ที่สำนักปลัด"})
    capsys.readouterr()
    assert main(["merge", str(clerk), str(department)]) == 0
    out = capsys.readouterr().out
    assert "ลบมาตรการ «มาตรการที่ 3»" in out
    assert titles(clerk) == ["แก้ที่กองคลัง", "แก้ที่สำนักปลัด"]
