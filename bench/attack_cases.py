"""Bench (not a test): re-create every case of issue 17 against the real CLI and say which still need a fix.

For each case: the exit code, the first line of the message, the wall time, the child's peak memory, whether
the bytes of the target stayed as they were, and which files the command left behind where it should leave none.
A case is marked FIX when it crashes (exit 70), hangs (killed after TIMEOUT s), takes more than 5 s or 500 MB,
says more than one paragraph, leaves a half-made file, or changes the target it refused to change.

The faults are real where this runs as root on Linux: a 2 MB tmpfs filled to a few kilobytes (a full disk), the
same tmpfs remounted read-only (root ignores permission bits, not a read-only mount). Elsewhere those cases are
skipped and say so. Run: sudo python bench/attack_cases.py [WORD ...]  (only the cases whose name holds a WORD)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from bench_bad_input import billion_laughs, deep_json, fifo, rows_1m, spaces_2gb, title_1mb

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120.0
GOAL_SECONDS, GOAL_MB = 5.0, 500.0
MOUNT = Path("/mnt/ita-full-attack")


@dataclass
class Outcome:
    code: int
    seconds: float
    peak_mb: float | None
    out: str
    err: str

    @property
    def first_line(self) -> str:
        text = self.err.strip() or self.out.strip()
        return text.splitlines()[0] if text else ""


def run(args: list[str], env: dict[str, str], timeout: float = TIMEOUT) -> Outcome:
    """Run the CLI in a child, its peak RSS from wait4; a child past ``timeout`` is killed (exit -9)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "ita_desktop", *args], stdout=out, stderr=err, env=env,
                                 cwd=ROOT, stdin=subprocess.DEVNULL)
        code, peak = _wait(child, start + timeout)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Outcome(code, seconds, peak, out.read().decode("utf-8", "replace"),
                       err.read().decode("utf-8", "replace"))


def _wait(child: subprocess.Popen[bytes], deadline: float) -> tuple[int, float | None]:
    if not hasattr(os, "wait4"):
        try:
            return child.wait(timeout=max(deadline - time.perf_counter(), 0)), None
        except subprocess.TimeoutExpired:
            child.kill()
            return -9, None
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)
            return child.returncode, usage.ru_maxrss / 1024
        if time.perf_counter() > deadline:
            child.send_signal(signal.SIGKILL)
        time.sleep(0.02)


def sha(path: Path) -> str | None:
    """Streamed: a child's peak memory includes what this process held when it forked, so it must stay small."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def names(folder: Path | None) -> set[str]:
    if folder is None or not folder.exists():
        return set()
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.name != "filler" and not p.is_dir()}


@dataclass
class Bench:
    folder: Path
    env: dict[str, str]
    sound: Path
    only: list[str]
    rows: list[tuple[str, Outcome | None, str]] = field(default_factory=list)
    to_fix: list[str] = field(default_factory=list)

    def wanted(self, name: str) -> bool:
        return not self.only or any(w.lower() in name.lower() for w in self.only)

    def attempt(self, name: str, args: list[str], *, target: Path | None = None, watch: Path | None = None,
                allowed: Callable[[int], set[str]] = lambda code: set(), ok_codes: tuple[int, ...] = (),
                env: dict[str, str] | None = None, one_paragraph: bool = True) -> Outcome | None:
        """Run one case and record it. ``watch``: a folder where nothing may be left beyond ``allowed(code)``
        (names relative to it); ``target``: bytes that must stay unchanged unless the command succeeded."""
        if not self.wanted(name):
            return None
        before_names, before = names(watch), sha(target) if target else None
        outcome = run(args, env or self.env)
        left = sorted(names(watch) - before_names - allowed(outcome.code))
        changed = target is not None and outcome.code != 0 and sha(target) != before
        problems = []
        if outcome.code == 70:
            problems.append("crash (exit 70)")
        if outcome.code == -9:
            problems.append(f"hangs (killed after {TIMEOUT:.0f} s)")
        elif outcome.seconds > GOAL_SECONDS:
            problems.append(f"slow ({outcome.seconds:.1f} s)")
        if outcome.peak_mb is not None and outcome.peak_mb > GOAL_MB:
            problems.append(f"memory ({outcome.peak_mb:.0f} MB)")
        if ok_codes and outcome.code not in ok_codes:
            problems.append(f"exit {outcome.code}, expected {'/'.join(map(str, ok_codes))}")
        if left:
            problems.append(f"left {', '.join(left)}")
        if changed:
            problems.append("target changed")
        lines = outcome.err.strip().count("\n") + 1 if outcome.err.strip() else 0
        if one_paragraph and lines > 1:
            problems.append(f"{lines}-line message")
        if "Traceback" in outcome.err or "Warning:" in outcome.err:
            problems.append("traceback or warning printed")
        self.record(name, outcome, "; ".join(problems), unchanged="-" if target is None else
                    ("changed" if sha(target) != before else "same"))
        return outcome

    def record(self, name: str, outcome: Outcome | None, problem: str, unchanged: str = "-") -> None:
        if outcome is None:
            print(f"{name:<52} skipped: {problem}", flush=True)
            return
        mem = f"{outcome.peak_mb:6.0f} MB" if outcome.peak_mb is not None else "     ? MB"
        mark = f"  <-- FIX: {problem}" if problem else ""
        print(f"{name:<52} exit {outcome.code:>3} {outcome.seconds:6.2f} s {mem} bytes {unchanged:<7} "
              f"{outcome.first_line[:100]}{mark}", flush=True)
        self.rows.append((name, outcome, problem))
        if problem:
            self.to_fix.append(name)


# -- files that are bad ---------------------------------------------------------------------------------------
def made_on_success(code: int, name: str, root: Path | None = None) -> set[str]:
    """What a command may leave when it succeeds: the file it makes, and (``root``) its backups and working
    copies in a data folder there; nothing when it fails."""
    if code != 0:
        return set()
    data = {n for n in names(root) if n.startswith("data/")} if root is not None else set()
    return data | ({name} if name else set())


def write_json(path: Path, data: object | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def plan(**year: object) -> dict[str, object]:
    return {"format": "ita-desktop/2", "years": [{"fiscal_year": 2567, **year}]}


def sound_workbook(bench: Bench) -> Path:
    path = bench.folder / "data.xlsx"
    if not path.exists():
        subprocess.run([sys.executable, "-m", "ita_desktop", "export", str(bench.sound), str(path), "--doc", "data"],
                       check=True, env=bench.env, capture_output=True, cwd=ROOT)
    return path


def rewritten(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """A copy of a zip whose parts pass through ``change`` (None leaves a part out)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)
    return target


def first_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def workbook_cases(bench: Bench) -> Iterator[tuple[str, Path]]:
    book, f = sound_workbook(bench), bench.folder
    yield "XLSX malformed sheet XML", rewritten(book, f / "bad-sheet.xlsx",
                                                lambda n, d: d[: len(d) // 2] if first_sheet(n) else d)
    yield "XLSX malformed workbook XML", rewritten(book, f / "bad-book.xlsx",
                                                   lambda n, d: b"<workbook><sheets>" if n == "xl/workbook.xml" else d)
    xxe = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'

    def with_dtd(name: str, data: bytes) -> bytes:
        return xxe + re.sub(rb"^<\?xml[^>]*\?>", b"", data) if first_sheet(name) else data

    yield "XLSX DTD entity (XXE)", rewritten(book, f / "xxe.xlsx", with_dtd)
    yield "XLSX billion laughs", billion_laughs(f)
    yield "XLSX without styles", rewritten(book, f / "no-styles.xlsx", lambda n, d: None if n == "xl/styles.xml" else d)

    def unknown_extension(name: str, data: bytes) -> bytes:  # openpyxl warns (UserWarning) and drops it
        ext = b'<extLst><ext uri="{00000000-0000-0000-0000-000000000000}"><x/></ext></extLst></worksheet>'
        return data.replace(b"</worksheet>", ext) if first_sheet(name) else data

    yield "XLSX with an unknown extension (openpyxl UserWarning)", rewritten(book, f / "ext.xlsx", unknown_extension)
    yield "XLSX 1,000,000 rows", rows_1m(f)
    yield "XLSX 5,000,000 rows", many_rows_5m(f)
    yield "XLSX 2 MB zip inflating to 2 GB", zip_bomb_2gb(f)


def many_rows_5m(folder: Path) -> Path:
    path = folder / "rows-5m.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b"<worksheet><sheetData>")
            for start in range(1, 5_000_001, 50_000):
                part.write(b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r)
                                    for r in range(start, start + 50_000)))
            part.write(b"</sheetData></worksheet>")
    return path


def zip_bomb_2gb(folder: Path) -> Path:
    path = folder / "bomb-2gb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            block = b" " * (1 << 24)
            for _ in range(128):
                part.write(block)
    return path


def damaged_copy(bench: Bench, name: str, sql: str, params: tuple[object, ...] = ()) -> Path:
    path = bench.folder / name
    shutil.copy(bench.sound, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql, params)
    conn.close()
    return path


def bad_input(bench: Bench) -> None:
    doc = bench.folder / "work.ita"
    f = bench.folder

    def fresh() -> Path:
        shutil.copy(bench.sound, doc)
        return doc

    jsons: list[tuple[str, Callable[[], Path]]] = [
        ("JSON nested 100,000 deep", lambda: deep_json(f)),
        ("JSON 5,000-digit integer", lambda: write_json(f / "n.json", b'{"format": "ita-desktop/2", "years": '
                                                        b'[{"fiscal_year": ' + b"9" * 5000 + b"}]}")),
        ("JSON 2**64 as a year", lambda: write_json(f / "y.json", plan(fiscal_year=2**64))),
        ("JSON 2**64 as an indicator", lambda: write_json(f / "i.json", plan(measures=[{"title": "x",
                                                                                       "indicator": 2**64}]))),
        ("JSON lone surrogate in a title", lambda: write_json(
            f / "s.json", b'{"format": "ita-desktop/2", "years": [{"fiscal_year": 2567, "measures": '
                          b'[{"title": "\\ud800"}]}]}')),
        ("JSON duplicate keys", lambda: write_json(f / "d.json", b'{"format": "evil", "format": "ita-desktop/1"}')),
        ("JSON cut inside a Thai character", lambda: write_json(
            f / "c.json", '{"format": "ita-desktop/2", "organization": {"name": "อบต'.encode()[:-1])),
        ("JSON 2 GB of spaces", lambda: spaces_2gb(f)),
        ("JSON 100,000 measures", lambda: write_json(f / "m.json", plan(
            measures=[{"title": f"มาตรการ {i}"} for i in range(100_000)]))),
        ("JSON 1,000,000-character title (import)", lambda: title_1mb(f)),
        ("JSON 300 bad measures (one paragraph?)", lambda: write_json(f / "many.json", plan(
            measures=[{"title": i, "indicator": "x", "steps": 5} for i in range(300)]))),
    ]
    for name, make in jsons:
        if bench.wanted(name):
            bench.attempt(name, ["import", str(fresh()), str(make())], target=doc, watch=f / "data" / "temp",
                          ok_codes=(2, 3, 4))
    for name, book in (workbook_cases(bench) if bench.wanted("XLSX") else ()):
        sound = "extension" in name  # openpyxl drops what it does not know: imported, its warning not printed
        bench.attempt(name, ["import", str(fresh()), str(book)], target=None if sound else doc,
                      ok_codes=(0,) if sound else (2, 3, 4))
        book.unlink()

    checks: list[tuple[str, Callable[[], Path]]] = [
        ("check: a missing table", lambda: damaged_copy(bench, "missing.ita", "DROP TABLE steps")),
        ("check: a virtual table in place of one", lambda: virtual_table(bench)),
        ("check: an empty SQLite file", lambda: empty_sqlite(f / "empty.ita")),
        ("check: year 99999", lambda: damaged_copy(bench, "year.ita", "UPDATE fiscal_years SET year = 99999")),
        ("check: invalid UTF-8 in a title", lambda: damaged_copy(
            bench, "utf8.ita", "UPDATE measures SET title = CAST(x'c3ffe0a0' AS TEXT)")),
        ("check: a FIFO", lambda: fifo(f)),
    ]
    for name, make in checks:
        if bench.wanted(name):
            path = make()
            bench.attempt(name, ["check", str(path)], target=None if name.endswith("FIFO") else path,
                          ok_codes=(1, 2, 3), one_paragraph=False)
            if name.endswith("FIFO"):
                bench.attempt("restore from a FIFO", ["restore", str(fresh()), str(path)], target=doc, ok_codes=(2, 3))
            path.unlink()

    if bench.wanted("font"):
        font = f / "cut.ttf"
        font.write_bytes((ROOT / "resources/fonts/Sarabun-Regular.ttf").read_bytes()[:3000])
        bench.attempt("export --font a truncated TTF", ["export", str(bench.sound), str(f / "o.pdf"), "--font",
                                                        str(font)], watch=f, ok_codes=(2,))
    pasted = "วางข้อความ\x00\x01\x08\x0b\x0c\x1b\ufffe\uffff จบ"
    for suffix in (".docx", ".xlsx", ".pdf"):
        name = f"export {suffix} of control characters"
        if bench.wanted(name):
            path = damaged_copy(bench, "pasted.ita", "UPDATE measures SET title = ? WHERE rowid = "
                                "(SELECT min(rowid) FROM measures)", (pasted,))
            out = f / f"pasted{suffix}"
            bench.attempt(name, ["export", str(path), str(out)], target=path, ok_codes=(0,),
                          allowed=partial(made_on_success, name=out.name))
            out.unlink(missing_ok=True)

    name = "PDF export of a 1,000,000-character title (cut)"
    if bench.wanted(name):
        path = damaged_copy(bench, "title.ita", "UPDATE measures SET title = ? WHERE rowid = "
                            "(SELECT min(rowid) FROM measures)", ("ก" * 1_000_000,))
        out = f / "title.pdf"
        bench.attempt(name, ["export", str(path), str(out)], target=path, ok_codes=(0,), watch=f,
                      allowed=partial(made_on_success, name=out.name))
        out.unlink(missing_ok=True)
        path.unlink()

    if bench.wanted("1,000,000-character title by merge") or bench.wanted("limits"):
        big_title_merge(bench)


def virtual_table(bench: Bench) -> Path:
    path = damaged_copy(bench, "virtual.ita", "DROP TABLE steps")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE VIRTUAL TABLE steps USING fts5(text)")
    conn.close()
    return path


def empty_sqlite(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.execute("DROP TABLE t")
    conn.close()
    return path


def big_title_merge(bench: Bench) -> None:
    """A title at the import's text limit, imported into one copy, must merge into the other."""
    mine, theirs = bench.folder / "mine.ita", bench.folder / "theirs.ita"
    shutil.copy(bench.sound, mine)
    shutil.copy(bench.sound, theirs)
    data = json.loads((ROOT / "ita_desktop/samples/sample.json").read_text(encoding="utf-8"))
    data["years"][0]["measures"][0]["title"] = "ก" * 100_000
    long = write_json(bench.folder / "long.json", data)
    bench.attempt("import a 100,000-character title (the limit)", ["import", str(theirs), str(long)],
                  ok_codes=(0,))
    bench.attempt("merge of that title into another copy", ["merge", str(mine), str(theirs)], ok_codes=(0, 5))
    bench.attempt("import of a 1,000,000-character title into it (refused)",
                  ["import", str(theirs), str(title_1mb(bench.folder))], target=theirs, ok_codes=(2, 4))


def made_in_child(call: str, folder: Path) -> Path:
    """A big file made by a child process (``call``: a bench_bad_input function called on the folder ``f``): the
    peak memory of a child counts what its parent held when it forked, so this process must stay small."""
    code = (f"import sys; from pathlib import Path; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'bench')!r}]; "
            f"import bench_bad_input as b; f = Path({str(folder)!r}); print(b.{call})")
    made = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    return Path(made.stdout.strip())


def local_limits(bench: Bench) -> None:
    if not bench.wanted("1.4 M"):
        return
    crowded = made_in_child("_grown(f, 'one-measure.ita', 'steps', 190_000)", bench.folder)
    bench.attempt("local 190,000 steps in one measure: check", ["check", str(crowded)], target=crowded,
                  ok_codes=(1,), one_paragraph=False)
    bench.attempt("local 190,000 steps in one measure: export PDF", ["export", str(crowded),
                                                                     str(bench.folder / "o.pdf")],
                  target=crowded, ok_codes=(3,), watch=bench.folder)
    crowded.unlink()
    big = made_in_child("rows_1_4m(f)", bench.folder)
    doc = bench.folder / "work.ita"
    shutil.copy(bench.sound, doc)
    bench.attempt("local 1.4 M rows: check", ["check", str(big)], target=big, ok_codes=(1, 2, 3),
                  one_paragraph=False)
    bench.attempt("local 1.4 M rows: export PDF", ["export", str(big), str(bench.folder / "o.pdf")], target=big,
                  ok_codes=(2, 3), watch=bench.folder)
    bench.attempt("local 1.4 M rows: merge into it", ["merge", str(big), str(doc)], target=big, ok_codes=(2, 3))
    bench.attempt("copy 1.4 M rows: merge it in", ["merge", str(doc), str(big)], target=doc, ok_codes=(2, 3))
    bench.attempt("copy 1.4 M rows: bring-in", ["bring-in", str(big)], target=big, ok_codes=(2, 3),
                  watch=bench.folder / "data")
    leftovers = [p for p in Path("/var/tmp").glob("etilqs_*")] if Path("/var/tmp").exists() else []
    print(f"{'SQLite temp files in /var/tmp':<52} {len(leftovers)}", flush=True)
    big.unlink()


# -- faults of the machine ------------------------------------------------------------------------------------
class Disk:
    """The 2 MB tmpfs: fill it, free it, make it read-only."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def fill(self, free_kb: int) -> None:
        filler = self.root / "filler"
        filler.unlink(missing_ok=True)
        st = os.statvfs(self.root)
        with filler.open("wb") as fh:
            fh.write(b"\0" * max(st.f_bavail * st.f_frsize - free_kb * 1024, 0))

    def clear(self) -> None:
        for p in self.root.iterdir():
            shutil.rmtree(p) if p.is_dir() else p.unlink()

    def remount(self, mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(self.root)], check=True)


@contextlib.contextmanager
def mounted() -> Iterator[Disk | None]:
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        yield None
        return
    MOUNT.mkdir(parents=True, exist_ok=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(MOUNT)], check=False).returncode:
        yield None
        return
    try:
        yield Disk(MOUNT)
    finally:
        subprocess.run(["umount", "-l", str(MOUNT)], check=False)


def write_commands(bench: Bench, disk: Disk) -> list[tuple[str, Callable[[], tuple[list[str], Path | None, str,
                                                                                   dict[str, str]]]]]:
    """Each write command set up on the disk: (args, target whose bytes must stay, name it may create, env)."""
    f, root = bench.folder, disk.root
    other = f / "other.ita"
    if not other.exists():
        shutil.copy(bench.sound, other)
        changed = json.loads((ROOT / "ita_desktop/samples/sample.json").read_text(encoding="utf-8"))
        changed["years"][0]["measures"][0]["title"] = "แก้ในอีกเครื่อง " + "ข" * 30_000
        write_json(f / "changed.json", changed)
        subprocess.run([sys.executable, "-m", "ita_desktop", "import", str(other), str(f / "changed.json")],
                       check=True, env=bench.env, capture_output=True, cwd=ROOT)
    backup = next((bench.folder / "data").rglob("*.ita"))  # the backup taken before that import

    def doc_on_disk() -> Path:
        shutil.copy(bench.sound, root / "งาน.ita")
        return root / "งาน.ita"

    def exporting(suffix: str) -> Callable[[], tuple[list[str], Path | None, str, dict[str, str]]]:
        return lambda: (["export", str(bench.sound), str(root / f"ออก{suffix}")], None, f"ออก{suffix}", bench.env)

    def brought_in() -> tuple[list[str], Path | None, str, dict[str, str]]:
        origin = doc_on_disk()
        done = run(["bring-in", str(origin)], bench.env)
        copy = re.search(r"(?:brought in as|already has the working copy) (.+?\.ita)\.", done.out)
        assert copy, done.out + done.err
        run(["import", copy.group(1), str(f / "changed.json")], bench.env)
        return ["save-back", copy.group(1)], origin, "", bench.env

    def bring_in_to_disk() -> tuple[list[str], Path | None, str, dict[str, str]]:
        return ["bring-in", str(bench.sound)], bench.sound, "", {**bench.env, "ITA_DESKTOP_DATA": str(root / "data")}

    def import_with_data_on_disk() -> tuple[list[str], Path | None, str, dict[str, str]]:
        doc = f / "work.ita"
        shutil.copy(bench.sound, doc)
        (root / "data").mkdir(exist_ok=True)
        env = {**bench.env, "ITA_DESKTOP_DATA": str(root / "data")}
        return ["import", str(doc), str(f / "changed.json")], doc, "", env

    return [
        ("export .pdf", exporting(".pdf")), ("export .docx", exporting(".docx")),
        ("export .xlsx", exporting(".xlsx")), ("export .json", exporting(".json")),
        ("import into a document", lambda: (["import", str(doc_on_disk()), str(f / "changed.json")],
                                            root / "งาน.ita", "", bench.env)),
        ("import into a new file", lambda: (["import", str(root / "ใหม่.ita"), str(f / "changed.json")], None,
                                            "ใหม่.ita", bench.env)),
        ("import, backups folder on it", import_with_data_on_disk),
        ("merge", lambda: (["merge", str(doc_on_disk()), str(other)], root / "งาน.ita", "", bench.env)),
        ("new", lambda: (["new", str(root / "ใหม่.ita"), "--org", "อบต.ทดสอบ", "--year", "2567"], None, "ใหม่.ita",
                         bench.env)),
        ("restore", lambda: (["restore", str(doc_on_disk()), str(backup)], root / "งาน.ita", "", bench.env)),
        ("save-back", brought_in),
        ("bring-in (working copies on it)", bring_in_to_disk),
    ]


def faults(bench: Bench) -> None:
    with mounted() as disk:
        if disk is None:
            bench.record("full disk and read-only mount", None, "needs root on Linux (mount -t tmpfs)")
            return
        for label, setup in write_commands(bench, disk):
            for free_kb in (4, 64, 200):
                name = f"full disk ({free_kb} KB free): {label}"
                if not bench.wanted(name):
                    continue
                disk.clear()
                args, target, creates, env = setup()
                disk.fill(free_kb)
                outcome = bench.attempt(name, args, target=target, watch=disk.root, env=env, ok_codes=(0, 2, 8),
                                        allowed=partial(made_on_success, name=creates, root=disk.root))
                (disk.root / "filler").unlink(missing_ok=True)
                if outcome is not None and outcome.code == 0 and creates.endswith(".ita"):
                    check = run(["check", str(disk.root / creates)], env)
                    if check.code != 0:
                        bench.record("  ... then check of what it made", check, "the file it made is not whole")
        for label, setup in write_commands(bench, disk):
            name = f"read-only mount: {label}"
            if not bench.wanted(name):
                continue
            disk.remount("rw")
            disk.clear()
            args, target, creates, env = setup()
            disk.remount("ro")
            try:
                bench.attempt(name, args, target=target, watch=disk.root, env=env, ok_codes=(2, 3, 8))
            finally:
                disk.remount("rw")
        disk.clear()


def two_writers(bench: Bench, runs: int = 20) -> None:
    name = f"two CLI imports at once, {runs} runs"
    if not bench.wanted(name):
        return
    doc = bench.folder / "shared.ita"
    shutil.copy(bench.sound, doc)
    data = ROOT / "ita_desktop/samples/sample.json"
    failures: list[str] = []
    worst = 0.0
    start = time.perf_counter()
    for _ in range(runs):
        t0 = time.perf_counter()
        pair = [subprocess.Popen([sys.executable, "-m", "ita_desktop", "import", str(doc), str(data)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=bench.env, cwd=ROOT)
                for _ in range(2)]
        for child in pair:
            _, err = child.communicate(timeout=TIMEOUT)
            if child.returncode != 0:
                failures.append(f"exit {child.returncode}: {err.decode('utf-8', 'replace').strip()[:100]}")
        worst = max(worst, time.perf_counter() - t0)
    check = run(["check", str(doc)], bench.env)
    left = [p.name for p in doc.parent.glob("shared.ita*") if p != doc]
    problems = failures[:3] + ([f"left {left}"] if left else []) + ([] if check.code == 0 else ["check fails"])
    outcome = Outcome(len(failures), worst, None, f"{runs} runs, {len(failures)} failed, slowest pair {worst:.1f} s "
                      f"(all {time.perf_counter() - start:.0f} s)", "")
    bench.record(name, outcome, "; ".join(problems))


def killed_save_back(bench: Bench) -> None:
    """A save-back killed at several moments, then a save-back again: it must work and clean up after the first."""
    name = "save-back after a killed save-back"
    if not bench.wanted(name):
        return
    stick = bench.folder / "stick"
    stick.mkdir(exist_ok=True)
    origin = stick / "แผน.ita"
    env = {**bench.env, "ITA_DESKTOP_DATA": str(bench.folder / "killdata")}
    shutil.copy(bench.sound, origin)
    done = run(["bring-in", str(origin)], env)
    copy = re.search(r"brought in as (.+?\.ita)\.", done.out)
    assert copy, done.out + done.err
    run(["import", copy.group(1), str(bench.folder / "changed.json")], env)
    for extra in (0.0, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.12):  # killed this long after its temporary file appears
        child = subprocess.Popen([sys.executable, "-m", "ita_desktop", "save-back", copy.group(1)], env=env,
                                 cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.perf_counter() + TIMEOUT
        while child.poll() is None and not any(".saving" in p.name for p in stick.iterdir()):
            if time.perf_counter() > deadline:
                break
            time.sleep(0.001)
        time.sleep(extra)
        child.kill()
        child.wait()
        left = sorted(p.name for p in stick.iterdir())
        again = run(["save-back", copy.group(1)], env)
        after = sorted(p.name for p in stick.iterdir())
        problem = "; ".join(([f"exit {again.code}"] if again.code != 0 else [])
                            + ([f"left {after}"] if after != [origin.name] else [])
                            + ([] if run(["check", str(origin)], env).code == 0 else ["the stick file is not whole"]))
        again.out = f"killed {extra * 1000:.0f} ms into writing, left {left}; again: {again.first_line}"
        again.err = ""
        bench.record(f"{name} ({extra * 1000:.0f} ms in)", again, problem)
    # what a killed one leaves at worst: its temporary file, that file's journal, and a non-hot journal
    for leftover in (f".{origin.name}.4242.saving", f".{origin.name}.4242.saving-journal", f"{origin.name}-journal"):
        (stick / leftover).write_bytes(b"")
    again = run(["save-back", copy.group(1)], env)
    after = sorted(p.name for p in stick.iterdir())
    bench.record(f"{name} (left: .N.saving-journal, empty -journal)", again,
                 "; ".join(([f"exit {again.code}"] if again.code else []) + ([f"left {after}"] if after !=
                                                                            [origin.name] else [])))


def empty_lock(bench: Bench) -> None:
    name = "import with a zero-byte .lock left by a full disk"
    if not bench.wanted(name):
        return
    doc = bench.folder / "locked.ita"
    shutil.copy(bench.sound, doc)
    lock = doc.with_name(doc.name + ".lock")
    lock.write_bytes(b"")
    old = time.time() - 60
    os.utime(lock, (old, old))
    bench.attempt(name, ["import", str(doc), str(ROOT / "ita_desktop/samples/sample.json")], ok_codes=(0,))
    if lock.exists():
        bench.record("  ... the .lock is still there", Outcome(1, 0, None, "", ""), "lock left")


def main() -> None:
    only = sys.argv[1:]
    with tempfile.TemporaryDirectory(dir="/var/tmp" if Path("/var/tmp").is_dir() else None) as tmp:
        folder = Path(tmp)
        env = {**os.environ, "ITA_DESKTOP_DATA": str(folder / "data")}
        sys.path.insert(0, str(ROOT))
        from ita_desktop.samples import create_sample_document

        sound = create_sample_document(folder / "sound.ita")
        bench = Bench(folder, env, sound, only)
        print(f"{'case':<52} exit      time      peak bytes   message", flush=True)
        bad_input(bench)
        local_limits(bench)
        faults(bench)
        two_writers(bench)
        killed_save_back(bench)
        empty_lock(bench)
        timed = [(n, o) for n, o, _ in bench.rows if o is not None]
        if timed:
            slow = max(timed, key=lambda r: r[1].seconds)
            big = max(timed, key=lambda r: r[1].peak_mb or 0)
            print(f"worst time {slow[1].seconds:.2f} s ({slow[0]}); worst peak memory {big[1].peak_mb or 0:.0f} MB "
                  f"({big[0]}); goal {GOAL_SECONDS:.0f} s and {GOAL_MB:.0f} MB")
        print(f"{len(bench.to_fix)} case(s) to fix" + (": " + "; ".join(bench.to_fix) if bench.to_fix else ""))


if __name__ == "__main__":
    main()
