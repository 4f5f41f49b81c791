"""Export profiles kept in the document: migration 4, the stored-value rules, merging two copies' edits."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ita_desktop.domain.profiles import COLUMN_KEYS, ExportProfile, ProfileColumn, parse_columns
from ita_desktop.errors import BadFileError
from ita_desktop.services.documents import load, save_profile
from ita_desktop.storage.database import Database
from ita_desktop.storage.row_rules import row_problems
from ita_desktop.storage.schema import SCHEMA_VERSION, expected_objects
from ita_desktop.storage.untrusted import read_untrusted
from ita_desktop.sync.merging import merge_file
from tests.sync.helpers import copy_to, small_document
from tests.test_migrations import file_at_version, objects, sha, v2_document

RESULTS = ExportProfile(document="progress", layout=5, columns=[
    ProfileColumn("measure"), ProfileColumn("outcome", "ผลรับความสำเร็จ"), ProfileColumn("result"),
    ProfileColumn("timeframe", hidden=True)], grouping="group", date_style="full", show_unreported=False)


def _v3_document(path: Path) -> Path:
    """A version-3 file with content (the v2 sample migrated by the three first migrations only)."""
    v2_document(path)
    conn = sqlite3.connect(path)
    with conn:
        from ita_desktop.storage.schema import MIGRATIONS

        MIGRATIONS[2](conn)
        conn.execute("PRAGMA user_version=3")
    conn.close()
    return path


def test_a_version_3_document_migrates_to_4_with_its_content_and_no_profiles(tmp_path: Path) -> None:
    path = _v3_document(tmp_path / "v3.ita")
    before = load(path)  # read-only: read as migrated, left as it is
    assert before.profiles == [] and [m.title for m in before.years[0].measures] == ["เผยแพร่ข้อมูล", "งบประมาณ"]
    with Database.open(path) as database:
        assert database.conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)  # 4, then later ones
        assert database.conn.execute("SELECT count(*) FROM profiles").fetchone() == (0,)
    assert objects(path) == expected_objects()
    after = load(path)
    assert after.years[0].measures[0].indicators == [9] and after.profiles == []


def test_a_version_3_copy_from_a_stick_merges_into_a_migrated_document(tmp_path: Path) -> None:
    here = _v3_document(tmp_path / "here.ita")
    stick = _v3_document(tmp_path / "stick.ita")
    before = sha(stick)
    with Database.open(here) as database:
        assert not merge_file(database, stick).plan.changes_content
    assert sha(stick) == before and read_untrusted(stick).tables["profiles"] == {}


def test_a_profile_is_kept_in_the_file_and_read_back_exactly(tmp_path: Path) -> None:
    path = small_document(tmp_path / "plan.ita")
    assert save_profile(path, RESULTS)
    assert not save_profile(path, ExportProfile(**{**RESULTS.__dict__, "id": "another"}))  # same: no change
    (stored,) = load(path).profiles
    assert stored == RESULTS
    edited = ExportProfile(document="progress", layout=5, columns=[ProfileColumn("outcome", "ผลลัพธ์")])
    assert save_profile(path, edited)
    (stored,) = load(path).profiles  # the same (document, layout) keeps its row
    assert stored.id == RESULTS.id and stored.columns == [ProfileColumn("outcome", "ผลลัพธ์")]
    assert stored.grouping is None and stored.date_style is None and stored.show_unreported is None
    raw = sqlite3.connect(path).execute("SELECT columns FROM profiles").fetchone()[0]
    assert json.loads(raw) == [{"key": "outcome", "header": "ผลลัพธ์", "hidden": False}]


def test_two_copies_that_edit_one_profile_differently_converge(tmp_path: Path) -> None:
    clerk = small_document(tmp_path / "clerk" / "plan.ita")
    save_profile(clerk, RESULTS)
    finance = copy_to(clerk, tmp_path / "finance" / "plan.ita")
    with Database.open(finance):
        pass  # the copy notices it moved and takes its own replica id before its first change
    save_profile(clerk, ExportProfile(document="progress", layout=5, columns=RESULTS.columns, grouping="tool",
                                      date_style="full", show_unreported=False))
    save_profile(finance, ExportProfile(document="progress", layout=5, columns=RESULTS.columns, grouping="group",
                                        date_style="day", show_unreported=True))
    # a profile each copy made on its own for the same (document, layout): both rows travel, one is used
    save_profile(clerk, ExportProfile(id="b-clerk", document="plan", layout=1, columns=[ProfileColumn("units")]))
    save_profile(finance, ExportProfile(id="a-finance", document="plan", layout=1,
                                        columns=[ProfileColumn("monitoring", "ติดตาม")]))
    for here, there in ((clerk, finance), (finance, clerk), (clerk, finance)):
        with Database.open(here) as database:
            merge_file(database, there)
    mine, theirs = load(clerk).profiles, load(finance).profiles
    assert mine == theirs
    results = next(p for p in mine if p.layout == 5)
    assert results.grouping in ("tool", "group")  # a conflict: kept by the larger stamp, alike on both copies
    assert results.date_style == "day" and results.show_unreported is True  # changed on one side only
    from ita_desktop.domain.profiles import saved_profile

    assert saved_profile(mine, "plan", 1) == saved_profile(theirs, "plan", 1)
    assert saved_profile(mine, "plan", 1).id == "a-finance"  # type: ignore[union-attr]


@pytest.mark.parametrize(("values", "problem"), [
    ({"document": "budget"}, "document"),
    ({"layout": 9}, "layout"),
    ({"layout": 6}, "not a layout of a progress document"),
    ({"columns": "[1]"}, "is not a column"),
    ({"columns": '[{"key": "outcome", "header": "x"}]'}, "is not a column"),
    ({"columns": '[{"key": "nope", "header": "", "hidden": false}]'}, "not a column of layout 5"),
    ({"columns": '[{"key": "outcome", "header": "", "hidden": 1}]'}, "hidden is not true or false"),
    ({"grouping": "by-tool"}, "grouping"),
    ({"date_style": "long"}, "date_style"),
    ({"show_unreported": 2}, "show_unreported"),
])
def test_a_profile_no_program_writes_is_named_by_the_stored_value_rules(values: dict[str, object],
                                                                         problem: str) -> None:
    row = {"document": "progress", "layout": 5, "columns": "[]", "grouping": None, "date_style": None,
           "show_unreported": None, "deleted": 0} | values
    found = list(row_problems({"profiles": {"p": row}}))
    assert found and problem in found[0]


def test_a_copy_holding_a_bad_profile_is_refused(tmp_path: Path) -> None:
    path = small_document(tmp_path / "plan.ita")
    save_profile(path, RESULTS)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE profiles SET date_style = 'hacked'")
    conn.close()
    with pytest.raises(BadFileError, match="date_style"):
        read_untrusted(path)


def test_a_version_4_file_that_says_it_is_version_3_is_refused(tmp_path: Path) -> None:
    path = file_at_version(tmp_path / "v4.ita", 4)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=3")
    conn.close()
    with pytest.raises(BadFileError):
        read_untrusted(path)


def test_profiles_name_only_columns_of_their_layout() -> None:
    assert parse_columns("outcome=ผลรับความสำเร็จ, steps, units=-", "progress", 5).columns == [
        ProfileColumn("outcome", "ผลรับความสำเร็จ"), ProfileColumn("steps"), ProfileColumn("units", hidden=True)]
    with pytest.raises(ValueError, match=r"not a column of layout 5.*measure, steps"):
        parse_columns("results=x", "progress", 5)
    with pytest.raises(ValueError, match="named twice"):
        parse_columns("units,units=-", "progress", 5)
    with pytest.raises(ValueError, match="every column is hidden"):
        parse_columns(",".join(f"{k}=-" for k in COLUMN_KEYS[1]), "plan", 1)
    with pytest.raises(ValueError, match="not a layout of a plan document"):
        ExportProfile(document="plan", layout=6)
