"""The words around a document's table: the office's own where it wrote them, else a generated draft.

Generated sentences are drafts, never forced (DESIGN §6): the text page of the window shows the same draft the
report would print, marked as a draft, the clerk edits it, and her version is printed from then on (a DocText of
the year). The analysis's intro is drafted from the scores (reports/analysis_draft.py); ``unreviewed_draft``
says when an export would print it unread.
In an intro or closing text each non-empty line is a paragraph, and a line starting with "# " a sub-heading.
"""

from __future__ import annotations

from ita_desktop.domain.model import Document, Tool, YearPlan
from ita_desktop.domain.round_entries import reported_by_step, steps_done
from ita_desktop.reports.analysis_draft import analysis_draft
from ita_desktop.thai.calendar import long_date, long_range, round_range
from ita_desktop.thai.digits import DigitStyle, digits

PLAN_TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
PROGRESS_TITLE = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
ANALYSIS_TITLE = "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"
TOOL_SHORT: dict[Tool, str] = {
    Tool.IIT: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
    Tool.EIT: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
    Tool.OIT: "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
}
PART_NAMES = {"title": "ชื่อเรื่อง (บรรทัดหัวเอกสาร)", "intro": "ข้อความก่อนตาราง (บทนำ)",
              "closing": "ข้อความหลังตาราง (บทสรุป)", "tool:IIT": "หัวข้อส่วน IIT", "tool:EIT": "หัวข้อส่วน EIT",
              "tool:OIT": "หัวข้อส่วน OIT"}


def default_round(plan: YearPlan) -> int:
    """The round a progress report is for when none is asked: the latest reported, else the first monitored."""
    reported = sorted({p.round for m in plan.measures for p in m.progress})
    if reported:
        return reported[-1]
    return (plan.rounds() or [6])[0]


def assessed_year(plan: YearPlan) -> int:
    """The fiscal year whose ITA result informs this plan (recorded, else the year before)."""
    return plan.assessment.year if plan.assessment and plan.assessment.year else plan.fiscal_year - 1


def place(document: Document) -> str:
    """'อำเภอศรีธาตุ จังหวัดอุดรธานี' from the organization's district and province."""
    org = document.organization
    district, province = org.district.strip(), org.province.strip()
    parts = []
    if district:
        parts.append(district if district.startswith(("อำเภอ", "เขต")) else f"อำเภอ{district}")
    if province:
        parts.append(province if province.startswith("จังหวัด") else f"จังหวัด{province}")
    return " ".join(parts)


def step_count(plan: YearPlan, round_: int) -> tuple[int, int] | None:
    """(steps done, steps) by the end of ``round_`` of the measures the report's table prints, counted as the
    window and the round page count them (round_entries.steps_done); None where the office reports whole
    measures, not steps."""
    if not reported_by_step(plan.measures, round_):
        return None
    return steps_done(plan.measures, round_)


def generated_text(document: Document, plan: YearPlan, kind: str, part: str, round_: int | None,
                   style: DigitStyle = "thai") -> str:
    """The draft the program writes for one part of a document (what prints when the office wrote none)."""
    def d(value: str | int) -> str:
        return digits(value, style)

    org = document.organization.name
    fy = f"ประจำปีงบประมาณ พ.ศ. {d(plan.fiscal_year)}"
    if part.startswith("tool:"):
        return TOOL_SHORT[Tool(part.removeprefix("tool:"))]
    if part == "title":
        if kind == "plan":
            lines = [PLAN_TITLE, fy]
        elif kind == "progress":
            round_ = round_ or default_round(plan)
            start, end = round_range(plan.fiscal_year, round_)
            lines = [PROGRESS_TITLE, f"{fy} รอบ {d(round_)} เดือน", f"({long_range(start, end, style)})"]
        else:
            lines = [ANALYSIS_TITLE, f"ประจำปีงบประมาณ พ.ศ. {d(assessed_year(plan))}"]
        return "\n".join([*lines, *(x for x in (org, place(document)) if x)])
    if part == "intro" and kind == "plan":
        assessed = d(assessed_year(plan))
        return (f"ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
                f"ประจำปีงบประมาณ พ.ศ. {assessed} แล้ว {org} จึงได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
                f"ภายในหน่วยงาน {fy} เพื่อยกระดับผลการประเมินให้สูงขึ้น โดยมีรายละเอียดดังนี้")
    if part == "intro" and kind == "analysis":
        return analysis_draft(document, plan, style)  # drafted from the scores (issue 15)
    if part == "intro" and kind == "progress":
        round_ = round_ or default_round(plan)
        start, end = round_range(plan.fiscal_year, round_)
        counted = step_count(plan, round_)
        count = f" ดำเนินการแล้ว {d(counted[0])} จาก {d(counted[1])} ขั้นตอน" if counted else ""
        return (f"ตามที่ {org} ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน {fy} ไว้แล้ว "
                f"บัดนี้ได้รายงานผลการดำเนินการตามมาตรการ รอบ {d(round_)} เดือน ตั้งแต่วันที่ "
                f"{long_date(start, style)} ถึงวันที่ {long_date(end, style)}{count} โดยมีรายละเอียดดังนี้")
    return ""


def document_text(document: Document, plan: YearPlan, kind: str, part: str, round_: int | None,
                  style: DigitStyle = "thai") -> str:
    """What prints for a part: the office's own text (the round's own, then the one for every round), else
    the generated draft."""
    own = plan.text(kind, part, round_)
    return own.text if own is not None else generated_text(document, plan, kind, part, round_, style)


def unreviewed_draft(plan: YearPlan, kind: str) -> bool:
    """True when ``kind`` would print the analysis the program drafted from the scores, the office not having
    written (or accepted) its own: the check before export warns of it."""
    return (kind == "analysis" and plan.text("analysis", "intro") is None and plan.assessment is not None
            and not plan.assessment.is_empty())
