"""A paragraph flowable for Thai: laid out by our line breaker, drawn line by line, split between lines."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ita_desktop.reports.pdf.draw import draw_glyphs
from ita_desktop.reports.pdf.linebreak import Line, TextStyle, layout_text, lines_height


def line_x(line: Line, style: TextStyle, width: float) -> float:
    """Left edge of ``line`` in a box ``width`` wide, following the style's alignment."""
    if style.align == "center":
        return (width - line.width) / 2
    if style.align == "right":
        return width - line.width
    return line.indent


def draw_lines(canv: object, lines: list[Line], style: TextStyle, x: float, top: float, width: float) -> None:
    """Draw ``lines`` with their first baseline one ascent below ``top``."""
    baseline = top - baseline_offset(style)
    for i, line in enumerate(lines):
        if i:
            baseline -= style.leading + line.space_before
        draw_glyphs(canv, style.font, style.size, x + line_x(line, style, width), baseline, line.glyphs,
                    line.marker if style.align == "left" else 0)


def fitting_lines(lines: list[Line], style: TextStyle, height: float) -> int:
    """How many of ``lines`` fit in ``height`` points."""
    n = 0
    while n < len(lines) and lines_height(lines[:n + 1], style) <= height + 0.01:
        n += 1
    return n


def baseline_offset(style: TextStyle) -> float:
    """Distance from the top of a line box to its baseline: room above for stacked Thai marks."""
    return style.leading - (style.leading - style.size) / 2 - 0.25 * style.size


class ThaiParagraph(Flowable):  # type: ignore[misc]
    """Text laid out between Thai words; splits across frames and pages between lines."""

    def __init__(self, text: str, style: TextStyle, first_indent: float = 0.0, space_before: float = 0.0,
                 space_after: float = 0.0, lines: list[Line] | None = None, width: float | None = None,
                 left_indent: float = 0.0) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.first_indent = first_indent
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._lines = lines
        self._width = width
        self.left_indent = left_indent

    def lines_for(self, width: float) -> list[Line]:
        if self._lines is None or self._width != width:
            self._lines = layout_text(self.text, self.style, width - self.left_indent, self.first_indent)
            self._width = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = lines_height(self.lines_for(availWidth), self.style)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self.lines_for(availWidth)
        fit = fitting_lines(lines, self.style, availHeight)
        if fit >= len(lines):
            return [self]
        if fit < 1 or (fit == 1 and len(lines) > 2):  # no orphan line at the foot of a page
            return []
        if len(lines) - fit == 1 and fit > 2:  # no widow line at the head of the next
            fit -= 1
        head = ThaiParagraph(self.text, self.style, self.first_indent, self.spaceBefore, 0.0, lines[:fit], availWidth,
                             self.left_indent)
        tail = ThaiParagraph(self.text, self.style, self.first_indent, 0.0, self.spaceAfter, lines[fit:], availWidth,
                             self.left_indent)
        return [head, tail]

    def draw(self) -> None:
        draw_lines(self.canv, self.lines_for(self.width), self.style, self.left_indent, self.height,
                   self.width - self.left_indent)
