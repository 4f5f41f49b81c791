"""Limits on files from elsewhere, checked before any parser sees them: the one place they are declared.

A JSON or Excel file a clerk imports, or a document file brought in to merge, may be damaged or made to hurt
(a zip that inflates to gigabytes, JSON nested 100,000 deep, a 5,000-digit number, a FIFO that never ends).
Each limit is far above any real office's document and is named in the refusal, so a clerk with a real document
that hits one can say which. Measured on the sample plan (10 measures; its workbook 60 rows, 670 cells, 120 KB
unpacked, 11 parts) ×100: 1,000 measures, 6,000 rows, 67,000 cells, 12 MB; every limit is at least three times
that. Only regular files are read (a symlink counts as the file it points to): a FIFO, a device or a folder is
refused before it is opened, and the file is opened non-blocking, so nothing can make a command wait forever.

- read_regular: the bytes of a regular file, refused above a size limit.
- parse_json: JSON text → Python values, with duplicate keys, depth, number length, text length and list
  length checked; every fault is a UserError naming the file (and the path inside it where there is one).
- check_workbook: an .xlsx zip's entry count, inflated sizes and compression ratios, and no DTD in any of its
  XML parts, all read from the zip directory and streamed parts before openpyxl parses anything.
- check_word_file: the same for a .docx (an office's own Word document) before python-docx parses it; its
  pictures may make it larger than a workbook, but its XML is held to the same limits.
"""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path
from typing import Any

from ita_desktop.errors import UserError, ValidationError

MB = 1024 * 1024
MAX_JSON_BYTES = 64 * MB  # the sample plan is 26 KB; a whole office's ten years well under 5 MB
MAX_JSON_DEPTH = 32  # the interchange format nests 6 levels
MAX_NUMBER_DIGITS = 30  # a year has 4 digits, a score a few
MAX_WHOLE_NUMBER = 2**31 - 1  # a year, indicator or step number (SQLite's integers overflow at 2**63)
MAX_TEXT_CHARS = 100_000  # one text (a title, a guideline): the sample's longest has 168 characters
MAX_LIST_ITEMS = 20_000  # measures per year, steps per measure, ...: the sample has 10 measures
MAX_XLSX_BYTES = 32 * MB  # the sample's workbook packs to 16 KB
MAX_ZIP_ENTRIES = 2_000
MAX_INFLATED_BYTES = 64 * MB  # all the XML inside the workbook, unpacked
MAX_PART_RATIO = 200  # unpacked / packed size of one part above 1 MB (sheet XML packs 5–20×)
MAX_SHEET_ROWS = 20_000
MAX_SHEET_CELLS = 200_000  # openpyxl reads 200,000 cells in about 3 s and 140 MB
MAX_SHEET_COLUMNS = 200
MAX_DOCX_BYTES = 64 * MB  # a Word plan or report with its pictures (the seeds' tables pack to 30 KB)
MAX_DOCX_INFLATED_BYTES = 256 * MB  # everything inside the .docx unpacked, pictures included
MAX_DOCUMENT_BYTES = 256 * MB  # a document file (.ita) from elsewhere: a year's plan is well under 10 MB
MAX_TABLE_ROWS = 200_000  # rows of one table in a document from elsewhere (merge, bring-in, restore)

_NOT_USED = "it was not used and nothing was changed. ไฟล์นี้ใช้ไม่ได้ (ไม่มีการเปลี่ยนแปลงใด ๆ)"


def _refuse(path: Path, why: str) -> UserError:
    return UserError(f"{path.name} {why}; {_NOT_USED}")


def regular_size(path: Path, limit: int, what: str = "an ITA Desktop file") -> int:
    """The size of ``path`` once it is known to be a regular file (symlinks followed) within ``limit``."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise UserError(f"{path} does not exist. ไม่พบไฟล์") from None
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}. อ่านไฟล์ไม่ได้") from None
    if stat.S_ISDIR(st.st_mode):
        raise UserError(f"{path} is a folder, not a file (Is a directory); {_NOT_USED}")
    if not stat.S_ISREG(st.st_mode):
        raise UserError(f"{path} is not a regular file (it is a pipe, a socket or a device); {_NOT_USED}")
    if st.st_size > limit:
        raise _refuse(path, f"is {st.st_size / MB:.0f} MB, larger than the {limit // MB} MB limit for {what} "
                            "(far larger than any real one)")
    return st.st_size


def read_regular(path: Path, limit: int, what: str) -> bytes:
    """All bytes of a regular file no larger than ``limit``; opened non-blocking, so a FIFO can never hang."""
    regular_size(path, limit, what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}. อ่านไฟล์ไม่ได้") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a FIFO between the stat and the open
            raise UserError(f"{path} is not a regular file (it is a pipe, a socket or a device); {_NOT_USED}")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}. อ่านไฟล์ไม่ได้") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _refuse(path, f"is larger than the {limit // MB} MB limit for {what}")
    return data


# -- JSON ---------------------------------------------------------------------------------------------------
class _Pairs(dict[str, Any]):
    """A JSON object that had a key twice (the parser's hook cannot know where it is; the walk can)."""

    duplicate: str = ""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            marked = _Pairs(result)
            marked.duplicate = key
            return marked
        result[key] = value
    return result


def _number(text: str) -> str:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _LongNumber(text)
    return text


class _LongNumber(ValueError):
    pass


def _walk(value: Any) -> tuple[str, str] | None:
    """(path, problem) of the first value past a limit or a duplicated key, depth first; iterative."""
    stack: list[tuple[Any, str, int]] = [(value, "", 1)]
    while stack:
        item, path, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return path, f"is nested deeper than {MAX_JSON_DEPTH} levels (the JSON depth limit)"
        if isinstance(item, dict):
            if isinstance(item, _Pairs):
                where = f"{path}.{item.duplicate}" if path else item.duplicate
                return where, "is given twice in the same object (a duplicate key) / มีคีย์ซ้ำ"
            stack.extend((v, f"{path}.{k}" if path else str(k), depth + 1) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            if len(item) > MAX_LIST_ITEMS:
                return path, f"has {len(item):,} entries, more than the limit of {MAX_LIST_ITEMS:,}"
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in reversed(list(enumerate(item))))
        elif isinstance(item, str) and len(item) > MAX_TEXT_CHARS:
            return path, f"is {len(item):,} characters long, more than the limit of {MAX_TEXT_CHARS:,} for one text"
    return None


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # the first bytes of a character, then the end of the file
            raise _refuse(path, "is cut off: it ends in the middle of a character, so the file is incomplete "
                                "(copy it again) / ไฟล์ไม่ครบ (ถูกตัดกลางทาง)") from None
        raise UserError(f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 JSON. "
                        "ไฟล์ไม่ได้บันทึกเป็น UTF-8") from None


def parse_json(path: Path) -> Any:
    """The JSON value of ``path``, every limit checked; UserError (exit 2) or ValidationError (4) otherwise."""
    text = _decode(path, read_regular(path, MAX_JSON_BYTES, "a JSON file"))
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_int=lambda s: int(_number(s)),
                           parse_float=lambda s: float(_number(s)), parse_constant=_no_constant)
    except _LongNumber as exc:
        raise _refuse(path, f"holds a number {len(str(exc)):,} digits long (the limit is {MAX_NUMBER_DIGITS})") \
            from None
    except RecursionError:
        raise _refuse(path, f"is nested far deeper than the limit of {MAX_JSON_DEPTH} levels") from None
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise _refuse(path, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: it stops before its "
                                "end, so the file is cut off / incomplete; copy it again) / ไฟล์ไม่ครบ") from None
        raise UserError(f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
                        "ไฟล์ JSON ไม่ถูกต้อง") from None
    found = _walk(value)
    if found is not None:
        raise ValidationError(found[0] or "(the whole file)", found[1])
    return value


def _no_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a number JSON allows", name, 0)


# -- XLSX ---------------------------------------------------------------------------------------------------
_DTD_MARKS = (b"<!doctype", b"<!entity")


def check_workbook(path: Path) -> None:
    """Refuse a workbook whose zip is too big unpacked, has too many parts, or holds a DTD, before it is parsed."""
    _check_office_zip(path, MAX_XLSX_BYTES, MAX_INFLATED_BYTES, "an Excel workbook", "an Excel .xlsx workbook")


def check_word_file(path: Path) -> None:
    """Refuse a .docx whose zip is too big, too many parts, a zip bomb, or holds a DTD, before it is parsed."""
    _check_office_zip(path, MAX_DOCX_BYTES, MAX_DOCX_INFLATED_BYTES, "a Word document", "a Word .docx document")


def _check_office_zip(path: Path, max_bytes: int, max_inflated: int, what: str, kind: str) -> None:
    regular_size(path, max_bytes, what.replace("an Excel workbook", "an Excel file"))
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise _refuse(path, f"holds {len(entries):,} parts, more than the limit of {MAX_ZIP_ENTRIES:,} "
                                    f"for {what}")
            total = sum(e.file_size for e in entries)
            xml = sum(e.file_size for e in entries if e.filename.endswith((".xml", ".rels", ".vml")))
            if total > max_inflated or xml > MAX_INFLATED_BYTES:
                limit = max_inflated if total > max_inflated else MAX_INFLATED_BYTES
                raise _refuse(path, f"unpacks to {max(total, xml) / MB:,.0f} MB, more than the {limit // MB} MB "
                                    f"limit for {what} (a zip bomb or a file far larger than any plan)")
            for entry in entries:
                if entry.file_size > MB and entry.file_size > MAX_PART_RATIO * max(entry.compress_size, 1):
                    raise _refuse(path, f"has a part ({entry.filename}) packed more than {MAX_PART_RATIO}× "
                                        "(a zip bomb, not a file someone typed)")
            for entry in entries:
                if entry.filename.endswith((".xml", ".rels", ".vml")):
                    _scan_part(path, archive, entry)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise UserError(f"{path.name} is not {kind} ({exc}); nothing was imported. "
                        f"{'ไฟล์ Excel' if 'Excel' in kind else 'ไฟล์ Word'} ไม่ถูกต้อง") from None
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}. อ่านไฟล์ไม่ได้") from None


def _scan_part(path: Path, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    """Stream one XML part: no DTD, UTF-8, no more bytes than the directory says, and for a sheet its rows and
    cells counted against the limits (openpyxl would build an object per cell before anyone could look)."""
    sheet = entry.filename.startswith("xl/worksheets/")
    rows = cells = 0
    with archive.open(entry) as part:
        head = part.read(4)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:4] in (b"\x00<\x00?", b"<\x00?\x00"):
            raise _refuse(path, f"has a part ({entry.filename}) that is not UTF-8 XML (Office writes only UTF-8)")
        carry, read = head, len(head)
        while True:
            block = part.read(1 << 20)
            read += len(block)
            if read > entry.file_size:  # more than the directory said: refuse rather than trust it
                raise _refuse(path, f"has a part ({entry.filename}) larger than its zip directory says")
            data = carry + block
            cut = data.rfind(b"<") if block else len(data)  # every mark starts with "<": never split one
            if cut <= 0:
                cut = len(data)
            chunk, carry = data[:cut].lower(), data[cut:]
            if any(mark in chunk for mark in _DTD_MARKS):
                raise _refuse(path, f"has a DTD in {entry.filename} (<!DOCTYPE or <!ENTITY: Excel and Word never "
                                    "write one; it can make a reader fetch files or expand text without end)")
            if sheet:
                rows += chunk.count(b"<row ") + chunk.count(b"<row>")
                cells += chunk.count(b"<c ") + chunk.count(b"<c>")
                if rows > MAX_SHEET_ROWS or cells > MAX_SHEET_CELLS:
                    raise _refuse(path, f"has a sheet ({entry.filename}) of more than {MAX_SHEET_ROWS:,} rows or "
                                        f"{MAX_SHEET_CELLS:,} cells (the limits for a sheet to import)")
            if not block:
                return
