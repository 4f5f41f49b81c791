"""Bench (not a test): commands on a document just under the limits (190,000 rows in one table).

Issue 17 measured an import into such a document at 59 s, a merge at 23 s and a PDF export at 80 s (under strace).
This builds the document (the sample with its first measure copied 19,000 times, each with 10 steps: 190,000
steps, 19,010 measures in one year), then times, in child processes, each with its CPU time and peak memory:
  - its export to JSON (99 MB: past the 64 MB an import takes), and the import of its first 11,000 measures with
    every step's text changed (110,000 rows written);
  - merge of that result into a fresh copy (110,000 rows), and the same merge again (nothing to do);
  - check, and (--pdf) a PDF export of the plan.
``--code DIR`` runs the commands from another checkout of the program (e.g. `git archive` of an older commit),
for before/after figures. Run: python bench/bench_near_limits.py [--code DIR] [--pdf] [--folder /dev/shm]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEASURES, STEPS_EACH = 19_000, 10  # 190,000 steps and 19,010 measures in one year: under 200,000 and 20,000
ROWS = MEASURES * STEPS_EACH


def run(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float | None, float | None, int, str]:
    """(seconds, CPU seconds (user + system) or None, peak RSS in MB or None, exit code, last line of output)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "ita_desktop", *args], stdout=out, stderr=subprocess.STDOUT,
                                 env=env, cwd=cwd)
        peak: float | None = None
        cpu: float | None = None
        if hasattr(os, "wait4"):  # the child's own peak memory and CPU time
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
        else:
            child.wait()
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace").strip().splitlines()
    return seconds, cpu, peak, child.returncode, text[-1] if text else ""


BUILD = """
import sqlite3, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from ita_desktop.samples import create_sample_document
path = create_sample_document(Path(sys.argv[2]))
measures, steps = int(sys.argv[3]), int(sys.argv[4])
conn = sqlite3.connect(path)
def columns(table):
    names = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    return ", ".join(f'"{n}"' for n in names if n not in ("id", "measure_id"))
first = conn.execute("SELECT id FROM measures WHERE deleted = 0 ORDER BY rowid LIMIT 1").fetchone()[0]
m, s = columns("measures"), columns("steps")
with conn:
    conn.execute(f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {measures}) "
                 f"INSERT INTO measures(id, {m}) SELECT 'bench-' || i, {m} "
                 f"FROM n, (SELECT * FROM measures WHERE id = ?)", (first,))
    conn.execute(f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {steps}) "
                 f"INSERT INTO steps(id, measure_id, {s}) SELECT lower(hex(randomblob(16))), x.id, {s} "
                 f"FROM (SELECT id FROM measures WHERE id LIKE 'bench-%') x, n, "
                 f"(SELECT * FROM steps WHERE measure_id = ? AND deleted = 0 LIMIT 1)", (first,))
conn.close()
print(path)
"""


EDIT = """
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
for year in data["years"]:
    year["measures"] = year["measures"][:EDITED]  # the whole export is 99 MB, past the 64 MB an import takes
    for measure in year["measures"]:
        for step in measure.get("steps", []):
            step["text"] += " (แก้ไข)"
json.dump(data, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
""".replace("EDITED", "11_000")


def build(folder: Path, code: Path) -> Path:
    """The document near the limits, made by a child (so this process stays small: a child's peak memory counts
    what its parent held when it forked): the sample with MEASURES copies of its first measure, each with
    STEPS_EACH steps."""
    made = subprocess.run([sys.executable, "-c", BUILD, str(code), str(folder / "near.ita"), str(MEASURES),
                           str(STEPS_EACH)], check=True, capture_output=True, text=True, cwd=ROOT)
    return Path(made.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose ita_desktop is timed")
    parser.add_argument("--pdf", action="store_true", help="also a PDF export of it (thousands of pages: minutes)")
    parser.add_argument("--folder", type=Path, help="where to build the files (e.g. /dev/shm, so that a busy disk "
                                                    "does not blur the figures); default: a temporary folder")
    args = parser.parse_args()
    code = args.code.resolve()
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        folder = Path(tmp)
        env = {**os.environ, "ITA_DESKTOP_DATA": str(folder / "data"), "PYTHONPATH": str(code)}
        near = build(folder, code)
        pristine = folder / "pristine.ita"
        shutil.copy(near, pristine)
        fresh = folder / "fresh.ita"
        shutil.copy(near, fresh)
        exported, edited = folder / "near.json", folder / "edited.json"
        steps: list[tuple[str, list[str]]] = [
            (f"export of a {ROWS:,}-row document to JSON", ["export", str(near), str(exported)]),
            ("import of 11,000 of its measures, every step edited", ["import", str(near), str(edited)]),
            ("merge of that (110,000 steps written)", ["merge", str(fresh), str(near)]),
            ("the same merge again (nothing new)", ["merge", str(fresh), str(near)]),
            (f"check of a {ROWS:,}-row document", ["check", str(pristine)]),
        ]
        if args.pdf:
            steps.append((f"PDF export of a {ROWS:,}-row document", ["export", str(pristine), str(folder / "o.pdf")]))
        print(f"code: {code}; document: {near.stat().st_size / 2**20:.0f} MB, {ROWS:,} steps in {MEASURES:,} measures")
        for name, argv in steps:
            if argv[0] == "import":  # every step's text changed, by a child (this process stays small)
                subprocess.run([sys.executable, "-c", EDIT, str(exported), str(edited)], check=True)
            seconds, cpu, peak, exit_code, message = run(argv, env, code)
            mem = f"{peak:6.0f} MB" if peak is not None else "     ? MB"
            used = f"{cpu:6.2f} s CPU" if cpu is not None else "     ? s CPU"
            print(f"{name:<44} {seconds:7.2f} s {used} {mem}  exit {exit_code}  {message[:60]}", flush=True)


if __name__ == "__main__":
    main()
