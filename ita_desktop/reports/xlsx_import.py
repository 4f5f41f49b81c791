"""Import the Excel template (or a department's sheet with the same headers) into a fiscal year.

The sheets are turned into the interchange form and passed through the JSON reader, so both imports follow the
same rules; only the places in its error messages are translated back into sheet, row and column. Nothing is
returned (and so nothing written) unless every row is valid. A sheet with content the import does not read (a
renamed progress sheet, say) and a formula no program has calculated (a script's, read as empty) are errors
naming the sheet and cell: skipping them would drop or blank data without a word.

Matching: a measure row with a known id updates that measure, keeping what the sheet has no column for (and the
due dates and ids of its steps, position by position); a row without an id is a new measure. A progress row is
matched by its id, else by measure, round and step. Rows only ever add or change data: a progress entry missing
from the sheet is kept, never deleted, since a row dropped in Excel is more often an accident than a wish.
"""

from __future__ import annotations

import contextlib
import re
import warnings
import zipfile
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ita_desktop.domain.model import Document, Organization, Status, YearPlan
from ita_desktop.errors import UserError, ValidationError
from ita_desktop.interchange.json_reader import FORMAT, read_document
from ita_desktop.interchange.json_writer import measure_json
from ita_desktop.interchange.limits import MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, check_workbook
from ita_desktop.reports.office.sheet_columns import (
    INFO_ORG,
    INFO_SHEET,
    INFO_YEAR,
    MEASURE_COLUMNS,
    MEASURE_SHEET,
    PROGRESS_COLUMNS,
    PROGRESS_SHEET,
    REPORT_SHEET,
    normalise_header,
)
from ita_desktop.reports.office.sheet_reader import (
    _LEADING_NUMBER,
    CellError,
    SheetRow,
    data_rows,
    uncached_formulas,
    where,
)
from ita_desktop.thai.digits import to_arabic_digits

_T = TypeVar("_T")
MAX_REPORTED = 3  # problems named in the message (one paragraph); all of them go to PROBLEMS_FILE
PROBLEMS_FILE = "import-problems.txt"  # in the user data folder, rewritten by each import that fails
_PATH = re.compile(r"^years\[0\]\.measures\[(\d+)\](?:\.progress\[(\d+)\])?(?:\.([a-z_]+))?")
_MEASURE_FIELDS = {c.key for c in MEASURE_COLUMNS}
_PROGRESS_FIELDS = {"round": "round", "step": "step", "status": "status", "done_on": "done_on",
                    "result": "result", "outcome": "outcome", "evidence_urls": "evidence_urls", "id": "id"}


class XlsxImportError(ValidationError):
    """Bad cells, each named by sheet, row and column; ``problems`` lists them all. The message stays one
    paragraph, as a clerk reads it: how many, the first few, and where the whole list is."""

    def __init__(self, problems: list[str]) -> None:
        shown = "; ".join(p.replace("\n", " ") for p in problems[:MAX_REPORTED])
        if len(problems) <= MAX_REPORTED:
            summary = shown
        else:
            listed = _write_all(problems)
            where = (f"ดูรายการทั้งหมดได้ที่ {listed} (the full list)" if listed else
                     "แก้ช่องเหล่านี้แล้วนำเข้าอีกครั้ง โปรแกรมจะแจ้งช่องที่เหลือ")
            summary = (f"พบ {len(problems):,} ช่องที่ต้องแก้ ({len(problems):,} problems), เช่น {shown}; "
                       f"… และอีก {len(problems) - MAX_REPORTED:,} รายการ — {where}")
        super().__init__("xlsx", summary)
        self.message = f"นำเข้าไม่ได้ ไม่มีการเปลี่ยนแปลงเอกสาร (nothing was imported): {summary}"
        self.problems = problems


def _write_all(problems: list[str]) -> Path | None:
    """The whole list, one problem a line, in the user data folder; None when it cannot be written (a full
    disk is no reason to hide the first problems)."""
    from ita_desktop.paths import data_dir

    try:
        target = data_dir() / PROBLEMS_FILE
        target.write_text("\n".join(problems) + "\n", encoding="utf-8")
    except OSError:
        return None
    return target


@dataclass
class _Place:
    sheet: str
    row: int


@dataclass
class _Assembly:
    """The interchange dict being built, and where each of its measures and progress entries came from."""

    measures: list[dict[str, Any]] = field(default_factory=list)
    measure_rows: dict[int, _Place] = field(default_factory=dict)  # index in measures -> sheet row
    progress_rows: dict[tuple[int, int], _Place] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)
    by_order: dict[int, int] = field(default_factory=dict)


def _open(path: Path) -> Workbook:
    check_workbook(path)  # size, parts, inflated size, no DTD: before openpyxl parses anything
    return _parsed(path, lambda: load_workbook(path, data_only=True))


def _parsed(path: Path, read: Callable[[], _T]) -> _T:
    """What openpyxl reads from a workbook, any fault of the file's a UserError (malformed XML is a SyntaxError
    from lxml or ElementTree; a part missing or of the wrong kind a KeyError, TypeError, ...); its warnings
    (which quote the file's path) are not printed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return read()
    except FileNotFoundError:
        raise UserError(f"{path} does not exist. ไม่พบไฟล์") from None
    except UserError:
        raise
    except (zipfile.BadZipFile, SyntaxError, KeyError, OSError, ValueError, TypeError, AttributeError,
            IndexError, EOFError) as exc:
        why = f"{type(exc).__name__}: {str(exc)[:200]}" if str(exc) else type(exc).__name__
        raise UserError(f"{path.name} is not an Excel .xlsx workbook, or a damaged one ({why}); nothing was "
                        "imported. ไฟล์ Excel ไม่ถูกต้องหรือเสียหาย") from None


def _check_size(path: Path, book: Workbook) -> None:
    for sheet in book.worksheets:
        if sheet.max_row > MAX_SHEET_ROWS or sheet.max_column > MAX_SHEET_COLUMNS:
            raise UserError(f"{path.name}: sheet '{sheet.title}' has {sheet.max_row:,} rows and "
                            f"{sheet.max_column:,} columns, more than the limit of {MAX_SHEET_ROWS:,} rows and "
                            f"{MAX_SHEET_COLUMNS} columns; nothing was imported. แผ่นงานมีขนาดใหญ่เกินไป")


def _info(book: Workbook) -> tuple[int | None, str]:
    """Fiscal year and organisation name from the เอกสาร sheet, when there is one."""
    if INFO_SHEET not in book.sheetnames:
        return None, ""
    sheet = book[INFO_SHEET]
    year: int | None = None
    org = ""
    for r, row in enumerate(sheet.iter_rows(min_row=1, max_row=20, max_col=2, values_only=True), 1):
        label, value = normalise_header(row[0]), row[1] if len(row) > 1 else None
        if label == normalise_header(INFO_YEAR) and value is not None:
            text = to_arabic_digits(str(value)).strip().removesuffix(".0")
            if not text.isdigit() or not 2400 <= int(text) <= 2700:
                raise XlsxImportError([f"{where(INFO_SHEET, r, INFO_YEAR)}: ต้องเป็นปี พ.ศ. เช่น 2567 "
                                       f"ไม่ใช่ {value!r}"])
            year = int(text)
        elif label == normalise_header(INFO_ORG) and value is not None:
            org = str(value).strip()
    return year, org


def _measure_sheet(book: Workbook) -> Worksheet:
    if MEASURE_SHEET in book.sheetnames:
        return book[MEASURE_SHEET]
    others = [s for s in book.worksheets if s.title not in (INFO_SHEET, PROGRESS_SHEET)]
    if len(others) == 1:  # a department's single sheet under another name
        return others[0]
    raise UserError(f"The workbook has no sheet named '{MEASURE_SHEET}'. ไม่พบแผ่นงาน '{MEASURE_SHEET}'")


def _unknown_sheets(book: Workbook, measures: Worksheet) -> list[str]:
    """Sheets with content the import would not read (a renamed progress sheet, say): never skipped silently."""
    known = {INFO_SHEET, PROGRESS_SHEET, measures.title}
    return [f"แผ่นงาน '{s.title}': ไม่รู้จักแผ่นงานนี้ จึงนำเข้าไม่ได้ ถ้าเป็นแผ่นงานผลการดำเนินการให้เปลี่ยนชื่อกลับเป็น "
            f"'{PROGRESS_SHEET}' หรือลบแผ่นงานที่ไม่ต้องการนำเข้า (unknown sheet '{s.title}': the import reads only "
            f"'{INFO_SHEET}', '{MEASURE_SHEET}' and '{PROGRESS_SHEET}'; rename it back, or delete it)"
            for s in book.worksheets if s.title not in known and not _blank(s)]


def _blank(sheet: Worksheet) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip())
               for row in sheet.iter_rows(values_only=True) for v in row)


class _Importer:
    def __init__(self, plan: YearPlan | None) -> None:
        self.current = {m.id: m for m in plan.measures} if plan else {}
        self.out = _Assembly()
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.named_ids: set[str] = set()  # progress ids some row of the sheet names: those rows take them

    def _claimed_later(self, entry: dict[str, Any]) -> bool:
        return entry.get("id") in self.named_ids

    # -- measures --------------------------------------------------------------------------------------------
    def measure(self, row: SheetRow, position: int) -> None:
        m_id = row.optional_id("id")
        base: dict[str, Any] = deepcopy(measure_json(self.current[m_id])) if m_id in self.current else {}
        if m_id in self.out.by_id:
            raise row.error("id", f"รหัส {m_id} ซ้ำกับแถวก่อนหน้า (id used twice)")
        m = base
        if m_id:
            m["id"] = m_id
        m.pop("indicator", None)
        m["indicators"] = _indicator_numbers(row)
        for key in ("issue", "title", "guideline", "monitoring"):
            if row.has(key):
                m[key] = row.text(key)
        if row.has("steps"):
            old = base.get("steps", [])
            m["steps"] = [{**(old[i] if i < len(old) else {}), "text": text}
                          for i, text in enumerate(row.steps("steps"))]
        if row.has("units"):
            m["units"] = row.lines("units", strip_bullets=True)
        for key in ("start", "end"):
            if row.has(key):
                day = row.day(key, self.warnings)
                m[key] = day.isoformat() if day else None
        if row.has("rounds"):
            m["rounds"] = row.rounds("rounds")
        m.setdefault("progress", [])
        index = len(self.out.measures)
        self.out.measures.append(m)
        self.out.measure_rows[index] = _Place(row.sheet, row.row_number)
        if m_id:
            self.out.by_id[m_id] = index
        order = row.number("order") if row.has("order") else position
        if order is not None:
            self.out.by_order.setdefault(order, index)

    # -- progress --------------------------------------------------------------------------------------------
    def _target(self, row: SheetRow) -> int:
        m_id = row.optional_id("measure_id")
        if m_id:
            if m_id not in self.out.by_id:
                if m_id not in self.current:
                    raise row.error("measure_id", f"ไม่พบมาตรการรหัส {m_id} (unknown measure id)")
                self.out.by_id[m_id] = len(self.out.measures)  # reported on but not listed: keep it whole
                self.out.measures.append(deepcopy(measure_json(self.current[m_id])))
            return self.out.by_id[m_id]
        order = row.number("order") if row.has("order") else None
        if order is None or order not in self.out.by_order:
            raise row.error("measure_id" if order is None else "order",
                            "ไม่ทราบว่าเป็นผลของมาตรการใด: ใส่รหัสมาตรการหรือลำดับมาตรการ")
        return self.out.by_order[order]

    def progress(self, row: SheetRow, seen: dict[tuple[int, int], int]) -> None:
        """One progress row: it updates the entry with its id, or the next entry of its (round, step) no earlier
        row took, or adds an entry (a step may have several entries in one round)."""
        p_id = row.optional_id("id")
        status = row.status("status")
        done_on = row.day("done_on", self.warnings)
        result, outcome = row.text("result"), row.text("outcome")
        evidence = row.lines("evidence_urls")
        if not p_id and status is None and not (done_on or result.strip() or outcome.strip() or evidence):
            return  # a row left for a report nobody has written yet
        index = self._target(row)
        round_ = row.number("round")
        if round_ is None:
            raise row.error("round", "ต้องระบุรอบ (๓, ๖, ๙ หรือ ๑๒)")
        step = row.step("step") if row.has("step") else None
        if status is None:
            status = Status.DONE if done_on else Status.IN_PROGRESS
            self.warnings.append(f"{where(row.sheet, row.row_number, row.headers['status'])}: ไม่ได้ระบุสถานะ "
                                 f"ถือว่า '{status.thai}'")
        entry = {"round": round_, "step": step, "status": status.value,
                 "done_on": done_on.isoformat() if done_on else None, "result": result, "outcome": outcome,
                 "evidence_urls": evidence}
        progress: list[dict[str, Any]] = self.out.measures[index]["progress"]
        j = next((k for k, p in enumerate(progress) if p_id and p.get("id") == p_id), None)
        if j is not None and (index, j) in seen:
            raise row.error("id", f"รหัส {p_id} ซ้ำกับแถว {seen[(index, j)]} (id used twice)")
        if j is None and not p_id:
            j = next((k for k, p in enumerate(progress) if (p["round"], p.get("step")) == (round_, step)
                      and (index, k) not in seen and not self._claimed_later(p)), None)
        if j is None:
            progress.append({**entry, **({"id": p_id} if p_id else {})})
            j = len(progress) - 1
        else:
            progress[j].update(entry)
        seen[(index, j)] = row.row_number
        self.out.progress_rows[(index, j)] = _Place(row.sheet, row.row_number)

    # -- error places ----------------------------------------------------------------------------------------
    def locate(self, path: str) -> str | None:
        """'years[0].measures[3].end' -> "แผ่นงาน 'มาตรการ' แถว 5 คอลัมน์ 'วันสิ้นสุด'" (None if not from a sheet)."""
        match = _PATH.match(path)
        if not match:
            return None
        mi, pj, name = int(match.group(1)), match.group(2), match.group(3)
        name = "indicator" if name == "indicators" else name  # one sheet column holds all of a measure's
        if pj is not None and (mi, int(pj)) in self.out.progress_rows:
            place = self.out.progress_rows[(mi, int(pj))]
            column = next((c.header for c in PROGRESS_COLUMNS if c.key == _PROGRESS_FIELDS.get(name or "")), None)
            return where(place.sheet, place.row, column)
        if mi in self.out.measure_rows:
            place = self.out.measure_rows[mi]
            column = next((c.header for c in MEASURE_COLUMNS if c.key == name and name in _MEASURE_FIELDS), None)
            return where(place.sheet, place.row, column if pj is None else None)
        return None


def _indicator_numbers(row: SheetRow) -> list[int]:
    """The measure's indicators: empty (none), a number, '2, 3', or one '๒. การใช้งบประมาณ' per line."""
    value = row.raw("indicator")
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    if not isinstance(value, str):
        number = row.number("indicator")
        return [] if number is None else [number]
    lines = [line for line in value.splitlines() if line.strip()]
    if len(lines) == 1 and re.fullmatch(r"[0-9๐-๙]+(\s*,\s*[0-9๐-๙]+)+", lines[0].strip()):
        return [int(to_arabic_digits(n)) for n in re.findall(r"[0-9๐-๙]+", lines[0])]
    numbers = []
    for line in lines:
        found = _LEADING_NUMBER.match(line)
        if found is None:
            raise row.error("indicator", f"ต้องเป็นตัวเลข ไม่ใช่ {line.strip()!r} (must be indicator numbers)")
        numbers.append(int(to_arabic_digits(found.group(1))))
    return numbers


def import_xlsx(path: Path, current: Document,
                check: Callable[[Document], None] | None = None) -> tuple[Document, list[str]]:
    """Validate the workbook completely; return the measures to add/update (as a Document) and warnings.

    ``check`` sees the result first; a ValidationError it raises is reported at the sheet, row and column."""
    book = _open(path)
    _check_size(path, book)
    if REPORT_SHEET in book.sheetnames and MEASURE_SHEET not in book.sheetnames:
        raise UserError(f"{path.name} is a report workbook (made for printing), not the data workbook this import "
                        "reads; export the data workbook with `ita-desktop export FILE.ita OUT.xlsx --doc data` "
                        "(in the window: Excel แบบฟอร์มข้อมูล), fill it in, and import that. ไฟล์นี้เป็นรายงานสำหรับพิมพ์ "
                        "ไม่ใช่แบบฟอร์มข้อมูล จึงนำเข้าไม่ได้")
    measure_sheet = _measure_sheet(book)
    structural = _unknown_sheets(book, measure_sheet) + _parsed(path, lambda: uncached_formulas(path, book))
    if structural:
        raise XlsxImportError(structural)
    year, org_name = _info(book)
    if year is None:
        latest = current.latest_year()
        if latest is None:
            raise UserError("The workbook names no fiscal year and the document has none. "
                            f"ไม่ทราบปีงบประมาณ: ใส่ '{INFO_YEAR}' ในแผ่นงาน '{INFO_SHEET}'")
        year = latest.fiscal_year
    importer = _Importer(current.year(year))
    if INFO_SHEET not in book.sheetnames:
        importer.warnings.append(f"ไม่มีแผ่นงาน '{INFO_SHEET}': นำเข้าในปีงบประมาณ {year}")
    sheets: list[tuple[Worksheet, bool]] = [(measure_sheet, True)]
    if PROGRESS_SHEET in book.sheetnames:
        sheets.append((book[PROGRESS_SHEET], False))
    seen: dict[tuple[int, int], int] = {}  # (measure, entry) -> the row that wrote it
    for sheet, is_measures in sheets:
        try:
            rows, warnings = data_rows(sheet, MEASURE_COLUMNS if is_measures else PROGRESS_COLUMNS)
        except CellError as exc:
            importer.errors.append(exc.text)
            continue
        importer.warnings += warnings
        if not is_measures:
            for row in rows:
                with contextlib.suppress(CellError):  # reported when the row itself is read
                    importer.named_ids.add(row.optional_id("id") or "")
        for position, row in enumerate(rows, 1):
            try:
                if is_measures:
                    importer.measure(row, position)
                else:
                    importer.progress(row, seen)
            except CellError as exc:
                importer.errors.append(exc.text)
    if importer.errors:
        raise XlsxImportError(importer.errors)
    data = {"format": FORMAT, "years": [{"fiscal_year": year, "measures": importer.out.measures}]}
    plan = current.year(year)
    known = {i.number for i in plan.indicators} if plan else None
    try:
        document, warnings = read_document(data, lambda fy: known if fy == year else None)
        if check is not None:
            check(document)
    except ValidationError as exc:
        place = importer.locate(exc.path)
        raise XlsxImportError([f"{place or exc.path}: {exc.problem}"]) from None
    for warning in warnings:
        field_path, _, text = warning.partition(": ")
        place = importer.locate(field_path)
        importer.warnings.append(f"{place}: {text}" if place else warning)
    if org_name and not current.organization.name:
        document.organization = Organization(**{**vars(current.organization), "name": org_name})
    return document, importer.warnings
