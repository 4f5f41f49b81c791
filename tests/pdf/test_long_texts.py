"""A text far longer than any office writes (a million characters from a file another program wrote) is printed
cut in the PDF, with a note at the place and in the export summary, instead of a minute of layout; the document
keeps all of it, and a long text within the cap is printed whole."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ita_desktop.domain.model import Document
from ita_desktop.reports.pdf.long_texts import MAX_PRINTED_CHARS
from ita_desktop.services.documents import load
from ita_desktop.services.exporting import ExportOptions, export_document
from ita_desktop.thai.digits import to_thai_digits
from tests.pdf.readback import found, pdfium_pages, pdfminer_text

WORDS = "เชิญบุคลากรที่มีหน้าที่บริการสาธารณะมาประชุมเพื่อซักซ้อมความเข้าใจ "


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    from ita_desktop.samples import create_sample_document

    return load(create_sample_document(tmp_path_factory.mktemp("sample") / "sample.ita"))


def with_title(document: Document, title: str) -> Document:
    plan = document.years[0]
    measures = [dataclasses.replace(plan.measures[0], title=title), *plan.measures[1:]]
    return dataclasses.replace(document, years=[dataclasses.replace(plan, measures=measures), *document.years[1:]])


def test_a_million_character_title_is_printed_cut_with_a_note(document: Document, tmp_path: Path) -> None:
    title = "ก" * 1_000_000
    long_doc = with_title(document, title)
    out = tmp_path / "plan.pdf"
    notes = export_document(long_doc, ExportOptions(doc="plan", layout=1), out)
    assert any("printed cut" in n and "พิมพ์ไว้เพียงบางส่วน" in n for n in notes), notes
    assert long_doc.years[0].measures[0].title == title  # the document is not changed
    text = "".join(pdfium_pages(out))
    assert found("ข้อความนี้ยาว ๑,๐๐๐,๐๐๐ ตัวอักษร เกินที่พิมพ์ได้ ๒๐,๐๐๐", text)  # the report's Thai digits
    assert found("ข้อความเต็มยังอยู่ในเอกสาร", text) and "1,000,000" not in text
    plain = tmp_path / "plain.pdf"
    export_document(with_title(document, ""), ExportOptions(doc="plan", layout=1), plain)
    printed = text.count("ก") - "".join(pdfium_pages(plain)).count("ก")
    assert MAX_PRINTED_CHARS - 10 <= printed <= MAX_PRINTED_CHARS + 500  # the first 20,000 (and the note), no more


def test_words_are_cut_between_words_and_a_text_within_the_cap_prints_whole(document: Document,
                                                                            tmp_path: Path) -> None:
    within = (WORDS * 400)[:MAX_PRINTED_CHARS - 50]
    out = tmp_path / "whole.pdf"
    assert export_document(with_title(document, within), ExportOptions(doc="plan", layout=1), out) == []
    assert found(within[-300:], pdfminer_text(out)) and "ข้อความนี้ยาว" not in pdfminer_text(out)
    over = WORDS * 400  # 27,600 characters
    cut = tmp_path / "cut.pdf"
    assert export_document(with_title(document, over), ExportOptions(doc="plan", layout=1), cut)
    text = pdfminer_text(cut)
    assert found(f"ความเข้าใจ … [ข้อความนี้ยาว {to_thai_digits(f'{len(over):,}')} ตัวอักษร", text)  # a whole word


def test_the_note_of_an_arabic_digit_report_has_arabic_digits(document: Document, tmp_path: Path) -> None:
    out = tmp_path / "arabic.pdf"
    export_document(with_title(document, "ก" * 30_000), ExportOptions(doc="plan", layout=1, digits="arabic"), out)
    text = "".join(pdfium_pages(out))
    assert found("ข้อความนี้ยาว 30,000 ตัวอักษร เกินที่พิมพ์ได้ 20,000", text) and "๓๐,๐๐๐" not in text
