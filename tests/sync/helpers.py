"""Helpers for the sync tests: copies of one document on different "PCs", edits, and what a file holds."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from ita_desktop.domain.model import Measure, Organization, Step
from ita_desktop.services.documents import new_document
from ita_desktop.storage.database import Database
from ita_desktop.storage.merge_store import read_tables
from ita_desktop.storage.repositories import DocumentRepository


def small_document(path: Path, measures: int = 3) -> Path:
    """A blank document with a few measures (each with two steps) of fiscal year 2567."""
    path.parent.mkdir(parents=True, exist_ok=True)
    new_document(path, Organization(name="อบต.ทดสอบ", province="ขอนแก่น"), 2567)
    with Database.open(path) as database:
        repo = DocumentRepository(database)
        year_id = repo.ensure_year(2567)
        with database.transaction():
            for i in range(measures):
                repo.save_measure(year_id, Measure(
                    id=f"m{i}", indicators=[9], title=f"มาตรการที่ {i + 1}", issue=f"ประเด็น {i + 1}",
                    steps=[Step(id=f"m{i}-s1", text="ประชุมชี้แจง"), Step(id=f"m{i}-s2", text="เผยแพร่ข้อมูล")]))
    return path


def copy_to(source: Path, target: Path) -> Path:
    """A plain file copy, as Explorer would make it onto a stick or another PC."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def update(path: Path, table: str, row_id: str, values: dict[str, Any]) -> None:
    """One edit (one transaction) made on the PC that holds ``path``."""
    with Database.open(path) as database, database.transaction():
        database.write_row(table, row_id, values)


def delete_measure(path: Path, measure_id: str) -> None:
    with Database.open(path) as database:
        DocumentRepository(database).delete_measure(measure_id)


def row(path: Path, table: str, row_id: str) -> dict[str, Any]:
    with Database.open(path, read_only=True) as database:
        found = database.row(table, row_id)
        assert found is not None
        return found


def content(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Every row's values, tombstone and stamps (not the informational updated_at)."""
    with Database.open(path, read_only=True) as database:
        tables = read_tables(database)
    return {t: {i: {k: v for k, v in r.items() if k != "updated_at"} for i, r in rows.items()}
            for t, rows in tables.items()}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
