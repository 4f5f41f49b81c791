"""Text for the XML inside .docx and .xlsx files: the characters XML 1.0 cannot hold are replaced.

Pasted text carries control characters (NUL, a Word line break U+000B, a form feed, ESC) and the non-characters
U+FFFE/U+FFFF; XML has no way to write them, so python-docx refuses them and a workbook holding them will not open
in Excel. The export writes a copy of the document with each one replaced (a vertical tab or form feed by a line
break, anything else by U+FFFD "�", so the place stays visible), and says how many; the document itself keeps
what was typed.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n"}
_T = TypeVar("_T")


def xml_text(text: str) -> tuple[str, int]:
    """``text`` with every character XML cannot hold replaced, and how many were."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return _LINE_BREAKS.get(match.group(0), "\ufffd")

    return NOT_XML.sub(replace, text), count


def xml_safe(value: _T) -> tuple[_T, int]:
    """A copy of a document (any dataclass tree of texts, lists and dicts) fit for XML, and the replacements."""
    total = 0

    def clean(item: Any) -> Any:
        nonlocal total
        if isinstance(item, str):
            if not NOT_XML.search(item):
                return item
            text, count = xml_text(item)
            total += count
            return text if type(item) is str else item  # a StrEnum's value is ours, never pasted
        if isinstance(item, list):
            return [clean(v) for v in item]
        if isinstance(item, tuple):
            return tuple(clean(v) for v in item)
        if isinstance(item, dict):
            return {clean(k): clean(v) for k, v in item.items()}
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            changes = {f.name: clean(getattr(item, f.name)) for f in dataclasses.fields(item) if f.init}
            return dataclasses.replace(item, **changes)
        return item

    return clean(value), total


def replaced_note(count: int) -> str:
    """What the export summary says when characters were replaced ("" when none were)."""
    if not count:
        return ""
    return (f"{count} character(s) that Word/Excel files cannot hold (control characters from pasted text) were "
            "replaced in the exported file; the document keeps what was typed. "
            f"มีอักขระควบคุม {count} ตัวที่ไฟล์ Word/Excel เก็บไม่ได้ จึงแทนที่ในไฟล์ที่ส่งออก (ข้อมูลในเอกสารไม่เปลี่ยน)")
