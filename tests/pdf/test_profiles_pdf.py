"""Export profiles and exports of several parts, in real files: .ita in tmp_path, PDFs read back with PDFium and
pdfminer, DOCX read back with python-docx."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from ita_desktop.cli import main
from ita_desktop.domain.profiles import ProfileColumn
from ita_desktop.reports.layouts import ANALYSIS_TITLE, PLAN_TITLE
from ita_desktop.services.documents import load
from tests.pdf.readback import found, pattern, pdfium_pages, pdfminer_text

RESULTS_COLUMNS = "outcome=ผลรับความสำเร็จ,measure,timeframe=-"


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ita_desktop.samples import create_sample_document

    return create_sample_document(tmp_path_factory.mktemp("sample") / "sample.ita")


@pytest.fixture
def sample(original: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(original, tmp_path / "sample.ita"))


def header_line(page: str, first: str) -> str:
    match = pattern(first).search(page)
    assert match, f"{first} is not on the page"
    return page[match.start():].splitlines()[0]


def test_renamed_reordered_and_hidden_columns_print_and_are_kept_for_the_next_export(
        sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain.pdf"
    assert main(["export", str(sample), str(plain), "--doc", "progress", "--round", "6", "--layout", "5"]) == 0
    assert found("ระยะเวลาดำเนินงาน", pdfium_pages(plain)[0]) and found("ผลสัมฤทธิ์", pdfium_pages(plain)[0])
    out = tmp_path / "profiled.pdf"
    assert main(["export", str(sample), str(out), "--doc", "progress", "--round", "6", "--layout", "5",
                 "--columns", RESULTS_COLUMNS, "--save-profile"]) == 0
    assert "kept the columns of progress layout 5" in capsys.readouterr().out
    (profile,) = load(sample).profiles
    assert (profile.document, profile.layout) == ("progress", 5)
    assert profile.columns == [ProfileColumn("outcome", "ผลรับความสำเร็จ"), ProfileColumn("measure"),
                               ProfileColumn("timeframe", hidden=True)]
    again = tmp_path / "again.pdf"  # a later round's export, no options: the office's columns again
    assert main(["export", str(sample), str(again), "--doc", "progress", "--round", "12", "--layout", "5"]) == 0
    for pdf in (out, again):
        pages = pdfium_pages(pdf)
        line = header_line(pages[0], "ผลรับความสำเร็จ")
        order = [pattern(h).search(line) for h in ("ผลรับความสำเร็จ", "มาตรการ/แนวทาง", "ขั้นตอน/วิธีการปฏิบัติ",
                                                    "หน่วยงานรับผิดชอบ", "สรุปผลการดำเนินงาน")]
        assert all(order) and [m.start() for m in order if m] == sorted(m.start() for m in order if m)
        text = "\n".join(pages)
        assert not found("ระยะเวลาดำเนินงาน", text) and not found("ผลสัมฤทธิ์", text)
        assert found("ผลรับความสำเร็จ", pdfminer_text(pdf))
        assert len(re.findall(r"ผลรับความสำเร็จ", text)) == len(pages)  # the header row repeats on every page
    # "" prints the layout as the program has it, without forgetting the saved profile
    default = tmp_path / "default.pdf"
    assert main(["export", str(sample), str(default), "--doc", "progress", "--layout", "5", "--columns", ""]) == 0
    assert found("ผลสัมฤทธิ์", pdfium_pages(default)[0]) and len(load(sample).profiles) == 1


def test_a_bad_column_is_refused_naming_the_layouts_keys(sample: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(sample), str(tmp_path / "x.pdf"), "--doc", "plan", "--columns", "result=ผล"]) == 2
    err = capsys.readouterr().err
    assert "--columns: column 'result' is not a column of layout 1" in err and "measure, guideline" in err
    assert not (tmp_path / "x.pdf").exists() and load(sample).profiles == []
    assert main(["export", str(sample), str(tmp_path / "y.pdf"), "--doc", "analysis+plan", "--columns", "x"]) != 0
    assert "--columns is for an export of one part" in capsys.readouterr().err


LABEL = re.compile(r"หน้า ([๐-๙]+) / ([๐-๙]+)")
THAI = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def test_analysis_and_plan_in_one_pdf_each_from_a_new_page_numbered_across_the_file(sample: Path,
                                                                                     tmp_path: Path) -> None:
    out = tmp_path / "analysis-plan.pdf"
    assert main(["export", str(sample), str(out), "--doc", "analysis+plan"]) == 0
    pages = pdfium_pages(out)
    n = len(pages)
    labels = [LABEL.findall(p) for p in pages]
    assert [(int(a.translate(THAI)), int(b.translate(THAI))) for (a, b), in labels] == [(i, n) for i in
                                                                                        range(1, n + 1)]
    starts = [i for i, p in enumerate(pages) if pattern(PLAN_TITLE).match(p.strip())]
    assert pattern(ANALYSIS_TITLE).match(pages[0].strip())
    assert len(starts) == 1 and 0 < starts[0] < n  # the plan begins a page of its own, after the analysis
    plan_page = pages[starts[0]]
    assert found("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", plan_page) and found("องค์การบริหารส่วนตำบลบ้านตัวอย่าง", plan_page)
    text = pdfminer_text(out)
    assert pattern(ANALYSIS_TITLE).search(text).start() < pattern(PLAN_TITLE).search(text).start()  # type: ignore[union-attr]
    single = tmp_path / "analysis.pdf"
    assert main(["export", str(sample), str(single), "--doc", "analysis"]) == 0
    assert len(pdfium_pages(single)) == starts[0]  # the analysis part is the analysis as it prints alone


def test_parts_of_different_years_and_layouts(sample: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "two.pdf"
    assert main(["export", str(sample), str(out), "--doc", "progress+plan", "--layout", "3+5", "--round", "6"]) == 0
    text = "\n".join(pdfium_pages(out))
    assert found("ประเด็นที่ต้องพัฒนาตามตัวชี้วัด", text) and found("สรุปผลการดำเนินงาน", text)
    assert main(["export", str(sample), str(out), "--doc", "progress+plan", "--layout", "3+5+1"]) != 0
    assert "3 values for 2 part(s)" in capsys.readouterr().err
    assert main(["export", str(sample), str(tmp_path / "x.xlsx"), "--doc", "analysis+plan"]) != 0
    assert "several parts is written as .pdf or .docx" in capsys.readouterr().err


def paragraphs_text(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_analysis_and_plan_in_one_docx_and_the_profile_in_word(sample: Path, tmp_path: Path) -> None:
    assert main(["export", str(sample), str(tmp_path / "x.pdf"), "--doc", "plan", "--columns",
                 "units=หน่วยงาน,steps,guideline=-", "--save-profile"]) == 0
    out = tmp_path / "analysis-plan.docx"
    assert main(["export", str(sample), str(out), "--doc", "analysis+plan"]) == 0
    word = docx.Document(str(out))
    texts = paragraphs_text(word)
    first, second = texts.index(ANALYSIS_TITLE), texts.index(PLAN_TITLE)
    assert first == 0 and second > first
    assert word.paragraphs[second].paragraph_format.page_break_before
    assert len(word.sections) == 1  # one footer: PAGE / NUMPAGES count the whole file
    footer = word.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    plan_table = word.tables[-2]  # the plan's measures table, then its signatures
    header = ["\n".join(p.text for p in c.paragraphs) for c in plan_table.rows[0].cells]
    assert header == ["หน่วยงาน", "ขั้นตอน/วิธีการปฏิบัติ", "มาตรการ", "การกำกับติดตาม"]
    assert plan_table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    analysis_table = next(t for t in word.tables if t.rows[0].cells[0].text == "มาตรการ/แนวทาง")
    assert len(analysis_table.columns) == 5  # layout 6 has no profile: as the program prints it
