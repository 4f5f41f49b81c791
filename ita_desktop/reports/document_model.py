"""A format-neutral picture of an output document, so PDF and DOCX print the same words in the same places.

Text here is final: digits already in the chosen style, dates in the Buddhist era. Cell and paragraph text keeps the
clerk's lines: "\\n" separates lines, a line may start with "- " (bullet) or a number such as "๑." or "๑.๑".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ita_desktop.thai.digits import DigitStyle


@dataclass(frozen=True)
class Column:
    header: str
    weight: float  # share of the table width, relative to the other columns


@dataclass
class TableSection:
    heading: str | None  # a full-width row above the section's rows (e.g. "๑. … (IIT)"), or None
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Table:
    columns: list[Column]
    sections: list[TableSection] = field(default_factory=list)

    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sections)


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Paragraph:
    text: str
    indent_first_line: bool = True


@dataclass
class BulletList:
    items: list[str]


@dataclass
class BarChart:
    title: str
    bars: list[tuple[str, float]]  # (label, score 0–100)
    target: float
    y_label: str = "คะแนน"


@dataclass(frozen=True)
class Signer:
    role: str  # ผู้จัดทำ / ผู้รายงาน / ผู้อนุมัติ
    name: str
    position: str
    lines: tuple[str, ...] = ()  # what prints, centred, one under the other ("ลงชื่อ … ผู้จัดทำ", "(ชื่อ)", …)


@dataclass
class SignatureBlock:
    signers: list[Signer]


Block = Heading | Paragraph | BulletList | Table | BarChart | SignatureBlock


@dataclass
class Report:
    title_lines: list[str]  # centred, bold, at the top of the first page
    blocks: list[Block]
    digits: DigitStyle
    landscape: bool
    file_title: str  # document metadata title
    page_label: Callable[[int, int], str]  # page_label(1, 5) -> "หน้า ๑ / ๕"
    author: str = ""
    subject: str = ""

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
