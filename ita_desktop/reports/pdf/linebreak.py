"""Break shaped text into lines between words, measured with the shaped advances.

Each hard line ("\\n" separates them) is shaped once; the break opportunities are the segmenter's word boundaries
that fall on cluster starts. Lines are filled greedily. A line starting with "- ", "• " or a number such as "๑.",
"๑.๑" or "2.3" gets a hanging indent, so wrapped text lines up after the marker. Only a word wider than the column
is cut inside, between characters that may be separated (never before a mark or a following vowel).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ita_desktop.reports.pdf.fonts import ShapingFont
from ita_desktop.reports.pdf.shaping import Glyph, ShapedText, shape
from ita_desktop.thai.segment import break_points, fallback_points, inner_breaks, is_thai_letter

_MARKER = re.compile(r"^(?:[-•–]|\(?[0-9๐-๙]+(?:\.[0-9๐-๙]+)*[.)]?)[ \t]+")
_NO_SPLIT_BEFORE = frozenset("ะัาำิีึืฺุู็่้๊๋์ํ๎ๅ")


@dataclass(frozen=True)
class Line:
    """One visual line: its glyphs, where it starts (pt from the left edge) and how wide it is (pt)."""

    glyphs: list[Glyph]
    indent: float
    width: float
    text: str


@dataclass(frozen=True)
class TextStyle:
    font: ShapingFont
    size: float
    leading: float
    align: str = "left"  # left, center, right


def _advances(shaped: ShapedText) -> list[float]:
    """prefix[k] = pen position before glyph k (1/1000 em)."""
    prefix = [0.0]
    for g in shaped.glyphs:
        prefix.append(prefix[-1] + g.advance)
    return prefix


def _emergency_points(text: str, start: int, end: int, starts: set[int]) -> list[int]:
    """Where an over-long word may be cut: cluster starts not before a mark, not after a leading vowel."""
    return [k for k in range(start + 1, end)
            if k in starts and text[k] not in _NO_SPLIT_BEFORE and text[k - 1] not in "เแโใไ"
            and not (text[k].isalnum() and text[k - 1].isalnum() and not is_thai_letter(text[k]))]


def layout_line(text: str, style: TextStyle, width: float, first_indent: float = 0.0) -> list[Line]:
    """Lines of one hard line of text within ``width`` points."""
    shaped = shape(style.font, text)
    scale = style.size / 1000.0
    prefix = _advances(shaped)
    starts = shaped.cluster_starts()
    n = len(text)

    def x(offset: int) -> float:
        return prefix[shaped.glyph_index(offset)] * scale

    def trim(a: int, b: int) -> int:
        while b > a and text[b - 1].isspace():
            b -= 1
        return b

    marker = _MARKER.match(text)
    hanging = x(marker.end()) if marker and marker.end() < n else 0.0
    # Never end a line with "-": poppler's pdftotext takes it for a hyphenated word and deletes it.
    # For a unit wider than the column, a break *before* such a dash is a second choice, with the words inside
    # compounds.
    candidates = [k for k in break_points(text) if k in starts]
    dashed = {k for k in candidates if text[:k].rstrip().endswith("-")}
    before_dash = [len(text[:k].rstrip()) - 1 for k in dashed]
    breaks = [k for k in candidates if k not in dashed] + [n]
    lines: list[Line] = []
    pos = 0
    while pos < n:
        while pos < n and text[pos].isspace() and lines:
            pos += 1
        if pos >= n:
            break
        indent = first_indent if not lines else hanging
        avail = max(width - indent, style.size)
        end = None
        for k in breaks:
            if k <= pos:
                continue
            if x(trim(pos, k)) - x(pos) <= avail + 0.01:
                end = k
            else:
                break
        if end is None:  # the next word alone is wider than the line: cut it where a cut is least harmful
            nxt = next(k for k in breaks if k > pos)
            word_start = max([0, *(k for k in breaks if k <= pos)])
            unit = text[word_start:trim(word_start, nxt)]
            cuts = [k for k in before_dash if pos < k < nxt and k in starts and x(k) - x(pos) <= avail]
            for depth in (1, 2, 3):  # the coarsest cut inside a compound that fits
                cuts = cuts or [word_start + k for k in inner_breaks(unit, depth)
                                if pos < word_start + k and word_start + k in starts
                                and x(word_start + k) - x(pos) <= avail]
            cuts = cuts or [k for k in fallback_points(text)
                            if pos < k < nxt and k in starts and x(k) - x(pos) <= avail]
            cuts = cuts or [k for k in _emergency_points(text, pos, nxt, starts) if x(k) - x(pos) <= avail]
            end = cuts[-1] if cuts else (_emergency_points(text, pos, nxt, starts) or [nxt])[0]
        stop = trim(pos, end)
        glyphs = shaped.glyphs[shaped.glyph_index(pos):shaped.glyph_index(stop)]
        lines.append(Line(glyphs, indent, x(stop) - x(pos), text[pos:stop]))
        pos = end
    return lines or [Line([], first_indent, 0.0, "")]


def layout_text(text: str, style: TextStyle, width: float, first_indent: float = 0.0) -> list[Line]:
    """Lines of a cell or paragraph; "\\n" starts a new line, an empty line stays as a blank line."""
    lines: list[Line] = []
    for i, hard in enumerate(text.split("\n")):
        hard = hard.rstrip()
        if not hard:
            lines.append(Line([], 0.0, 0.0, ""))
            continue
        lines += layout_line(hard, style, width, first_indent if i == 0 else 0.0)
    return lines
