"""Opening, checking and writing the `.ita` SQLite file.

Durability choices, for files that may sit on USB sticks and office PCs that lose power:
- journal_mode=DELETE (rollback journal), not WAL: WAL needs shared memory on one machine, does not work on
  network shares, and keeps recent commits in a `-wal` file that is easily left behind when someone copies
  the `.ita` alone. With a rollback journal the `.ita` itself always holds every committed change.
  A `-journal` left by a killed process is "hot": SQLite rolls it back on the next read-write open, so we
  never delete one.
- synchronous=FULL: every commit is flushed to the device before it is reported done; a power cut loses at
  most the edit being typed, never a committed one and never the file.
- locking_mode=NORMAL with a busy timeout: the file is locked only while a transaction runs, so a second
  program can still read it; the single-writer rule for the app is enforced above this layer.
Every file is checked read-only (header, size, schema objects, version, quick_check) before it is opened
for writing, so a bad file is refused with its bytes untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import struct
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ita_desktop.errors import BadFileError, UserError
from ita_desktop.interchange.limits import regular_size
from ita_desktop.storage.doc_limits import count_problem, size_problem
from ita_desktop.storage.schema import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLE_BY_NAME,
    expected_objects,
)
from ita_desktop.storage.side_files import disarm_super_journal, journal_of

if TYPE_CHECKING:
    import sqlite_utils

# No copy can have made more changes than this (a trillion saves); a counter beyond it was forged, and
# SQLite's 64-bit integers would overflow a few ticks after a forged 2**63 - 1.
MAX_COUNTER = 2**40

SQLITE_MAGIC = b"SQLite format 3\x00"
# What reading a damaged file can raise. When the schema itself is damaged, SQLite's error message quotes the
# damaged bytes, Python cannot decode the message, and a UnicodeDecodeError arrives instead of the DatabaseError.
UNREADABLE: tuple[type[Exception], ...] = (sqlite3.DatabaseError, UnicodeDecodeError)


def _cell(value: Any) -> Any:
    """A value as stored: a list or dict as JSON (what sqlite-utils wrote for one), anything else as it is."""
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, default=repr, ensure_ascii=False)
    return value


def utc_now() -> str:
    """Wall-clock UTC stamp for `updated_at` (informational only)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _new_uuid() -> str:
    return str(uuid.uuid4())


def _uri(path: Path, mode: str, *, immutable: bool = False) -> str:
    """``immutable``: SQLite reads the bytes as they are and writes nothing beside them (no -shm, no
    -journal rollback, no -wal replay); only for files nobody is writing, as a check of a closed file."""
    return path.resolve().as_uri() + f"?mode={mode}" + ("&immutable=1" if immutable else "")


def inspect_header(path: Path) -> None:
    """Refuse files that are not SQLite or are shorter than their header says, without opening them."""
    if not path.is_dir():  # a folder keeps its own "Is a directory" message below
        regular_size(path, sys.maxsize, "a document")  # a FIFO or a device is refused before it can block a read
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}. / อ่านไฟล์ไม่ได้") from exc
    if size == 0 or not header.startswith(SQLITE_MAGIC):
        raise BadFileError(
            f"{path} is not an ITA Desktop document (it is not an SQLite file). "
            "ไฟล์นี้ไม่ใช่เอกสาร ITA Desktop"
        )
    if len(header) < 100:
        raise BadFileError(f"{path} is damaged: the file is truncated. ไฟล์เสียหาย (ไม่ครบ)")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):  # a power of two from 512 to 65536, or it is not SQLite's
        raise BadFileError(f"{path} is damaged: its header names no valid page size. ไฟล์เสียหาย (ส่วนหัวของไฟล์ผิดรูปแบบ)")
    change_counter, page_count = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    truncated = size % page_size != 0 or (valid_for == change_counter and size < page_count * page_size)
    if truncated:
        raise BadFileError(
            f"{path} is damaged: the file is truncated (it is {size} bytes, its header says "
            f"{page_count * page_size}). Use a backup or ask for the file again. ไฟล์เสียหาย (ไม่ครบ)"
        )


def _inspect_schema(conn: sqlite3.Connection, path: Path) -> int:
    """Check version and schema objects on a read-only connection; returns the file's user_version."""
    (app_id,) = conn.execute("PRAGMA application_id").fetchone()
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    objects = [(kind, name) for kind, name, _ in rows]
    if app_id not in (0, APPLICATION_ID) or (version == 0 and objects):
        raise BadFileError(f"{path} is an SQLite file of another program, not an ITA Desktop document. "
                           "ไฟล์นี้ไม่ใช่เอกสาร ITA Desktop")
    if version > SCHEMA_VERSION:
        raise BadFileError(
            f"{path} was made by a newer version of ITA Desktop (file format {version}, this program reads "
            f"up to {SCHEMA_VERSION}). Update ITA Desktop to open it; the file was not changed. "
            "ไฟล์นี้สร้างด้วย ITA Desktop รุ่นใหม่กว่า กรุณาปรับปรุงโปรแกรม"
        )
    allowed = expected_objects(min(version, SCHEMA_VERSION))
    foreign = sorted(
        f"{kind} {name}" for kind, name in objects
        if (kind, name) not in allowed and not name.startswith("sqlite_autoindex_")
    )
    if foreign:
        raise BadFileError(
            f"{path} holds objects ITA Desktop did not create ({', '.join(foreign)}); it may have been "
            "tampered with and is not opened. ไฟล์มีส่วนที่โปรแกรมไม่ได้สร้าง (อาจถูกแก้ไข) จึงไม่เปิดใช้"
        )
    if any(kind in ("trigger", "view") for kind, _ in objects):
        raise BadFileError(f"{path} holds triggers or views; it is not opened. ไฟล์มี trigger หรือ view จึงไม่เปิดใช้")
    virtual = sorted(name for kind, name, sql in rows if kind == "table" and "VIRTUAL" in str(sql or "").upper()[:32])
    if virtual:
        raise BadFileError(f"{path} holds a virtual table ({', '.join(virtual)}) in place of a table ITA Desktop "
                           "made; it may have been tampered with and is not opened. ไฟล์มีตารางที่โปรแกรมไม่ได้สร้าง")
    missing = sorted(name for kind, name in allowed if kind == "table" and (kind, name) not in objects)
    if version and missing:
        raise BadFileError(f"{path} is damaged: table {', '.join(missing)} is missing, so it is not a whole ITA "
                           "Desktop document. Use a backup. ไฟล์เสียหาย (ตารางหายไป) กรุณาใช้ไฟล์สำรอง")
    return int(version)


def integrity_problems(conn: sqlite3.Connection, *, full: bool = False) -> list[str]:
    """SQLite's own integrity check, as a list of problems (empty when sound)."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    except UNREADABLE as exc:
        return [_reason(exc)]
    return [] if rows == ["ok"] else rows


def _reason(exc: Exception) -> str:
    return "its structure is damaged" if isinstance(exc, UnicodeDecodeError) else str(exc)


def _describe(exc: Exception, path: Path) -> BadFileError:
    return BadFileError(f"{path} is damaged and cannot be read ({_reason(exc)}). Use a backup. ไฟล์เสียหาย อ่านไม่ได้")


def _too_big(path: Path, problem: str) -> BadFileError:
    return BadFileError(
        f"{path} was not opened: {problem}. Nothing was read into memory and the file was not changed. A file this "
        "big was made or changed by another program; open a backup instead (ita-desktop backups / restore). "
        "ไฟล์นี้ใหญ่เกินกว่าเอกสารของหน่วยงานใด ๆ จึงไม่เปิดใช้ (ไฟล์ไม่ถูกเปลี่ยนแปลง) กรุณาใช้ไฟล์สำรอง")


def check_file(path: Path, *, immutable: bool = False) -> int:
    """Every check short of opening for writing; raises BadFileError. Returns the schema version."""
    inspect_header(path)
    too_big = size_problem(path)
    if too_big:
        raise _too_big(path, too_big)
    try:
        conn = sqlite3.connect(_uri(path, "ro", immutable=immutable), uri=True)
    except sqlite3.Error as exc:
        raise _describe(exc, path) from exc
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA temp_store=MEMORY")
        version = _inspect_schema(conn, path)
        try:
            too_big = count_problem(conn, version) if version else None
        except UNREADABLE:
            too_big = None  # a damaged file: the quick_check below says so in its own words
        if too_big:  # before quick_check and before anything is loaded: both would take as long as the file is big
            raise _too_big(path, too_big)
        problems = integrity_problems(conn)
        if problems:
            raise BadFileError(
                f"{path} is damaged: parts of it cannot be read back as they were written (SQLite's integrity "
                f"check says: {'; '.join(problems[:3])}). Use a backup copy of the file. ไฟล์เสียหาย กรุณาใช้ไฟล์สำรอง"
            )
        return version
    except UNREADABLE as exc:
        raise _describe(exc, path) from exc
    finally:
        conn.close()


def replica_home(path: Path, *, file: Path | None = None) -> str:
    """Which file object this is (PC, path, device, inode). Any copy of the file (made by Explorer, a backup,
    a restore, a save-back) differs here, so it takes its own replica id before its first change, and two
    copies never hand out the same stamp [counter, replica] for different edits."""
    st = (file or path).stat()  # ``file``: the temporary name a new document is built under (same inode)
    return f"{socket.gethostname()}|{os.path.normcase(str(path.resolve()))}|{st.st_dev}|{st.st_ino}"


def _check_writable(path: Path) -> None:
    folder = path.resolve().parent
    if not folder.is_dir():
        raise UserError(f"Cannot write {path}: the folder {folder} does not exist. ไม่พบโฟลเดอร์")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError(
            f"Cannot write to {path}: the file or its folder is read-only. Copy the file to your own computer "
            "and open the copy. ไม่สามารถบันทึกไฟล์ได้ (ไฟล์หรือโฟลเดอร์เป็นแบบอ่านอย่างเดียว) "
            "กรุณาคัดลอกไฟล์มาไว้ในเครื่องก่อน"
        )


def recover_hot_journal(path: Path) -> None:
    """Let SQLite roll back a transaction a killed program left half-done (its `-journal` is beside the file).

    Even a read-only look needs this first: a read-only connection cannot roll back, and without the
    journal the file may hold half of an uncommitted change. The journal is never deleted by us, but its
    super-journal record, which would make SQLite delete the file it names, is disarmed first
    (storage.side_files): our own journals never have one.
    """
    inspect_header(path)
    if not os.access(path.resolve().parent, os.W_OK) or not os.access(path, os.W_OK):
        raise UserError(
            f"{path} has an unfinished change (a program stopped while saving; the file "
            f"{path.name}-journal beside it holds what is needed to undo it), and its folder is read-only. "
            "Copy the file together with its -journal file to your own computer and open the copy there. "
            "ไฟล์มีการบันทึกที่ค้างอยู่ กรุณาคัดลอกไฟล์พร้อมไฟล์ -journal มาไว้ในเครื่องก่อนเปิด"
        )
    disarm_super_journal(journal_of(path))
    try:
        conn = sqlite3.connect(str(path))
    except sqlite3.Error as exc:
        raise _describe(exc, path) from exc
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read rolls the journal back
    except UNREADABLE as exc:
        raise _describe(exc, path) from exc
    finally:
        conn.close()


def _remove(path: Path) -> None:
    """Delete a file of our own if it is there; a cleanup that cannot (a read-only or pulled drive) is not a
    second error on top of the first."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _migrated_in_memory(conn: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """A private in-memory copy of an older file, migrated forward, so it reads like a current one."""
    memory = sqlite3.connect(":memory:")
    memory.execute("PRAGMA temp_store=MEMORY")  # the migrations' index builds sort in memory, not in /var/tmp
    try:
        conn.backup(memory)
        with memory:
            for step in MIGRATIONS[version:]:
                step(memory)
            memory.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except BaseException:
        memory.close()
        raise
    finally:
        conn.close()
    return memory


class Database:
    """An open document file; owns the connection, the transaction and the change stamps."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only: bool) -> None:
        self.conn = conn
        self._db: sqlite_utils.Database | None = None
        self.path = path
        self.read_only = read_only
        self._tick: int | None = None
        self._depth = 0  # nesting level of transaction(): the clock ticks once per outermost one
        self._building: Path | None = None  # a new file's temporary name until it is published (create)
        # Run (once, successfully) before the first change is written: the window's backup at open, taken after the
        # window is shown but never after an edit (sync_actions). If it raises, nothing is written; it runs again.
        self.before_first_change: Callable[[], None] | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the connection, for writes. Imported on the first write: reading a document (an export)
        needs none of it, and the import costs ≈ 0.1 s (click, dateutil, pluggy)."""
        if self._db is None:
            import sqlite_utils
            import sqlite_utils.plugins

            # The app uses no sqlite-utils plugins: marked as loaded, sqlite_utils does not scan the entry points
            # of every installed package (importlib.metadata), nor let a stray plugin in.
            sqlite_utils.plugins._plugins_loaded = True
            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """The rows of a SELECT, as dicts."""
        cur = self.conn.execute(sql, params)
        keys = [d[0] for d in cur.description]
        return [dict(zip(keys, row, strict=True)) for row in cur]

    def records(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """The rows of a SELECT as sqlite3.Row, read by column name like dicts but built in C: for the thousands of
        rows a year's measures are loaded from, where a dict per row is a tenth of the load (issue 18)."""
        cur = self.conn.cursor()
        cur.row_factory = sqlite3.Row
        return cur.execute(sql, params).fetchall()

    # -- opening -------------------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path) -> Database:
        """A new, empty document file at ``path`` (which must not exist). It is built under a temporary name
        beside it and appears at ``path`` only when closed without an error (a `with` block that ends normally,
        or close()), so a full disk or a crash never leaves a half-made document that a retry would trip over."""
        if path.exists():
            raise UserError(f"{path} already exists; choose another name. มีไฟล์ชื่อนี้อยู่แล้ว")
        _check_writable(path)
        building = path.with_name(f".{path.name}.new")
        _remove(building)  # left by a create that was killed
        _remove(journal_of(building))
        conn = sqlite3.connect(str(building))
        database = cls(conn, path, read_only=False)
        database._building = building
        try:
            database._configure()
            database._migrate(0)
        except BaseException:
            database._discard()  # never leave a half-made document behind
            raise
        return database

    def _discard(self) -> None:
        self.conn.close()
        if self._building is not None:
            _remove(self._building)
            _remove(journal_of(self._building))
            self._building = None

    def _publish(self) -> None:
        """Put a newly built file in place: flushed, then linked to its name (never over a file that appeared
        meanwhile), or renamed where the file system has no hard links (FAT sticks)."""
        building, self._building = self._building, None
        assert building is not None
        try:
            with building.open("rb+") as fh:
                os.fsync(fh.fileno())
            try:
                os.link(building, self.path)
            except FileExistsError:
                raise UserError(f"{self.path} already exists; choose another name. มีไฟล์ชื่อนี้อยู่แล้ว") from None
            except OSError:
                if self.path.exists():
                    raise UserError(f"{self.path} already exists; choose another name. มีไฟล์ชื่อนี้อยู่แล้ว") from None
                os.replace(building, self.path)
        finally:
            _remove(building)

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, immutable: bool = False) -> Database:
        """Open an existing document after checking it; migrates it forward when opened for writing.
        ``immutable`` (read-only only): look without recovering or writing anything, see _uri."""
        if not path.exists():
            raise UserError(f"{path} does not exist. ไม่พบไฟล์")
        immutable = immutable and read_only
        if not immutable and journal_of(path).exists():
            recover_hot_journal(path)
        version = check_file(path, immutable=immutable)
        if read_only:
            conn = sqlite3.connect(_uri(path, "ro", immutable=immutable), uri=True)
            if 0 < version < SCHEMA_VERSION:  # read as migrated, the file left as it is (a stick, a backup)
                conn = _migrated_in_memory(conn, version)
        else:
            _check_writable(path)
            conn = sqlite3.connect(str(path))
        database = cls(conn, path, read_only=read_only)
        try:
            database._configure()
            if not read_only and version < SCHEMA_VERSION:
                database._migrate(version)
        except UNREADABLE as exc:
            conn.close()
            raise _describe(exc, path) from exc
        return database

    def refuse_if_empty(self) -> None:
        """BadFileError for an SQLite file with nothing in it (it becomes a document only when opened for
        writing): there is nothing to read, check or export."""
        if self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            raise BadFileError(f"{self.path} is an empty SQLite file: it holds no ITA Desktop document. "
                               "ไฟล์ว่าง ไม่มีข้อมูลเอกสาร")

    def _configure(self) -> None:
        self.conn.execute("PRAGMA trusted_schema=OFF")
        self.conn.execute("PRAGMA temp_store=MEMORY")  # no sorting or integrity-check files left in /var/tmp
        self.conn.execute("PRAGMA busy_timeout=5000")
        if not self.read_only:
            self.conn.execute("PRAGMA journal_mode=DELETE")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA locking_mode=NORMAL")

    def _migrate(self, version: int) -> None:
        """Run the migrations a file of ``version`` lacks, all in one transaction (all or nothing)."""
        with self.transaction():
            for step in MIGRATIONS[version:]:
                step(self.conn)
            # a file from before the first release (version 0) has no identity yet
            for key, make in (("doc_id", _new_uuid), ("replica_id", _new_uuid), ("created_at", utc_now)):
                if self.meta(key) is None:
                    self.set_meta(key, make())
            self.conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        self.conn.close()
        if self._building is not None:
            self._publish()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is not None and self._building is not None:
            self._discard()
        else:
            self.close()

    # -- meta and clock ------------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        if self._depth == 0:
            with self.transaction():
                return self.set_meta(key, value)
        self.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    @property
    def doc_id(self) -> str:
        value = self.meta("doc_id")
        assert value is not None
        return value

    @property
    def replica_id(self) -> str:
        value = self.meta("replica_id")
        assert value is not None
        return value

    def renew_replica(self) -> str:
        """Give this file its own replica id (a copy brought in or handed out); the clock keeps old counters."""
        new = str(uuid.uuid4())
        self.set_meta("replica_id", new)
        self.set_meta("replica_home", replica_home(self.path, file=self._building))
        return new

    def version_vector(self) -> dict[str, int]:
        """Highest change counter seen from each copy of the document."""
        return {r: int(c) for r, c in self.conn.execute("SELECT replica_id, counter FROM clock")}

    # -- transactions --------------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic unit of work; nested calls join the outer one. All writes share one clock tick."""
        if self.read_only:
            raise UserError(f"{self.path} is open read-only. เอกสารเปิดแบบอ่านอย่างเดียว")
        if self._depth == 0 and self.before_first_change is not None:
            self.before_first_change()
            self.before_first_change = None
        ticked_before = self._tick is not None
        self._depth += 1
        try:
            with self.db.atomic():
                yield self
        except BaseException:
            if not ticked_before:  # the clock row written inside this block was rolled back with it
                self._tick = None
            raise
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._tick = None

    def tick(self) -> list[Any]:
        """The change stamp [counter, replica] of the running transaction (allocated on first use)."""
        if self._tick is None:
            home = self.meta("replica_home")
            if home is None:  # first change of a new or older file: it is the original, keep its id
                self.set_meta("replica_home", replica_home(self.path, file=self._building))
            elif home != replica_home(self.path, file=self._building):
                self.renew_replica()
            replica = self.replica_id
            row = self.conn.execute("SELECT counter FROM clock WHERE replica_id = ?", (replica,)).fetchone()
            if row and not 0 <= int(row[0]) < MAX_COUNTER:
                raise BadFileError(
                    f"{self.path} has a damaged version clock (counter {row[0]}); nothing was changed. Restore a "
                    "backup (ita-desktop backups / restore). นาฬิกาการแก้ไขในไฟล์เสียหาย กรุณากู้คืนจากไฟล์สำรอง")
            self._tick = (int(row[0]) if row else 0) + 1
            self.conn.execute("INSERT INTO clock(replica_id, counter) VALUES (?, ?) ON CONFLICT(replica_id) "
                              "DO UPDATE SET counter = excluded.counter", (replica, self._tick))
        return [self._tick, self.replica_id]

    # -- stamped row writes (the only way rows change) -----------------------------------------------------
    def row(self, table: str, row_id: str) -> dict[str, Any] | None:
        cur = self.conn.execute(f'SELECT * FROM "{table}" WHERE id = ?', (row_id,))
        found = cur.fetchone()
        if found is None:
            return None
        return dict(zip([d[0] for d in cur.description], found, strict=True))

    def write_row(self, table: str, row_id: str, values: dict[str, Any]) -> bool:
        """Insert or update one row, stamping only the fields whose value changes. Returns True if written."""
        if self._depth == 0:  # never leave an implicit transaction open: every write commits
            with self.transaction():
                return self.write_row(table, row_id, values)
        spec = TABLE_BY_NAME[table]
        unknown = set(values) - set(spec.fields) - {"deleted"}
        if unknown:
            raise ValueError(f"{table} has no field(s) {sorted(unknown)}")
        current = self.row(table, row_id)
        if current is None:
            full = {f: None for f in spec.fields} | {"deleted": 0} | values
            stamp = self.tick()
            record = full | {"id": row_id, "doc_id": self.doc_id, "updated_at": utc_now(),
                             "stamps": json.dumps({f: stamp for f in full}, separators=(",", ":"))}
            names = ", ".join(f'"{c}"' for c in record)
            self.conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(record))})',
                              [_cell(v) for v in record.values()])
            return True
        changed = {k: v for k, v in values.items() if current.get(k) != v}
        if not changed:
            return False
        stamp = self.tick()
        stamps = json.loads(current["stamps"]) | {f: stamp for f in changed}
        update = changed | {"updated_at": utc_now(), "stamps": json.dumps(stamps, separators=(",", ":"))}
        # plain SQL, one statement: sqlite-utils' update() reads the table's schema and the row again first
        # (a dozen queries a row: a 190,000-row import spent 75 s there)
        assignments = ", ".join(f'"{c}" = ?' for c in update)
        self.conn.execute(f'UPDATE "{table}" SET {assignments} WHERE id = ?',
                          [*(_cell(v) for v in update.values()), row_id])
        return True

    def delete_row(self, table: str, row_id: str) -> bool:
        """Tombstone a row so the deletion travels to other copies."""
        return self.write_row(table, row_id, {"deleted": 1})

    def delete_rows(self, table: str, row_ids: list[str]) -> int:
        """Tombstone many rows of one table at once (what delete_row does to each: ``deleted`` set to 1 and
        stamped, rows already deleted left alone), a statement per 500 ids instead of two per row. Returns how
        many rows were tombstoned."""
        if not row_ids:
            return 0
        if self._depth == 0:
            with self.transaction():
                return self.delete_rows(table, row_ids)
        done, now = 0, utc_now()
        for start in range(0, len(row_ids), 500):
            chunk = row_ids[start:start + 500]
            where = f"deleted IS NOT 1 AND id IN ({', '.join('?' * len(chunk))})"
            if self.conn.execute(f'SELECT 1 FROM "{table}" WHERE {where} LIMIT 1', chunk).fetchone() is None:
                continue  # nothing to change: no change stamp is taken (as write_row takes none)
            stamp = json.dumps(self.tick(), separators=(",", ":"))
            done += self.conn.execute(
                f'UPDATE "{table}" SET deleted = 1, updated_at = ?, '
                f"stamps = json_set(stamps, '$.deleted', json(?)) WHERE {where}", [now, stamp, *chunk]).rowcount
        return done

    def live_rows(self, table: str, where: str = "", params: tuple[Any, ...] = (),
                  order: str = "") -> list[dict[str, Any]]:
        """Rows that are not deleted, as dicts."""
        clause = "deleted = 0" + (f" AND ({where})" if where else "")
        sql = f'SELECT * FROM "{table}" WHERE {clause}' + (f" ORDER BY {order}" if order else "")
        return self.query(sql, params)
