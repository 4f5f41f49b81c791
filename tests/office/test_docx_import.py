"""Issue 13 for Word: `ita-desktop import FILE.ita OLD.docx` reads last year's plan or report as the office wrote it.

Two sources of test files, both made here with python-docx: our own DOCX export of the three seed documents
(tests/data/seeds, in the layouts the offices used), imported back and compared with the seed; and tables built
by hand the way Word users make them (Word's automatic numbering, bullets by style, line breaks, an indicator
cell merged down its measures' rows, a group heading row merged across, a repeated header, a table continued
after a page break). Bad files change nothing: the target's bytes are the same before and after.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell

from ita_desktop.cli import main
from ita_desktop.domain.model import Document, Organization, Status
from ita_desktop.services.documents import import_file, load, new_document
from ita_desktop.services.office_import import import_old_document

SEEDS = Path(__file__).parent.parent / "data" / "seeds"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the seeds, exported in their own layouts and read back ---------------------------------------------------
CASES: dict[str, tuple[str, int, list[str], list[str], tuple[str, ...]]] = {
    # seed file, fiscal year, export arguments, import arguments, what the layout does not print
    "namjo-layout2": ("001_namjo_2566.json", 2566, ["--doc", "progress", "--round", "12", "--layout", "2"], [], ()),
    # layout 4: the indicator labels above the issue, title and steps in one cell, "กำหนดเวลาแล้วเสร็จ …" as the end
    "namjo-layout4": ("001_namjo_2566.json", 2566, ["--doc", "progress", "--round", "12", "--layout", "4"], [],
                      ("start", "timeframe_text")),
    "lamliang-layout3": ("002_lamliang_2566_report.json", 2566,
                         ["--doc", "progress", "--round", "6", "--layout", "3"], ["--round", "6"], ()),
    "srithat-plan-layout1": ("000_srithat_2567_report.json", 2568, ["--doc", "plan", "--layout", "1"],
                             ["--year", "2568"], ()),  # its title says ๒๕๖๗: the office's own words
    "srithat-report-layout5": ("000_srithat_2567_report.json", 2567,
                               ["--doc", "progress", "--round", "6", "--layout", "5", "--date-style", "thru",
                                "--grouping", "group"], ["--round", "6"], ()),
}


def _entries(m: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(p["round"], p.get("step"), p.get("status", "planned"), p.get("done_on"), p.get("result", ""),
             p.get("outcome", "")) for p in m.get("progress", [])]


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_seed_exported_to_word_comes_back_whole(case: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    seed, year, export_args, import_args, not_printed = CASES[case]
    source = tmp_path / "seed.ita"
    import_file(source, SEEDS / seed)
    out = tmp_path / "old.docx"
    assert main(["export", str(source), str(out), "--year", str(year), *export_args]) == 0
    back = tmp_path / "back.ita"
    capsys.readouterr()
    assert main(["import", str(back), str(out), *import_args]) == 0
    printed = capsys.readouterr().out
    assert "(a new document)" in printed and f"fiscal year {year}" in printed

    data = json.loads((SEEDS / seed).read_text(encoding="utf-8"))
    want = next(y for y in data["years"] if y["fiscal_year"] == year)
    doc = load(back)
    assert doc.organization.name == data["organization"]["name"]
    assert (doc.organization.district, doc.organization.province) == (data["organization"]["district"],
                                                                      data["organization"]["province"])
    plan = doc.year(year)
    assert plan is not None and [y.fiscal_year for y in doc.years] == [year]
    assert f"{len(want['measures'])} measure(s) added, 0 matched" in printed
    from ita_desktop.interchange.json_writer import measure_json

    got = [measure_json(m) for m in plan.measures]
    assert len(got) == len(want["measures"])
    for w, g in zip(want["measures"], got, strict=True):
        for key in ("indicators", "issue", "title", "guideline", "units", "start", "end", "timeframe_text",
                    "monitoring", "group"):
            if key in not_printed:
                continue
            assert (g.get(key) or None) == (w.get(key) or None), (w["id"], key)
        assert [(s["text"], s.get("timeframe_text") or None) for s in g["steps"]] == [
            (s["text"], s.get("timeframe_text") or None) for s in w.get("steps", [])], w["id"]
        assert _entries(g) == _entries(w), w["id"]
        assert set(g["rounds"]) <= set(w["rounds"]) and g["rounds"], w["id"]
    kind = "progress" if export_args[1] == "progress" else "plan"
    own = {t.part: t.text for t in plan.texts if t.document == kind}
    for t in want.get("texts", []):
        if t["document"] == kind and t["text"].strip():
            assert own.get(t["part"]) == t["text"], t["part"]
    if want.get("signatories") and "5" in export_args:
        s = plan.signatories[0]
        w = want["signatories"][0]
        assert (s.role, s.name, s.position, s.signed_name) == (w["role"], w["name"], w["position"], w["signed_name"])


def test_importing_the_same_report_again_matches_every_measure_and_adds_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "seed.ita"
    import_file(source, SEEDS / "001_namjo_2566.json")
    out = tmp_path / "old.docx"
    main(["export", str(source), str(out), "--doc", "progress", "--round", "12", "--layout", "2"])
    target = tmp_path / "target.ita"
    first = import_old_document(target, out)
    assert len(first.added) == 10 and first.created
    before = load(target)
    capsys.readouterr()
    assert main(["import", str(target), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "0 measure(s) added, 10 matched, 0 progress entries added" in printed
    assert "matched: [9] การบริหารและพัฒนาทรัพยากรบุคคล" in printed
    after = load(target)
    plan_before, plan_after = before.year(2566), after.year(2566)
    assert plan_before is not None and plan_after is not None
    assert [(m.id, len(m.progress)) for m in plan_after.measures] == [
        (m.id, len(m.progress)) for m in plan_before.measures]
    assert "not replaced (the year has its own already): title, intro" in printed


# -- tables built by hand, as Word users make them ------------------------------------------------------------
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering(word: Any) -> dict[str, str]:
    """Three lists of our own in numbering.xml: Thai numbers '๑.', dotted '๑.๑' (level 1), Arabic '(1)'."""
    numbering = word.part.numbering_part.element
    ids = {}
    for n, (fmt0, text0, fmt1, text1) in enumerate((
            ("thaiNumbers", "%1.", "thaiNumbers", "%1.%2"),
            ("decimal", "(%1)", "decimal", "%1.%2"),
            ("bullet", "\uf0b7", "bullet", "o")), start=90):
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(n))
        for ilvl, fmt, text in ((0, fmt0, text0), (1, fmt1, text1)):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(ilvl))
            for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
                el = OxmlElement(tag)
                el.set(qn("w:val"), value)
                lvl.append(el)
            abstract.append(lvl)
        numbering.insert(0, abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(n))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(n))
        num.append(ref)
        numbering.append(num)
        ids[fmt0] = str(n)
    return ids


def _listed(paragraph: Any, num_id: str, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", str(level)), ("w:numId", num_id)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        num_pr.append(el)
    ppr.append(num_pr)


def _fill(cell: _Cell, *lines: str, numbered: str | None = None, level: int = 0, style: str | None = None) -> None:
    """One paragraph per line; "a\\nb" is one paragraph with a line break (w:br)."""
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if style:
            p.style = style
        parts = line.split("\n")
        run = p.add_run(parts[0])
        for part in parts[1:]:
            run.add_break(WD_BREAK.LINE)
            run = p.add_run(part)
        if numbered:
            _listed(p, numbered, level)


def _header(row: Any, headings: list[str], *, repeat: bool = True) -> None:
    for cell, text in zip(row.cells, headings, strict=True):
        _fill(cell, text)
    if repeat:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))


HEADINGS = ["ตัวชี้วัด\nการประเมิน", "ประเด็นที่ต้องพัฒนา", "ขั้นตอน / วิธีการปฏิบัติ", "ผลการดำเนินการ",
            "หน่วยงาน รับผิดชอบ", "ระยะเวลา\nดำเนินการ"]


def hand_made(path: Path) -> Path:
    word = docx.Document()
    ids = _numbering(word)
    for line in ("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน",
                 "องค์การบริหารส่วนตำบลทดสอบ", "อำเภอแม่ทะ จังหวัดลำปาง"):
        word.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.add_paragraph("ตามที่องค์การบริหารส่วนตำบลทดสอบได้กำหนดมาตรการไว้แล้ว บัดนี้ขอรายงานผลการดำเนินการ ดังนี้")
    word.add_paragraph("๑. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)")
    table = word.add_table(rows=6, cols=6)
    _header(table.rows[0], HEADINGS)
    # two measures of indicator 1: its cell merged down both rows
    indicator = table.cell(1, 0).merge(table.cell(2, 0))
    _fill(indicator, "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่")
    _fill(table.cell(1, 1), "ประเด็นการให้บริการ")
    _fill(table.cell(1, 2), "ประชุมชี้แจงบุคลากร", "ติดตามผลการให้บริการ", numbered=ids["thaiNumbers"])
    _fill(table.cell(1, 3), "๑. ดำเนินการเมื่อ วันที่ ๑ ธันวาคม ๒๕๖๕ ประชุมแล้ว", "ดำเนินการเมื่อ วันที่ ๒๗ มกราคม ๒๕๖๖",
          "๒. อยู่ระหว่างดำเนินการ ติดตามทุกเดือน")
    _fill(table.cell(1, 4), "สำนักปลัด", "กองคลัง", style="List Bullet")
    _fill(table.cell(1, 5), "ต.ค. ๖๕ – มี.ค. ๖๖")
    _fill(table.cell(2, 1), "ประเด็นการลดขั้นตอน")
    _fill(table.cell(2, 2), "1. จัดทำคู่มือ\nฉบับประชาชน", "2. เผยแพร่คู่มือ")
    _fill(table.cell(2, 3), "ดำเนินการแล้ว จัดทำคู่มือเสร็จ")
    _fill(table.cell(2, 4), "กองช่าง กองคลัง")
    nested = table.cell(2, 4).add_table(rows=1, cols=1)  # a table inside the cell
    nested.cell(0, 0).text = "กองสาธารณสุขและสิ่งแวดล้อม"
    _fill(table.cell(2, 5), "ตลอดปีงบประมาณ")
    _header(table.rows[3], HEADINGS, repeat=False)  # the header typed again further down
    group = table.cell(4, 0).merge(table.cell(4, 5))
    _fill(group, "มาตรการเพิ่มประสิทธิภาพการสื่อสาร")
    _fill(table.cell(5, 0), "๙. การเปิดเผยข้อมูล")
    _fill(table.cell(5, 1), "ประเด็นเว็บไซต์")
    steps = table.cell(5, 2)
    _fill(steps, "ปรับปรุงเว็บไซต์")
    _listed(steps.paragraphs[0], ids["thaiNumbers"], 0)
    _fill_more = steps.add_paragraph("เพิ่มหน้าข่าว")
    _listed(_fill_more, ids["thaiNumbers"], 1)
    more = steps.add_paragraph("เพิ่มหน้าประกาศ")
    _listed(more, ids["thaiNumbers"], 1)
    _fill(table.cell(5, 3), "ดำเนินการเมื่อ วันที่ ๑๕ พฤศจิกายน ๒๕๖๕ เปิดใช้เว็บไซต์ใหม่")
    _fill(table.cell(5, 4), "- สำนักปลัด - กองคลัง")
    _fill(table.cell(5, 5), "ภายในเดือนมกราคม ๒๕๖๖")
    # the table continues on the next page: a second table with the same columns and no header
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    rest = word.add_table(rows=2, cols=6)
    _fill(rest.cell(0, 0), "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต")
    _fill(rest.cell(0, 1), "ประเด็นของขวัญ")
    _fill(rest.cell(0, 2), "ประกาศนโยบาย No Gift Policy", "ประชาสัมพันธ์", numbered=ids["bullet"])
    _fill(rest.cell(0, 3), "ดำเนินการเมื่อ วันที่ ๑ ตุลาคม ๒๕๖๕ ประกาศแล้ว")
    _fill(rest.cell(0, 4), "สำนักปลัด")
    _fill(rest.cell(0, 5), "๑ ต.ค. – ๓๑ ธ.ค. ๖๕")
    _fill(rest.cell(1, 3), "ดำเนินการเมื่อ วันที่ ๕ มีนาคม ๒๕๖๖ ประชาสัมพันธ์ทางเฟซบุ๊ก")  # the row above, continued
    word.add_paragraph("บัดนี้ ได้รายงานผลการดำเนินการเรียบร้อยแล้ว")
    for line in ("ลงชื่อ สมชาย ใจดี ผู้รายงาน", "(นายสมชาย ใจดี)", "ตำแหน่ง ปลัดองค์การบริหารส่วนตำบล"):
        word.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.save(str(path))
    return path


@pytest.fixture
def hand_docx(tmp_path: Path) -> Path:
    return hand_made(tmp_path / "old.docx")


def test_a_hand_made_word_report_is_read_cell_by_cell(hand_docx: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.ita"
    summary = import_old_document(target, hand_docx)
    assert (summary.fiscal_year, summary.kind, summary.round, summary.created) == (2566, "progress", 6, True)
    doc: Document = load(target)
    assert (doc.organization.name, doc.organization.district, doc.organization.province) == (
        "องค์การบริหารส่วนตำบลทดสอบ", "แม่ทะ", "ลำปาง")
    plan = doc.year(2566)
    assert plan is not None
    m1, m2, m3, m4 = plan.measures
    # the merged indicator cell names both of its rows' measures
    assert m1.indicators == [1] and m2.indicators == [1]
    assert m1.issue == "ประเด็นการให้บริการ"
    # Word's automatic numbering ("๑." "๒.", not in the text) is the list's: the steps come back bare
    assert [s.text for s in m1.steps] == ["ประชุมชี้แจงบุคลากร", "ติดตามผลการให้บริการ"]
    assert m1.units == ["สำนักปลัด", "กองคลัง"]  # Word list bullets (List Bullet style)
    assert (m1.start, m1.end, m1.timeframe_text) == (date(2022, 10, 1), date(2023, 3, 31), "")
    # two dated entries for step 1 in one round, then step 2 in progress
    assert [(p.round, p.step, p.status, p.done_on, p.result) for p in m1.progress] == [
        (6, 1, Status.DONE, date(2022, 12, 1), "ประชุมแล้ว"),
        (6, 1, Status.DONE, date(2023, 1, 27), ""),
        (6, 2, Status.IN_PROGRESS, None, "ติดตามทุกเดือน")]
    # numbers typed by hand, a line break inside a step, units typed on one line and in a nested table, a
    # timeframe in words
    assert [s.text for s in m2.steps] == ["จัดทำคู่มือ\nฉบับประชาชน", "เผยแพร่คู่มือ"]
    assert m2.units == ["กองช่าง", "กองคลัง", "กองสาธารณสุขและสิ่งแวดล้อม"]  # the nested table's too
    assert (m2.start, m2.end, m2.timeframe_text) == (None, None, "ตลอดปีงบประมาณ")
    assert [(p.step, p.status, p.result) for p in m2.progress] == [(None, Status.DONE, "จัดทำคู่มือเสร็จ")]
    # after the repeated header: the group heading row, Word's "๑.๑" numbering at level 1, bullets on one line
    assert m3.indicators == [9] and m3.group == "มาตรการเพิ่มประสิทธิภาพการสื่อสาร" and not m1.group
    assert [s.text for s in m3.steps] == ["๑. ปรับปรุงเว็บไซต์", "๑.๑ เพิ่มหน้าข่าว", "๑.๒ เพิ่มหน้าประกาศ"]
    assert m3.units == ["สำนักปลัด", "กองคลัง"]
    assert (m3.start, m3.timeframe_text) == (None, "ภายในเดือนมกราคม ๒๕๖๖")
    assert [(p.done_on, p.result) for p in m3.progress] == [(date(2022, 11, 15), "เปิดใช้เว็บไซต์ใหม่")]
    # the table continued after the page break; its second row only continues the first's results
    assert m4.indicators == [10] and m4.group == "มาตรการเพิ่มประสิทธิภาพการสื่อสาร"
    assert [s.text for s in m4.steps] == ["- ประกาศนโยบาย No Gift Policy", "- ประชาสัมพันธ์"]
    assert (m4.start, m4.end, m4.timeframe_text) == (date(2022, 10, 1), date(2022, 12, 31), "๑ ต.ค. – ๓๑ ธ.ค. ๖๕")
    assert [(p.done_on, p.result) for p in m4.progress] == [
        (date(2022, 10, 1), "ประกาศแล้ว"), (date(2023, 3, 5), "ประชาสัมพันธ์ทางเฟซบุ๊ก")]
    assert all(m.rounds == [6] for m in plan.measures)
    texts = {(t.document, t.round, t.part): t.text for t in plan.texts}
    assert texts[("progress", 6, "title")].splitlines()[:2] == [
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน"]
    assert texts[("progress", 6, "intro")].startswith("ตามที่องค์การบริหารส่วนตำบลทดสอบ")
    assert texts[("progress", 6, "tool:IIT")] == "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)"
    assert texts[("progress", 6, "closing")] == "บัดนี้ ได้รายงานผลการดำเนินการเรียบร้อยแล้ว"
    [signer] = plan.signatories
    assert (signer.role, signer.signed_name, signer.name, signer.position) == (
        "ผู้รายงาน", "สมชาย ใจดี", "นายสมชาย ใจดี", "ปลัดองค์การบริหารส่วนตำบล")
    assert {"สำนักปลัด", "กองคลัง", "กองช่าง"} <= set(doc.units)


def test_into_an_existing_document_measures_are_added_to_the_years_plan(
        hand_docx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "office.ita"
    new_document(target, Organization(name="องค์การบริหารส่วนตำบลทดสอบ"), 2566)
    capsys.readouterr()
    assert main(["import", str(target), str(hand_docx)]) == 0
    printed = capsys.readouterr().out
    assert "fiscal year 2566 (report, round 6): 4 measure(s) added, 0 matched, 7 progress entries added" in printed
    assert "added: [9] ประเด็นเว็บไซต์" in printed
    doc = load(target)
    plan = doc.year(2566)
    assert plan is not None and len(plan.measures) == 4
    assert doc.organization.district == "แม่ทะ"  # empty fields are filled from the title block
    assert [s.role for s in plan.signatories] == ["ผู้รายงาน"]  # the blank default roles gave way to the signer
    # the same report again: every measure matched, nothing added twice
    capsys.readouterr()
    assert main(["import", str(target), str(hand_docx)]) == 0
    assert "0 measure(s) added, 4 matched, 0 progress entries added" in capsys.readouterr().out
    plan = load(target).year(2566)
    assert plan is not None and sum(len(m.progress) for m in plan.measures) == 7


# -- bad files: one message, a non-zero exit, nothing created or changed --------------------------------------
def _docx_with(path: Path, part: str, data: bytes, source: Path) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, data if item.filename == part else src.read(item.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
        if part not in src.namelist():
            out.writestr(part, data)
    return path


def _no_table(path: Path) -> Path:
    word = docx.Document()
    word.add_paragraph("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ชื่อ"
    table.cell(0, 1).text = "เบอร์โทร"
    word.save(str(path))
    return path


BAD: dict[str, tuple[Callable[[Path, Path], Path], int, str]] = {
    "not-a-zip": (lambda p, src: (p.write_text("just text", encoding="utf-8"), p)[1], 2, "not a Word .docx"),
    "a-zip-of-something-else": (lambda p, src: _zip(p, {"hello.txt": b"hi"}), 2, "not a Word .docx"),
    "damaged-zip": (lambda p, src: (p.write_bytes(src.read_bytes()[: len(src.read_bytes()) // 2]), p)[1], 2,
                    "not a Word .docx"),
    "a-dtd": (lambda p, src: _docx_with(p, "word/document.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a '
              b'"aaaa">]><w:document xmlns:w="' + W.encode() + b'"/>', src), 2, "DTD"),
    "a-zip-bomb": (lambda p, src: _docx_with(p, "word/media/image1.png", b"\0" * (8 * 1024 * 1024), src), 2,
                   "zip bomb"),
    "no-known-table": (lambda p, src: _no_table(p), 4, "no table with the headings"),
}


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("bad", BAD, ids=list(BAD))
@pytest.mark.parametrize("existing", [True, False], ids=["into-a-document", "into-a-new-file"])
def test_a_bad_word_file_changes_nothing(bad: str, existing: bool, hand_docx: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    make, code, words = BAD[bad]
    data = make(tmp_path / "bad.docx", hand_docx)
    target = tmp_path / "office.ita"
    if existing:
        new_document(target, Organization(name="อบต.ทดสอบ"), 2566)
        before = sha(target)
    capsys.readouterr()
    assert main(["import", str(target), str(data)]) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and "nothing" in err
    if existing:
        assert sha(target) == before
    else:
        assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".office")]


def test_a_bad_word_file_in_the_generic_import_path_is_refused_too(tmp_path: Path) -> None:
    from ita_desktop.errors import UserError

    target = tmp_path / "office.ita"
    new_document(target, Organization(name="อบต.ทดสอบ"), 2566)
    before = sha(target)
    with pytest.raises(UserError) as raised:
        import_file(target, _no_table(tmp_path / "plain.docx"))
    assert raised.value.exit_code == 4 and sha(target) == before
