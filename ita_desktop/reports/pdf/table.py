"""A ruled table of Thai cells: header row repeated on every page, full-width section rows, rows that split.

ReportLab's Table cannot split a row taller than a page (a measure with many reported steps can be), so this table
is our own: cells are laid out once by the Thai line breaker. A row that does not fit the rest of the page but fits
a fresh one moves on whole, unless that would leave the page under a quarter full; a row that must be cut is cut
as Word cuts it, after the same line in every cell (a cell keeps two lines at least on each side, or stays whole
on one side: reports/row_cuts, the rule the Word export cuts by too), so no part is a row of empty cells, and the
part on the next page repeats the first column's label, marked "(ต่อ)".
A section heading never stays alone at the foot of a page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.platypus import Flowable

from ita_desktop.reports.document_model import Table
from ita_desktop.reports.pdf.flowable import draw_lines
from ita_desktop.reports.pdf.linebreak import Line, TextStyle, layout_text, lines_height
from ita_desktop.reports.pdf.styles import ReportStyles
from ita_desktop.reports.row_cuts import CONTINUED, row_cut

# Text of neighbouring cells stays at least 2 × PAD_X apart: pdfminer joins characters closer than twice their
# width into one line, which would interleave the cells' lines when the text is extracted.
PAD_X = 8.0
PAD_Y = 2.0
FRAME_PADDING = 12.0  # ReportLab's Frame keeps 6 pt of padding at the top and at the bottom
HEADER_FILL = colors.Color(0.86, 0.89, 0.94)
SECTION_FILL = colors.Color(0.94, 0.95, 0.97)


@dataclass(frozen=True)
class Row:
    kind: str  # "header", "section" or "body"
    cells: list[list[Line]]  # one list of lines per column; a section row has one cell spanning the table
    style: TextStyle
    height: float = field(init=False)

    def __post_init__(self) -> None:
        height = max((lines_height(c, self.style) for c in self.cells), default=0.0) + 2 * PAD_Y
        object.__setattr__(self, "height", height)

    @property
    def line_count(self) -> int:
        return max((len(c) for c in self.cells), default=0)

    def lines_fitting(self, height: float) -> int:
        """How many lines (in every cell) fit in ``height`` points."""
        n = 0
        while n < self.line_count and max(lines_height(c[:n + 1], self.style) for c in self.cells) + 2 * PAD_Y \
                <= height + 0.01:
            n += 1
        return n

    def split(self, cuts: list[int]) -> tuple[Row, Row]:
        """The parts of this row before and after a cut keeping ``cuts[i]`` lines of cell i (row_cuts)."""
        head = Row(self.kind, [c[:k] for c, k in zip(self.cells, cuts, strict=True)], self.style)
        tail = Row(self.kind, [c[k:] for c, k in zip(self.cells, cuts, strict=True)], self.style)
        return head, tail


def layout_table(table: Table, width: float, styles: ReportStyles,
                 on_row: Callable[[], None] | None = None, page_height: float | None = None) -> ThaiTable:
    """Lay out every cell of ``table`` for a table ``width`` points wide."""
    total = sum(c.weight for c in table.columns) or 1.0
    widths = [width * c.weight / total for c in table.columns]
    inner = [w - 2 * PAD_X for w in widths]
    header = Row("header", [layout_text(c.header, styles.header, w) for c, w in zip(table.columns, inner,
                                                                                       strict=True)],
                 styles.header)
    rows: list[Row] = []
    labels: dict[int, list[Line]] = {}  # body row index -> its first column's label for a continuation
    for section in table.sections:
        if section.heading:
            rows.append(Row("section", [layout_text(section.heading, styles.cell_bold, width - 2 * PAD_X)],
                            styles.cell_bold))
        for cells in section.rows:
            padded = [*cells, *[""] * (len(widths) - len(cells))][:len(widths)]
            rows.append(Row("body", [layout_text(text, styles.cell, w) for text, w in zip(padded, inner,
                                                                                          strict=True)],
                            styles.cell))
            first = padded[0].strip().split("\n")[0]
            if first:
                labels[id(rows[-1])] = layout_text(first + CONTINUED, styles.cell, inner[0])
            if on_row:
                on_row()
    return ThaiTable(widths, header, rows, page_height, labels)


class ThaiTable(Flowable):  # type: ignore[misc]
    def __init__(self, widths: list[float], header: Row, rows: list[Row], page_height: float | None = None,
                 labels: dict[int, list[Line]] | None = None) -> None:
        super().__init__()
        self.widths = widths
        self.header = header
        self.rows = rows
        self.page_height = page_height  # the frame's height: what a fresh page offers
        self.labels = labels or {}
        self.keep_with_last = 0.0  # height of what must stay on the page of the last row (the signatures)
        self.spaceBefore = 4.0
        self.spaceAfter = 8.0
        self._width = sum(widths)
        self._height = header.height + sum(r.height for r in rows)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = self._width
        self.height = self._height
        if self.height <= availHeight < self.height + self.keep_with_last + self.spaceAfter and self._can_keep():
            return self.width, self.height + self.keep_with_last  # too tall with the signatures: split me
        return self.width, self.height

    def _can_keep(self) -> bool:
        """Whether the last row and the signatures fit a fresh page together (else keeping them is impossible)."""
        if not self.rows or not self.keep_with_last:
            return False
        fresh = None if self.page_height is None else self.page_height - FRAME_PADDING - self.header.height
        return fresh is None or self.rows[-1].height + self.keep_with_last + self.spaceAfter <= fresh

    def _part(self, rows: list[Row], *, last: bool) -> ThaiTable:
        part = ThaiTable(self.widths, self.header, rows, self.page_height, self.labels)
        part.keep_with_last = self.keep_with_last if last else 0.0
        return part

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight - self.header.height
        fresh = None if self.page_height is None else self.page_height - FRAME_PADDING - self.header.height
        taken: list[Row] = []
        rest = list(self.rows)
        while rest:
            row = rest[0]
            if row.height <= room:
                if len(rest) == 1 and room - row.height < self.keep_with_last + self.spaceAfter and self._can_keep():
                    break  # the last row goes on with the signatures, which never stand alone on a page
                taken.append(rest.pop(0))
                room -= row.height
                continue
            used = (fresh or 0.0) - room  # of this page, once the rows taken are placed
            if fresh is not None and row.height <= fresh and used >= fresh / 4:
                break  # it fits a fresh page: it moves on whole rather than leave a fragment here
            cuts = row_cut([len(c) for c in row.cells], row.lines_fitting(room)) if row.kind == "body" else None
            if cuts is not None:
                head, tail = row.split(cuts)
                if head.height <= room:
                    taken.append(head)
                    rest[0] = self._continued(row, tail)
            break
        while taken and taken[-1].kind == "section":  # a section heading goes with its first row
            rest.insert(0, taken.pop())
        if not taken:
            return []
        return [self._part(taken, last=False), self._part(rest, last=True)] if rest else \
            [self._part(taken, last=True)]

    def _continued(self, row: Row, tail: Row) -> Row:
        """The part of a cut row on the next page, with its first column's label marked "(ต่อ)" if that column
        has nothing left to print."""
        label = self.labels.get(id(row))
        keep = label is None or bool(tail.cells[0])
        part = tail if keep else Row(tail.kind, [label or [], *tail.cells[1:]], tail.style)
        self.labels[id(part)] = label or []
        return part

    def draw(self) -> None:
        canv = self.canv
        top = self.height
        canv.saveState()
        canv.setLineWidth(0.5)
        canv.setStrokeColor(colors.black)
        for row in [self.header, *self.rows]:
            bottom = top - row.height
            if row.kind != "body":
                canv.setFillColor(HEADER_FILL if row.kind == "header" else SECTION_FILL)
                canv.rect(0, bottom, self.width, row.height, stroke=0, fill=1)
            canv.setFillColor(colors.black)
            x = 0.0
            spans = [self.width] if row.kind == "section" else self.widths
            for lines, w in zip(row.cells, spans, strict=False):
                block = lines_height(lines, row.style)
                offset = (row.height - 2 * PAD_Y - block) / 2 if row.kind == "header" else 0.0
                draw_lines(canv, lines, row.style, x + PAD_X, top - PAD_Y - offset, w - 2 * PAD_X)
                canv.line(x, bottom, x, top)
                x += w
            canv.line(x, bottom, x, top)
            canv.line(0, top, self.width, top)
            canv.line(0, bottom, self.width, bottom)
            top = bottom
        canv.restoreState()
