"""Import last year's plan or report as the office wrote it: Word (.docx) or its published PDF.

``ita-desktop import FILE.ita OLD.docx|OLD.pdf`` and the window's preview both go through here. The file is read
once (``prepare``: office_docs.docx_tables or office_docs.pdf_tables) into blocks; ``preview`` reads those blocks
with the detected column mapping or the clerk's (office_docs.columns) into interchange data and validates it like
every import, writing nothing; ``write_preview`` writes it: no id may move a row, a backup is taken (restoring
it undoes the import), one transaction (a FILE.ita that does not exist is created from what the document says,
built under a temporary name). A file that is not a .docx or .pdf, is damaged, too big, a zip bomb,
password-protected, a scan without text, or holds no table with known headings changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ita_desktop.domain.model import Document
from ita_desktop.errors import UserError, ValidationError
from ita_desktop.interchange.json_reader import read_document
from ita_desktop.office_docs.columns import ColumnChoice, Mapping, apply_choices, mapping_problem
from ita_desktop.office_docs.document_reader import Reading, reading_of
from ita_desktop.office_docs.docx_tables import Block
from ita_desktop.office_docs.matching import Summary, interchange
from ita_desktop.office_docs.thai_repair import Repairs

if TYPE_CHECKING:  # the backups module loads only when an import writes
    from ita_desktop.sync.backups import Backup

OLD_DOCUMENT_SUFFIXES = (".docx", ".pdf")
NO_TABLE = ("{name} holds no table with the headings of a measures plan or report (มาตรการ, ขั้นตอน/วิธีการปฏิบัติ, "
            "ผู้รับผิดชอบ, ผลการดำเนินการ, …); nothing was imported.")
NO_TABLE_TH = "ไม่พบตารางมาตรการที่มีหัวตารางที่รู้จักในไฟล์นี้ จึงไม่ได้นำเข้า"
UNRULED = (" Its tables have no ruled lines, and their columns could not be told from the text alone: import the Word "
           "file it was made from, or a PDF of it with the table's lines drawn.")
UNRULED_TH = " (ตารางในไฟล์ PDF นี้ไม่มีเส้นตาราง ให้นำเข้าจากไฟล์ Word ต้นฉบับ หรือไฟล์ PDF ที่มีเส้นตาราง)"


def no_table(prepared: Prepared) -> str:
    """The message for a document with no table of measures; a PDF without ruled lines says why, and what to do."""
    unruled = prepared.source == "pdf" and not prepared.ruled
    return (NO_TABLE.format(name=prepared.path.name) + (UNRULED if unruled else "") + " " + NO_TABLE_TH
            + (UNRULED_TH if unruled else ""))


@dataclass
class Prepared:
    """An old document read once: its blocks, and for a PDF its pages and the Thai repaired in it."""

    path: Path
    blocks: list[Block]
    source: str  # docx | pdf
    pages: int = 0
    repairs: Repairs | None = None
    ruled: int = 0  # a PDF's tables found by their drawn lines

    def notes(self) -> list[str]:
        """What the clerk should know of the source (a PDF's text is to be checked)."""
        if self.source != "pdf":
            return []
        repaired = self.repairs.places if self.repairs else 0
        return [f"text read from a PDF ({self.pages} page(s)); {repaired} place(s) of Thai text repaired — check the "
                f"text against the document / ข้อความอ่านจากไฟล์ PDF ซ่อมแซมตัวอักษรไทย {repaired} แห่ง "
                "โปรดตรวจทานข้อความกับเอกสารต้นฉบับ"]


@dataclass
class Preview:
    """What importing a prepared document into a target would do; nothing is written until ``write_preview``."""

    prepared: Prepared
    reading: Reading
    summary: Summary
    document: Document  # the validated incoming document
    columns: dict[int, Mapping] = field(default_factory=dict)  # the clerk's mapping (table index → fields)
    year: int | None = None
    round: int | None = None
    current: Document | None = None  # the target as it was read for this preview (None: a new file)

    @property
    def detected(self) -> list[Mapping]:
        return [t.detected for t in self.reading.found]


def prepare(data_path: Path) -> Prepared:
    """Read a .docx or .pdf into blocks; UserError (nothing read) for any other or a bad one."""
    suffix = data_path.suffix.lower()
    if suffix == ".docx":
        from ita_desktop.office_docs.docx_tables import read_blocks

        return Prepared(data_path, read_blocks(data_path), "docx")
    if suffix == ".pdf":
        from ita_desktop.office_docs.pdf_tables import read_pdf

        pdf = read_pdf(data_path)
        return Prepared(data_path, pdf.blocks, "pdf", pdf.pages, pdf.repairs, pdf.ruled)
    raise UserError(f"Cannot read {data_path.name} as an office's document: use a Word .docx file or its PDF. "
                    "ใช้ไฟล์ Word (.docx) หรือ PDF")


def preview(prepared: Prepared, current: Document | None, *, year: int | None = None, round_: int | None = None,
            columns: dict[int, Mapping] | None = None, choices: list[ColumnChoice] | None = None) -> Preview:
    """The document to import (validated) and what importing it does; nothing is written. ``columns``: the
    clerk's mapping of some tables; ``choices``: ``--map`` values, applied over the detected mapping."""
    if round_ is not None and round_ not in (3, 6, 9, 12):
        raise UserError(f"--round must be 3, 6, 9 or 12, not {round_}. รอบต้องเป็น ๓ ๖ ๙ หรือ ๑๒")
    columns = dict(columns or {})
    for index, keys in columns.items():
        problem = mapping_problem(keys)
        if problem:
            raise UserError(f"table {index + 1}: {problem}")
    plan = current.year(year) if current is not None and year is not None else None
    names = {i.number: i.name for i in plan.indicators} if plan else {}
    units = list(current.units) if current else []
    reading = reading_of(prepared.blocks, units, names, round_=round_, columns=columns)
    if not reading.tables:
        raise UserError(no_table(prepared), exit_code=4)
    if choices:
        columns.update(apply_choices([t.detected for t in reading.found], choices))
        reading = reading_of(prepared.blocks, units, names, round_=round_, columns=columns)
    fiscal_year = year or reading.fiscal_year
    if fiscal_year is None and current is not None and current.latest_year() is not None:
        latest = current.latest_year()
        assert latest is not None
        fiscal_year = latest.fiscal_year
        reading.warnings.append(f"the document names no fiscal year; imported into {fiscal_year} "
                                f"(ไม่ระบุปีงบประมาณ นำเข้าในปี {fiscal_year})")
    if fiscal_year is None:
        raise UserError(f"{prepared.path.name} names no fiscal year (ประจำปีงบประมาณ พ.ศ. …); give it with --year, "
                        "e.g. --year 2566. ไม่พบปีงบประมาณในเอกสาร ระบุด้วย --year", exit_code=4)
    if not 2400 <= fiscal_year <= 2700:
        raise UserError(f"--year {fiscal_year} is not a Buddhist-era fiscal year (e.g. 2567). ปีงบประมาณต้องเป็น พ.ศ.")
    data, summary = interchange(reading, fiscal_year, current)
    summary.notes = prepared.notes()
    plan = current.year(fiscal_year) if current else None
    known = {i.number for i in plan.indicators} if plan and plan.indicators else None
    document, warnings = read_document(data, lambda fy: known if fy == fiscal_year else None)
    summary.warnings += warnings
    return Preview(prepared, reading, summary, document, columns, year, round_, current)


def _current(path: Path) -> Document | None:
    from ita_desktop.storage.database import Database
    from ita_desktop.storage.repositories import DocumentRepository

    if not path.exists():
        return None
    with Database.open(path, read_only=True) as database:
        return DocumentRepository(database).load_document()


def preview_old_document(path: Path, data_path: Path, *, year: int | None = None, round_: int | None = None,
                         choices: list[ColumnChoice] | None = None) -> Preview:
    """Read the old document and what importing it into ``path`` would do (``--dry-run``); writes nothing."""
    return preview(prepare(data_path), _current(path), year=year, round_=round_, choices=choices)


def remapped(shown: Preview, table: int, keys: Mapping) -> Preview:
    """The preview again with table ``table`` read with ``keys`` (the clerk changed a column)."""
    return preview(shown.prepared, shown.current, year=shown.year, round_=shown.round,
                   columns={**shown.columns, table: keys})


@dataclass(frozen=True)
class Written:
    """What an import of an old document did, and the backup taken just before it wrote (None: it created the
    file); restoring that backup undoes the import (sync.operation_undo)."""

    summary: Summary
    backup: Backup | None


def write_preview(path: Path, shown: Preview) -> Written:
    """Import what the preview showed, read again against ``path`` as it is now (one transaction)."""
    from ita_desktop.services.documents import _import_into_new, import_document
    from ita_desktop.services.import_ids import check_import_ids
    from ita_desktop.storage.database import Database
    from ita_desktop.storage.repositories import DocumentRepository

    current = _current(path)
    fresh = preview(shown.prepared, current, year=shown.year, round_=shown.round, columns=shown.columns)
    if current is None:
        _import_into_new(path, fresh.document)
        return Written(fresh.summary, None)
    with Database.open(path, read_only=True) as database:
        try:
            check_import_ids(DocumentRepository(database), fresh.document)
        except ValidationError as exc:  # ids come only from the target's own measures: a bug if this fails
            raise UserError(f"{shown.prepared.path.name}: {exc.message}") from None
    return Written(fresh.summary, import_document(path, fresh.document))


def import_old_document(path: Path, data_path: Path, *, year: int | None = None, round_: int | None = None,
                        choices: list[ColumnChoice] | None = None) -> Summary:
    """Read the Word or PDF file completely, then add it to ``path`` (created when it does not exist)."""
    shown = preview_old_document(path, data_path, year=year, round_=round_, choices=choices)
    return write_preview(path, shown).summary
