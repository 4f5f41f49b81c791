"""The headless commands (DESIGN §8) as a user runs them: exit codes, messages, the default document."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ita_desktop import __version__
from ita_desktop.cli import EXIT_BUG, main
from ita_desktop.domain.catalogue import DEFAULT_UNITS
from ita_desktop.paths import DEFAULT_DOCUMENT_NAME, default_document_path
from ita_desktop.samples import SAMPLE_JSON
from ita_desktop.services import documents
from ita_desktop.services.documents import ensure_default_document, load
from ita_desktop.thai.calendar import fiscal_year_of


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_creates_a_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "อบต.ita"
    assert main(["new", str(doc), "--org", "องค์การบริหารส่วนตำบลบ้านตัวอย่าง", "--year", "2566",
                 "--district", "กะบุรี", "--province", "ระนอง"]) == 0
    assert "created" in capsys.readouterr().out
    loaded = load(doc)
    assert (loaded.organization.name, loaded.organization.district, loaded.organization.province) == (
        "องค์การบริหารส่วนตำบลบ้านตัวอย่าง", "กะบุรี", "ระนอง")
    assert [y.fiscal_year for y in loaded.years] == [2566] and loaded.units == list(DEFAULT_UNITS)


@pytest.mark.parametrize("year", ["2023", "66", "3000"])
def test_new_refuses_a_year_that_is_not_buddhist_era(year: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "x.ita"
    assert main(["new", str(doc), "--org", "อบต.", "--year", year]) == 2
    err = capsys.readouterr().err
    assert f"--year {year} is not a Buddhist-era fiscal year" in err and "Traceback" not in err
    assert not doc.exists()


def test_new_never_overwrites(sample_doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sha(sample_doc)
    assert main(["new", str(sample_doc), "--org", "อบต.", "--year", "2567"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert sha(sample_doc) == before


def test_new_in_a_missing_folder_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "ไม่มี" / "x.ita"), "--org", "อบต.", "--year", "2567"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ita-desktop: Cannot write") and f"the folder {tmp_path / 'ไม่มี'} does not exist" in err
    assert list(tmp_path.iterdir()) == []


def test_export_json_writes_the_whole_document_whatever_doc_says(sample_doc: Path, tmp_path: Path) -> None:
    outs = []
    for kind in ("plan", "progress", "analysis"):
        out = tmp_path / f"{kind}.json"
        assert main(["export", str(sample_doc), str(out), "--doc", kind]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    data = json.loads(outs[0])
    assert data["format"] == "ita-desktop/2" and len(data["years"][0]["measures"]) == 10
    assert data["years"][0]["assessment"]["level"] == "B"
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temporary file


def test_export_into_a_missing_folder_is_a_message(sample_doc: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(sample_doc), str(tmp_path / "ไม่มีโฟลเดอร์" / "out.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ita-desktop: Cannot write") and "Traceback" not in err


def test_import_reports_warnings_and_updates_by_id(sample_doc: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["import", str(sample_doc), str(SAMPLE_JSON)]) == 0  # the sample's measures carry ids
    out, err = capsys.readouterr()
    assert "imported" in out and err.startswith("warning: years[0].measures[1].progress[0].done_on")
    assert len(load(sample_doc).years[0].measures) == 10


def test_a_row_another_tool_broke_is_a_message_not_a_crash(sample_doc: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(sample_doc)
    conn.execute("UPDATE progress SET status = 'เสร็จแล้ว' WHERE rowid = 1")
    conn.commit()
    conn.close()
    assert main(["export", str(sample_doc), str(tmp_path / "out.json")]) == 3
    err = capsys.readouterr().err
    assert "holds a value ITA Desktop cannot read" in err and "'เสร็จแล้ว' is not a valid Status" in err
    assert main(["check", str(sample_doc)]) == 1
    assert "a row cannot be read" in capsys.readouterr().err


def test_a_bug_is_an_apology_and_a_logged_traceback(sample_doc: Path, tmp_path: Path, user_data: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    def broken(path: Path, out: Path) -> None:
        raise ZeroDivisionError("a fault injected to exercise the crash handler")

    monkeypatch.setattr(documents, "export_json", broken)
    assert main(["export", str(sample_doc), str(tmp_path / "out.json")]) == EXIT_BUG
    err = capsys.readouterr().err
    assert "sorry, something went wrong inside the program" in err and "Traceback" not in err
    log = user_data / "logs" / "ita-desktop.log"
    assert str(log) in err
    assert "ZeroDivisionError: a fault injected" in log.read_text(encoding="utf-8")


def test_the_default_document_is_created_once_in_the_user_data_folder(user_data: Path) -> None:
    path = default_document_path()
    assert path == user_data / DEFAULT_DOCUMENT_NAME and not path.exists()
    assert ensure_default_document(path) == path
    doc = load(path)
    assert [y.fiscal_year for y in doc.years] == [fiscal_year_of(date.today())]
    assert len(doc.years[0].indicators) == 10
    before = sha(path)
    ensure_default_document(path)  # second run: opened, not recreated
    assert sha(path) == before


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ita_desktop", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=120, check=False)


def test_the_real_command_line(tmp_path: Path) -> None:
    """Through a real `python -m ita_desktop` process: exit codes, and a message instead of a traceback."""
    bad = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    bad["years"][0]["measures"][3]["end"] = "2024-02-30"
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "not.ita").write_text("hello", encoding="utf-8")
    flow = [
        run("new", "x.ita", "--org", "องค์การบริหารส่วนตำบลทดสอบ", "--year", "2567", cwd=tmp_path),
        run("import", "x.ita", str(SAMPLE_JSON), cwd=tmp_path),
        run("export", "x.ita", "out.json", "--doc", "plan", cwd=tmp_path),
        run("check", "x.ita", cwd=tmp_path),
    ]
    assert [r.returncode for r in flow] == [0, 0, 0, 0], [r.stderr for r in flow]
    before = sha(tmp_path / "x.ita")

    result = run("import", "x.ita", "bad.json", cwd=tmp_path)
    assert result.returncode == 4
    assert result.stderr == ("ita-desktop: years[0].measures[3].end: bad date '2024-02-30' "
                             "(expected YYYY-MM-DD, Gregorian) / วันที่ไม่ถูกต้อง\n")
    assert sha(tmp_path / "x.ita") == before

    result = run("check", "not.ita", cwd=tmp_path)
    assert result.returncode == 1 and "not an ITA Desktop document" in result.stderr
    assert "Traceback" not in result.stderr

    result = run("export", "missing.ita", "o.json", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr == "ita-desktop: missing.ita does not exist. ไม่พบไฟล์\n"

    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"ita-desktop {__version__}"

    result = run("new", "y.ita", cwd=tmp_path)  # a usage error: argparse's own message, exit 2
    assert result.returncode == 2 and "--org" in result.stderr and "Traceback" not in result.stderr


def test_export_options_for_the_offices_style_reach_the_pdf(tmp_path: Path) -> None:
    from ita_desktop.samples import create_sample_document
    from tests.pdf.readback import found, pdfium_pages

    doc = create_sample_document(tmp_path / "plan.ita")
    plain, styled = tmp_path / "plain.pdf", tmp_path / "styled.pdf"
    assert main(["export", str(doc), str(plain), "--doc", "progress", "--round", "6", "--layout", "5"]) == 0
    assert main(["export", str(doc), str(styled), "--doc", "progress", "--round", "6", "--layout", "5",
                 "--date-style", "full", "--show-unreported"]) == 0
    before, after = "\n".join(pdfium_pages(plain)), "\n".join(pdfium_pages(styled))
    assert found("พ.ย. ๖๖ – ก.ย. ๖๗", before) and not found("พฤศจิกายน ๒๕๖๖ – กันยายน ๒๕๖๗", before)
    assert found("พฤศจิกายน ๒๕๖๖ – กันยายน ๒๕๖๗", after) and not found("พ.ย. ๖๖ – ก.ย. ๖๗", after)
    assert after.count("ยังไม่ดำเนินการ") > before.count("ยังไม่ดำเนินการ")
