"""Break shaped text into lines between words, measured with the shaped advances.

Each hard line ("\\n" separates them) is shaped once; the break opportunities are the segmenter's word boundaries
that fall on cluster starts. Lines are filled greedily. A line starting with "- ", "• " or a number such as "๑.",
"๑.๑" or "2.3" gets a hanging indent, so wrapped text lines up after the marker. Only a word wider than the column
is cut inside, between characters that may be separated (never before a mark or a following vowel).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ita_desktop.reports.pdf.fonts import ShapingFont
from ita_desktop.reports.pdf.shaping import Glyph, ShapedText, shape
from ita_desktop.thai.segment import break_points, fallback_points, inner_breaks, is_thai_letter

# Tabs (pasted from Word, common in the seeds) have no glyph: they print as a space. Zero-width characters
# print as nothing.
_BLANKS = str.maketrans({"\t": " ", "\v": " ", "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None})
_MARKER = re.compile(r"^(?:[-•–]|\(?[0-9๐-๙]+(?:\.[0-9๐-๙]+)*[.)]?)[ \t]+")
_NO_SPLIT_BEFORE = frozenset("ะัาำิีึืฺุู็่้๊๋์ํ๎ๅ")


@dataclass(frozen=True)
class Line:
    """One visual line: its glyphs, where it starts (pt from the left edge) and how wide it is (pt)."""

    glyphs: list[Glyph]
    indent: float
    width: float
    text: str
    space_before: float = 0.0  # extra points above this line, so its marks clear the line above (see _separate)
    starts_item: bool = False  # the first line of a hard line (an item, a step): a good place for a page break
    marker: int = 0  # leading glyphs that are the marker of a wrapped item ("- ", "๑. "): drawn apart, see draw.py


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
            if k in starts and text[k] not in _NO_SPLIT_BEFORE and text[k - 1] not in "เแโใไ-"
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
    def word_cuts(word_start: int, nxt: int, pos: int, avail: float,
                  depths: tuple[int, ...] = (1, 2, 3)) -> list[int]:
        """Cuts inside the unit [word_start, nxt) that fit a line from ``pos``: between the words of a compound
        first (coarsest that fits), then any dictionary boundary. Empty when none fits."""
        unit = text[word_start:trim(word_start, nxt)]
        cuts = [k for k in before_dash if pos < k < nxt and k in starts and x(k) - x(pos) <= avail]
        for depth in depths:
            cuts = cuts or [word_start + k for k in inner_breaks(unit, depth)
                            if pos < word_start + k and word_start + k in starts
                            and x(word_start + k) - x(pos) <= avail]
        return cuts or [k for k in fallback_points(text)
                        if max(pos, word_start) < k < nxt and k in starts and x(k) - x(pos) <= avail]

    fresh = max(width - hanging, style.size)  # what a new line offers a word
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
        if end is not None and end < n:
            # The next unit is wider than a whole new line, so it will be cut anyway: start it here rather
            # than leave this line short (or a marker alone on its line, "๑." / "การ" / "ปฏิบัติหน้าที่").
            nxt = next(k for k in breaks if k > end)
            if x(trim(end, nxt)) - x(end) > fresh + 0.01:
                # only where newmm itself separates words (ปลัด|องค์การ), never inside one of its words
                cuts = word_cuts(end, nxt, pos, avail, depths=())
                end = cuts[-1] if cuts else end
        if end is None:  # the next word alone is wider than the line: cut it where a cut is least harmful
            nxt = next(k for k in breaks if k > pos)
            word_start = max([0, *(k for k in breaks if k <= pos)])
            cuts = word_cuts(word_start, nxt, pos, avail)
            cuts = cuts or [k for k in _emergency_points(text, pos, nxt, starts) if x(k) - x(pos) <= avail]
            end = cuts[-1] if cuts else (_emergency_points(text, pos, nxt, starts) or [nxt])[0]
        stop = trim(pos, end)
        glyphs = shaped.glyphs[shaped.glyph_index(pos):shaped.glyph_index(stop)]
        lines.append(Line(glyphs, indent, x(stop) - x(pos), text[pos:stop]))
        pos = end
    if hanging and len(lines) > 1:
        count = shaped.glyph_index(marker.end()) if marker else 0
        if 0 < count < len(lines[0].glyphs):
            lines[0] = replace(lines[0], marker=count)
    return lines or [Line([], first_indent, 0.0, "")]


def layout_text(text: str, style: TextStyle, width: float, first_indent: float = 0.0) -> list[Line]:
    """Lines of a cell or paragraph; "\\n" starts a new line, an empty line stays as a blank line."""
    lines: list[Line] = []
    for i, hard in enumerate(text.translate(_BLANKS).split("\n")):
        hard = hard.rstrip()
        if not hard:
            lines.append(Line([], 0.0, 0.0, ""))
            continue
        laid = layout_line(hard, style, width, first_indent if i == 0 else 0.0)
        lines += [replace(laid[0], starts_item=True), *laid[1:]]
    return _separate(lines, style)


def _ink_spans(line: Line, style: TextStyle, below: bool) -> list[tuple[float, float, float]]:
    """(left, right, y) of the glyphs reaching lowest (``below``) or highest, in points from the line's origin."""
    k = style.size / 1000.0
    spans = []
    pen = 0.0
    for g in line.glyphs:
        left, right, bottom, top = (g.font or style.font).ink(g.gid)
        x = line.indent + (pen + g.x_offset) * k
        y = (bottom if below else top) + g.y_offset
        if (below and y < -120) or (not below and y > 760):
            spans.append((x + left * k, x + right * k, y * k))
        pen += g.advance
    return spans


def _separate(lines: list[Line], style: TextStyle) -> list[Line]:
    """Give a line extra space above when its highest marks would touch the lowest marks of the line above.

    The leading is kept tight (LEADING em) so readers such as pdfminer keep a cell's lines together as one block;
    only the rare pair where a stacked tone mark (ปั้น) meets a lower vowel above it (ผู้, ฎุ) is opened up.
    """
    out = list(lines)
    margin = 0.04 * style.size
    for i in range(1, len(out)):
        lows = _ink_spans(out[i - 1], style, below=True)
        if not lows:
            continue
        need = 0.0
        for left, right, top in _ink_spans(out[i], style, below=False):
            for l2, r2, bottom in lows:
                if min(right, r2) - max(left, l2) > 0:
                    need = max(need, top - style.leading - bottom + margin)
        if need > 0:
            out[i] = replace(out[i], space_before=round(need, 2))
    return out


def lines_height(lines: list[Line], style: TextStyle) -> float:
    """Height of ``lines`` set one under the other (the first line's extra space does not count)."""
    return len(lines) * style.leading + sum(line.space_before for line in lines[1:])
