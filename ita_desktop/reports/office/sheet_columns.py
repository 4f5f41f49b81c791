"""The Excel template: sheet names and columns, shared by the writer and the reader so they cannot drift apart.

Columns are found by their Thai header on import, so a department may reorder them, drop optional ones or add
its own (ignored with a warning). Keys are the interchange (JSON) field names where there is one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ita_desktop.domain.model import Status
from ita_desktop.thai.digits import DigitStyle

INFO_SHEET = "เอกสาร"
MEASURE_SHEET = "มาตรการ"
PROGRESS_SHEET = "ผลการดำเนินการ"
REPORT_SHEET = "รายงาน"  # the report workbook's one sheet: for printing, never imported

INFO_FORMAT = "รูปแบบ"
INFO_YEAR = "ปีงบประมาณ (พ.ศ.)"
INFO_ORG = "หน่วยงาน"
TEMPLATE_NAME = "ita-desktop/1 xlsx"

# Excel's legacy locale codes [$-NNCCLLLL]: NN numerals (0D Thai, 01 Western), CC calendar (07 Thai Buddhist),
# LLLL the Thai LCID 041E. Excel and LibreOffice both show the year in the Buddhist era; the cell stays a date.
DATE_FORMATS: dict[DigitStyle, str] = {
    "thai": "[$-D07041E]d mmm yyyy;@",
    "arabic": "[$-107041E]d mmm yyyy;@",
}


@dataclass(frozen=True)
class SheetColumn:
    key: str
    header: str
    width: float  # Excel character units
    required: bool = False
    wrap: bool = True
    is_date: bool = False


MEASURE_COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("order", "ลำดับ", 7, wrap=False),
    SheetColumn("indicator", "ตัวชี้วัด", 22, required=True),
    SheetColumn("issue", "ประเด็นที่ต้องพัฒนา", 32),
    SheetColumn("title", "มาตรการ", 32, required=True),
    SheetColumn("guideline", "แนวทางการปฏิบัติ", 36),
    SheetColumn("steps", "ขั้นตอน/วิธีการปฏิบัติ", 48),
    SheetColumn("units", "ผู้รับผิดชอบ", 24),
    SheetColumn("start", "วันเริ่มต้น", 15, is_date=True),
    SheetColumn("end", "วันสิ้นสุด", 15, is_date=True),
    SheetColumn("monitoring", "การกำกับติดตาม", 26),
    SheetColumn("rounds", "รอบการรายงาน (เดือน)", 14),
    SheetColumn("id", "รหัสมาตรการ", 38, wrap=False),
)

PROGRESS_COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("order", "ลำดับมาตรการ", 9, wrap=False),
    SheetColumn("title", "มาตรการ", 30),
    SheetColumn("round", "รอบ (เดือน)", 9, required=True, wrap=False),
    SheetColumn("step", "ขั้นตอนที่", 9, wrap=False),
    SheetColumn("step_text", "ขั้นตอน", 40),
    SheetColumn("status", "สถานะ", 18),
    SheetColumn("done_on", "วันที่ดำเนินการ", 15, is_date=True),
    SheetColumn("result", "ผลการดำเนินการ", 48),
    SheetColumn("outcome", "ผลสัมฤทธิ์", 32),
    SheetColumn("evidence_urls", "หลักฐาน (ลิงก์)", 40),
    SheetColumn("measure_id", "รหัสมาตรการ", 38, wrap=False),
    SheetColumn("id", "รหัส", 38, wrap=False),
)

STATUS_BY_TEXT: dict[str, Status] = {s.thai: s for s in Status} | {s.value: s for s in Status}
STATUS_CHOICES = tuple(s.thai for s in Status)
WHOLE_MEASURE = "ทั้งมาตรการ"  # the step cell of a report about the measure as a whole


def normalise_header(text: object) -> str:
    """Headers as people retype them: spaces and line breaks collapse, nothing else changes."""
    return " ".join(str(text or "").split())
