"""Local working copies: a document from a USB stick or a share is edited on the local disk, never in place.

SQLite's own advice: sticks lie about flushing, a stick pulled during a write corrupts the file, copying a
database while it is written corrupts the copy. So, like Anki, Zotero and calibre, the document a clerk
edits lives in the per-user data folder. Bringing a file in reads it through quarantine and rebuilds a clean
file from the validated rows, with its own replica id (two PCs that copied the same file must never stamp
edits alike); `<copy>.origin.json` beside it remembers where it came from and which bytes were there, so
saving back can tell when someone else changed the original meanwhile.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from ita_desktop.errors import UserError
from ita_desktop.paths import data_dir
from ita_desktop.storage.database import Database, utc_now
from ita_desktop.storage.merge_store import fold_vector, insert_conflict_rows, write_merged_rows
from ita_desktop.storage.snapshots import fsync_file, fsync_folder
from ita_desktop.storage.untrusted import UntrustedCopy
from ita_desktop.sync.quarantine import file_sha256, quarantine


@dataclass
class WorkingCopy:
    """A document on the local disk and the file elsewhere it was brought in from."""

    path: Path
    origin: Path | None
    origin_sha256: str | None
    brought_in_at: str

    @property
    def record_path(self) -> Path:
        return self.path.with_name(self.path.name + ".origin.json")

    def save_record(self) -> None:
        """Write the origin record atomically (flush, then rename)."""
        data = asdict(self) | {"path": str(self.path), "origin": str(self.origin) if self.origin else None}
        tmp = self.record_path.with_name(self.record_path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        fsync_file(tmp)
        os.replace(tmp, self.record_path)

    def origin_changed(self) -> bool:
        """True when the original file holds other bytes than when it was brought in or last saved back."""
        if self.origin is None or not self.origin.exists():
            return False
        return file_sha256(self.origin) != self.origin_sha256


def working_dir() -> Path:
    folder = data_dir() / "working"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _same_place(a: Path, b: Path) -> bool:
    return os.path.normcase(str(a.resolve())) == os.path.normcase(str(b.resolve()))


def load_working_copy(path: Path) -> WorkingCopy | None:
    """The origin record of a working copy, or None for a document that was never brought in."""
    record = path.with_name(path.name + ".origin.json")
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        origin = data.get("origin")
        return WorkingCopy(path=path, origin=Path(origin) if origin else None,
                           origin_sha256=data.get("origin_sha256"), brought_in_at=str(data["brought_in_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def find_for_origin(origin: Path) -> WorkingCopy | None:
    """The working copy already brought in from ``origin``, if any (opening it again must not lose edits)."""
    for record in working_dir().glob("*.ita.origin.json"):
        copy = load_working_copy(record.with_name(record.name.removesuffix(".origin.json")))
        if copy and copy.origin and copy.path.exists() and _same_place(copy.origin, origin):
            return copy
    return None


def build_clean_copy(target: Path, incoming: UntrustedCopy) -> None:
    """A new file at ``target`` holding exactly the validated rows of ``incoming``, with its own replica id."""
    tmp = target.with_name(f".{target.name}.building")
    tmp.unlink(missing_ok=True)
    try:
        with Database.create(tmp) as database, database.transaction():
            database.set_meta("doc_id", incoming.doc_id)
            for table, rows in incoming.tables.items():
                if rows:
                    write_merged_rows(database, table, rows.values())
            fold_vector(database, incoming.vector)
            insert_conflict_rows(database, incoming.conflicts)  # the clerk still has to choose these
            database.renew_replica()
        fsync_file(tmp)
        os.replace(tmp, target)
        fsync_folder(target.parent)
    finally:
        tmp.unlink(missing_ok=True)


def bring_in(origin: Path, *, use_last_complete: bool = False) -> tuple[WorkingCopy, bool]:
    """The working copy of ``origin``: the existing one (False) or a new one built through quarantine (True)."""
    existing = find_for_origin(origin)
    if existing is not None:
        return existing, False
    incoming, digest = quarantine(origin, use_last_complete=use_last_complete)
    target = working_dir() / f"{origin.stem}-{uuid.uuid4().hex[:8]}.ita"
    build_clean_copy(target, incoming)
    copy = WorkingCopy(path=target, origin=origin.resolve(), origin_sha256=digest, brought_in_at=utc_now())
    copy.save_record()
    return copy, True


def require_origin(copy: WorkingCopy) -> Path:
    if copy.origin is None:
        raise UserError(f"{copy.path.name} was not brought in from another place, so there is nothing to save "
                        "back to. เอกสารนี้ไม่ได้นำมาจากที่อื่น จึงไม่มีไฟล์ต้นฉบับให้บันทึกกลับ")
    return copy.origin


def is_elsewhere(path: Path) -> bool:
    """True for a file on a removable drive or a network share, which must be brought in, not edited in place."""
    resolved = path.resolve()
    if resolved.is_relative_to(data_dir().resolve()):
        return False
    if os.name == "nt":
        import ctypes

        kind = ctypes.windll.kernel32.GetDriveTypeW(resolved.anchor)  # type: ignore[attr-defined,unused-ignore]
        return int(kind) in (2, 4)  # DRIVE_REMOVABLE, DRIVE_REMOTE
    return any(resolved.is_relative_to(root) for root in ("/media", "/run/media", "/mnt", "/Volumes"))
