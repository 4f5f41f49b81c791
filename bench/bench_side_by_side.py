"""Bench (not a test): a correct Thai PDF against an incorrect one, whole processes, run in turn.

* product: ``python -m ita_desktop export sample.ita plan.pdf --doc plan --layout 1`` — the sample document,
  a fresh interpreter each time (imports, fonts, the word dictionary, layout, drawing, exit);
* plain: a fresh interpreter that draws the same report (title lines, paragraphs, the table's sections and rows)
  with plain ReportLab: Sarabun registered as a TTFont, every cell a ``Paragraph`` in one ``Table`` (no shaping,
  so marks collide and lines break anywhere).

The two alternate, run by run, so a busy machine slows both alike; it prints each one's median, the ratio of
the medians and the median of the run-by-run ratios. Goal (issue 18): ratio ≤ 1.5.

    python bench/bench_side_by_side.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

EXPORT_ARGS = ("--doc", "plan", "--layout", "1")


def report_rows(document_path: Path) -> dict[str, object]:
    """What the product prints for ``EXPORT_ARGS``, as plain strings: title lines, paragraphs, table rows."""
    from ita_desktop.reports.document_model import BulletList, Heading, Paragraph, Table
    from ita_desktop.reports.layouts import build_report
    from ita_desktop.services.documents import load
    from ita_desktop.services.exporting import ExportOptions

    report = build_report(load(document_path), ExportOptions(doc="plan", layout=1))
    blocks: list[dict[str, object]] = []
    for block in report.blocks:
        if isinstance(block, Heading | Paragraph):
            blocks.append({"text": block.text})
        elif isinstance(block, BulletList):
            blocks += [{"text": f"• {item}"} for item in block.items]
        elif isinstance(block, Table):
            rows: list[list[str]] = []
            for section in block.sections:
                if section.heading:
                    rows.append([section.heading] + [""] * (len(block.columns) - 1))
                rows += section.rows
            blocks.append({"weights": [c.weight for c in block.columns],
                           "header": [c.header for c in block.columns], "rows": rows})
    return {"title": report.title_lines, "landscape": report.landscape, "blocks": blocks}


def plain_reportlab(rows_json: Path, out: Path) -> None:
    """The child process of the plain side: ReportLab's Paragraphs in a Table, the bundled Sarabun, no shaping."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    fonts = Path(__file__).resolve().parent.parent / "resources" / "fonts"
    pdfmetrics.registerFont(TTFont("Sarabun", str(fonts / "Sarabun-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("Sarabun-Bold", str(fonts / "Sarabun-Bold.ttf")))
    data = json.loads(rows_json.read_text("utf-8"))
    body = ParagraphStyle("body", fontName="Sarabun", fontSize=12, leading=17.4)
    cell = ParagraphStyle("cell", fontName="Sarabun", fontSize=11, leading=15.95)
    head = ParagraphStyle("head", fontName="Sarabun-Bold", fontSize=11, leading=15.95, alignment=1)
    title = ParagraphStyle("title", fontName="Sarabun-Bold", fontSize=15, leading=21.75, alignment=1)

    def para(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    pagesize = landscape(A4) if data["landscape"] else A4
    doc = SimpleDocTemplate(str(out), pagesize=pagesize, leftMargin=36, rightMargin=36, topMargin=36,
                            bottomMargin=42)
    story: list[object] = [para(line, title) for line in data["title"]]
    story.append(Spacer(1, 8))
    for block in data["blocks"]:
        if "text" in block:
            story.append(para(block["text"], body))
            continue
        total = sum(block["weights"])
        widths = [doc.width * w / total for w in block["weights"]]
        rows = [[para(h, head) for h in block["header"]]] + [[para(c, cell) for c in row] for row in block["rows"]]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
    doc.build(story)


# Byte-code caches as an installed app has them (pip compiles on install, the frozen app carries them): a
# PYTHONDONTWRITEBYTECODE in the environment would make every run compile the project's own modules again.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--plain":
        plain_reportlab(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each side (default 7)")
    args = parser.parse_args()

    from ita_desktop.samples import create_sample_document

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        document = create_sample_document(folder / "sample.ita")
        rows = folder / "rows.json"
        rows.write_text(json.dumps(report_rows(document), ensure_ascii=False), "utf-8")
        product = [sys.executable, "-m", "ita_desktop", "export", str(document), str(folder / "product.pdf"),
                   *EXPORT_ARGS]
        plain = [sys.executable, str(Path(__file__).resolve()), "--plain", str(rows), str(folder / "plain.pdf")]
        _timed(product), _timed(plain)  # one of each unmeasured: the disk cache, .pyc files written
        times: dict[str, list[float]] = {"product": [], "plain": []}
        for i in range(args.runs):
            pair = (("product", product), ("plain", plain)) if i % 2 == 0 else (("plain", plain), ("product", product))
            for name, command in pair:
                times[name].append(_timed(command))
        pages = {name: (folder / f"{name}.pdf").read_bytes().count(b"/Type /Page\n") for name in times}
    ratios = [a / b for a, b in zip(times["product"], times["plain"], strict=True)]
    for name, label in (("product", "ITA Desktop export " + " ".join(EXPORT_ARGS)), ("plain", "plain ReportLab")):
        runs = " ".join(f"{t:.2f}" for t in times[name])
        print(f"{label:<42} median {statistics.median(times[name]):.2f} s  ({runs}; {pages[name]} pages)")
    print(f"ratio of medians {statistics.median(times['product']) / statistics.median(times['plain']):.2f}, "
          f"median run-by-run ratio {statistics.median(ratios):.2f} (goal ≤ 1.5)")


if __name__ == "__main__":
    main()
