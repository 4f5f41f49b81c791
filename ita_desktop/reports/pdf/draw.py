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
    fonts: list[ShapingFont] = []
    subsets: list[int] = []
    codes = bytearray()
    i = 0
    while i < len(glyphs):  # runs of one font (the line's, or the fallback for characters it lacks)
        run_font = glyphs[i].font or font
        j = i
        while j < len(glyphs) and (glyphs[j].font or font) is run_font:
            j += 1
        for subset, data in run_font.splitString("".join(chr(g.code) for g in glyphs[i:j]), doc):
            fonts += [run_font] * len(data)
            subsets += [subset] * len(data)
            codes += data
        i = j
    out = ["q", "BT", f"1 0 0 1 {_num(x)} {_num(y)} Tm", "0 Tc 0 Tw 100 Tz"]
    items: list[str] = []
    run = bytearray()
    pending = 0.0
    current: tuple[ShapingFont, int] | None = None
    rise = 0.0
    rise_scale = size / 1000.0

    def flush() -> None:
        if run:
            items.append("<" + run.hex().upper() + ">")
            run.clear()
        if items:
            out.append("[" + " ".join(items) + "] TJ")
            items.clear()

    for glyph, glyph_font, subset, byte in zip(glyphs, fonts, subsets, codes, strict=True):
        if current is None or current[1] != subset or current[0] is not glyph_font:
            flush()
            out.append(f"{glyph_font.getSubsetInternalName(subset, doc)} {_num(size)} Tf")
            current = (glyph_font, subset)
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
