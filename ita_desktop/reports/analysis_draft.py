"""The analysis the program drafts from the scores: the words before the analysis report's table, written the
way offices write their own analysis (the overall result, the tools, then the indicators that fell short,
grouped by how far below the target they are, what each says about the office and what the plan does).

The report prints every score in its own sections and chart, so the draft repeats none of them: it speaks of
levels and of the weakest questions (whose scores print nowhere else). The wording is chosen by position, not
at random, so the same document always gets the same draft. It is a draft: reports/texts.py prints it until
the clerk writes her own (the text page marks it "ร่าง").
"""

from __future__ import annotations

from ita_desktop.domain.catalogue import DEFAULT_INDICATORS
from ita_desktop.domain.model import Document, Measure, Tool, YearPlan
from ita_desktop.domain.questions import WeakQuestion
from ita_desktop.domain.shortfalls import Shortfall, assessed_year_of, shortfalls_of, year_target
from ita_desktop.thai.digits import DigitStyle, digits

TOOL_WORDS: dict[Tool, str] = {
    Tool.IIT: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
    Tool.EIT: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
    Tool.OIT: "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
}
# What a low score on each standard indicator usually says about an office (written from the NACC's indicator
# descriptions, not from any office's document); used only where the clerk noted no reason of her own.
REASONS: dict[int, str] = {
    1: "บุคลากรภายในยังเห็นว่าการปฏิบัติงานและการให้บริการบางส่วนไม่เป็นไปตามขั้นตอน และยังไม่เท่าเทียมกันทุกราย",
    2: "บุคลากรยังรับรู้แผนการใช้จ่ายงบประมาณประจำปีไม่ทั่วถึง และมีส่วนร่วมในการติดตามตรวจสอบการใช้งบประมาณน้อย",
    3: "บุคลากรยังเห็นว่าการมอบหมายงานและการประเมินผลการปฏิบัติงานของผู้บังคับบัญชาไม่ชัดเจนและเป็นธรรมเท่าที่ควร",
    4: "ขั้นตอนการขอยืมและการใช้ทรัพย์สินของราชการยังไม่ชัดเจน บุคลากรบางส่วนยังไม่ทราบแนวปฏิบัติที่ถูกต้อง",
    5: "บุคลากรยังไม่มั่นใจในการป้องกันและแก้ไขปัญหาการทุจริตของหน่วยงาน รวมถึงช่องทางร้องเรียนและการคุ้มครองผู้แจ้ง",
    6: "ผู้มารับบริการยังเห็นว่าการให้บริการบางเรื่องไม่เป็นไปตามขั้นตอนและระยะเวลาที่ประกาศไว้",
    7: "ผู้มารับบริการยังเข้าถึงข้อมูลข่าวสารของหน่วยงานได้ไม่ทั่วถึง และไม่ทราบช่องทางร้องเรียนหรือแสดงความคิดเห็น",
    8: "ผู้มารับบริการยังไม่เห็นการปรับปรุงขั้นตอนและวิธีการให้บริการอย่างเป็นรูปธรรม",
    9: "ข้อมูลที่ต้องเปิดเผยบนเว็บไซต์ของหน่วยงานยังไม่ครบถ้วนหรือไม่เป็นปัจจุบันตามที่สำนักงาน ป.ป.ช. กำหนด",
    10: "การประเมินความเสี่ยงการทุจริตและผลการดำเนินการตามมาตรการภายในยังเผยแพร่ไม่ครบถ้วนตามแนวทางที่กำหนด",
}
TOOL_REASONS: dict[Tool, str] = {
    Tool.IIT: "บุคลากรภายในหน่วยงานยังรับรู้การดำเนินการในเรื่องนี้ไม่มากพอ",
    Tool.EIT: "ผู้มารับบริการยังไม่พึงพอใจการดำเนินงานในเรื่องนี้",
    Tool.OIT: "ข้อมูลในเรื่องนี้ที่เผยแพร่บนเว็บไซต์ของหน่วยงานยังไม่ครบถ้วน",
}
_DEFAULT_NAMES = {n: name for n, _, name in DEFAULT_INDICATORS}
# Openers and joins, taken in turn so that no two paragraphs in a row read alike.
_OPENERS = ("สำหรับ{what}", "ในด้าน{what}", "ส่วน{what}", "เรื่อง{what}")
_REASONS = ("ผลการประเมินสะท้อนว่า{why}", "สาเหตุสำคัญมาจาก{why}", "พบว่า{why}", "คะแนนที่ยังไม่ถึงเป้าหมายมาจาก{why}")
# {year} is the plan's year the first time it is said ("ปีงบประมาณ พ.ศ. ๒๕๖๗"), then "ปีนี้".
_ANSWERS = ("ใน{year}จึงได้กำหนด{measures}ไว้ในแผน",
            "แผน{year}ได้วาง{measures}เพื่อแก้ไขในประเด็นนี้",
            "โดยจะแก้ไขผ่าน{measures}ใน{year}",
            "ซึ่งได้นำไปกำหนดเป็น{measures}ใน{year}")


def joined(items: list[str]) -> str:
    """'ก', 'ก และข', 'ก ข และค', as Thai lists are written."""
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    return " ".join(items[:-1]) + (" และ " if last[:1] == "(" or last[:1].isascii() else " และ") + last


def _band(level: str) -> int:
    """0 for the worst band (E/F), 1 for C/D, 2 for B: the order the analysis speaks of them."""
    return 2 if level in ("A", "AA", "B") else 1 if level in ("C", "D") else 0


# How an office speaks of each band below the target.
BAND_WORDS = {2: "ซึ่งใกล้ค่าเป้าหมายแล้ว ยังต้องปรับปรุงอีกเล็กน้อย", 1: "ยังห่างจากค่าเป้าหมายพอสมควร ต้องพัฒนาอย่างจริงจัง",
              0: "ซึ่งต่ำมาก ต้องเร่งแก้ไขเป็นลำดับแรก"}


class _Writer:
    def __init__(self, document: Document, plan: YearPlan, style: DigitStyle) -> None:
        self.document, self.plan, self.style = document, plan, style
        self.org = document.organization.name.strip() or "หน่วยงาน"
        self.fy = digits(plan.fiscal_year, style)
        self.target = year_target(plan)
        self.turn = 0
        self.year_said = False

    def d(self, value: str | int) -> str:
        return digits(value, self.style)

    def score(self, value: float) -> str:
        return digits(f"{value:.2f}", self.style)

    def named(self, s: Shortfall) -> str:
        """'(๒) การใช้งบประมาณ', as offices list indicators."""
        return f"({self.d(s.number)}) {s.name}"

    def next_of(self, choices: tuple[str, ...]) -> str:
        self.turn += 1
        return choices[(self.turn - 1) % len(choices)]

    def opening(self) -> str:
        a = self.plan.assessment
        assert a is not None
        year = self.d(assessed_year_of(self.plan))
        target = self.d(f"{self.target:g}")
        text = (f"ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ได้ประกาศผลการประเมิน"
                f"คุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year} แล้ว "
                f"{self.org}ได้นำผลการประเมินมาวิเคราะห์เพื่อหาประเด็นที่ต้องพัฒนา")
        if a.total is None:
            return text
        level = f"อยู่ในระดับ {a.level} " if a.level else ""
        if a.total >= self.target:
            return text + f" พบว่าผลการประเมินในภาพรวม{level}ผ่านค่าเป้าหมาย {target} คะแนนแล้ว"
        return text + f" พบว่าผลการประเมินในภาพรวม{level}ยังไม่ถึงค่าเป้าหมาย {target} คะแนน"

    def tools(self) -> str:
        a = self.plan.assessment
        assert a is not None
        scored = [(tool, a.tools[tool]) for tool in Tool if a.tools.get(tool) is not None]
        if not scored:
            return ""
        passed = [TOOL_WORDS[t] for t, v in scored if v is not None and v >= self.target]
        short = [(t, v) for t, v in scored if v is not None and v < self.target]
        if not short:
            return f"เมื่อพิจารณารายแบบวัด ทั้ง{joined(passed)} ผ่านค่าเป้าหมาย"
        lowest = min(short, key=lambda tv: tv[1])[0]
        short_words = joined([TOOL_WORDS[t] for t, _ in short])
        if passed:
            text = f"เมื่อพิจารณารายแบบวัด {joined(passed)} ผ่านค่าเป้าหมายแล้ว ขณะที่{short_words} ยังต่ำกว่าค่าเป้าหมาย"
        else:
            text = f"เมื่อพิจารณารายแบบวัด ทั้ง{short_words} ยังต่ำกว่าค่าเป้าหมาย"
        if len(short) > 1:
            text += f" โดย{TOOL_WORDS[lowest]} ได้คะแนนน้อยที่สุด"
        return text

    def band_lead(self, level_group: list[Shortfall]) -> str:
        levels = sorted({s.level for s in level_group}, key=lambda lv: ("AA", "A", "B", "C", "D", "E", "F").index(lv))
        names = joined([self.named(s) for s in level_group])
        verb = "ได้แก่" if len(level_group) > 1 else "คือ"
        where = levels[0] if len(levels) == 1 else f"{levels[0]} และ {levels[-1]}"
        return f"ตัวชี้วัดที่อยู่ในระดับ {where} {BAND_WORDS[_band(levels[0])]} {verb} {names}"

    def why(self, s: Shortfall) -> str:
        if s.note:
            return s.note.rstrip(" .")
        if _DEFAULT_NAMES.get(s.number) == s.name:
            return REASONS[s.number]
        return TOOL_REASONS[s.tool] if s.tool is not None else "การดำเนินงานในเรื่องนี้ยังไม่เป็นที่รับรู้เท่าที่ควร"

    def questions(self, found: list[WeakQuestion]) -> str:
        parts = []
        for q in found:
            asked = f" ({q.text})" if q.text else ""
            parts.append(f"{q.code}{asked} ได้ {self.score(q.score)} คะแนน")
        lead = "ข้อคำถามที่ได้คะแนนน้อยที่สุดคือข้อ" if len(found) == 1 else "ข้อคำถามที่ได้คะแนนน้อยที่สุด ได้แก่ข้อ"
        return f"{lead} {joined(parts)}"

    def answer(self, s: Shortfall, measures: list[Measure]) -> str:
        titles = [m.title.splitlines()[0].strip() for m in measures if s.number in m.indicators and m.title.strip()]
        if not titles:
            return "ซึ่งยังไม่มีมาตรการรองรับในแผน ควรกำหนดมาตรการเพิ่มเติม"
        year = "ปีนี้" if self.year_said else f"ปีงบประมาณ พ.ศ. {self.fy} "
        self.year_said = True
        return self.next_of(_ANSWERS).format(year=year, measures=joined(titles)).replace("  ", " ").strip()

    def indicator(self, s: Shortfall, measures: list[Measure]) -> str:
        opener = self.next_of(_OPENERS).format(what=s.name)
        sentences = [f"{opener} {self.next_of(_REASONS).format(why=self.why(s))}"]
        if s.questions:
            sentences.append(self.questions(s.questions))
        sentences.append(self.answer(s, measures))
        return " ".join(sentences)

    def passing(self, low: list[Shortfall]) -> str:
        a = self.plan.assessment
        assert a is not None
        low_numbers = {s.number for s in low}
        scored = {x.number for x in a.indicators if x.score is not None}
        good = [i for i in sorted(self.plan.indicators, key=lambda i: i.number)
                if i.number in scored and i.number not in low_numbers]
        if not good:
            return ""
        names = joined([f"({self.d(i.number)}) {i.name}" for i in good])
        return (f"ตัวชี้วัดที่เหลือ ได้แก่ {names} ผ่านค่าเป้าหมายแล้ว {self.org}จะรักษาแนวทางการดำเนินงานเดิมไว้"
                "และพัฒนาให้ดียิ่งขึ้นต่อไป")

    def closing(self, below: bool) -> str:
        if not below:
            return (f"{self.org}จึงได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ "
                    f"พ.ศ. {self.fy} เพื่อรักษาระดับผลการประเมินไว้ โดยมีรายละเอียดดังนี้")
        return (f"จากผลการวิเคราะห์ข้างต้น {self.org}จึงได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
                f"ประจำปีงบประมาณ พ.ศ. {self.fy} เพื่อยกระดับผลการประเมินให้สูงขึ้น โดยมีรายละเอียดดังนี้")


def analysis_draft(document: Document, plan: YearPlan, style: DigitStyle = "thai",
                   measures: list[Measure] | None = None) -> str:
    """The drafted analysis, one paragraph a line ("" when the year has no ITA result). ``measures`` are what
    the plan does about each indicator (the year's measures unless given)."""
    a = plan.assessment
    if a is None or a.is_empty():
        return ""
    writer = _Writer(document, plan, style)
    planned = plan.measures if measures is None else measures
    lines = [writer.opening(), writer.tools()]
    if any(x.score is not None for x in a.indicators):
        low = shortfalls_of(plan)
        if not low:
            lines.append(f"ทุกตัวชี้วัดผ่านค่าเป้าหมาย {writer.d(f'{writer.target:g}')} คะแนน")
        for band in (0, 1, 2):
            group = [s for s in low if _band(s.level) == band]
            if not group:
                continue
            lines.append(writer.band_lead(group))
            lines += [writer.indicator(s, planned) for s in group]
        lines.append(writer.passing(low))
        lines.append(writer.closing(bool(low)))
    else:  # only the total or the tools were entered
        lines.append(writer.closing(a.total is None or a.total < writer.target))
    return "\n".join(line for line in lines if line)
