"""Draft from the scores (issue 15): for every indicator below the target in the year's assessment, the
library's best-fitting measures not yet in the plan, and the analysis written from the scores as the analysis
document's introduction (only where the office has no own text: never overwritten).

``draft_for`` only computes; ``apply_draft`` (the command line) writes it in one transaction after a backup;
the window pushes the same draft as one undoable step (gui/library_page.py).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ita_desktop.domain.catalogue import target_score
from ita_desktop.domain.model import DocText, Document, Measure, Tool, YearPlan
from ita_desktop.errors import UserError
from ita_desktop.library.store import LibraryMeasure, find, normal_title
from ita_desktop.reports.texts import TOOL_SHORT, assessed_year
from ita_desktop.thai.digits import DigitStyle, digits

WIDE_GAP = 10.0  # an indicator this far below the target gets two measures, not one
ANALYSIS_KEY = ("analysis", None, "intro")


@dataclass
class Shortfall:
    number: int
    name: str
    score: float
    gap: float
    note: str = ""


@dataclass
class Draft:
    fiscal_year: int
    target: float
    shortfalls: list[Shortfall] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)  # new, appended to the plan in this order
    texts: list[DocText] = field(default_factory=list)  # new own texts (where the office had none)
    kept_texts: list[str] = field(default_factory=list)  # parts left alone because the office wrote them

    @property
    def empty(self) -> bool:
        return not self.measures and not self.texts


def shortfalls(plan: YearPlan) -> tuple[float, list[Shortfall]]:
    """The target and the indicators of the year's assessment scoring below it, in catalogue order."""
    if plan.assessment is None or plan.assessment.is_empty():
        raise UserError(f"No ITA result is recorded for fiscal year {plan.fiscal_year}; enter the scores first "
                        "(ผลการประเมินปีที่ผ่านมา). ยังไม่ได้บันทึกผลการประเมิน ITA")
    target = target_score(assessed_year(plan))
    scores = {s.number: s for s in plan.assessment.indicators if s.score is not None}
    low = []
    for ind in sorted(plan.indicators, key=lambda i: i.number):
        s = scores.get(ind.number)
        if s is not None and s.score is not None and s.score < target:
            low.append(Shortfall(ind.number, ind.name, s.score, target - s.score, s.note.strip()))
    return target, low


def best_fitting(library: list[LibraryMeasure], shortfall: Shortfall) -> list[LibraryMeasure]:
    """The measures a low indicator gets: the office's own first (its library, year after year), then those
    sharing most words with what the office noted about the indicator ("ข้อมูลบนเว็บไซต์ไม่ครบถ้วน"), then the
    library's order; one, or two when the gap is wide."""
    candidates = find(library, indicator=shortfall.number)
    noted = _content_words(shortfall.note)

    def rank(pair: tuple[int, LibraryMeasure]) -> tuple[int, int, int]:
        order, m = pair
        shared = len(noted & _content_words(m.text())) if noted else 0
        return (0 if m.own else 1, -shared, order)

    ranked = [m for _, m in sorted(enumerate(candidates), key=rank)]
    return ranked[: 2 if shortfall.gap >= WIDE_GAP else 1]


def _content_words(text: str) -> set[str]:
    """The words of a text worth matching on (Thai segmented; one-letter pieces and spaces left out)."""
    if not text.strip():
        return set()
    from ita_desktop.thai.segment import words

    return {w.strip().casefold() for w in words(text) if len(w.strip()) > 2}


def already_planned(measure: Measure, plan_measures: list[Measure]) -> bool:
    """True when the plan has this measure already: the same title, or a title that says nearly the same
    ('มาตรการเผยแพร่แผนการใช้จ่ายงบประมาณประจำปี' for '…ประจำปีให้บุคลากรทราบ')."""
    title = normal_title(measure.title)
    for other in plan_measures:
        theirs = normal_title(other.title)
        if not theirs:
            continue
        if theirs == title:
            return True
        if (set(measure.indicators) & set(other.indicators)) and (
                theirs in title or title in theirs or difflib.SequenceMatcher(None, title, theirs).ratio() >= 0.85):
            return True
    return False


def draft_for(document: Document, plan: YearPlan, library: list[LibraryMeasure]) -> Draft:
    """What 'draft from the scores' adds to ``plan`` (nothing twice: a measure whose title is in the plan is not
    added again, and an analysis text the office has is left as it is)."""
    target, low = shortfalls(plan)
    draft = Draft(plan.fiscal_year, target, low)
    for shortfall in low:
        for entry in best_fitting(library, shortfall):
            measure = entry.to_measure(document.organization.name, document.units, plan.fiscal_year)
            if not already_planned(measure, [*plan.measures, *draft.measures]):
                draft.measures.append(measure)
    if plan.text("analysis", "intro") is not None:
        draft.kept_texts.append("analysis intro")
    else:
        text = analysis_text(document, plan, target, low, [*plan.measures, *draft.measures])
        draft.texts.append(DocText(document="analysis", round=None, part="intro", text=text))
    return draft


def _score(value: float, style: DigitStyle) -> str:
    return digits(f"{value:.2f}", style)


def _target(value: float, style: DigitStyle) -> str:
    return digits(f"{value:g}", style)


def _joined(items: list[str]) -> str:
    """'ก', 'ก และข', 'ก ข และค' as Thai lists are written."""
    if len(items) <= 1:
        return "".join(items)
    return " ".join(items[:-1]) + " และ" + items[-1]


def analysis_text(document: Document, plan: YearPlan, target: float, low: list[Shortfall], measures: list[Measure],
                  style: DigitStyle = "thai") -> str:
    """The analysis in the register of the offices' own analysis documents: the overall score and level against
    the target, each tool, a paragraph per indicator below target (its score, its gap, what the plan does), one
    paragraph a line."""
    a = plan.assessment
    assert a is not None
    org = document.organization.name.strip() or "หน่วยงาน"
    year, fy = digits(assessed_year(plan), style), digits(plan.fiscal_year, style)
    t = _target(target, style)
    lines: list[str] = []
    opening = (f"ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ได้ประกาศผลการประเมิน"
               f"คุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year} แล้ว")
    if a.total is not None:
        level = f" อยู่ในระดับ {a.level}" if a.level else ""
        if a.total >= target:
            verdict = f"ซึ่งผ่านค่าเป้าหมาย {t} คะแนน"
        else:
            verdict = f"ซึ่งต่ำกว่าค่าเป้าหมาย {t} คะแนน อยู่ {_score(target - a.total, style)} คะแนน"
        opening += f" {org} ได้คะแนนรวม {_score(a.total, style)} คะแนน{level} {verdict}"
    else:
        opening += f" {org} ได้ผลการประเมินดังนี้"
    lines.append(opening)
    tools = [(tool, a.tools.get(tool)) for tool in Tool]
    scored = [f"{TOOL_SHORT[tool]} ได้ {_score(score, style)} คะแนน" for tool, score in tools if score is not None]
    if scored:
        lines.append("เมื่อพิจารณาตามแบบวัด พบว่า " + _joined(scored))
    if not any(x.score is not None for x in a.indicators):  # only the total or the tools were entered
        return "\n".join(lines)
    if not low:
        lines.append(f"ทุกตัวชี้วัดได้คะแนนตั้งแต่ {t} คะแนนขึ้นไป {org} จึงได้กำหนดมาตรการเพื่อรักษาระดับผลการประเมิน"
                     f"ไว้ในปีงบประมาณ พ.ศ. {fy}")
        return "\n".join(lines)
    lines.append(f"ตัวชี้วัดที่ได้คะแนนต่ำกว่าค่าเป้าหมาย {t} คะแนน มีจำนวน {digits(len(low), style)} ตัวชี้วัด ดังนี้")
    for s in low:
        line = (f"ตัวชี้วัดที่ {digits(s.number, style)} {s.name} ได้ {_score(s.score, style)} คะแนน "
                f"ต่ำกว่าค่าเป้าหมาย {_score(s.gap, style)} คะแนน")
        if s.note:
            line += f" ({s.note})"
        answering = [m.title.splitlines()[0].strip() for m in measures if s.number in m.indicators
                     and m.title.strip()]
        if answering:
            line += f" จึงได้กำหนดมาตรการไว้ในแผนปีงบประมาณ พ.ศ. {fy} ได้แก่ {_joined(answering)}"
        else:
            line += " ซึ่งยังไม่ได้กำหนดมาตรการในแผน"
        lines.append(line)
    lines.append(f"{org} จึงได้นำผลการวิเคราะห์ดังกล่าวมากำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
                 f"ประจำปีงบประมาณ พ.ศ. {fy} เพื่อยกระดับผลการประเมินให้สูงขึ้น โดยมีรายละเอียดดังนี้")
    return "\n".join(lines)


def apply_draft(path: Path, fiscal_year: int, library: list[LibraryMeasure]) -> Draft:
    """Draft ``fiscal_year`` of the document at ``path``: one transaction, after a verified backup (restore it to
    undo: ita-desktop backups / restore). Nothing is written when there is nothing to add."""
    from ita_desktop.services.documents import load
    from ita_desktop.services.editing import DocumentEditor
    from ita_desktop.storage.database import Database
    from ita_desktop.sync.backups import take_backup

    document = load(path)
    plan = document.year(fiscal_year)
    if plan is None:
        years = ", ".join(str(y.fiscal_year) for y in document.years) or "none"
        raise UserError(f"The document has no fiscal year {fiscal_year} (it has: {years}). ไม่มีปีงบประมาณนี้ในเอกสาร")
    draft = draft_for(document, plan, library)
    if draft.empty:
        return draft
    with Database.open(path) as database:
        take_backup(database, "before-draft")
        editor = DocumentEditor(database)
        with database.transaction():
            count = len(plan.measures)
            for offset, measure in enumerate(draft.measures):
                editor.insert_measure(plan.id, measure, count + offset)
            for text in draft.texts:
                editor.repo.save_text(plan.id, text)
    return draft
