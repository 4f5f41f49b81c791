"""Buddhist-era dates, fiscal years and monitoring rounds, as printed in real ITA documents."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_desktop.thai.calendar import (
    ROUNDS,
    be_year,
    ce_year,
    fiscal_year_of,
    fiscal_year_range,
    format_be_date,
    long_date,
    long_range,
    month_abbreviations,
    month_names,
    parse_be_date,
    round_range,
    short_date,
    short_month,
    short_month_range,
)

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2150, 12, 31))
fiscal_years = st.integers(min_value=2450, max_value=2690)


@given(st.integers(min_value=1, max_value=9000))
def test_be_ce_round_trip(year: int) -> None:
    assert ce_year(be_year(year)) == year
    assert be_year(year) - year == 543


@given(dates)
def test_a_date_lies_in_the_range_of_its_fiscal_year(day: date) -> None:
    first, last = fiscal_year_range(fiscal_year_of(day))
    assert first <= day <= last
    assert (first.month, first.day, last.month, last.day) == (10, 1, 9, 30)
    assert last.year == first.year + 1


@given(fiscal_years)
def test_fiscal_years_follow_each_other_without_gap(fy: int) -> None:
    _, last = fiscal_year_range(fy)
    first_next, _ = fiscal_year_range(fy + 1)
    assert first_next - last == timedelta(days=1)
    assert fiscal_year_of(last) == fy and fiscal_year_of(first_next) == fy + 1


@pytest.mark.parametrize(("months", "end"), [(3, date(2022, 12, 31)), (6, date(2023, 3, 31)),
                                             (9, date(2023, 6, 30)), (12, date(2023, 9, 30))])
def test_round_ranges_of_2566(months: int, end: date) -> None:
    assert round_range(2566, months) == (date(2022, 10, 1), end)


@given(fiscal_years, st.sampled_from(ROUNDS))
def test_round_ends_on_the_last_day_of_its_month(fy: int, months: int) -> None:
    start, end = round_range(fy, months)
    assert start == fiscal_year_range(fy)[0]
    assert (end + timedelta(days=1)).day == 1
    assert end.month == {3: 12, 6: 3, 9: 6, 12: 9}[months]
    assert fiscal_year_of(end) == fy
    if months == 12:
        assert end == fiscal_year_range(fy)[1]


@pytest.mark.parametrize("months", [0, 1, 4, 13, -3])
def test_a_round_that_does_not_exist_is_refused(months: int) -> None:
    with pytest.raises(ValueError, match="round"):
        round_range(2566, months)


def test_29_february() -> None:
    assert long_date(date(2024, 2, 29)) == "๒๙ กุมภาพันธ์ ๒๕๖๗"
    assert long_date(date(2024, 2, 29), "arabic") == "29 กุมภาพันธ์ 2567"
    assert parse_be_date("๒๙/๒/๒๕๖๗") == date(2024, 2, 29)
    assert fiscal_year_of(date(2024, 2, 29)) == 2567
    with pytest.raises(ValueError):
        parse_be_date("29/2/2566")  # 2023 is not a leap year


def test_1_october_starts_the_next_fiscal_year_and_30_september_ends_one() -> None:
    assert fiscal_year_of(date(2022, 10, 1)) == 2566
    assert fiscal_year_of(date(2022, 9, 30)) == 2565
    assert fiscal_year_of(date(2023, 9, 30)) == 2566
    assert fiscal_year_range(2566) == (date(2022, 10, 1), date(2023, 9, 30))


def test_dates_as_offices_write_them() -> None:
    assert long_date(date(2022, 12, 1)) == "๑ ธันวาคม ๒๕๖๕"
    assert short_month_range(date(2022, 11, 1), date(2023, 3, 31)) == "พ.ย. ๖๕ – มี.ค. ๖๖"
    assert long_range(date(2022, 10, 1), date(2023, 3, 31)) == "๑ ตุลาคม ๒๕๖๕ – ๓๑ มีนาคม ๒๕๖๖"
    assert long_range(*round_range(2566, 6)) == "๑ ตุลาคม ๒๕๖๕ – ๓๑ มีนาคม ๒๕๖๖"
    assert short_date(date(2022, 12, 1)) == "๑ ธ.ค. ๖๕"
    assert short_month(date(2000, 1, 5)) == "ม.ค. ๔๓"
    assert short_month(date(2057, 1, 5), "arabic") == "ม.ค. 00"  # BE 2600: two digits kept
    assert short_month_range(date(2023, 3, 1), date(2023, 3, 31)) == "มี.ค. ๖๖"


def test_month_names_are_babels_thai() -> None:
    from babel.dates import get_month_names

    assert month_names() == {int(k): str(v) for k, v in get_month_names("wide", locale="th").items()}
    assert month_abbreviations() == {int(k): str(v) for k, v in get_month_names("abbreviated", locale="th").items()}
    assert month_names()[1] == "มกราคม" and month_names()[12] == "ธันวาคม"
    assert list(month_abbreviations().values()) == ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.",
                                                    "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31)), st.sampled_from(["thai", "arabic"]))
def test_parse_and_format_be_date_round_trip(day: date, style: str) -> None:
    text = format_be_date(day, style)  # type: ignore[arg-type]
    assert parse_be_date(text) == day
    assert parse_be_date(f"  {text}  ") == day
    assert parse_be_date(text.replace("/", "-")) == day


@given(dates)
def test_long_date_shows_no_arabic_digits_by_default(day: date) -> None:
    text = long_date(day)
    assert not any(c.isascii() and c.isdigit() for c in text)
    assert text.split()[1] == month_names()[day.month]


@pytest.mark.parametrize("text", ["", "1/2", "a/b/c", "1/2/2023", "32/1/2566", "1/13/2566", "๑/๑/๖๖"])
def test_parse_be_date_refuses_what_is_not_a_be_date(text: str) -> None:
    with pytest.raises(ValueError):
        parse_be_date(text)
