"""Loading the Qt Designer forms in ui/ (from source and from the frozen bundle)."""

from __future__ import annotations

from typing import TypeVar

from ita_desktop.gui.qt import QtCore, QtUiTools, QtWidgets
from ita_desktop.paths import ui_dir

T = TypeVar("T", bound=QtCore.QObject)


def load_form(name: str, parent: QtWidgets.QWidget | None = None) -> QtWidgets.QWidget:
    """The widget built from ``ui/<name>.ui``; its children are found by objectName."""
    path = ui_dir() / f"{name}.ui"
    file = QtCore.QFile(str(path))
    if not file.open(QtCore.QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"form {path} is missing")
    try:
        widget = QtUiTools.QUiLoader().load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"form {path} could not be loaded")
    return widget


def child(form: QtWidgets.QWidget, kind: type[T], name: str) -> T:
    """A named child of a loaded form, typed."""
    found = form.findChild(kind, name)
    if found is None:
        raise LookupError(f"{name} not found in form {form.objectName()}")
    return found
