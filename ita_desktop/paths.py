"""Where things live: the per-user data folder and bundled resources, from source and when frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "ITA Desktop"
APP_AUTHOR = "ITA Desktop"
DEFAULT_DOCUMENT_NAME = "เอกสาร ITA.ita"


def data_dir() -> Path:
    """Per-user data folder (documents, backups); ITA_DESKTOP_DATA overrides it, e.g. for tests."""
    from platformdirs import user_data_path  # here, not at the top: a PDF export asks only for resources

    override = os.environ.get("ITA_DESKTOP_DATA")
    folder = Path(override) if override else user_data_path(APP_NAME, APP_AUTHOR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cache_dir() -> Path:
    """Per-user folder of files the program can always make again (the word list's cache)."""
    from platformdirs import user_cache_path

    override = os.environ.get("ITA_DESKTOP_DATA")
    return Path(override) / "cache" if override else user_cache_path(APP_NAME, APP_AUTHOR)


def log_dir() -> Path:
    from platformdirs import user_log_path

    override = os.environ.get("ITA_DESKTOP_DATA")
    folder = Path(override) / "logs" if override else user_log_path(APP_NAME, APP_AUTHOR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_document_path() -> Path:
    """The document `ita-desktop` opens when no file is given."""
    return data_dir() / DEFAULT_DOCUMENT_NAME


def resources_dir() -> Path:
    """`resources/` beside the source tree, or inside the PyInstaller bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """Path of a bundled resource file, e.g. resource('fonts', 'Sarabun-Regular.ttf')."""
    return resources_dir().joinpath(*parts)


def ui_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "ui" if bundle else Path(__file__).resolve().parent.parent / "ui"
