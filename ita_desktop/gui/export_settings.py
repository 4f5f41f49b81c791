"""The export dialog's print settings of a layout: how timeframes read, how the table is divided into sections,
whether steps nobody reported say so. They belong to the (document, layout) profile, as the columns do, so an
office that prints "ตุลาคม ๒๕๖๖ – มีนาคม ๒๕๖๗" chooses it once and every later export prints the same.
"""

from __future__ import annotations

from typing import Any

from ita_desktop.domain.profiles import DATE_STYLES, GROUPINGS, ExportProfile
from ita_desktop.gui.qt import QtWidgets

DATE_STYLE_LABELS = {"short": "ต.ค. ๖๖ – มี.ค. ๖๗", "full": "ตุลาคม ๒๕๖๖ – มีนาคม ๒๕๖๗",
                     "thru": "เดือนตุลาคม ๖๖ ถึง เดือนมีนาคม ๖๗", "day": "๑ ต.ค. ๖๖ – ๓๑ มี.ค. ๖๗"}
GROUPING_LABELS = {"auto": "ตามรูปแบบตาราง", "tool": "แยกตามแบบวัด (IIT / EIT / OIT)",
                   "group": "ตามกลุ่มที่หน่วยงานตั้งไว้", "none": "ไม่แบ่งหัวข้อ"}
DEFAULTS: dict[str, Any] = {"date_style": "short", "grouping": "auto", "show_unreported": False}


class PrintSettings:
    """Shows a profile's settings in the dialog's widgets and reads the clerk's choice back."""

    def __init__(self, date_style: QtWidgets.QComboBox, grouping: QtWidgets.QComboBox,
                 show_unreported: QtWidgets.QCheckBox) -> None:
        self.date_style, self.grouping, self.show_unreported = date_style, grouping, show_unreported
        for key in DATE_STYLES:
            date_style.addItem(DATE_STYLE_LABELS[key], key)
        for key in GROUPINGS:
            grouping.addItem(GROUPING_LABELS[key], key)

    def show(self, profile: ExportProfile | None, document: str) -> None:
        """The settings ``profile`` chose (the defaults where it chose none); "unreported" only where rounds are."""
        def chosen(name: str) -> Any:
            value = getattr(profile, name, None) if profile is not None else None
            return DEFAULTS[name] if value is None else value

        self.date_style.setCurrentIndex(max(self.date_style.findData(chosen("date_style")), 0))
        self.grouping.setCurrentIndex(max(self.grouping.findData(chosen("grouping")), 0))
        self.show_unreported.setChecked(bool(chosen("show_unreported")))
        self.show_unreported.setEnabled(document == "progress")

    def values(self) -> dict[str, Any]:
        return {"date_style": str(self.date_style.currentData()), "grouping": str(self.grouping.currentData()),
                "show_unreported": self.show_unreported.isEnabled() and self.show_unreported.isChecked()}

    def put_into(self, profile: ExportProfile, saved: ExportProfile | None) -> None:
        """The clerk's settings into ``profile``: a default choice stays unsaid (None) unless the saved profile
        said otherwise, so choosing the default again really prints the default."""
        for name, value in self.values().items():
            said = getattr(saved, name, None) if saved is not None else None
            setattr(profile, name, None if value == DEFAULTS[name] and said is None else value)
