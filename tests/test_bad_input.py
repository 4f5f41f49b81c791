"""Bad input from elsewhere ends in one paragraph and a user-error exit (2/3/4), never exit 70 or a hang.

Each test builds its own bad file, runs the CLI, and checks the message, the exit code and that the document's
bytes are unchanged. Limits are proven with lowered values (monkeypatch) plus real moderately large files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest

from ita_desktop.cli import main
from ita_desktop.interchange import limits
from ita_desktop.samples import SAMPLE_JSON, create_sample_document


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_sample_document(tmp_path_factory.mktemp("sound") / "sample.ita")


@pytest.fixture
def doc(sound: Path, tmp_path: Path) -> Path:
    target = tmp_path / "เอกสาร.ita"
    shutil.copy(sound, target)
    return target


def refused(argv: list[str], capsys: pytest.CaptureFixture[str], code: int, words: str) -> str:
    got = main(argv)
    err = capsys.readouterr().err
    assert got == code, err
    assert err.startswith("ita-desktop: ") and words in err, err
    assert "Traceback" not in err and err.strip().count("\n") == 0, err
    return err


def minimal(**year: object) -> dict[str, object]:
    return {"format": "ita-desktop/2", "years": [{"fiscal_year": 2567, **year}]}


JSON_CASES: dict[str, tuple[bytes, int, str]] = {
    "nested 100,000 deep": (b"[" * 100_000 + b"]" * 100_000, 2, "nested far deeper than the limit of 32 levels"),
    "nested 40 deep": (b'{"format": "ita-desktop/2", "units": ' + b"[" * 40 + b"]" * 40 + b"}", 4,
                       "nested deeper than 32 levels"),
    "5,000-digit integer": (b'{"format": "ita-desktop/2", "years": [{"fiscal_year": ' + b"9" * 5000 + b"}]}", 2,
                            "a number 5,000 digits long (the limit is 30)"),
    "2**64 as a year": (json.dumps(minimal() | {"years": [{"fiscal_year": 2**64}]}).encode(), 4,
                        "years[0].fiscal_year: 18446744073709551616 is far too large"),
    "2**64 as an indicator": (json.dumps(minimal(measures=[{"title": "x", "indicator": 2**64}])).encode(), 4,
                              "years[0].measures[0].indicator: 18446744073709551616 is far too large"),
    "2**64 as an assessment year": (json.dumps(minimal(assessment={"year": 2**64})).encode(), 4,
                                    "years[0].assessment.year: 18446744073709551616 is far too large"),
    "duplicate format key": (b'{"format": "evil", "format": "ita-desktop/2"}', 4,
                             "format: is given twice in the same object (a duplicate key)"),
    "duplicate nested key": (b'{"format": "ita-desktop/2", "years": [{"fiscal_year": 2567, "measures": '
                             b'[{"title": "a", "title": "b"}]}]}', 4, "years[0].measures[0].title: is given twice"),
    "cut inside a Thai character": ('{"format": "ita-desktop/2", "organization": {"name": "อบต'.encode()[:-1], 2,
                                    "is cut off: it ends in the middle of a character, so the file is incomplete"),
    "cut inside the JSON": (b'{"format": "ita-desktop/2", "units": ["', 2, "the file is cut off / incomplete"),
    "not UTF-8": ('{"format": "ita-desktop/2", "units": ["กอง"]}'.encode("cp874"), 2, "is not UTF-8 text"),
    "NaN": (b'{"format": "ita-desktop/2", "units": [NaN]}', 2, "is not valid JSON"),
    "a 1,000,000-character title": (json.dumps(minimal(measures=[{"title": "ก" * 1_000_000}])).encode(), 4,
                                    "is 1,000,000 characters long, more than the limit of 100,000"),
}


@pytest.mark.parametrize("case", sorted(JSON_CASES))
def test_bad_json_is_a_user_error(case: str, doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, code, words = JSON_CASES[case]
    data = tmp_path / "data.json"
    data.write_bytes(content)
    before = sha(doc)
    refused(["import", str(doc), str(data)], capsys, code, words)
    assert sha(doc) == before
    # into a new file: nothing is created
    refused(["import", str(tmp_path / "new.ita"), str(data)], capsys, code, words)
    assert not (tmp_path / "new.ita").exists()


def test_lowered_limits_are_named(doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data.json"
    data.write_text(json.dumps(minimal(measures=[{"title": str(i)} for i in range(30)])), encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_LIST_ITEMS", 20)
    refused(["import", str(doc), str(data)], capsys, 4, "years[0].measures: has 30 entries, more than the limit of 20")
    monkeypatch.setattr(limits, "MAX_JSON_BYTES", 100)
    refused(["import", str(doc), str(data)], capsys, 2, "larger than the 0 MB limit for a JSON file")


def test_a_large_real_json_within_the_limits_is_read(tmp_path: Path) -> None:
    """Real moderately large input: 5,000 measures with long texts (the sample ×100) passes the limits."""
    measures = [{"title": f"มาตรการ {i} " + "ก" * 2000, "steps": [{"text": "ขั้นตอน"}] * 5} for i in range(5000)]
    data = tmp_path / "big.json"
    data.write_text(json.dumps(minimal(measures=measures), ensure_ascii=False), encoding="utf-8")
    assert data.stat().st_size > 25 * limits.MB
    value = limits.parse_json(data)
    assert isinstance(value, dict) and len(value["years"][0]["measures"]) == 5000


def test_two_gigabytes_of_spaces_are_refused_at_once(doc: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "spaces.json"
    with data.open("wb") as fh:  # a sparse file: 2 GB long without using the disk
        fh.write(b'{"format": "ita-desktop/2"}')
        fh.seek(2 * 1024**3)
        fh.write(b" ")
    refused(["import", str(doc), str(data)], capsys, 2, "is 2048 MB, larger than the 64 MB limit for a JSON file")


# -- document files that are not whole documents --------------------------------------------------------------
def execute(path: Path, *sql: str) -> None:
    conn = sqlite3.connect(path)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def missing_table(doc: Path) -> None:
    execute(doc, "DROP TABLE steps")


def virtual_table(doc: Path) -> None:
    execute(doc, "DROP TABLE steps", "CREATE VIRTUAL TABLE steps USING fts5(x)")


def virtual_table_alone(doc: Path) -> None:
    execute(doc, "DROP TABLE units", "CREATE VIRTUAL TABLE units USING rtree(id, a, b)")


def empty_sqlite(doc: Path) -> None:
    doc.unlink()
    execute(doc, "CREATE TABLE t(x)", "DROP TABLE t")


def invalid_utf8(doc: Path) -> None:
    execute(doc, "UPDATE organization SET name = CAST(X'fffe41' AS TEXT)")


DOC_CASES = {
    "missing table": (missing_table, "table steps is missing"),
    "virtual table": (virtual_table, "did not create"),
    "virtual table alone": (virtual_table_alone, "did not create"),
    "empty SQLite file": (empty_sqlite, "is an empty SQLite file"),
    "invalid UTF-8": (invalid_utf8, "Could not decode to UTF-8"),
}


@pytest.mark.parametrize("case", sorted(DOC_CASES))
@pytest.mark.parametrize("command", ["check", "export"])
def test_a_document_that_is_not_whole_is_refused(case: str, command: str, doc: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    make, words = DOC_CASES[case]
    make(doc)
    before = sha(doc)
    out = tmp_path / "out.json"
    argv = ["check", str(doc)] if command == "check" else ["export", str(doc), str(out)]
    refused(argv, capsys, 1 if command == "check" else 3, words)
    assert sha(doc) == before and not out.exists()


# -- only regular files ---------------------------------------------------------------------------------------
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="Windows has no FIFOs in the file system (mkfifo)")


@posix_only
@pytest.mark.parametrize("command", ["check", "import-data", "import-into", "restore", "merge", "bring-in"])
def test_a_fifo_never_blocks(command: str, doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / ("pipe.json" if command == "import-data" else "pipe.ita")
    os.mkfifo(fifo)
    before = sha(doc)
    argv = {"check": ["check", str(fifo)], "import-data": ["import", str(doc), str(fifo)],
            "import-into": ["import", str(fifo), str(SAMPLE_JSON)], "restore": ["restore", str(doc), str(fifo)],
            "merge": ["merge", str(doc), str(fifo)], "bring-in": ["bring-in", str(fifo)]}[command]
    got = main(argv)
    err = capsys.readouterr().err
    assert got in (2, 3), err
    assert "not a regular file" in err or "is not a document file" in err, err
    assert sha(doc) == before


# -- Excel workbooks ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def workbook(sound: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx") / "แผน.xlsx"
    assert main(["export", str(sound), str(out), "--doc", "data"]) == 0
    return out


def rewrite(source: Path, target: Path, change: dict[str, bytes | None], extra: dict[str, bytes] | None = None,
            compression: int = zipfile.ZIP_DEFLATED) -> None:
    """A copy of the workbook with some parts replaced (None: removed) or added."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", compression) as dst:
        for entry in src.infolist():
            if entry.filename in change:
                if change[entry.filename] is not None:
                    dst.writestr(entry.filename, change[entry.filename] or b"")
            else:
                dst.writestr(entry.filename, src.read(entry))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)


def sheet_xml(workbook: Path) -> bytes:
    with zipfile.ZipFile(workbook) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


XXE = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
       b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
       b'<c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>')
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
                     for i in range(1, 10))
          + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')

XLSX_CASES: dict[str, tuple[dict[str, bytes | None], str]] = {
    "malformed sheet XML": ({"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"},
                            "is not an Excel .xlsx workbook, or a damaged one"),
    "malformed workbook XML": ({"xl/workbook.xml": b"<workbook><sheets><sheet name="},
                               "is not an Excel .xlsx workbook, or a damaged one"),
    "workbook part missing": ({"xl/workbook.xml": None}, "is not an Excel .xlsx workbook"),
    "XXE entity": ({"xl/worksheets/sheet1.xml": XXE}, "has a DTD in xl/worksheets/sheet1.xml"),
    "billion laughs": ({"xl/worksheets/sheet1.xml": LAUGHS}, "has a DTD in xl/worksheets/sheet1.xml"),
    "UTF-16 part": ({"xl/workbook.xml": "<?xml version='1.0' encoding='utf-16'?><workbook/>".encode("utf-16")},
                    "is not UTF-8 XML"),
}


@pytest.mark.parametrize("case", sorted(XLSX_CASES))
def test_a_bad_workbook_is_a_user_error(case: str, workbook: Path, doc: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    change, words = XLSX_CASES[case]
    bad = tmp_path / "bad.xlsx"
    rewrite(workbook, bad, change)
    before = sha(doc)
    err = refused(["import", str(doc), str(bad)], capsys, 2, words)
    assert "UserWarning" not in err
    assert sha(doc) == before


def test_a_sound_workbook_still_imports(workbook: Path, doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(doc), str(workbook)]) == 0, capsys.readouterr().err


def test_a_zip_bomb_is_refused_from_its_directory(workbook: Path, doc: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bomb.xlsx"  # 40 MB of spaces packs to ~40 KB: refused by its ratio before it is read
    rewrite(workbook, bad, {}, {"xl/media/padding.xml": b" " * (40 * limits.MB)})
    assert bad.stat().st_size < limits.MB
    refused(["import", str(doc), str(bad)], capsys, 2, "has a part (xl/media/padding.xml) packed more than 200×")


def test_lowered_workbook_limits_are_named(workbook: Path, doc: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_INFLATED_BYTES", 1000)
    refused(["import", str(doc), str(workbook)], capsys, 2, "MB limit for an Excel workbook")
    monkeypatch.setattr(limits, "MAX_INFLATED_BYTES", 64 * limits.MB)
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRIES", 3)
    refused(["import", str(doc), str(workbook)], capsys, 2, "more than the limit of 3 for an Excel workbook")
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRIES", 2000)
    monkeypatch.setattr(limits, "MAX_XLSX_BYTES", 100)
    refused(["import", str(doc), str(workbook)], capsys, 2, "MB limit for an Excel file")


def test_a_sheet_past_the_row_limit_is_refused(workbook: Path, doc: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from ita_desktop.reports import xlsx_import

    big = tmp_path / "rows.xlsx"
    row = b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>'
    rows = b"".join(row % (r, r) for r in range(1000, 1000 + 60))
    xml = sheet_xml(workbook)
    rewrite(workbook, big, {"xl/worksheets/sheet1.xml": xml.replace(b"</sheetData>", rows + b"</sheetData>")})
    monkeypatch.setattr(xlsx_import, "MAX_SHEET_ROWS", 100)
    before = sha(doc)
    refused(["import", str(doc), str(big)], capsys, 2, "more than the limit of 100 rows")
    assert sha(doc) == before


# -- text XML cannot hold, on the way out ---------------------------------------------------------------------
PASTED = "ก\x00ข\x01ค\x08ง\x0bจ\x0cฉ\x1bช\ufffeซ\uffffฌ"


def with_pasted_text(doc: Path) -> str:
    conn = sqlite3.connect(doc)
    (measure_id,) = conn.execute("SELECT id FROM measures WHERE deleted = 0 ORDER BY rowid LIMIT 1").fetchone()
    conn.execute("UPDATE measures SET title = ? WHERE id = ?", (PASTED, measure_id))
    conn.commit()
    conn.close()
    return str(measure_id)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_control_characters_are_replaced_on_export_and_kept_in_the_document(
        suffix: str, doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_pasted_text(doc)
    before = sha(doc)
    out = tmp_path / f"out{suffix}"
    assert main(["export", str(doc), str(out)]) == 0, capsys.readouterr().err
    stdout = capsys.readouterr().out
    assert "note: 8 character(s) that Word/Excel files cannot hold" in stdout
    assert "the document keeps what was typed" in stdout
    with zipfile.ZipFile(out) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".xml")).decode("utf-8")
    assert not any(c in xml for c in "\x00\x01\x08\x0b\x0c\x1b\ufffe\uffff")
    if suffix == ".docx":
        import docx

        texts = [c.text for t in docx.Document(str(out)).tables for row in t.rows for c in row.cells]
    else:
        from openpyxl import load_workbook

        book = load_workbook(out)
        texts = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
        book.close()
    assert any("ก\ufffdข\ufffdค\ufffdง\nจ\nฉ\ufffdช\ufffdซ\ufffdฌ" in t for t in texts)
    assert sha(doc) == before
    exported = tmp_path / "out.json"
    assert main(["export", str(doc), str(exported)]) == 0
    titles = [m["title"] for m in json.loads(exported.read_text(encoding="utf-8"))["years"][0]["measures"]]
    assert PASTED in titles  # the document holds what was typed


@pytest.mark.parametrize("length", [100, 3000, 50_000])
def test_a_truncated_font_is_a_user_error(length: int, doc: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from ita_desktop.paths import resource

    font = tmp_path / "cut.ttf"
    font.write_bytes(resource("fonts", "Sarabun-Regular.ttf").read_bytes()[:length])
    out = tmp_path / "out.pdf"
    refused(["export", str(doc), str(out), "--font", str(font)], capsys, 2, "cut.ttf is not a usable TrueType font")
    assert not out.exists()


def test_a_sheet_of_many_rows_is_refused_before_it_is_parsed(workbook: Path, doc: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Real: 25,000 rows (a few MB of XML) counted while streaming, not built into openpyxl cells."""
    big = tmp_path / "rows.xlsx"
    row = b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>'
    rows = b"".join(row % (r, r) for r in range(1000, 1000 + 25_000))
    xml = sheet_xml(workbook)
    rewrite(workbook, big, {"xl/worksheets/sheet1.xml": xml.replace(b"</sheetData>", rows + b"</sheetData>")})
    refused(["import", str(doc), str(big)], capsys, 2, "of more than 20,000 rows or 200,000 cells")
