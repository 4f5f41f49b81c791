"""Files that are not sound documents: every command refuses them in one paragraph and leaves their bytes alone.

Each case runs `check`, `export` and `import` through the CLI: non-zero exit, a message on stderr without a
traceback, and the same SHA-256 before and after (and no `-journal` or output file left behind).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ita_desktop.cli import main
from ita_desktop.samples import SAMPLE_JSON, create_sample_document
from ita_desktop.storage.schema import SCHEMA_VERSION


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def execute(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def not_sqlite(doc: Path) -> None:
    doc.write_text("ชื่อมาตรการ,ผู้รับผิดชอบ\nมาตรการที่ ๑,กองคลัง\n", encoding="utf-8")


def empty(doc: Path) -> None:
    doc.write_bytes(b"")


def truncated_mid_page(doc: Path) -> None:
    data = doc.read_bytes()
    doc.write_bytes(data[: len(data) // 2 + 123])


def truncated_at_a_page(doc: Path) -> None:
    data = doc.read_bytes()
    doc.write_bytes(data[: 4096 * 7])  # a copy cut short on a page boundary: the header says more pages


def newer_version(doc: Path) -> None:
    execute(doc, f"PRAGMA user_version={SCHEMA_VERSION + 1}")


def foreign_trigger(doc: Path) -> None:
    execute(doc, "CREATE TRIGGER wipe AFTER INSERT ON units BEGIN DELETE FROM measures; END")


def foreign_view(doc: Path) -> None:
    execute(doc, "CREATE VIEW summary AS SELECT title FROM measures")


def foreign_table(doc: Path) -> None:
    execute(doc, "CREATE TABLE extra (x)")


def other_program(doc: Path) -> None:
    doc.unlink()
    conn = sqlite3.connect(doc)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers(name) VALUES ('ร้านค้า')")
    conn.commit()
    conn.close()


def other_application_id(doc: Path) -> None:
    execute(doc, "PRAGMA application_id=1196444487")  # GeoPackage's id: a file another program claims


def btree_damaged(doc: Path) -> None:
    conn = sqlite3.connect(doc)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'measures'").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    data = bytearray(doc.read_bytes())
    start = (root - 1) * page_size + 8  # the cell pointers of the measures b-tree page
    data[start:start + 16] = b"\xff" * 16
    doc.write_bytes(bytes(data))


def year_99999(doc: Path) -> None:
    execute(doc, "UPDATE fiscal_years SET year = 99999")  # no input takes it (2400–2700); date arithmetic failed


def a_folder(doc: Path) -> None:
    doc.unlink()
    doc.mkdir()
    (doc / "อะไรบางอย่าง.txt").write_text("x", encoding="utf-8")


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "not sqlite": (not_sqlite, "not an ITA Desktop document"),
    "empty": (empty, "not an ITA Desktop document"),
    "truncated mid-page": (truncated_mid_page, "truncated"),
    "truncated at a page": (truncated_at_a_page, "truncated"),
    "newer version": (newer_version, "newer version of ITA Desktop"),
    "foreign trigger": (foreign_trigger, "trigger wipe"),
    "foreign view": (foreign_view, "view summary"),
    "foreign table": (foreign_table, "table extra"),
    "another program": (other_program, "SQLite file of another program"),
    "another application id": (other_application_id, "SQLite file of another program"),
    "damaged b-tree": (btree_damaged, "is damaged"),
    "a folder": (a_folder, "Is a directory"),
}


@pytest.fixture(scope="module")
def sound_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_sample_document(tmp_path_factory.mktemp("sound") / "sample.ita")


def fingerprint(path: Path) -> str:
    if path.is_dir():
        return "dir:" + ",".join(sorted(p.name for p in path.iterdir()))
    return sha(path)


def assert_refused(code: int, err: str, words: str) -> None:
    assert code != 0
    assert err.startswith("ita-desktop: ") and words in err, err
    assert "Traceback" not in err and "\n\n" not in err.strip()


@pytest.mark.parametrize("case", sorted(BAD_FILES))
@pytest.mark.parametrize("command", ["check", "export", "import"])
def test_a_bad_file_is_refused_and_left_as_it_was(case: str, command: str, sound_copy: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    make_bad, words = BAD_FILES[case]
    doc = tmp_path / "เอกสาร.ita"
    shutil.copy(sound_copy, doc)
    make_bad(doc)
    before = fingerprint(doc)
    out = tmp_path / "out.json"
    argv = {"check": ["check", str(doc)], "export": ["export", str(doc), str(out)],
            "import": ["import", str(doc), str(SAMPLE_JSON)]}[command]
    code = main(argv)
    _, err = capsys.readouterr()
    assert_refused(code, err, words)
    assert fingerprint(doc) == before
    assert not out.exists() and not Path(f"{doc}-journal").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["เอกสาร.ita"]


@pytest.mark.parametrize("command", ["check", "export", "import"])
def test_a_missing_file(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "ไม่มี.ita"
    out = tmp_path / "out.json"
    argv = {"check": ["check", str(doc)], "export": ["export", str(doc), str(out)],
            "import": ["import", str(doc), str(tmp_path / "no-data.json")]}[command]
    assert_refused(main(argv), capsys.readouterr().err, "does not exist")
    assert list(tmp_path.iterdir()) == []


def test_check_passes_a_sound_file(sound_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sha(sound_copy)
    assert main(["check", str(sound_copy)]) == 0
    out, err = capsys.readouterr()
    assert f"{sound_copy}: OK" in out and err == ""
    assert sha(sound_copy) == before


def test_check_reports_damage_in_plain_words(sound_copy: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "damaged.ita"
    shutil.copy(sound_copy, doc)
    btree_damaged(doc)
    assert main(["check", str(doc)]) == 1
    err = capsys.readouterr().err
    assert "is damaged: parts of it cannot be read back as they were written" in err
    assert "Use a backup copy" in err and "ไฟล์เสียหาย" in err


# -- a read-only folder ----------------------------------------------------------------------------------------
# Root ignores permission bits (CAP_DAC_OVERRIDE), so when the tests run as root the commands run in a child
# process that keeps uid 0 but has lost the capabilities that bypass permissions (setpriv drops them from its
# bounding set): for that child the folder really is read-only, so the refusal is proven against the operating
# system itself, not against a patched check.
DROP_OVERRIDES = ["setpriv", "--inh-caps=-dac_override,-dac_read_search,-fowner",
                  "--bounding-set=-dac_override,-dac_read_search,-fowner"]


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(a document in a read-only folder, a writable folder for outputs)."""
    if sys.platform == "win32":
        pytest.skip("Windows folders have no POSIX permission bits (the read-only attribute does not stop "
                    "writes into a folder); the read-only case is proven on POSIX")
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permission bits cannot be made to apply")
    locked, free = tmp_path / "usb", tmp_path / "out"
    locked.mkdir()
    free.mkdir()
    doc = create_sample_document(locked / "งาน.ita")
    locked.chmod(0o555)
    try:
        yield doc, free
    finally:
        locked.chmod(0o755)


def _drop_overrides() -> list[str]:
    return DROP_OVERRIDES if sys.platform != "win32" and os.geteuid() == 0 else []


def run_cli(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    prefix = _drop_overrides()
    env = {**os.environ, "ITA_DESKTOP_DATA": str(data)}
    return subprocess.run([*prefix, sys.executable, "-m", "ita_desktop", *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def test_the_child_really_cannot_write_to_the_folder(read_only_folder: tuple[Path, Path]) -> None:
    doc, _ = read_only_folder
    prefix = _drop_overrides()
    probe = subprocess.run([*prefix, sys.executable, "-c", "import sys; open(sys.argv[1], 'w')",
                            str(doc.parent / "probe")], capture_output=True, text=True, check=False)
    assert probe.returncode != 0 and "PermissionError" in probe.stderr
    assert not (doc.parent / "probe").exists()


def test_a_file_in_a_read_only_folder_is_not_written_but_can_be_read(read_only_folder: tuple[Path, Path]) -> None:
    doc, free = read_only_folder
    before = sha(doc)

    result = run_cli("import", str(doc), str(SAMPLE_JSON), data=free)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"ita-desktop: Cannot write to {doc}: the file or its folder is read-only")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1

    # reading needs no write access: a clerk can still check and export a file on a locked stick
    result = run_cli("check", str(doc), data=free)
    assert result.returncode == 0, result.stderr
    result = run_cli("export", str(doc), str(free / "out.json"), data=free)
    assert result.returncode == 0, result.stderr
    assert (free / "out.json").stat().st_size > 10_000

    assert sha(doc) == before
    assert sorted(p.name for p in doc.parent.iterdir()) == [doc.name]


def test_an_unfinished_change_on_a_read_only_folder_is_explained_and_the_journal_kept(
        read_only_folder: tuple[Path, Path]) -> None:
    from tests.test_storage import leave_hot_journal

    doc, free = read_only_folder
    doc.parent.chmod(0o755)
    leave_hot_journal(doc)
    doc.parent.chmod(0o555)
    journal = Path(f"{doc}-journal")
    before = (sha(doc), sha(journal))
    # check needs no recovery in place: it looks at a private copy, rolled back there, and says so
    result = run_cli("check", str(doc), data=free)
    assert result.returncode == 0, result.stderr
    assert "has an unfinished save (a -journal file is beside it)" in result.stdout
    result = run_cli("export", str(doc), str(free / "out.json"), data=free)
    assert result.returncode == 2, result.stderr
    assert "has an unfinished change" in result.stderr
    assert "Copy the file together with its -journal" in result.stderr
    assert "Traceback" not in result.stderr
    assert (sha(doc), sha(journal)) == before  # the only record of how to undo the half-done change is kept


def test_a_file_whose_schema_bytes_are_damaged_is_refused_in_plain_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A flipped high bit inside the stored schema makes SQLite's own error message undecodable (Python raises
    UnicodeDecodeError, not DatabaseError): still a one-paragraph refusal, bytes unchanged, never a crash.
    Found by the sync bit-flip property test."""
    doc = create_sample_document(tmp_path / "plan.ita")
    data = doc.read_bytes()
    schema_end = data.index(b"CREATE TABLE \"signatories\"")  # the schema text sits in the first pages
    damaged = None
    for pos in range(data.index(b"CREATE TABLE"), schema_end):
        flipped = bytearray(data)
        flipped[pos] ^= 0x80
        probe = tmp_path / "probe.ita"
        probe.write_bytes(bytes(flipped))
        conn = sqlite3.connect(probe.as_uri() + "?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA quick_check").fetchall()
        except UnicodeDecodeError:
            damaged = bytes(flipped)
            break
        except sqlite3.DatabaseError:
            pass
        finally:
            conn.close()
    assert damaged is not None, "no flip in the schema text made SQLite's message undecodable"
    doc.write_bytes(damaged)
    before = sha(doc)
    for args in (["check", str(doc)], ["export", str(doc), str(tmp_path / "out.json")]):
        code = main(args)
        err = capsys.readouterr().err
        assert code != 0 and "damaged" in err and "Traceback" not in err, err
    assert sha(doc) == before


def test_a_year_no_program_writes_is_named_not_a_crash(sound_copy: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Year 99999 (another program wrote it) made `check` fail in its date arithmetic (exit 70)."""
    doc = tmp_path / "ปีผิด.ita"
    shutil.copy(sound_copy, doc)
    year_99999(doc)
    before = sha(doc)
    words = "fiscal year 99999 is not a Buddhist-era year of 2400–2700"
    for argv, code in ((["check", str(doc)], 1), (["export", str(doc), str(tmp_path / "o.pdf")], 3),
                       (["import", str(doc), str(SAMPLE_JSON)], 4)):
        assert main(argv) == code
        err = capsys.readouterr().err
        assert_refused(code, err, words if argv[0] != "import" else "99999")
    assert sha(doc) == before and sorted(p.name for p in tmp_path.iterdir()) == [doc.name]
