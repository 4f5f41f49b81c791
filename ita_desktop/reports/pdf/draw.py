"""Draw a shaped line as one text run: glyph codes with small TJ adjustments and text rise for marks.

Readers such as PDFium order text by where it is drawn; a line drawn glyph by glyph at absolute origins makes them
read marks out of order. One text object per line, the pen moving by the font's widths corrected with TJ numbers
(x offsets, HarfBuzz advances) and ``Ts`` for raised or lowered marks, keeps every reader's order equal to the
source's.

The marker of a wrapped item ("- ", "๑. ") is the one exception. pdfminer (default LAParams) joins two lines into one
text block only when their left, right or centre edges lie within half its line height (the font size), but a line
hanging under the item's text starts 0.6–1.9 em right of the marker. Each item was then two blocks, which pdfminer
may read apart: "- ปลัด" | the next column's cell | "องค์การบริหาร…". So the marker is painted as glyph outlines
(form XObjects, one per glyph and document) where it belongs, and its text is laid invisibly (render mode 3),
squeezed to ``MARKER_TEXT_WIDTH``, right before the item's text: every reader still extracts "- " or "๑. " once,
before the item, and all the item's lines start within 0.3 em of each other. The page looks exactly as before.
"""

from __future__ import annotations

import math
import weakref
from typing import Any

from reportlab.pdfbase import pdfdoc

from ita_desktop.reports.pdf.fonts import ShapingFont
from ita_desktop.reports.pdf.shaping import Glyph

# Width (1/1000 em) of an item marker's invisible text, squeezed evenly (Tz): well under pdfminer's 0.5 em alignment
# tolerance. The characters keep increasing origins, so pdfminer, poppler, PDFium and pdf.js read them in order
# (measured with "- ", "• ", "– ", "๑. ", "๑๒. ", "๑.๑.๒ ", "(๑) ", "1. ", "2.3 ").
MARKER_TEXT_WIDTH = 300.0


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _unit(value: float) -> str:
    return str(round(value))


class _OutlinePen:
    """Collects a glyph outline as PDF path operators in whole font units (1/1000 em or finer: invisible at any
    size a report uses); quadratic curves become cubic ones."""

    def __init__(self) -> None:
        self.ops: list[str] = []
        self.at = (0.0, 0.0)

    def moveTo(self, p: tuple[float, float]) -> None:  # the fontTools pen protocol HarfBuzz calls
        self.ops.append(f"{_unit(p[0])} {_unit(p[1])} m")
        self.at = p

    def lineTo(self, p: tuple[float, float]) -> None:
        self.ops.append(f"{_unit(p[0])} {_unit(p[1])} l")
        self.at = p

    def curveTo(self, *points: tuple[float, float]) -> None:
        for i in range(0, len(points) - 2, 3):
            a, b, c = points[i:i + 3]
            self.ops.append(" ".join(_unit(v) for v in (*a, *b, *c)) + " c")
            self.at = c

    def qCurveTo(self, *points: tuple[float, float]) -> None:
        for i in range(len(points) - 1):  # implied on-curve points between consecutive off-curve ones
            ctrl = points[i]
            end = points[i + 1] if i == len(points) - 2 else \
                ((points[i][0] + points[i + 1][0]) / 2, (points[i][1] + points[i + 1][1]) / 2)
            (x0, y0), (cx, cy) = self.at, ctrl
            c1 = (x0 + 2 * (cx - x0) / 3, y0 + 2 * (cy - y0) / 3)
            c2 = (end[0] + 2 * (cx - end[0]) / 3, end[1] + 2 * (cy - end[1]) / 3)
            self.ops.append(" ".join(_unit(v) for v in (*c1, *c2, *end)) + " c")
            self.at = end

    def closePath(self) -> None:
        self.ops.append("h")


def _outline(font: ShapingFont, gid: int) -> str:
    """The glyph's outline as PDF path operators in font units (cached on the font)."""
    cached = font.outlines.get(gid)
    if cached is None:
        pen = _OutlinePen()
        font.hb_font.draw_glyph_with_pen(gid, pen)
        cached = font.outlines[gid] = "\n".join(pen.ops)
    return cached


_form_names: weakref.WeakKeyDictionary[Any, dict[tuple[str, int], str]] = weakref.WeakKeyDictionary()


def _glyph_form(canvas: Any, font: ShapingFont, gid: int) -> str | None:
    """Name of a form XObject that fills the glyph's outline (in 1/1000 em), defined once per document."""
    doc = canvas._doc
    names = _form_names.setdefault(doc, {})
    name = names.get((font.fontName, gid))
    if name is None:
        path = _outline(font, gid)
        name = names[(font.fontName, gid)] = f"G{len(names)}" if path else ""  # short: pages list their forms
        if not name:
            return None  # a space: nothing to paint
        left, right, bottom, top = font.ink(gid)
        form = pdfdoc.PDFFormXObject(math.floor(left) - 1, math.floor(bottom) - 1, math.ceil(right) + 1,
                                     math.ceil(top) + 1)
        scale = 1000.0 / font.upem
        stream = pdfdoc.PDFStream(content=f"{scale:.6g} 0 0 {scale:.6g} 0 0 cm\n{path}\nf",
                                  filters=[pdfdoc.PDFZCompress] if canvas._pageCompression else None)
        stream.__Comment__ = "glyph outline"
        form.Contents = stream
        form.Resources = pdfdoc.PDFDictionary({})  # a filled path needs no fonts or procedure sets
        doc.addForm(name, form)
    if not name:
        return None
    if name not in canvas._formsinuse:
        canvas._formsinuse.append(name)  # puts the form in the page's resources
    return str(doc.getXObjectName(name))


def _paint_marker(canvas: Any, font: ShapingFont, size: float, x: float, y: float, glyphs: list[Glyph]) -> str:
    """Operators that paint the marker's glyph outlines from (x, y) as the text would have."""
    k = size / 1000.0
    ops = [f"q {k:.6g} 0 0 {k:.6g} {_num(x)} {_num(y)} cm"]
    at = (0.0, 0.0)
    pen = 0.0
    for g in glyphs:
        form = _glyph_form(canvas, g.font or font, g.gid)
        if form:
            dx, dy = pen + g.x_offset - at[0], g.y_offset - at[1]
            if dx or dy:
                ops.append(f"1 0 0 1 {_num(dx)} {_num(dy)} cm")
                at = (at[0] + dx, at[1] + dy)
            ops.append(f"/{form} Do")
        pen += g.advance
    ops.append("Q")
    return " ".join(ops)


def line_operators(canvas: Any, font: ShapingFont, size: float, x: float, y: float, glyphs: list[Glyph],
                   marker: int = 0) -> str:
    """PDF content for ``glyphs`` starting at (x, y) on the baseline, wrapped in q/Q so no text state leaks.

    The first ``marker`` glyphs are an item's marker, drawn apart (see the module's docstring).
    """
    if not glyphs:
        return ""
    k = size / 1000.0
    out = []
    if 0 < marker < len(glyphs):
        out.append(_paint_marker(canvas, font, size, x, y, glyphs[:marker]))
        natural = sum(g.pdf_width for g in glyphs[:marker])
        squeeze = min(1.0, MARKER_TEXT_WIDTH / natural) if natural > 0 else 1.0
        x += sum(g.advance for g in glyphs[:marker]) * k
        out += ["q", "BT", f"1 0 0 1 {_num(x - natural * squeeze * k)} {_num(y)} Tm",
                f"0 Tc 0 Tw 3 Tr {_num(squeeze * 100)} Tz"]
        rise = _show(canvas, font, size, glyphs[:marker], out)
        out += [f"1 0 0 1 {_num(x)} {_num(y)} Tm", "0 Tr 100 Tz" + (" 0 Ts" if rise else "")]
        glyphs = glyphs[marker:]
    else:
        out += ["q", "BT", f"1 0 0 1 {_num(x)} {_num(y)} Tm", "0 Tc 0 Tw 100 Tz"]
    _show(canvas, font, size, glyphs, out)
    out += ["ET", "Q"]
    return "\n".join(out)


def _show(canvas: Any, font: ShapingFont, size: float, glyphs: list[Glyph], out: list[str]) -> float:
    """Append the operators that show ``glyphs`` from the current text position; returns the text rise left set."""
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
    return rise


def draw_glyphs(canvas: Any, font: ShapingFont, size: float, x: float, y: float, glyphs: list[Glyph],
                marker: int = 0) -> None:
    """Append the line to the canvas's current page."""
    ops = line_operators(canvas, font, size, x, y, glyphs, marker)
    if ops:
        canvas._code.append(ops)
