"""Faults of the machine — a full disk, a read-only folder, two writers at once — end in a clear message, leave no
half-made file, and leave the document's bytes as they were.

The full disk is real where the tests may mount one (a 2 MB tmpfs, as root on Linux), filled so that only a few
kilobytes stay free; elsewhere it is simulated at the OS boundary (os.fsync raising ENOSPC), which is said in
the skip reason. The read-only folder is the one of test_bad_files (permission bits enforced on a child process
that lost CAP_DAC_OVERRIDE).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ita_desktop.cli import main
from ita_desktop.samples import SAMPLE_JSON, create_sample_document
from ita_desktop.sync import locking
from tests.test_bad_files import read_only_folder, run_cli  # noqa: F401  (a fixture)

FULL = "The disk is full"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_paragraph(err: str) -> None:
    assert err.startswith("ita-desktop: ") and "Traceback" not in err and err.strip().count("\n") == 0, err


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_sample_document(tmp_path_factory.mktemp("sound") / "sample.ita")


class Disk:
    """A 2 MB file system of its own; ``fill(free_kb)`` leaves only that much space."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.filler = root / "filler"

    def fill(self, free_kb: int) -> None:
        self.filler.unlink(missing_ok=True)
        st = os.statvfs(self.root)
        room = st.f_bavail * st.f_frsize - free_kb * 1024
        with self.filler.open("wb") as fh:
            fh.write(b"\0" * max(room, 0))

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)

    def names(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir() if p != self.filler)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Disk]:
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("a real full disk needs a tmpfs mount (root on Linux); the ENOSPC tests below simulate one")
    root = tmp_path / "disk"
    root.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(root)], capture_output=True,
                             check=False)
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here ({mounted.stderr.decode().strip()})")
    try:
        yield Disk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)


@pytest.mark.parametrize("free_kb", [8, 64, 160, 240])
def test_new_on_a_full_disk_leaves_nothing_and_a_retry_works(free_kb: int, disk: Disk,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = disk.root / "แผน.ita"
    disk.fill(free_kb)
    code = main(["new", str(target), "--org", "อบต.ทดสอบ", "--year", "2567"])
    captured = capsys.readouterr()
    if code == 0:  # enough room after all at this size: then the file is whole
        assert main(["check", str(target)]) == 0
        return
    assert code == 2
    one_paragraph(captured.err)
    assert FULL in captured.err
    assert disk.names() == []  # no half-made document, no temporary name, no journal
    disk.free()
    assert main(["new", str(target), "--org", "อบต.ทดสอบ", "--year", "2567"]) == 0
    assert main(["check", str(target)]) == 0


@pytest.mark.parametrize("free_kb", [8, 100])
def test_import_into_a_new_file_on_a_full_disk_leaves_nothing(free_kb: int, disk: Disk,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    disk.fill(free_kb)
    code = main(["import", str(disk.root / "ใหม่.ita"), str(SAMPLE_JSON)])
    err = capsys.readouterr().err
    assert code == 2, err
    one_paragraph(err)
    assert FULL in err and disk.names() == []


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".xlsx", ".json"])
def test_export_to_a_full_disk_leaves_no_file(suffix: str, sound: Path, disk: Disk,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    disk.fill(4)
    before = sha(sound)
    code = main(["export", str(sound), str(disk.root / f"ออก{suffix}")])
    err = capsys.readouterr().err
    assert code == 2, err
    one_paragraph(err)
    assert FULL in err or "No space left on device" in err
    assert disk.names() == [] and sha(sound) == before


def changed_copy(doc: Path, other: Path) -> None:
    shutil.copy(doc, other)
    data = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    data["years"][0]["measures"][0]["title"] = "ชื่อที่แก้ในอีกเครื่อง " + "ก" * 20_000
    changed = other.with_suffix(".json")
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(other), str(changed)]) == 0


def test_merge_and_import_into_a_document_on_a_full_disk(sound: Path, disk: Disk, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    doc = disk.root / "งาน.ita"
    shutil.copy(sound, doc)
    changed_copy(sound, tmp_path / "อีกเครื่อง.ita")
    capsys.readouterr()
    disk.fill(4)
    before = sha(doc)
    code = main(["merge", str(doc), str(tmp_path / "อีกเครื่อง.ita")])
    err = capsys.readouterr().err
    assert code == 2, err
    one_paragraph(err)
    assert FULL in err
    assert sha(doc) == before and disk.names() == ["งาน.ita"]  # no -journal, no .lock left
    assert main(["check", str(doc)]) == 0


def test_a_backup_on_a_full_disk_stops_the_import(sound: Path, disk: Disk, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ITA_DESKTOP_DATA", str(disk.root / "data"))
    doc = tmp_path / "งาน.ita"
    shutil.copy(sound, doc)
    (disk.root / "data").mkdir()
    disk.fill(4)
    before = sha(doc)
    code = main(["import", str(doc), str(SAMPLE_JSON)])
    err = capsys.readouterr().err
    assert code == 2, err
    one_paragraph(err)
    assert "Could not make a backup" in err and sha(doc) == before
    assert not list((disk.root / "data").rglob("*.tmp"))


# -- ENOSPC simulated at the OS boundary (runs everywhere, Windows too) ----------------------------------------
def _enospc(*_args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_simulated_full_disk_on_export_leaves_no_file(sound: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(os, "fsync", _enospc)
    for suffix in (".json", ".docx", ".xlsx"):
        code = main(["export", str(sound), str(tmp_path / f"out{suffix}")])
        err = capsys.readouterr().err
        assert code == 2, err
        one_paragraph(err)
    assert list(tmp_path.iterdir()) == []


def test_a_cleanup_that_fails_too_is_not_a_second_error(sound: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(os, "fsync", _enospc)

    def read_only_unlink(self: Path, missing_ok: bool = False) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "unlink", read_only_unlink)
    code = main(["export", str(sound), str(tmp_path / "out.json")])
    err = capsys.readouterr().err
    assert code == 2, err
    one_paragraph(err)
    assert "No space left on device" in err


def test_a_simulated_full_disk_on_new_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(os, "fsync", _enospc)  # the new file is flushed before it is put in place
    target = tmp_path / "แผน.ita"
    code = main(["new", str(target), "--org", "x", "--year", "2567"])
    err = capsys.readouterr().err
    assert code == 2, err
    one_paragraph(err)
    assert FULL in err and list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    assert main(["new", str(target), "--org", "x", "--year", "2567"]) == 0


@pytest.mark.parametrize("message, words", [
    ("database or disk is full", FULL),
    ("attempt to write a readonly database", "read-only"),
    ("database is locked", "Another program or window is saving this document"),
    ("disk I/O error", "input/output error"),
])
def test_sqlite_faults_are_user_errors(message: str, words: str, sound: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from ita_desktop.services import documents

    def fail(*_args: object) -> list[str]:
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(documents, "import_file", fail)
    doc = tmp_path / "งาน.ita"
    shutil.copy(sound, doc)
    code = main(["import", str(doc), str(SAMPLE_JSON)])
    err = capsys.readouterr().err
    assert code in (2, 6), err
    one_paragraph(err)
    assert words in err and "database is locked" not in err
    assert not (tmp_path / "งาน.ita.lock").exists()


def test_sqlite_temp_files_stay_in_memory(sound: Path) -> None:
    from ita_desktop.storage.database import Database

    for read_only in (True, False):
        with Database.open(sound, read_only=read_only) as database:
            assert database.conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY


# -- a read-only folder -----------------------------------------------------------------------------------------
def test_writes_into_a_read_only_folder_are_refused_in_plain_words(
        read_only_folder: tuple[Path, Path], sound: Path) -> None:  # noqa: F811
    doc, free = read_only_folder
    before = sha(doc)
    other = free / "อีกเครื่อง.ita"
    shutil.copy(doc, other)
    for args in (["merge", str(doc), str(other)], ["restore", str(doc), str(other)],
                 ["export", str(free / "x.ita"), str(doc.parent / "out.pdf")],
                 ["export", str(other), str(doc.parent / "out.docx")],
                 ["export", str(other), str(doc.parent / "out.xlsx")],
                 ["export", str(other), str(doc.parent / "out.json")],
                 ["new", str(doc.parent / "ใหม่.ita"), "--org", "x", "--year", "2567"],
                 ["import", str(doc.parent / "ใหม่.ita"), str(SAMPLE_JSON)]):
        result = run_cli(*args, data=free)
        assert result.returncode in (2, 3), (args, result.stderr)
        one_paragraph(result.stderr)
        assert "bug" not in result.stderr, (args, result.stderr)
    assert sha(doc) == before
    assert sorted(p.name for p in doc.parent.iterdir()) == [doc.name]


def test_save_back_to_a_read_only_folder_is_refused_in_plain_words(
        read_only_folder: tuple[Path, Path]) -> None:  # noqa: F811
    doc, free = read_only_folder
    before = sha(doc)
    result = run_cli("bring-in", str(doc), data=free)
    assert result.returncode == 0, result.stderr
    copy = next((free / "working").rglob("*.ita")) if (free / "working").exists() else next(free.rglob("*.ita"))
    result = run_cli("save-back", str(copy), data=free)
    assert result.returncode != 0 and result.returncode != 70, result.stderr
    one_paragraph(result.stderr)
    assert sha(doc) == before
    assert sorted(p.name for p in doc.parent.iterdir()) == [doc.name]


# -- two writers ------------------------------------------------------------------------------------------------
HOLD = """
import sys
from pathlib import Path
from ita_desktop.sync.locking import DocumentLock
lock = DocumentLock(Path(sys.argv[1])).acquire()
print("held", flush=True)
sys.stdin.read()
lock.release()
"""


def test_a_second_writer_waits_then_names_the_holder(sound: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "งาน.ita"
    shutil.copy(sound, doc)
    before = sha(doc)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(doc)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(locking, "CLI_WAIT_SECONDS", 0.3)
        code = main(["import", str(doc), str(SAMPLE_JSON)])
        err = capsys.readouterr().err
        assert code == 6, err
        one_paragraph(err)
        assert f"is being changed by {os.environ.get('USER', '')}" in err or "is being changed by" in err
        assert f"process {holder.pid}" in err and "waited" in err and "database is locked" not in err
        assert sha(doc) == before
    finally:
        holder.communicate("", timeout=30)
    assert main(["import", str(doc), str(SAMPLE_JSON)]) == 0  # once it is released


def test_two_imports_at_once_both_finish(sound: Path, tmp_path: Path) -> None:
    doc = tmp_path / "งาน.ita"
    shutil.copy(sound, doc)
    env = {**os.environ, "ITA_DESKTOP_DATA": str(tmp_path / "data")}
    runs = [subprocess.Popen([sys.executable, "-m", "ita_desktop", "import", str(doc), str(SAMPLE_JSON)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "database is locked" not in err and "differs" not in err
    assert not (tmp_path / "งาน.ita.lock").exists()
    assert main(["check", str(doc)]) == 0


def test_an_empty_lock_left_by_a_full_disk_is_reclaimed(sound: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "งาน.ita"
    shutil.copy(sound, doc)
    lock = locking.lock_path(doc)
    lock.write_bytes(b"")
    old = lock.stat().st_mtime - 60
    os.utime(lock, (old, old))
    assert main(["import", str(doc), str(SAMPLE_JSON)]) == 0, capsys.readouterr().err
    assert not lock.exists()


def test_a_lock_being_written_is_not_taken_over(tmp_path: Path) -> None:
    doc = tmp_path / "งาน.ita"
    locking.lock_path(doc).write_bytes(b"")  # another process created it this instant
    holder = locking.read_lock(doc)
    assert holder is not None and not locking.is_stale(holder)
    with pytest.raises(locking.DocumentLockedError):
        locking.DocumentLock(doc).acquire()


def test_a_full_disk_leaves_no_empty_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "งาน.ita"
    monkeypatch.setattr(os, "fsync", _enospc)
    with pytest.raises(OSError):
        locking.DocumentLock(doc).acquire()
    assert not locking.lock_path(doc).exists()


def test_what_a_killed_save_back_left_on_the_stick_is_cleaned_by_the_next(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from ita_desktop.sync.save_back import save_back
    from ita_desktop.sync.working_copy import bring_in
    from tests.sync.helpers import small_document, update

    stick = small_document(tmp_path / "USB" / "แผน.ita")
    copy, _ = bring_in(stick)
    killed = stick.with_name(f".{stick.name}.99999.saving")  # its temporary file, and that file's own journal
    killed.write_bytes(b"half a snapshot")
    killed.with_name(killed.name + "-journal").write_bytes(b"")
    update(copy.path, "measures", "m0", {"title": "หลังจากที่ถูกตัด"})
    assert save_back(copy).safe_to_remove
    assert sorted(p.name for p in stick.parent.iterdir()) == [stick.name]


def test_a_full_data_folder_is_named_when_a_copy_from_elsewhere_is_read(sound: Path, disk: Disk,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """bring-in copies the file into the app's own folder first; that folder's disk being full was reported as
    "Cannot read <the file>", which sent the clerk to check a stick that was fine."""
    monkeypatch.setenv("ITA_DESKTOP_DATA", str(disk.root / "data"))
    (disk.root / "data").mkdir()
    disk.fill(4)
    before = sha(sound)
    code = main(["bring-in", str(sound)])
    err = capsys.readouterr().err
    assert code == 2, err
    one_paragraph(err)
    assert f"{sound.name} was not used" in err and "private copy could not be made" in err and FULL in err, err
    assert "Cannot read" not in err
    assert sha(sound) == before
    assert [p for p in (disk.root / "data").rglob("*") if p.is_file()] == []


def test_an_empty_journal_left_beside_the_stick_file_goes_with_the_next_save_back(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A save-back killed before SQLite wrote its journal's header leaves an empty `-journal` (SQLite would not
    roll it back); it stayed on the stick for good, looking like an unfinished save."""
    from ita_desktop.sync.save_back import save_back
    from ita_desktop.sync.working_copy import bring_in
    from tests.sync.helpers import small_document, update

    stick = small_document(tmp_path / "USB" / "แผน.ita")
    copy, _ = bring_in(stick)
    stick.with_name(stick.name + "-journal").write_bytes(b"")
    update(copy.path, "measures", "m0", {"title": "หลังจากที่ถูกตัด"})
    assert save_back(copy).safe_to_remove
    assert sorted(p.name for p in stick.parent.iterdir()) == [stick.name]
    assert main(["check", str(stick)]) == 0
