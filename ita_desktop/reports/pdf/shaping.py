"""Shape a line with HarfBuzz and give every glyph the text it stands for.

HarfBuzz places Thai marks (tone marks raised over upper vowels, shifted left over ป ฝ ฟ, ฐ ญ without their tails
above lower vowels) with the font's GSUB/GPOS. Two things must then be mended so the PDF's text layer equals the
source:

* ำ is decomposed by HarfBuzz into nikhahit + sara aa (the nikhahit moved before a tone mark). We draw the
  precomposed ำ glyph in place of sara aa (same advance) and drop the nikhahit, so ำ stays one character; when
  the font ligates nikhahit with the tone mark, the ligature stands for the tone mark and sara aa for ำ.
* Reordered or substituted glyphs share a cluster (BufferClusterLevel.MONOTONE_CHARACTERS keeps most characters in
  their own). Within a cluster the glyphs take the characters in source order, so the text layer reads exactly
  as typed; a ligature's last glyph carries the rest of its cluster.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

import uharfbuzz as hb

from ita_desktop.reports.pdf.fonts import ShapingFont

_AM, _AA, _NIKHAHIT = "ำ", "า", "ํ"
_NUDGE_LIMIT = 60.0  # 1/1000 em
_MARGIN = 10.0
_UNI_NAME = re.compile(r"^uni([0-9A-F]{4})(?:\.|$)")


class Glyph(NamedTuple):
    """One drawn glyph: ``code`` selects it in ReportLab's subsets; distances are in 1/1000 em.

    A named tuple: a report makes one for every character, and a tuple is built 3–4× faster than a frozen
    dataclass."""

    code: int
    cluster: int  # offset in the shaped text of the first character this glyph belongs to
    advance: float
    x_offset: float
    y_offset: float
    pdf_width: float  # the advance the PDF's /Widths gives this code
    text: str  # what a reader extracts for it
    gid: int = 0
    font: ShapingFont | None = None  # the fallback font, for a character the line's font lacks


@dataclass(frozen=True)
class ShapedText:
    text: str
    glyphs: list[Glyph]

    def glyph_index(self, offset: int) -> int:
        """Index of the first glyph whose cluster starts at or after ``offset``."""
        lo, hi = 0, len(self.glyphs)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.glyphs[mid].cluster < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def cluster_starts(self) -> set[int]:
        return {g.cluster for g in self.glyphs}


def _runs(text: str, font: ShapingFont) -> list[tuple[int, int, str, ShapingFont]]:
    """Runs of one script (Thai, or everything else) and one font.

    Characters the font lacks go to its fallback (the bundled Sarabun, when the clerk chose another font), so they
    print instead of boxes; spaces, punctuation and combining marks stay with the run they are in.
    """
    fallback = font.fallback
    runs: list[tuple[int, int, str, ShapingFont]] = []
    start = 0
    current: tuple[str, ShapingFont] | None = None
    for i, ch in enumerate(text):
        if "\u0e00" <= ch <= "\u0e7f":
            script = "Thai"
        elif ch.isalpha():
            script = "Latn"
        elif fallback is None or ch.isspace() or font.nominal(ch) or unicodedata.category(ch) in ("Mn", "Me"):
            continue  # common characters join the current run
        else:
            script = "Latn"
        use = font if fallback is None or font.nominal(ch) else fallback
        if current is None:
            current = (script, use)
        elif (script, use) != current:
            runs.append((start, i, *current))
            start, current = i, (script, use)
    if text:
        runs.append((start, len(text), *(current or ("Latn", font))))
    return runs


def _base_char(font: ShapingFont, gid: int, candidates: str) -> str | None:
    """Which of ``candidates`` glyph ``gid`` stands for (by cmap, then by glyph name), or None."""
    for ch in candidates:
        if font.nominal(ch) == gid:
            return ch
    match = _UNI_NAME.match(font.glyph_name(gid))
    if match:
        ch = chr(int(match.group(1), 16))
        if ch in candidates:
            return ch
    return None


def _assign(chars: str, count: int) -> list[str]:
    """The text of each of ``count`` glyphs of one cluster; the texts concatenate to ``chars`` in glyph order.

    Glyphs take the cluster's characters in source order, even where HarfBuzz put marks in canonical order (a
    tone mark typed before a lower vowel, ปุ่): the extracted text must equal what the clerk typed.
    """
    n = len(chars)
    if count == n:
        return list(chars)
    if count < n:  # a ligature: the last glyph carries the rest
        return [*chars[:count - 1], chars[count - 1:]]
    # more glyphs than characters (a decomposition the font did itself): the first glyphs carry the text
    return [*chars, *([""] * (count - n))]


def shape(font: ShapingFont, text: str) -> ShapedText:
    """Shape one line of text (no newlines) into positioned glyphs with their texts (cached per font)."""
    cached = font.shaped.get(text)
    if cached is None:
        cached = _shape(font, text)
        if len(font.shaped) > 50_000:
            font.shaped.clear()
        font.shaped[text] = cached
    return cached


def _shape(primary: ShapingFont, text: str) -> ShapedText:
    glyphs: list[Glyph] = []
    append = glyphs.append
    for start, end, script, font in _runs(text, primary):
        scale = 1000.0 / font.upem
        own = None if font is primary else font
        code_and_width = font.code_and_width
        buf = hb.Buffer()
        buf.add_str(text[start:end])
        buf.direction = "ltr"
        buf.script = script
        buf.language = "th"
        buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
        hb.shape(font.hb_font, buf, {"kern": True, "liga": True})
        infos, positions = buf.glyph_infos, buf.glyph_positions
        clusters = [info.cluster + start for info in infos]
        count = len(clusters)
        i = 0
        while i < count:
            cluster_start = clusters[i]
            j = i + 1
            while j < count and clusters[j] == cluster_start:
                j += 1
            cluster_end = clusters[j] if j < count else end
            if j == i + 1 and cluster_end == cluster_start + 1:  # one glyph for one character: most of them
                gid, pos, t = infos[i].codepoint, positions[i], text[cluster_start]
                code, width = code_and_width(gid, t)
                append(Glyph(code, cluster_start, pos.x_advance * scale, pos.x_offset * scale,
                             pos.y_offset * scale, width, t, gid, own))
                i = j
                continue
            chars = text[cluster_start:cluster_end]
            group = [[infos[k].codepoint, cluster_start, positions[k].x_advance, positions[k].x_offset,
                      positions[k].y_offset] for k in range(i, j)]
            if _AM in chars and len(group) > len(chars):
                group = _recompose_am(font, group)
            texts = _assign(chars, len(group))
            for (gid, cluster, adv, xo, yo), t in zip(group, texts, strict=True):
                if not t:
                    continue  # an extra glyph with no character of its own cannot be extracted; skip it
                code, width = code_and_width(gid, t)
                append(Glyph(code, cluster, adv * scale, xo * scale, yo * scale, width, t, gid, own))
            i = j
    return ShapedText(text, _monotone_origins(glyphs))


def _monotone_origins(glyphs: list[Glyph]) -> list[Glyph]:
    """Nudge marks by a hair so poppler reads them in order.

    poppler starts a new "word" where a glyph's origin is within 0.1 em of the previous one (its duplicate-text
    test), and the glyph after it too, then sorts words by their left edge. A tone mark placed 0.001 em right of
    the next consonant's origin (or exactly on it) is then read after that consonant, and a tone 0.001 em left of
    the upper vowel under it before that vowel. So the marks after a base glyph are kept at least ``_MARGIN``
    left of the next base and in non-decreasing order. Each move is at most ``_NUDGE_LIMIT`` (0.06 em, 0.7 pt at
    12 pt); the usual one (0.001–0.02 em) is invisible. Larger offsets are HarfBuzz's and are left alone.
    """
    out = list(glyphs)
    pens: list[float] = []
    pen = 0.0
    for g in out:
        pens.append(pen)
        pen += g.advance
    i = 0
    while i < len(out):
        if out[i].advance != 0:
            i += 1
            continue
        j = i
        while j < len(out) and out[j].advance == 0:
            j += 1
        cap = pens[j] + out[j].x_offset - _MARGIN if j < len(out) else float("inf")
        for k in range(j - 1, i - 1, -1):  # right to left: each mark at most the cap, then at most the next mark
            origin = pens[k] + out[k].x_offset
            if origin > cap and origin - cap <= _NUDGE_LIMIT:
                out[k] = out[k]._replace(x_offset=out[k].x_offset - (origin - cap))
                origin = cap
            cap = origin
        i = j
    return out


def _recompose_am(font: ShapingFont, group: list[list[int]]) -> list[list[int]]:
    """Draw precomposed ำ where HarfBuzz split it into nikhahit + sara aa."""
    am, aa = font.nominal(_AM), font.nominal(_AA)
    aa_at = next((k for k in range(len(group) - 1, -1, -1) if group[k][0] == aa), None)
    nk_at = next((k for k, g in enumerate(group) if _base_char(font, g[0], _NIKHAHIT) and g[0] != aa), None)
    if not am or aa_at is None or nk_at is None:
        return group
    out = [list(g) for g in group]
    out[aa_at][0] = am
    out[aa_at][3] = out[aa_at][4] = 0
    del out[nk_at]
    return out
