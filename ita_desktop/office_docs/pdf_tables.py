"""A published PDF's text layer as the blocks the Word reader takes: paragraphs and tables, in page order.

Offices publish their plans and reports as PDFs (made by Word, by LibreOffice, or by this program). pdfplumber
finds the ruled tables (their cells from the drawn lines, merged cells included) and the words outside them; the
text of each cell or paragraph comes back as lines, and a line is joined to the one before when it is that line's
wrap (the line before had no room left for the first word of this one) and kept apart when the writer broke it
(a shorter line, a list marker, an indent). Then the same reader as for Word applies: headings, merged cells
(a cell spanning rows repeats its text in each, as Word's vertical merge does), a row across the table is a
heading row, a row marked "(ต่อ)" (this program's PDF cut it at a page break) continues the row above, and page
numbers ("หน้า ๑ / ๔") are left out. The Thai text is repaired (thai_repair) and the repairs counted.

A page with no ruled table may hold one laid out by its text alone (no lines, space between the rows):
pdfplumber's text strategy finds its columns, and it counts only from a row of known headings. That is reliable
when rows are set apart by space and columns by a clear gutter (tests/office/test_pdf_unruled.py); Word's
borderless table as LibreOffice prints it (no space between rows, columns the text strategy cuts through Thai
words) is not, and is refused with a message saying to import the Word file instead, never half-read.

A PDF without text (a scan), a damaged or password-protected one, or one over the limits is refused with one
message; nothing is read from it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ita_desktop.errors import UserError
from ita_desktop.interchange.limits import MAX_DOCX_BYTES, regular_size
from ita_desktop.office_docs.cells import MARKER
from ita_desktop.office_docs.docx_tables import Block, Para, Row, WordTable
from ita_desktop.office_docs.headings import header_keys, heading_key
from ita_desktop.office_docs.thai_repair import Repairs, repair
from ita_desktop.reports.row_cuts import CONTINUED as ROW_CONTINUED

MAX_PDF_BYTES = MAX_DOCX_BYTES  # a published plan or report is a few hundred KB
MAX_PDF_PAGES = 500  # the seeds' reports have 4 to 12 pages
CONTINUED = ROW_CONTINUED.strip()  # our export's label on the rest of a row cut by a page
_PAGE_NUMBER = re.compile(r"^\s*(?:หน้า|page)?\s*[-–]?\s*[0-9๐-๙]+\s*(?:(?:/|จาก|of)\s*[0-9๐-๙]+)?\s*[-–]?\s*$",
                          re.IGNORECASE)
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")  # Thai, not its digits: no space between words
_DATED = re.compile(r"(?<=\S)\s*(?=ดำเนินการ(?:แล้ว)?เมื่อ\s*(?:วันที่)?\s*[0-9๐-๙])")
_ENTRY = re.compile(r"^\s*(?:ดำเนินการ(?:แล้ว)?เมื่อ|หลักฐาน\s*:)")  # starts a dated entry or its evidence


@dataclass
class PdfText:
    """What a PDF holds for the reader, and how much of its Thai was mended."""

    blocks: list[Block] = field(default_factory=list)
    pages: int = 0
    repairs: Repairs = field(default_factory=Repairs)
    ruled: int = 0  # tables found by their drawn lines (the others by their text and headings alone)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bold: bool


def _lines(page: Any, bbox: tuple[float, float, float, float] | None, outside: list[Any],
           repairs: Repairs) -> list[_Line]:
    """The text lines (repaired) whose characters' middles lie in ``bbox`` (the page when None) and in none of
    ``outside``."""
    def keep(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        if bbox is not None and not (bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]):
            return False
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in outside)

    out = []
    # in the order the PDF draws them: sorted by position, a mark drawn over a consonant can land after the next one
    for line in page.filter(keep).extract_text_lines(return_chars=True, strip=True, use_text_flow=True):
        chars = [c for c in line["chars"] if c["text"].strip()]
        bold = bool(chars) and all("bold" in str(c.get("fontname", "")).lower() for c in chars)
        out.append(_Line(repair(line["text"], repairs), line["x0"], line["x1"], line["top"], bold))
    return out


def _first_word_width(line: _Line) -> float:
    """About how wide the first word of a line is (Thai words by the dictionary; others up to a space)."""
    text = line.text
    if _THAI.match(text):
        from ita_desktop.thai.segment import words

        first = next((w for w in words(text) if w.strip()), text)
    else:
        first = text.split(" ", 1)[0]
    return (line.x1 - line.x0) * len(first) / max(len(text), 1)


def _joined(lines: list[_Line], right: float) -> list[str]:
    """The lines as the writer broke them: a wrapped line goes on the line before it (not a line after a wider gap,
    one starting with a list marker or a done-on date, or one whose first word would have fitted before)."""
    out: list[str] = []
    before: _Line | None = None
    pitches = [b.top - a.top for a, b in itertools.pairwise(lines) if b.top > a.top]
    pitch = min(pitches, default=0.0)
    for line in lines:
        wrapped = (before is not None and not MARKER.match(line.text) and not _ENTRY.match(line.text)
                   and line.top - before.top < 1.25 * pitch + 0.5  # more space between paragraphs than lines
                   and before.x1 + _first_word_width(line) > right - 2)
        if wrapped and out:
            glue = "" if _THAI_LETTER.match(out[-1][-1:]) and _THAI_LETTER.match(line.text) else " "
            out[-1] += glue + line.text
        else:
            out.append(line.text)
        before = line
    # a dated entry starts a line even where the lines of a narrow cell gave no sign of the writer's break
    parts: list[str] = []
    for text in out:
        for part in _DATED.split(text):
            if parts and parts[-1] is not None and MARKER.fullmatch(parts[-1].strip() + " ") and part.strip():
                parts[-1] = f"{parts[-1].strip()} {part.strip()}"  # "๑." then its entry: one line
            elif part.strip():
                parts.append(part.strip())
    return parts


def _cell_lines(page: Any, bbox: tuple[float, float, float, float], repairs: Repairs,
                right: float | None = None) -> list[str]:
    """A cell's text as the writer broke it; ``right``: where its text ends (by default as much padding on the
    right of the cell as on the left)."""
    lines = _lines(page, bbox, [], repairs)
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    return _joined(lines, bbox[2] - (left - bbox[0]) if right is None else right)


def _table(page: Any, found: Any, repairs: Repairs) -> WordTable:
    rows = found.rows
    columns = max((len(r.cells) for r in rows), default=0)
    table = WordTable(columns)
    lefts = [min((r.cells[j][0] for r in rows if j < len(r.cells) and r.cells[j] is not None), default=0.0)
             for j in range(columns)]  # where each grid column starts
    above: dict[int, tuple[Any, list[str]]] = {}  # column → the last cell that started there, and its lines
    for r in rows:
        row = Row([[] for _ in range(columns)])
        cells = list(r.cells) + [None] * (columns - len(r.cells))
        for j, cell in enumerate(cells):
            if cell is not None:
                lines = _cell_lines(page, cell, repairs)
                row.cells[j] = lines
                above[j] = (cell, lines)
                continue
            across = any(c is not None and c[0] < lefts[j] < c[2] - 1 for c in cells[:j])
            down = j in above and above[j][0][3] > r.bbox[1] + 1
            if down and not across:
                row.cells[j] = above[j][1]  # a cell merged down from the row above: its text in each of its rows
        starts = [c for c in cells if c is not None]
        row.spans_all = columns > 1 and len(starts) == 1 and starts[0][0] <= found.bbox[0] + 1 and \
            starts[0][2] >= found.bbox[2] - 1
        first = next((c for c in row.cells if c), None)
        if first and first[-1].endswith(CONTINUED):
            row.continued = True
            row.cells[row.cells.index(first)] = []  # the label repeated with "(ต่อ)": the row above goes on
        table.rows.append(row)
    return table


TEXT_STRATEGY = {"vertical_strategy": "text", "horizontal_strategy": "text"}
ROW_GAP = 1.35  # a gap this many times the line pitch separates two rows of a table drawn without lines


def _rows_of(page: Any, columns: list[tuple[float, float, float, float]], spans: list[tuple[float, float]],
             rights: list[float | None], repairs: Repairs) -> list[Row]:
    """The rows between each (top, bottom) of ``spans``, a cell per column (its text ending at ``rights``)."""
    return [Row([_cell_lines(page, (c[0], top, c[2], bottom), repairs, right)
                 for c, right in zip(columns, rights, strict=True)]) for top, bottom in spans]


def _unruled_tables(page: Any, repairs: Repairs) -> list[tuple[tuple[float, float, float, float], WordTable]]:
    """Tables drawn without lines, on a page where pdfplumber finds no ruled one: its text strategy gives where
    the text of several lines starts, rows are told apart by the extra space between them, and a table counts only
    from a row of headings headings.header_keys knows. That row also says which of those starts are columns: one
    without a heading (words that happen to line up in the middle of a cell) is part of the column on its left.
    So a page of paragraphs, or columns cut through words, is never read as a table. Returns (where, table)."""
    out = []
    for found in page.find_tables(TEXT_STRATEGY):
        columns = [c.bbox for c in found.columns]
        columns[-1] = (columns[-1][0], columns[-1][1], page.bbox[2], columns[-1][3])  # up to the page's edge
        tops = sorted({round(line.top, 1) for line in _lines(page, found.bbox, [], repairs)})
        pitch = min((b - a for a, b in itertools.pairwise(tops) if b - a > 1), default=0.0)
        starts = [t for i, t in enumerate(tops) if i == 0 or t - tops[i - 1] > ROW_GAP * pitch]
        bounds = [(a - 1, b - 1) for a, b in itertools.pairwise([*starts, found.bbox[3] + 1])]
        rows = _rows_of(page, columns, bounds, [None] * len(columns), repairs)
        header = next((i for i, r in enumerate(rows) if header_keys(r.cells) is not None
                       and all(heading_key(" ".join(c)) for c in r.cells if c)), None)
        if header is None:
            continue
        headed = [c for c, cell in zip(columns, rows[header].cells, strict=True) if cell]
        lefts = [columns[0][0]] + [c[0] for c in headed[1:]]
        columns = [(x0, c[1], x1, c[3]) for x0, x1, c in zip(lefts, [*lefts[1:], page.bbox[2]], headed, strict=True)]
        top, bottom = bounds[header][0], found.bbox[3]
        ends = [max((line.x1 for line in _lines(page, (c[0], top, c[2], bottom), [], repairs)), default=c[0])
                for c in columns]
        # where a column's text ends: the next one's start less the space between columns, which the fullest
        # column shows (its longest line runs nearly to its edge); the last column ends with its longest line
        gutter = max(min((b[0] - end for b, end in zip(columns[1:], ends, strict=False)), default=0.0), 0.0)
        table = WordTable(len(columns))
        table.rows = _rows_of(page, columns, bounds[header:], [b[0] - gutter for b in columns[1:]] + [ends[-1]],
                              repairs)
        if header_keys(table.rows[0].cells) is None:
            continue
        out.append(((found.bbox[0], top, page.bbox[2], bottom), table))
    return out


def _paragraphs(lines: list[_Line], page_width: float, margin: float) -> list[tuple[float, Para]]:
    """Lines outside the tables as paragraphs (top, paragraph): centred lines each on their own, the others
    joined where they wrap; page numbers left out."""
    lines = [line for line in lines if not _PAGE_NUMBER.match(line.text)]
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    out: list[tuple[float, Para]] = []
    group: list[_Line] = []

    def flush() -> None:
        if group:
            text = "\n".join(_joined(group, right))
            out.append((group[0].top, Para(text, bold=all(g.bold for g in group))))
            group.clear()

    for line in lines:
        middle = (line.x0 + line.x1) / 2
        centered = abs(middle - page_width / 2) < 12 and line.x0 > margin + 20
        if centered:
            flush()
            out.append((line.top, Para(line.text, bold=line.bold, centered=True)))
            continue
        if group and (line.x0 > left + 3 or group[-1].bold != line.bold or
                      group[-1].x1 + _first_word_width(line) <= right - 2):
            flush()  # an indented line, a change of weight or a short line before: a new paragraph
        group.append(line)
    flush()
    return out


def read_pdf(path: Path) -> PdfText:
    """The paragraphs and tables of a PDF with a text layer; UserError for one that has none or cannot be read."""
    if path.suffix.lower() != ".pdf":
        raise UserError(f"{path.name} is not a PDF file. ไฟล์นี้ไม่ใช่ไฟล์ PDF")
    regular_size(path, MAX_PDF_BYTES, "a PDF")
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    out = PdfText()
    try:
        with pdfplumber.open(str(path)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise UserError(f"{path.name} has {len(pdf.pages):,} pages, more than the limit of {MAX_PDF_PAGES}; "
                                "nothing was imported. ไฟล์ PDF มีจำนวนหน้ามากเกินไป")
            out.pages = len(pdf.pages)
            for page in pdf.pages:
                placed: list[tuple[float, Block]] = []
                tables = page.find_tables()
                out.ruled += len(tables)
                for found in tables:
                    placed.append((found.bbox[1], _table(page, found, out.repairs)))
                boxes = [t.bbox for t in tables]
                if not tables:  # no lines drawn: perhaps a table laid out by its text alone
                    unruled = _unruled_tables(page, out.repairs)
                    placed += [(box[1], table) for box, table in unruled]
                    boxes += [box for box, _ in unruled]
                margin = min((c["x0"] for c in page.chars), default=0.0)
                placed += _paragraphs(_lines(page, None, boxes, out.repairs), page.width, margin)
                out.blocks += [block for _, block in sorted(placed, key=lambda p: p[0])]
    except UserError:
        raise
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
            raise UserError(f"{path.name} is protected by a password; open it in the program that made it and save "
                            "a copy without one. ไฟล์ PDF มีรหัสผ่าน นำเข้าไม่ได้") from None
        raise UserError(f"{path.name} is not a PDF or a damaged one ({type(cause).__name__}); nothing was "
                        "imported. ไฟล์ PDF เสียหายหรือไม่ใช่ไฟล์ PDF") from None
    except (PSException, PDFSyntaxError, ValueError, KeyError, TypeError, IndexError, AttributeError, OSError,
            RecursionError) as exc:  # what pdfminer raises on a damaged file
        raise UserError(f"{path.name} is not a PDF or a damaged one ({type(exc).__name__}); nothing was imported. "
                        "ไฟล์ PDF เสียหายหรือไม่ใช่ไฟล์ PDF") from None
    if not any(isinstance(b, WordTable) or b.text.strip() for b in out.blocks):
        raise UserError(f"{path.name} has no text layer (a scanned PDF?): its text cannot be read. Import the Word "
                        "file it was made from instead. ไฟล์ PDF นี้ไม่มีข้อความ (อาจเป็นภาพสแกน) "
                        "ให้นำเข้าจากไฟล์ Word ต้นฉบับแทน")
    return out
