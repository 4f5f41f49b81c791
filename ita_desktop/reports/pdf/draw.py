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
    subsets = [subset for subset, data in chunks for _ in data]
    codes = b"".join(data for _, data in chunks)
    out = ["q", "BT", f"1 0 0 1 {_num(x)} {_num(y)} Tm", "0 Tc 0 Tw 100 Tz"]
    items: list[str] = []
    run = bytearray()
    pending = 0.0
    current_subset = -1
    rise = 0.0
    rise_scale = size / 1000.0

    def flush() -> None:
        if run:
            items.append("<" + run.hex().upper() + ">")
            run.clear()
        if items:
            out.append("[" + " ".join(items) + "] TJ")
            items.clear()

    for glyph, subset, byte in zip(glyphs, subsets, codes, strict=True):
        if subset != current_subset:
            flush()
            out.append(f"{font.getSubsetInternalName(subset, doc)} {_num(size)} Tf")
            current_subset = subset
        if glyph.y_offset or rise:
            glyph_rise = glyph.y_offset * rise_scale
            if abs(glyph_rise - rise) > 0.005:
                flush()
                out.append(f"{_num(glyph_rise)} Ts")
                rise = glyph_rise
        pending -= glyph.x_offset
        if pending > 0.005 or pending < -0.005:
            if run:
                items.append("<" + run.hex().upper() + ">")
                run.clear()
            items.append(_num(pending))
        run.append(byte)
        pending = glyph.pdf_width - glyph.advance + glyph.x_offset
    flush()
    out += ["ET", "Q"]
    return "\n".join(out)


def draw_glyphs(canvas: Any, font: ShapingFont, size: float, x: float, y: float, glyphs: list[Glyph]) -> None:
    """Append the line to the canvas's current page."""
    ops = line_operators(canvas, font, size, x, y, glyphs)
    if ops:
        canvas._code.append(ops)
