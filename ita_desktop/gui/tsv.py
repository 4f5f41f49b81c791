"""Rectangular ranges on the clipboard: tab-separated text as Excel writes it, and HTML tables (Word).

Excel and LibreOffice quote a cell that holds a tab, a newline or a quote ("line 1\nline 2", quotes
doubled); Word puts only a table in HTML, its paragraphs one per <p>. No Qt here, so it is tested alone.
"""

from __future__ import annotations

from html.parser import HTMLParser

Grid = list[list[str]]


def _needs_quotes(cell: str) -> bool:
    return any(c in cell for c in '\t\n\r"')


def to_tsv(rows: Grid) -> str:
    """Cells joined by tabs and rows by CRLF, quoting multi-line cells the way Excel does."""
    def quote(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if _needs_quotes(cell) else cell

    return "".join("\t".join(quote(c) for c in row) + "\r\n" for row in rows)


def parse_tsv(text: str) -> Grid:
    """The rectangle in tab-separated text, with Excel-style quoted cells; a final newline adds no row."""
    rows: Grid = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    at_cell_start = True
    while i < n:
        ch = text[i]
        if at_cell_start and ch == '"':
            # A quoted cell: runs to the closing quote; "" is a quote inside.
            end_quote = i + 1
            buf: list[str] = []
            closed = False
            while end_quote < n:
                c = text[end_quote]
                if c == '"':
                    if end_quote + 1 < n and text[end_quote + 1] == '"':
                        buf.append('"')
                        end_quote += 2
                        continue
                    closed = True
                    break
                buf.append(c)
                end_quote += 1
            following = text[end_quote + 1] if end_quote + 1 < n else "\n"
            if closed and following in "\t\r\n":
                cell = buf
                i = end_quote + 1
                at_cell_start = False
                continue
            # Not a well-formed quoted cell (e.g. a cell that merely starts with a quote): take it literally.
        at_cell_start = False
        if ch == "\t":
            row.append("".join(cell).replace("\r\n", "\n"))
            cell = []
            at_cell_start = True
        elif ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            row.append("".join(cell).replace("\r\n", "\n"))
            rows.append(row)
            row, cell = [], []
            at_cell_start = True
        else:
            cell.append(ch)
        i += 1
    if cell or row:
        row.append("".join(cell).replace("\r\n", "\n"))
        rows.append(row)
    return rows


class _TableParser(HTMLParser):
    """Collects the cells of the first <table>, turning <br> and paragraph ends into newlines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: Grid = []
        self.depth = 0
        self.done = False
        self.cell: list[str] | None = None
        self.in_row = False
        self._extra = 0  # empty cells to add after a cell spanning several columns

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "table":
            self.depth += 1
        elif self.depth != 1:
            return
        elif tag == "tr":
            self.rows.append([])
            self.in_row = True
        elif tag in ("td", "th") and self.in_row:
            self.cell = []
            span = dict(attrs).get("colspan")
            self._extra = int(span) - 1 if span and span.isdigit() else 0
        elif self.cell is not None and (tag == "br" or (tag in ("p", "div", "li") and "".join(self.cell).strip())):
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.done:
            return
        if tag == "table":
            self.depth -= 1
            self.done = self.depth == 0
        elif self.depth == 1 and tag in ("td", "th") and self.cell is not None:
            lines = [" ".join(line.split()) for line in "".join(self.cell).split("\n")]
            text = "\n".join(line for line in lines if line)
            self.rows[-1].append(text)
            self.rows[-1].extend([""] * self._extra)
            self.cell = None
        elif self.depth == 1 and tag == "tr":
            self.in_row = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None and self.depth == 1:
            self.cell.append(data.replace("\xa0", " ").replace("\r", "").replace("\n", " "))


def parse_html_table(html: str) -> Grid | None:
    """The cells of the first table in clipboard HTML, or None when there is no table."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    rows = [r for r in parser.rows if r]
    return rows or None


def to_html_table(rows: Grid) -> str:
    """A plain HTML table, for pasting into Word with the cells (and their lines) kept."""
    from html import escape

    body = "".join("<tr>" + "".join(f"<td>{escape(c).replace(chr(10), '<br>')}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<html><body><table border=1>{body}</table></body></html>"
