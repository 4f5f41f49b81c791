"""Which indicators of a year's ITA result fell below the target, and by how much: what the drafted plan answers
and what the drafted analysis explains (services/drafting.py, reports/analysis_draft.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ita_desktop.domain.catalogue import level_of, target_score
from ita_desktop.domain.model import Tool, YearPlan
from ita_desktop.domain.questions import WeakQuestion, weakest_questions


@dataclass
class Shortfall:
    number: int
    name: str
    score: float
    gap: float
    note: str = ""
    tool: Tool | None = None
    questions: list[WeakQuestion] = field(default_factory=list)  # its weakest questions, lowest first

    @property
    def level(self) -> str:
        """The ITA level band the indicator's score falls in (B, C … F)."""
        return level_of(self.score)


def assessed_year_of(plan: YearPlan) -> int:
    """The fiscal year whose ITA result informs this plan (recorded, else the year before)."""
    return plan.assessment.year if plan.assessment and plan.assessment.year else plan.fiscal_year - 1


def year_target(plan: YearPlan) -> float:
    """The target of the result the plan answers (85, or that year's catalogue's)."""
    return target_score(assessed_year_of(plan))


def shortfalls_of(plan: YearPlan) -> list[Shortfall]:
    """The indicators of the year's assessment scoring below the target, in catalogue order."""
    if plan.assessment is None:
        return []
    target = year_target(plan)
    scores = {s.number: s for s in plan.assessment.indicators if s.score is not None}
    low = []
    for ind in sorted(plan.indicators, key=lambda i: i.number):
        s = scores.get(ind.number)
        if s is not None and s.score is not None and s.score < target:
            low.append(Shortfall(ind.number, ind.name, s.score, target - s.score, s.note.strip(), ind.tool,
                                 weakest_questions(plan.assessment, ind.number, target)))
    return low


def weak_indicators(plan: YearPlan) -> set[int]:
    """The numbers of the indicators below target in the year's assessment."""
    return {s.number for s in shortfalls_of(plan)}
