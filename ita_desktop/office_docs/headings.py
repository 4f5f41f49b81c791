"""Which column of an office's table holds what, found by its heading.

Every heading of the six layouts (DESIGN §6, reports.layouts.LAYOUT_COLUMNS), the Excel template's and those the
seeds show is known exactly; headings are compared with all spacing and line breaks removed and "/" and "หรือ"
treated alike, so "ตัวชี้วัด การประเมิน", "ขั้นตอน / วิธีการปฏิบัติ" and "ขั้นตอนหรือวิธีการปฏิบัติ" are found.
A heading not known exactly is read by its words (a typo such as "ประเด็นการประเมินที่ต้อยกระดับ" still names
the issue); one that names nothing known is left out, and the reader says so.

Keys: indicator, issue, title, guideline, steps, measure (title then steps), units, timeframe, monitoring,
result, outcome, order.
"""

from __future__ import annotations

import re

FIELDS = ("indicator", "issue", "title", "guideline", "steps", "measure", "units", "timeframe", "monitoring",
          "result", "outcome", "order")

# heading → key, as the layouts, the template and the seeds write them
KNOWN: dict[str, str] = {
    "มาตรการ": "title",
    "มาตรการ/แนวทาง": "title",
    "แนวทางการปฏิบัติ": "guideline",
    "แนวทาง": "guideline",
    "ขั้นตอน/วิธีการปฏิบัติ": "steps",
    "ขั้นตอนหรือวิธีการปฏิบัติ": "steps",
    "ขั้นตอน": "steps",
    "วิธีการ/ดำเนินการ": "steps",
    "วิธีการปฏิบัติ": "steps",
    "มาตรการ/ขั้นตอน/วิธีปฏิบัติ": "measure",
    "มาตรการ/ขั้นตอน/วิธีการปฏิบัติ": "measure",
    "ขั้นตอนหรือวิธีการ/มาตรการ": "measure",
    "ผู้รับผิดชอบ": "units",
    "หน่วยงานรับผิดชอบ": "units",
    "หน่วยงานที่รับผิดชอบ": "units",
    "การกำกับติดตาม": "monitoring",
    "การติดตามผล": "monitoring",
    "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ": "monitoring",
    "การรายงานผลและการกำกับติดตาม": "monitoring",
    "ตัวชี้วัด": "indicator",
    "ตัวชี้วัดการประเมิน": "indicator",
    "ประเด็นที่ต้องพัฒนา": "issue",
    "ประเด็นที่ต้องพัฒนาตามตัวชี้วัด": "issue",
    "ประเด็นการประเมินที่ต้องยกระดับ": "issue",
    "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา": "issue",
    "ประเด็นที่ต้องปรับปรุงแก้ไข": "issue",
    "ผลการดำเนินการ": "result",
    "การดำเนินการ/รายงาน": "result",
    "การดำเนินการ": "result",
    "สรุปผลการดำเนินงาน": "result",
    "ผลการดำเนินงาน": "result",
    "ผลสัมฤทธิ์": "outcome",
    "ผลรับความสำเร็จ": "outcome",
    "ผลลัพธ์": "outcome",
    "ระยะเวลาดำเนินการ": "timeframe",
    "ระยะเวลาดำเนินงาน": "timeframe",
    "ระยะเวลา": "timeframe",
    "ลำดับ": "order",
    "ที่": "order",
}


def squeeze(text: str) -> str:
    """A heading without spacing, line breaks or dots at the ends, with "หรือ" read as "/"."""
    text = "".join(text.split()).strip(".:")
    return text.replace("หรือ", "/").replace("\u200b", "")


_KNOWN = {squeeze(k): v for k, v in KNOWN.items()}
# by their words, in this order: the first that matches names the column
_WORDS: tuple[tuple[str, str], ...] = (
    (r"ผลสัมฤทธิ์|ความสำเร็จ|ผลลัพธ์", "outcome"),
    (r"ระยะเวลา|กำหนดเวลา|ห้วงเวลา", "timeframe"),
    (r"รับผิดชอบ", "units"),
    (r"ประเด็น", "issue"),
    (r"ตัวชี้วัด", "indicator"),
    (r"ติดตาม", "monitoring"),
    (r"มาตรการ.*(ขั้นตอน|วิธี)|(ขั้นตอน|วิธี).*มาตรการ", "measure"),
    (r"ขั้นตอน|วิธีการ|วิธีปฏิบัติ", "steps"),
    (r"ผล|การดำเนินการ|รายงาน", "result"),
    (r"แนวทาง(?!.*มาตรการ)", "guideline"),
    (r"มาตรการ|โครงการ|กิจกรรม", "title"),
)


def heading_key(text: str, *, exact: bool = False) -> str | None:
    """The field a column heading names, or None (``exact``: only a heading known as written)."""
    s = squeeze(text)
    if not s:
        return None
    if s in _KNOWN:
        return _KNOWN[s]
    if exact or re.search(r"[0-9๐-๙]", s) or len(s) > 60:  # a data cell, not a heading
        return None
    if s.startswith("มาตรการ/แนวทาง") or (s.startswith("มาตรการ") and "แนวทาง" in s and "ขั้นตอน" not in s):
        return "title"
    for pattern, key in _WORDS:
        if re.search(pattern, s):
            return key
    return None


def header_keys(cells: list[list[str]]) -> list[str | None] | None:
    """The key of each column when this row is a header row, else None: two or more headings, one of them known
    exactly as written and one naming a measure, its steps or its issue, most cells headings, no key twice."""
    texts = [" ".join(lines) for lines in cells]
    keys = [heading_key(t) if t.strip() else None for t in texts]
    named = [k for k in keys if k]
    filled = [t for t in texts if t.strip()]
    if len(named) < 2 or len(set(named)) != len(named) or len(named) < 0.6 * len(filled):
        return None
    if not any(heading_key(t, exact=True) for t in filled):
        return None
    if not {"title", "steps", "measure", "issue", "guideline"} & set(named):
        return None
    return keys
