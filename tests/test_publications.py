"""The publishing log (issue 14): migration 5, the stored-value rules, the interchange key
`years[].publications[]` (round trip exact, bad URLs refused), merging two copies' edits, the ITAS table."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ita_desktop.domain.publications import Publication, itas_table, log_rows
from ita_desktop.errors import BadFileError, ValidationError
from ita_desktop.interchange.json_reader import read_document
from ita_desktop.services.documents import import_file, load
from ita_desktop.storage.database import Database
from ita_desktop.storage.repositories import DocumentRepository
from ita_desktop.storage.row_rules import row_problems
from ita_desktop.storage.schema import MIGRATIONS, SCHEMA_VERSION, expected_objects
from ita_desktop.storage.untrusted import read_untrusted
from ita_desktop.sync.merging import merge_file
from tests.sync.helpers import copy_to, small_document
from tests.test_interchange import exported, sample, to_v2, write
from tests.test_migrations import objects, sha, v2_document

PROGRESS = {"id": "pub-6", "document": "progress", "round": 6, "item": "o43",
            "url": "https://www.example.go.th/ita/o43-2566-6.pdf", "published_on": "2023-04-05"}
PLAN = {"id": "pub-plan", "document": "plan", "round": None, "item": "", "url": "http://example.go.th/plan.pdf",
        "published_on": None}


def _v4_document(path: Path) -> Path:
    """A version-4 file with content (the v2 sample migrated by the four first migrations only)."""
    v2_document(path)
    conn = sqlite3.connect(path)
    with conn:
        MIGRATIONS[2](conn)
        MIGRATIONS[3](conn)
        conn.execute("PRAGMA user_version=4")
    conn.close()
    return path


def save(path: Path, publication: Publication, year: int = 2567) -> None:
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        year_id = repo.year_id(year)
        assert year_id is not None
        repo.save_publication(year_id, publication)


def with_log(*entries: dict[str, Any]) -> dict[str, Any]:
    data = to_v2(sample())
    data["years"][0]["publications"] = [dict(e) for e in entries]
    return data


# -- migration 5 -----------------------------------------------------------------------------------------------
def test_a_version_4_document_migrates_to_5_with_its_content_and_an_empty_log(tmp_path: Path) -> None:
    path = _v4_document(tmp_path / "v4.ita")
    before = sha(path)
    read = load(path)  # read-only: read as migrated, the file left as it is
    assert sha(path) == before and read.years[0].publications == []
    with Database.open(path) as database:
        assert database.conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)  # 5, then later ones
        assert database.conn.execute("SELECT count(*) FROM publications").fetchone() == (0,)
    assert objects(path) == expected_objects()
    assert [m.title for m in load(path).years[0].measures] == [m.title for m in read.years[0].measures]


def test_a_version_4_copy_from_a_stick_merges_into_a_migrated_document(tmp_path: Path) -> None:
    here = _v4_document(tmp_path / "here.ita")
    stick = _v4_document(tmp_path / "stick.ita")
    before = sha(stick)
    with Database.open(here) as database:
        assert not merge_file(database, stick).plan.changes_content
    assert sha(stick) == before and read_untrusted(stick).tables["publications"] == {}


# -- stored values ---------------------------------------------------------------------------------------------
def test_an_entry_is_kept_and_one_per_document_and_round(tmp_path: Path) -> None:
    path = small_document(tmp_path / "plan.ita")
    first = Publication("progress", 6, "o43", "https://a.go.th/r6.pdf", date(2024, 4, 5))
    save(path, first)
    save(path, Publication("progress", 6, "o44", "https://a.go.th/r6-new.pdf"))  # same document: same row
    (stored,) = load(path).years[0].publications
    assert (stored.id, stored.item, stored.url, stored.published_on) == (first.id, "o44", "https://a.go.th/r6-new.pdf",
                                                                         None)


@pytest.mark.parametrize(("values", "problem"), [
    ({"url": "javascript:alert(1)"}, "url"),
    ({"url": "file:///C:/plan.pdf"}, "url"),
    ({"url": "www.example.go.th/plan.pdf"}, "url"),
    ({"document": "budget"}, "document"),
    ({"round": 7}, "round"),
    ({"document": "plan", "round": 6}, "has no round"),
    ({"round": None}, "needs its round"),
    ({"published_on": "2023-02-30"}, "published_on"),
])
def test_an_entry_no_program_writes_is_named_by_the_stored_value_rules(values: dict[str, Any], problem: str) -> None:
    row = {"year_id": "y", "document": "progress", "round": 6, "item": "o43", "url": "https://a.go.th/x.pdf",
           "published_on": "2023-04-05", "deleted": 0} | values
    found = list(row_problems({"fiscal_years": {"y": {"year": 2566, "deleted": 0}}, "publications": {"p": row}}))
    assert found and problem in " ".join(found)


def test_a_copy_holding_a_non_web_link_is_refused(tmp_path: Path) -> None:
    path = small_document(tmp_path / "plan.ita")
    save(path, Publication("plan", None, "o42", "https://a.go.th/plan.pdf"))
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE publications SET url = 'javascript:alert(1)'")
    conn.close()
    with pytest.raises(BadFileError, match="url"):
        read_untrusted(path)


# -- interchange -----------------------------------------------------------------------------------------------
def test_the_log_round_trips_exactly(tmp_path: Path) -> None:
    data = with_log(PROGRESS, PLAN)
    import_file(tmp_path / "a.ita", write(tmp_path / "in.json", data))
    one = exported(tmp_path / "a.ita", tmp_path / "one.json")
    assert one["years"][0]["publications"] == [PLAN, PROGRESS]  # plan, analysis, then the rounds
    import_file(tmp_path / "b.ita", tmp_path / "one.json")
    exported(tmp_path / "b.ita", tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_the_short_form_of_the_issue_reads() -> None:
    doc, _ = read_document(with_log({"document": "progress", "round": 6, "item": "o43", "url": "https://x.go.th/a",
                                     "published_on": "2023-04-05"}))
    (entry,) = doc.years[0].publications
    assert (entry.document, entry.round, entry.item, entry.published_on) == ("progress", 6, "o43", date(2023, 4, 5))


def test_files_without_a_log_still_import(tmp_path: Path) -> None:
    import_file(tmp_path / "v1.ita", write(tmp_path / "v1.json", sample()))
    import_file(tmp_path / "v2.ita", write(tmp_path / "v2.json", to_v2(sample())))
    assert load(tmp_path / "v1.ita").years[0].publications == load(tmp_path / "v2.ita").years[0].publications == []


@pytest.mark.parametrize(("entry", "path", "problem"), [
    (PROGRESS | {"url": "ftp://x.go.th/a.pdf"}, "years[0].publications[0].url", "not a web address"),
    (PROGRESS | {"url": "javascript:alert(1)"}, "years[0].publications[0].url", "not a web address"),
    (PROGRESS | {"round": None}, "years[0].publications[0].round", "needs its round"),
    (PLAN | {"round": 6}, "years[0].publications[0].round", "has no round"),
    (PROGRESS | {"document": "budget"}, "years[0].publications[0].document", "document must be"),
    (PROGRESS | {"published_on": "5/4/2566"}, "years[0].publications[0].published_on", ""),
    (PROGRESS | {"link": "https://x"}, "years[0].publications[0].link", "unknown key"),
])
def test_a_bad_entry_is_refused_naming_its_path(entry: dict[str, Any], path: str, problem: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_document(with_log(entry))
    assert err.value.path == path and problem in err.value.problem


def test_the_log_is_a_version_2_key_and_one_entry_per_document() -> None:
    data = sample()
    data["years"][0]["publications"] = []
    with pytest.raises(ValidationError, match="is a key of ita-desktop/2"):
        read_document(data)
    with pytest.raises(ValidationError, match="already given"):
        read_document(with_log(PROGRESS, PROGRESS | {"id": "other"}))


# -- merge -----------------------------------------------------------------------------------------------------
def test_two_copies_that_edit_the_log_converge(tmp_path: Path) -> None:
    clerk = small_document(tmp_path / "clerk" / "plan.ita")
    save(clerk, Publication("progress", 6, "o43", "https://a.go.th/r6.pdf", id="r6"))
    finance = copy_to(clerk, tmp_path / "finance" / "plan.ita")
    with Database.open(finance):
        pass  # the copy notices it moved and takes its own replica id before its first change
    save(clerk, Publication("progress", 6, "o43", "https://a.go.th/r6-final.pdf", id="r6"))  # the URL here
    save(finance, Publication("progress", 6, "o43", "https://a.go.th/r6.pdf", date(2024, 4, 5), id="r6"))  # date
    save(finance, Publication("plan", None, "o42", "https://a.go.th/plan.pdf", id="plan"))  # a new entry there
    for here, there in ((clerk, finance), (finance, clerk)):
        with Database.open(here) as database:
            merge_file(database, there)
    mine, theirs = load(clerk).years[0].publications, load(finance).years[0].publications
    assert mine == theirs
    r6 = next(p for p in mine if p.id == "r6")
    assert (r6.url, r6.published_on) == ("https://a.go.th/r6-final.pdf", date(2024, 4, 5))
    assert [p.id for p in mine] == ["plan", "r6"]


# -- the log as the window and ITAS show it --------------------------------------------------------------------
def test_the_log_lists_every_expected_document_and_the_itas_table_reads_as_text() -> None:
    entries = [Publication("progress", 6, "o43", "https://a.go.th/r6.pdf", date(2023, 4, 5)),
               Publication("plan", None, "", "https://a.go.th/plan.pdf", date(2022, 10, 20))]
    keys = [key for key, _ in log_rows(entries, [6, 12])]
    assert keys == [("plan", None), ("analysis", None), ("progress", 6), ("progress", 12)]
    table = "\n".join("\t".join(r) for r in itas_table(entries, 2566))
    assert table == ("ข้อ\tเอกสาร\tURL\tวันที่เผยแพร่\n"
                     "o42\tแผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส\thttps://a.go.th/plan.pdf\t20/10/2565\n"
                     "o43\tรายงานการกำกับติดตามมาตรการ รอบ 6 เดือน\thttps://a.go.th/r6.pdf\t5/4/2566")


def test_an_imported_id_of_another_years_entry_is_refused(tmp_path: Path) -> None:
    import_file(tmp_path / "a.ita", write(tmp_path / "in.json", with_log(PROGRESS)))
    other = to_v2(sample())
    other["years"] = [{"fiscal_year": 2570, "publications": [PROGRESS]}]
    with pytest.raises(ValidationError) as err:
        import_file(tmp_path / "a.ita", write(tmp_path / "other.json", other))
    assert err.value.path == "years[0].publications[0].id" and "belongs to a publication of" in err.value.problem


def test_a_version_5_file_that_says_it_is_version_4_is_refused(tmp_path: Path) -> None:
    from tests.test_migrations import file_at_version

    path = file_at_version(tmp_path / "v5.ita", 5)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=4")
    conn.close()
    with pytest.raises(BadFileError):
        read_untrusted(path)
