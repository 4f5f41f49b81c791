"""How a step is numbered when shown or printed: clerks often number or bullet steps themselves."""

from __future__ import annotations

import re
from collections.abc import Callable

# "1.", "๒)", "(๓)", "๑.๑" / "๑.๑." (a sub-number needs no closing dot), or a bullet
_OWN_MARKER = re.compile(r"^\s*([0-9๐-๙]+(?:\.[0-9๐-๙]+)+\.?(?=\s)|[0-9๐-๙]+[.)]|\([0-9๐-๙]+\)|[-•*–])")


def has_own_marker(text: str) -> bool:
    """True when the clerk started the step with her own number ("1.", "๒)", "๑.๑") or a bullet."""
    return bool(_OWN_MARKER.match(text))


def own_marker(text: str) -> str:
    """The clerk's own number or bullet at the start of ``text`` ("1.", "๒)", "-"), or ""."""
    match = _OWN_MARKER.match(text)
    return match[1] if match else ""


def restyled_marker(text: str, render: Callable[[str], str]) -> str:
    """``text`` with only the clerk's own number passed through ``render`` (a Thai-digit document prints her
    "1." as "๑."); the rest, and the stored text, stay as typed."""
    match = _OWN_MARKER.match(text)
    if not match:
        return text
    return text[:match.start(1)] + render(match[1]) + text[match.end(1):]


def numbered_step(label: str | int, text: str) -> str:
    """'label. text' (or 'label text' for labels that are already dotted, such as "๑.๑"), unless the clerk
    numbered or bulleted the step herself: then it is kept exactly as typed, never numbered twice."""
    if has_own_marker(text):
        return text
    label = str(label)
    return f"{label} {text}" if "." in label else f"{label}. {text}"


TIMEFRAME_SEPARATOR = " | "  # "จัดทำประกาศ | ภายในเดือนมกราคม ๒๕๖๖": a step and its timeframe on one line


def step_line(text: str, timeframe_text: str = "") -> str:
    """A step as one line of the steps cell: its text, then " | " and its timeframe when it has one."""
    return f"{text}{TIMEFRAME_SEPARATOR}{timeframe_text}" if timeframe_text else text


def parse_step_line(line: str) -> tuple[str, str]:
    """(text, timeframe text) of a line of the steps cell; the timeframe follows the last "|" (the text keeps
    its indent, as typed)."""
    if "|" not in line:
        return line.rstrip(), ""
    text, timeframe = line.rsplit("|", 1)
    return text.rstrip(), timeframe.strip()
