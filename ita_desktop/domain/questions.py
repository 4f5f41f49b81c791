"""The questions of the ITA result and the indicator each belongs to, so a weak indicator's weakest questions
can be named (the NACC publishes a score per question: IIT i1–i30, EIT e1–e15, OIT o1–o43).

IIT and EIT: six questions per indicator 1–5, five per indicator 6–8. OIT: the NACC renumbers its items when
it changes them, so the split is per assessed year (``OIT_SPLITS``):

- ITA 2562–2565: o1–o33 indicator 9 (9.1 basic data … 9.5 o29–o33 complaints, comments, participation),
  o34–o43 indicator 10 (o34 the executives' integrity pledge … o42 measures, o43 their progress). Sources:
  the ITA 2562 OIT list as published by a university (ita.kmutnb.ac.th/ita2562.php) and a ministry office's
  page "ตัวชี้วัดที่ 9 … 5 ตัวชี้วัดย่อย (33 ข้อมูล)" (saraburi.m-society.go.th, page_id=7484).
- ITA 2566: the items were merged and renumbered: o1–o30 indicator 9 (o11 the yearly operating and budget
  plan, o23–o26 personnel, o27–o29 complaints, o30 participation), o31–o43 indicator 10 (o31–o33 No Gift
  Policy, o34–o35 corruption risk, o36–o38 the anti-corruption plan and its reports, o39–o41 ethics, o42–o43
  the integrity measures and their progress). Sources: offices' ITA 2566 OIT pages (sesao15.go.th/web15/ita-online:
  O1–O10 as above; 75010020.skm.go.th: O31–O33 No Gift Policy and O39–O41 ethics "ในปี พ.ศ. 2566") and an
  office site's ITA 2566 OIT menu listing O1–O43 in these sections.
- ITA 2567 and later: not confirmed (offices' pages show the items renumbered again, with fewer of them), so
  OIT codes of those years are tied to no indicator: the scores are kept and shown, and the analysis names no
  OIT question rather than a wrong one. Add the year here when its split is known.

A code outside a year's ranges is still kept and shown, only not tied to an indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ita_desktop.domain.model import Assessment, QuestionScore

Ranges = dict[int, tuple[str, int, int]]  # indicator -> (prefix, first, last) of its questions
_IIT_EIT: Ranges = {
    1: ("i", 1, 6), 2: ("i", 7, 12), 3: ("i", 13, 18), 4: ("i", 19, 24), 5: ("i", 25, 30),
    6: ("e", 1, 5), 7: ("e", 6, 10), 8: ("e", 11, 15),
}
# The OIT split by the first assessed year it holds from (sources in the module docstring); None = not known.
OIT_SPLITS: tuple[tuple[int, Ranges | None], ...] = (
    (2562, {9: ("o", 1, 33), 10: ("o", 34, 43)}),
    (2566, {9: ("o", 1, 30), 10: ("o", 31, 43)}),
    (2567, None),
)
# The split of the framework before any year is known (the grid lists these codes): ITA 2562–2565's.
QUESTION_RANGES: Ranges = {**_IIT_EIT, 9: ("o", 1, 33), 10: ("o", 34, 43)}


def ranges_for(year: int | None) -> Ranges:
    """Each indicator's questions in the ITA of ``year`` (None: the framework's default split). In a year whose
    OIT split is not known, the OIT questions belong to no indicator."""
    if year is None:
        return QUESTION_RANGES
    oit: Ranges | None = OIT_SPLITS[0][1]
    for first, split in OIT_SPLITS:
        if year >= first:
            oit = split
    return {**_IIT_EIT, **(oit or {})}
MAX_QUESTION = 99
_CODE = re.compile(r"^\s*(?:ข้อ\s*)?([iIeEoO])\s*0*([0-9๐-๙]{1,2})\s*$")
CODE_PATTERN = re.compile(r"^[ieo][1-9][0-9]?$")  # how a code is stored


def normal_code(text: str) -> str:
    """'I3', 'ข้อ o 12', 'e๕' → 'i3', 'o12', 'e5'; ValueError (Thai) for anything else."""
    match = _CODE.match(text)
    if match is None:
        raise ValueError(f"ข้อคำถามต้องเป็นรหัสเช่น i1, e5 หรือ o43 (ไม่ใช่ “{text.strip()[:20]}”)")
    number = int(match[2].translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
    if not 1 <= number <= MAX_QUESTION:
        raise ValueError(f"ข้อคำถาม {text.strip()[:20]} ไม่มีในแบบประเมิน")
    return f"{match[1].lower()}{number}"


def is_code(value: object) -> bool:
    """True for a code as stored ('i1' … 'o99')."""
    return isinstance(value, str) and CODE_PATTERN.match(value) is not None


def indicator_of(code: str, year: int | None = None) -> int | None:
    """The indicator a question belongs to in the ITA of ``year`` (None: the default split), or None."""
    if not is_code(code):
        return None
    prefix, number = code[0], int(code[1:])
    return next((n for n, (p, first, last) in ranges_for(year).items() if p == prefix and first <= number <= last),
                None)


def question_codes() -> list[str]:
    """Every question of the default framework, in the order the NACC lists them (i…, e…, o…)."""
    return [f"{p}{k}" for _, (p, first, last) in sorted(QUESTION_RANGES.items()) for k in range(first, last + 1)]


def code_order(code: str) -> tuple[int, int]:
    """Sort key: IIT, EIT, OIT questions, each by number."""
    return ("ieo".index(code[0]) if code[:1] in ("i", "e", "o") else 3, int(code[1:]) if code[1:].isdigit() else 0)


@dataclass(frozen=True)
class WeakQuestion:
    code: str
    score: float
    text: str


def weakest_questions(assessment: Assessment | None, indicator: int, target: float,
                      limit: int = 2) -> list[WeakQuestion]:
    """The lowest-scoring questions of an indicator below ``target``, lowest first (at most ``limit``), by the
    question split of the assessment's year."""
    if assessment is None:
        return []
    found = [q for q in assessment.questions
             if q.score is not None and q.score < target and indicator_of(q.code, assessment.year) == indicator]
    found.sort(key=lambda q: (q.score, code_order(q.code)))
    return [WeakQuestion(q.code, float(q.score), q.text.strip()) for q in found[:limit] if q.score is not None]


def with_every_question(questions: list[QuestionScore]) -> list[QuestionScore]:
    """The recorded questions plus an empty row for every question of the framework not yet entered, in order
    (what the assessment page's grid shows)."""
    have = {q.code for q in questions}
    rows = [*questions, *(QuestionScore(code=c) for c in question_codes() if c not in have)]
    return sorted(rows, key=lambda q: code_order(q.code))
