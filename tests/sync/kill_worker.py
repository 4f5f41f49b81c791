"""A program the kill-loop test SIGKILLs at random moments: it edits, imports, merges or saves back forever.

Every operation i makes the document's measure titles all "<prefix> i" in one step, then appends i to
`committed.log`. After a kill, the file must pass integrity_check and hold a single i: the last one
logged, or the next one (committed, killed before it was logged), never a mix.
Run: python -m tests.sync.kill_worker MODE FOLDER [KILL_AFTER_PROGRESS_CALLS]
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

from ita_desktop.errors import UserError
from ita_desktop.services.documents import import_file
from ita_desktop.storage.database import Database, integrity_problems
from ita_desktop.sync.merging import merge_file
from ita_desktop.sync.save_back import save_back
from ita_desktop.sync.working_copy import bring_in, load_working_copy
from tests.processes import kill_self
from tests.sync.helpers import copy_to, small_document

PREFIX = {"edit": "แก้ไข", "import": "นำเข้า", "merge": "รวม", "saveback": "บันทึกกลับ"}
MEASURES = ("m0", "m1", "m2")


def set_titles(path: Path, text: str) -> None:
    with Database.open(path) as database, database.transaction():
        for measure_id in MEASURES:
            database.write_row("measures", measure_id, {"title": text})


def state(path: Path, mode: str) -> int:
    """The single operation number the file holds; raises AssertionError when the file is broken or mixed."""
    with Database.open(path, read_only=True) as database:
        problems = integrity_problems(database.conn, full=True)
        assert not problems, problems
        titles = {r["title"] for r in database.live_rows("measures") if r["id"] in MEASURES}
    assert len(titles) == 1, titles
    prefix, _, number = titles.pop().rpartition(" ")
    assert prefix == PREFIX[mode], prefix
    return int(number)


def files(folder: Path) -> dict[str, Path]:
    return {"work": folder / "work.ita", "other": folder / "other" / "work.ita",
            "stick": folder / "stick" / "plan.ita", "log": folder / "committed.log"}


def working_path(folder: Path) -> Path:
    return Path((folder / "working.txt").read_text(encoding="utf-8"))


def operate(mode: str, folder: Path, i: int) -> None:
    f = files(folder)
    text = f"{PREFIX[mode]} {i}"
    if mode == "edit":
        set_titles(f["work"], text)
    elif mode == "import":
        data = folder / "in.json"
        data.write_text(json.dumps({"format": "ita-desktop/1", "years": [{"fiscal_year": 2567, "measures": [
            {"id": m, "indicator": 9, "title": text} for m in MEASURES]}]}, ensure_ascii=False), encoding="utf-8")
        import_file(f["work"], data)
    elif mode == "merge":
        set_titles(f["other"], text)
        with Database.open(f["work"]) as database:
            merge_file(database, f["other"])
    else:
        working = working_path(folder)
        set_titles(working, text)
        copy = load_working_copy(working)
        assert copy is not None
        save_back(copy)


def setup(mode: str, folder: Path) -> None:
    f = files(folder)
    if mode == "saveback":
        small_document(f["stick"])
        copy, _ = bring_in(f["stick"])
        (folder / "working.txt").write_text(str(copy.path), encoding="utf-8")
    else:
        small_document(f["work"])
        if mode == "merge":
            copy_to(f["work"], f["other"])
    operate(mode, folder, 0)
    f["log"].write_text("0\n", encoding="utf-8")


def last_logged(folder: Path) -> int:
    lines = files(folder)["log"].read_text(encoding="utf-8").split()
    return int(lines[-1])


def _kill_after(calls: int) -> None:
    """Die by SIGKILL inside SQLite after ``calls`` progress callbacks: mid-statement, mid-transaction."""
    count = [0]
    connect = sqlite3.connect

    def handler() -> int:
        count[0] += 1
        if count[0] >= calls:
            kill_self()
        return 0

    def connect_and_arm(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)  # type: ignore[call-overload]
        conn.set_progress_handler(handler, 50)
        return conn  # type: ignore[no-any-return]

    sqlite3.connect = connect_and_arm  # type: ignore[assignment]


def main(argv: list[str]) -> int:
    mode, folder = argv[0], Path(argv[1])
    if not files(folder)["log"].exists():
        setup(mode, folder)
    if len(argv) > 2:
        _kill_after(int(argv[2]))
    i = last_logged(folder) + 1
    print("ready", flush=True)
    while True:
        try:
            operate(mode, folder, i)
        except UserError as exc:  # must not happen: report it to the test
            print(f"error: {exc.message}", flush=True)
            return 1
        with files(folder)["log"].open("a", encoding="utf-8") as log:
            log.write(f"{i}\n")
            log.flush()
            os.fsync(log.fileno())
        i += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
