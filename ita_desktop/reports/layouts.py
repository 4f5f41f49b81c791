"""Build the Report of each document kind and layout (DESIGN §6) from domain objects.

Generated text (dates, numbers, step numbers) follows the chosen digit style, and so does a number the clerk
typed herself at the start of a step or entry ("1. เจ้าหน้าที่…" prints "๑. เจ้าหน้าที่…" in a Thai-digit document,
numbered once); everything else she typed is printed as typed, so URLs and codes such as "o42" are never altered.
Progress reports are cumulative, as their date range is (1 Oct to the end of the round): a round's report prints
the entries of that round and of the rounds before it, and its table the measures that round counts (those
monitored in it or an earlier round, and any reported up to it: domain/round_entries.py, the rule the window
shows and counts by), so the table and its "ดำเนินการแล้ว N จาก M ขั้นตอน" sentence are about the same measures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ita_desktop.domain.catalogue import TARGET_SCORE, TOOL_NAMES
from ita_desktop.domain.model import Document, Measure, Progress, Status, Tool, YearPlan
from ita_desktop.domain.round_entries import round_entries, round_measures
from ita_desktop.domain.steps import numbered_step, own_marker, restyled_marker
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
from ita_desktop.reports.profiles import apply_profile
from ita_desktop.reports.texts import (
    ANALYSIS_TITLE,
    PLAN_TITLE,
    PROGRESS_TITLE,
    TOOL_SHORT,
    default_round,
    document_text,
)
from ita_desktop.services.exporting import ExportOptions
from ita_desktop.thai.calendar import ROUNDS, long_date, month_range
from ita_desktop.thai.digits import DigitStyle, digits

__all__ = ["ANALYSIS_TITLE", "LAYOUT_COLUMNS", "PLAN_TITLE", "PROGRESS_TITLE", "build_report"]

LAYOUT_COLUMNS: dict[int, tuple[tuple[str, float], ...]] = {
    1: (("มาตรการ", 1.2), ("แนวทางการปฏิบัติ", 1.6), ("ขั้นตอน/วิธีการปฏิบัติ", 2.2), ("ผู้รับผิดชอบ", 1.0),
        ("การกำกับติดตาม", 1.0)),
    2: (("ตัวชี้วัดการประเมิน", 1.0), ("ประเด็นการประเมินที่ต้องยกระดับ", 1.3), ("ขั้นตอนหรือวิธีการปฏิบัติ", 1.5),
        ("ผลการดำเนินการ", 1.6), ("ผู้รับผิดชอบ", 1.2), ("ระยะเวลาดำเนินการ", 0.9)),  # units: "กองยุทธศาสตร์และงบประมาณ"
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
SIGN_DOTS = "." * 30  # a line to sign by hand; short enough for three signers side by side

GENERAL_SECTION = "มาตรการทั่วไป (ไม่ระบุตัวชี้วัด)"  # measures tied to no indicator, in the by-tool layouts


@dataclass
class _Context:
    doc: Document
    plan: YearPlan
    style: DigitStyle
    round: int | None
    kind: str = "plan"
    date_style: str = "short"
    show_unreported: bool = False

    def d(self, value: str | int) -> str:
        return digits(value, self.style)

    @property
    def measures(self) -> list[Measure]:
        """The measures the table prints: a round's report those of its round (round_entries.round_measures,
        what its count covers), any other document every measure of the plan."""
        if self.kind == "progress" and self.round is not None:
            return round_measures(self.plan.measures, self.round)
        return self.plan.measures

    def own(self, text: str) -> str:
        """The clerk's own step number in the document's digits ("1." → "๑."), the rest as typed."""
        return restyled_marker(text, self.d)

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
        return "\n".join(numbered_step(self.d(f"{prefix}{i}"), self.own(s.text)) for i, s in enumerate(m.steps, 1))

    @staticmethod
    def units(m: Measure) -> str:
        return m.units[0] if len(m.units) == 1 else "\n".join(f"- {u}" for u in m.units)

    def timeframe(self, m: Measure) -> str:
        """The measure's timeframe as typed in words, else from its dates in the chosen style; then the steps
        that have a timeframe of their own ("๒. ภายในเดือนมกราคม ๒๕๖๖")."""
        lines = [m.timeframe_text.strip() or month_range(m.start, m.end, self.style, self.date_style)]
        lines += [numbered_step(self.d(i), self.own(s.timeframe_text.strip()))
                  for i, s in enumerate(m.steps, 1) if s.timeframe_text.strip()]
        return "\n".join(x for x in lines if x)

    def done_on(self, day: date) -> str:
        return f"ดำเนินการเมื่อ วันที่ {long_date(day, self.style)}"

    def reports_of(self, m: Measure, step: int | None) -> list[Progress]:
        """The entries the round shows for a step: those of the round and of the rounds before it, in the
        clerk's order (round_entries; no round asked: every round's)."""
        return round_entries(m, self.round if self.round is not None else max(ROUNDS), step)

    def entry_text(self, p: Progress, *, with_dates: bool) -> str:
        """One entry as the clerk wrote it: the done-on phrase unless her result already says when, the status
        only where it adds something (not done, or nothing else to print)."""
        result = p.result.strip()
        marker = self.d(own_marker(result))  # "- …", "๑. …": the clerk's own list marker stays first, and alone
        parts = [result[len(marker):].strip()] if result[len(marker):].strip() else []
        said = not p.done_on or any(x in result for x in ("ดำเนินการเมื่อ", long_date(p.done_on, "thai"),
                                                          long_date(p.done_on, "arabic")))
        if p.done_on and (with_dates or p.status == Status.DONE) and not said:
            parts.insert(0, self.done_on(p.done_on))
        if p.status != Status.DONE or not parts:
            parts.insert(0, p.status.thai)
        return f"{marker} {' '.join(parts)}" if marker else " ".join(parts)

    def results(self, m: Measure, *, numbered: str = "", with_dates: bool = False, outcome: bool = False) -> str:
        """Every entry the clerk wrote for the measure as a whole and for each step, in her order, each once with
        one list marker; a step nobody reported prints nothing unless the export asks (show_unreported)."""
        lines: list[str] = []
        for step in (None, *range(1, len(m.steps) + 1)):
            label = "" if step is None else self.d(f"{numbered}{step}" if numbered else step)
            printed: list[tuple[str, list[str]]] = []  # (text, evidence links) per entry
            for p in self.reports_of(m, step):
                if outcome:
                    printed += [(self.own(p.outcome.strip()), [])] if p.outcome.strip() else []
                else:
                    links = [f"หลักฐาน: {u}" for u in p.evidence_urls]
                    printed.append((self.entry_text(p, with_dates=with_dates), links))
            if not printed and step is not None and self.show_unreported and not outcome:
                printed.append((Status.PLANNED.thai, []))
            for i, (text, links) in enumerate(printed):
                lines.append(numbered_step(label, text) if label and i == 0 else text)
                lines += links
        return "\n".join(lines)

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


def _row(ctx: _Context, layout: int, m: Measure, i: int) -> list[str]:
    if layout != 3:
        return _rows(ctx, layout, m)
    issue = "\n".join(x for x in (ctx.indicators_label(m), m.issue) if x)
    measure = "\n".join(x for x in (m.title, ctx.steps(m, prefix=f"{i}.")) if x)
    return [issue, measure, ctx.results(m, numbered=f"{i}."), ctx.units(m), ctx.timeframe(m)]


def _by_group(ctx: _Context, layout: int, measures: list[Measure], first: int = 1) -> list[TableSection]:
    """Sections headed by the office's own groups, in the order they first appear; measures without a group
    first, under no heading of their own."""
    groups = list(dict.fromkeys(m.group.strip() for m in measures))
    sections = []
    i = first
    for group in sorted(groups, key=lambda g: g != ""):
        section = TableSection(group or None)
        for m in (m for m in measures if m.group.strip() == group):
            section.rows.append(_row(ctx, layout, m, i))
            i += 1
        sections.append(section)
    return sections


def _tool_heading(ctx: _Context, layout: int, tool: Tool | None) -> str:
    if tool is None:
        return GENERAL_SECTION
    own = ctx.plan.text(ctx.kind, f"tool:{tool.value}", ctx.round)
    return own.text.strip() if own and own.text.strip() else f"{SECTION_PREFIX[layout]}{TOOL_SHORT[tool]}"


def _table(ctx: _Context, layout: int, grouping: str) -> Table:
    table = Table(columns=[Column(h, w) for h, w in LAYOUT_COLUMNS[layout]])
    has_groups = any(m.group.strip() for m in ctx.measures)
    if grouping == "auto":
        grouping = "tool" if layout in (2, 3, 4) else ("group" if has_groups else "none")
    if grouping == "none":
        table.sections.append(TableSection(None, [_row(ctx, layout, m, i) for i, m in enumerate(ctx.measures, 1)]))
    elif grouping == "group":
        table.sections += _by_group(ctx, layout, ctx.measures)
    else:
        n = 0
        for tool in (*Tool, None):  # measures tied to no indicator come last, in a section of their own
            measures = [m for m in ctx.measures if ctx.tool_of(m) == tool]
            if not measures:
                continue
            n += 1
            inner = _by_group(ctx, layout, measures)  # the office's groups inside each tool
            inner[0].heading = f"{ctx.d(n)}. {_tool_heading(ctx, layout, tool)}" + (
                f"\n{inner[0].heading}" if inner[0].heading else "")
            table.sections += inner
    return table


def _signatures(ctx: _Context) -> SignatureBlock | None:
    """Each signer as signed: the name written on the line, (the name), position, date; no block when the year
    has no signatories at all (a line left to sign by hand is kept for a role with no name)."""
    signers = []
    for s in ctx.plan.signatories:
        lines = [f"ลงชื่อ {s.signed_name.strip() or SIGN_DOTS} {s.role}".strip(), f"({s.name.strip() or SIGN_DOTS})"]
        if s.position.strip():
            position = s.position.strip()
            lines.append(position if position.startswith("ตำแหน่ง") else f"ตำแหน่ง {position}")
        if s.signed_on:
            lines.append(f"วันที่ {long_date(s.signed_on, ctx.style)}")
        signers.append(Signer(s.role, s.name, s.position, tuple(lines)))
    return SignatureBlock(signers) if signers else None


def _own_blocks(text: str) -> list[Block]:
    """The office's words as paragraphs (one per line) and sub-headings (lines starting with "# ")."""
    blocks: list[Block] = []
    for line in (x.strip() for x in text.splitlines()):
        if line.startswith("#"):
            blocks.append(Heading(line.lstrip("#").strip(), level=2))
        elif line:
            blocks.append(Paragraph(line))
    return blocks


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
            if s is None or (s.score is None and not s.verdict.strip()):
                continue
            note = f" – {s.note}" if s.note else ""
            verdict = f" {s.verdict.strip()}" if s.verdict.strip() else ""  # the office's own judgement, in words
            if s.score is None:
                items.append(f"{ctx.indicator_phrase(ind.number)}{verdict}{note}")
                continue
            gap = TARGET_SCORE - s.score
            judged = "ผ่านค่าเป้าหมาย" if gap <= 0 else f"ต่ำกว่าค่าเป้าหมาย {ctx.score(gap)} คะแนน"
            items.append(f"{ctx.indicator_phrase(ind.number)} {ctx.score(s.score)} คะแนน{verdict} ({judged}){note}")
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
        default_round(plan) if options.doc == "progress" or layout in (2, 5) else None)
    ctx = _Context(document, plan, options.digits, round_, kind=options.doc, date_style=options.date_style,
                   show_unreported=options.show_unreported)
    text_round = round_ if options.doc == "progress" else None

    def words(part: str) -> str:
        return document_text(document, plan, options.doc, part, text_round, options.digits)

    titles = [line.strip() for line in words("title").splitlines() if line.strip()]
    blocks: list[Block] = _own_blocks(words("intro"))
    if options.doc == "analysis":
        blocks += _analysis_blocks(ctx)
    table = _table(ctx, layout, options.grouping)
    if table.row_count():
        blocks.append(table)
    elif ctx.kind == "progress" and plan.measures:  # measures there are, none of them reported by this round
        blocks.append(Paragraph("ยังไม่มีมาตรการที่ติดตามหรือรายงานผลในรอบนี้", indent_first_line=False))
    else:
        blocks.append(Paragraph("ยังไม่มีมาตรการในปีงบประมาณนี้", indent_first_line=False))
    blocks += _own_blocks(words("closing"))
    signatures = _signatures(ctx)
    if signatures is not None:
        blocks.append(signatures)
    report = Report(title_lines=titles, blocks=blocks, digits=options.digits, landscape=True,
                    file_title=" ".join(titles[:2]), page_label=page_label_for(options.digits),
                    author=document.organization.name, subject=LAYOUT_NAMES[layout])
    return apply_profile(report, options.profile)  # the office's columns (issue 10 part 6)
