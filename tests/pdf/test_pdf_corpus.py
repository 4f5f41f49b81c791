"""Real report text from the seeds, typeset into a PDF and read back by PDFium and pdfminer.six."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pythainlp.tokenize import word_tokenize

from ita_desktop.reports.document_model import Block, BulletList, Paragraph, Report
from ita_desktop.reports.pdf.fonts import load_fonts
from ita_desktop.reports.pdf.styles import ReportStyles
from ita_desktop.reports.pdf_export import render_report
from tests.pdf.readback import PUA, TONES, found, pattern, pdfium_pages, pdfminer_text
from tests.pdf.test_text_engine import MIXED, corpus, tricky


@pytest.fixture(scope="module")
def corpus_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    paragraphs = [*corpus(), " ".join(tricky()), *MIXED]
    blocks: list[Block] = [Paragraph(p) for p in paragraphs]
    blocks.append(BulletList(["รายการที่หนึ่ง", "รายการที่สอง"]))
    report = Report(title_lines=["ข้อความทดสอบจากเอกสารจริง"], blocks=blocks,
                    digits="thai", landscape=False, file_title="ทดสอบ",
                    page_label=lambda page, total: f"หน้า {page} / {total}")
    out = tmp_path_factory.mktemp("corpus") / "corpus.pdf"
    render_report(report, ReportStyles.for_fonts(load_fonts()), out)
    return out, paragraphs


@pytest.fixture(scope="module")
def texts(corpus_pdf: tuple[Path, list[str]]) -> dict[str, str]:
    pdf, _ = corpus_pdf
    label = re.compile(r"\s*หน้า \d+ / \d+\s*")  # the page label sits between a paragraph's two halves
    return {"pdfium": label.sub("\n", "\f".join(pdfium_pages(pdf))), "pdfminer": label.sub("\n", pdfminer_text(pdf))}


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_every_paragraph_reads_back_exactly(corpus_pdf: tuple[Path, list[str]], texts: dict[str, str],
                                            reader: str) -> None:
    _, paragraphs = corpus_pdf
    text = texts[reader]
    missing = [p[:40] for p in paragraphs if not found(p, text)]
    assert not missing
    assert not PUA.search(text) and "\ufffd" not in text
    assert "ํา" not in text  # ำ stays one character
    source = "".join(paragraphs) + "ข้อความทดสอบจากเอกสารจริง รายการที่หนึ่ง รายการที่สอง"
    assert text.count("ำ") == source.count("ำ")
    for tone in TONES:
        assert text.count(tone) == source.count(tone)


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_markup_and_urls_printed_literally(texts: dict[str, str], reader: str) -> None:
    text = texts[reader]
    assert found("<b>ตัวหนา</b> & <i>เอียง</i> a < b > c &amp; ครบ", text)
    assert found("https://www.lamliang.go.th/ita/o36?id=12&x=ไทย", text)
    assert found("• รายการที่หนึ่ง", text)


def test_no_line_breaks_inside_words(corpus_pdf: tuple[Path, list[str]], texts: dict[str, str]) -> None:
    """Where PDFium sees a line end inside a paragraph, pythainlp sees a word boundary (or there is a space)."""
    _, paragraphs = corpus_pdf
    text = texts["pdfium"]
    checked = 0
    for para in paragraphs[:-1]:
        match = pattern(para).search(text)
        assert match
        source = para.strip()
        bounds, pos = set(), 0
        for token in word_tokenize(source, engine="newmm", keep_whitespace=True):
            pos += len(token)
            bounds.add(pos)
        src, in_break = 0, False
        for ch in match.group(0):
            if ch in "\r\n\f":
                if not in_break and src < len(source):
                    if source[src] == " ":
                        src += 1  # the line broke at a space
                    elif source[src - 1] != " ":
                        checked += 1
                        assert src in bounds, \
                            f"{source[src - 10:src]}|{source[src:src + 10]}"
                in_break = True
                continue
            in_break = False
            assert ch == source[src]
            src += 1
    assert checked > 20  # the test really looked at breaks between Thai words


def test_every_page_is_labelled(corpus_pdf: tuple[Path, list[str]]) -> None:
    """Page labels print the total, known only at the end (two passes over the pages)."""
    pages = pdfium_pages(corpus_pdf[0])
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert f"หน้า {number} / {len(pages)}" in page
