"""File ▸ New: organization, place and fiscal year (form in ui/new_document.ui), then where to save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ita_desktop.domain.model import Organization
from ita_desktop.errors import UserError
from ita_desktop.gui.dialogs import thai_buttons
from ita_desktop.gui.forms import child, load_form
from ita_desktop.gui.qt import QtWidgets
from ita_desktop.services.documents import new_document
from ita_desktop.thai.calendar import fiscal_year_of


def ask_new_document(parent: QtWidgets.QWidget, folder: str) -> Path | None:
    """Ask for the details and a file name; create the document; None when cancelled or refused."""
    form = load_form("new_document", parent)
    assert isinstance(form, QtWidgets.QDialog)
    buttons = child(form, QtWidgets.QDialogButtonBox, "buttons")
    thai_buttons(buttons, ok="สร้างเอกสาร…")
    buttons.accepted.connect(form.accept)
    buttons.rejected.connect(form.reject)
    child(form, QtWidgets.QSpinBox, "year").setValue(fiscal_year_of(date.today()))
    if form.exec() != QtWidgets.QDialog.DialogCode.Accepted:
        return None
    org = Organization(name=child(form, QtWidgets.QLineEdit, "org").text().strip(),
                       district=child(form, QtWidgets.QLineEdit, "district").text().strip(),
                       province=child(form, QtWidgets.QLineEdit, "province").text().strip())
    year = child(form, QtWidgets.QSpinBox, "year").value()
    name = f"{org.name or 'เอกสาร ITA'} {year}.ita"
    path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, "บันทึกเอกสารใหม่เป็น", str(Path(folder) / name),
                                                    "เอกสาร ITA (*.ita)")
    if not path:
        return None
    target = Path(path) if path.endswith(".ita") else Path(path + ".ita")
    try:
        new_document(target, org, year)
    except UserError as exc:
        QtWidgets.QMessageBox.warning(parent, "ITA Desktop", exc.message)
        return None
    return target
