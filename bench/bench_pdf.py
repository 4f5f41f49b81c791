"""Bench (not a test): export a 200-measure document (5 steps each, 2 progress rounds) to PDF.

Prints seconds, pages and pages/s for a cold process (a fresh interpreter: imports, font parsing, the word
dictionary) and for a warm second export in the same process, plus what the cold start spends where.
Goal (issue 18): warm ≤ 1 s. Run: python bench/bench_pdf.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from copy import deepcopy
from datetime import date, timedelta
from pathlib import Path

MEASURES = 200
STEPS = 5
ROUNDS = (6, 12)


def build_document(folder: Path) -> object:
    """The sample document's organisation and indicators with 200 measures made from its real measures."""
    from ita_desktop.domain.model import Progress, Status, Step, new_id
    from ita_desktop.samples import create_sample_document
    from ita_desktop.services.documents import load

    document = load(create_sample_document(folder / "sample.ita"))
    plan = document.latest_year()
    assert plan is not None
    base = list(plan.measures)
    day = date(plan.fiscal_year - 544, 10, 15)
    measures = []
    for i in range(MEASURES):
        m = deepcopy(base[i % len(base)])
        m.id = new_id()
        m.title = f"{m.title} (ชุดที่ {i // len(base) + 1})"
        texts = [s.text for s in m.steps] or ["ดำเนินการตามมาตรการ"]
        m.steps = [Step(texts[k % len(texts)] + ("" if k < len(texts) else f" ครั้งที่ {k + 1}")) for k in range(STEPS)]
        m.progress = []
        for r in ROUNDS:
            for step in range(1, STEPS + 1):
                done = (i + step + r) % 3 != 0
                m.progress.append(Progress(
                    round=r, step=step, status=Status.DONE if done else Status.IN_PROGRESS,
                    done_on=day + timedelta(days=(i * 7 + step * 11 + r * 13) % 300) if done else None,
                    result="เผยแพร่ข้อมูลบนเว็บไซต์หลักของหน่วยงานและรายงานผู้บริหารทราบ" if done else "",
                    evidence_urls=[f"https://www.example.go.th/ita/o{(i + step) % 40 + 1}"] if done else []))
        measures.append(m)
    plan.measures = measures
    return document


def export_once(out: Path) -> dict[str, float]:
    """Build the document and export it twice in this process; time the parts of the first (cold) export."""
    t0 = time.perf_counter()
    import reportlab.platypus  # noqa: F401
    import uharfbuzz  # noqa: F401

    from ita_desktop.reports.pdf.fonts import load_fonts
    from ita_desktop.services.exporting import ExportOptions, export_document
    from ita_desktop.thai.segment import warm_up
    imports = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        document = build_document(Path(tmp))
    options = ExportOptions(doc="progress", layout=2, round=12)

    t = time.perf_counter()
    load_fonts()
    fonts = time.perf_counter() - t
    t = time.perf_counter()
    warm_up()
    dictionary = time.perf_counter() - t
    t = time.perf_counter()
    export_document(document, options, out)  # type: ignore[arg-type]
    first = time.perf_counter() - t
    t = time.perf_counter()
    export_document(document, options, out)  # type: ignore[arg-type]
    warm = time.perf_counter() - t
    # the same again with the per-text caches (shaping, break points) emptied: a warm process, new text
    from ita_desktop.thai import segment

    for font in (load_fonts().regular, load_fonts().bold):
        font.shaped.clear()
    segment.break_points.cache_clear()
    segment.fallback_points.cache_clear()
    segment.inner_breaks.cache_clear()
    t = time.perf_counter()
    export_document(document, options, out)  # type: ignore[arg-type]
    fresh = time.perf_counter() - t
    return {"imports": imports, "fonts": fonts, "dictionary": dictionary, "first_export": first, "warm": warm,
            "warm_new_text": fresh}


def pages(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(export_once(Path(sys.argv[2]))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.pdf"
        started = time.perf_counter()
        child = subprocess.run([sys.executable, __file__, "--child", str(out)], capture_output=True, text=True,
                               check=True)
        process = time.perf_counter() - started
        parts = json.loads(child.stdout.strip().splitlines()[-1])
        n = pages(out)
        size = out.stat().st_size
    cold = parts["imports"] + parts["fonts"] + parts["dictionary"] + parts["first_export"]
    print(f"document: {MEASURES} measures × {STEPS} steps, rounds {ROUNDS}; progress report layout 2 "
          f"(6 columns, landscape A4); {n} pages, {size / 1024:.0f} KiB")
    print(f"cold export (fresh process, import → PDF written): {cold:.2f} s, {n / cold:.1f} pages/s "
          f"(whole child process incl. interpreter start and building the document: {process:.2f} s)")
    print(f"  imports (reportlab, uharfbuzz, app) {parts['imports']:.2f} s, parsing fonts {parts['fonts']:.2f} s, "
          f"word list {parts['dictionary']:.2f} s, first export {parts['first_export']:.2f} s")
    print(f"warm export (second, same process): {parts['warm']:.2f} s, {n / parts['warm']:.1f} pages/s "
          f"(goal ≤ 1 s: {'met' if parts['warm'] <= 1 else 'NOT met'})")
    print(f"warm process, text caches emptied (as for a different document): {parts['warm_new_text']:.2f} s, "
          f"{n / parts['warm_new_text']:.1f} pages/s")


if __name__ == "__main__":
    main()
