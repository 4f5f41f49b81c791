"""Export options and the writers for each output format, found by file extension.

Writers are imported lazily: the CLI starts fast, and the PDF machinery (HarfBuzz, the segmenter's
dictionary) loads only when a PDF is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ita_desktop.domain.model import Document
from ita_desktop.domain.profiles import ExportProfile
from ita_desktop.errors import UserError
from ita_desktop.thai.digits import DigitStyle

DocKind = Literal["plan", "progress", "analysis", "data"]  # data: the Excel workbook departments fill in
# How dates and timeframes print: short "ต.ค. ๖๕ – มี.ค. ๖๖", full "ตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖",
# thru "เดือนตุลาคม ๖๕ ถึง เดือนมีนาคม ๖๖", day "๑ ต.ค. ๖๕ – ๓๑ มี.ค. ๖๖". A timeframe typed as words prints as typed.
DateStyle = Literal["short", "full", "thru", "day"]
# Table sections: by tool (IIT/EIT/OIT), by the office's own groups, none; auto = the office's groups where it
# has any (inside the tools in the by-tool layouts), else the layout's own.
Grouping = Literal["auto", "tool", "group", "none"]
ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportOptions:
    doc: DocKind = "plan"
    year: int | None = None  # fiscal year (BE); None = the latest in the document
    round: int | None = None  # 3/6/9/12 for progress reports
    layout: int | None = None  # 1–6 (DESIGN §6); None = the document kind's default
    digits: DigitStyle = "thai"
    font: str | None = None  # path of a TTF to use instead of the bundled Sarabun
    bold_font: str | None = None
    date_style: DateStyle = "short"
    grouping: Grouping = "auto"
    show_unreported: bool = False  # print "ยังไม่ดำเนินการ" for steps nobody reported (never invented by default)
    # the office's columns (and settings) for this document and layout; None = the profile saved in the document
    profile: ExportProfile | None = None
    # more parts of the same file, in order (each its own document, year, round, layout, profile; digits and
    # font are the whole file's): e.g. this year's plan after last year's analysis, one PDF / DOCX
    parts: tuple[ExportOptions, ...] = ()


# extension -> "module:function"; function(document, options, out, progress) writes the file.
WRITERS: dict[str, str] = {
    ".pdf": "ita_desktop.reports.pdf_export:export_pdf",
    ".docx": "ita_desktop.reports.docx_export:export_docx",
    ".xlsx": "ita_desktop.reports.xlsx_report:export_report_xlsx",  # the document as a printable sheet
    "data.xlsx": "ita_desktop.reports.xlsx_export:export_xlsx",  # --doc data: the template to fill and bring back
}
XML_FORMATS = (".docx", ".xlsx")  # zips of XML: see reports.xml_safe
# extension -> "module:function"; function(path, current_document) -> (document, warnings).
IMPORTERS: dict[str, str] = {
    ".xlsx": "ita_desktop.reports.xlsx_import:import_xlsx",
}


def _load(table: dict[str, str], suffix: str, what: str) -> Callable[..., Any]:
    target = table.get(suffix)
    if target is None:
        raise UserError(f"Cannot {what} {suffix or 'files without an extension'}; "
                        f"use one of: {', '.join(sorted(k for k in table if k.startswith('.')))}.")
    module_name, func = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("ita_desktop"):
            raise UserError(f"{what.capitalize()} to {suffix} is not available in this version.") from None
        raise
    return getattr(module, func)  # type: ignore[no-any-return]


def load_writer(suffix: str) -> Callable[[Document, ExportOptions, Path, ProgressCallback | None], None]:
    return _load(WRITERS, suffix, "export")


# (file, the current document, a check of the incoming document run before it is returned) -> (it, warnings)
Importer = Callable[[Path, Document, Callable[[Document], None] | None], tuple[Document, list[str]]]


def load_importer(suffix: str) -> Importer:
    return _load(IMPORTERS, suffix, "import")


def export_document(document: Document, options: ExportOptions, out: Path,
                    progress: ProgressCallback | None = None) -> list[str]:
    """Write ``document`` to ``out`` in the format its extension names; returns notes for the summary."""
    for part in (options, *options.parts):
        if part.year is not None and document.year(part.year) is None:
            years = ", ".join(str(y.fiscal_year) for y in document.years) or "none"
            raise UserError(f"The document has no fiscal year {part.year} (it has: {years}). "
                            f"ไม่มีปีงบประมาณ {part.year} ในเอกสาร")
    if options.parts and out.suffix.lower() not in (".pdf", ".docx"):
        raise UserError(f"An export of several parts is written as .pdf or .docx, not {out.suffix or 'this'}. "
                        "การส่งออกหลายส่วนในไฟล์เดียวใช้ได้กับ PDF และ Word เท่านั้น")
    if not document.years:
        raise UserError("The document has no fiscal year yet. เอกสารยังไม่มีปีงบประมาณ")
    suffix = out.suffix.lower()
    if options.doc == "data":
        if suffix != ".xlsx":
            raise UserError(f"--doc data is the Excel workbook departments fill in; write it to a .xlsx file, not "
                            f"{suffix or 'a file without an extension'}. แบบฟอร์มข้อมูลต้องเป็นไฟล์ .xlsx")
        suffix = "data.xlsx"
    notes: list[str] = []
    if out.suffix.lower() in XML_FORMATS:  # characters XML cannot hold are replaced in the file, not the document
        from ita_desktop.reports.xml_safe import replaced_note, xml_safe

        document, replaced = xml_safe(document)
        notes += [replaced_note(replaced)] if replaced else []
    elif out.suffix.lower() == ".pdf":  # a text far longer than any office writes is printed cut, with a note
        from ita_desktop.reports.pdf.long_texts import cut_note, printable

        document, cut = printable(document, options.digits)
        notes += [cut_note(cut)] if cut else []
    load_writer(suffix)(document, options, out, progress)
    return notes


def warm_up_pdf() -> None:
    """Load now what the first PDF export would load (the writer's modules, the bundled fonts, the word
    dictionary), so that export costs what later ones do. For a worker thread: the window starts one."""
    from ita_desktop.reports.pdf.fonts import load_fonts
    from ita_desktop.thai.segment import warm_up

    load_writer(".pdf")
    load_fonts()
    warm_up()
