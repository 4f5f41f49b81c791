"""Thai labels for Qt's standard buttons (Qt ships no Thai translation of its own dialogs)."""

from __future__ import annotations

from ita_desktop.gui.qt import QtWidgets

Button = QtWidgets.QDialogButtonBox.StandardButton
BUTTON_TEXT: dict[Button, str] = {
    Button.Ok: "ตกลง", Button.Cancel: "ยกเลิก", Button.Yes: "ใช่", Button.No: "ไม่ใช่", Button.Close: "ปิด",
    Button.Save: "บันทึก", Button.Open: "เปิด", Button.Apply: "ใช้", Button.Discard: "ไม่บันทึก",
}


def thai_buttons(box: QtWidgets.QDialogButtonBox | QtWidgets.QMessageBox, ok: str | None = None) -> None:
    """Give the standard buttons of a button box or message box Thai labels (``ok`` overrides ตกลง)."""
    for standard, text in BUTTON_TEXT.items():
        button = box.button(standard) if isinstance(box, QtWidgets.QDialogButtonBox) else box.button(
            QtWidgets.QMessageBox.StandardButton(standard.value))
        if button is not None:
            button.setText(ok if ok and standard == Button.Ok else text)


def ask_int(parent: QtWidgets.QWidget, title: str, label: str, value: int, minimum: int,
            maximum: int) -> int | None:
    """QInputDialog.getInt with Thai buttons; None when cancelled."""
    dialog = QtWidgets.QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setInputMode(QtWidgets.QInputDialog.InputMode.IntInput)
    dialog.setIntRange(minimum, maximum)
    dialog.setIntValue(value)
    dialog.setOkButtonText("ตกลง")
    dialog.setCancelButtonText("ยกเลิก")
    if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
        return None
    return dialog.intValue()
