"""Export profiles: how an office prints one document kind in one layout (its columns renamed, reordered or
hidden; the section grouping; the date style; whether unreported steps show), kept in the document so the next
round prints the same way.

The column keys are stable names of each layout's columns (DESIGN §6), in the layout's own order; they live
here, not beside the layouts, because files from elsewhere are checked against them (storage, interchange) and
those layers do not import the report builders. ``reports.profiles`` pairs them with ``LAYOUT_COLUMNS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ita_desktop.domain.model import DOCUMENTS, new_id

# layout -> the key of each of its columns, in the layout's order (a test holds them to LAYOUT_COLUMNS)
COLUMN_KEYS: dict[int, tuple[str, ...]] = {
    1: ("measure", "guideline", "steps", "units", "monitoring"),
    2: ("indicator", "issue", "steps", "result", "units", "timeframe"),
    3: ("issue", "measure", "result", "units", "timeframe"),
    4: ("issue", "units", "measure", "monitoring", "result"),
    5: ("measure", "steps", "units", "timeframe", "result", "outcome"),
    6: ("measure", "method", "units", "timeframe", "monitoring"),
}
# the layouts each document kind prints in (the same as reports.layouts.LAYOUTS_BY_DOC; a test says so)
PROFILE_LAYOUTS: dict[str, tuple[int, ...]] = {"plan": (1, 2, 5), "progress": (2, 3, 4, 5), "analysis": (6,)}
GROUPINGS = ("auto", "tool", "group", "none")  # by tool, by the office's own groups, no sections; auto = layout's
DATE_STYLES = ("short", "full", "thru", "day")  # ต.ค. ๖๕ – มี.ค. ๖๖ / ตุลาคม ๒๕๖๕ – … / เดือน… ถึง เดือน… / ๑ ต.ค. ๖๕ – …


@dataclass(frozen=True)
class ProfileColumn:
    """One column as the office prints it: ``header`` "" keeps the layout's own header."""

    key: str
    header: str = ""
    hidden: bool = False


@dataclass
class ExportProfile:
    """The office's choice for one (document, layout). ``columns`` are in print order; a column of the layout
    the list does not name prints after them, in the layout's order. None settings follow the export options."""

    document: str
    layout: int
    columns: list[ProfileColumn] = field(default_factory=list)
    grouping: str | None = None
    date_style: str | None = None
    show_unreported: bool | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        for problem in profile_problems(self):
            raise ValueError(problem)

    def is_default(self) -> bool:
        """True when the profile changes nothing (every column as the layout has it, no setting chosen)."""
        keys = COLUMN_KEYS[self.layout]
        as_layout = all(not c.header and not c.hidden for c in self.columns) and [
            c.key for c in self.columns] == list(keys[:len(self.columns)])
        return as_layout and self.grouping is None and self.date_style is None and self.show_unreported is None


def profile_problems(p: ExportProfile) -> list[str]:
    """What makes a profile one no document could hold (English, for messages that name the field)."""
    if p.document not in DOCUMENTS:
        return [f"document must be one of {', '.join(DOCUMENTS)}, not {p.document!r}"]
    if isinstance(p.layout, bool) or p.layout not in PROFILE_LAYOUTS[p.document]:
        allowed = ", ".join(map(str, PROFILE_LAYOUTS[p.document]))
        return [f"layout {p.layout!r} is not a layout of a {p.document} document (use {allowed})"]
    problems = []
    keys = COLUMN_KEYS[p.layout]
    seen: set[str] = set()
    for c in p.columns:
        if c.key not in keys:
            problems.append(f"column {c.key!r} is not a column of layout {p.layout} (its columns: {', '.join(keys)})")
        elif c.key in seen:
            problems.append(f"column {c.key!r} is named twice")
        seen.add(c.key)
    if keys and all(c.hidden for c in p.columns) and {c.key for c in p.columns} >= set(keys):
        problems.append("every column is hidden; at least one must be printed")
    if p.grouping is not None and p.grouping not in GROUPINGS:
        problems.append(f"grouping must be one of {', '.join(GROUPINGS)}, not {p.grouping!r}")
    if p.date_style is not None and p.date_style not in DATE_STYLES:
        problems.append(f"date_style must be one of {', '.join(DATE_STYLES)}, not {p.date_style!r}")
    return problems


def parse_columns(spec: str, document: str, layout: int) -> ExportProfile:
    """A profile from the command line's ``--columns``: "outcome=ผลรับความสำเร็จ,steps,units=-".

    Items in print order; ``key=header`` renames, ``key=-`` hides, a bare ``key`` moves the column without
    renaming it. Raises ValueError naming the layout's keys.
    """
    columns = []
    for item in (x.strip() for x in spec.split(",")):
        if not item:
            continue
        key, _, header = item.partition("=")
        key, header = key.strip(), header.strip()
        columns.append(ProfileColumn(key, "" if header == "-" else header, hidden=header == "-"))
    return ExportProfile(document=document, layout=layout, columns=columns)


def saved_profile(profiles: list[ExportProfile], document: str, layout: int) -> ExportProfile | None:
    """The office's profile for (document, layout): the first by id, so every merged copy picks the same one."""
    return min((p for p in profiles if (p.document, p.layout) == (document, layout)), key=lambda p: p.id,
               default=None)
