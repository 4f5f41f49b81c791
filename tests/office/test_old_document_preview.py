"""Issue 13: the preview of an old document (--dry-run, --map), text that finds no place kept, and PDF import.

PDFs are made here: by our own exporter from the seed documents (tests/data/seeds), by LibreOffice from a DOCX,
and with reportlab in a copy of Sarabun whose private-use code points draw the tone marks, as Word's Thai PDFs
carry them. Each is read back through the same reader as Word files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ita_desktop.cli import main
from ita_desktop.domain.model import Organization
from ita_desktop.office_docs.columns import parse_choice
from ita_desktop.office_docs.thai_repair import Repairs, repair
from ita_desktop.services.documents import import_file, load, new_document
from ita_desktop.services.office_import import import_old_document, preview_old_document
from tests.office.conftest import to_pdf
from tests.office.test_docx_import import SEEDS, _fill, _header, hand_made, sha

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


def squeezed(text: str) -> str:
    """Text without whitespace: a space that fell at a line wrap is not in a PDF's text layer."""
    return "".join(text.split())


def unnumbered(text: str) -> str:
    import re

    return squeezed(re.sub(r"^\s*[0-9๐-๙.]+\s*", "", text))


# -- --dry-run and --map --------------------------------------------------------------------------------------
def test_dry_run_prints_what_would_come_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = hand_made(tmp_path / "old.docx")
    target = tmp_path / "office.ita"
    assert main(["import", str(target), str(old), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert not target.exists()  # a new file is not created by a dry run
    assert "dry run: nothing written" in printed
    assert "column 3 “ขั้นตอน / วิธีการปฏิบัติ” → steps" in printed
    assert "1. ประชุมชี้แจงบุคลากร" in printed and "units: สำนักปลัด, กองคลัง" in printed
    assert "entry: round 6, step 1, done 2022-12-01: ประชุมแล้ว" in printed
    assert "signatory: ผู้รายงาน สมชาย ใจดี (นายสมชาย ใจดี) ปลัดองค์การบริหารส่วนตำบล" in printed
    new_document(target, Organization(name="องค์การบริหารส่วนตำบลทดสอบ"), 2566)
    before = sha(target)
    assert main(["import", str(target), str(old), "--dry-run", "--map", "4=monitoring"]) == 0
    printed = capsys.readouterr().out
    assert sha(target) == before and len(load(target).years[0].measures) == 0
    assert "column 4 “ผลการดำเนินการ” → monitoring (การกำกับติดตาม) (changed)" in printed
    assert "entry:" not in printed


def test_map_reads_a_column_as_another_field(tmp_path: Path) -> None:
    target = tmp_path / "office.ita"
    summary = import_old_document(target, hand_made(tmp_path / "old.docx"), choices=[parse_choice("1:4=monitoring")])
    assert summary.entries == 0
    plan = load(target).year(2566)
    assert plan is not None
    assert plan.measures[0].monitoring.startswith("๑. ดำเนินการเมื่อ วันที่ ๑ ธันวาคม ๒๕๖๕ ประชุมแล้ว")
    assert not any(m.progress for m in plan.measures)


@pytest.mark.parametrize(("value", "message"), [
    ("9=steps", "column 9 does not exist"), ("2:1=steps", "table 2 does not exist"),
    ("3=notes", "'notes' is not a field"), ("steps", "write COLUMN=FIELD"),
    ("3=-", "needs a title, steps, measure, issue or guideline column")])
def test_a_bad_map_is_refused_and_writes_nothing(value: str, message: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    old = hand_made(tmp_path / "old.docx")
    target = tmp_path / "office.ita"
    new_document(target, Organization(name="องค์การบริหารส่วนตำบลทดสอบ"), 2566)
    before = sha(target)
    # "3=-": the steps column left out, and the issue column too, leaves no column of measures
    value_args = ["--map", "2=-", "--map", value] if value == "3=-" else ["--map", value]
    assert main(["import", str(target), str(old), *value_args]) != 0
    assert message in capsys.readouterr().err
    assert sha(target) == before


# -- text that finds no place ---------------------------------------------------------------------------------
def with_stray_text(path: Path) -> Path:
    """A plan with a column no field names (หมายเหตุ), a table without known headings and an odd signature line."""
    word = docx.Document()
    for line in ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", "องค์การบริหารส่วนตำบลทดสอบ"):
        word.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = word.add_table(rows=3, cols=4)
    _header(table.rows[0], ["มาตรการ", "ขั้นตอน/วิธีการปฏิบัติ", "ผู้รับผิดชอบ", "หมายเหตุ"])
    _fill(table.cell(1, 0), "มาตรการเปิดเผยข้อมูล")
    _fill(table.cell(1, 1), "๑. ปรับปรุงเว็บไซต์", "๒. เผยแพร่ข่าว")
    _fill(table.cell(1, 2), "สำนักปลัด")
    _fill(table.cell(1, 3), "ใช้งบประมาณจากเงินสะสม")
    _fill(table.cell(2, 0), "มาตรการของขวัญ")
    _fill(table.cell(2, 1), "ประกาศนโยบาย")
    _fill(table.cell(2, 2), "กองคลัง")
    word.add_paragraph("")
    other = word.add_table(rows=2, cols=2)
    _fill(other.cell(0, 0), "งบประมาณ")
    _fill(other.cell(0, 1), "จำนวนเงิน")
    _fill(other.cell(1, 0), "ค่าจัดประชุม")
    _fill(other.cell(1, 1), "๕,๐๐๐ บาท")
    for line in ("ลงชื่อ สมชาย ใจดี ผู้จัดทำ", "(นายสมชาย ใจดี)", "ตำแหน่ง ปลัด", "โทร ๐๘๑ ๒๓๔ ๕๖๗๘"):
        word.add_paragraph(line)
    word.save(str(path))
    return path


def test_unplaced_text_is_shown_and_kept_in_the_closing_text(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    old = with_stray_text(tmp_path / "stray.docx")
    target = tmp_path / "office.ita"
    assert main(["import", str(target), str(old), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert "[ตาราง 1 แถว 1 คอลัมน์ 4 “หมายเหตุ”] ใช้งบประมาณจากเงินสะสม" in printed
    assert "ค่าจัดประชุม | ๕,๐๐๐ บาท" in printed and "โทร ๐๘๑ ๒๓๔ ๕๖๗๘" in printed
    assert main(["import", str(target), str(old)]) == 0
    plan = load(target).year(2567)
    assert plan is not None
    closing = next(t.text for t in plan.texts if t.part == "closing")
    for piece in ("ใช้งบประมาณจากเงินสะสม", "ค่าจัดประชุม", "๕,๐๐๐ บาท", "โทร ๐๘๑ ๒๓๔ ๕๖๗๘"):
        assert piece in closing
    assert [s.text for s in plan.measures[0].steps] == ["ปรับปรุงเว็บไซต์", "เผยแพร่ข่าว"]
    # imported again, the same text is not added twice
    assert main(["import", str(target), str(old)]) == 0
    plan = load(target).year(2567)
    assert plan is not None
    assert next(t.text for t in plan.texts if t.part == "closing").count("ใช้งบประมาณจากเงินสะสม") == 1


def test_unplaced_text_goes_after_the_years_own_closing_words(tmp_path: Path) -> None:
    old = with_stray_text(tmp_path / "stray.docx")
    target = tmp_path / "office.ita"
    own = tmp_path / "own.json"
    own.write_text(json.dumps({"format": "ita-desktop/2", "organization": {"name": "องค์การบริหารส่วนตำบลทดสอบ"},
                               "years": [{"fiscal_year": 2567, "measures": [], "texts": [
                                   {"document": "plan", "round": None, "part": "closing",
                                    "text": "จึงประกาศมาเพื่อทราบโดยทั่วกัน"}]}]}, ensure_ascii=False), encoding="utf-8")
    import_file(target, own)
    summary = import_old_document(target, old)
    assert "closing" in summary.texts
    plan = load(target).year(2567)
    assert plan is not None
    closing = next(t.text for t in plan.texts if t.part == "closing")
    assert closing.startswith("จึงประกาศมาเพื่อทราบโดยทั่วกัน\n# ข้อความจากเอกสารเดิม")
    assert "ใช้งบประมาณจากเงินสะสม" in closing


# -- PDFs -----------------------------------------------------------------------------------------------------
def _seed_measures(seed: str, year: int) -> list[dict[str, Any]]:
    data = json.loads((SEEDS / seed).read_text(encoding="utf-8"))
    return next(y for y in data["years"] if y["fiscal_year"] == year)["measures"]  # type: ignore[no-any-return]


def test_our_own_exported_plan_pdf_brings_back_its_measures_and_steps(tmp_path: Path) -> None:
    source = tmp_path / "seed.ita"
    import_file(source, SEEDS / "001_namjo_2566.json")
    pdf = tmp_path / "plan.pdf"
    assert main(["export", str(source), str(pdf), "--year", "2566", "--doc", "plan", "--layout", "1"]) == 0
    shown = preview_old_document(tmp_path / "back.ita", pdf)
    assert shown.prepared.source == "pdf" and "check the text" in shown.summary.notes[0]
    assert len(shown.reading.found) == 1 and shown.reading.found[0].continued >= 1  # one table over the pages
    target = tmp_path / "back.ita"
    import_old_document(target, pdf)
    doc = load(target)
    assert doc.organization.name == "เทศบาลตำบลน้ำโจ้"
    plan = doc.year(2566)
    assert plan is not None
    want = _seed_measures("001_namjo_2566.json", 2566)
    assert len(plan.measures) == len(want)
    for w, got in zip(want, plan.measures, strict=True):
        assert [squeezed(s.text) for s in got.steps] == [squeezed(s["text"]) for s in w["steps"]], w["id"]
        assert got.units == w["units"], w["id"]
        assert squeezed(got.guideline) == squeezed(w.get("guideline", "")), w["id"]


def test_our_own_exported_report_pdf_brings_back_the_dated_entries(tmp_path: Path) -> None:
    source = tmp_path / "seed.ita"
    import_file(source, SEEDS / "002_lamliang_2566_report.json")
    pdf = tmp_path / "report.pdf"
    assert main(["export", str(source), str(pdf), "--doc", "progress", "--round", "6", "--layout", "3"]) == 0
    target = tmp_path / "back.ita"
    summary = import_old_document(target, pdf, round_=6)
    assert summary.kind == "progress"
    plan = load(target).year(2566)
    assert plan is not None
    want = _seed_measures("002_lamliang_2566_report.json", 2566)
    assert len(plan.measures) == len(want)
    for w, got in zip(want, plan.measures, strict=True):
        assert [squeezed(s.text) for s in got.steps] == [squeezed(s["text"]) for s in w.get("steps", [])], w["id"]
        assert [(p.round, p.step, p.done_on and p.done_on.isoformat(), squeezed(p.result)) for p in got.progress] == [
            (p["round"], p.get("step"), p.get("done_on"), squeezed(p.get("result", ""))) for p in w["progress"]
            if p["round"] == 6], w["id"]


def test_thai_repair_maps_private_use_marks_and_decomposed_sara_am() -> None:
    repairs = Repairs()
    assert repair("เจ\uf70bาหน\uf70bาที\uf70a", repairs) == "เจ้าหน้าที่"
    assert repair("ท\u0e4d\u0e32งาน น\u0e4d\u0e49\u0e32", repairs) == "ทำงาน น้ำ"
    assert repair("ข\u0e49\u0e31นตอน ก \u0e48อน", repairs) == "ขั้นตอน ก่อน"
    assert repair("ป\uf701ด", repairs) == "ปิด"
    assert repairs.private_use == 4 and repairs.places >= 7
    assert repair("ภาษาไทยปกติ", repairs) == "ภาษาไทยปกติ"


def _pua_font(out: Path) -> Path:
    """Sarabun with the private-use code points of Word's Thai fonts drawing the marks they stand for."""
    from fontTools.ttLib import TTFont

    from ita_desktop.office_docs.thai_repair import PUA_MARKS

    font = TTFont(str(FONTS / "Sarabun-Regular.ttf"))
    for table in font["cmap"].tables:
        if table.isUnicode():
            for pua, mark in PUA_MARKS.items():
                if ord(mark) in table.cmap:
                    table.cmap[ord(pua)] = table.cmap[ord(mark)]
    for record in font["name"].names:  # a name of its own: reportlab keeps fonts by their name
        if record.nameID in (1, 3, 4, 6):
            record.string = "WordThaiPUA"
    font.save(str(out))
    return out


def test_a_pdf_with_private_use_tone_marks_reads_as_standard_thai(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(RLFont("WordThai", str(_pua_font(tmp_path / "wordthai.ttf"))))
    pdf = tmp_path / "published.pdf"
    c = canvas.Canvas(str(pdf), pagesize=landscape(A4))
    width, height = landscape(A4)
    c.setFont("WordThai", 16)
    for i, line in enumerate(("มาตรการส\uf70aงเสริมคุณธรรม", "ประจ\u0e4d\u0e32ปีงบประมาณ พ.ศ. ๒๕๖๖")):
        c.drawCentredString(width / 2, height - 60 - 22 * i, line)
    columns = [60, 300, 560, 780]
    rows = [height - 130, height - 160, height - 230]
    for x in columns:
        c.line(x, rows[0], x, rows[-1])
    for y in rows:
        c.line(columns[0], y, columns[-1], y)
    c.setFont("WordThai", 14)
    for x, text in zip(columns, ("มาตรการ", "ขั้นตอน/วิธีการปฏิบัติ", "ผู้รับผิดชอบ"), strict=False):
        c.drawString(x + 6, rows[0] - 20, text)
    c.drawString(columns[0] + 6, rows[1] - 20, "มาตรการให\uf70bความรู\uf70b")
    c.drawString(columns[1] + 6, rows[1] - 20, "๑. ประชุมชี\uf70bแจงเจ\uf70bาหน\uf70bาที\uf70a")
    c.drawString(columns[1] + 6, rows[1] - 42, "๒. ท\u0e4d\u0e32คู\uf70aมือ")
    c.drawString(columns[2] + 6, rows[1] - 20, "ส\u0e4d\u0e32นักปลัด")
    c.save()
    target = tmp_path / "office.ita"
    assert main(["import", str(target), str(pdf)]) == 0
    printed = capsys.readouterr().out
    assert "place(s) of Thai text repaired" in printed
    plan = load(target).year(2566)
    assert plan is not None
    [m] = plan.measures
    assert m.title == "มาตรการให้ความรู้"
    assert [s.text for s in m.steps] == ["ประชุมชี้แจงเจ้าหน้าที่", "ทำคู่มือ"]
    assert m.units == ["สำนักปลัด"]
    assert all(not ("\uf700" <= ch <= "\uf71a") for t in plan.texts for ch in t.text)


@pytest.mark.libreoffice
def test_a_pdf_made_by_libreoffice_from_a_word_report_reads_like_the_word_file(tmp_path: Path) -> None:
    old = hand_made(tmp_path / "old.docx")
    ruled = docx.Document(str(old))
    from docx.enum.section import WD_ORIENT

    section = ruled.sections[0]  # landscape A4, as offices print these tables
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = docx.shared.Mm(297), docx.shared.Mm(210)
    for table in ruled.tables:
        table.style = "Table Grid"  # ruled as offices' tables are (python-docx's default table draws no lines)
    ruled.save(str(old))
    pdf = to_pdf([old], tmp_path / "lo")["old"]
    from_word, from_pdf = tmp_path / "word.ita", tmp_path / "pdf.ita"
    import_old_document(from_word, old)
    import_old_document(from_pdf, pdf)
    word, read = load(from_word).year(2566), load(from_pdf).year(2566)
    assert word is not None and read is not None
    assert len(read.measures) == len(word.measures)
    for a, b in zip(word.measures, read.measures, strict=True):
        assert b.indicators == a.indicators
        # LibreOffice runs Word's automatic numbering on through the table ("3.1" where the cell's own list is
        # "๑.๑"), in Arabic digits: the PDF prints that, so the numbers are left out of the comparison
        assert [unnumbered(s.text) for s in b.steps] == [unnumbered(s.text) for s in a.steps]
        assert b.units == a.units
        assert [(p.step, p.done_on, squeezed(p.result)) for p in b.progress] == [
            (p.step, p.done_on, squeezed(p.result)) for p in a.progress]


def test_bad_pdfs_change_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reportlab.pdfgen import canvas

    target = tmp_path / "office.ita"
    new_document(target, Organization(name="องค์การบริหารส่วนตำบลทดสอบ"), 2566)
    before = sha(target)
    scan = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(scan))
    c.rect(50, 50, 200, 200, fill=1)  # a picture, no text
    c.save()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    locked = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(locked), encrypt="secret")
    c.drawString(100, 700, "text")
    c.save()
    for bad, message in ((scan, "no text layer"), (damaged, "damaged"), (locked, "password")):
        assert main(["import", str(target), str(bad)]) != 0
        assert message in capsys.readouterr().err, bad.name
        assert sha(target) == before
        assert main(["import", str(tmp_path / "new.ita"), str(bad)]) != 0
        assert not (tmp_path / "new.ita").exists()
