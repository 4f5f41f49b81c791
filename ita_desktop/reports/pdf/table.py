"""A ruled table of Thai cells: header row repeated on every page, full-width section rows, rows that split.

ReportLab's Table cannot split a row taller than a page (a measure with many reported steps can be), so this table
is our own: cells are laid out once by the Thai line breaker, a row that does not fit is cut between lines (each
cell keeps its own lines), and a section heading never stays alone at the foot of a page.
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

# Text of neighbouring cells stays at least 2 × PAD_X apart: pdfminer joins characters closer than twice their
# width into one line, which would interleave the cells' lines when the text is extracted.
PAD_X = 8.0
PAD_Y = 2.0
MIN_SPLIT_LINES = 2  # lines of a split row kept on each side of a page break
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

    def split(self, lines: int) -> tuple[Row, Row]:
        """Cut after ``lines`` lines. In each cell the cut moves up (by at most three lines) to the start of an
        item, so a numbered step or a result is not torn across pages; a cell keeps two lines at least on each
        side of the cut, or goes on whole."""
        cuts = []
        for cell in self.cells:
            k = min(lines, len(cell))
            if k < len(cell):
                k = next((j for j in range(k, max(-1, k - 4), -1) if j == 0 or cell[j].starts_item), k)
                last_of_item = k + 1 == len(cell) or cell[k + 1].starts_item
                if not cell[k].starts_item and last_of_item and k > 1:
                    k -= 1  # never one line of an item alone at the top of a page
                k = min(k, len(cell) - MIN_SPLIT_LINES)  # nor fewer than two lines of a cell
                if k < MIN_SPLIT_LINES:
                    k = 0  # and never one line alone at the foot: the cell goes on whole
            cuts.append(k)
        head = Row(self.kind, [c[:k] for c, k in zip(self.cells, cuts, strict=True)], self.style)
        tail = Row(self.kind, [c[k:] for c, k in zip(self.cells, cuts, strict=True)], self.style)
        return head, tail


def layout_table(table: Table, width: float, styles: ReportStyles,
                 on_row: Callable[[], None] | None = None) -> ThaiTable:
    """Lay out every cell of ``table`` for a table ``width`` points wide."""
    total = sum(c.weight for c in table.columns) or 1.0
    widths = [width * c.weight / total for c in table.columns]
    inner = [w - 2 * PAD_X for w in widths]
    header = Row("header", [layout_text(c.header, styles.header, w) for c, w in zip(table.columns, inner,
                                                                                       strict=True)],
                 styles.header)
    rows: list[Row] = []
    for section in table.sections:
        if section.heading:
            rows.append(Row("section", [layout_text(section.heading, styles.cell_bold, width - 2 * PAD_X)],
                            styles.cell_bold))
        for cells in section.rows:
            padded = [*cells, *[""] * (len(widths) - len(cells))][:len(widths)]
            rows.append(Row("body", [layout_text(text, styles.cell, w) for text, w in zip(padded, inner,
                                                                                          strict=True)],
                            styles.cell))
            if on_row:
                on_row()
    return ThaiTable(widths, header, rows)


class ThaiTable(Flowable):  # type: ignore[misc]
    def __init__(self, widths: list[float], header: Row, rows: list[Row]) -> None:
        super().__init__()
        self.widths = widths
        self.header = header
        self.rows = rows
        self.spaceBefore = 4.0
        self.spaceAfter = 8.0
        self._width = sum(widths)
        self._height = header.height + sum(r.height for r in rows)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = self._width
        self.height = self._height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight - self.header.height
        taken: list[Row] = []
        rest = list(self.rows)
        while rest:
            row = rest[0]
            if row.height <= room:
                taken.append(rest.pop(0))
                room -= row.height
                continue
            fit = row.lines_fitting(room)
            if row.kind == "body" and fit >= MIN_SPLIT_LINES:
                head, tail = row.split(min(fit, row.line_count - MIN_SPLIT_LINES))
                if head.line_count and tail.line_count and head.height <= room:
                    taken.append(head)
                    rest[0] = tail
            break
        while taken and taken[-1].kind == "section":  # a section heading goes with its first row
            rest.insert(0, taken.pop())
        if not taken:
            return []
        return [ThaiTable(self.widths, self.header, taken), ThaiTable(self.widths, self.header, rest)] if rest \
            else [ThaiTable(self.widths, self.header, taken)]

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
