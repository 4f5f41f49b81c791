"""Word export: every document kind and layout, Thai-ready runs, table structure, the same words as the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

from ita_desktop.domain.model import Document
from ita_desktop.reports.document_model import Table
from ita_desktop.reports.docx_export import export_docx
from ita_desktop.reports.layouts import LAYOUTS_BY_DOC, build_report
from ita_desktop.reports.office.page_digits import FAMILY as PAGE_DIGITS
from ita_desktop.services.exporting import ExportOptions, export_document
from tests.office.conftest import pdf_text, squeeze, to_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CASES = [(kind, layout) for kind, layouts in LAYOUTS_BY_DOC.items() for layout in layouts]


@pytest.fixture(scope="module")
def exported(sample: Document, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], Path]:
    folder = tmp_path_factory.mktemp("docx")
    out = {}
    for kind, layout in CASES:
        path = folder / f"{kind}{layout}.docx"
        export_docx(sample, ExportOptions(doc=kind, layout=layout), path)  # type: ignore[arg-type]
        out[(kind, layout)] = path
    return out


def cell_texts(cell: docx.table._Cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


@pytest.mark.parametrize(("kind", "layout"), CASES)
def test_every_layout_prints_the_reports_table_cell_for_cell(kind: str, layout: int, sample: Document,
                                                              exported: dict[tuple[str, int], Path]) -> None:
    report = build_report(sample, ExportOptions(doc=kind, layout=layout))  # type: ignore[arg-type]
    expected = next(b for b in report.blocks if isinstance(b, Table))
    word = docx.Document(str(exported[(kind, layout)]))
    table = next(t for t in word.tables if cell_texts(t.rows[0].cells[0]) == expected.columns[0].header)
    n = len(expected.columns)
    assert [cell_texts(c) for c in table.rows[0].cells] == [c.header for c in expected.columns]
    rows = iter(table.rows[1:])
    for section in expected.sections:
        if section.heading:
            heading = next(rows)
            tcs = heading._tr.findall(qn("w:tc"))
            assert len(tcs) == 1, "a section heading is one cell across the table"
            assert tcs[0].find(f"{W}tcPr/{W}gridSpan").get(qn("w:val")) == str(n)
            assert cell_texts(heading.cells[0]) == section.heading
        for values in section.rows:
            assert [cell_texts(c) for c in next(rows).cells] == values
    assert next(rows, None) is None
    body = "\n".join(p.text for p in word.paragraphs)
    for line in report.title_lines:
        assert line in body


def test_runs_carry_thai_complex_script_font_size_and_language(exported: dict[tuple[str, int], Path]) -> None:
    word = docx.Document(str(exported[("plan", 1)]))
    runs = word.element.body.findall(f".//{W}r")
    assert len(runs) > 100
    in_cells = set(word.element.body.findall(f".//{W}tc//{W}r"))  # held, so each run keeps its proxy
    for run in runs:
        rpr = run.find(f"{W}rPr")
        assert rpr is not None
        assert rpr.find(f"{W}rFonts").get(qn("w:cs")) == "Sarabun"
        # in half-points, as the PDF: 11 pt in table cells, 12 pt body text
        assert rpr.find(f"{W}szCs").get(qn("w:val")) == ("22" if run in in_cells else "24")
        assert rpr.find(f"{W}cs") is not None
        assert rpr.find(f"{W}lang").get(qn("w:bidi")) == "th-TH"
        assert (rpr.find(f"{W}b") is None) == (rpr.find(f"{W}bCs") is None), "bold Thai needs w:bCs too"
    bold = [r for r in runs if r.find(f"{W}rPr/{W}bCs") is not None]
    assert bold, "titles and headers are bold"
    styles = word.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert styles.find(f"{W}rFonts").get(qn("w:cs")) == "Sarabun"
    assert styles.find(f"{W}szCs").get(qn("w:val")) == "24"


def test_the_bundled_font_travels_inside_the_word_file(exported: dict[tuple[str, int], Path]) -> None:
    """Word and LibreOffice lay the file out in the PDF's font even where it is not installed (ECMA-376 §17.8.1)."""
    import uuid
    import zipfile

    from ita_desktop.paths import resource
    from ita_desktop.reports.office.docx_fonts import obfuscate

    with zipfile.ZipFile(exported[("plan", 1)]) as z:
        table = z.read("word/fontTable.xml").decode("utf-8")
        rels = z.read("word/_rels/fontTable.xml.rels").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
        stored = {name: z.read(name) for name in z.namelist() if name.startswith("word/fonts/")}
    assert "embedTrueTypeFonts" in settings and 'w:name="Sarabun"' in table
    sarabun = re.search(r'<w:font w:name="Sarabun">(.*?)</w:font>', table)
    assert sarabun is not None
    keys = re.findall(r'w:embed(Regular|Bold) r:id="(rId\d+)" w:fontKey="\{([0-9A-F-]+)\}"', sarabun.group(1))
    assert {kind for kind, _, _ in keys} == {"Regular", "Bold"}
    for kind, rid, key in keys:
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)
        assert target is not None
        name = "word/" + next(t for t in target.groups() if t)
        original = resource("fonts", f"Sarabun-{kind}.ttf").read_bytes()
        assert obfuscate(stored[name], uuid.UUID(key)) == original  # the XOR undoes itself: the font, byte for byte


def test_font_is_configurable(sample: Document, tmp_path: Path) -> None:
    out = tmp_path / "f.docx"
    export_docx(sample, ExportOptions(), out, font="TH Sarabun New", size=15)
    rpr = docx.Document(str(out)).element.body.find(f".//{W}r/{W}rPr")
    assert rpr.find(f"{W}rFonts").get(qn("w:cs")) == "TH Sarabun New"
    assert rpr.find(f"{W}szCs").get(qn("w:val")) == "30"


def test_pages_are_landscape_a4_and_header_rows_repeat(exported: dict[tuple[str, int], Path]) -> None:
    word = docx.Document(str(exported[("progress", 3)]))
    size = word.sections[0]._sectPr.find(f"{W}pgSz")
    assert size.get(qn("w:orient")) == "landscape"
    assert (int(size.get(qn("w:w"))), int(size.get(qn("w:h")))) == (16838, 11906)  # A4, twips
    table = word.tables[0]
    first, second = table.rows[0]._tr, table.rows[1]._tr
    assert first.find(f"{W}trPr/{W}tblHeader") is not None
    assert second.find(f"{W}trPr/{W}tblHeader") is None
    assert table._tbl.tblPr.find(f"{W}tblLayout").get(qn("w:type")) == "fixed"


def test_column_widths_follow_the_layout_weights(sample: Document,
                                                  exported: dict[tuple[str, int], Path]) -> None:
    report = build_report(sample, ExportOptions(doc="plan", layout=1))
    weights = [c.weight for c in next(b for b in report.blocks if isinstance(b, Table)).columns]
    word = docx.Document(str(exported[("plan", 1)]))
    grid = [int(c.get(qn("w:w"))) for c in word.tables[0]._tbl.tblGrid.findall(f"{W}gridCol")]
    for width, weight in zip(grid, weights, strict=True):
        assert width / sum(grid) == pytest.approx(weight / sum(weights), abs=0.002)
    cell_width = word.tables[0].rows[1].cells[2]._tc.find(f"{W}tcPr/{W}tcW")
    assert int(cell_width.get(qn("w:w"))) == grid[2]


def test_footer_numbers_pages_with_fields_in_thai_digits(exported: dict[tuple[str, int], Path],
                                                         sample: Document, tmp_path: Path) -> None:
    """Word 2013+ reads ``\\* ThaiArabic`` (๑ / ๕); a reader without w15 (LibreOffice) reads ``\\* Arabic``."""
    footer = docx.Document(str(exported[("plan", 1)])).sections[0].footer._element
    mc = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
    choices = footer.findall(f".//{mc}AlternateContent")
    assert len(choices) == 2
    for choice, kind in zip(choices, ("PAGE", "NUMPAGES"), strict=True):
        chosen = choice.find(f"{mc}Choice")
        assert chosen.get("Requires") == "w15" and chosen.nsmap["w15"].endswith("/word/2012/wordml")
        assert chosen.find(f"{W}instrText").text.strip() == rf"{kind} \* ThaiArabic"
        assert choice.find(f"{mc}Fallback/{W}instrText").text.strip() == rf"{kind} \* Arabic"
    assert "หน้า" in "".join(t.text or "" for t in footer.iter(f"{W}t"))
    # the numbers' runs (all five of each field) in the derived font, the label's in Sarabun
    assert footer_fonts(footer) == ["Sarabun", *[PAGE_DIGITS] * 5, "Sarabun", *[PAGE_DIGITS] * 5]
    assert embedded_fonts(exported[("plan", 1)]) == {"Sarabun": 2, PAGE_DIGITS: 1}
    out = tmp_path / "arabic.docx"
    export_docx(sample, ExportOptions(digits="arabic"), out)
    footer = docx.Document(str(out)).sections[0].footer._element
    assert [t.text.strip() for t in footer.iter(f"{W}instrText")] == [r"PAGE \* Arabic", r"NUMPAGES \* Arabic"]
    assert footer.find(f".//{mc}AlternateContent") is None
    assert set(footer_fonts(footer)) == {"Sarabun"}, "Arabic digits are drawn as Arabic digits"
    assert embedded_fonts(out) == {"Sarabun": 2}


def footer_fonts(footer: object) -> list[str]:
    """The complex-script font of each run of the footer, in order."""
    return [r.find(f"{W}rPr/{W}rFonts").get(qn("w:cs")) for r in footer.iter(f"{W}r")]  # type: ignore[attr-defined]


def embedded_fonts(path: Path) -> dict[str, int]:
    """Family -> number of font files the DOCX carries for it."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        table = z.read("word/fontTable.xml").decode("utf-8")
    fonts = re.findall(r'<w:font w:name="([^"]+)">(.*?)</w:font>', table)
    return {name: body.count("<w:embed") for name, body in fonts if "<w:embed" in body}


def test_the_page_digits_font_draws_sarabuns_thai_digits_for_both_kinds_of_digit() -> None:
    """Word's ``\\* ThaiArabic`` writes ๑, LibreOffice's ``\\* Arabic`` writes 1: both must draw Sarabun's ๑."""
    import io

    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    from ita_desktop.paths import resource
    from ita_desktop.reports.office.page_digits import page_digits_font

    sarabun_file = resource("fonts", "Sarabun-Regular.ttf")
    made = page_digits_font(sarabun_file)
    page_digits_font.cache_clear()
    assert page_digits_font(sarabun_file) == made, "the same bytes each time"
    font, sarabun = TTFont(io.BytesIO(made)), TTFont(str(sarabun_file))
    cmap, original = font.getBestCmap(), sarabun.getBestCmap()
    assert set(cmap) == {0x20, *range(0x30, 0x3A), *range(0x0E50, 0x0E5A)}, "nothing but digits and space"

    def outline(f: TTFont, glyph: str) -> list[tuple[str, tuple[object, ...]]]:
        pen = RecordingPen()
        f.getGlyphSet()[glyph].draw(pen)
        return list(pen.value)

    for n in range(10):
        thai_digit = outline(sarabun, original[0x0E50 + n])
        assert outline(font, cmap[0x30 + n]) == thai_digit, f"{n} is drawn as Sarabun's {chr(0x0E50 + n)}"
        assert outline(font, cmap[0x0E50 + n]) == thai_digit
        assert thai_digit != outline(sarabun, original[0x30 + n])
    names = font["name"]
    assert names.getDebugName(1) == PAGE_DIGITS and "Sarabun" not in names.getDebugName(4)  # OFL: a new name
    assert "SIL Open Font License" in names.getDebugName(13) and "Sarabun" in names.getDebugName(0)


def test_digits_follow_the_option_and_signers_are_printed(sample: Document, tmp_path: Path) -> None:
    thai, arabic = tmp_path / "t.docx", tmp_path / "a.docx"
    export_docx(sample, ExportOptions(doc="plan", layout=1), thai)
    export_docx(sample, ExportOptions(doc="plan", layout=1, digits="arabic"), arabic)
    thai_text = "\n".join(p.text for p in docx.Document(str(thai)).paragraphs)
    assert "พ.ศ. ๒๕๖๗" in thai_text and "2567" not in thai_text
    assert "พ.ศ. 2567" in "\n".join(p.text for p in docx.Document(str(arabic)).paragraphs)
    signatures = docx.Document(str(thai)).tables[-1]
    signed = " ".join(cell_texts(c) for c in signatures.rows[0].cells)
    for signer in sample.latest_year().signatories:  # type: ignore[union-attr]
        assert f"({signer.name})" in signed and signer.position in signed and signer.role in signed


def test_analysis_chart_is_a_table_of_scores_with_bars(exported: dict[tuple[str, int], Path],
                                                        sample: Document) -> None:
    word = docx.Document(str(exported[("analysis", 6)]))
    chart = next(t for t in word.tables if cell_texts(t.rows[0].cells[0]) == "ตัวชี้วัด")
    scores = {s.number: s.score for s in sample.latest_year().assessment.indicators}  # type: ignore[union-attr]
    rows = chart.rows[1:]
    assert len(rows) == len([s for s in scores.values() if s is not None])
    for row in rows:
        tcs = row._tr.findall(qn("w:tc"))
        filled = sum(1 for tc in tcs[2:] if tc.find(f"{W}tcPr/{W}shd") is not None)
        score = float(cell_texts(row.cells[1]).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
        assert filled == -(-score // 5), f"{score} shows as {filled} cells of 5 points"


def test_export_document_routes_docx_here(sample: Document, tmp_path: Path) -> None:
    out = tmp_path / "route.docx"
    export_document(sample, ExportOptions(doc="progress", round=6), out)
    assert "รอบ ๖ เดือน" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)


@pytest.mark.libreoffice
def test_libreoffice_opens_the_word_files_and_prints_the_thai_text(
        sample: Document, exported: dict[tuple[str, int], Path], tmp_path_factory: pytest.TempPathFactory) -> None:
    picked = [("plan", 1), ("progress", 3), ("analysis", 6)]
    pdfs = to_pdf([exported[p] for p in picked], tmp_path_factory.mktemp("lo_docx"))
    for kind, layout in picked:
        text = pdf_text(pdfs[f"{kind}{layout}"])
        report = build_report(sample, ExportOptions(doc=kind, layout=layout))  # type: ignore[arg-type]
        for line in report.title_lines:
            assert squeeze(line) in text
        table = next(b for b in report.blocks if isinstance(b, Table))
        for line in cell_lines(table):
            assert squeeze(line)[:15] in text or all(w in text for w in line.split()[:3]), line  # may wrap
            if len(line) < 20:  # LibreOffice wraps a narrow cell at its own places, between words
                assert all(word in text for word in line.split()), line
        assert "หน้า" in text


def cell_lines(table: Table) -> list[str]:
    """Every line of every cell (a row split over two pages interleaves its cells, never a cell's lines)."""
    return [line for section in table.sections for values in section.rows for value in values
            for line in value.split("\n") if line.strip()]


def test_rows_that_fit_a_page_are_kept_whole(sample: Document, tmp_path: Path) -> None:
    """Word and LibreOffice move a row marked w:cantSplit on whole (taller rows: tests/office/test_docx_split)."""
    short = tmp_path / "short.docx"
    export_docx(sample, ExportOptions(doc="plan", layout=1), short)
    table = docx.Document(str(short)).tables[0]
    body = [r for r in table.rows[1:] if len(r._tr.findall(qn("w:tc"))) > 1]
    assert body and all(r._tr.find(f"{W}trPr/{W}cantSplit") is not None for r in body)


def test_signers_keep_with_the_last_rows_and_no_blank_last_page(sample: Document, tmp_path: Path) -> None:
    out = tmp_path / "signed.docx"
    export_docx(sample, ExportOptions(doc="progress", layout=3), out)
    word = docx.Document(str(out))
    main, signatures = word.tables[0], word.tables[-1]
    assert main is not signatures
    last = main.rows[-1]
    assert all(p.paragraph_format.keep_with_next for c in last.cells for p in c.paragraphs)
    assert all(r._tr.find(f"{W}trPr/{W}cantSplit") is not None for r in signatures.rows)
    end = word.element.body[-2]
    assert end.tag == qn("w:p") and not "".join(end.itertext()).strip()
    assert end.find(f"{W}pPr/{W}spacing").get(qn("w:lineRule")) == "exact"
    assert int(end.find(f"{W}pPr/{W}spacing").get(qn("w:line"))) <= 20, "the closing paragraph is 1 pt tall"


@pytest.mark.libreoffice
def test_libreoffice_prints_the_word_file_like_the_pdf(sample: Document, exported: dict[tuple[str, int], Path],
                                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    """LibreOffice's PDF of our DOCX: every character of the report, page numbers as numbers (not the Thai letters
    ก / ข that ``\\\\* ThaiArabic`` gives there), and about as many pages as our own PDF."""
    import pypdfium2

    picked = [("plan", 1), ("progress", 3), ("progress", 4), ("analysis", 6)]
    folder = tmp_path_factory.mktemp("lo_pages")
    pdfs = to_pdf([exported[p] for p in picked], folder)
    ours, theirs = 0, 0
    for kind, layout in picked:
        options = ExportOptions(doc=kind, layout=layout)  # type: ignore[arg-type]
        own = folder / f"own_{kind}{layout}.pdf"
        export_document(sample, options, own)
        text = pdf_text(pdfs[f"{kind}{layout}"])
        windows = [w for line in report_lines(build_report(sample, options))
                   for w in eight_char_windows(squeeze(line))]
        # A line LibreOffice ends after a hyphen ("(e-" / "Service)") reads back from PDFium as U+FFFE, its mark for
        # a line-end hyphen; the hyphen is drawn, so it counts as itself.
        text = text.replace("\ufffe", "-")
        lost = [w for w in windows if w not in text]
        assert 1 - len(lost) / len(windows) >= 0.998, lost[:10]
        document = pypdfium2.PdfDocument(str(pdfs[f"{kind}{layout}"]))
        pages = len(document)
        labels = re.findall(r"หน้า([0-9]+)/([0-9]+)", text)  # Arabic digits, not \d (it takes ๑ too)
        document.close()
        assert labels == [(str(n), str(pages)) for n in range(1, pages + 1)], labels
        # The text layer says 1 / 5 (LibreOffice's field is Arabic); what is drawn is the derived font's ๑ / ๕.
        for page in (0, pages - 1):
            drawn = footer_digits(pdfs[f"{kind}{layout}"], page)
            assert "".join(ch for ch, _, _ in drawn) == f"{page + 1}{pages}"
            for ch, font, ink in drawn:
                assert font.startswith("ITAPageDigits"), (ch, font)
                thai, arabic = likeness(ink, chr(0x0E50 + int(ch))), likeness(ink, ch)
                assert thai >= 0.6 and thai >= arabic + 0.25, f"{ch} on page {page + 1}: {thai:.2f} / {arabic:.2f}"
        ours += len(pypdfium2.PdfDocument(str(own)))
        theirs += pages
    assert abs(theirs - ours) <= 0.15 * ours, f"LibreOffice {theirs} pages, our PDF {ours}"


def report_lines(report: object) -> list[str]:
    """The title lines and every line of every table cell of a report."""
    lines = list(report.title_lines)  # type: ignore[attr-defined]
    for block in report.blocks:  # type: ignore[attr-defined]
        if isinstance(block, Table):
            lines += cell_lines(block)
    return lines


def eight_char_windows(text: str) -> list[str]:
    return [text[i:i + 8] for i in range(0, max(1, len(text) - 7), 4)]


RENDER_SCALE = 200 / 72  # 200 dpi


def footer_digits(pdf: Path, page_index: int) -> list[tuple[str, str, Image.Image]]:
    """The digits of the page's last "หน้า …" label as PDFium reads them: (text, font name, their ink at 200 dpi)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        page = document[page_index]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        image = page.render(scale=RENDER_SCALE).to_pil().convert("L")
        height = page.get_height()
        found = []
        for i in range(text.rfind("หน้า"), len(text)):
            if not text[i].isdigit():
                continue
            name = ctypes.create_string_buffer(128)
            pdfium_c.FPDFText_GetFontInfo(textpage.raw, i, name, len(name), None)
            left, bottom, right, top = textpage.get_charbox(i)
            box = (int(left * RENDER_SCALE) - 3, int((height - top) * RENDER_SCALE) - 3,
                   int(right * RENDER_SCALE) + 4, int((height - bottom) * RENDER_SCALE) + 4)
            found.append((text[i], name.value.decode("latin-1"), ink_of(image.crop(box))))
        return found
    finally:
        document.close()


def ink_of(image: Image.Image) -> Image.Image:
    """The black-and-white bitmap of what is drawn, cut to its ink."""
    bits = ImageOps.invert(image).point(lambda v: 255 if v > 100 else 0).convert("1")
    return bits.crop(bits.getbbox())


def likeness(ink: Image.Image, character: str) -> float:
    """How well ``ink`` covers ``character`` drawn with Sarabun by FreeType at the footer's 12 pt: shared ink over
    all ink (1.0 the same shape). Sarabun's ๑ and 1, ๕ and 5 share little ink; a wrong digit matches badly too."""
    from ita_desktop.paths import resource

    px = round(12 * RENDER_SCALE)
    canvas = Image.new("L", (3 * px, 3 * px), 255)
    ImageDraw.Draw(canvas).text((px, px), character, fill=0,
                                font=ImageFont.truetype(str(resource("fonts", "Sarabun-Regular.ttf")), px))
    reference = ink_of(canvas)
    drawn = ink.resize(reference.size)
    shared = ImageChops.logical_and(drawn, reference).histogram()[255]
    either = ImageChops.logical_or(drawn, reference).histogram()[255]
    return shared / either
