"""Read generated PDFs back the way users' viewers do: PDFium (Chrome) and pdfminer.six, text and positions."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LAParams, LTTextBox

PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd]")
TONES = "่้๊๋"


def pdfium_pages(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def pdfminer_text(pdf: Path) -> str:
    return str(extract_text(str(pdf)))


def pattern(source: str) -> re.Pattern[str]:
    """``source`` exactly, except that a line break may stand for a space or sit between any two characters.

    Nothing else may differ: an extra space between Thai characters, a lost or swapped mark, fails.
    """
    brk = r"[\r\n\f]*"
    parts = []
    for ch in source.strip():
        parts.append(r"(?: |[\r\n\f]+)" if ch == " " else re.escape(ch) + brk)
    return re.compile("".join(parts))


def found(source: str, text: str) -> bool:
    return pattern(source).search(text) is not None


@dataclass(frozen=True)
class Box:
    page: int
    x0: float
    x1: float
    top: float
    text: str


def pdfminer_boxes(pdf: Path) -> list[Box]:
    """pdfminer's text boxes (its own grouping of lines into blocks), with positions."""
    boxes = []
    for number, page in enumerate(extract_pages(str(pdf), laparams=LAParams())):
        for item in page:
            if isinstance(item, LTTextBox):
                boxes.append(Box(number, item.x0, item.x1, item.y1, item.get_text()))
    return boxes


def pdfium_columns(pdf: Path, edges: list[float], bottom: float = 0.0) -> list[list[str]]:
    """Per page, the text PDFium finds inside each column (x between consecutive ``edges``, above ``bottom``)."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            height = page.get_height()
            tp = page.get_textpage()
            pages.append([tp.get_text_bounded(left=a + 0.5, bottom=bottom, right=b - 0.5, top=height)
                          for a, b in itertools.pairwise(edges)])
        return pages
    finally:
        doc.close()


def pdfminer_columns(pdf: Path, edges: list[float], bottom: float = 0.0) -> list[list[str]]:
    """Per page, pdfminer's boxes whose left edge lies in each column (above ``bottom``), top to bottom, joined."""
    boxes = pdfminer_boxes(pdf)
    pages = max((b.page for b in boxes), default=-1) + 1
    out: list[list[str]] = [["" for _ in edges[1:]] for _ in range(pages)]
    for box in sorted(boxes, key=lambda b: (b.page, -b.top)):
        if box.top < bottom:
            continue
        for c, (a, b) in enumerate(itertools.pairwise(edges)):
            if a - 1 <= box.x0 < b - 1:
                out[box.page][c] += box.text
                break
    return out


def line_starts(pdf: Path, page: int = 0) -> list[tuple[str, float]]:
    """(text of the line, x of its first character) for each line PDFium finds on a page."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        tp = doc[page].get_textpage()
        lines: list[tuple[str, float]] = []
        current, x0, last_bottom = "", 0.0, None
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if ch in "\r\n":
                continue
            left, bottom, _, _top = tp.get_charbox(i, loose=True)
            if last_bottom is None or abs(bottom - last_bottom) > 3:
                if current:
                    lines.append((current, x0))
                current, x0 = "", left
            last_bottom = bottom
            current += ch
        if current:
            lines.append((current, x0))
        return lines
    finally:
        doc.close()
