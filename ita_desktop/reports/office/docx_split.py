"""A table row taller than a page, written as several Word rows that each fit one, cut as the PDF cuts it.

Word and LibreOffice cut a row that may split wherever the page ends: one page shows a fragment whose other cells
are empty (results without their measure), and nothing marks the rest as a continuation. So a row the measure
(office/docx_rows) finds too tall for a page is cut here, after the same estimated line in every cell by the PDF's
own rule (reports/row_cuts), into parts that each fit a page and are kept whole. A part whose first column has
nothing left repeats that column's label, marked "(ต่อ)". Of the cuts the rule allows, one that falls between a
cell's lines of text (its steps, its entries) is taken if it leaves the part two thirds full, so each row holds
whole items for the clerk who edits them and for the import that reads the file back; else a line is cut and goes
on in the next part as a piece without its list marker, hanging under the text as its wrapped lines do. Every step
is numbered once, and the cells' text read part after part is the row's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ita_desktop.reports.office.docx_rows import CELL_PAD_MM, FIT_SHARE, line_mm, wrapped
from ita_desktop.reports.row_cuts import CONTINUED, row_cut

_SAME = str.maketrans("\t\v", "  ")  # the line breaker sets tabs as spaces


@dataclass(frozen=True)
class Piece:
    """What one part of a row prints of one line of a cell (one Word paragraph)."""

    text: str
    line: str  # the whole line the piece belongs to: its marker ("๑. ", "- ") sets the hanging indent
    continues: bool = False  # the piece goes on with a line the part before it began


@dataclass(frozen=True)
class _Span:
    line: int  # which line of the cell
    start: int
    end: int


@dataclass(frozen=True)
class _Cell:
    lines: list[str]
    spans: list[_Span]  # one per estimated line in the cell, in order

    def pieces(self) -> list[Piece]:
        """One piece per line of the cell these spans touch, from the first span's start to the last one's end."""
        joined: list[_Span] = []
        for span in self.spans:
            if joined and joined[-1].line == span.line:
                joined[-1] = _Span(span.line, joined[-1].start, span.end)
            else:
                joined.append(span)
        return [Piece(self.lines[s.line][s.start:s.end], self.lines[s.line], s.start > 0) for s in joined]


@dataclass(frozen=True)
class RowPart:
    """One Word row of a table row: its cells' pieces, and whether it fits a page (so is kept whole)."""

    cells: list[list[Piece]]
    fits: bool


def estimated_lines(text: str, width_mm: float, size: float) -> _Cell:
    """The lines Word is expected to set ``text`` in, each as the span of the cell's line it covers."""
    lines = text.split("\n") if text else []
    spans: list[_Span] = []
    for n, line in enumerate(lines):
        starts = _starts(line, wrapped(line, width_mm, size))
        ends = [*starts[1:], len(line)]
        spans += [_Span(n, start, end) for start, end in zip(starts, ends, strict=True)]
    return _Cell(lines, spans)


def _starts(line: str, texts: list[str]) -> list[int]:
    """Where in ``line`` each of its wrapped lines begins (the breaker drops the spaces at a break, tabs are set
    as spaces and zero-width characters are left out, so each wrapped line is found character by character)."""
    plain = line.translate(_SAME)
    starts = [0]
    pos = 0
    for i, text in enumerate(texts):
        first = None
        for ch in text:
            found = plain.find(ch, pos)
            if found < 0:
                break
            first = found if first is None else first
            pos = found + 1
        if i:
            starts.append(starts[-1] if first is None else first)
    return starts


def _best_cut(cells: list[_Cell], room: int) -> list[int] | None:
    """The lines of each cell before a cut, for a part of at most ``room`` lines: where no line of text is cut in
    two if a part at least two thirds full allows it (each row then holds whole steps and entries, for the clerk
    who edits them and for the import that reads them back), else the fullest part the rule allows."""
    counts = [len(c.spans) for c in cells]
    fallback = None
    for fit in range(room, 0, -1):
        cuts = row_cut(counts, fit)
        if cuts is None:
            continue
        if all(k in (0, len(c.spans)) or c.spans[k].start == 0 for c, k in zip(cells, cuts, strict=True)):
            return cuts
        fallback = fallback or cuts
        if fit < room * 2 / 3:
            break
    return fallback


def row_parts(values: list[str], widths_mm: list[float], size: float, free_mm: float) -> list[RowPart]:
    """The Word rows one table row is written as: itself when it fits a page of ``free_mm`` (below the repeated
    header), else parts of at most a page each, cut in every cell at once; a rest that cannot be cut stays
    splittable."""
    per_line = line_mm(size)
    room = int((free_mm * FIT_SHARE - 2 * CELL_PAD_MM) / per_line + 1e-9)  # lines that fit one page
    cells = [estimated_lines(v, w, size) for v, w in zip(values, widths_mm, strict=True)]
    first = values[0].strip().split("\n")[0].strip() if values else ""
    label = estimated_lines(first + CONTINUED, widths_mm[0], size) if first else None
    parts: list[RowPart] = []
    while max((len(c.spans) for c in cells), default=0) > room:
        cuts = _best_cut(cells, room)
        if cuts is None:
            break
        parts.append(RowPart([_Cell(c.lines, c.spans[:k]).pieces() for c, k in zip(cells, cuts, strict=True)], True))
        cells = [_Cell(c.lines, c.spans[k:]) for c, k in zip(cells, cuts, strict=True)]
        if label is not None and not cells[0].spans:
            cells[0] = label
    fits = max((len(c.spans) for c in cells), default=0) <= room
    parts.append(RowPart([c.pieces() for c in cells], fits))
    return parts
