"""The PDF reports of the sample document, exported as a clerk would and read back with PDFium and pdfminer."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from ita_desktop.cli import main as cli_main
from ita_desktop.domain.model import Document
from ita_desktop.errors import UserError
from ita_desktop.reports.document_model import Column, Paragraph, Report, Table, TableSection
from ita_desktop.reports.layouts import LAYOUT_COLUMNS, LAYOUTS_BY_DOC, build_report
from ita_desktop.reports.pdf.fonts import load_fonts
from ita_desktop.reports.pdf.styles import ReportStyles
from ita_desktop.reports.pdf_export import BOTTOM_MARGIN, MARGIN, render_report
from ita_desktop.services.documents import load
from ita_desktop.services.exporting import ExportOptions, export_document
from ita_desktop.thai.digits import DigitStyle
from tests.pdf.readback import PUA, found, pattern, pdfium_columns, pdfium_pages, pdfminer_columns, pdfminer_text

LABEL = re.compile(r"\s*หน้า [๐-๙0-9]+ / [๐-๙0-9]+\s*")
CASES = [("plan", 1, "thai"), ("progress", 3, "thai"), ("progress", 2, "arabic"), ("analysis", 6, "thai")]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ita_desktop.samples import create_sample_document

    return create_sample_document(tmp_path_factory.mktemp("sample") / "sample.ita")


@pytest.fixture(scope="module")
def document(sample: Path) -> Document:
    return load(sample)


@pytest.fixture(scope="module")
def exports(document: Document, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int, str], Path]:
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for kind, layout, style in CASES:
        path = folder / f"{kind}-{layout}-{style}.pdf"
        export_document(document, ExportOptions(doc=kind, layout=layout, digits=style), path)  # type: ignore[arg-type]
        out[(kind, layout, style)] = path
    return out


def _edges(layout: int) -> list[float]:
    width = 841.89 - 2 * MARGIN  # landscape A4
    weights = [w for _, w in LAYOUT_COLUMNS[layout]]
    edges = [MARGIN]
    for w in weights:
        edges.append(edges[-1] + width * w / sum(weights))
    return edges


def _column_streams(pages: list[list[str]], headers: list[str]) -> list[str]:
    """Each column's text over all pages, with what precedes the header and the page labels cut away."""
    streams = ["" for _ in headers]
    for page in pages:
        for c, text in enumerate(page):
            match = pattern(headers[c]).search(text)
            if match:
                text = text[match.end():]
            streams[c] += LABEL.sub("\n", text).strip() + "\n"
    return streams


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_every_cell_reads_back_exactly_in_its_column(document: Document, exports: dict[tuple[str, int, str], Path],
                                                     case: tuple[str, int, DigitStyle], reader: str) -> None:
    """Each line of every cell is extracted exactly (only line breaks may differ), top to bottom in its column."""
    kind, layout, style = case
    report = build_report(document, ExportOptions(doc=kind, layout=layout, digits=style))  # type: ignore[arg-type]
    table = report.tables()[0]
    headers = [c.header for c in table.columns]
    read: Callable[[Path, list[float], float], list[list[str]]] = pdfium_columns if reader == "pdfium" \
        else pdfminer_columns
    streams = _column_streams(read(exports[case], _edges(layout), BOTTOM_MARGIN), headers)
    checked = 0
    for c in range(len(headers)):
        pos = 0
        for section in table.sections:
            for row in section.rows:
                for line in row[c].split("\n"):
                    if not line.strip():
                        continue
                    match = pattern(line).search(streams[c], pos)
                    assert match, f"column {c + 1}: {line!r} not found after offset {pos}"
                    pos = match.end()
                    checked += 1
    assert checked > 40


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
def test_pages_are_numbered_and_headers_repeat(document: Document, exports: dict[tuple[str, int, str], Path],
                                               case: tuple[str, int, DigitStyle]) -> None:
    _kind, layout, style = case
    pages = pdfium_pages(exports[case])
    assert len(pages) >= 3
    digits = "๐๑๒๓๔๕๖๗๘๙" if style == "thai" else "0123456789"
    for number, text in enumerate(pages, 1):
        assert f"หน้า {digits[number]} / {digits[len(pages)]}" in text
    headers = [h for h, _ in LAYOUT_COLUMNS[layout]]
    with_header = [i for i, text in enumerate(pages) if all(found(h, text) for h in headers)]
    # the table starts on page 1 or 2 and its header is on every page until the table ends
    assert len(with_header) >= 2 and with_header == list(range(with_header[0], with_header[-1] + 1))
    assert "ลงชื่อ" in pages[-1]


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_text_layer_is_clean(exports: dict[tuple[str, int, str], Path], reader: str) -> None:
    for path in exports.values():
        text = "\f".join(pdfium_pages(path)) if reader == "pdfium" else pdfminer_text(path)
        assert not PUA.search(text), path.name
        assert "\ufffd" not in text and "ํา" not in text


def test_buddhist_era_dates_in_both_digit_styles(exports: dict[tuple[str, int, str], Path]) -> None:
    thai = "\f".join(pdfium_pages(exports[("progress", 3, "thai")]))
    assert re.search(r"ดำเนินการเมื่อ\s+วันที่\s+[๐-๙]+\s+\S+\s+๒๕[๖-๗][๐-๙]", thai)
    assert re.search(r"ประจำปีงบประมาณ\s+พ\.ศ\.\s+๒๕๖[๐-๙]", thai)
    arabic = "\f".join(pdfium_pages(exports[("progress", 2, "arabic")]))
    assert re.search(r"ดำเนินการเมื่อ\s+วันที่\s+\d+\s+\S+\s+25[67]\d", arabic)
    assert re.search(r"ประจำปีงบประมาณ\s+พ\.ศ\.\s+256\d", arabic)
    assert not re.search(r"ประจำปีงบประมาณ\s+พ\.ศ\.\s+[๐-๙]", arabic)


def test_analysis_chart_and_shortfalls(document: Document, exports: dict[tuple[str, int, str], Path]) -> None:
    text = LABEL.sub("\n", "\f".join(pdfium_pages(exports[("analysis", 6, "thai")])))
    report = build_report(document, ExportOptions(doc="analysis"))
    chart = next(b for b in report.blocks if type(b).__name__ == "BarChart")
    assert found(chart.title, text)  # type: ignore[union-attr]
    for label, _ in chart.bars:  # type: ignore[union-attr]
        assert found(label, text), label
    assert found("ค่าเป้าหมาย ๘๕.๐๐", text)
    for block in report.blocks:
        if type(block).__name__ == "BulletList":
            for item in block.items:  # type: ignore[union-attr]
                assert found(f"• {item}", text), item


def test_metadata(exports: dict[tuple[str, int, str], Path], document: Document) -> None:
    doc = pdfium.PdfDocument(str(exports[("plan", 1, "thai")]))
    try:
        meta = doc.get_metadata_dict()
    finally:
        doc.close()
    assert meta["Title"].startswith("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    assert meta["Author"] == document.organization.name


def test_a_cell_taller_than_a_page_splits(tmp_path: Path) -> None:
    lines = [f"{n}. ดำเนินการตามขั้นตอนที่ {n} และรายงานผลต่อผู้บริหารท้องถิ่น <{n}> & ตรวจสอบแล้ว"
             for n in range(1, 121)]
    table = Table([Column("ลำดับ", 0.5), Column("ขั้นตอน/วิธีการปฏิบัติ", 3.0)],
                  [TableSection("๑. หมวดทดสอบ", [["๑", "\n".join(lines)], ["๒", "แถวถัดไป"]])])
    report = Report(["ตารางยาวมาก"], [Paragraph("ก่อนตาราง"), table], "thai", True, "ทดสอบ",
                    lambda p, t: f"หน้า {p} / {t}")
    calls: list[tuple[int, int, str]] = []
    out = tmp_path / "long.pdf"
    render_report(report, ReportStyles.for_fonts(load_fonts()), out, lambda d, t, m: calls.append((d, t, m)))
    pages = pdfium_pages(out)
    assert len(pages) >= 3
    assert all("ขั้นตอน/วิธีการปฏิบัติ" in page for page in pages)  # header repeated
    width = 841.89 - 2 * MARGIN
    stream = _column_streams(pdfium_columns(out, [MARGIN, MARGIN + width / 7, MARGIN + width], BOTTOM_MARGIN),
                             ["ลำดับ", "ขั้นตอน/วิธีการปฏิบัติ"])[1]
    pos = 0
    for line in [*lines, "แถวถัดไป"]:
        match = pattern(line).search(stream, pos)
        assert match, line
        pos = match.end()
    done = [d for d, _, _ in calls]
    assert done == sorted(done) and calls[-1][2] == "เสร็จแล้ว" and len(calls) >= 4


@pytest.mark.parametrize(("kind", "layout"), [(k, n) for k, ns in LAYOUTS_BY_DOC.items() for n in ns])
def test_every_layout_exports_from_the_cli(sample: Path, tmp_path: Path, kind: str, layout: int) -> None:
    out = tmp_path / f"{kind}{layout}.pdf"
    assert cli_main(["export", str(sample), str(out), "--doc", kind, "--layout", str(layout)]) == 0
    pages = pdfium_pages(out)
    text = "".join(pages)
    for header, _ in LAYOUT_COLUMNS[layout]:
        assert found(header, text), header
    assert not PUA.search(text)


def test_cli_font_choice_and_bad_fonts(sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ita_desktop.paths import resource

    out = tmp_path / "font.pdf"
    user_font = resource("fonts", "Sarabun-Bold.ttf")  # any Thai TTF the clerk has
    assert cli_main(["export", str(sample), str(out), "--doc", "plan", "--font", str(user_font)]) == 0
    assert found("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "".join(pdfium_pages(out)))
    assert cli_main(["export", str(sample), str(tmp_path / "x.pdf"), "--font", str(tmp_path / "none.ttf")]) == 2
    assert "Font file not found" in capsys.readouterr().err
    not_a_font = tmp_path / "notes.ttf"
    not_a_font.write_text("not a font", encoding="utf-8")
    assert cli_main(["export", str(sample), str(tmp_path / "y.pdf"), "--font", str(not_a_font)]) == 2
    assert "ใช้ไม่ได้" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "y.pdf").exists()


def test_failed_export_leaves_no_file(document: Document, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    with pytest.raises(UserError):
        export_document(document, ExportOptions(doc="plan", layout=6), out)
    assert list(tmp_path.iterdir()) == []


def test_characters_missing_from_a_chosen_font_print_from_sarabun(document: Document, tmp_path: Path) -> None:
    """A Thai-only font (as some office fonts are) still prints "•", "(ITA)" and "–": the bundled Sarabun fills in."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from ita_desktop.paths import resource
    from ita_desktop.reports.pdf.shaping import shape

    thai_only = tmp_path / "ThaiOnly.ttf"
    font = TTFont(str(resource("fonts", "Sarabun-Regular.ttf")))
    subsetter = subset.Subsetter(subset.Options())
    subsetter.populate(unicodes=[*range(0x0E01, 0x0E5C), 0x20, 0x2E])
    subsetter.subset(font)
    font.save(str(thai_only))
    chosen = load_fonts(thai_only)
    glyphs = shape(chosen.regular, "• ตัวชี้วัด (ITA) ต.ค. ๖๖ – มี.ค. ๖๗").glyphs
    assert all(g.gid != 0 for g in glyphs)
    assert {g.text for g in glyphs if g.font is not None} >= {"•", "(", "I", "T", "A", ")", "–"}
    out = tmp_path / "analysis.pdf"
    export_document(document, ExportOptions(doc="analysis", font=str(thai_only)), out)
    text = LABEL.sub("\n", "\f".join(pdfium_pages(out)))
    assert found("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)", text)
    assert "• ตัวชี้วัดที่" in text and not PUA.search(text)


def test_every_font_in_the_pdf_is_embedded(exports: dict[tuple[str, int, str], Path]) -> None:
    """A reader without our fonts must still show the document: no font may be merely referenced."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    for path in exports.values():
        with path.open("rb") as fh:
            pdf = PDFDocument(PDFParser(fh))
            names = set()
            for page in PDFPage.create_pages(pdf):
                fonts = resolve1(resolve1(page.resources).get("Font", {}))
                for ref in fonts.values():
                    font = resolve1(ref)
                    names.add(resolve1(font["BaseFont"]).name)
                    descriptor = resolve1(font.get("FontDescriptor"))
                    assert descriptor is not None and "FontFile2" in descriptor, (path.name, font["BaseFont"])
            assert names and all("Sarabun" in n for n in names), names


def test_a_step_the_clerk_numbered_herself_prints_once_numbered(document: Document, tmp_path: Path) -> None:
    """A step typed as "1. …" prints once numbered, not "๑. 1. …" (the QA walkthrough found the double number),
    and in the document's digits ("๑. …", issue 11 point 10)."""
    import copy

    doc = copy.deepcopy(document)
    plan = doc.latest_year()
    assert plan is not None
    plan.measures[0].steps[0].text = "1. ประชุมวางแผนการดำเนินงาน"
    out = tmp_path / "own-numbers.pdf"
    export_document(doc, ExportOptions(doc="plan", layout=1), out)
    text = "".join("".join(pdfium_pages(out)).split())
    assert "๑.ประชุมวางแผนการดำเนินงาน" in text
    assert "๑.1." not in text and "๑.๑." not in text and "1.ประชุม" not in text
