"""The questions of the ITA result and the indicator each belongs to, so a weak indicator's weakest questions
can be named (the NACC publishes a score per question: IIT i1–i30, EIT e1–e15, OIT o1–o43).

The split below is the framework's default (six IIT questions per indicator 1–5, five EIT questions per
indicator 6–8, OIT o1–o33 for indicator 9 and o34–o43 for indicator 10). The NACC changes the questions from
year to year; a code outside these ranges is still kept and shown, only not tied to an indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ita_desktop.domain.model import Assessment, QuestionScore

# (prefix, first, last) of each indicator's questions.
QUESTION_RANGES: dict[int, tuple[str, int, int]] = {
    1: ("i", 1, 6), 2: ("i", 7, 12), 3: ("i", 13, 18), 4: ("i", 19, 24), 5: ("i", 25, 30),
    6: ("e", 1, 5), 7: ("e", 6, 10), 8: ("e", 11, 15),
    9: ("o", 1, 33), 10: ("o", 34, 43),
}
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


def indicator_of(code: str) -> int | None:
    """The indicator a question belongs to under the default split, or None."""
    if not is_code(code):
        return None
    prefix, number = code[0], int(code[1:])
    return next((n for n, (p, first, last) in QUESTION_RANGES.items() if p == prefix and first <= number <= last),
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
    """The lowest-scoring questions of an indicator below ``target``, lowest first (at most ``limit``)."""
    if assessment is None:
        return []
    found = [q for q in assessment.questions
             if q.score is not None and q.score < target and indicator_of(q.code) == indicator]
    found.sort(key=lambda q: (q.score, code_order(q.code)))
    return [WeakQuestion(q.code, float(q.score), q.text.strip()) for q in found[:limit] if q.score is not None]


def with_every_question(questions: list[QuestionScore]) -> list[QuestionScore]:
    """The recorded questions plus an empty row for every question of the framework not yet entered, in order
    (what the assessment page's grid shows)."""
    have = {q.code for q in questions}
    rows = [*questions, *(QuestionScore(code=c) for c in question_codes() if c not in have)]
    return sorted(rows, key=lambda q: code_order(q.code))
