"""Where a table row taller than a page is cut: after the same line in every cell at once, as Word cuts a row.

The PDF's table (reports/pdf/table.py) and the Word export (reports/office/docx_split.py) both cut by this rule,
on the lines of each cell they lay out, so a row splits alike in both files: no part is a row of cells with
nothing in them (results printed without their measure), and no cell leaves a single line on either side.
The rule counts lines only; each writer measures its own lines and prints its own "(ต่อ)" label.
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_SPLIT_LINES = 2  # lines of a cell kept on each side of a cut
CONTINUED = " (ต่อ)"  # after the first column's label on the part of a row that continues it


def cell_cuts(counts: Sequence[int], lines: int) -> list[int]:
    """Lines of each cell (``counts`` of them) kept before a cut after ``lines`` lines in every cell.

    A cell that would leave a single line on either side keeps its lines together, on the side that has room,
    so each part of a cell holds two lines or none.
    """
    cuts = []
    for count in counts:
        k = min(lines, count)
        if 0 < count - k < MIN_SPLIT_LINES:
            k = count if count <= lines else max(count - MIN_SPLIT_LINES, 0)
        if 0 < k < MIN_SPLIT_LINES and count > k:
            k = 0 if count - k > lines else count
        cuts.append(k)
    return cuts


def row_cut(counts: Sequence[int], fit: int) -> list[int] | None:
    """Lines of each cell kept before the page break when at most ``fit`` lines fit above it, or None when the
    row cannot be cut there: both parts must hold lines, the first no more than ``fit``, and every cell that has
    lines keeps some before the cut."""
    lines = min(fit, max(counts, default=0) - MIN_SPLIT_LINES)  # the tail keeps two lines too
    if fit < MIN_SPLIT_LINES or lines < 1:
        return None
    cuts = cell_cuts(counts, lines)
    head = max(cuts, default=0)
    tail = max((count - k for count, k in zip(counts, cuts, strict=True)), default=0)
    if not head or head > fit or not tail or any(count and not k for count, k in zip(counts, cuts, strict=True)):
        return None
    return cuts
