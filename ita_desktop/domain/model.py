"""The document as the rest of the program sees it: plain, typed, storage-agnostic values.

Ids are UUID strings so that copies edited on different PCs can be matched row by row when merged.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ita_desktop.domain.profiles import ExportProfile
    from ita_desktop.domain.publications import Publication


def new_id() -> str:
    """A fresh row id (UUID4 text)."""
    return str(uuid.uuid4())


class Tool(StrEnum):
    IIT = "IIT"
    EIT = "EIT"
    OIT = "OIT"


class Status(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def thai(self) -> str:
        return STATUS_THAI[self]


STATUS_THAI: dict[Status, str] = {
    Status.PLANNED: "ยังไม่ดำเนินการ",
    Status.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    Status.DONE: "ดำเนินการแล้ว",
}


@dataclass
class Organization:
    name: str = ""
    kind: str = ""
    district: str = ""
    province: str = ""
    address: str = ""
    phone: str = ""
    website: str = ""


@dataclass
class Indicator:
    number: int
    tool: Tool
    name: str
    id: str = field(default_factory=new_id)


@dataclass
class IndicatorScore:
    number: int
    score: float | None = None
    note: str = ""
    verdict: str = ""  # the indicator judged in words ("อยู่ในระดับดี"), with or without a score
    id: str = field(default_factory=new_id)


@dataclass
class QuestionScore:
    """One question of the ITA result (i1…i30, e1…e15, o1…o43): what the office scored on it, and what it asks
    in the office's words (optional), so the analysis can name the weakest questions of a weak indicator."""

    code: str
    score: float | None = None
    text: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class Assessment:
    """Last year's ITA result, recorded in the plan year it informs."""

    year: int | None = None
    total: float | None = None
    level: str = ""
    tools: dict[Tool, float | None] = field(default_factory=dict)
    indicators: list[IndicatorScore] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    questions: list[QuestionScore] = field(default_factory=list)  # per-question scores, where entered

    def is_empty(self) -> bool:
        return (
            self.year is None and self.total is None and not self.level
            and not any(v is not None for v in self.tools.values()) and not self.indicators
            and not any(q.score is not None or q.text.strip() for q in self.questions)
        )


@dataclass
class Step:
    text: str
    due: date | None = None
    timeframe_text: str = ""  # the step's timeframe as the office writes it ("ภายในเดือนมกราคม ๒๕๖๖")
    id: str = field(default_factory=new_id)


@dataclass
class Progress:
    round: int
    step: int | None = None  # 1-based step number; None = the measure as a whole
    status: Status = Status.PLANNED
    done_on: date | None = None
    result: str = ""
    outcome: str = ""
    evidence_urls: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)


@dataclass
class Measure:
    indicators: list[int] = field(default_factory=list)  # 0..n indicator numbers, in the clerk's order
    title: str = ""
    issue: str = ""
    guideline: str = ""
    steps: list[Step] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    monitoring: str = ""
    rounds: list[int] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)  # any number per (round, step), in the clerk's order
    group: str = ""  # the office's own heading row for the measure
    timeframe_text: str = ""  # printed instead of the range made from start/end ("ตลอดปีงบประมาณ")
    id: str = field(default_factory=new_id)

    @property
    def indicator(self) -> int | None:
        """The first indicator the measure answers, or None (for sorting and one-indicator layouts)."""
        return self.indicators[0] if self.indicators else None

    def entries_for(self, round_: int, step: int | None) -> list[Progress]:
        """Every progress entry of a step (or of the whole measure, step None) in a round, in order."""
        return [p for p in self.progress if p.round == round_ and p.step == step]

    def progress_for(self, round_: int, step: int | None) -> Progress | None:
        """The first progress entry of a step (or of the whole measure) in a round."""
        return next((p for p in self.progress if p.round == round_ and p.step == step), None)


@dataclass
class Signatory:
    role: str
    name: str = ""
    position: str = ""
    signed_name: str = ""  # the name written on the signature line ("ลงชื่อ นราศักดิ์ ปานาง ผู้จัดทำ")
    signed_on: date | None = None
    id: str = field(default_factory=new_id)


DOCUMENTS = ("plan", "progress", "analysis")
# title / intro / closing: the document's own title lines, the words before its table and after it (a line
# starting with "# " is a sub-heading there); tool:IIT … the office's wording of a tool's section heading.
TEXT_PARTS = ("title", "intro", "closing", "tool:IIT", "tool:EIT", "tool:OIT")
TEXT_ROUNDS = (3, 6, 9, 12)


@dataclass
class DocText:
    """The office's own words for one part of one document of the year (absent = the generated text)."""

    document: str  # plan | progress | analysis
    round: int | None  # 3/6/9/12: one round's report; None: every round (or a document without rounds)
    part: str  # title | intro | closing | tool:IIT | tool:EIT | tool:OIT
    text: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.document not in DOCUMENTS:
            raise ValueError(f"document must be one of {', '.join(DOCUMENTS)}, not {self.document!r}")
        if self.part not in TEXT_PARTS:
            raise ValueError(f"part must be one of {', '.join(TEXT_PARTS)}, not {self.part!r}")
        if self.round is not None and (isinstance(self.round, bool) or self.round not in TEXT_ROUNDS):
            raise ValueError(f"round must be 3, 6, 9, 12 or none, not {self.round!r}")


@dataclass
class YearPlan:
    fiscal_year: int
    indicators: list[Indicator] = field(default_factory=list)
    assessment: Assessment | None = None
    measures: list[Measure] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)
    texts: list[DocText] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    publications: list[Publication] = field(default_factory=list)  # the publishing log (OIT item, URL, date)

    def text(self, document: str, part: str, round_: int | None = None) -> DocText | None:
        """The office's own text for a part of a document: the round's own first, then the one for all rounds."""
        found = [t for t in self.texts if t.document == document and t.part == part]
        return (next((t for t in found if t.round == round_), None) if round_ is not None else None) or next(
            (t for t in found if t.round is None), None)

    def indicator(self, number: int) -> Indicator | None:
        return next((i for i in self.indicators if i.number == number), None)

    def rounds(self) -> list[int]:
        """Rounds any measure of the year is monitored in, in order."""
        return sorted({r for m in self.measures for r in m.rounds})


@dataclass
class Document:
    organization: Organization = field(default_factory=Organization)
    units: list[str] = field(default_factory=list)
    years: list[YearPlan] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    profiles: list[ExportProfile] = field(default_factory=list)  # how the office prints each (kind, layout)

    def year(self, fiscal_year: int) -> YearPlan | None:
        return next((y for y in self.years if y.fiscal_year == fiscal_year), None)

    def latest_year(self) -> YearPlan | None:
        return max(self.years, key=lambda y: y.fiscal_year, default=None)
