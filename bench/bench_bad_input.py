"""Bench (not a test): how fast, and in how much memory, the worst inputs of issue 17 are refused.

Each case builds its file in a temporary folder, then runs the real CLI in a child process and records the
wall time and the child's peak RSS (os.wait4 on POSIX; on Windows the time only). Prints one line per case and
the worst. Goal: every refusal within 5 s and 500 MB. Local documents past the limits (a table of 1.4 M rows, a year of
20,001 measures, a 300 MB file) are refused by check, export and merge, and as copies by bring-in and merge.
Run: python bench/bench_bad_input.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = b'{"format": "ita-desktop/2", "years": [{"fiscal_year": 2567, '


def deep_json(folder: Path) -> Path:
    path = folder / "deep.json"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    return path


def long_number(folder: Path) -> Path:
    path = folder / "number.json"
    path.write_bytes(HEADER + b'"assessment": {"year": ' + b"9" * 5000 + b"}}]}")
    return path


def spaces_2gb(folder: Path) -> Path:
    path = folder / "spaces.json"
    with path.open("wb") as fh:  # sparse: 2 GB long, no disk used
        fh.write(b'{"format": "ita-desktop/2"}')
        fh.seek(2 * 1024**3)
        fh.write(b" ")
    return path


def measures_100k(folder: Path) -> Path:
    path = folder / "measures.json"
    measures = [{"title": f"มาตรการ {i}"} for i in range(100_000)]
    path.write_text(json.dumps({"format": "ita-desktop/2", "years": [{"fiscal_year": 2567, "measures": measures}]},
                               ensure_ascii=False), encoding="utf-8")
    return path


def title_1mb(folder: Path) -> Path:
    path = folder / "title.json"
    path.write_text(json.dumps({"format": "ita-desktop/2", "years": [
        {"fiscal_year": 2567, "measures": [{"title": "ก" * 1_000_000}]}]}, ensure_ascii=False), encoding="utf-8")
    return path


def _workbook(folder: Path, name: str, sheet: Callable[[zipfile.ZipFile], None]) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        sheet(archive)
    return path


def rows_1m(folder: Path) -> Path:
    def sheet(archive: zipfile.ZipFile) -> None:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b"<worksheet><sheetData>")
            for start in range(1, 1_000_001, 10_000):
                part.write(b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r)
                                    for r in range(start, start + 10_000)))
            part.write(b"</sheetData></worksheet>")

    return _workbook(folder, "rows.xlsx", sheet)


def zip_bomb(folder: Path) -> Path:
    def sheet(archive: zipfile.ZipFile) -> None:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            block = b" " * (1 << 20)
            for _ in range(512):  # 512 MB of XML in a file of about 0.5 MB
                part.write(block)

    return _workbook(folder, "bomb.xlsx", sheet)


def billion_laughs(folder: Path) -> Path:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "lol">{entities}]><worksheet>&l9;</worksheet>'
    return _workbook(folder, "laughs.xlsx", lambda archive: archive.writestr("xl/worksheets/sheet1.xml", xml))


def fifo(folder: Path) -> Path:
    path = folder / "pipe.ita"
    os.mkfifo(path)
    return path


def _grown(folder: Path, name: str, table: str, extra: int) -> Path:
    """The sample document with one row of ``table`` copied ``extra`` times (what another program could do)."""
    import shutil
    import sqlite3

    from ita_desktop.samples import create_sample_document

    sample = folder / "sample.ita"
    if not sample.exists():
        create_sample_document(sample)
    path = folder / name
    shutil.copy(sample, path)
    conn = sqlite3.connect(path)
    columns = ", ".join(f'"{row[1]}"' for row in conn.execute(f'PRAGMA table_info("{table}")') if row[1] != "id")
    with conn:
        conn.execute(f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {extra}) "
                     f'INSERT INTO "{table}"(id, {columns}) SELECT lower(hex(randomblob(16))), {columns} '
                     f'FROM n, (SELECT * FROM "{table}" WHERE deleted = 0 LIMIT 1)')
    conn.close()
    return path


def rows_1_4m(folder: Path) -> Path:
    path = folder / "rows-1.4m.ita"
    if not path.exists():  # made once, used by several commands
        _grown(folder, path.name, "steps", 1_400_000)
    return path


def rows_210k(folder: Path) -> Path:
    """Past the row limit while under the size limit: the bounded count refuses it."""
    return _grown(folder, "rows-210k.ita", "steps", 210_000)


def measures_20k(folder: Path) -> Path:
    return _grown(folder, "measures-20k.ita", "measures", 20_001)


def sparse_300mb(folder: Path) -> Path:
    path = _grown(folder, "big-file.ita", "steps", 1)
    with path.open("r+b") as fh:
        fh.truncate(300 * 1024 * 1024)
    return path


def pdf_title_1mb(folder: Path) -> Path:
    """Not a refusal: a document holding a 1 MB title (written by another program) exported to PDF."""
    import sqlite3

    path = _grown(folder, "title.ita", "steps", 1)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE measures SET title = ? WHERE id = (SELECT id FROM measures LIMIT 1)", ("ก" * 1_000_000,))
    conn.close()
    return path


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "JSON nested 100,000 deep": (deep_json, "import"),
    "JSON 5,000-digit number": (long_number, "import"),
    "JSON 2 GB of spaces": (spaces_2gb, "import"),
    "JSON 100,000 measures": (measures_100k, "import"),
    "JSON 1 MB one-line title": (title_1mb, "import"),
    "XLSX 1,000,000 rows": (rows_1m, "import"),
    "XLSX zip bomb 512 MB": (zip_bomb, "import"),
    "XLSX billion laughs": (billion_laughs, "import"),
    "local .ita 1.4 M rows: check": (rows_1_4m, "check"),
    "local .ita 1.4 M rows: export": (rows_1_4m, "export"),
    "local .ita 1.4 M rows: merge": (rows_1_4m, "merge-into"),
    "copy 1.4 M rows: bring-in": (rows_1_4m, "bring-in"),
    "copy 1.4 M rows: merge": (rows_1_4m, "merge-from"),
    "local .ita 210,000 rows: check": (rows_210k, "check"),
    "local .ita 210,000 rows: merge": (rows_210k, "merge-into"),
    "local 20,001 measures: check": (measures_20k, "check"),
    "local 300 MB file: check": (sparse_300mb, "check"),
    "PDF of a 1 MB title (cut)": (pdf_title_1mb, "export"),
}
if hasattr(os, "mkfifo"):
    CASES["check of a FIFO"] = (fifo, "check")


def run(args: list[str], env: dict[str, str]) -> tuple[float, float | None, int, str]:
    """(seconds, peak RSS in MB or None, exit code, first line of stderr)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "ita_desktop", *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert child.stderr is not None
    err = child.stderr.read().decode("utf-8", "replace")
    peak: float | None = None
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(child.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        child.returncode = code
        peak = usage.ru_maxrss / 1024  # KB on Linux
    else:
        code = child.wait()
    child.stderr.close()
    return time.perf_counter() - start, peak, code, err.strip().splitlines()[0] if err.strip() else ""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "ITA_DESKTOP_DATA": str(folder / "data")}
        doc = folder / "doc.ita"
        subprocess.run([sys.executable, "-m", "ita_desktop", "new", str(doc), "--org", "x", "--year", "2567"],
                       check=True, env=env, capture_output=True, cwd=ROOT)
        worst_time, worst_mem = ("", 0.0), ("", 0.0)
        for name, (make, command) in CASES.items():
            path = make(folder)
            args = {"import": ["import", str(doc), str(path)], "export": ["export", str(path), str(folder / "out.pdf")],
                    "merge-into": ["merge", str(path), str(doc)], "merge-from": ["merge", str(doc), str(path)],
                    }.get(command, [command, str(path)])
            seconds, peak, code, message = run(args, env)
            mem = f"{peak:7.0f} MB" if peak is not None else "      ? MB"
            print(f"{name:<32} {seconds:6.2f} s {mem}  exit {code}  {message[:90]}")
            worst_time = max(worst_time, (name, seconds), key=lambda x: x[1])
            if peak is not None:
                worst_mem = max(worst_mem, (name, peak), key=lambda x: x[1])
            if not path.name.startswith("rows-1.4m") or name.endswith("merge"):  # the big file serves several
                path.unlink()
            (folder / "out.pdf").unlink(missing_ok=True)
        print(f"worst time: {worst_time[1]:.2f} s ({worst_time[0]}); worst peak memory: {worst_mem[1]:.0f} MB "
              f"({worst_mem[0]}); goal 5 s and 500 MB")


if __name__ == "__main__":
    main()
