"""How a measure is named wherever the program points at one (round page, merge summary, conflicts): its title,
else its issue, because offices that head their rows by the issue often leave the title empty."""

from __future__ import annotations

UNNAMED = "(มาตรการไม่มีชื่อ)"


def measure_name(title: str | None, issue: str | None, limit: int = 70) -> str:
    """The first line of the title, else of the issue, cut to ``limit`` characters with "…"."""
    named = next((t.strip().splitlines()[0] for t in (title or "", issue or "") if t.strip()), "")
    return (named if len(named) <= limit else named[:limit - 3] + "…") or UNNAMED
