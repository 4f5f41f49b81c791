"""Figures for the Word/Excel exports of the sample document: seconds per export/import and file sizes.

Run: python bench/office_exports.py   (prints figures; not a test)
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ita_desktop.domain.model import Organization
from ita_desktop.reports.docx_export import export_docx
from ita_desktop.reports.layouts import LAYOUTS_BY_DOC
from ita_desktop.reports.xlsx_export import export_xlsx
from ita_desktop.samples import create_sample_document
from ita_desktop.services.documents import import_file, load, new_document
from ita_desktop.services.exporting import ExportOptions


def timed(label: str, action: Callable[[], object], repeat: int = 5) -> None:
    best = min(_once(action) for _ in range(repeat))
    print(f"{label:<40} {best * 1000:8.1f} ms (best of {repeat})")


def _once(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        doc = load(create_sample_document(root / "sample.ita"))
        for kind, layouts in LAYOUTS_BY_DOC.items():
            for layout in layouts:
                out = root / f"{kind}{layout}.docx"
                options = ExportOptions(doc=kind, layout=layout)  # type: ignore[arg-type]
                timed(f"docx {kind} layout {layout}", partial(export_docx, doc, options, out))
                print(f"{'':<40} {out.stat().st_size / 1024:8.1f} KiB")
        from ita_desktop.paths import resource
        from ita_desktop.reports.office.page_digits import page_digits_font

        sarabun = resource("fonts", "Sarabun-Regular.ttf")

        def digits_font_uncached() -> None:
            page_digits_font.cache_clear()
            page_digits_font(sarabun)

        timed("page-number font from Sarabun (uncached)", digits_font_uncached)
        timed("page-number font (cached, per export)", partial(page_digits_font, sarabun))
        xlsx = root / "plan.xlsx"
        timed("xlsx export (10 measures)", lambda: export_xlsx(doc, ExportOptions(), xlsx))
        print(f"{'':<40} {xlsx.stat().st_size / 1024:8.1f} KiB")

        def into_new() -> None:
            target = root / "new.ita"
            target.unlink(missing_ok=True)
            new_document(target, Organization(), 2567)
            import_file(target, xlsx)

        timed("xlsx import into a new file", into_new)


if __name__ == "__main__":
    main()
