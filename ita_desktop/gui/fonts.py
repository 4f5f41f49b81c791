"""The bundled Sarabun, registered with Qt so a PC without Thai fonts still shows Thai, not boxes."""

from __future__ import annotations

from ita_desktop.gui.qt import QtGui, QtWidgets
from ita_desktop.paths import resource

FONT_FILES = ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf")
UI_POINT_SIZE = 11


def register_fonts() -> str:
    """Add the bundled fonts to Qt's database; returns the family name to use for the UI."""
    family = ""
    for name in FONT_FILES:
        font_id = QtGui.QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        if font_id >= 0 and not family:
            families = QtGui.QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else ""
    if not family:
        raise RuntimeError("the bundled Sarabun font could not be loaded from resources/fonts")
    return family


def apply_ui_font(app: QtWidgets.QApplication, family: str, point_size: int = UI_POINT_SIZE) -> QtGui.QFont:
    """Make ``family`` the application font, so every widget draws Thai with it."""
    font = QtGui.QFont(family, point_size)
    font.setStyleStrategy(QtGui.QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    return font
