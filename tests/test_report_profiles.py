"""apply_profile is pure: a Report's layout table with the office's columns renamed, reordered and hidden."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_desktop.domain.model import Document
from ita_desktop.domain.profiles import COLUMN_KEYS, PROFILE_LAYOUTS, ExportProfile, ProfileColumn
from ita_desktop.errors import UserError
from ita_desktop.reports.document_model import Column, Paragraph, Report, Table, TableSection
from ita_desktop.reports.layouts import LAYOUT_COLUMNS, LAYOUTS_BY_DOC
from ita_desktop.reports.profiles import apply_profile, column_order, layout_columns, part_options, with_profile
from ita_desktop.services.exporting import ExportOptions


def report(layout: int = 5) -> Report:
    keys = COLUMN_KEYS[layout]
    table = Table([Column(h, w) for h, w in LAYOUT_COLUMNS[layout]], [
        TableSection("๑. กลุ่ม", [[f"{k}-1" for k in keys], [f"{k}-2" for k in keys]]),
        TableSection(None, [[f"{k}-3" for k in keys]])])
    return Report(title_lines=["ชื่อ"], blocks=[Paragraph("นำ"), table], digits="thai", landscape=True,
                  file_title="ชื่อ", page_label=lambda p, n: f"{p}/{n}")


def test_every_layout_has_a_key_per_column_and_the_same_layouts_per_document() -> None:
    assert {k: tuple(v) for k, v in LAYOUTS_BY_DOC.items()} == PROFILE_LAYOUTS
    for layout, columns in LAYOUT_COLUMNS.items():
        assert len(COLUMN_KEYS[layout]) == len(columns) == len(set(COLUMN_KEYS[layout]))
    assert layout_columns(5)[5] == ("outcome", "ผลสัมฤทธิ์", 1.3)


def test_columns_are_renamed_reordered_and_hidden_with_their_cells() -> None:
    before = report()
    profile = ExportProfile(document="progress", layout=5, columns=[
        ProfileColumn("outcome", "ผลรับความสำเร็จ"), ProfileColumn("measure"), ProfileColumn("timeframe", hidden=True),
        ProfileColumn("units", hidden=True)])
    after = apply_profile(before, profile)
    (table,) = after.tables()
    assert [c.header for c in table.columns] == ["ผลรับความสำเร็จ", "มาตรการ/แนวทาง", "ขั้นตอน/วิธีการปฏิบัติ",
                                                 "สรุปผลการดำเนินงาน"]
    assert [c.weight for c in table.columns] == [1.3, 1.3, 1.7, 1.6]
    assert [s.heading for s in table.sections] == ["๑. กลุ่ม", None]
    assert table.sections[0].rows[1] == ["outcome-2", "measure-2", "steps-2", "result-2"]
    assert table.sections[1].rows == [["outcome-3", "measure-3", "steps-3", "result-3"]]
    assert after.blocks[0] == before.blocks[0] and after.title_lines == before.title_lines
    # pure: the report given is not changed
    assert [c.header for c in before.tables()[0].columns] == [h for h, _ in LAYOUT_COLUMNS[5]]
    assert before.tables()[0].sections[1].rows == [[f"{k}-3" for k in COLUMN_KEYS[5]]]


def test_no_profile_or_no_columns_leaves_the_report_as_it_is() -> None:
    before = report()
    assert apply_profile(before, None) is before
    assert apply_profile(before, ExportProfile(document="progress", layout=5, date_style="full")) is before


@given(st.permutations(COLUMN_KEYS[2]), st.lists(st.booleans(), min_size=6, max_size=6),
       st.integers(0, 6))
def test_any_profile_prints_the_listed_columns_in_order_then_the_rest(order: list[str], hidden: list[bool],
                                                                       listed: int) -> None:
    columns = [ProfileColumn(k, f"หัว {k}" if i % 2 else "", hidden[i]) for i, k in enumerate(order[:listed])]
    if all(hidden[:listed]) and listed == 6:
        with pytest.raises(ValueError, match="every column is hidden"):
            ExportProfile(document="plan", layout=2, columns=columns)
        return
    profile = ExportProfile(document="plan", layout=2, columns=columns)
    (table,) = apply_profile(report(2), profile).tables()
    expected = [c.key for c in columns if not c.hidden] + [k for k in COLUMN_KEYS[2] if k not in order[:listed]]
    assert [row[:] for row in table.sections[1].rows] == [[f"{k}-3" for k in expected]]
    assert len(table.columns) == len(expected) == len(column_order(profile))


def test_the_saved_profile_of_the_kind_and_layout_is_used_when_the_options_give_none() -> None:
    saved = ExportProfile(document="progress", layout=3, columns=[ProfileColumn("units", "หน่วยงาน")])
    other = ExportProfile(document="plan", layout=1, columns=[ProfileColumn("units", hidden=True)])
    doc = Document(profiles=[other, saved])
    assert with_profile(doc, ExportOptions(doc="progress")).profile is saved  # layout 3 is progress's default
    assert with_profile(doc, ExportOptions(doc="progress", layout=5)).profile is None
    given_ = ExportProfile(document="progress", layout=3)
    assert with_profile(doc, ExportOptions(doc="progress", profile=given_)).profile is given_
    with pytest.raises(UserError, match="layout 1"):
        with_profile(doc, ExportOptions(doc="progress", profile=other))


def test_the_profiles_settings_become_the_options_where_the_export_asks_nothing_else() -> None:
    saved = ExportProfile(document="plan", layout=1, date_style="full", show_unreported=True, grouping="none")
    options = with_profile(Document(profiles=[saved]), ExportOptions(doc="plan"))
    assert (options.date_style, options.show_unreported, options.grouping) == ("full", True, "none")
    asked = with_profile(Document(profiles=[saved]), ExportOptions(doc="plan", date_style="day"))
    assert asked.date_style == "day" and asked.grouping == "none"  # what the export asks for wins


def test_parts_share_the_files_digits_and_font() -> None:
    options = ExportOptions(doc="analysis", digits="arabic", font="x.ttf",
                            parts=(ExportOptions(doc="plan", layout=5),))
    first, second = part_options(options)
    assert (first.doc, first.parts, second.doc, second.layout) == ("analysis", (), "plan", 5)
    assert (second.digits, second.font) == ("arabic", "x.ttf")
