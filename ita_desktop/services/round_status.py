"""The round at a glance as the window and `ita-desktop status` both show it: the year and round chosen for a
day, the figures as Thai text or JSON, the publishing log as a table for ITAS, and the per-unit sheet of open
steps ("ค้างดำเนินการ") written as PDF or XLSX through the report machinery.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ita_desktop.domain.model import Document, YearPlan
from ita_desktop.domain.publications import document_label, itas_table
from ita_desktop.domain.round_status import REPORT_DUE_DAYS, RoundStatus, current_round, round_status
from ita_desktop.errors import UserError
from ita_desktop.thai.calendar import ROUNDS, fiscal_year_of, long_date
from ita_desktop.thai.digits import to_thai_digits

if TYPE_CHECKING:
    from ita_desktop.reports.document_model import Block, Report


def choose_year(document: Document, year: int | None, today: date) -> YearPlan:
    """The fiscal year asked for, else the one ``today`` falls in, else the latest."""
    if year is not None:
        plan = document.year(year)
        if plan is None:
            raise UserError(f"ไม่มีปีงบประมาณ {year} ในเอกสาร (the document has no fiscal year {year}).")
        return plan
    plan = document.year(fiscal_year_of(today)) or document.latest_year()
    if plan is None:
        raise UserError("เอกสารยังไม่มีปีงบประมาณ (the document has no fiscal year).")
    return plan


def status_of(document: Document, year: int | None = None, round_: int | None = None,
              today: date | None = None) -> RoundStatus:
    """The round status of a document: the year and round chosen by date unless given."""
    day = today or date.today()
    plan = choose_year(document, year, day)
    if round_ is not None and round_ not in ROUNDS:
        raise UserError(f"--round must be 3, 6, 9 or 12, not {round_}.")
    chosen = round_ if round_ is not None else current_round(plan.fiscal_year, plan.rounds(), day)
    return round_status(plan, chosen, day, document.units)


def _days(n: int) -> str:
    if n > 0:
        return f"อีก {to_thai_digits(n)} วัน"
    return "วันนี้" if n == 0 else f"เลยมาแล้ว {to_thai_digits(-n)} วัน"


def counts_line(done: int, steps: int) -> str:
    """'๒๐ จาก ๓๐ ขั้นตอน'."""
    return f"{to_thai_digits(done)} จาก {to_thai_digits(steps)} ขั้นตอน"


def status_text(status: RoundStatus) -> str:
    """The figures as a clerk reads them (Thai, Thai digits)."""
    t = status.totals
    lines = [
        f"ปีงบประมาณ {to_thai_digits(status.fiscal_year)} รอบ {to_thai_digits(status.round)} เดือน "
        f"(ณ วันที่ {long_date(status.today)})",
        f"สิ้นสุดรอบ {long_date(status.round_end)} ({_days(status.days_left)})",
        f"กำหนดเผยแพร่รายงาน {long_date(status.report_due)} ({_days(status.days_to_report)}; "
        f"{to_thai_digits(REPORT_DUE_DAYS)} วันหลังสิ้นสุดรอบ)"
        + (" — บันทึกการเผยแพร่แล้ว" if status.report_published else ""),
        f"ดำเนินการแล้ว {counts_line(t.done, t.steps)} • อยู่ระหว่างดำเนินการ {to_thai_digits(t.in_progress)} • "
        f"เลยกำหนด {to_thai_digits(t.overdue)} • ยังไม่เริ่ม {to_thai_digits(t.not_started)}",
        "",
        "หน่วยงานรับผิดชอบ:",
    ]
    for unit, c in status.units.items():
        lines.append(f"  {unit}: ดำเนินการแล้ว {counts_line(c.done, c.steps)}, อยู่ระหว่างดำเนินการ "
                     f"{to_thai_digits(c.in_progress)}, เลยกำหนด {to_thai_digits(c.overdue)}, "
                     f"ยังไม่เริ่ม {to_thai_digits(c.not_started)}")
    lines += ["", f"สิ่งที่ยังขาดก่อนเผยแพร่รายงาน ({to_thai_digits(len(status.missing))} รายการ):"]
    lines += [f"  - {m.label}: {m.thai}" for m in status.missing] or ["  (ครบแล้ว)"]
    lines += ["", "บันทึกการเผยแพร่ (OIT):"]
    for p in status.publications:
        when = long_date(p.published_on) if p.published_on else "ยังไม่ระบุวันที่"
        lines.append(f"  {p.item_or_default(status.fiscal_year)} {document_label(p.document, p.round)}: "
                     f"{p.url or '(ยังไม่มีลิงก์)'} ({when})")
    if not status.publications:
        lines.append("  (ยังไม่ได้บันทึก)")
    return "\n".join(lines)


def status_json(status: RoundStatus) -> dict[str, Any]:
    """The figures as `status --json` prints them (DESIGN §8, issue 14)."""
    return {
        "fiscal_year": status.fiscal_year, "round": status.round, "today": status.today.isoformat(),
        "round_end": status.round_end.isoformat(), "report_due": status.report_due.isoformat(),
        "days_left": status.days_left, "days_to_report": status.days_to_report,
        "totals": status.totals.as_dict(),
        "units": [{"unit": u} | c.as_dict() for u, c in status.units.items()],
        "missing": [{"measure": m.measure_id, "step": m.step, "entry": m.entry_id, "what": str(m.kind),
                     "label": m.label, "thai": m.thai} for m in status.missing],
        "publications": [{"id": p.id, "document": p.document, "round": p.round,
                          "item": p.item_or_default(status.fiscal_year), "url": p.url,
                          "published_on": p.published_on.isoformat() if p.published_on else None}
                         for p in status.publications],
    }


def itas_tsv(status: RoundStatus) -> str:
    """The publishing log as tab-separated text, ready to paste into ITAS or a spreadsheet."""
    rows = itas_table(status.publications, status.fiscal_year)
    return "\n".join("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row) for row in rows) + "\n"


# -- the per-unit sheet of open steps ---------------------------------------------------------------------------
def open_steps_report(document: Document, status: RoundStatus, unit: str) -> Report:
    """A Report (reports.document_model) listing ``unit``'s open steps, to send to the department."""
    from ita_desktop.reports.document_model import Column, Paragraph, Report, Table, TableSection
    from ita_desktop.reports.layouts import page_label_for
    from ita_desktop.thai.calendar import short_date

    if unit not in status.units:
        known = ", ".join(status.units) or "-"
        raise UserError(f"ไม่มีหน่วยงาน “{unit}” ในรอบนี้ (units of this round: {known}).")
    org = document.organization.name
    rows = []
    for i, s in enumerate(status.open_steps(unit), 1):
        rows.append([to_thai_digits(i), s.measure.title, s.text if s.step else "(ทั้งมาตรการ)",
                     short_date(s.deadline) if s.deadline else "-", s.state.thai])
    table = Table([Column("ที่", 0.5), Column("มาตรการ", 3.0), Column("ขั้นตอน", 3.5), Column("กำหนดเสร็จ", 1.2),
                   Column("สถานะ", 1.4)], [TableSection(None, rows)])
    c = status.units[unit]
    by = status.round_end if status.today <= status.round_end else status.report_due
    blocks: list[Block] = [Paragraph(
        f"{unit}: ดำเนินการแล้ว {counts_line(c.done, c.steps)} คงค้าง {to_thai_digits(c.steps - c.done)} ขั้นตอน "
        f"(เลยกำหนด {to_thai_digits(c.overdue)}) ขอให้รายงานผลภายใน {long_date(by)}", False)]
    blocks.append(table if rows else Paragraph("ไม่มีขั้นตอนค้างดำเนินการ", False))
    title = [f"ขั้นตอนที่ค้างดำเนินการ — {unit}", org,
             f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ {to_thai_digits(status.fiscal_year)} "
             f"รอบ {to_thai_digits(status.round)} เดือน (ณ วันที่ {long_date(status.today)})"]
    return Report(title_lines=[t for t in title if t], blocks=blocks, digits="thai", landscape=True,
                  file_title=f"ค้างดำเนินการ {unit}", page_label=page_label_for("thai"), author=org)


def write_open_steps(document: Document, status: RoundStatus, unit: str, out: Path) -> None:
    """The unit's open steps as a PDF or a printable XLSX (by the suffix of ``out``)."""
    report = open_steps_report(document, status, unit)
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        from ita_desktop.reports.pdf.fonts import load_fonts
        from ita_desktop.reports.pdf.styles import ReportStyles
        from ita_desktop.reports.pdf_export import render_report

        render_report(report, ReportStyles.for_fonts(load_fonts()), out)
    elif suffix == ".xlsx":
        import io

        from ita_desktop.reports.xlsx_report import report_workbook
        from ita_desktop.services.documents import write_atomically

        buffer = io.BytesIO()
        report_workbook(report).save(buffer)
        write_atomically(out, buffer.getvalue())
    else:
        raise UserError(f"the sheet of open steps is written as .pdf or .xlsx, not {out.name}.")
