"""The packaged app's start-up and what build.spec keeps of PyThaiNLP and babel.

The build itself is checked by .ci/smoke_frozen.sh (slow); these tests catch, in seconds, the two ways the
bundle can silently break: the app reading a library data file the spec trims away, and PyThaiNLP writing
into the clerk's home folder or trying the network.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ita_desktop.frozen import is_frozen, prepare_environment

ROOT = Path(__file__).resolve().parent.parent


def _spec_constant(name: str) -> set[str]:
    """A set literal assigned at the top level of build.spec (read, not executed: the spec needs PyInstaller)."""
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            value = ast.literal_eval(node.value)
            assert isinstance(value, set | frozenset | tuple)
            return set(value)
    raise AssertionError(f"build.spec has no {name}")


def test_prepare_environment_points_pythainlp_into_the_user_data_folder(user_data: Path) -> None:
    env: dict[str, str] = {}
    prepare_environment(env)
    assert env["PYTHAINLP_DATA"] == str(user_data / "pythainlp-data")
    assert (user_data / "pythainlp-data").is_dir()
    assert env["PYTHAINLP_OFFLINE"] == "1"


def test_prepare_environment_keeps_what_the_user_set(user_data: Path, tmp_path: Path) -> None:
    env = {"PYTHAINLP_DATA": str(tmp_path / "mine"), "PYTHAINLP_OFFLINE": "0"}
    prepare_environment(env)
    assert env == {"PYTHAINLP_DATA": str(tmp_path / "mine"), "PYTHAINLP_OFFLINE": "0"}
    assert not (user_data / "pythainlp-data").exists()


def test_prepare_environment_without_a_writable_folder_makes_pythainlp_read_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("ITA_DESKTOP_DATA", str(blocker / "data"))
    env: dict[str, str] = {}
    prepare_environment(env)
    assert env == {"PYTHAINLP_OFFLINE": "1", "PYTHAINLP_READ_ONLY": "1"}


def test_not_frozen_from_source() -> None:
    assert not is_frozen()


# Run in a fresh interpreter with the frozen app's environment: export the sample as a PDF (the real line breaker
# loads the real dictionary) and format Thai dates, while an audit hook records every file opened below pythainlp/
# and babel/, and whether anything is created in the home folder.
_PROBE = r"""
import json, os, sys
opened = set()
def hook(event, args):
    if event == "open" and isinstance(args[0], str):
        opened.add(os.path.abspath(args[0]))
sys.addaudithook(hook)
from pathlib import Path
from ita_desktop.frozen import prepare_environment
prepare_environment()
out = Path(sys.argv[1])
from ita_desktop.samples import create_sample_document
from ita_desktop.services.documents import load
doc = load(create_sample_document(out / "sample.ita"))
try:
    from ita_desktop.reports.pdf_export import export_pdf
except ModuleNotFoundError:
    export_pdf = None
if export_pdf is not None:
    from ita_desktop.services.exporting import ExportOptions
    export_pdf(doc, ExportOptions(doc="plan"), out / "plan.pdf", None)
text = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"
try:
    from ita_desktop.thai.segment import break_points
    break_points(text)
except ModuleNotFoundError:
    from pythainlp.tokenize import word_tokenize
    word_tokenize(text, engine="newmm")
from ita_desktop.thai.calendar import long_date
from datetime import date
long_date(date(2024, 3, 31))
import babel, pythainlp
roots = {"pythainlp": os.path.dirname(pythainlp.__file__), "babel": os.path.dirname(babel.__file__)}
print(json.dumps({
    "pdf": export_pdf is not None,
    "files": {name: sorted(os.path.relpath(p, root) for p in opened if p.startswith(root + os.sep)
                           and not p.endswith((".py", ".pyc"))) for name, root in roots.items()},
}))
"""


@pytest.mark.slow
def test_the_bundle_keeps_every_data_file_the_app_reads(tmp_path: Path, user_data: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHAINLP")}
    env.update(HOME=str(home), USERPROFILE=str(home), ITA_DESKTOP_DATA=str(user_data))
    done = subprocess.run([sys.executable, "-c", _PROBE, str(tmp_path)], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    read = result["files"]

    corpus = {Path(p).name for p in read["pythainlp"] if Path(p).parent.name == "corpus"}
    assert "words_th.txt" in corpus  # the line breaker really used the dictionary
    assert corpus <= _spec_constant("PYTHAINLP_KEEP"), "build.spec would drop a PyThaiNLP file the app reads"
    locales = {Path(p).name for p in read["babel"] if Path(p).parent.name == "locale-data"}
    # The month names are a table in thai/calendar.py (checked against babel's in test_thai_calendar): an export
    # reads no locale at all; should one come back, build.spec must keep it.
    assert locales <= _spec_constant("BABEL_KEEP"), "build.spec would drop a babel locale the app reads"
    assert list(home.iterdir()) == [], "PyThaiNLP wrote into the home folder"
    assert (user_data / "pythainlp-data").is_dir()
    if result["pdf"]:
        assert (tmp_path / "plan.pdf").stat().st_size > 0
