"""Start-up of the packaged app (PyInstaller): make the bundled libraries work offline, on any office PC.

PyThaiNLP keeps a data folder for downloads and by default creates ``~/pythainlp-data`` when it is
imported; the word list the segmenter needs is bundled, so the frozen app points that folder into our
own per-user data folder and forbids downloads. From source nothing changes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping, Sequence


def is_frozen() -> bool:
    """True inside the PyInstaller bundle (``ITA Desktop.exe`` / ``ita-desktop-cli.exe``)."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def prepare_environment(environ: MutableMapping[str, str] | None = None) -> None:
    """Set PyThaiNLP's data folder and offline mode, unless the user already chose them."""
    env = os.environ if environ is None else environ
    env.setdefault("PYTHAINLP_OFFLINE", "1")
    if env.get("PYTHAINLP_DATA") or env.get("PYTHAINLP_DATA_DIR"):
        return
    try:
        from ita_desktop.paths import data_dir

        folder = data_dir() / "pythainlp-data"
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        # No writable per-user folder (locked-down profile): PyThaiNLP must then never try to write.
        env.setdefault("PYTHAINLP_READ_ONLY", "1")
        return
    env["PYTHAINLP_DATA"] = str(folder)


def run(argv: Sequence[str] | None = None) -> int:
    """Entry point of both executables of the bundle (the launcher that build.spec writes calls this)."""
    if is_frozen():
        prepare_environment()
    from ita_desktop.cli import run as run_cli

    return run_cli(argv)
