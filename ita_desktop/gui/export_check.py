"""The check before every export (and File ▸ ตรวจเอกสาร): the errors and warnings of what is about to be
exported, in Thai, each a click away from its cell; the clerk exports anyway or goes back to fix.

The rules are domain.validation's (``export_problems``); this module only lists them and finds the cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ita_desktop.domain.model import YearPlan
from ita_desktop.domain.validation import Problem, Severity, export_problems
from ita_desktop.gui.measures_model import COLUMN_OF as PLAN_COLUMN
from ita_desktop.gui.measures_model import COLUMNS as PLAN_COLUMNS
from ita_desktop.gui.progress_model import COLUMN_OF as PROGRESS_COLUMN
from ita_desktop.gui.progress_model import COLUMNS as PROGRESS_COLUMNS
from ita_desktop.gui.qt import Qt, QtGui, QtWidgets
from ita_desktop.reports.texts import unreviewed_draft

if TYPE_CHECKING:
    from ita_desktop.gui.main_window import MainWindow
    from ita_desktop.services.exporting import ExportOptions

_PATH = re.compile(r"measures\[(\d+)\](?:\.progress\[(\d+)\])?")
DOC_NAMES = {"plan": "แผนมาตรการ", "progress": "รายงานผลการดำเนินการ", "analysis": "รายงานการวิเคราะห์",
             "data": "แบบฟอร์มข้อมูล (Excel)"}


@dataclass(frozen=True)
class Finding:
    """One problem and the cell it is about."""

    measure_id: str
    progress_id: str  # "" when the problem is the measure's
    round: int | None
    column: str  # the grid column key
    severity: Severity
    text: str  # what the list shows


DRAFT_COLUMN = "text:analysis:intro"  # the finding is about the analysis's drafted words, not a cell
UNREVIEWED_DRAFT = ("รายงานการวิเคราะห์ — บทวิเคราะห์ผลคะแนนยังเป็นร่างที่โปรแกรมเขียน ยังไม่ได้ตรวจหรือแก้ไข "
                    "(หน้า “ข้อความในเอกสาร”: แก้ไข หรือกด “ใช้ข้อความร่างนี้”)")


def findings(plan: YearPlan, doc: str, round_: int | None = None) -> list[Finding]:
    """The problems of what is exported, worded for the list (errors first, then the unreviewed draft)."""
    found: list[Finding] = []
    for path, problem in export_problems(plan, doc, round_):
        match = _PATH.fullmatch(path)
        if match is None:
            continue
        number = int(match[1])
        measure = plan.measures[number]
        title = " ".join(measure.title.split()) or "(ยังไม่มีชื่อ)"
        title = title if len(title) <= 50 else title[:49] + "…"
        where = f"มาตรการที่ {number + 1} “{title}”"
        if match[2] is None:
            column = problem.field if problem.field in PLAN_COLUMN else "title"
            header = PLAN_COLUMNS[PLAN_COLUMN[column]].header
            found.append(Finding(measure.id, "", None, column, problem.severity,
                                 f"{where} — {header}: {problem.thai}"))
            continue
        entry = measure.progress[int(match[2])]
        column = _progress_column(problem)
        header = PROGRESS_COLUMNS[PROGRESS_COLUMN[column]].header
        found.append(Finding(measure.id, entry.id, entry.round, column, problem.severity,
                             f"{where} รอบ {entry.round} เดือน — {header}: {problem.thai}"))
    if unreviewed_draft(plan, doc):
        found.append(Finding("", "", None, DRAFT_COLUMN, Severity.WARNING, UNREVIEWED_DRAFT))
    return found


def _progress_column(problem: Problem) -> str:
    key = problem.field.split("[")[0]
    return key if key in PROGRESS_COLUMN else "result"


class CheckDialog(QtWidgets.QDialog):
    """The list of findings; a click on one closes the dialog and shows its cell."""

    def __init__(self, parent: QtWidgets.QWidget, found: list[Finding], title: str, *, exporting: bool) -> None:
        super().__init__(parent)
        self.setObjectName("exportCheck")
        self.setWindowTitle(title)
        self.chosen: Finding | None = None
        errors = sum(1 for f in found if f.severity == Severity.ERROR)
        warnings = len(found) - errors
        summary = QtWidgets.QLabel(
            (f"พบข้อผิดพลาด {errors} รายการ และข้อสังเกต {warnings} รายการ" if found else "ไม่พบข้อผิดพลาด")
            + ("\nคลิกรายการเพื่อไปยังช่องนั้น" if found else ""))
        summary.setObjectName("checkSummary")
        summary.setWordWrap(True)
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("problemList")
        self.list.setWordWrap(True)
        style = self.style()
        icons = {Severity.ERROR: style.standardIcon(QtWidgets.QStyle.StandardPixmap.SP_MessageBoxCritical),
                 Severity.WARNING: style.standardIcon(QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning)}
        colours = {Severity.ERROR: QtGui.QColor("#b00020"), Severity.WARNING: QtGui.QColor("#8a5a00")}
        for finding in found:
            label = ("ข้อผิดพลาด: " if finding.severity == Severity.ERROR else "ข้อสังเกต: ") + finding.text
            item = QtWidgets.QListWidgetItem(icons[finding.severity], label, self.list)
            item.setForeground(colours[finding.severity])
            item.setData(Qt.ItemDataRole.UserRole, finding)
            item.setToolTip("คลิกเพื่อไปแก้ไขช่องนี้")
        self.list.itemClicked.connect(self._clicked)
        buttons = QtWidgets.QDialogButtonBox()
        if exporting:
            go_on = buttons.addButton("ส่งออกต่อ", QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
            back = buttons.addButton("กลับไปแก้ไข", QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
            go_on.setObjectName("exportAnyway")
            back.setObjectName("backToEdit")
            (back if errors else go_on).setDefault(True)
        else:
            close = buttons.addButton("ปิด", QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
            close.setObjectName("closeCheck")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def _clicked(self, item: QtWidgets.QListWidgetItem) -> None:
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.reject()


def show_cell(window: MainWindow, finding: Finding) -> None:
    """Go to the page and cell a finding is about, with the keyboard there."""
    if finding.column == DRAFT_COLUMN:
        window.go_to("texts")
        window.texts_page.choose("analysis")
        window.texts_page.parts["intro"].edit.setFocus()
        return
    model = window.measures_model
    if model is None:
        return
    if finding.progress_id and finding.round in window.plan_rounds():
        assert finding.round is not None
        window.go_to("progress", finding.round)
        progress = window.progress_model(finding.round)
        row = progress.row_of_entry(finding.progress_id)
        if row is not None:
            view = window.progress_page.view
            index = progress.index(row, PROGRESS_COLUMN[finding.column])
            view.setCurrentIndex(index)
            view.scrollTo(index)
            view.setFocus()
            return
    window.go_to("plan")
    page = window.measures_page
    page.filter.clear()
    column = PLAN_COLUMN[finding.column] if finding.column in PLAN_COLUMN else PLAN_COLUMN["title"]
    page.select_source_row(model.row_of(finding.measure_id), column)
    page.view.setFocus()


def _part_plan(window: MainWindow, year: int | None) -> YearPlan | None:
    """The plan a part of the export prints: the year on screen, or another year of the document."""
    if year is None or window.plan is None or year == window.plan.fiscal_year or window.editor is None:
        return window.plan
    return window.editor.repo.load_year(year)


def _part_name(doc: str, round_: int | None) -> str:
    return DOC_NAMES.get(doc, doc) + (f" รอบ {round_} เดือน" if doc == "progress" and round_ else "")


def export_findings(window: MainWindow, options: ExportOptions) -> list[Finding]:
    """The findings of every part of an export (a file of several parts: "plan + analysis"), each part's
    prefixed with its name when there is more than one; a part of another year is checked against that year."""
    parts = [options, *options.parts]
    found: list[Finding] = []
    for number, part in enumerate(parts, start=1):
        plan = _part_plan(window, part.year)
        if plan is None:
            continue
        own = findings(plan, part.doc, part.round)
        if len(parts) > 1:
            year = "" if window.plan is not None and plan.fiscal_year == window.plan.fiscal_year \
                else f" ปี {plan.fiscal_year}"
            prefix = f"ส่วนที่ {number} ({_part_name(part.doc, part.round)}{year}) — "
            own = [replace(f, text=prefix + f.text) for f in own]
            if year:  # a cell of another year cannot be shown from here: listed only
                own = [replace(f, measure_id="", progress_id="", column="") for f in own]
        found += [f for f in own if f not in found]
    return found


def check(window: MainWindow, doc: str | ExportOptions, round_: int | None = None, *, exporting: bool) -> bool:
    """Show the findings of ``doc`` (a document kind, or the options of an export, every part of it checked);
    True when the export should go on (nothing found, or "ส่งออกต่อ")."""
    if window.plan is None:
        return False
    window.commit_open_editors()
    if isinstance(doc, str):
        found, what = findings(window.plan, doc, round_), _part_name(doc, round_)
    else:
        found = export_findings(window, doc)
        what = " + ".join(_part_name(p.doc, p.round) for p in (doc, *doc.parts))
    if not found and exporting:
        return True
    dialog = CheckDialog(window, found, f"ตรวจเอกสารก่อนส่งออก — {what}" if exporting else f"ตรวจเอกสาร — {what}",
                         exporting=exporting)
    accepted = dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted
    if dialog.chosen is not None and (dialog.chosen.column or dialog.chosen.measure_id):
        show_cell(window, dialog.chosen)
    dialog.deleteLater()
    return accepted
