"""Bench (not a test): commands on a document just under the limits (190,000 rows in one table).

Issue 17 measured an import into such a document at 59 s, a merge at 23 s and a PDF export at 80 s (under strace).
This builds the document (the sample with one step copied 190,000 times, as bench_bad_input does past the limit),
then times, in child processes, each with its peak memory:
  - import of the sample plan into it (the plan's three steps replace the 190,000: that many tombstones);
  - merge of that result into a fresh copy (190,000 rows written), and the same merge again (nothing to do);
  - check, and a PDF export of the plan.
``--code DIR`` runs the commands from another checkout of the program (e.g. `git archive` of an older commit),
for before/after figures. Run: python bench/bench_near_limits.py [--code DIR] [--skip-pdf] [--folder /dev/shm]
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
ROWS = 190_000


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


def build(folder: Path) -> Path:
    """The 190,000-row document, made by a child (so this process stays small: a child's peak memory counts
    what its parent held when it forked)."""
    code = (f"import sys; from pathlib import Path; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'bench')!r}]; "
            f"import bench_bad_input as b; print(b._grown(Path({str(folder)!r}), 'near.ita', 'steps', {ROWS}))")
    made = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    return Path(made.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose ita_desktop is timed")
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--folder", type=Path, help="where to build the files (e.g. /dev/shm, so that a busy disk "
                                                    "does not blur the figures); default: a temporary folder")
    args = parser.parse_args()
    code = args.code.resolve()
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        folder = Path(tmp)
        env = {**os.environ, "ITA_DESKTOP_DATA": str(folder / "data"), "PYTHONPATH": str(code)}
        near = build(folder)
        pristine = folder / "pristine.ita"
        shutil.copy(near, pristine)
        fresh = folder / "fresh.ita"
        shutil.copy(near, fresh)
        sample = ROOT / "ita_desktop" / "samples" / "sample.json"
        steps = [
            (f"import into a {ROWS:,}-row document", ["import", str(near), str(sample)]),
            (f"merge of that ({ROWS:,} rows written)", ["merge", str(fresh), str(near)]),
            ("the same merge again (nothing new)", ["merge", str(fresh), str(near)]),
            (f"check of a {ROWS:,}-row document", ["check", str(pristine)]),
        ]
        if not args.skip_pdf:
            steps.append((f"PDF export of a {ROWS:,}-row document", ["export", str(pristine), str(folder / "o.pdf")]))
        print(f"code: {code}; document: {near.stat().st_size / 2**20:.0f} MB, {ROWS:,} steps")
        for name, argv in steps:
            seconds, cpu, peak, exit_code, message = run(argv, env, code)
            mem = f"{peak:6.0f} MB" if peak is not None else "     ? MB"
            used = f"{cpu:6.2f} s CPU" if cpu is not None else "     ? s CPU"
            print(f"{name:<44} {seconds:7.2f} s {used} {mem}  exit {exit_code}  {message[:60]}", flush=True)


if __name__ == "__main__":
    main()
