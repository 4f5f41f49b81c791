"""`ita-desktop export … .pdf` imports only what a PDF needs: not the window (PySide6), not the Word/Excel writers,
not sqlite-utils (reading a document goes through sqlite3), not pythainlp's modules (its word list is read as a
file). Checked in a fresh interpreter, because the test session itself has Qt loaded. (babel stays: the month
names come from its Thai locale, as DESIGN §7 asks.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ita_desktop.samples import create_sample_document

PROBE = """
import json, sys
from ita_desktop.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

NOT_FOR_A_PDF = ("PySide6", "shiboken6", "openpyxl", "docx", "lxml", "ita_desktop.gui", "ita_desktop.sync",
                 "ita_desktop.reports.docx_export", "ita_desktop.reports.xlsx_export",
                 "ita_desktop.reports.xlsx_import", "sqlite_utils", "click", "pythainlp", "importlib.metadata")


def _export_modules(args: list[str]) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, encoding="utf-8",
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0, done.stderr
    return set(result["modules"])


@pytest.mark.parametrize("doc", ["plan", "progress", "analysis"])
def test_a_pdf_export_imports_no_window_office_or_unused_code(tmp_path: Path, user_data: Path, doc: str) -> None:
    document = create_sample_document(tmp_path / "sample.ita")
    out = tmp_path / f"{doc}.pdf"
    modules = _export_modules(["export", str(document), str(out), "--doc", doc])
    assert out.stat().st_size > 0
    assert {"ita_desktop.reports.pdf_export"} <= modules  # the probe saw the real export
    loaded = sorted(m for m in modules if any(m == name or m.startswith(name + ".") for name in NOT_FOR_A_PDF))
    assert loaded == []
