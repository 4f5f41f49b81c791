"""A document on this PC past the limits of any real document is refused before it is loaded, by every command.

The files are real: one table with 200,001 rows, a year with 20,001 measures, a file of 300 MB (sparse). Each
command must say which limit, exit with a user error (never a crash, never minutes of work) and leave the
file's bytes as they were. Growing a document past a limit by importing is refused as a whole (lowered limit).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from ita_desktop.cli import EXIT_CHECK_FAILED, main
from ita_desktop.interchange.limits import MAX_LIST_ITEMS, MAX_TABLE_ROWS
from ita_desktop.samples import SAMPLE_JSON, create_sample_document
from ita_desktop.storage import doc_limits

SEED = Path(__file__).parent / "data" / "seeds" / "001_namjo_2566.json"


def sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def grow(path: Path, table: str, extra: int, *, where: str = "") -> None:
    """Copy one row of ``table`` ``extra`` times under new ids (what another program could have done)."""
    conn = sqlite3.connect(path)
    columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')][1:]
    quoted = ", ".join(f'"{c}"' for c in columns)
    with conn:
        conn.execute(f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {extra}) "
                     f'INSERT INTO "{table}"(id, {quoted}) SELECT lower(hex(randomblob(16))), {quoted} '
                     f'FROM n, (SELECT * FROM "{table}" {where} LIMIT 1)')
    conn.close()


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_sample_document(tmp_path_factory.mktemp("sound") / "sample.ita")


@pytest.fixture(scope="module")
def many_rows(sound: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rows") / "แถวมาก.ita"
    shutil.copy(sound, path)
    grow(path, "steps", MAX_TABLE_ROWS)  # the sample's own steps + 200,000: one past the limit at least
    return path


@pytest.fixture(scope="module")
def many_measures(sound: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("measures") / "มาตรการมาก.ita"
    shutil.copy(sound, path)
    grow(path, "measures", MAX_LIST_ITEMS, where="WHERE deleted = 0")
    return path


def refused(argv: list[str], capsys: pytest.CaptureFixture[str], code: int, *words: str) -> str:
    got = main(argv)
    err = capsys.readouterr().err
    assert got == code, err
    assert err.startswith("ita-desktop: ") and "Traceback" not in err and err.strip().count("\n") == 0, err
    assert all(w in err for w in words), err
    return err


def test_check_names_the_row_limit_of_a_local_document(many_rows: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    before = sha(many_rows)
    refused(["check", str(many_rows)], capsys, EXIT_CHECK_FAILED,
            "table steps has more than 200,000 rows", "was not opened", "ใหญ่เกิน")
    assert sha(many_rows) == before


@pytest.mark.parametrize("command", ["export", "merge", "import", "restore-into"])
def test_every_command_refuses_a_local_document_past_the_row_limit(command: str, many_rows: Path, tmp_path: Path,
                                                                   sound: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    before = sha(many_rows)
    other = tmp_path / "อีกเครื่อง.ita"
    shutil.copy(sound, other)
    argv = {"export": ["export", str(many_rows), str(tmp_path / "out.pdf")],
            "merge": ["merge", str(many_rows), str(other)],
            "import": ["import", str(many_rows), str(SAMPLE_JSON)],
            "restore-into": ["restore", str(other), str(many_rows)]}[command]
    err = refused(argv, capsys, 3, "table steps has more than 200,000 rows")
    assert sha(many_rows) == before and sha(other) == sha(sound)
    assert not (tmp_path / "out.pdf").exists()
    if command == "restore-into":  # the clerk chose the file by its name: the message names it, not a private copy
        assert many_rows.name in err and "incoming.ita" not in err


def test_a_year_with_too_many_measures_is_refused(many_measures: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sha(many_measures)
    refused(["check", str(many_measures)], capsys, EXIT_CHECK_FAILED,
            "a fiscal year has 20,010 measures, more than the limit of 20,000 measures a year")
    assert sha(many_measures) == before


def test_a_measure_with_too_many_steps_is_refused(sound: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Within the rows of a table, but 190,000 steps in one measure made a PDF export grow past 8 GB (the steps
    are one table cell): a measure holds at most MAX_PER_MEASURE, a hundred times the seeds' longest."""
    crowded = tmp_path / "ขั้นตอนมาก.ita"
    shutil.copy(sound, crowded)
    grow(crowded, "steps", doc_limits.MAX_PER_MEASURE, where="WHERE deleted = 0")  # all under one measure
    before = sha(crowded)
    words = f"more than the limit of {doc_limits.MAX_PER_MEASURE:,} steps a measure"
    refused(["check", str(crowded)], capsys, EXIT_CHECK_FAILED, words, "จำนวนขั้นตอนในมาตรการเดียวเกินกำหนด")
    refused(["export", str(crowded), str(tmp_path / "out.pdf")], capsys, 3, words)
    assert sha(crowded) == before and not (tmp_path / "out.pdf").exists()


def test_a_document_file_past_the_size_limit_is_refused_unread(sound: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "ใหญ่.ita"
    shutil.copy(sound, huge)
    with huge.open("r+b") as fh:  # sparse: 300 MB long, no disk used
        fh.truncate(300 * 1024 * 1024)
    size = huge.stat().st_size
    refused(["check", str(huge)], capsys, EXIT_CHECK_FAILED, "300 MB, larger than the limit of 256 MB")
    refused(["export", str(huge), str(tmp_path / "out.pdf")], capsys, 3, "larger than the limit of 256 MB")
    assert huge.stat().st_size == size


def test_an_import_that_would_pass_a_limit_adds_nothing(sound: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "เอกสาร.ita"
    shutil.copy(sound, doc)
    monkeypatch.setattr(doc_limits, "MAX_TABLE_ROWS", 30)  # the sample has 23 steps; the seed adds 17
    before = sha(doc)
    refused(["import", str(doc), str(SEED)], capsys, 2, "Nothing was added",
            "table steps has more than 30 rows", "ไม่ได้นำเข้า")
    assert sha(doc) == before
    assert main(["check", str(doc)]) == 0  # still within the limit, and opens as before


def test_a_copy_from_elsewhere_past_the_row_limit_is_refused_by_its_name(many_rows: Path, sound: Path,
                                                                        tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "เอกสาร.ita"
    shutil.copy(sound, doc)
    before, theirs = sha(doc), sha(many_rows)
    for argv in (["merge", str(doc), str(many_rows)], ["bring-in", str(many_rows)]):
        err = refused(argv, capsys, 3, f"{many_rows.name} was not used", "table steps has more than 200,000 rows")
        assert "incoming.ita" not in err
    assert sha(doc) == before and sha(many_rows) == theirs
