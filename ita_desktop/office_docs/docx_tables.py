"""A Word file's body as the reader needs it: paragraphs and tables in order, each cell a list of lines.

What Word users do to cells is undone here, so the rules that follow see plain text:
- several paragraphs in a cell, and line breaks (``w:br``) inside one, are lines;
- Word's automatic numbering (``w:numPr`` on the paragraph or its style: the digits are not in the text) is
  rebuilt from numbering.xml and put before the text ("๑.", "1.", "(๑)", "๑.๑", "-" for a bullet), counted from
  the start in each cell;
- a cell merged vertically (``w:vMerge``) repeats the text of the cell it continues, in every row it spans;
- a cell spanning columns (``w:gridSpan``) sits in its first grid column; a row of one cell spanning the whole
  table is a heading row (a tool or group heading);
- a nested table's text is kept as lines of its cell; content controls (``w:sdt``) are read through.
The file is checked against the limits for files from elsewhere (size, parts, zip bombs, DTDs) before
python-docx parses it.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ita_desktop.errors import UserError
from ita_desktop.interchange.limits import MAX_TABLE_ROWS, check_word_file
from ita_desktop.reports.row_cuts import CONTINUED
from ita_desktop.thai.digits import to_thai_digits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BULLET = "-"
_THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"


@dataclass
class Para:
    text: str  # lines joined by "\n"
    bold: bool = False
    centered: bool = False
    page_break_before: bool = False


@dataclass
class Row:
    cells: list[list[str]]  # one entry per grid column: the lines of the cell that starts there ([] = none)
    header: bool = False  # marked to repeat at the top of each page (w:tblHeader)
    spans_all: bool = False  # one cell across the whole table: a heading row
    continued: bool = False  # the rest of the row above, cut by a page break (a PDF's "… (ต่อ)" row)


@dataclass
class WordTable:
    columns: int
    rows: list[Row] = field(default_factory=list)


Block = Para | WordTable


def _val(element: Any, tag: str, attr: str = "val") -> str | None:
    child = element.find(f"{W}{tag}") if element is not None else None
    return None if child is None else child.get(f"{W}{attr}")


def _on(element: Any, tag: str) -> bool:
    """A toggle property such as w:b: present and not switched off."""
    child = element.find(f"{W}{tag}") if element is not None else None
    return child is not None and child.get(f"{W}val") not in ("0", "false", "off")


class _Numbering:
    """Word's list numbering: numId → levels (format, text pattern, start), and the counters as the document
    runs (a list continues across cells and paragraphs until Word would restart it)."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        self.style_bold: dict[str, bool] = {}
        if numbering is not None:
            for a in numbering.findall(f"{W}abstractNum"):
                levels = {}
                for lvl in a.findall(f"{W}lvl"):
                    ilvl = int(lvl.get(f"{W}ilvl", "0"))
                    start = _val(lvl, "start")
                    levels[ilvl] = (_val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                                    int(start) if start and start.lstrip("-").isdigit() else 1)
                self.abstract[a.get(f"{W}abstractNumId", "")] = levels
            for num in numbering.findall(f"{W}num"):
                overrides = {}
                for o in num.findall(f"{W}lvlOverride"):
                    start = _val(o, "startOverride")
                    if start and start.isdigit():
                        overrides[int(o.get(f"{W}ilvl", "0"))] = int(start)
                self.nums[num.get(f"{W}numId", "")] = (_val(num, "abstractNumId") or "", overrides)
        if styles is not None:
            self._styles(styles)

    def _styles(self, styles: Any) -> None:
        by_id = {s.get(f"{W}styleId"): s for s in styles.findall(f"{W}style")}
        for style_id in by_id:
            seen: set[str] = set()
            current = by_id.get(style_id)
            while current is not None and style_id not in self.style_num:
                sid = current.get(f"{W}styleId") or ""
                if sid in seen:
                    break
                seen.add(sid)
                num_pr = current.find(f"{W}pPr/{W}numPr")
                if num_pr is not None and _val(num_pr, "numId"):
                    self.style_num[style_id] = (_val(num_pr, "numId") or "", int(_val(num_pr, "ilvl") or 0))
                    break
                current = by_id.get(_val(current, "basedOn"))
            self.style_bold[style_id] = _on(by_id[style_id].find(f"{W}rPr"), "b")

    def marker(self, p: Any) -> str:
        """The number or bullet Word shows before paragraph ``p`` ("" when it is not in a list)."""
        ppr = p.find(f"{W}pPr")
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id, ilvl = None, 0
        if num_pr is not None:
            num_id = _val(num_pr, "numId")
            ilvl = int(_val(num_pr, "ilvl") or 0)
        if num_id is None:
            style = _val(ppr, "pStyle")
            if style and style in self.style_num:
                num_id, ilvl = self.style_num[style]
                if num_pr is not None and _val(num_pr, "ilvl"):
                    ilvl = int(_val(num_pr, "ilvl") or 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [])
        while len(counts) <= ilvl:
            level = len(counts)
            counts.append(overrides.get(level, levels.get(level, ("", "", 1))[2]) - 1)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = overrides.get(deeper, levels.get(deeper, ("", "", 1))[2]) - 1
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return BULLET
        if fmt == "none":
            return ""
        for level in range(9, -1, -1):  # %10 would not exist; go high to low so %1 does not eat %10
            if f"%{level + 1}" in text:
                lfmt = levels.get(level, (fmt, "", 1))[0]
                value = counts[level] if level < len(counts) else levels.get(level, ("", "", 1))[2]
                text = text.replace(f"%{level + 1}", _format_number(max(value, 1), lfmt))
        return text.strip()


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("thaiNumbers", "thaiCounting"):
        return to_thai_digits(n)
    if fmt == "thaiLetters":
        return _THAI_LETTERS[(n - 1) % len(_THAI_LETTERS)]
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


class _Body:
    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering
        self.rows = 0

    def paragraph_text(self, p: Any) -> str:
        parts: list[str] = []
        for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
            if el.tag == f"{W}t":
                parts.append(el.text or "")
            elif el.tag == f"{W}tab":
                parts.append("\t")
            elif el.tag == f"{W}noBreakHyphen":
                parts.append("-")
            else:
                parts.append("\n")
        text = "".join(parts)
        lines = [" ".join(line.replace("\t", " ").split()) for line in text.split("\n")]
        marker = self.numbering.marker(p)
        if marker and lines:
            lines[0] = f"{marker} {lines[0]}".rstrip()
        return "\n".join(lines)

    def para(self, p: Any) -> Para:
        ppr = p.find(f"{W}pPr")
        runs = [r for r in p.iter(f"{W}r") if any(t.text and t.text.strip() for t in r.iter(f"{W}t"))]
        style = _val(ppr, "pStyle") or ""
        style_bold = self.numbering.style_bold.get(style, False) or style.lower().startswith(("heading", "title"))
        bold = bool(runs) and all(_on(r.find(f"{W}rPr"), "b") or style_bold for r in runs)
        return Para(self.paragraph_text(p), bold=bold, centered=_val(ppr, "jc") == "center",
                    page_break_before=_on(ppr, "pageBreakBefore"))

    def blocks(self, parent: Any) -> list[Block]:
        out: list[Block] = []
        for child in parent:
            if child.tag == f"{W}p":
                out.append(self.para(child))
            elif child.tag == f"{W}tbl":
                out.append(self.table(child))
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    out += self.blocks(content)
        return out

    def cell_lines(self, tc: Any) -> list[str]:
        """A cell's lines; Word's automatic numbers count from the start in each cell (Word would run one list on
        through the table, but a clerk numbers the steps of each measure)."""
        lines: list[str] = []
        outside, self.numbering.counters = self.numbering.counters, {}
        blocks = self.blocks(tc)
        self.numbering.counters = outside
        for block in blocks:
            if isinstance(block, Para):
                lines += block.text.split("\n")
            else:  # a nested table: its rows, cell by cell
                for row in block.rows:
                    for cell in row.cells:
                        lines += cell
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        return lines

    def table(self, tbl: Any) -> WordTable:
        grid = tbl.find(f"{W}tblGrid")
        columns = len(grid.findall(f"{W}gridCol")) if grid is not None else 0
        rows: list[tuple[list[tuple[int, int, list[str], str | None]], bool]] = []
        for tr in tbl.findall(f"{W}tr"):
            self.rows += 1
            if self.rows > MAX_TABLE_ROWS:
                raise UserError(f"The Word file has more than {MAX_TABLE_ROWS:,} table rows (the limit); nothing "
                                "was imported. ตารางในไฟล์ Word ใหญ่เกินไป")
            trpr = tr.find(f"{W}trPr")
            col = int(_val(trpr, "gridBefore") or 0)
            cells = []
            for tc in tr.findall(f"{W}tc") + [t for sdt in tr.findall(f"{W}sdt")
                                              for t in sdt.iter(f"{W}tc")]:
                tcpr = tc.find(f"{W}tcPr")
                span = int(_val(tcpr, "gridSpan") or 1)
                vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                merge = None if vmerge is None else (vmerge.get(f"{W}val") or "continue")
                cells.append((col, span, self.cell_lines(tc), merge))
                col += max(span, 1)
            columns = max(columns, col)
            rows.append((cells, _on(trpr, "tblHeader")))
        table = WordTable(columns)
        above: dict[int, list[str]] = {}
        for cells, header in rows:
            row = Row([[] for _ in range(columns)], header=header)
            for col, _span, lines, merge in cells:
                if merge == "continue":
                    lines = above.get(col, [])
                above[col] = lines
                if col < columns:
                    row.cells[col] = lines
            row.spans_all = len(cells) == 1 and cells[0][1] >= columns > 1 and cells[0][3] is None
            first = next((c for c in row.cells if c), None)
            if first and not row.spans_all and first[-1].endswith(CONTINUED.strip()):
                row.continued = True  # the rest of a row cut by a page (our export's "… (ต่อ)" row)
                row.cells[row.cells.index(first)] = []
            table.rows.append(row)
        return table


def read_blocks(path: Path) -> list[Block]:
    """The body of a .docx in order; UserError for a file that is not one (or is damaged or too big)."""
    if path.suffix.lower() != ".docx":
        raise UserError(f"{path.name} is not a Word .docx file. ไฟล์นี้ไม่ใช่ไฟล์ Word (.docx)")
    check_word_file(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = docx.Document(str(path))
            part = document.part
            try:
                numbering = part.numbering_part.element
            except (KeyError, NotImplementedError):
                numbering = None
            styles = part.styles.element
            return _Body(_Numbering(numbering, styles)).blocks(document.element.body)
    except UserError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, SyntaxError, KeyError, ValueError, TypeError,
            AttributeError, IndexError, OSError) as exc:
        why = f"{type(exc).__name__}: {str(exc)[:200]}" if str(exc) else type(exc).__name__
        raise UserError(f"{path.name} is not a Word .docx document, or a damaged one ({why}); nothing was "
                        "imported. ไฟล์ Word ไม่ถูกต้องหรือเสียหาย") from None
