"""Whatever a clerk types survives the Excel template unchanged (export, then import, no database needed)."""

from __future__ import annotations

import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ita_desktop.domain.model import Document, Measure, Organization, Progress, Status, Step, YearPlan
from ita_desktop.reports.xlsx_export import export_xlsx
from ita_desktop.reports.xlsx_import import import_xlsx
from ita_desktop.services.exporting import ExportOptions

ALPHABET = st.sampled_from(list("กขคงจฉชซญดตถทนบปผพฟมยรลวศสหอฮะาำิีึืุูเแโใไ่้๊๋็์ๆฯ๐๑๒๓๔๕๖๗๘๙") +
                           list("abcXYZ0123456789 .,:;/()=+-@#%&<>\"'") + ["\n", "\t"])


def typed(min_size: int = 0) -> st.SearchStrategy[str]:
    return st.text(ALPHABET, min_size=min_size, max_size=40).filter(
        lambda s: unicodedata.is_normalized("NFC", s))


def one_line(text: str) -> str:
    return text.replace("\n", " ")


@settings(max_examples=30, deadline=None)
@given(title=typed(), issue=typed(), guideline=typed(), monitoring=typed(),
       steps=st.lists(typed(1).map(one_line).filter(lambda s: s.strip()), max_size=4),
       units=st.lists(typed(1).map(lambda s: one_line(s).strip()).filter(lambda s: s and s[0] not in "-–•"),
                      max_size=3),
       result=typed(), day=st.dates(date(2023, 10, 1), date(2024, 9, 30)))
def test_typed_text_round_trips(title: str, issue: str, guideline: str, monitoring: str, steps: list[str],
                                units: list[str], result: str, day: date) -> None:
    measure = Measure(indicators=[9], title=title, issue=issue, guideline=guideline, monitoring=monitoring,
                      steps=[Step(s) for s in steps], units=units, start=day, end=date(2024, 9, 30),
                      rounds=[6, 12], progress=[Progress(round=6, status=Status.DONE, done_on=day, result=result)])
    document = Document(organization=Organization(name="อบต."), years=[YearPlan(2567, measures=[measure])])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.xlsx"
        export_xlsx(document, ExportOptions(), path)
        back, _ = import_xlsx(path, Document())
    got = back.years[0].measures[0]
    assert (got.id, got.title, got.issue, got.guideline, got.monitoring) == (
        measure.id, title, issue, guideline, monitoring)
    assert [s.text for s in got.steps] == steps
    assert (got.units, got.start, got.end, got.rounds) == (units, day, date(2024, 9, 30), [6, 12])
    p = got.progress[0]
    assert (p.id, p.round, p.step, p.status, p.done_on, p.result) == (
        measure.progress[0].id, 6, None, Status.DONE, day, result)
