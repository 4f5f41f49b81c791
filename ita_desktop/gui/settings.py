"""Every user preference declared once, with its type and default; window layout kept in a file of its own.

Preferences (what the user chose: digits, PDF layout, export font, recent files) live in ``preferences.ini``;
window geometry and splitter/column sizes (what Qt restores) live in ``layout.ini``, so resetting the
layout never loses a choice. Both files sit in the user data folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ita_desktop.gui.qt import QtCore
from ita_desktop.paths import data_dir

MAX_RECENT = 8


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    doc: str


SETTINGS: dict[str, Setting] = {s.key: s for s in (
    Setting("export/digits", str, "thai", "digits in exported documents: thai or arabic"),
    Setting("export/plan_layout", int, 1, "PDF layout (DESIGN §6, 1–6) for the measures plan"),
    Setting("export/progress_layout", int, 3, "PDF layout (1–6) for progress reports"),
    Setting("export/font", str, "", "a Thai TTF chosen by the user for exports; empty = bundled Sarabun"),
    Setting("export/bold_font", str, "", "the bold companion of export/font; empty = derived or bundled"),
    Setting("export/last_folder", str, "", "folder of the last export"),
    Setting("export/open_after", bool, True, "open the finished file after exporting"),
    Setting("files/recent", list, [], "recently opened documents, newest first"),
    Setting("files/last_folder", str, "", "folder of the last File ▸ Open"),
    Setting("ui/font_size", int, 11, "point size of the user interface font"),
)}


class Preferences:
    """Typed access to the declared settings; an undeclared key is a bug, not a new setting."""

    def __init__(self, settings: QtCore.QSettings | None = None) -> None:
        self.qsettings = settings or QtCore.QSettings(str(data_dir() / "preferences.ini"),
                                                      QtCore.QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        spec = SETTINGS[key]
        raw = self.qsettings.value(key, None)
        if raw is None:
            return list(spec.default) if isinstance(spec.default, list) else spec.default
        try:
            if spec.type is bool:
                return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
            if spec.type is list:
                return [str(x) for x in raw] if isinstance(raw, list) else ([str(raw)] if raw else [])
            return spec.type(raw)
        except (TypeError, ValueError):
            return spec.default

    def set(self, key: str, value: Any) -> None:
        spec = SETTINGS[key]
        if not isinstance(value, spec.type):
            raise TypeError(f"setting {key} takes {spec.type.__name__}, not {type(value).__name__}")
        self.qsettings.setValue(key, value)
        self.qsettings.sync()

    def add_recent(self, path: str) -> list[str]:
        """Put ``path`` first in the recent-files list; returns the new list."""
        recent = [p for p in self.get("files/recent") if p != path]
        recent.insert(0, path)
        self.set("files/recent", recent[:MAX_RECENT])
        return recent[:MAX_RECENT]


class WindowLayout:
    """Saved geometry and widget states (QByteArray blobs), apart from the preferences."""

    def __init__(self) -> None:
        self.qsettings = QtCore.QSettings(str(data_dir() / "layout.ini"), QtCore.QSettings.Format.IniFormat)

    def load(self, key: str) -> QtCore.QByteArray | None:
        value = self.qsettings.value(key, None)
        return value if isinstance(value, QtCore.QByteArray) else None

    def save(self, key: str, value: QtCore.QByteArray) -> None:
        self.qsettings.setValue(key, value)
        self.qsettings.sync()
