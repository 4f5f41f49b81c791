"""Build the Report of each document kind and layout (DESIGN §6) from domain objects.

Generated text (dates, numbers, step numbers) follows the chosen digit style; what the clerk typed is printed as
typed, so URLs and codes such as "o42" are never altered.
Progress reports are cumulative, as their date range is (1 Oct to the end of the round): a step not reported in
this round shows its latest report from an earlier round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ita_desktop.domain.catalogue import TARGET_SCORE, TOOL_NAMES
from ita_desktop.domain.model import Document, Measure, Progress, Status, Tool, YearPlan
from ita_desktop.domain.steps import numbered_step
from ita_desktop.errors import UserError
from ita_desktop.reports.document_model import (
    BarChart,
    Block,
    BulletList,
    Column,
    Heading,
    Paragraph,
    Report,
    SignatureBlock,
    Signer,
    Table,
    TableSection,
)
from ita_desktop.services.exporting import ExportOptions
from ita_desktop.thai.calendar import long_date, long_range, round_range, short_month_range
from ita_desktop.thai.digits import DigitStyle, digits

PLAN_TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
PROGRESS_TITLE = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
ANALYSIS_TITLE = "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"

LAYOUT_COLUMNS: dict[int, tuple[tuple[str, float], ...]] = {
    1: (("มาตรการ", 1.2), ("แนวทางการปฏิบัติ", 1.6), ("ขั้นตอน/วิธีการปฏิบัติ", 2.2), ("ผู้รับผิดชอบ", 1.0),
        ("การกำกับติดตาม", 1.0)),
    2: (("ตัวชี้วัดการประเมิน", 1.1), ("ประเด็นการประเมินที่ต้องยกระดับ", 1.4), ("ขั้นตอนหรือวิธีการปฏิบัติ", 1.6),
        ("ผลการดำเนินการ", 1.7), ("ผู้รับผิดชอบ", 0.9), ("ระยะเวลาดำเนินการ", 0.9)),
    3: (("ประเด็นที่ต้องพัฒนาตามตัวชี้วัด", 1.3), ("มาตรการ/ขั้นตอน/วิธีปฏิบัติ", 1.7), ("การดำเนินการ/รายงาน", 2.0),
        ("ผู้รับผิดชอบ", 1.0), ("ระยะเวลาดำเนินการ", 0.9)),
    4: (("ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา", 1.3), ("ผู้รับผิดชอบ", 1.0),
        ("ขั้นตอนหรือวิธีการ/มาตรการ", 1.7), ("การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ", 1.1),
        ("การดำเนินการ", 2.0)),
    5: (("มาตรการ/แนวทาง", 1.3), ("ขั้นตอน/วิธีการปฏิบัติ", 1.7), ("หน่วยงานรับผิดชอบ", 1.0),
        ("ระยะเวลาดำเนินงาน", 0.9), ("สรุปผลการดำเนินงาน", 1.6), ("ผลสัมฤทธิ์", 1.3)),
    6: (("มาตรการ/แนวทาง", 1.4), ("วิธีการ/ดำเนินการ", 2.2), ("ผู้รับผิดชอบ", 1.0), ("ระยะเวลาดำเนินการ", 0.9),
        ("การติดตามผล", 1.1)),
}
LAYOUTS_BY_DOC: dict[str, tuple[int, ...]] = {"plan": (1, 2, 5), "progress": (2, 3, 4, 5), "analysis": (6,)}
DEFAULT_LAYOUT: dict[str, int] = {"plan": 1, "progress": 3, "analysis": 6}
LAYOUT_NAMES: dict[int, str] = {
    1: "แผนมาตรการ (๕ คอลัมน์)", 2: "แผนพร้อมผลการดำเนินการ แยกตามแบบวัด", 3: "รายงานรอบ แยกตามแบบวัด",
    4: "รายงานรอบ พร้อมวันที่ดำเนินการ", 5: "สรุปผลการดำเนินงาน", 6: "รายงานการวิเคราะห์",
}
SECTION_PREFIX: dict[int, str] = {2: "มาตรการยกระดับการประเมินตาม", 3: "", 4: "", 5: "", 1: "", 6: ""}
TOOL_SHORT: dict[Tool, str] = {
    Tool.IIT: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
    Tool.EIT: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
    Tool.OIT: "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
}

GENERAL_SECTION = "มาตรการทั่วไป (ไม่ระบุตัวชี้วัด)"  # measures tied to no indicator, in the by-tool layouts


@dataclass
class _Context:
    doc: Document
    plan: YearPlan
    style: DigitStyle
    round: int | None

    def d(self, value: str | int) -> str:
        return digits(value, self.style)

    def score(self, value: float | None) -> str:
        return "–" if value is None else self.d(f"{value:.2f}")

    def indicator_label(self, number: int) -> str:
        ind = self.plan.indicator(number)
        return f"{self.d(number)}. {ind.name}" if ind else self.d(number)

    def indicator_phrase(self, number: int) -> str:
        """'ตัวชี้วัดที่ ๒ การใช้งบประมาณ'."""
        ind = self.plan.indicator(number)
        return f"ตัวชี้วัดที่ {self.d(number)}" + (f" {ind.name}" if ind else "")

    def indicators_label(self, m: Measure) -> str:
        """'๒. การใช้งบประมาณ', one line per indicator; empty for a measure tied to none."""
        return "\n".join(self.indicator_label(n) for n in m.indicators)

    def tool_of(self, measure: Measure) -> Tool | None:
        """The tool section of a measure (of its first indicator); None for a measure tied to no indicator."""
        if measure.indicator is None:
            return None
        ind = self.plan.indicator(measure.indicator)
        return ind.tool if ind else Tool.OIT

    # -- cell texts ------------------------------------------------------------------------------------------
    def steps(self, m: Measure, prefix: str = "") -> str:
        return "\n".join(numbered_step(self.d(f"{prefix}{i}"), s.text) for i, s in enumerate(m.steps, 1))

    @staticmethod
    def units(m: Measure) -> str:
        return m.units[0] if len(m.units) == 1 else "\n".join(f"- {u}" for u in m.units)

    def timeframe(self, m: Measure) -> str:
        if m.start and m.end:
            return short_month_range(m.start, m.end, self.style)
        one = m.start or m.end
        return short_month_range(one, one, self.style) if one else ""

    def done_on(self, day: date) -> str:
        return f"ดำเนินการเมื่อ วันที่ {long_date(day, self.style)}"

    def reports_of(self, m: Measure, step: int | None) -> list[Progress]:
        """This round's entries for a step (all of them, in the clerk's order), or else those of the latest
        earlier round that has any (rounds are cumulative)."""
        found = [p for p in m.progress if p.step == step and (self.round is None or p.round <= self.round)]
        latest = max((p.round for p in found), default=None)
        return [p for p in found if p.round == latest]

    def results(self, m: Measure, *, numbered: str = "", with_dates: bool = False, outcome: bool = False) -> str:
        """One entry per step (and the measure as a whole) with status, date, result and evidence."""
        lines: list[str] = []
        keys: list[int | None] = [None, *range(1, len(m.steps) + 1)]
        for step in keys:
            entries = self.reports_of(m, step)
            if not entries and step is None:
                continue
            label = "" if step is None else (f"{self.d(f'{numbered}{step}')} " if numbered
                                             else f"{self.d(step)}. ")
            if outcome:
                for p in entries:
                    if p.outcome:
                        lines.append(f"{label}{p.outcome}")
                        label = ""
                continue
            if not entries:
                lines.append(f"{label}{Status.PLANNED.thai}")
                continue
            for p in entries:  # several dated entries for one step: each once, the label on the first
                parts = [p.result] if p.result else []
                if p.done_on and (with_dates or p.status == Status.DONE):
                    parts.insert(0, self.done_on(p.done_on))
                if p.status != Status.DONE or not parts:
                    parts.insert(0, p.status.thai)
                lines.append(label + " ".join(x for x in parts if x))
                lines += [f"หลักฐาน: {url}" for url in p.evidence_urls]
                label = ""
        return "\n".join(lines)

    def done_count(self) -> tuple[int, int]:
        total = done = 0
        for m in self.plan.measures:
            for step in range(1, len(m.steps) + 1):
                total += 1
                done += any(p.status == Status.DONE for p in self.reports_of(m, step))
        return done, total


def _place(ctx: _Context) -> str:
    org = ctx.doc.organization
    district = org.district.strip()
    province = org.province.strip()
    parts = []
    if district:
        parts.append(district if district.startswith(("อำเภอ", "เขต")) else f"อำเภอ{district}")
    if province:
        parts.append(province if province.startswith("จังหวัด") else f"จังหวัด{province}")
    return " ".join(parts)


def _rows(ctx: _Context, layout: int, m: Measure) -> list[str]:
    if layout == 1:
        return [m.title, m.guideline, ctx.steps(m), ctx.units(m), m.monitoring]
    if layout == 2:
        issue = m.issue or m.title
        return [ctx.indicators_label(m), issue, ctx.steps(m), ctx.results(m), ctx.units(m), ctx.timeframe(m)]
    if layout == 3:
        raise AssertionError("layout 3 rows are numbered per section")  # see _table
    if layout == 4:
        issue = "\n".join(x for x in (ctx.indicators_label(m), m.issue) if x)
        due = f"กำหนดเวลาแล้วเสร็จ {long_date(m.end, ctx.style)}" if m.end else ""
        monitoring = "\n".join(x for x in (m.monitoring, due) if x)
        measure = "\n".join(x for x in (m.title, ctx.steps(m)) if x)
        return [issue, ctx.units(m), measure, monitoring, ctx.results(m, with_dates=True)]
    if layout == 5:
        return [m.title, ctx.steps(m), ctx.units(m), ctx.timeframe(m), ctx.results(m),
                ctx.results(m, outcome=True)]
    if layout == 6:
        measure = "\n".join(x for x in (m.title, m.guideline) if x)
        return [measure, ctx.steps(m), ctx.units(m), ctx.timeframe(m), m.monitoring]
    raise UserError(f"unknown layout {layout}")


def _table(ctx: _Context, layout: int) -> Table:
    table = Table(columns=[Column(h, w) for h, w in LAYOUT_COLUMNS[layout]])
    by_tool = layout in (2, 3, 4)
    if not by_tool:
        table.sections.append(TableSection(None, [_rows(ctx, layout, m) for m in ctx.plan.measures]))
        return table
    n = 0
    for tool in (*Tool, None):  # measures tied to no indicator come last, in a section of their own
        measures = [m for m in ctx.plan.measures if ctx.tool_of(m) == tool]
        if not measures:
            continue
        n += 1
        heading = GENERAL_SECTION if tool is None else f"{SECTION_PREFIX[layout]}{TOOL_SHORT[tool]}"
        section = TableSection(f"{ctx.d(n)}. {heading}")
        for i, m in enumerate(measures, 1):
            if layout == 3:
                issue = "\n".join(x for x in (ctx.indicators_label(m), m.issue) if x)
                measure = "\n".join(x for x in (m.title, ctx.steps(m, prefix=f"{i}.")) if x)
                section.rows.append([issue, measure, ctx.results(m, numbered=f"{i}."), ctx.units(m),
                                     ctx.timeframe(m)])
            else:
                section.rows.append(_rows(ctx, layout, m))
        table.sections.append(section)
    return table


def _signatures(plan: YearPlan) -> SignatureBlock:
    signers = [Signer(s.role, s.name, s.position) for s in plan.signatories]
    return SignatureBlock(signers or [Signer("ผู้จัดทำ", "", "")])


def _default_round(plan: YearPlan) -> int:
    reported = sorted({p.round for m in plan.measures for p in m.progress})
    if reported:
        return reported[-1]
    return (plan.rounds() or [6])[0]


def _analysis_blocks(ctx: _Context) -> list[Block]:
    a = ctx.plan.assessment
    if a is None or a.is_empty():
        raise UserError(f"No ITA result is recorded for fiscal year {ctx.plan.fiscal_year}; fill in the assessment "
                        "first. ยังไม่ได้บันทึกผลการประเมิน ITA ของปีนี้")
    org = ctx.doc.organization.name
    year = a.year or ctx.plan.fiscal_year - 1
    passed = a.total is not None and a.total >= TARGET_SCORE
    verdict = "ผ่านเกณฑ์" if passed else "ต่ำกว่าเกณฑ์"
    blocks: list[Block] = [Heading(f"{ctx.d(1)}. ผลการประเมินภาพรวม")]
    level = f" อยู่ในระดับ {a.level}" if a.level else ""
    blocks.append(Paragraph(
        f"{org} ได้รับผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. "
        f"{ctx.d(year)} ได้คะแนนรวม {ctx.score(a.total)} คะแนน{level} ซึ่ง{verdict}ค่าเป้าหมาย "
        f"{ctx.score(TARGET_SCORE)} คะแนน"))
    scores = {s.number: s for s in a.indicators}
    blocks.append(BarChart(
        title=f"คะแนนรายตัวชี้วัด เทียบกับค่าเป้าหมาย {ctx.score(TARGET_SCORE)} คะแนน",
        bars=[(ctx.indicator_label(i.number), scores[i.number].score or 0.0)
              for i in ctx.plan.indicators if i.number in scores and scores[i.number].score is not None],
        target=TARGET_SCORE))
    blocks.append(Heading(f"{ctx.d(2)}. ผลการประเมินรายแบบวัดและรายตัวชี้วัด"))
    for n, tool in enumerate(Tool, 1):
        tool_score = a.tools.get(tool)
        blocks.append(Heading(f"{ctx.d(f'2.{n}')} {TOOL_NAMES[tool]}", level=2))
        if tool_score is not None:
            blocks.append(Paragraph(f"ได้คะแนน {ctx.score(tool_score)} คะแนน"))
        items = []
        for ind in (i for i in ctx.plan.indicators if i.tool == tool):
            s = scores.get(ind.number)
            if s is None or s.score is None:
                continue
            gap = TARGET_SCORE - s.score
            judged = "ผ่านค่าเป้าหมาย" if gap <= 0 else f"ต่ำกว่าค่าเป้าหมาย {ctx.score(gap)} คะแนน"
            note = f" – {s.note}" if s.note else ""
            items.append(f"{ctx.indicator_phrase(ind.number)} {ctx.score(s.score)} คะแนน ({judged}){note}")
        if items:
            blocks.append(BulletList(items))
    short = [i for i in ctx.plan.indicators
             if i.number in scores and scores[i.number].score is not None
             and (scores[i.number].score or 0) < TARGET_SCORE]
    blocks.append(Heading(f"{ctx.d(3)}. ประเด็นที่ต่ำกว่าค่าเป้าหมาย ({ctx.score(TARGET_SCORE)} คะแนน) ที่ต้องพัฒนา"))
    if short:
        blocks.append(BulletList([
            f"{ctx.indicator_phrase(i.number)} {ctx.score(scores[i.number].score)} คะแนน"
            + (f" – {scores[i.number].note}" if scores[i.number].note else "") for i in short]))
    else:
        blocks.append(Paragraph("ทุกตัวชี้วัดผ่านค่าเป้าหมาย"))
    blocks.append(Heading(f"{ctx.d(4)}. มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. "
                          f"{ctx.d(ctx.plan.fiscal_year)}"))
    return blocks


def page_label_for(style: DigitStyle) -> Callable[[int, int], str]:
    """'หน้า ๑ / ๕' in the chosen digits."""
    return lambda page, total: f"หน้า {digits(page, style)} / {digits(total, style)}"


def build_report(document: Document, options: ExportOptions) -> Report:
    """The report a clerk asked for, ready for any writer. Raises UserError for impossible requests."""
    plan = document.year(options.year) if options.year is not None else document.latest_year()
    if plan is None:
        raise UserError(f"The document has no fiscal year {options.year or ''}. ไม่มีปีงบประมาณนี้ในเอกสาร")
    layout = options.layout or DEFAULT_LAYOUT[options.doc]
    allowed = LAYOUTS_BY_DOC[options.doc]
    if layout not in allowed:
        raise UserError(f"Layout {layout} is not for a {options.doc} document; use one of "
                        f"{', '.join(map(str, allowed))}. รูปแบบ {layout} ใช้กับเอกสารนี้ไม่ได้")
    round_ = options.round if options.round is not None else (
        _default_round(plan) if options.doc == "progress" or layout in (2, 5) else None)
    ctx = _Context(document, plan, options.digits, round_)
    org = document.organization
    fy = f"ประจำปีงบประมาณ พ.ศ. {ctx.d(plan.fiscal_year)}"
    place = _place(ctx)
    blocks: list[Block] = []
    if options.doc == "plan":
        titles = [PLAN_TITLE, fy]
        assessed = ctx.d(plan.assessment.year if plan.assessment and plan.assessment.year
                         else plan.fiscal_year - 1)
        blocks.append(Paragraph(
            f"ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
            f"ประจำปีงบประมาณ พ.ศ. {assessed} แล้ว {org.name} จึงได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
            f"ภายในหน่วยงาน {fy} เพื่อยกระดับผลการประเมินให้สูงขึ้น โดยมีรายละเอียดดังนี้"))
    elif options.doc == "progress":
        assert round_ is not None
        start, end = round_range(plan.fiscal_year, round_)
        titles = [PROGRESS_TITLE, f"{fy} รอบ {ctx.d(round_)} เดือน", f"({long_range(start, end, ctx.style)})"]
        done, total = ctx.done_count()
        blocks.append(Paragraph(
            f"ตามที่ {org.name} ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน {fy} ไว้แล้ว "
            f"บัดนี้ได้รายงานผลการดำเนินการตามมาตรการ รอบ {ctx.d(round_)} เดือน ตั้งแต่วันที่ "
            f"{long_date(start, ctx.style)} ถึงวันที่ {long_date(end, ctx.style)} ดำเนินการแล้ว {ctx.d(done)} "
            f"จาก {ctx.d(total)} ขั้นตอน โดยมีรายละเอียดดังนี้"))
    else:
        assessed_year = plan.assessment.year if plan.assessment and plan.assessment.year else plan.fiscal_year - 1
        titles = [ANALYSIS_TITLE, f"ประจำปีงบประมาณ พ.ศ. {ctx.d(assessed_year)}"]
        blocks += _analysis_blocks(ctx)
    titles += [x for x in (org.name, place) if x]
    table = _table(ctx, layout)
    if table.row_count():
        blocks.append(table)
    else:
        blocks.append(Paragraph("ยังไม่มีมาตรการในปีงบประมาณนี้", indent_first_line=False))
    blocks.append(_signatures(plan))
    report = Report(title_lines=titles, blocks=blocks, digits=options.digits, landscape=True,
                    file_title=" ".join(titles[:2]), page_label=page_label_for(options.digits),
                    author=org.name, subject=LAYOUT_NAMES[layout])
    from ita_desktop.reports.profiles import apply_profile  # the office's columns (issue 10 part 6)

    return apply_profile(report, options.profile)
