"""Export profiles in `ita-desktop/2` JSON: the document-level key `profiles`, round trip exact, bad input named."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ita_desktop.domain.profiles import COLUMN_KEYS, DATE_STYLES, GROUPINGS, PROFILE_LAYOUTS
from ita_desktop.errors import ValidationError
from ita_desktop.interchange.json_reader import read_document
from ita_desktop.services.documents import import_file, load
from tests.test_interchange import assert_contains, exported, sample, to_v2, write

RESULTS = {"id": "profile-results", "document": "progress", "layout": 5,
           "columns": [{"key": "measure", "header": "", "hidden": False},
                       {"key": "outcome", "header": "ผลรับความสำเร็จ", "hidden": False},
                       {"key": "timeframe", "header": "", "hidden": True}],
           "grouping": "group", "date_style": "full", "show_unreported": False}
PLAN = {"id": "profile-plan", "document": "plan", "layout": 1, "columns": [{"key": "units", "header": "หน่วยงาน",
                                                                             "hidden": False}],
        "grouping": None, "date_style": None, "show_unreported": None}


def with_profiles(*profiles: dict[str, Any]) -> dict[str, Any]:
    return to_v2(sample()) | {"profiles": [dict(p) for p in profiles]}


def test_profiles_round_trip_exactly(tmp_path: Path) -> None:
    data = with_profiles(RESULTS, PLAN)
    import_file(tmp_path / "a.ita", write(tmp_path / "in.json", data))
    assert [p.id for p in load(tmp_path / "a.ita").profiles] == ["profile-plan", "profile-results"]
    one = exported(tmp_path / "a.ita", tmp_path / "one.json")
    assert one["profiles"] == [PLAN, RESULTS]  # by document, then layout
    assert_contains(one, data | {"profiles": [PLAN, RESULTS]}, "")
    import_file(tmp_path / "b.ita", tmp_path / "one.json")
    exported(tmp_path / "b.ita", tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_short_forms_read_as_the_full_one() -> None:
    doc, _ = read_document(with_profiles({"document": "progress", "layout": 5, "columns": [{"key": "outcome"}]}))
    (profile,) = doc.profiles
    assert (profile.columns[0].header, profile.columns[0].hidden, profile.grouping) == ("", False, None)


def test_files_without_profiles_still_import(tmp_path: Path) -> None:
    import_file(tmp_path / "v1.ita", write(tmp_path / "v1.json", sample()))
    import_file(tmp_path / "v2.ita", write(tmp_path / "v2.json", to_v2(sample())))
    assert load(tmp_path / "v1.ita").profiles == load(tmp_path / "v2.ita").profiles == []
    assert exported(tmp_path / "v2.ita", tmp_path / "out.json")["profiles"] == []


def test_profiles_in_a_v1_file_are_refused() -> None:
    with pytest.raises(ValidationError) as err:
        read_document(sample() | {"profiles": []})
    assert err.value.path == "profiles" and "is a key of ita-desktop/2" in err.value.problem


BAD: dict[str, tuple[dict[str, Any], str, str]] = {
    "unknown document": ({"document": "memo"}, "profiles[0].document", "must be one of plan, progress"),
    "layout of another document": ({"layout": 6}, "profiles[0].layout", "not a layout of a progress document"),
    "layout as text": ({"layout": "5"}, "profiles[0].layout", "must be a whole number"),
    "unknown column": ({"columns": [{"key": "results"}]}, "profiles[0].columns",
                       "'results' is not a column of layout 5 (its columns: measure, steps"),
    "a column twice": ({"columns": [{"key": "steps"}, {"key": "steps", "hidden": True}]}, "profiles[0].columns",
                       "named twice"),
    "hidden as text": ({"columns": [{"key": "steps", "hidden": "yes"}]}, "profiles[0].columns[0].hidden",
                       "must be true or false"),
    "unknown column key": ({"columns": [{"key": "steps", "width": 2}]}, "profiles[0].columns[0].width",
                           "unknown key"),
    "grouping": ({"grouping": "tools"}, "profiles[0].grouping", "must be one of auto, tool, group, none"),
    "date style": ({"date_style": "long"}, "profiles[0].date_style", "must be one of short, full, thru, day"),
    "show unreported": ({"show_unreported": 1}, "profiles[0].show_unreported", "must be true, false or null"),
    "unknown key": ({"colour": "red"}, "profiles[0].colour", "unknown key"),
    "every column hidden": ({"columns": [{"key": k, "hidden": True} for k in
                                         ("measure", "steps", "units", "timeframe", "result", "outcome")]},
                            "profiles[0].columns", "every column is hidden"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_profile_is_refused_naming_the_field(case: str) -> None:
    change, path, words = BAD[case]
    with pytest.raises(ValidationError) as err:
        read_document(with_profiles(RESULTS | change))
    assert err.value.path == path and words in err.value.problem, (err.value.path, err.value.problem)


def test_one_profile_per_document_and_layout() -> None:
    with pytest.raises(ValidationError) as err:
        read_document(with_profiles(RESULTS, RESULTS | {"id": "other"}))
    assert err.value.path == "profiles[1]" and "already given at profiles[0]" in err.value.problem


@st.composite
def profiles(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for document, layout in draw(st.lists(st.sampled_from([(d, n) for d, ns in PROFILE_LAYOUTS.items() for n in ns]),
                                          unique=True, max_size=3)):
        keys = draw(st.permutations(COLUMN_KEYS[layout]))[:draw(st.integers(0, len(COLUMN_KEYS[layout])))]
        columns = [{"key": k, "header": draw(st.sampled_from(["", "ผลรับความสำเร็จ", "หน่วยงาน\nรับผิดชอบ"])),
                    "hidden": draw(st.booleans()) and i > 0} for i, k in enumerate(keys)]
        out.append({"id": f"p-{document}-{layout}", "document": document, "layout": layout, "columns": columns,
                    "grouping": draw(st.none() | st.sampled_from(GROUPINGS)),
                    "date_style": draw(st.none() | st.sampled_from(DATE_STYLES)),
                    "show_unreported": draw(st.none() | st.booleans())})
    return out


@settings(max_examples=15, deadline=None)
@given(profiles())
def test_generated_profiles_round_trip_exactly(generated: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        import_file(tmp / "a.ita", write(tmp / "in.json", with_profiles(*generated)))
        one = exported(tmp / "a.ita", tmp / "one.json")
        order = ["plan", "progress", "analysis"]
        assert one["profiles"] == sorted(generated, key=lambda p: (order.index(p["document"]), p["layout"]))
