"""How tall a Word table row will be, so rows that fit a page are kept whole as the PDF keeps them.

Word and LibreOffice split a row at the page end wherever it falls, leaving cells of one line (or none) on one page
and the rest of the row on the next: results printed without their measure. ``w:cantSplit`` moves such a row on
whole, but Word clips a row that may not split and is taller than a page, so each row is measured: one that fits is
marked, a taller one is cut into rows that fit (office/docx_split). The measure lays the text out with the PDF's
own line breaker in the bundled Sarabun: the same words on a line as Word and LibreOffice set when they use the
embedded Sarabun, and a fair estimate for another font. Heights use Word's line height for Sarabun (its usWin
ascent and descent, 1.85 em), the tallest of the three (LibreOffice sets the PDF's 1.45 em with the at-least
spacing the export asks for), and the PDF's cell padding, which the export's ruled tables carry (office/docx_tables).
"""

from __future__ import annotations

from functools import lru_cache

from ita_desktop.reports.pdf.fonts import load_fonts
from ita_desktop.reports.pdf.linebreak import TextStyle, layout_text
from ita_desktop.reports.pdf.table import PAD_X, PAD_Y

PT_PER_MM = 72 / 25.4
WORD_LINE_EM = (1286 + 567) / 1000  # Sarabun's usWinAscent + usWinDescent: Word's single line
CELL_MARGIN_MM = PAD_X / PT_PER_MM  # left and right cell margin: the PDF's padding, so lines wrap as there
CELL_PAD_MM = PAD_Y / PT_PER_MM  # top and bottom cell margin, the PDF's too
FIT_SHARE = 0.9  # a row measured at most this share of the free page is kept whole (the measure is an estimate)


@lru_cache(maxsize=8)
def _style(size: float, bold: bool) -> TextStyle:
    fonts = load_fonts()
    return TextStyle(fonts.bold if bold else fonts.regular, size, size * WORD_LINE_EM)


def line_mm(size: float, *, bold: bool = False) -> float:
    """Height of one line of a cell at ``size`` points, in mm."""
    return _style(size, bold).leading / PT_PER_MM


def wrapped(line: str, width_mm: float, size: float, *, bold: bool = False) -> list[str]:
    """The text of each line ``line`` (one paragraph of a cell, no "\n") wraps to in a cell ``width_mm`` wide."""
    inner = max(1.0, (width_mm - 2 * CELL_MARGIN_MM) * PT_PER_MM)
    return [laid.text for laid in layout_text(line, _style(size, bold), inner)]


def cell_height_mm(text: str, width_mm: float, size: float, *, bold: bool = False) -> float:
    """Height of ``text`` set in a cell ``width_mm`` wide at ``size`` points, with its top and bottom margin, in
    mm."""
    count = sum(len(wrapped(line, width_mm, size, bold=bold)) for line in (text or " ").split("\n"))
    return count * line_mm(size, bold=bold) + 2 * CELL_PAD_MM


def row_height_mm(texts: list[str], widths_mm: list[float], size: float, *, bold: bool = False) -> float:
    """Height of a row: its tallest cell."""
    return max((cell_height_mm(t, w, size, bold=bold) for t, w in zip(texts, widths_mm, strict=True)), default=0.0)

