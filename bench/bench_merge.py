"""Bench (not a test): merge two copies of a 5,000-measure document with 1,000 changes each.

Prints seconds for the whole merge (quarantine copy and checks, plan, verified backup, one transaction)
and for its parts, and peak memory (Python allocations via tracemalloc, and the process's max RSS).
Target: ≤ 1 s for the whole merge on the reference machine. Run: python bench/bench_merge.py
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

MEASURES = 5_000
CHANGES = 1_000
CONFLICTS = 50


def build(path: Path) -> list[str]:
    from ita_desktop.domain.model import Organization
    from ita_desktop.services.documents import new_document
    from ita_desktop.storage.database import Database
    from ita_desktop.storage.repositories import DocumentRepository

    new_document(path, Organization(name="อบต.ทดสอบความเร็ว"), 2567)
    ids = [f"measure-{i:05d}" for i in range(MEASURES)]
    with Database.open(path) as database, database.transaction():
        year_id = DocumentRepository(database).ensure_year(2567)
        for i, measure_id in enumerate(ids):
            database.write_row("measures", measure_id, {
                "year_id": year_id, "ord": float(i), "indicators": f"[{1 + i % 10}]", "title": f"มาตรการที่ {i + 1}",
                "issue": "ประเด็นที่ต้องพัฒนา " * 3, "guideline": "แนวทาง", "units": '["สำนักปลัด"]',
                "rounds": "[6, 12]", "monitoring": "รายงานผลทุก ๖ เดือน"})
            database.write_row("steps", f"{measure_id}-s1", {"measure_id": measure_id, "ord": 1.0,
                                                             "text": "ประชุมชี้แจงและเผยแพร่ข้อมูล"})
    return ids


def edit(path: Path, ids: list[str], field: str, text: str) -> None:
    from ita_desktop.storage.database import Database

    with Database.open(path) as database, database.transaction():
        for measure_id in ids:
            database.write_row("measures", measure_id, {field: f"{text} {measure_id}"})


def main() -> None:
    from ita_desktop.storage.database import Database
    from ita_desktop.storage.merge_store import read_tables
    from ita_desktop.sync.merge import plan_merge
    from ita_desktop.sync.merging import FIELDS_OF, merge_file
    from ita_desktop.sync.quarantine import read_from_elsewhere

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["ITA_DESKTOP_DATA"] = str(folder / "data")
        started = time.perf_counter()
        ids = build(folder / "base.ita")
        mine = shutil.copyfile(folder / "base.ita", folder / "mine.ita")
        (folder / "pc2").mkdir()
        theirs = shutil.copyfile(folder / "base.ita", folder / "pc2" / "theirs.ita")
        rng = random.Random(2567)
        mine_ids = rng.sample(ids, CHANGES)
        their_ids = rng.sample([i for i in ids if i not in set(mine_ids)], CHANGES - CONFLICTS)
        edit(mine, mine_ids, "title", "ปรับโดยสำนักปลัด")
        edit(theirs, their_ids, "issue", "ปรับโดยกองคลัง")
        edit(theirs, mine_ids[:CONFLICTS], "title", "ปรับโดยกองคลัง")
        print(f"setup: {MEASURES} measures (+{MEASURES} steps), {CHANGES} changes on each copy, "
              f"{CONFLICTS} of them on the same field; {mine.stat().st_size / 1e6:.1f} MB, "
              f"{time.perf_counter() - started:.1f} s")

        t0 = time.perf_counter()
        other = read_from_elsewhere(theirs)
        t1 = time.perf_counter()
        with Database.open(mine, read_only=True) as database:
            plan = plan_merge(read_tables(database), database.version_vector(), other.tables, other.vector,
                              FIELDS_OF)
        t2 = time.perf_counter()
        print(f"parts: quarantine copy+checks+read {t1 - t0:.3f} s, read local + plan {t2 - t1:.3f} s "
              f"({sum(len(w) for w in plan.writes.values())} rows to write, {len(plan.conflicts)} conflicts)")

        spare = shutil.copyfile(mine, folder / "spare.ita")  # the same merge again, under tracemalloc
        t3 = time.perf_counter()
        with Database.open(mine) as database:
            result = merge_file(database, theirs)
        elapsed = time.perf_counter() - t3
        tracemalloc.start()
        with Database.open(spare) as database:
            merge_file(database, theirs)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        changed = sum(result.plan.changed.values())
        print(f"merge (quarantine, checks, plan, verified backup, one transaction): {elapsed:.3f} s "
              f"[target ≤ 1 s] — {changed} measures changed, {len(result.open_conflicts)} conflicts kept")
        print(f"peak memory: {peak / 1e6:.1f} MB Python allocations during the merge, "
              f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

        again = time.perf_counter()
        with Database.open(mine) as database:
            noop = merge_file(database, theirs)
        print(f"merging the same copy again: {time.perf_counter() - again:.3f} s, "
              f"{sum(len(w) for w in noop.plan.writes.values())} rows written")


if __name__ == "__main__":
    main()
