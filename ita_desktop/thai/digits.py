"""Thai digits (๐–๙): documents print them by default, but text is always stored as typed."""

from __future__ import annotations

from typing import Literal

DigitStyle = Literal["thai", "arabic"]

_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def to_thai_digits(text: str | int) -> str:
    """Replace Arabic digits by Thai digits; everything else is kept."""
    return str(text).translate(_TO_THAI)


def to_arabic_digits(text: str | int) -> str:
    """Replace Thai digits by Arabic digits; everything else is kept."""
    return str(text).translate(_TO_ARABIC)


def digits(text: str | int, style: DigitStyle) -> str:
    """Render the digits of ``text`` in the chosen style."""
    return to_thai_digits(text) if style == "thai" else to_arabic_digits(text)
