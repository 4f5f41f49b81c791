"""The NACC's ITA framework as seeded into a new fiscal year; editable per year because it changes."""

from __future__ import annotations

from ita_desktop.domain.model import Indicator, Tool

TOOL_NAMES: dict[Tool, str] = {
    Tool.IIT: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (Internal Integrity and Transparency Assessment: IIT)",
    Tool.EIT: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (External Integrity and Transparency Assessment: EIT)",
    Tool.OIT: "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment: OIT)",
}

DEFAULT_INDICATORS: tuple[tuple[int, Tool, str], ...] = (
    (1, Tool.IIT, "การปฏิบัติหน้าที่"),
    (2, Tool.IIT, "การใช้งบประมาณ"),
    (3, Tool.IIT, "การใช้อำนาจ"),
    (4, Tool.IIT, "การใช้ทรัพย์สินของราชการ"),
    (5, Tool.IIT, "การแก้ไขปัญหาการทุจริต"),
    (6, Tool.EIT, "คุณภาพการดำเนินงาน"),
    (7, Tool.EIT, "ประสิทธิภาพการสื่อสาร"),
    (8, Tool.EIT, "การปรับปรุงระบบการทำงาน"),
    (9, Tool.OIT, "การเปิดเผยข้อมูล"),
    (10, Tool.OIT, "การป้องกันการทุจริต"),
)

DEFAULT_UNITS: tuple[str, ...] = (
    "สำนักปลัด",
    "กองคลัง",
    "กองช่าง",
    "กองการศึกษา ศาสนาและวัฒนธรรม",
    "กองสาธารณสุขและสิ่งแวดล้อม",
    "กองสวัสดิการสังคม",
    "หน่วยตรวจสอบภายใน",
)

DEFAULT_SIGNATORY_ROLES: tuple[str, ...] = ("ผู้จัดทำ", "ผู้รายงาน", "ผู้อนุมัติ")

# Most offices report at 6 and 12 months; some add 3 and 9.
DEFAULT_ROUNDS: tuple[int, ...] = (6, 12)

TARGET_SCORE = 85.0
# The NACC's target by the fiscal year assessed, where a year's catalogue sets another than TARGET_SCORE.
TARGETS_BY_YEAR: dict[int, float] = {}

LEVELS: tuple[tuple[str, float], ...] = (
    ("AA", 95.0), ("A", 85.0), ("B", 75.0), ("C", 65.0), ("D", 55.0), ("E", 50.0), ("F", 0.0),
)


def default_indicators() -> list[Indicator]:
    """A fresh copy of the standard ten indicators, with new ids."""
    return [Indicator(number=n, tool=t, name=name) for n, t, name in DEFAULT_INDICATORS]


def level_of(score: float) -> str:
    """ITA level (AA … F) of a total score."""
    return next(level for level, floor in LEVELS if score >= floor)


def target_score(assessed_year: int | None) -> float:
    """The target score of the ITA of a fiscal year (85 unless that year's catalogue says otherwise)."""
    return TARGETS_BY_YEAR.get(assessed_year, TARGET_SCORE) if assessed_year is not None else TARGET_SCORE
