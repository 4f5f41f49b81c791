"""Draw a shaped line as one text run: glyph codes with small TJ adjustments and text rise for marks.

Readers such as PDFium order text by where it is drawn; a line drawn glyph by glyph at absolute origins makes them
read marks out of order. One text object per line, the pen moving by the font's widths corrected with TJ numbers
(x offsets, HarfBuzz advances) and ``Ts`` for raised or lowered marks, keeps every reader's order equal to the
source's.
"""

from __future__ import annotations

from typing import Any

from ita_desktop.reports.pdf.fonts import ShapingFont
from ita_desktop.reports.pdf.shaping import Glyph


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def line_operators(canvas: Any, font: ShapingFont, size: float, x: float, y: float, glyphs: list[Glyph]) -> str:
    """PDF content for ``glyphs`` starting at (x, y) on the baseline, wrapped in q/Q so no text state leaks."""
    if not glyphs:
        return ""
    doc = canvas._doc
    chunks = font.splitString("".join(chr(g.code) for g in glyphs), doc)
    codes: list[tuple[int, int]] = [(subset, byte) for subset, data in chunks for byte in data]
    out = ["q", "BT", f"1 0 0 1 {_num(x)} {_num(y)} Tm", "0 Tc 0 Tw 100 Tz"]
    items: list[str] = []
    pending = 0.0
    current_subset = -1
    rise = 0.0

    def flush() -> None:
        if items:
            out.append("[" + " ".join(items) + "] TJ")
            items.clear()

    for glyph, (subset, byte) in zip(glyphs, codes, strict=True):
        if subset != current_subset:
            flush()
            out.append(f"{font.getSubsetInternalName(subset, doc)} {_num(size)} Tf")
            current_subset = subset
        glyph_rise = glyph.y_offset * size / 1000.0
        if abs(glyph_rise - rise) > 0.005:
            flush()
            out.append(f"{_num(glyph_rise)} Ts")
            rise = glyph_rise
        pending -= glyph.x_offset
        if abs(pending) > 0.005:
            items.append(_num(pending))
        if items and items[-1].startswith("<"):
            items[-1] = items[-1][:-1] + f"{byte:02X}>"
        else:
            items.append(f"<{byte:02X}>")
        pending = glyph.pdf_width - glyph.advance + glyph.x_offset
    flush()
    out += ["ET", "Q"]
    return "\n".join(out)


def draw_glyphs(canvas: Any, font: ShapingFont, size: float, x: float, y: float, glyphs: list[Glyph]) -> None:
    """Append the line to the canvas's current page."""
    ops = line_operators(canvas, font, size, x, y, glyphs)
    if ops:
        canvas._code.append(ops)
