"""A cap on one text in a PDF: a text far longer than any office writes is printed cut, with a note where it was cut.

Laying out one text costs time in proportion to its length, and a table cell cannot be shortened to fit:
a 1 MB title made the export take 60 s. The window and the import refuse a text over 100,000 characters
(interchange.limits.MAX_TEXT_CHARS), but a file written by another program may hold one of a million. The
longest text in the seeds is 4,023 characters (a paragraph of an introduction); a text in a PDF is printed up
to MAX_PRINTED_CHARS (five times that; a table column of about 40 pages, laid out in about two seconds), and
beyond it the PDF says, at the place, how long the text is and that the document holds all of it. The export
summary says how many texts were cut. The note's numbers are in the report's digit style (Thai digits in a Thai-digit
report). The document itself is never changed: this works on a copy.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any, TypeVar

from ita_desktop.thai.digits import DigitStyle, digits

MAX_PRINTED_CHARS = 20_000
_WORD_BREAK_SEARCH = 200  # cut at the last space this close to the cap, so no word is cut in two
_T = TypeVar("_T")


def cut_text(text: str, style: DigitStyle = "thai") -> str:
    """``text`` if it is within the cap, else its beginning (ending between words) and a note in Thai, its
    numbers in ``style``."""
    if len(text) <= MAX_PRINTED_CHARS:
        return text
    end = MAX_PRINTED_CHARS
    space = max(text.rfind(" ", end - _WORD_BREAK_SEARCH, end), text.rfind("\n", end - _WORD_BREAK_SEARCH, end))
    if space > 0:
        end = space
    while end > 1 and unicodedata.category(text[end]) in ("Mn", "Mc"):  # never split a vowel or tone mark off
        end -= 1
    length, cap = digits(f"{len(text):,}", style), digits(f"{MAX_PRINTED_CHARS:,}", style)
    return (f"{text[:end].rstrip()} … [ข้อความนี้ยาว {length} ตัวอักษร เกินที่พิมพ์ได้ {cap} "
            "ตัวอักษร จึงพิมพ์ไว้เพียงเท่านี้ ข้อความเต็มยังอยู่ในเอกสาร]")


def printable(value: _T, style: DigitStyle = "thai") -> tuple[_T, int]:
    """A copy of a document (any dataclass tree of texts, lists and dicts) with every over-long text cut (the
    notes' numbers in ``style``, the report's digits), and how many were cut."""
    cut = 0

    def clean(item: Any) -> Any:
        nonlocal cut
        if isinstance(item, str):
            if len(item) <= MAX_PRINTED_CHARS or type(item) is not str:  # a StrEnum's value is ours, and short
                return item
            cut += 1
            return cut_text(item, style)
        if isinstance(item, list | tuple):
            values = [clean(v) for v in item]
            same = all(a is b for a, b in zip(values, item, strict=True))
            return item if same else values if isinstance(item, list) else tuple(values)
        if isinstance(item, dict):
            pairs = {k: clean(v) for k, v in item.items()}
            return item if all(pairs[k] is v for k, v in item.items()) else pairs
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            names = [f.name for f in dataclasses.fields(item) if f.init]
            changes = {n: clean(getattr(item, n)) for n in names}
            changed = {n: v for n, v in changes.items() if v is not getattr(item, n)}
            return dataclasses.replace(item, **changed) if changed else item  # nothing long: no copy made
        return item

    return clean(value), cut


def cut_note(count: int) -> str:
    """What the export summary says when texts were cut ("" when none were)."""
    if not count:
        return ""
    return (f"{count} text(s) longer than {MAX_PRINTED_CHARS:,} characters were printed cut, with a note in the PDF "
            "where each was cut; the document keeps them whole. "
            f"มีข้อความ {count} ช่องที่ยาวเกิน {MAX_PRINTED_CHARS:,} ตัวอักษร จึงพิมพ์ไว้เพียงบางส่วนพร้อมหมายเหตุ "
            "(ข้อความในเอกสารยังครบ)")
