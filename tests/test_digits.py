"""Thai digits (๐–๙) and Arabic digits convert both ways and leave every other character alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ita_desktop.thai.digits import digits, to_arabic_digits, to_thai_digits

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def test_each_digit() -> None:
    assert to_thai_digits("0123456789") == THAI_DIGITS
    assert to_arabic_digits(THAI_DIGITS) == "0123456789"
    assert to_thai_digits(2567) == "๒๕๖๗"
    assert digits("ข้อ 1.2 (ร้อยละ 85)", "thai") == "ข้อ ๑.๒ (ร้อยละ ๘๕)"
    assert digits("ข้อ ๑.๒", "arabic") == "ข้อ 1.2"


@given(st.text())
def test_round_trip_from_arabic(text: str) -> None:
    ascii_free = text.translate(str.maketrans("", "", THAI_DIGITS))
    assert to_arabic_digits(to_thai_digits(ascii_free)) == ascii_free


@given(st.text())
def test_round_trip_from_thai(text: str) -> None:
    no_arabic = text.translate(str.maketrans("", "", "0123456789"))
    assert to_thai_digits(to_arabic_digits(no_arabic)) == no_arabic


@given(st.text())
def test_only_digits_change(text: str) -> None:
    thai = to_thai_digits(text)
    assert len(thai) == len(text)
    for before, after in zip(text, thai, strict=True):
        assert after == before or (before in "0123456789" and after == THAI_DIGITS[int(before)])
    assert not any(c in "0123456789" for c in thai)
    assert not any(c in THAI_DIGITS for c in to_arabic_digits(text))
