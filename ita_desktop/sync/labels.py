"""Words a clerk understands for what a merge touched: Thai names of tables and fields, and which row it is."""

from __future__ import annotations

from typing import Any

from ita_desktop.domain.measure_names import measure_name
from ita_desktop.storage.database import Database

TABLE_TH = {
    "organization": "ข้อมูลหน่วยงาน", "units": "หน่วยงานรับผิดชอบ", "fiscal_years": "ปีงบประมาณ",
    "indicators": "ตัวชี้วัด", "assessments": "ผลการประเมิน", "indicator_scores": "คะแนนตัวชี้วัด",
    "measures": "มาตรการ", "steps": "ขั้นตอน", "progress": "ผลการดำเนินการ", "signatories": "ผู้ลงนาม",
    "texts": "ข้อความของหน่วยงาน", "profiles": "รูปแบบการส่งออก (คอลัมน์)",
    "publications": "บันทึกการเผยแพร่", "question_scores": "คะแนนรายข้อ",
}
FIELD_TH = {
    "name": "ชื่อ", "kind": "ประเภท", "district": "อำเภอ", "province": "จังหวัด", "address": "ที่อยู่",
    "phone": "โทรศัพท์", "website": "เว็บไซต์", "ord": "ลำดับ", "year": "ปี", "number": "ข้อ", "tool": "แบบวัด",
    "assessed_year": "ปีที่ประเมิน", "total": "คะแนนรวม", "level": "ระดับ", "iit": "IIT", "eit": "EIT", "oit": "OIT",
    "score": "คะแนน", "note": "หมายเหตุ", "indicator": "ตัวชี้วัด", "issue": "ประเด็นที่ต้องพัฒนา",
    "title": "ชื่อมาตรการ", "guideline": "แนวทางการปฏิบัติ", "units": "ผู้รับผิดชอบ", "start": "วันเริ่ม",
    "end": "วันสิ้นสุด", "monitoring": "การกำกับติดตาม", "rounds": "รอบรายงาน", "text": "ข้อความขั้นตอน",
    "due": "กำหนดเสร็จ", "round": "รอบ", "status": "สถานะ", "done_on": "ดำเนินการเมื่อ", "result": "ผลการดำเนินการ",
    "outcome": "ผลสัมฤทธิ์", "evidence_urls": "ลิงก์หลักฐาน", "role": "บทบาท", "position": "ตำแหน่ง",
    "deleted": "การลบ", "indicators": "ตัวชี้วัด", "group_name": "หัวข้อกลุ่มมาตรการ",
    "timeframe_text": "ระยะเวลาดำเนินการ (ข้อความ)", "signed_name": "ชื่อที่ลงนาม", "signed_on": "วันที่ลงนาม",
    "verdict": "ผลการประเมิน (ข้อความ)", "document": "เอกสาร", "part": "ส่วนของเอกสาร",
    "layout": "รูปแบบตาราง", "columns": "คอลัมน์", "grouping": "การจัดกลุ่ม", "date_style": "รูปแบบวันที่",
    "show_unreported": "แสดงขั้นตอนที่ยังไม่รายงาน",
    "code": "ข้อคำถาม", "item": "ข้อ OIT", "url": "ลิงก์ที่เผยแพร่", "published_on": "วันที่เผยแพร่",
}


def value_text(field: str, value: Any) -> str:
    """A stored value as the clerk would read it."""
    if field == "deleted":
        return "ลบแล้ว (deleted)" if value else "ยังอยู่ พร้อมการแก้ไข (kept, edited)"
    if value is None or value == "":
        return "(ว่าง)"
    return str(value)


def describe_row(database: Database, table: str, row_id: str) -> str:
    """Which row this is, e.g. มาตรการ «เผยแพร่ข้อมูลจัดซื้อจัดจ้าง»."""
    row = database.row(table, row_id)
    what = TABLE_TH.get(table, table)
    if row is None:
        return what
    if table == "publications":
        round_ = f" รอบ {row['round']} เดือน" if row.get("round") else ""
        return f"{what} {row.get('document') or ''}{round_}".rstrip()
    if table == "profiles":
        return f"{what} {row.get('document') or ''} แบบที่ {row.get('layout') or ''}".rstrip()
    if table in ("steps", "progress") and row.get("measure_id"):
        measure = database.row("measures", row["measure_id"])
        title = measure_name(measure["title"], measure["issue"], 50) if measure else ""
        extra = f" รอบ {row['round']} เดือน" if table == "progress" else f" «{_short(row['text'])}»"
        return f"{what}{extra} ของมาตรการ «{title}»"
    if table == "measures":
        return f"{what} «{measure_name(row.get('title'), row.get('issue'), 50)}»"
    for key in ("title", "name", "role", "text", "number", "year"):
        if row.get(key) not in (None, ""):
            return f"{what} «{_short(str(row[key]))}»"
    return what


def _short(text: Any, limit: int = 50) -> str:
    value = "" if text is None else " ".join(str(text).split())
    return value if len(value) <= limit else value[: limit - 1] + "…"
