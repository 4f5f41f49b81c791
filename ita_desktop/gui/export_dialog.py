"""File ▸ Export: which document, round, layout, digits and file type (form in ui/export_dialog.ui); the
layout's columns and print settings as the office prints them (gui/export_columns.py, export_settings.py) and an
optional second part in the same file.
"""

from __future__ import annotations

from dataclasses import replace

from ita_desktop.domain.profiles import PROFILE_LAYOUTS, ExportProfile
from ita_desktop.gui.dialogs import thai_buttons
from ita_desktop.gui.export_columns import ColumnList
from ita_desktop.gui.export_settings import PrintSettings
from ita_desktop.gui.forms import child, load_form
from ita_desktop.gui.qt import QtWidgets
from ita_desktop.gui.settings import Preferences
from ita_desktop.services.exporting import ExportOptions

DOCS = (("plan", "แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส"), ("progress", "รายงานผลการดำเนินการตามรอบ"),
        ("analysis", "รายงานการวิเคราะห์ผลการประเมิน"))
LAYOUTS = ((1, "๑ แผน ๕ คอลัมน์"), (2, "๒ แผนพร้อมผล แยกตามแบบวัด"), (3, "๓ รายงานรอบ แยกตามแบบวัด"),
           (4, "๔ รายงานรอบพร้อมวันที่ดำเนินการ"), (5, "๕ สรุปผลการดำเนินงาน"), (6, "๖ รายงานการวิเคราะห์"))
FORMATS = ((".pdf", "PDF (สำหรับเผยแพร่บนเว็บไซต์)"), (".docx", "Word (.docx)"), (".xlsx", "Excel รายงานสำหรับพิมพ์ (.xlsx)"),
           ("data.xlsx", "Excel แบบฟอร์มข้อมูล ให้กองต่าง ๆ กรอกแล้วนำกลับมานำเข้า (.xlsx)"))


class ExportDialog:
    """Asks what to export; remembers the choices in the preferences."""

    def __init__(self, parent: QtWidgets.QWidget, prefs: Preferences, fiscal_year: int, rounds: list[int],
                 doc: str = "plan", round_: int | None = None, profiles: list[ExportProfile] | None = None) -> None:
        """``doc``/``round_`` preselect what the clerk is looking at (the round-6 page exports the round-6 report);
        ``profiles`` are the document's saved export profiles."""
        self.prefs, self.fiscal_year = prefs, fiscal_year
        form = load_form("export_dialog", parent)
        assert isinstance(form, QtWidgets.QDialog)
        self.dialog = form
        self.doc = child(form, QtWidgets.QComboBox, "doc")
        self.round = child(form, QtWidgets.QComboBox, "round")
        self.layout = child(form, QtWidgets.QComboBox, "layoutChoice")
        self.digits = child(form, QtWidgets.QComboBox, "digits")
        self.format = child(form, QtWidgets.QComboBox, "fileFormat")
        self.font = child(form, QtWidgets.QLineEdit, "font")
        self.open_after = child(form, QtWidgets.QCheckBox, "openAfter")
        self.second = child(form, QtWidgets.QComboBox, "secondPart")
        self.columns = ColumnList(child(form, QtWidgets.QListWidget, "columns"),
                                  child(form, QtWidgets.QPushButton, "columnUp"),
                                  child(form, QtWidgets.QPushButton, "columnDown"),
                                  child(form, QtWidgets.QPushButton, "columnsReset"), list(profiles or []),
                                  PrintSettings(child(form, QtWidgets.QComboBox, "dateStyle"),
                                                child(form, QtWidgets.QComboBox, "grouping"),
                                                child(form, QtWidgets.QCheckBox, "showUnreported")))
        buttons = child(form, QtWidgets.QDialogButtonBox, "buttons")
        thai_buttons(buttons, ok="ส่งออก…")
        buttons.accepted.connect(form.accept)
        buttons.rejected.connect(form.reject)
        child(form, QtWidgets.QPushButton, "chooseFont").clicked.connect(self._choose_font)
        for key, label in DOCS:
            self.doc.addItem(label, key)
        for r in rounds or [6, 12]:
            self.round.addItem(f"รอบ {r} เดือน", r)
        self.digits.addItem("เลขไทย (๑ ๒ ๓)", "thai")
        self.digits.addItem("เลขอารบิก (1 2 3)", "arabic")
        for suffix, label in FORMATS:
            self.format.addItem(label, suffix)
        self.second.addItem("ไม่มี", None)
        names = dict(LAYOUTS)
        for key, label in DOCS:
            for number in PROFILE_LAYOUTS[key]:
                self.second.addItem(f"{label} – รูปแบบ {names[number]}", f"{key}:{number}")
        self.digits.setCurrentIndex(max(self.digits.findData(prefs.get("export/digits")), 0))
        self.font.setText(prefs.get("export/font"))
        self.open_after.setChecked(prefs.get("export/open_after"))
        self.doc.setCurrentIndex(max(self.doc.findData(doc), 0))
        if round_ is not None:
            self.round.setCurrentIndex(max(self.round.findData(round_), 0))
        self.doc.currentIndexChanged.connect(self._doc_changed)
        self.layout.currentIndexChanged.connect(self._layout_changed)
        self._doc_changed()

    def _doc_changed(self, *_: object) -> None:
        """Offer only the layouts the chosen document can be printed in (nothing to refuse afterwards)."""
        doc = self.doc.currentData()
        self.round.setEnabled(doc == "progress")
        names = dict(LAYOUTS)
        self.layout.blockSignals(True)
        self.layout.clear()
        for number in PROFILE_LAYOUTS[str(doc)]:
            self.layout.addItem(names[number], number)
        self.layout.blockSignals(False)
        key = "export/progress_layout" if doc == "progress" else "export/plan_layout"
        self.layout.setCurrentIndex(max(self.layout.findData(self.prefs.get(key)), 0))
        self._layout_changed()  # the columns depend on the document too, even when the layout stays

    def _layout_changed(self, *_: object) -> None:
        self.columns.show(str(self.doc.currentData()), int(self.layout.currentData()))

    def _choose_font(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self.dialog, "เลือกแบบอักษรภาษาไทย (TTF)", "",
                                                        "TrueType (*.ttf)")
        if path:
            self.font.setText(path)

    def options(self) -> ExportOptions:
        """The chosen options, saved as the new defaults."""
        doc = self.doc.currentData()
        layout = int(self.layout.currentData())
        self.prefs.set("export/digits", str(self.digits.currentData()))
        self.prefs.set("export/progress_layout" if doc == "progress" else "export/plan_layout", layout)
        self.prefs.set("export/font", self.font.text().strip())
        self.prefs.set("export/open_after", self.open_after.isChecked())
        round_ = int(self.round.currentData())
        if self.format.currentData() == "data.xlsx":  # the workbook departments fill in: the year's data, no layout
            return ExportOptions(doc="data", year=self.fiscal_year, digits=self.digits.currentData())
        options = ExportOptions(doc=doc, year=self.fiscal_year, round=round_ if doc == "progress" else None,
                                layout=layout, digits=self.digits.currentData(),
                                font=self.font.text().strip() or None, profile=self.columns.profile())
        second = self.second.currentData()
        if second:  # "plan:1": the document and layout of a part after this one, in the same file
            kind, _, number = str(second).partition(":")
            options = replace(options, parts=(ExportOptions(doc=kind, year=self.fiscal_year, layout=int(number),  # type: ignore[arg-type]
                                                            round=round_ if kind == "progress" else None),))
        return options

    def profile_to_save(self) -> ExportProfile | None:
        """The columns to keep in the document when the export starts (None: nothing new)."""
        return self.columns.changed()

    def suffix(self) -> str:
        return str(self.format.currentData()).removeprefix("data")
