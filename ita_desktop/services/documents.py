"""Create, import, export and check documents: the services both the CLI and the GUI call."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ita_desktop.domain.catalogue import DEFAULT_SIGNATORY_ROLES, DEFAULT_UNITS
from ita_desktop.domain.model import Document, Organization, Signatory
from ita_desktop.domain.profiles import ExportProfile
from ita_desktop.domain.validation import Severity, year_problems
from ita_desktop.errors import BadFileError, UserError, ValidationError
from ita_desktop.interchange.json_reader import read_document
from ita_desktop.interchange.json_writer import document_json
from ita_desktop.services.import_ids import check_import_ids
from ita_desktop.storage.database import Database, integrity_problems
from ita_desktop.storage.repositories import DocumentRepository

if TYPE_CHECKING:  # the backups module loads only when an import writes
    from ita_desktop.sync.backups import Backup

ProgressCallback = Callable[[int, int, str], None]  # (done, total, what) — may raise to cancel


def new_document(path: Path, org: Organization, fiscal_year: int) -> None:
    """A new document with the organization, the standard units and the year's indicator catalogue."""
    if not 2400 <= fiscal_year <= 2700:
        raise UserError(f"--year {fiscal_year} is not a Buddhist-era fiscal year (e.g. 2567). "
                        "ปีงบประมาณต้องเป็น พ.ศ.")
    with Database.create(path) as database:
        repo = DocumentRepository(database)
        with database.transaction():
            repo.save_organization(org)
            repo.add_units(list(DEFAULT_UNITS))
            year_id = repo.ensure_year(fiscal_year)
            repo.save_signatories(year_id, [Signatory(role=r) for r in DEFAULT_SIGNATORY_ROLES])


def ensure_default_document(path: Path) -> Path:
    """Create the per-user default document on first run."""
    if not path.exists():
        from datetime import date

        from ita_desktop.thai.calendar import fiscal_year_of

        new_document(path, Organization(), fiscal_year_of(date.today()))
    return path


def load(path: Path) -> Document:
    """The whole document, opened read-only."""
    with Database.open(path, read_only=True) as database:
        database.refuse_if_empty()
        try:
            return DocumentRepository(database).load_document()
        except UNREADABLE_ROW as exc:  # a row another tool wrote that we cannot read
            _unless_unreadable(exc)
            raise BadFileError(
                f"{path} holds a value ITA Desktop cannot read ({type(exc).__name__}: {exc}); it may have been "
                "edited with another program. Use a backup, or run `ita-desktop check` on it. "
                "ไฟล์มีข้อมูลที่โปรแกรมอ่านไม่ได้"
            ) from exc


# What reading a row another program wrote can raise: a value of the wrong type or size, or text that is not
# UTF-8 (SQLite: "Could not decode to UTF-8 column ..."); any other OperationalError is not the row's fault.
UNREADABLE_ROW = (ValueError, KeyError, TypeError, OverflowError, sqlite3.OperationalError)


def _unless_unreadable(exc: Exception) -> None:
    if isinstance(exc, sqlite3.OperationalError) and "decode" not in str(exc).lower():
        raise exc


def read_json(data_path: Path) -> object:
    """The parsed JSON of a file from elsewhere, its size, depth, numbers, texts and keys held to the limits."""
    from ita_desktop.interchange.limits import parse_json

    return parse_json(data_path)


def import_document(path: Path, incoming: Document) -> Backup:
    """Add or update an already validated document in one transaction, after a verified backup (so an
    import can be undone by restoring it: ita-desktop backups / restore, or Ctrl+Z in the window, see
    sync.operation_undo). Returns that 'before-import' backup."""
    from ita_desktop.sync.backups import take_backup

    with Database.open(path) as database:
        backup = take_backup(database, "before-import")
        DocumentRepository(database).save_document(incoming)
    return backup


@dataclass(frozen=True)
class Imported:
    """What an import said (warnings) and the backup taken just before it wrote (None: it created the file)."""

    warnings: list[str]
    backup: Backup | None


def import_file(path: Path, data_path: Path) -> list[str]:
    """Validate a JSON, XLSX or DOCX file completely, then add/update it in one transaction. Returns warnings.

    When ``path`` does not exist, JSON is imported into a new, blank document (no seeded units, years or
    signatories), so an exported document imported this way is reproduced exactly, ids included.
    """
    return import_data(path, data_path).warnings


def import_data(path: Path, data_path: Path) -> Imported:
    """``import_file``, also telling the backup taken before the write (what undoing the import restores)."""
    suffix = data_path.suffix.lower()
    if suffix == ".docx":  # an office's own Word plan or report: see services.office_import
        from ita_desktop.services.office_import import preview_old_document, write_preview

        written = write_preview(path, preview_old_document(path, data_path))
        return Imported(written.summary.warnings, written.backup)
    if not path.exists() and suffix == ".json":
        incoming, warnings = read_document(read_json(data_path))
        _import_into_new(path, incoming)
        return Imported(warnings, None)
    with Database.open(path, read_only=True) as database:
        repo = DocumentRepository(database)

        def catalogue(fy: int) -> set[int] | None:
            year_id = repo.year_id(fy)
            return None if year_id is None else {i.number for i in repo.indicators(year_id)}

        def check_ids(incoming: Document) -> None:  # no id may move a row from where it is
            check_import_ids(repo, incoming)

        if suffix == ".json":
            incoming, warnings = read_document(read_json(data_path), catalogue)
            check_ids(incoming)
        elif suffix == ".xlsx":
            from ita_desktop.services.exporting import load_importer

            incoming, warnings = load_importer(suffix)(data_path, repo.load_document(), check_ids)
        else:
            raise UserError(f"Cannot import {data_path.name}: use a .json, .xlsx or .docx file.")
    return Imported(warnings, import_document(path, incoming))


def _import_into_new(path: Path, incoming: Document) -> None:
    """Create ``path`` holding exactly ``incoming``; no file is left behind if that fails."""
    with Database.create(path) as database:  # built under a temporary name, in place only when complete
        DocumentRepository(database).save_document(incoming)


def export_json(path: Path, out: Path) -> None:
    """Write the whole document as interchange JSON (atomically: never a half-written file)."""
    payload = json.dumps(document_json(load(path)), ensure_ascii=False, indent=2)
    write_atomically(out, payload.encode("utf-8"))


def write_atomically(out: Path, data: bytes) -> None:
    """Write next to the target, flush, then rename over it, so a reader never sees half a file."""
    import os

    tmp = out.with_name(f".{out.name}.tmp")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):  # a cleanup on a read-only or pulled drive is not a second error
            tmp.unlink(missing_ok=True)
        raise UserError(f"Cannot write {out}: {exc.strerror or exc}. บันทึกไฟล์ไม่ได้") from None


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)  # the file itself is damaged
    warnings: list[str] = field(default_factory=list)  # content worth a look

    @property
    def ok(self) -> bool:
        return not self.problems


def check_document(path: Path) -> CheckReport:
    """Full integrity check of the file, then the content rules, in plain words. Writes nothing anywhere near
    the file: it is read immutable, and a file whose last save did not finish is checked on a private copy."""
    import tempfile

    from ita_desktop.paths import data_dir
    from ita_desktop.storage.side_files import unfinished_save
    from ita_desktop.sync.quarantine import recovered_copy

    report = CheckReport()
    side = unfinished_save(path)
    if side is None:
        return _check_closed(path, report)
    report.warnings.append(
        f"{path.name} has an unfinished save (a {side} file is beside it); it was checked as it will be once "
        f"opened, on a private copy, and nothing was written. ไฟล์มีการบันทึกที่ค้างอยู่ ตรวจจากสำเนาโดยไม่แก้ไขไฟล์")
    with tempfile.TemporaryDirectory(prefix="check-", dir=data_dir()) as tmp:
        try:
            private = recovered_copy(path, Path(tmp))
        except UserError as exc:
            report.problems.append(exc.message)
            return report
        return _check_closed(private, report, immutable=False)


def _check_closed(path: Path, report: CheckReport, *, immutable: bool = True) -> CheckReport:
    try:
        database = Database.open(path, read_only=True, immutable=immutable)
    except BadFileError as exc:
        report.problems.append(exc.message)
        return report
    with database:
        try:
            database.refuse_if_empty()
        except BadFileError as exc:
            report.problems.append(exc.message)
            return report
        report.problems += [f"SQLite integrity check: {p}" for p in integrity_problems(database.conn, full=True)]
        fk = database.conn.execute(
            "SELECT count(*) FROM steps s LEFT JOIN measures m ON m.id = s.measure_id WHERE m.id IS NULL"
        ).fetchone()[0]
        if fk:
            report.problems.append(f"{fk} step(s) belong to no measure")
        try:
            doc = DocumentRepository(database).load_document()
        except UNREADABLE_ROW as exc:
            _unless_unreadable(exc)
            report.problems.append(f"a row cannot be read: {exc}")
            return report
    for plan in doc.years:
        for where, problem in year_problems(plan):
            line = f"{plan.fiscal_year} {where}.{problem.field}: {problem.english} ({problem.thai})"
            (report.problems if problem.severity == Severity.ERROR and "evidence" not in problem.field
             else report.warnings).append(line)
    return report


__all__ = ["CheckReport", "Imported", "ProgressCallback", "ValidationError", "check_document", "export_json",
           "import_data", "import_file", "load", "new_document"]


def save_profile(path: Path, profile: ExportProfile) -> bool:
    """Keep an export profile in the document (one committed change, like every edit); True when it changed."""
    with Database.open(path) as database:
        before = database.version_vector()
        DocumentRepository(database).save_profile(profile)
        return database.version_vector() != before
