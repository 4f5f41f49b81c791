"""Sizes and spacing of a report, derived from one font set (all sizes scale with a small user font)."""

from __future__ import annotations

from dataclasses import dataclass

from ita_desktop.reports.pdf.fonts import FontSet, ShapingFont
from ita_desktop.reports.pdf.linebreak import TextStyle

# Line height as a share of the font size. Under 1.5, pdfminer (and poppler) keep the lines of one cell together as
# a block, so table text is extracted cell by cell. Where a tone mark stacked over an upper vowel would touch a lower
# vowel of the line above (they reach about 1.05 em and 0.35 em), linebreak._separate opens that one gap.
LEADING = 1.45


def _style(font: ShapingFont, size: float, align: str = "left") -> TextStyle:
    return TextStyle(font, size, round(size * LEADING, 2), align)


@dataclass(frozen=True)
class ReportStyles:
    fonts: FontSet
    title: TextStyle
    subtitle: TextStyle
    heading1: TextStyle
    heading2: TextStyle
    body: TextStyle
    cell: TextStyle
    cell_bold: TextStyle
    header: TextStyle
    small: TextStyle
    small_center: TextStyle
    center: TextStyle

    @classmethod
    def for_fonts(cls, fonts: FontSet) -> ReportStyles:
        k = fonts.scale
        reg, bold = fonts.regular, fonts.bold
        return cls(
            fonts=fonts,
            title=_style(bold, 15 * k, "center"),
            subtitle=_style(bold, 13 * k, "center"),
            heading1=_style(bold, 13 * k),
            heading2=_style(bold, 12 * k),
            body=_style(reg, 12 * k),
            cell=_style(reg, 11 * k),
            cell_bold=_style(bold, 11 * k),
            header=_style(bold, 11 * k, "center"),
            small=_style(reg, 10 * k),
            small_center=_style(reg, 10 * k, "center"),
            center=_style(reg, 12 * k, "center"),
        )
