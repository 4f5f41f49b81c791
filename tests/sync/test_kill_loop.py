"""SIGKILL at random points of edits, imports, merges and save-backs, many times, on the same files.

After every kill: the document (and, for save-back, the file on the "stick") passes integrity_check and
holds exactly one whole operation — the last one the program logged as committed, or the one after it
(committed, then killed before logging) — never a mix, never a damaged file. The next run goes on from
the files the killed run left (hot journals, leftover temp files included).
For a long run: ITA_KILL_RUNS=100 pytest tests/sync/test_kill_loop.py
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.processes import kill_hard, was_killed
from tests.sync.kill_worker import files, last_logged, state, working_path

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("ITA_KILL_RUNS", "9"))


def run_and_kill(mode: str, folder: Path, rng: random.Random, data: Path) -> None:
    """Start the worker; kill it from outside after a random delay, or let it kill itself inside SQLite."""
    args = [sys.executable, "-m", "tests.sync.kill_worker", mode, str(folder)]
    inside = rng.random() < 0.5
    if inside:
        args.append(str(rng.randint(1, 400)))
    env = os.environ | {"ITA_DESKTOP_DATA": str(data)}
    with subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        assert first == "ready", first
        try:
            proc.wait(timeout=rng.uniform(0.0, 0.4))
        except subprocess.TimeoutExpired:
            kill_hard(proc)
        proc.wait()
        rest = proc.stdout.read()
    assert was_killed(proc.returncode), (proc.returncode, rest)


@pytest.mark.parametrize("mode", ["edit", "import", "merge", "saveback"])
def test_killed_at_random_points_the_files_are_whole_and_hold_the_last_commit(
        mode: str, tmp_path: Path, user_data: Path) -> None:
    rng = random.Random(f"{mode}-{os.getpid()}")
    seen_progress = 0
    for _ in range(RUNS):
        run_and_kill(mode, tmp_path, rng, user_data)
        logged = last_logged(tmp_path)
        f = files(tmp_path)
        if mode == "saveback":
            assert state(f["stick"], mode) in (logged, logged + 1)  # the old or the new version, whole
            assert state(working_path(tmp_path), mode) in (logged, logged + 1)
        else:
            assert state(f["work"], mode) in (logged, logged + 1)
        if mode == "merge":
            assert state(f["other"], mode) in (logged, logged + 1)
        seen_progress = max(seen_progress, logged)
    assert seen_progress > 0  # the runs did get through operations, so kills landed among them

