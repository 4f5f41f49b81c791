"""The clerk's column mapping: which column of a table found in an old document is which field.

The reader detects each table's mapping from its heading row (see headings); the preview shows it and lets the
clerk change a column. The rules of a change live here, so the window and ``ita-desktop import --map`` apply the
same ones: a field names one column of a table (giving it to another column takes it from the first), a column
may be left out (its text is then kept as text that found no place, never dropped), and a table must keep a
column naming its measures (title, steps, measure, issue or guideline) to be read as measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ita_desktop.errors import UserError
from ita_desktop.office_docs.headings import FIELDS
from ita_desktop.thai.digits import to_arabic_digits

# What the preview calls each field (GUI text is Thai); None: the column is not read into a field.
FIELD_LABELS: dict[str | None, str] = {
    None: "(ไม่นำเข้า — เก็บเป็นข้อความที่ยังไม่ได้จัดที่)",
    "indicator": "ตัวชี้วัด",
    "issue": "ประเด็นที่ต้องพัฒนา",
    "title": "มาตรการ",
    "guideline": "แนวทางการปฏิบัติ",
    "steps": "ขั้นตอน/วิธีการปฏิบัติ",
    "measure": "มาตรการพร้อมขั้นตอน (ชื่อแล้วตามด้วยขั้นตอน)",
    "units": "ผู้รับผิดชอบ",
    "timeframe": "ระยะเวลาดำเนินการ",
    "monitoring": "การกำกับติดตาม",
    "result": "ผลการดำเนินการ",
    "outcome": "ผลสัมฤทธิ์",
    "order": "ลำดับ (ไม่นำเข้า)",
}
assert set(FIELD_LABELS) == {None, *FIELDS}
MEASURE_FIELDS = frozenset({"title", "steps", "measure", "issue", "guideline"})
Mapping = list[str | None]  # one field (or None) per column of a table


def remap(keys: Mapping, column: int, key: str | None) -> Mapping:
    """``keys`` with ``column`` set to ``key``; another column that had ``key`` loses it (a field is read from one
    column of a table)."""
    if not 0 <= column < len(keys):
        raise UserError(f"column {column + 1} does not exist: the table has {len(keys)} column(s). "
                        f"ตารางมี {len(keys)} คอลัมน์")
    if key is not None and key not in FIELDS:
        raise UserError(f"{key!r} is not a field; use one of {', '.join(FIELDS)} or - to leave the column out. "
                        "ไม่มีช่องข้อมูลชื่อนี้")
    out = [None if (k == key and key is not None) else k for k in keys]
    out[column] = key
    return out


def mapping_problem(keys: Mapping) -> str | None:
    """Why a table cannot be read with ``keys`` (Thai, for the preview and the command line), or None."""
    if not MEASURE_FIELDS & {k for k in keys if k}:
        return ("ต้องมีอย่างน้อยหนึ่งคอลัมน์เป็นมาตรการ ขั้นตอน ประเด็น หรือแนวทาง "
                "(a table needs a title, steps, measure, issue or guideline column)")
    return None


@dataclass(frozen=True)
class ColumnChoice:
    """One ``--map`` value: table (1-based), column (1-based), field (None: leave the column out)."""

    table: int
    column: int
    key: str | None


_MAP = re.compile(r"^\s*(?:(\d+)\s*:\s*)?(\d+)\s*=\s*(\S+)\s*$")


def parse_choice(text: str) -> ColumnChoice:
    """'3=steps' (table 1) or '2:4=units' or '5=-' (leave column 5 out); columns and tables count from 1."""
    found = _MAP.match(to_arabic_digits(text))
    if not found:
        raise UserError(f"--map {text!r}: write COLUMN=FIELD or TABLE:COLUMN=FIELD, e.g. --map 3=steps or "
                        "--map 2:4=units (- leaves a column out). รูปแบบ --map ไม่ถูกต้อง")
    table, column, key = int(found[1] or 1), int(found[2]), found[3]
    if table < 1 or column < 1:
        raise UserError(f"--map {text!r}: tables and columns count from 1. ตารางและคอลัมน์เริ่มที่ ๑")
    if key != "-" and key not in FIELDS:
        raise UserError(f"--map {text!r}: {key!r} is not a field; use one of {', '.join(FIELDS)} or -. "
                        "ไม่มีช่องข้อมูลชื่อนี้")
    return ColumnChoice(table, column, None if key == "-" else key)


def apply_choices(detected: list[Mapping], choices: list[ColumnChoice]) -> dict[int, Mapping]:
    """The mapping of every table a choice changes (0-based table index → keys), checked."""
    out: dict[int, Mapping] = {}
    for choice in choices:
        if choice.table > len(detected):
            raise UserError(f"--map: table {choice.table} does not exist; the document has {len(detected)} table(s) "
                            f"of measures. เอกสารมีตารางมาตรการ {len(detected)} ตาราง")
        index = choice.table - 1
        out[index] = remap(out.get(index, detected[index]), choice.column - 1, choice.key)
    for index, keys in out.items():
        problem = mapping_problem(keys)
        if problem:
            raise UserError(f"--map: table {index + 1}: {problem}")
    return out
