"""A tiny font that draws the digits 0-9 as Thai digits, for the page numbers of the Word export.

LibreOffice has no way to read a Thai-digit page number from a DOCX (docs/docx-page-numbers.md): it shows
``PAGE \\* ThaiArabic`` as Thai letters and everything else as 1, 2, 3. What it does honour is the font of the
field's runs, and an embedded font. So the footer's PAGE and NUMPAGES runs use "ITA Page Digits", made here from
the bundled Sarabun: only its Thai digit glyphs (๐-๙) and its space, reachable both from the Thai digits
(U+0E50-U+0E59, which Word's ``\\* ThaiArabic`` writes) and from the ASCII digits (LibreOffice's 1 / 5), so both
applications draw ๑ / ๕ in Sarabun's own shapes.

Sarabun is under the SIL Open Font License 1.1 with no Reserved Font Name, so a modified version may be made and
shipped under a new name, under the same licence (kept in the font's name table; resources/fonts/README.md).
The font is derived at export time (≈ 40 ms, and ≈ 0.1 s to import fontTools, once per process: see
bench/office_exports.py) rather than committed, so no new file is bundled.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

FAMILY = "ITA Page Digits"
POSTSCRIPT = "ITAPageDigits-Regular"
THAI_ZERO = 0x0E50
ASCII_ZERO = 0x30
DESCRIPTION = ("Sarabun's Thai digits (U+0E50-U+0E59), also at the code points of the digits 0-9, and its space: "
               "for page numbers in Thai digits. Made by ITA Desktop from Sarabun; a Modified Version under the "
               "SIL Open Font License 1.1.")


@functools.lru_cache(maxsize=2)
def page_digits_font(source: Path) -> bytes:
    """The TrueType file of "ITA Page Digits" made from ``source`` (Sarabun-Regular.ttf); the same bytes each time."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = []  # no shaping is needed for ten digits; GSUB/GPOS go
    options.name_IDs = ["*"]  # keep the copyright and the licence (OFL: the licence travels with the font)
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]  # a signature of Sarabun would not be Sarabun's any more
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[0x20, *range(THAI_ZERO, THAI_ZERO + 10)])
    subsetter.subset(font)
    for table in font["cmap"].tables:
        if table.isUnicode():
            for n in range(10):
                table.cmap[ASCII_ZERO + n] = table.cmap[THAI_ZERO + n]
    os2 = font["OS/2"]
    os2.updateFirstAndLastCharIndex(font)
    # The subsetter recomputes the code pages from what is left, and ten digits do not make cp874; but these are
    # Thai characters, and Windows applications look at this bit when they choose a font for Thai text.
    os2.ulCodePageRange1 |= 1 << 16  # Thai (cp874)
    _rename(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _rename(font: object) -> None:
    """A new family name (the OFL asks a Modified Version not to pass as the original), the rest of the name kept."""
    names = font["name"]  # type: ignore[index]
    version = names.getDebugName(5) or "Version 1.000"
    for name_id, text in ((1, FAMILY), (2, "Regular"), (3, f"{version};ITA Desktop;{POSTSCRIPT}"),
                          (4, f"{FAMILY} Regular"), (6, POSTSCRIPT), (10, DESCRIPTION)):
        names.removeNames(nameID=name_id)
        names.setName(text, name_id, 3, 1, 0x409)  # Windows, Unicode, English: the records Sarabun has left
    for name_id in (16, 17, 21, 22):  # typographic family names, if any, would still say Sarabun
        names.removeNames(nameID=name_id)
