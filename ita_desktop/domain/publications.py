"""The publishing log of a fiscal year: where each document the office owes the NACC was put on its website.

Assessors open the URL given for each OIT item of the year (o42: the measures plan with last year's analysis, o43:
the progress report) and check that it shows the right document; the clerk copies the same table into ITAS. The
item codes are renumbered by the NACC from year to year, so each entry keeps its own code; ``DEFAULT_ITEMS`` is
only what a new entry starts with (``items_for`` is the one place that would map a year to other codes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ita_desktop.domain.model import DOCUMENTS, new_id
from ita_desktop.domain.validation import is_valid_url
from ita_desktop.thai.calendar import ROUNDS

# The OIT item a document answers, unless the entry says otherwise (the codes of ITA 2566-2568).
DEFAULT_ITEMS: dict[str, str] = {"plan": "o42", "analysis": "o42", "progress": "o43"}
DOCUMENT_TH: dict[str, str] = {"plan": "แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
                               "analysis": "รายงานการวิเคราะห์ผลการประเมิน ITA ปีที่ผ่านมา",
                               "progress": "รายงานการกำกับติดตามมาตรการ"}


def items_for(fiscal_year: int) -> dict[str, str]:
    """The default OIT item of each document in ``fiscal_year`` (the same codes every year, so far)."""
    del fiscal_year
    return dict(DEFAULT_ITEMS)


def document_label(document: str, round_: int | None) -> str:
    """'รายงานการกำกับติดตามมาตรการ รอบ 6 เดือน' (Arabic digits: the log is copied into ITAS)."""
    label = DOCUMENT_TH.get(document, document)
    return f"{label} รอบ {round_} เดือน" if round_ is not None else label


@dataclass
class Publication:
    """One document of the year as published: the OIT item it answers, its URL and the day it went up."""

    document: str  # plan | analysis | progress
    round: int | None = None  # 3/6/9/12 for a progress report; None for the plan and the analysis
    item: str = ""  # "o43"; "" = the year's default for the document
    url: str = ""
    published_on: date | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        problem = publication_shape_problem(self.document, self.round)
        if problem:
            raise ValueError(problem)

    @property
    def key(self) -> tuple[str, int | None]:
        return self.document, self.round

    def item_or_default(self, fiscal_year: int) -> str:
        return self.item or items_for(fiscal_year)[self.document]


def publication_shape_problem(document: object, round_: object) -> str | None:
    """What makes (document, round) no entry of the log (English, for messages that name the field)."""
    if document not in DOCUMENTS:
        return f"document must be one of {', '.join(DOCUMENTS)}, not {document!r}"
    if document == "progress":
        if isinstance(round_, bool) or round_ not in ROUNDS:
            return f"a progress report needs its round (3, 6, 9 or 12), not {round_!r}"
    elif round_ is not None:
        return f"a {document} has no round (round must be null, not {round_!r})"
    return None


def url_problem(url: str) -> str | None:
    """Thai: why the URL is not one an assessor can open (None when it is, or when it is still empty)."""
    if not url.strip():
        return None
    if not is_valid_url(url):
        return "ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https:// และมีชื่อเว็บไซต์"
    return None


def expected_documents(rounds: list[int]) -> list[tuple[str, int | None]]:
    """The documents a year's log lists: the plan, the analysis, then each round's report."""
    return [("plan", None), ("analysis", None), *(("progress", r) for r in rounds)]


def log_rows(publications: list[Publication], rounds: list[int]) -> list[tuple[tuple[str, int | None],
                                                                             Publication | None]]:
    """One row per expected document (its entry or None), then any other entry kept in the file, in order."""
    rows: list[tuple[tuple[str, int | None], Publication | None]] = []
    used: set[str] = set()
    for key in expected_documents(rounds):
        entry = next((p for p in publications if p.key == key), None)
        rows.append((key, entry))
        if entry is not None:
            used.add(entry.id)
    rows += [(p.key, p) for p in publications if p.id not in used]
    return rows


def itas_table(publications: list[Publication], fiscal_year: int) -> list[list[str]]:
    """The log as ITAS asks for it: ข้อ | เอกสาร | URL | วันที่เผยแพร่ (header first; dates d/m/BE)."""
    from ita_desktop.thai.calendar import format_be_date

    rows = [["ข้อ", "เอกสาร", "URL", "วันที่เผยแพร่"]]
    order = {k: i for i, k in enumerate(expected_documents(list(ROUNDS)))}
    for p in sorted(publications, key=lambda p: (p.item_or_default(fiscal_year), order.get(p.key, 99))):
        rows.append([p.item_or_default(fiscal_year), document_label(p.document, p.round), p.url,
                     format_be_date(p.published_on) if p.published_on else ""])
    return rows
