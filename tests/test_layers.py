"""The layers of CONVENTIONS.md: the non-GUI packages never pull in Qt; domain and thai know no SQL either.

Checked in a fresh interpreter, because the test session itself has Qt loaded (pytest-qt).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

NON_GUI_PACKAGES = ("ita_desktop.domain", "ita_desktop.thai", "ita_desktop.storage", "ita_desktop.interchange",
                    "ita_desktop.services", "ita_desktop.sync")
NON_GUI_MODULES = ("ita_desktop.reports.document_model", "ita_desktop.reports.layouts", "ita_desktop.errors",
                   "ita_desktop.paths", "ita_desktop.samples")

PROBE = """
import importlib, importlib.util, json, pkgutil, sys
packages, modules = json.loads(sys.argv[1]), json.loads(sys.argv[2])
imported = []
for name in packages:
    if importlib.util.find_spec(name) is None:
        continue
    package = importlib.import_module(name)
    imported.append(name)
    for info in pkgutil.walk_packages(package.__path__, name + "."):
        importlib.import_module(info.name)
        imported.append(info.name)
for name in modules:
    if importlib.util.find_spec(name) is not None:
        importlib.import_module(name)
        imported.append(name)
print(json.dumps({"imported": imported, "loaded": sorted(sys.modules)}))
"""


def probe(packages: tuple[str, ...], modules: tuple[str, ...] = ()) -> tuple[list[str], set[str]]:
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(packages), json.dumps(modules)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return data["imported"], set(data["loaded"])


def test_non_gui_code_does_not_import_qt() -> None:
    imported, loaded = probe(NON_GUI_PACKAGES, NON_GUI_MODULES)
    assert {"ita_desktop.storage.database", "ita_desktop.services.documents", "ita_desktop.thai.calendar",
            "ita_desktop.interchange.json_reader"} <= set(imported)
    qt = sorted(m for m in loaded if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
    assert qt == [], f"imported Qt: {qt[:5]}"
    assert not any(m.startswith("ita_desktop.gui") for m in loaded)


@pytest.mark.parametrize("package", ["ita_desktop.domain", "ita_desktop.thai"])
def test_domain_and_thai_know_no_sql(package: str) -> None:
    imported, loaded = probe((package,))
    assert len(imported) > 1
    assert "sqlite3" not in loaded and "sqlite_utils" not in loaded
    assert not any(m.startswith("ita_desktop.storage") for m in loaded)


def test_the_cli_starts_without_qt() -> None:
    """`ita-desktop check/export/import` must work on a machine where the window cannot start."""
    _, loaded = probe((), ("ita_desktop.cli",))
    assert "PySide6" not in loaded
