"""How a step is numbered when shown or printed: clerks often number or bullet steps themselves."""

from __future__ import annotations

import re

_OWN_MARKER = re.compile(r"^\s*([0-9๐-๙]+(?:\.[0-9๐-๙]+)*[.)]|[-•*–])")


def has_own_marker(text: str) -> bool:
    """True when the clerk started the step with her own number ("1.", "๒)", "๑.๑") or a bullet."""
    return bool(_OWN_MARKER.match(text))


def own_marker(text: str) -> str:
    """The clerk's own number or bullet at the start of ``text`` ("1.", "๒)", "-"), or ""."""
    match = _OWN_MARKER.match(text)
    return match[1] if match else ""


def numbered_step(label: str | int, text: str) -> str:
    """'label. text' (or 'label text' for labels that are already dotted, such as "๑.๑"), unless the clerk
    numbered or bulleted the step herself: then it is kept exactly as typed, never numbered twice."""
    if has_own_marker(text):
        return text
    label = str(label)
    return f"{label} {text}" if "." in label else f"{label}. {text}"
