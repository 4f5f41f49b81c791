"""Thai text as a published PDF gives it back, repaired to standard Thai where the damage is known.

Word's Thai fonts (TH Sarabun PSK, Angsana …) draw raised or shifted marks with private-use glyphs, and a PDF made
from them often maps those glyphs to U+F700–U+F71A instead of the marks they are (the layout of Apple's and
Microsoft's Thai fonts: shifted tone marks, left-shifted vowels above, lowered vowels below, ฐ and ญ without their
lower part). Text extraction also returns ำ as nikhahit + sara aa (ํา), puts a tone mark before the vowel above it,
or leaves a space before a mark; LibreOffice's PDFs give ำ back as ำา and Word's bullets as Symbol-font
private-use code points (U+F0B7). The private-use glyphs are mapped back here; the order of marks and the spaces
before them are pythainlp's rules (``reorder_vowels``, ``remove_spaces_before_marks``). Only what is known to be
damage is changed, and the number of places repaired is counted, so the preview can say how much was mended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# the private-use glyph → the standard character it draws
PUA_MARKS: dict[str, str] = {
    "\uf700": "\u0e10",  # ฐ without its lower part
    "\uf701": "\u0e34", "\uf702": "\u0e35", "\uf703": "\u0e36", "\uf704": "\u0e37",  # ิ ี ึ ื shifted left
    "\uf705": "\u0e48", "\uf706": "\u0e49", "\uf707": "\u0e4a", "\uf708": "\u0e4b", "\uf709": "\u0e4c",  # low left
    "\uf70a": "\u0e48", "\uf70b": "\u0e49", "\uf70c": "\u0e4a", "\uf70d": "\u0e4b", "\uf70e": "\u0e4c",  # lowered
    "\uf70f": "\u0e0d",  # ญ without its lower part
    "\uf710": "\u0e31", "\uf711": "\u0e4d", "\uf712": "\u0e47",  # ั ํ ็ shifted left
    "\uf713": "\u0e48", "\uf714": "\u0e49", "\uf715": "\u0e4a", "\uf716": "\u0e4b", "\uf717": "\u0e4c",  # left
    "\uf718": "\u0e38", "\uf719": "\u0e39", "\uf71a": "\u0e3a",  # ุ ู ฺ lowered
}
# Word's list bullets drawn from the Symbol and Wingdings fonts: "-", as the Word reader writes a list bullet
PUA_BULLETS: dict[str, str] = dict.fromkeys(("\uf0b7", "\uf0a7", "\uf0d8", "\uf0fc", "\uf06c"), "-")
_TABLE = str.maketrans({**PUA_MARKS, **PUA_BULLETS})
# ำ given back as ำ followed by า (its two glyphs each mapped to the whole vowel): ำ once, after a tone mark
_SARA_AM_TWICE = re.compile("\u0e33([\u0e48-\u0e4b]?)\u0e32")
_SPACE_BEFORE_MARK = re.compile("(?<=[\u0e01-\u0e4e]) +(?=[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])")  # never in Thai
_THAI = range(0x0E00, 0x0E80)


@dataclass
class Repairs:
    """How many places of a PDF's text were mended (for the preview's note)."""

    places: int = 0
    private_use: int = 0  # private-use glyphs among them


def repair(text: str, repairs: Repairs | None = None) -> str:
    """``text`` with private-use Thai glyphs mapped back, ํา as ำ, marks in their standard order and no space
    before a mark; the places changed are added to ``repairs``."""
    if not any(ord(c) in _THAI or "\uf000" <= c <= "\uf8ff" for c in text):
        return text
    from pythainlp.util import remove_spaces_before_marks, reorder_vowels

    private = sum(1 for c in text if c in PUA_MARKS or c in PUA_BULLETS)
    fixed = _SPACE_BEFORE_MARK.sub("", _SARA_AM_TWICE.sub("\\1\u0e33", text.translate(_TABLE)))
    fixed = "\n".join(reorder_vowels(remove_spaces_before_marks(line)) for line in fixed.split("\n"))
    if repairs is not None and fixed != text:
        repairs.private_use += private
        same_length = text.translate(_TABLE)
        blocks = SequenceMatcher(None, same_length, fixed, autojunk=False).get_opcodes()
        repairs.places += max(private, sum(1 for op in blocks if op[0] != "equal"))
    return fixed
