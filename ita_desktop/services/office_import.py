"""Import last year's plan or report as the office wrote it in Word (``ita-desktop import FILE.ita OLD.docx``).

The Word file is read by ita_desktop.office_docs into interchange data, then goes the way of every import: the
JSON reader validates it, no id may move a row, a backup is taken, and it is written in one transaction (a
FILE.ita that does not exist is created from what the document says, built under a temporary name). A file that
is not a .docx, is damaged, too big or a zip bomb, or holds no table with known headings changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from ita_desktop.domain.model import Document
from ita_desktop.errors import UserError, ValidationError
from ita_desktop.interchange.json_reader import read_document
from ita_desktop.office_docs.document_reader import reading_of
from ita_desktop.office_docs.docx_tables import read_blocks
from ita_desktop.office_docs.matching import Summary, interchange

OLD_DOCUMENT_SUFFIXES = (".docx",)
NO_TABLE = ("{name} holds no table with the headings of a measures plan or report (มาตรการ, ขั้นตอน/วิธีการปฏิบัติ, "
            "ผู้รับผิดชอบ, ผลการดำเนินการ, …); nothing was imported. ไม่พบตารางมาตรการที่มีหัวตารางที่รู้จักในไฟล์นี้ "
            "จึงไม่ได้นำเข้า")


def read_old_document(data_path: Path, current: Document | None, *, year: int | None = None,
                      round_: int | None = None) -> tuple[Document, Summary]:
    """The document to import (validated) and what importing it does; nothing is written."""
    if round_ is not None and round_ not in (3, 6, 9, 12):
        raise UserError(f"--round must be 3, 6, 9 or 12, not {round_}. รอบต้องเป็น ๓ ๖ ๙ หรือ ๑๒")
    blocks = read_blocks(data_path)
    fy_hint = year
    plan = None
    if current is not None:
        plan = current.year(year) if year is not None else None
    names = {i.number: i.name for i in plan.indicators} if plan else {}
    units = list(current.units) if current else []
    reading = reading_of(blocks, units, names, round_=round_)
    if not reading.tables:
        raise UserError(NO_TABLE.format(name=data_path.name), exit_code=4)
    fiscal_year = fy_hint or reading.fiscal_year
    if fiscal_year is None and current is not None and current.latest_year() is not None:
        latest = current.latest_year()
        assert latest is not None
        fiscal_year = latest.fiscal_year
        reading.warnings.append(f"the document names no fiscal year; imported into {fiscal_year} "
                                f"(ไม่ระบุปีงบประมาณ นำเข้าในปี {fiscal_year})")
    if fiscal_year is None:
        raise UserError(f"{data_path.name} names no fiscal year (ประจำปีงบประมาณ พ.ศ. …); give it with --year, e.g. "
                        "--year 2566. ไม่พบปีงบประมาณในเอกสาร ระบุด้วย --year", exit_code=4)
    if not 2400 <= fiscal_year <= 2700:
        raise UserError(f"--year {fiscal_year} is not a Buddhist-era fiscal year (e.g. 2567). ปีงบประมาณต้องเป็น พ.ศ.")
    data, summary = interchange(reading, fiscal_year, current)
    plan = current.year(fiscal_year) if current else None
    known = {i.number for i in plan.indicators} if plan and plan.indicators else None
    document, warnings = read_document(data, lambda fy: known if fy == fiscal_year else None)
    summary.warnings += warnings
    return document, summary


def import_old_document(path: Path, data_path: Path, *, year: int | None = None,
                        round_: int | None = None) -> Summary:
    """Read the Word file completely, then add it to ``path`` (created when it does not exist)."""
    from ita_desktop.services.documents import _import_into_new, import_document
    from ita_desktop.services.import_ids import check_import_ids
    from ita_desktop.storage.database import Database
    from ita_desktop.storage.repositories import DocumentRepository

    if data_path.suffix.lower() not in OLD_DOCUMENT_SUFFIXES:
        raise UserError(f"Cannot read {data_path.name} as an office's document: use a Word .docx file. "
                        "ใช้ไฟล์ Word (.docx)")
    if not path.exists():
        incoming, summary = read_old_document(data_path, None, year=year, round_=round_)
        _import_into_new(path, incoming)
        return summary
    with Database.open(path, read_only=True) as database:
        repo = DocumentRepository(database)
        current = repo.load_document()
        incoming, summary = read_old_document(data_path, current, year=year, round_=round_)
        try:
            check_import_ids(repo, incoming)
        except ValidationError as exc:  # ids come only from the target's own measures: a bug if this fails
            raise UserError(f"{data_path.name}: {exc.message}") from None
    import_document(path, incoming)
    return summary
