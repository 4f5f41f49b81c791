"""The analysis the program drafts from the scores: the words before the analysis report's table, written the
way offices write their own analysis — the overall result and level against the target, the tools, then the
indicators that fell short, grouped as offices group them (by what they are about: the service, the
office's own management, communication and disclosure, corruption) with how far below the target each is,
why (the clerk's note first), its weakest questions, how it moved since the year before and what the plan
does about it; the strengths in a sentence.

Each paragraph is built from what is known of its indicators, so paragraphs differ because their facts differ
(a note, question scores, a measure already tried last year, a score that fell), not by a rota of openers.
The wording is chosen by position, not at random, so the same document always gets the same draft. It is a
draft: reports/texts.py prints it until the clerk writes her own (the text page marks it "ร่าง").
"""

from __future__ import annotations

from dataclasses import dataclass

from ita_desktop.domain.catalogue import DEFAULT_INDICATORS, level_of
from ita_desktop.domain.model import Assessment, Document, Measure, Tool, YearPlan
from ita_desktop.domain.questions import WeakQuestion
from ita_desktop.domain.shortfalls import Shortfall, assessed_year_of, shortfalls_of, year_target
from ita_desktop.thai.digits import DigitStyle, digits

TOOL_WORDS: dict[Tool, str] = {
    Tool.IIT: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
    Tool.EIT: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
    Tool.OIT: "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
}
# What a low score on each standard indicator usually says (written from the NACC's indicator descriptions, not
# from any office's document), each a clause with its own subject; used only where the clerk noted nothing.
REASONS: dict[int, str] = {
    1: "บุคลากรยังเห็นว่าการปฏิบัติงานและการให้บริการบางส่วนไม่เป็นไปตามขั้นตอนและไม่เท่าเทียมกันทุกราย",
    2: "บุคลากรยังรับรู้แผนการใช้จ่ายงบประมาณประจำปีไม่ทั่วถึง และมีส่วนร่วมตรวจสอบการใช้งบประมาณน้อย",
    3: "การมอบหมายงานและการประเมินผลของผู้บังคับบัญชายังถูกมองว่าไม่ชัดเจนและเป็นธรรมเท่าที่ควร",
    4: "ขั้นตอนการขอยืมทรัพย์สินของราชการยังไม่ชัดเจน บุคลากรบางส่วนไม่ทราบแนวปฏิบัติที่ถูกต้อง",
    5: "บุคลากรยังไม่มั่นใจว่าร้องเรียนการทุจริตได้อย่างปลอดภัย และไม่เห็นการแก้ไขปัญหาที่ชัดเจน",
    6: "ผู้มารับบริการบางส่วนยังเห็นว่างานไม่เสร็จตามขั้นตอนและระยะเวลาที่ประกาศไว้",
    7: "ประชาชนยังเข้าถึงข้อมูลข่าวสารของหน่วยงานไม่ทั่วถึง และไม่ทราบช่องทางร้องเรียนหรือแสดงความคิดเห็น",
    8: "ผู้มารับบริการยังไม่เห็นการปรับปรุงขั้นตอนและวิธีการให้บริการอย่างเป็นรูปธรรม",
    9: "ข้อมูลที่ต้องเปิดเผยบนเว็บไซต์ของหน่วยงานยังไม่ครบถ้วนหรือไม่เป็นปัจจุบันตามที่สำนักงาน ป.ป.ช. กำหนด",
    10: "การประเมินความเสี่ยงการทุจริตและผลการดำเนินการตามมาตรการภายในยังเผยแพร่ไม่ครบตามแนวทางที่กำหนด",
}
TOOL_REASONS: dict[Tool, str] = {
    Tool.IIT: "บุคลากรภายในหน่วยงานยังรับรู้การดำเนินการในเรื่องนี้ไม่มากพอ",
    Tool.EIT: "ผู้มารับบริการยังไม่พึงพอใจการดำเนินงานในเรื่องนี้",
    Tool.OIT: "ข้อมูลในเรื่องนี้ที่เผยแพร่บนเว็บไซต์ของหน่วยงานยังไม่ครบถ้วน",
}


@dataclass(frozen=True)
class Theme:
    """Standard indicators an office speaks of together, and how its paragraph opens."""

    numbers: tuple[int, ...]
    lead: str  # opens the paragraph when two or more of them fell short
    single: str  # opens it when only one did ("{name}" is the indicator as offices list it)


THEMES: tuple[Theme, ...] = (
    Theme((1, 6, 8), "งานบริการประชาชนเป็นเรื่องที่ต้องปรับปรุงเป็นอันดับต้น", "ในงานบริการประชาชน {name}"),
    Theme((2, 3, 4), "การบริหารงานภายในหน่วยงานยังได้รับการประเมินจากบุคลากรต่ำกว่าที่ควร",
          "สำหรับการบริหารงานภายใน {name}"),
    Theme((7, 9), "การสื่อสารและการเปิดเผยข้อมูลต่อประชาชนยังไม่ถึงเกณฑ์", "การสื่อสารกับประชาชนตาม{name}"),
    Theme((5, 10), "เรื่องการป้องกันและแก้ไขปัญหาการทุจริตยังต้องเร่งพัฒนา", "ตัวชี้วัดด้านการทุจริต คือ {name}"),
)
_DEFAULT_NAMES = {n: name for n, _, name in DEFAULT_INDICATORS}
# The plan's answer, by paragraph: {measures} the titles, {year} "ในปีงบประมาณ พ.ศ. ๒๕๖๗" or "ในปีนี้".
_ANSWERS = ("{year}จึงได้กำหนด{measures}ไว้ในแผน",
            "แผน{year_plain}วาง{measures}ไว้เพื่อแก้ไขในเรื่องนี้",
            "โดยจะแก้ไขผ่าน{measures}",
            "ทั้งนี้ได้บรรจุ{measures}ไว้ในแผนแล้ว")
_QUESTION_LEADS = ("ข้อคำถามที่ได้คะแนนน้อยที่สุดคือ", "โดยเฉพาะข้อ", "เมื่อดูรายข้อ ข้อที่ต่ำที่สุดคือ")
_NOTE_LEADS = ("จากการทบทวนของหน่วยงานพบว่า", "สาเหตุที่หน่วยงานพบคือ", "หน่วยงานเห็นว่าสาเหตุมาจาก")


def joined(items: list[str]) -> str:
    """'ก', 'ก และข', 'ก ข และค', as Thai lists are written."""
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    spaced = last[:1] == "(" or last[:1].isascii() or last[:1] in "๐๑๒๓๔๕๖๗๘๙"
    return " ".join(items[:-1]) + (" และ " if spaced else " และ") + last


def standing(score: float, target: float, style: DigitStyle = "thai", *, say_target: bool = True) -> str:
    """Where a score stands against the target, in words: its ITA level (AA ≥ 95, A 85–94.99, B 75–84.99,
    C 65–74.99, D 55–64.99, E 50–54.99, F < 50) and how far below the target it is — "near" only when it is
    less than a point away. ``say_target``: name the target's score (once in a text is enough)."""
    level = level_of(score)
    gap = round(target - score, 2)
    target_words = f"ค่าเป้าหมาย {digits(f'{target:g}', style)} คะแนน" if say_target else "ค่าเป้าหมาย"
    if gap <= 0:
        return f"อยู่ในระดับ {level} ผ่าน{target_words}"
    shown = digits(f"{gap:.2f}", style)
    if gap < 1:
        return f"อยู่ในระดับ {level} ขาดอีกเพียง {shown} คะแนนก็จะถึง{target_words}"
    if gap >= 20:
        return f"อยู่ในระดับ {level} ต่ำกว่า{target_words}ถึง {shown} คะแนน"
    return f"อยู่ในระดับ {level} ต่ำกว่า{target_words}อยู่ {shown} คะแนน"


def _theme_of(s: Shortfall) -> Theme | None:
    if _DEFAULT_NAMES.get(s.number) != s.name:
        return None  # a renamed or new indicator: not assumed to be about the standard one's theme
    return next((t for t in THEMES if s.number in t.numbers), None)


def grouped(low: list[Shortfall]) -> list[list[Shortfall]]:
    """The paragraphs the shortfalls are spoken of in: those sharing a theme together, the rest alone, the
    group furthest below the target first."""
    groups: dict[object, list[Shortfall]] = {}
    for s in low:
        key: object = _theme_of(s) or ("alone", s.number)
        groups.setdefault(key, []).append(s)
    return sorted(groups.values(), key=lambda g: (-max(s.gap for s in g), g[0].number))


class _Writer:
    def __init__(self, document: Document, plan: YearPlan, style: DigitStyle) -> None:
        self.document, self.plan, self.style = document, plan, style
        self.org = document.organization.name.strip() or "หน่วยงาน"
        self.fy = digits(plan.fiscal_year, style)
        self.target = year_target(plan)
        self.year_said = False
        self.earlier = document.year(plan.fiscal_year - 1)  # last year's plan, carried out in the assessed year
        self.before = self._previous_assessment()

    def _previous_assessment(self) -> Assessment | None:
        """The result of the year before the assessed one, where the document holds it."""
        wanted = assessed_year_of(self.plan) - 1
        for year in self.document.years:
            a = year.assessment
            if year is not self.plan and a is not None and not a.is_empty() and assessed_year_of(year) == wanted:
                return a
        return None

    def d(self, value: str | int) -> str:
        return digits(value, self.style)

    def score(self, value: float) -> str:
        return digits(f"{value:.2f}", self.style)

    def named(self, s: Shortfall) -> str:
        """'(๒) การใช้งบประมาณ', as offices list indicators."""
        return f"({self.d(s.number)}) {s.name}"

    def earlier_score(self, number: int) -> float | None:
        if self.before is None:
            return None
        return next((x.score for x in self.before.indicators if x.number == number and x.score is not None), None)

    def change(self, number: int, now: float) -> str:
        """' ลดลงจากปีก่อน ๓.๒๐ คะแนน' (or up, or unchanged), '' when last year's score is not in the file."""
        then = self.earlier_score(number)
        if then is None:
            return ""
        diff = round(now - then, 2)
        if diff == 0:
            return " เท่ากับปีก่อน"
        return f" {'เพิ่มขึ้น' if diff > 0 else 'ลดลง'}จากปีก่อน {self.score(abs(diff))} คะแนน"

    # -- the overall result and the tools -------------------------------------------------------------------
    def opening(self) -> str:
        a = self.plan.assessment
        assert a is not None
        year = self.d(assessed_year_of(self.plan))
        text = (f"ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ได้ประกาศผลการประเมิน"
                f"คุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year} แล้ว "
                f"{self.org}ได้นำผลการประเมินมาวิเคราะห์เพื่อหาประเด็นที่ต้องพัฒนา")
        if a.total is None:
            return text
        where = standing(a.total, self.target, self.style)
        if a.level and a.level != level_of(a.total):  # the level as the NACC published it
            where = where.replace(f"ระดับ {level_of(a.total)}", f"ระดับ {a.level}", 1)
        moved = ""
        if self.before is not None and self.before.total is not None:
            diff = round(a.total - self.before.total, 2)
            moved = (f" ซึ่ง{'ดีขึ้น' if diff > 0 else 'ลดลง'}จากปีก่อน {self.score(abs(diff))} คะแนน" if diff
                     else " เท่ากับปีก่อน")
        return text + f" พบว่าผลการประเมินในภาพรวมได้ {self.score(a.total)} คะแนน {where}{moved}"

    def tools(self, low: list[Shortfall]) -> str:
        a = self.plan.assessment
        assert a is not None
        scored = [(tool, v) for tool in Tool if (v := a.tools.get(tool)) is not None]
        parts: list[str] = []
        if scored:
            passed = [TOOL_WORDS[t] for t, v in scored if v >= self.target]
            short = [(t, v) for t, v in scored if v < self.target]
            if passed and not short:
                parts.append(f"เมื่อพิจารณารายแบบวัด ทั้ง{joined(passed)} ผ่านค่าเป้าหมาย")
            else:
                below = joined([f"{TOOL_WORDS[t]} ได้ {self.score(v)} คะแนน" for t, v in short])
                parts.append(f"เมื่อพิจารณารายแบบวัด {below} ยังต่ำกว่าค่าเป้าหมาย"
                             + (f" ส่วน{joined(passed)} ผ่านค่าเป้าหมายแล้ว" if passed else ""))
        scored_count = sum(1 for x in a.indicators if x.score is not None)
        if low:
            worst = max(low, key=lambda s: s.gap)
            count = (f"มีตัวชี้วัดที่ยังไม่ถึงค่าเป้าหมาย {self.d(len(low))} จาก {self.d(scored_count)} ตัวชี้วัด"
                     if len(low) > 1 else "มีตัวชี้วัดเดียวที่ยังไม่ถึงค่าเป้าหมาย")
            lead = "โดยรวม" if parts else "เมื่อพิจารณารายตัวชี้วัด"
            tail = f" ซึ่ง {self.named(worst)} ห่างจากค่าเป้าหมายมากที่สุด" if len(low) > 1 else f" คือ {self.named(worst)}"
            parts.append(f"{lead}{count}{tail}")
        return " ".join(parts)

    # -- one paragraph per group of indicators below the target -------------------------------------------------
    def how_far(self, s: Shortfall) -> str:
        where = standing(s.score, self.target, self.style, say_target=False)
        return f"ได้ {self.score(s.score)} คะแนน {where}{self.change(s.number, s.score)}"

    def moved(self, group: list[Shortfall]) -> str:
        """How a group's indicators moved since the year before ('' for one indicator, said in its sentence)."""
        changes = [(s, self.change(s.number, s.score)) for s in group]
        changes = [(s, c) for s, c in changes if c]
        if len(group) == 1 or not changes:
            return ""
        return "เมื่อเทียบกับปีก่อน " + joined([f"{self.named(s)}{c}" for s, c in changes])

    def first_sentence(self, group: list[Shortfall], turn: int) -> str:
        theme = _theme_of(group[0])
        if len(group) == 1:
            s = group[0]
            if theme is not None:
                return f"{theme.single.format(name=self.named(s))} {self.how_far(s)}"
            if turn % 2 == 0:
                return f"ตัวชี้วัดที่ {self.named(s)} {self.how_far(s)}"
            return f"{self.named(s)} ซึ่งวัดด้วย{TOOL_WORDS[s.tool] if s.tool else 'แบบประเมิน'} {self.how_far(s)}"
        assert theme is not None
        levels = list(dict.fromkeys(s.level for s in group))
        if turn % 2 == 0:
            items = joined([f"{self.named(s)} {self.score(s.score)} คะแนน" for s in group])
            where = f"อยู่ในระดับ {levels[0]} ทั้งหมด" if len(levels) == 1 else f"อยู่ในระดับ {joined(levels)}"
            gaps = joined([self.score(s.gap) for s in group])
            close = [s for s in group if s.gap < 1]
            almost = (f" โดย {joined([self.named(s) for s in close])} ขาดอีกเพียง"
                      f" {joined([self.score(s.gap) for s in close])} คะแนนเท่านั้น") if close else ""
            return f"{theme.lead} ได้แก่ {items} ซึ่ง{where} ต่ำกว่าค่าเป้าหมาย {gaps} คะแนนตามลำดับ{almost}"
        ranked = sorted(group, key=lambda s: -s.gap)
        worst, rest = ranked[0], ranked[1:]
        others = joined([f"{self.named(s)} ({self.score(s.score)} คะแนน"
                         + (f" ขาดอีกเพียง {self.score(s.gap)} คะแนน)" if s.gap < 1 else ")") for s in rest])
        return (f"{theme.lead} โดย {self.named(worst)} ห่างจากค่าเป้าหมายมากที่สุด {self.score(worst.gap)} คะแนน "
                f"(ได้ {self.score(worst.score)} คะแนน ระดับ {worst.level}) รองลงมาคือ {others}")

    def reason(self, group: list[Shortfall], turn: int) -> str:
        notes = [s.note.rstrip(" .") for s in group if s.note]
        if notes:
            lead = _NOTE_LEADS[turn % len(_NOTE_LEADS)]
            return f"{lead}{joined(notes)}"
        clauses = [self._generic_reason(s) for s in group]
        if len(clauses) == 1:
            return ("ผลนี้สะท้อนว่า" if turn % 2 == 0 else "สาเหตุสำคัญคือ") + clauses[0]
        return f"สะท้อนว่า{clauses[0]} ขณะที่{joined(clauses[1:])}"

    @staticmethod
    def _generic_reason(s: Shortfall) -> str:
        if _DEFAULT_NAMES.get(s.number) == s.name:
            return REASONS[s.number]
        return TOOL_REASONS[s.tool] if s.tool is not None else "การดำเนินงานในเรื่องนี้ยังไม่เป็นที่รับรู้เท่าที่ควร"

    def questions(self, group: list[Shortfall], turn: int) -> str:
        found: list[WeakQuestion] = sorted((q for s in group for q in s.questions), key=lambda q: q.score)[:3]
        if not found:
            return ""
        parts = [f"{q.code}{f' ({q.text})' if q.text else ''} ได้ {self.score(q.score)} คะแนน" for q in found]
        return f"{_QUESTION_LEADS[turn % len(_QUESTION_LEADS)]} {joined(parts)}"

    def tried_before(self, group: list[Shortfall]) -> str:
        """What last year's plan already did about these indicators, where it did something."""
        if self.earlier is None:
            return ""
        numbers = {s.number for s in group}
        titles = list(dict.fromkeys(m.title.splitlines()[0].strip() for m in self.earlier.measures
                                    if numbers & set(m.indicators) and m.title.strip()))
        if not titles:
            return ""
        return (f"แม้ในปีงบประมาณ พ.ศ. {self.d(self.earlier.fiscal_year)} จะได้ดำเนินการตาม{joined(titles[:2])}แล้ว "
                "แต่ผลยังไม่ถึงค่าเป้าหมาย จึงต้องปรับวิธีการให้ได้ผลจริงมากขึ้น")

    def answer(self, group: list[Shortfall], measures: list[Measure], turn: int) -> str:
        numbers = {s.number for s in group}
        titles = list(dict.fromkeys(m.title.splitlines()[0].strip() for m in measures
                                    if numbers & set(m.indicators) and m.title.strip()))
        if not titles:
            return "ซึ่งยังไม่มีมาตรการรองรับในแผน ควรกำหนดมาตรการเพิ่มเติม"
        first = not self.year_said
        self.year_said = True
        year = f"ในปีงบประมาณ พ.ศ. {self.fy} " if first else "ในปีนี้"
        year_plain = f"ปีงบประมาณ พ.ศ. {self.fy} " if first else "ปีนี้"
        listed = joined(titles)
        if listed and not "\u0e00" <= listed[-1] <= "\u0e7f":  # "(No Gift Policy) ไว้…": a space after Latin or ")"
            listed += " "
        text = _ANSWERS[turn % len(_ANSWERS)].format(year=year, year_plain=year_plain, measures=listed)
        return text.replace("  ", " ").strip()

    def paragraph(self, group: list[Shortfall], measures: list[Measure], turn: int) -> str:
        head = self.first_sentence(group, turn)
        why, asked = self.reason(group, turn), self.questions(group, turn)
        # what is known decides the order: the office's own finding first where it has one, the questions
        # first where they say more than the generic reason
        body = [why, asked] if any(s.note for s in group) or not asked else [asked, why]
        return " ".join(x for x in (head, self.moved(group), *body, self.tried_before(group),
                                    self.answer(group, measures, turn)) if x)

    def strengths(self, low: list[Shortfall]) -> str:
        a = self.plan.assessment
        assert a is not None
        low_numbers = {s.number for s in low}
        scores = {x.number: x.score for x in a.indicators if x.score is not None}
        good = [i for i in sorted(self.plan.indicators, key=lambda i: i.number)
                if i.number in scores and i.number not in low_numbers]
        if not good:
            return ""
        best = max(good, key=lambda i: scores[i.number] or 0)
        names = joined([f"({self.d(i.number)}) {i.name}" for i in good])
        top = scores[best.number] or 0
        if len(good) == 1:
            return f"ส่วน{names} ผ่านค่าเป้าหมายแล้ว {self.org}จะรักษาแนวทางการดำเนินงานนี้ไว้"
        return (f"ส่วนตัวชี้วัดที่ผ่านค่าเป้าหมายแล้ว ได้แก่ {names} โดย ({self.d(best.number)}) {best.name} "
                f"ได้คะแนนสูงสุดในระดับ {level_of(top)} {self.org}จะรักษาแนวทางเดิมไว้และพัฒนาให้ดียิ่งขึ้น")

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
    lines = [writer.opening()]
    if any(x.score is not None for x in a.indicators):
        low = shortfalls_of(plan)
        lines.append(writer.tools(low))
        if not low:
            lines.append(f"ทุกตัวชี้วัดผ่านค่าเป้าหมาย {writer.d(f'{writer.target:g}')} คะแนน")
        lines += [writer.paragraph(group, planned, turn) for turn, group in enumerate(grouped(low))]
        lines.append(writer.strengths(low))
        lines.append(writer.closing(bool(low)))
    else:  # only the total or the tools were entered
        lines.append(writer.tools([]))
        lines.append(writer.closing(a.total is None or a.total < writer.target))
    return "\n".join(line for line in lines if line)
