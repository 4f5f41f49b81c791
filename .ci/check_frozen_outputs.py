"""Checks of what the frozen app wrote, used by .ci/smoke_frozen.sh and the Windows workflow.

    python .ci/check_frozen_outputs.py json SAMPLE.json OUT.json
    python .ci/check_frozen_outputs.py pdf SAMPLE.json PLAN.pdf PROGRESS.pdf ANALYSIS.pdf
    python .ci/check_frozen_outputs.py office SAMPLE.json PLAN.docx PLAN.xlsx

``json``: the exported document holds the imported sample (organization, measures, steps).
``pdf``: every source string the layouts print (organization, measure titles, the plan's steps, the analysis's
notes on indicators) reads back
exactly from the PDF (pdftotext when installed, else pdfminer), ignoring only line and cell breaks; no glyph
reads back as U+FFFD or a private-use character; every font that draws text is embedded with a Unicode map
(pdffonts and pdfminer, when installed).
``office``: the Word and Excel plans hold the organization and every measure title, cell for cell.
Exits 1 with one line per problem.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _load(path: str) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _measures(doc: Any) -> list[tuple[int, str, list[str]]]:
    return [(y["fiscal_year"], m["title"], [s["text"] for s in m["steps"]]) for y in doc["years"]
            for m in y["measures"]]


def check_json(sample_path: str, out_path: str) -> list[str]:
    sample, out = _load(sample_path), _load(out_path)
    problems = []
    if out["organization"]["name"] != sample["organization"]["name"]:
        problems.append(f"organization differs: {out['organization']['name']!r}")
    if _measures(out) != _measures(sample):
        problems.append("measures or their steps differ from the sample")
    if not problems:
        print(f"JSON: {len(_measures(out))} measures, titles and steps identical to the sample")
    return problems


def pdf_text(pdf: str) -> str:
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, check=True)
        return done.stdout.decode("utf-8")
    from pdfminer.high_level import extract_text

    return str(extract_text(pdf))


def fonts_with_text(pdf: str) -> set[str] | None:
    """Names of the fonts that actually draw characters (reportlab declares Helvetica on every page even when no
    text uses it); None without pdfminer."""
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LTChar
    except ImportError:
        return None
    used: set[str] = set()

    def walk(item: Any) -> None:
        if isinstance(item, LTChar):
            used.add(item.fontname)
        elif hasattr(item, "__iter__"):
            for child in item:
                walk(child)

    for page in extract_pages(pdf):
        walk(page)
    return used


def font_problems(pdf: str) -> list[str]:
    if not shutil.which("pdffonts"):
        return []
    lines = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    used = fonts_with_text(pdf)
    # columns: name type encoding emb sub uni object ID (type may hold spaces, so count from the end)
    return [f"{Path(pdf).name}: font with text not embedded or without a Unicode map: {line.split()[0]}"
            for line in lines if (used is None or line.split()[0] in used)
            and (line.split()[-5] != "yes" or line.split()[-3] != "yes")]


def check_pdf(sample_path: str, plan_pdf: str, progress_pdf: str, analysis_pdf: str) -> list[str]:
    sample = _load(sample_path)
    year = sample["years"][0]
    org = sample["organization"]["name"]
    expected = {
        plan_pdf: [org, *(m["title"] for m in year["measures"]),
                   *(s["text"] for m in year["measures"] for s in m["steps"])],
        progress_pdf: [org, *(m["title"] for m in year["measures"] if 6 in m["rounds"])],
        analysis_pdf: [org, *(i["note"] for i in year["assessment"]["indicators"] if i["note"])],
    }
    problems: list[str] = []
    for pdf, strings in expected.items():
        name = Path(pdf).name
        text = pdf_text(pdf)
        bad = sorted({f"U+{ord(c):04X}" for c in text if c == "\ufffd" or "\ue000" <= c <= "\uf8ff"})
        if bad:
            problems.append(f"{name}: characters that are not text {bad} (glyphs without Unicode)")
        if not re.search("[\u0e01-\u0e5b]", text):
            problems.append(f"{name}: no Thai text at all")
        flat = re.sub(r"\s+", "", text)  # line and cell breaks are layout, not text
        missing = [s for s in strings if re.sub(r"\s+", "", s) not in flat]
        problems += [f"{name}: does not read back exactly: {s}" for s in missing]
        problems += font_problems(pdf)
        print(f"{name}: {len(strings) - len(missing)}/{len(strings)} source strings read back exactly "
              f"({len(text)} characters of text)")
    return problems


def _docx_text(path: str) -> str:
    from docx import Document

    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def _xlsx_text(path: str) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return "\n".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for v in row if v is not None)


def check_office(sample_path: str, docx_path: str, xlsx_path: str) -> list[str]:
    sample = _load(sample_path)
    strings = [sample["organization"]["name"], *(m["title"] for m in sample["years"][0]["measures"])]
    problems: list[str] = []
    for path, text in ((docx_path, _docx_text(docx_path)), (xlsx_path, _xlsx_text(xlsx_path))):
        flat = re.sub(r"\s+", "", text)
        missing = [s for s in strings if re.sub(r"\s+", "", s) not in flat]
        problems += [f"{Path(path).name}: missing: {s}" for s in missing]
        print(f"{Path(path).name}: {len(strings) - len(missing)}/{len(strings)} source strings found")
    return problems


def main(argv: list[str]) -> int:
    checks: dict[str, tuple[Callable[..., list[str]], int]] = {
        "json": (check_json, 2), "pdf": (check_pdf, 4), "office": (check_office, 3)}
    if not argv or argv[0] not in checks or len(argv) - 1 != checks[argv[0]][1]:
        print(__doc__, file=sys.stderr)
        return 2
    check, _ = checks[argv[0]]
    problems = check(*argv[1:])
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
