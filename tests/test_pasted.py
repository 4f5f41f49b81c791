"""Headings of published tables and their timeframes, as domain.pasted reads them (no Qt)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_desktop.domain.pasted import MEASURE, PERIOD, heading_field, heading_fields, parse_period, paste_layout
from ita_desktop.reports.layouts import LAYOUT_COLUMNS

SEEDS = Path("/work/shared/seeds")


def test_every_heading_of_the_report_layouts_is_known() -> None:
    for layout, columns in LAYOUT_COLUMNS.items():
        fields = heading_fields([h for h, _ in columns])
        assert fields is not None and None not in fields, (layout, fields)


@pytest.mark.parametrize(("row", "fields"), [
    # seed 004's own header row, which became a measure and pushed every column one place off
    (["ประเด็นที่ต้องปรับปรุงแก้ไข/ ประเด็นที่ต้องพัฒนา", "ผู้รับผิดชอบ", "ขั้นตอนหรือวิธีการ/มาตรการ",
      "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ"], ["issue", "units", MEASURE, "monitoring"]),
    (["ตัวชี้วัด การประเมิน", "ประเด็นการประเมินที่ ต้องยกระดับ", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผลการดำเนินการ",
      "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"], ["indicators", "issue", "steps", "result", "units", PERIOD]),
    (["ตัวชี้วัดการประเมิน", "ประเด็นการประเมินที่ตรงระดับ", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผลการดำเนินการ",
      "ผู้รับผิดชอบ", "ระยะเวลา ดำเนินการ"], ["indicators", "issue", "steps", "result", "units", PERIOD]),
    (["ประเด็นที่ต้องพัฒนาตามตัวชี้วัด", "มาตรการ / ขั้นตอน / วิธีปฏิบัติ", "การดำเนินการ/รายงาน", "ผู้รับผิดชอบ",
      "ระยะเวลา ดำเนินการ"], ["issue", MEASURE, "result", "units", PERIOD]),
    (["ลำดับ", "มาตรการ", "แนวทางการปฏิบัติ", "ขั้นตอน/วิธีการปฏิบัติ", "ผู้รับผิดชอบ", "การกำกับติดตาม"],
     ["row", "title", "guideline", "steps", "units", "monitoring"]),
])
def test_headings_of_the_seeds_with_spacing_and_slash_variants(row: list[str], fields: list[str]) -> None:
    assert heading_fields(row) == fields


def test_the_seed_files_header_rows_are_all_read_as_headings() -> None:
    if not SEEDS.is_dir():
        pytest.skip("the seed documents are not on this machine")
    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in (line.strip("|").split("|") if line.startswith("|") else line.split("\t"))]
            if len(cells) >= 4 and all(len(c) < 60 for c in cells) and any(c.startswith("ผู้รับผิดชอบ") for c in cells):
                rows.append(cells)
    assert len(rows) >= 5
    for cells in rows:
        assert heading_fields(cells) is not None, cells


def test_a_row_of_data_is_not_a_heading_row() -> None:
    assert heading_fields(["มาตรการป้องกันการทุจริต", "แนวทางการทำงานใหม่"]) is None
    assert heading_fields(["มาตรการ", "มาตรการ"]) is None  # a field twice
    assert heading_field("มาตรการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงานและสื่อสังคมออนไลน์ทุกช่องทาง") is None


def test_repeated_heading_rows_of_tables_pasted_together_are_left_out() -> None:
    heading = ["มาตรการ", "แนวทางการปฏิบัติ", "ผู้รับผิดชอบ"]
    layout = paste_layout([heading, ["ก", "ข", "ค"], heading, ["ง", "จ", "ฉ"]])
    assert layout.fields == ["title", "guideline", "units"]
    assert layout.rows == [["ก", "ข", "ค"], ["ง", "จ", "ฉ"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("ต.ค. ๒๕๖๕ - มี.ค. ๒๕๖๖", (date(2022, 10, 1), date(2023, 3, 31))),
    ("๑ ต.ค. ๖๕ – ๓๐ ก.ย. ๖๖", (date(2022, 10, 1), date(2023, 9, 30))),
    ("ตุลาคม ๒๕๖๕ ถึง กันยายน ๒๕๖๖", (date(2022, 10, 1), date(2023, 9, 30))),
    ("เดือนตุลาคม 2565 - เดือนกันยายน 2566", (date(2022, 10, 1), date(2023, 9, 30))),
    ("1/10/2565 - 30/9/2566", (date(2022, 10, 1), date(2023, 9, 30))),
    ("มกราคม ๒๕๖๖", (date(2023, 1, 1), date(2023, 1, 31))),
    ("ตลอดปีงบประมาณ", None),
    ("ภายในเดือนมกราคม ๒๕๖๗", None),
    ("มี.ค. ๒๕๖๖ - ต.ค. ๒๕๖๕", None),  # backwards: kept as written, not turned into an error
])
def test_timeframes_read_as_dates_when_they_parse(text: str, expected: tuple[date, date] | None) -> None:
    assert parse_period(text) == expected


@given(st.text(max_size=40))
def test_any_text_is_read_or_left_alone(text: str) -> None:
    found = parse_period(text)
    assert found is None or found[0] <= found[1]
    heading_field(text)


def test_a_block_of_measures_is_told_from_a_cell_or_two() -> None:
    from ita_desktop.domain.pasted import is_block

    assert not is_block([["มาตรการ ก"]]) and not is_block([["1/10/2566", "30/9/2567"]])
    assert is_block([["ก", "ข", "ค"]]) and is_block([["ก"], ["ข"]])
    assert is_block([["มาตรการ", "ผู้รับผิดชอบ"], ["ก", "กองคลัง"]])
