"""How big a document file may be, checked before anything is loaded from it: local files as well as copies.

A local `.ita` with 1.4 million rows made `check` take 20 s and 1.2 GB and merge 43 s, because every command
reads the whole document into memory. The limits are those of a document from elsewhere (interchange.limits:
MAX_DOCUMENT_BYTES, MAX_TABLE_ROWS, MAX_LIST_ITEMS measures per year), so any document this program opens can
also be merged on another PC, plus MAX_PER_MEASURE steps or progress entries a measure. The seeds hold at most
30 rows in a table, 10 measures a year and 6 steps or progress entries a measure (×100: 3,000, 1,000 and 600);
the limits are far above that. Each count stops one row past its limit, so a file with millions of rows is
refused after reading at most that many, in well under a second. (One measure of 190,000 steps, within the rows
of a table, made a PDF export grow past 8 GB: its steps are one table cell.)

A change that grows a document (an import, a merge of two copies each within the limits) is checked inside its
transaction, before it commits (written_problem), and refused as a whole when the result would be past a limit.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ita_desktop.interchange.limits import MAX_DOCUMENT_BYTES, MAX_LIST_ITEMS, MAX_TABLE_ROWS, MB
from ita_desktop.storage.schema import tables_at

# Steps, and progress entries, of one measure: all of them print in one table cell, so a measure is what a PDF
# export must lay out at once (20,000 steps took 35 s and 1 GB). The seeds' measures have at most 4 steps and
# 6 entries; ×100 is 400 and 600.
MAX_PER_MEASURE = 1_000

_WHAT = "far more than any office's document"


def size_problem(path: Path) -> str | None:
    """What makes a document file too large on disk, or None."""
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        return (f"it is {size / MB:,.0f} MB, larger than the limit of {MAX_DOCUMENT_BYTES // MB} MB for a document "
                f"file ({_WHAT}, which is well under 10 MB) / ไฟล์มีขนาดใหญ่เกินกำหนด")
    return None


def count_problem(conn: sqlite3.Connection, version: int) -> str | None:
    """The first table with more rows than MAX_TABLE_ROWS, year with more than MAX_LIST_ITEMS measures (what an
    import takes in one list), or measure with more than MAX_PER_MEASURE steps or progress entries."""
    names = [spec.name for spec in tables_at(version)] + (["conflicts"] if version >= 2 else [])
    for name in names:
        (count,) = conn.execute(f'SELECT count(*) FROM (SELECT 1 FROM "{name}" LIMIT {MAX_TABLE_ROWS + 1})').fetchone()
        if count > MAX_TABLE_ROWS:
            return (f"table {name} has more than {MAX_TABLE_ROWS:,} rows, the limit for one table ({_WHAT}, "
                    "which has a few thousand) / ตารางในไฟล์มีจำนวนแถวเกินกำหนด")
    crowded = conn.execute(f"SELECT count(*) FROM measures WHERE deleted = 0 GROUP BY year_id "
                           f"HAVING count(*) > {MAX_LIST_ITEMS} LIMIT 1").fetchone()
    if crowded is not None:
        return (f"a fiscal year has {crowded[0]:,} measures, more than the limit of {MAX_LIST_ITEMS:,} "
                f"measures a year ({_WHAT}, which has a few dozen) / จำนวนมาตรการในปีเดียวเกินกำหนด")
    for table, what, thai in (("steps", "steps", "ขั้นตอน"), ("progress", "progress entries", "ผลการดำเนินการ")):
        crowded = conn.execute(f'SELECT count(*) FROM "{table}" WHERE deleted = 0 GROUP BY measure_id '
                               f"HAVING count(*) > {MAX_PER_MEASURE} LIMIT 1").fetchone()
        if crowded is not None:  # one table cell of the PDF: 190,000 steps in it took 8 GB and minutes unending
            return (f"a measure has {crowded[0]:,} {what}, more than the limit of {MAX_PER_MEASURE:,} {what} a "
                    f"measure ({_WHAT}, which has a few) / จำนวน{thai}ในมาตรการเดียวเกินกำหนด")
    return None


def written_problem(conn: sqlite3.Connection, version: int) -> str | None:
    """What a document holds past the limits once a transaction's writes are in, before it commits: its rows
    (count_problem) or its size in pages (the file it would become), or None."""
    problem = count_problem(conn, version)
    if problem is not None:
        return problem
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    if pages * page_size > MAX_DOCUMENT_BYTES:
        return (f"it would be {pages * page_size / MB:,.0f} MB, larger than the limit of {MAX_DOCUMENT_BYTES // MB} MB "
                f"for a document file ({_WHAT}, which is well under 10 MB)")
    return None
