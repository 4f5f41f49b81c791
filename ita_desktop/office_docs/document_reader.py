"""An office's Word plan or report → what it says: the title block, its own words, and its measures.

- Title block: the centred (or bold) lines at the top name the office ("องค์การบริหารส่วนตำบล…", "เทศบาลตำบล…"),
  district ("อำเภอ…"), province ("จังหวัด…"), fiscal year ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๖") and round ("รอบ ๖ เดือน").
- The paragraphs before the first table are the intro, those after the last the closing (a bold line is a
  sub-heading, "# …"); a tool heading just before a table ("๑. มาตรการยกระดับ…(IIT)") heads its rows; the
  signature lines ("ลงชื่อ … ผู้จัดทำ", "(ชื่อ)", "ตำแหน่ง …") are the signatories.
- Tables are read by their headings (see headings); a header row repeated further down is skipped, a table
  without a header that has the columns of the one before continues it (a table broken by a page), a row of
  one cell across the table is a tool or group heading, and a row with no measure of its own (no title,
  issue, steps or indicator) continues the measure above.
- Each table of measures is recorded as found (its headings, the detected mapping, the mapping used and its rows
  as read) for the preview; the clerk's own mapping of a table (see columns) is used in place of the detected one.
- Nothing read is dropped: text that finds no place (a column left out, a table without known headings, a line
  of the signature block not understood, a label naming an indicator the year does not have, a cell of a row
  continuing the one above that has no field to continue) is listed as unplaced, where it was and what it says;
  matching keeps it at the end of the document's closing text (``unplaced_block``) for the clerk to move.
The result is interchange data (``ita-desktop/2``), validated afterwards by the JSON reader like every import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ita_desktop.domain.catalogue import DEFAULT_INDICATORS, DEFAULT_UNITS
from ita_desktop.domain.model import Tool
from ita_desktop.office_docs import cells
from ita_desktop.office_docs.columns import FIELD_LABELS, Mapping
from ita_desktop.office_docs.docx_tables import Block, Para, Row, WordTable
from ita_desktop.office_docs.headings import header_keys
from ita_desktop.thai.calendar import fiscal_year_range
from ita_desktop.thai.digits import to_arabic_digits

D = cells.D
_FISCAL_YEAR = re.compile(rf"ปีงบประมาณ\s*(?:พ\.?\s?ศ\.?)?\s*({D}{{4}})")
_ANY_YEAR = re.compile(rf"ปี(?:งบประมาณ)?\s*(?:พ\.?\s?ศ\.?)?\s*({D}{{4}})")
_ORG = re.compile(r"((?:องค์การบริหารส่วนตำบล|องค์การบริหารส่วนจังหวัด|เทศบาล(?:ตำบล|เมือง|นคร))\S+)")
_DISTRICT = re.compile(r"อำเภอ\s*(\S+)")
_PROVINCE = re.compile(r"จังหวัด\s*(\S+)")
_ROLES = ("ผู้จัดทำ", "ผู้รายงาน", "ผู้อนุมัติ", "ผู้ตรวจสอบ", "ผู้เสนอ", "ผู้รับรอง", "ผู้เห็นชอบ")
_SIGN = re.compile(r"^ลงชื่อ\s*(.*?)\s*(" + "|".join(_ROLES) + r")?\s*$")
_TOOL_WORDS: tuple[tuple[Tool, str], ...] = (
    (Tool.IIT, r"\bIIT\b|ส่วนได้ส่วนเสียภายใน"), (Tool.EIT, r"\bEIT\b|ส่วนได้ส่วนเสียภายนอก"),
    (Tool.OIT, r"\bOIT\b|เปิดเผยข้อมูลสาธารณะ"))
_GENERAL = "มาตรการทั่วไป (ไม่ระบุตัวชี้วัด)"
_LEAD_NUMBER = re.compile(rf"^\s*{D}+[.)]\s*")
UNPLACED_HEADING = "# ข้อความจากเอกสารเดิมที่ยังไม่ได้จัดที่ (โปรดตรวจและย้ายไปไว้ในที่ของข้อความ)"


@dataclass
class FoundTable:
    """A table of measures as found: its headings, the mapping read from them and the one used, its rows."""

    headings: list[str]
    detected: Mapping
    keys: Mapping
    rows: list[list[str]] = field(default_factory=list)  # body rows as read, each cell's lines joined by "\n"
    continued: int = 0  # tables after it that continue it (broken by a page)


@dataclass(frozen=True)
class Unplaced:
    """Text of the document that found no field: where it was (Thai) and what it says."""

    where: str
    text: str


def unplaced_block(unplaced: list[Unplaced]) -> str:
    """The unplaced text as a sub-headed block of the closing text, each piece with where it was found."""
    if not unplaced:
        return ""
    return "\n".join([UNPLACED_HEADING, *(f"[{u.where}] {u.text}".replace("\n", " / ") for u in unplaced)])


@dataclass
class Reading:
    """What the Word document says, before it is matched with the target document."""

    name: str = ""
    district: str = ""
    province: str = ""
    fiscal_year: int | None = None
    kind: str = "plan"  # plan | progress
    round: int | None = None
    texts: dict[str, str] = field(default_factory=dict)  # part → text
    measures: list[dict[str, Any]] = field(default_factory=list)
    signatories: list[dict[str, Any]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    tables: int = 0  # tables read as measures
    warnings: list[str] = field(default_factory=list)
    found: list[FoundTable] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)


def tool_of(line: str) -> Tool | None:
    """The tool a section heading names ("๑. แบบวัดการรับรู้…ภายใน (IIT)"), or None."""
    if not re.search(r"แบบวัด|แบบตรวจ|IIT|EIT|OIT", line) or len(line) > 200:
        return None
    return next((tool for tool, words in _TOOL_WORDS if re.search(words, line)), None)


class _Reader:
    def __init__(self, blocks: list[Block], known_units: list[str], names: dict[int, str],
                 columns: dict[int, Mapping] | None = None) -> None:
        self.blocks = blocks
        self.columns = columns or {}
        self.headings: list[str] = []
        self.row_number = 0
        self.known_units = list(dict.fromkeys([*known_units, *DEFAULT_UNITS]))
        self.names = names or {n: name for n, _, name in DEFAULT_INDICATORS}
        self.out = Reading()
        self.keys: list[str | None] | None = None
        self.detected: Mapping | None = None
        self.group = ""
        self.last_indicators: list[int] = []

    # -- the words around the tables ----------------------------------------------------------------------
    def run(self) -> Reading:
        first = next((i for i, b in enumerate(self.blocks) if isinstance(b, WordTable) and self._is_measures(b)),
                     None)
        if first is None:
            return self.out
        last, columns = first, 0
        for i, b in enumerate(self.blocks[first:], first):  # the last table of measures, or continuing them
            if isinstance(b, WordTable) and (self._is_measures(b) or b.columns == columns):
                last, columns = i, b.columns
        before = [b for b in self.blocks[:first] if isinstance(b, Para)]
        title, intro = self._title(before)
        self.out.texts["title"] = "\n".join(p.text for p in title)
        self._title_block("\n".join(p.text for p in title), "\n".join(p.text for p in intro))
        # a tool heading just before the first table heads its rows
        heading = intro.pop().text.strip() if intro and tool_of(intro[-1].text.strip()) else ""
        self.out.texts["intro"] = self._words(intro)
        if heading:
            self._heading(heading)
        between: list[Para] = []
        for block in self.blocks[first:last + 1]:
            if isinstance(block, Para):
                text = block.text.strip()
                if text and tool_of(text):
                    self._heading(text)
                elif text:
                    between.append(block)
            elif self._is_measures(block) or self._continues(block):
                self._table(block)
            else:
                self._other_table(block)
        after: list[Para] = []
        for block in self.blocks[last + 1:]:
            if isinstance(block, Para):
                after.append(block)
            elif not self._signatures([line for row in block.rows for c in row.cells for line in c]):
                self._other_table(block)
        closing = self._signature_paragraphs(after)
        if between:
            self.out.warnings.append(f"{len(between)} paragraph(s) between the tables were kept after the table "
                                     "(ข้อความระหว่างตารางเก็บไว้ในข้อความหลังตาราง)")
        self.out.texts["closing"] = self._words(between + closing)
        self._finish()
        return self.out

    def _title(self, paras: list[Para]) -> tuple[list[Para], list[Para]]:
        """(title lines, intro paragraphs): the centred or bold lines at the top, else the short lines before the
        first long paragraph."""
        paras = [p for p in paras if p.text.strip()]
        n = 0
        while n < len(paras) and paras[n].centered and len(paras[n].text) < 300:
            n += 1
        if n == 0:
            while n < len(paras) and len(paras[n].text) < 150 and (
                    paras[n].bold or _FISCAL_YEAR.search(paras[n].text) or _ORG.search(paras[n].text)
                    or re.search(r"มาตรการ|รายงาน", paras[n].text)):
                n += 1
        return paras[:n], paras[n:]

    @staticmethod
    def _words(paras: list[Para]) -> str:
        lines = []
        for p in paras:
            for line in p.text.split("\n"):
                if line.strip():
                    lines.append(f"# {line.strip()}" if p.bold and len(line) < 200 else line.strip())
        return "\n".join(lines)

    def _title_block(self, title: str, intro: str) -> None:
        found = (_FISCAL_YEAR.search(title) or _ANY_YEAR.search(title) or _FISCAL_YEAR.search(intro)
                 or _ANY_YEAR.search(intro))
        if found and 2400 <= int(to_arabic_digits(found[1])) <= 2700:
            self.out.fiscal_year = int(to_arabic_digits(found[1]))
        named = cells.rounds_named(title) or cells.rounds_named(intro[:400])
        if named:
            self.out.round = self.out.round or named[-1]
            self.out.kind = "progress"
        if re.search(r"^\s*รายงานผล|รายงานการดำเนินการ|รอบ\s*" + D, title):
            self.out.kind = "progress"
        for text in (title, intro):
            org = _ORG.search(text)
            if org and not self.out.name:
                self.out.name = org[1].removeprefix("ของ")
            district, province = _DISTRICT.search(text), _PROVINCE.search(text)
            if district and not self.out.district:
                self.out.district = district[1]
            if province and not self.out.province:
                self.out.province = province[1]

    def _signatures(self, lines: list[str]) -> bool:
        """Signature lines ("ลงชื่อ …", "(name)", "ตำแหน่ง …", "วันที่ …") into signatories; True if any (then a line
        of the block that is none of these is unplaced)."""
        found = False
        current: dict[str, Any] | None = None
        other: list[str] = []
        for raw in lines:
            line = raw.strip()
            if not line:
                continue
            sign = _SIGN.match(line)
            if sign:
                found = True
                signed = sign[1].strip(". ")
                current = {"role": sign[2] or "ผู้จัดทำ", "signed_name": signed}
                self.out.signatories.append(current)
            elif current is not None and line.startswith("(") and line.endswith(")") and "name" not in current:
                name = line[1:-1].strip(". ")
                current["name"] = name
            elif current is not None and line.startswith("ตำแหน่ง"):
                current["position"] = line.removeprefix("ตำแหน่ง").strip()
            elif current is not None and line.startswith("วันที่") and (day := cells.parse_day(line)):
                current["date"] = day.isoformat()
            else:
                other.append(line)
        if found and other:
            self.out.unplaced.append(Unplaced("ส่วนลงชื่อ", "\n".join(other)))
        return found

    def _signature_paragraphs(self, paras: list[Para]) -> list[Para]:
        """The closing paragraphs without the signature lines (read into signatories)."""
        start = next((i for i, p in enumerate(paras) if p.text.strip().startswith("ลงชื่อ")), None)
        if start is None:
            return paras
        self._signatures([line for p in paras[start:] for line in p.text.split("\n")])
        return paras[:start]

    def _other_table(self, table: WordTable) -> None:
        text = [line for row in table.rows for c in row.cells for line in c if line.strip()]
        if text and not self._signatures(text):
            self.out.warnings.append(f"a table without known headings was not read as measures (it begins "
                                     f"{text[0][:60]!r}); its text is kept as unplaced text. "
                                     "ตารางที่ไม่มีหัวตารางที่รู้จักเก็บไว้เป็นข้อความที่ยังไม่ได้จัดที่")
            rows = [" | ".join("\n".join(c) for c in row.cells if any(x.strip() for x in c)) for row in table.rows]
            self.out.unplaced.append(Unplaced("ตารางที่ไม่มีหัวตารางที่รู้จัก", "\n".join(r for r in rows if r)))

    # -- tables -------------------------------------------------------------------------------------------
    @staticmethod
    def _header_at(table: WordTable) -> int | None:
        for i, row in enumerate(table.rows[:4]):
            if not row.spans_all and header_keys(row.cells) is not None:
                return i
        return None

    def _is_measures(self, table: WordTable) -> bool:
        return self._header_at(table) is not None

    def _continues(self, table: WordTable) -> bool:
        return self.keys is not None and table.columns == len(self.keys) and self._header_at(table) is None

    def _repeats(self, table: WordTable, at: int) -> bool:
        """Whether the table starts with the header of the table before, word for word (a page's repeated header:
        a PDF gives each page's part of a table as a table of its own)."""
        return bool(self.out.found) and self.keys is not None and table.columns == len(self.keys) and \
            [" ".join(" ".join(c).split()) for c in table.rows[at].cells] == self.headings

    def _table(self, table: WordTable) -> None:
        at = self._header_at(table)
        rows = table.rows
        if at is not None and self._repeats(table, at):  # the header again on the next page: the same table
            self.out.found[-1].continued += 1
            for row in rows[:at]:
                if row.spans_all:
                    self._heading_lines(row)
            rows = rows[at + 1:]
            at = None
        elif at is not None:
            detected = header_keys(rows[at].cells)
            assert detected is not None
            for row in rows[:at]:  # heading rows above the header
                if row.spans_all:
                    self._heading_lines(row)
                elif text := " | ".join("\n".join(c) for c in row.cells if any(x.strip() for x in c)):
                    self.out.unplaced.append(Unplaced(f"ตาราง {len(self.out.found) + 1} เหนือหัวตาราง", text))
            self.headings = [" ".join(" ".join(c).split()) for c in rows[at].cells]
            keys = list(self.columns.get(len(self.out.found), detected))
            keys = (keys + [None] * len(detected))[:len(detected)]
            self.detected, self.keys = detected, keys
            self.out.found.append(FoundTable(self.headings, list(detected), keys))
            self.row_number = 0
            rows = rows[at + 1:]
            self.out.tables += 1
            unnamed = [h for h, k in zip(self.headings, keys, strict=True) if h and k is None]
            if unnamed:
                self.out.warnings.append(f"column(s) {', '.join(map(repr, unnamed))} were not recognised; their text "
                                         "is kept as unplaced text. คอลัมน์ที่ไม่รู้จักเก็บไว้เป็นข้อความที่ยังไม่ได้จัดที่")
        elif self.out.found:  # a table continuing the one before without its header
            self.out.found[-1].continued += 1
        assert self.keys is not None
        for row in rows:
            if header_keys(row.cells) == self.detected:
                continue  # the header row repeated
            if row.spans_all:
                self._heading_lines(row)
                continue
            self.row_number += 1
            if self.out.found:
                self.out.found[-1].rows.append(["\n".join(c) for c in row.cells])
            self._row(row)

    def _heading_lines(self, row: Row) -> None:
        for line in next((c for c in row.cells if c), []):
            if line.strip():
                self._heading(line.strip())

    def _heading(self, line: str) -> None:
        """A tool heading sets the tool's wording; any other heading row is the office's own group."""
        tool = tool_of(line)
        bare = _LEAD_NUMBER.sub("", line).strip()
        if tool is not None:
            self.out.texts[f"tool:{tool.value}"] = bare
            self.group = ""
            self.last_indicators = []
        elif bare == _GENERAL:
            self.group = ""
            self.last_indicators = []
        else:
            self.group = line.strip()

    def _where(self, column: int | None = None) -> str:
        where = f"ตาราง {len(self.out.found)} แถว {self.row_number}"
        if column is not None:
            heading = self.headings[column] if column < len(self.headings) else ""
            where += f" คอลัมน์ {column + 1}" + (f" “{heading}”" if heading else "")
        return where

    def _row(self, row: Row) -> None:
        assert self.keys is not None
        values: dict[str, list[str]] = {}
        for column, (key, lines) in enumerate(zip(self.keys, row.cells, strict=False)):
            if key and lines:
                values.setdefault(key, []).extend(lines)
            elif key is None and any(line.strip() for line in lines):
                self.out.unplaced.append(Unplaced(self._where(column),
                                                  "\n".join(line.strip() for line in lines if line.strip())))
        if not any(line.strip() for v in values.values() for line in v):
            return
        if row.continued and self.out.measures:
            self._rest_of_row(self.out.measures[-1], values)
        else:
            self._measure(values)

    # -- one row → one measure ----------------------------------------------------------------------------
    def _measure(self, values: dict[str, list[str]]) -> None:
        clean = {k: [line for line in v if line.strip()] for k, v in values.items()}
        indicators: list[int] = []
        for line in clean.get("indicator", []):
            indicators += cells.indicator_numbers(line, self.names, in_indicator_column=True)
        for key in ("issue", "measure", "title"):  # label lines at the top of the issue or measure cell
            lines = clean.get(key, [])
            while lines and (found := cells.indicator_numbers(lines[0], self.names, in_indicator_column=False)) \
                    and key == "issue":
                indicators += found
                lines = lines[1:]
            clean[key] = lines
        own = any(clean.get(k) for k in ("title", "issue", "steps", "measure", "guideline")) or indicators
        if not own and self.out.measures:
            self._continue(self.out.measures[-1], clean)
            return
        if not indicators and ("indicator" in (self.keys or []) or self.last_indicators):
            indicators = list(self.last_indicators)
        self.last_indicators = indicators
        m: dict[str, Any] = {"indicators": list(dict.fromkeys(n for n in indicators if n in self.names))}
        unknown = [n for n in indicators if n not in self.names]
        if unknown:
            self.out.warnings.append(f"indicator(s) {unknown} are not in this year's catalogue; the measure is kept "
                                     "without them. ไม่มีตัวชี้วัดนี้ในปีนี้")
            self.out.unplaced.append(Unplaced(self._where(), f"ตัวชี้วัดที่ไม่มีในปีนี้: {', '.join(map(str, unknown))} "
                                              f"({' '.join(values.get('indicator', []))})".replace(" ()", "")))
        if self.group:
            m["group"] = self.group
        if clean.get("issue"):
            m["issue"] = "\n".join(clean["issue"])
        title = list(clean.get("title", []))
        steps = cells.split_items(clean.get("steps", []))
        if clean.get("measure"):  # the title, then its steps (cells.split_measure)
            own_title, own_steps = cells.split_measure(clean["measure"])
            title += own_title
            steps += own_steps
        if title:
            m["title"] = "\n".join(title)
        if clean.get("guideline"):
            m["guideline"] = "\n".join(clean["guideline"])
        steps = cells.drop_sequence_numbers(steps)
        m["steps"] = [{"text": s} for s in steps]
        self._units(m, clean.get("units", []))
        self._timeframe(m, clean.get("timeframe", []))
        monitoring = self._due(m, clean.get("monitoring", []))
        if monitoring:
            m["monitoring"] = "\n".join(monitoring)
        m["rounds"] = cells.rounds_named(m.get("monitoring", ""))
        m["progress"] = []
        self._entries(m, clean.get("result", []), clean.get("outcome", []))
        self.out.measures.append(m)

    def _continue(self, m: dict[str, Any], clean: dict[str, list[str]]) -> None:
        """A row with no measure of its own (a row broken by a page, or a further report): into the one above."""
        for key in ("timeframe", "order", "indicator"):
            if key != "order" and clean.get(key):
                self.out.unplaced.append(Unplaced(f"{self._where()} ({FIELD_LABELS[key]})", "\n".join(clean[key])))
        for key in ("monitoring",):
            if clean.get(key):
                m[key] = "\n".join([*([m[key]] if m.get(key) else []), *clean[key]])
        if clean.get("units"):
            before = m.get("units", [])
            self._units(m, clean["units"])
            m["units"] = list(dict.fromkeys([*before, *m["units"]]))
        self._entries(m, clean.get("result", []), clean.get("outcome", []))

    def _rest_of_row(self, m: dict[str, Any], values: dict[str, list[str]]) -> None:
        """The part of a row cut by a page break: its lines continue the measure's own (a step's text goes on when
        the part starts without a list marker)."""
        clean = {k: [line for line in v if line.strip()] for k, v in values.items()}
        for key in ("issue", "title", "guideline", "monitoring"):
            if clean.get(key):
                m[key] = "\n".join([*([m[key]] if m.get(key) else []), *clean[key]])
        steps = clean.get("steps", []) + clean.get("measure", [])
        if steps:
            if m["steps"] and not cells.MARKER.match(steps[0]):
                m["steps"][-1]["text"] += "\n" + steps.pop(0).strip()
            for item in cells.split_items(steps):  # the list's own numbers go on from the part above
                found = re.match(rf"^\s*({D}+)[.)]\s+", item)
                if found and cells.number(found[1]) == len(m["steps"]) + 1:
                    item = item[found.end():]
                m["steps"].append({"text": item.strip()})
        if clean.get("units"):
            before = m.get("units", [])
            self._units(m, clean["units"])
            m["units"] = list(dict.fromkeys([*before, *m["units"]]))
        self._entries(m, clean.get("result", []), clean.get("outcome", []))

    def _units(self, m: dict[str, Any], lines: list[str]) -> None:
        units = cells.split_units(lines, [*self.out.units, *self.known_units])
        m["units"] = units
        self.out.units += [u for u in units if u not in self.out.units]

    def _timeframe(self, m: dict[str, Any], lines: list[str]) -> None:
        """The first line is the measure's timeframe (dates where it parses, else text); a numbered line after it
        is a step's own timeframe ("๒. ภายในเดือนมกราคม ๒๕๖๖")."""
        measure_lines: list[str] = []
        for line in lines:
            found = cells.NUMBERED.match(line)
            label = to_arabic_digits(found[1]) if found else ""
            if found and measure_lines and label.isdigit() and 1 <= int(label) <= len(m["steps"]):
                m["steps"][int(label) - 1]["timeframe_text"] = line[found.end():].strip()
            else:
                measure_lines.append(line.strip())
        text = " ".join(measure_lines)
        if not text:
            return
        parsed = cells.parse_timeframe(text)
        year = self.out.fiscal_year
        if parsed and year is not None:
            first, last = fiscal_year_range(year)
            if parsed[1] < first or parsed[0] > last:  # wholly outside the year: keep the words only
                parsed = None
        if parsed:
            m["start"], m["end"] = parsed[0].isoformat(), parsed[1].isoformat()
            if not cells.printed_as(parsed[0], parsed[1], text):
                m["timeframe_text"] = text
        else:
            m["timeframe_text"] = text

    @staticmethod
    def _due(m: dict[str, Any], lines: list[str]) -> list[str]:
        """'กำหนดเวลาแล้วเสร็จ ๓๑ มีนาคม ๒๕๖๖' in the monitoring cell is the measure's end."""
        kept = []
        for line in lines:
            if line.strip().startswith("กำหนดเวลาแล้วเสร็จ") and (day := cells.parse_day(line)):
                if "end" not in m:
                    m["end"] = day.isoformat()
                continue
            kept.append(line)
        return kept

    def _entries(self, m: dict[str, Any], result: list[str], outcome: list[str]) -> None:
        if not result and not outcome:
            return
        labels = {}
        for i in range(1, len(m["steps"]) + 1):
            labels[str(i)] = i
        entries = cells.split_entries(result, labels) if result else []
        round_ = self.out.round or 12
        self.out.kind = "progress"
        if not entries and outcome:
            entries = [cells.Entry(None, "")]
        for i, e in enumerate(entries):
            entry: dict[str, Any] = {"round": round_, "step": e.step, "status": e.status.value, "result": e.result}
            if e.done_on:
                entry["done_on"] = e.done_on.isoformat()
            if e.evidence_urls:
                entry["evidence_urls"] = e.evidence_urls
            if i == 0 and outcome:
                entry["outcome"] = "\n".join(line.strip() for line in outcome if line.strip())
            m["progress"].append(entry)

    def _finish(self) -> None:
        if self.out.kind == "progress" and self.out.round is None and any(m["progress"] for m in self.out.measures):
            self.out.warnings.append("the document names no round (รอบ ๖ เดือน); its results were read as the "
                                     "12-month round. ไม่ระบุรอบการรายงาน ถือเป็นรอบ ๑๒ เดือน")
        for m in self.out.measures:
            rounds = set(m["rounds"]) | {p["round"] for p in m["progress"]}
            m["rounds"] = sorted(rounds)


def reading_of(blocks: list[Block], known_units: list[str] = (),  # type: ignore[assignment]
                names: dict[int, str] | None = None, *, round_: int | None = None,
                columns: dict[int, Mapping] | None = None) -> Reading:
    """What a Word document's blocks say (no measures when it has no table with known headings); ``columns``: the
    clerk's mapping of some tables (index in ``Reading.found`` → field per column)."""
    reader = _Reader(blocks, list(known_units), names or {}, columns)
    reader.out.round = round_
    if round_ is not None:
        reader.out.kind = "progress"
    return reader.run()
