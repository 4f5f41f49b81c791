"""The Thai text engine on its own: segmentation, shaping with text mapping, line breaking."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ita_desktop.reports.pdf.fonts import PRIVATE_BASE, FontSet, load_fonts
from ita_desktop.reports.pdf.linebreak import TextStyle, layout_text
from ita_desktop.reports.pdf.shaping import shape
from ita_desktop.thai.segment import break_points, words

DATA = Path(__file__).parent / "data"


def corpus() -> list[str]:
    return [line.strip() for line in (DATA / "corpus.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def tricky() -> list[str]:
    return [line.strip() for line in (DATA / "tricky.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


MIXED = [
    "รายงานผล <b>ตัวหนา</b> & <i>เอียง</i> a < b > c &amp; ครบ",
    "หลักฐาน: https://www.lamliang.go.th/ita/o36?id=12&x=ไทย ดูได้ที่เว็บไซต์",
    "Integrity and Transparency Assessment (ITA) ๒๕๖๗ 2567 – ค.ศ. 2024 ร้อยละ 85.00",
    "- สำนักปลัด/กองคลัง/กองช่าง (ผู้รับผิดชอบ)",
]


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return load_fonts()


def test_every_glyph_extracts_as_its_own_text(fonts: FontSet) -> None:
    """Concatenating the text each drawn glyph stands for gives the source back: no PUA, ำ whole, marks kept."""
    for font in (fonts.regular, fonts.bold):
        for text in [*corpus(), *tricky(), *MIXED]:
            glyphs = shape(font, text).glyphs
            assert "".join(g.text for g in glyphs) == text
            assert all(g.gid != 0 for g in glyphs), f"missing glyph in {text!r}"


def test_shaped_alternates_get_private_codes_that_map_back(fonts: FontSet) -> None:
    """ปี่: the lowered/shifted tone mark has no cmap entry; its private code's ToUnicode text is the real ่."""
    glyphs = shape(fonts.regular, "ปี่").glyphs
    tone = glyphs[-1]
    assert tone.code >= PRIVATE_BASE and fonts.regular.private_text[tone.code] == "่"
    am = shape(fonts.regular, "น้ำ").glyphs
    assert [g.text for g in am] == ["น", "้", "ำ"]  # HarfBuzz's nikhahit+tone ligature stands for the tone


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from([*list("กขคปฝฟฐญฎฏนมสอเแโไะาำิีึืุู่้๊๋ั็์ "), "A", "1", "๑", "-"]),
               min_size=1, max_size=30))
def test_any_thai_string_round_trips(text: str) -> None:
    """Even odd sequences (stacked marks, ำ after tone marks, lone marks) extract exactly as typed."""
    font = load_fonts().regular
    assert "".join(g.text for g in shape(font, text).glyphs) == text


def test_breaks_fall_between_words_only() -> None:
    text = "ประเด็นที่ต้องพัฒนาตามตัวชี้วัดการประเมิน"
    start = text.index("ตัวชี้วัด")
    assert not [k for k in break_points(text) if start < k < start + len("ตัวชี้วัด")]
    for text in corpus():
        for k in break_points(text):
            if text[k - 1].isspace():
                continue  # after a space is always a fair break (the corpus has "ย ะเวลา", a typo)
            assert text[k] not in "ะัาำิีึืฺุู็่้๊๋์ๆฯ", f"break before a mark in {text[k - 8:k + 8]!r}"
            assert text[k - 1] not in "เแโใไ"
            assert not (text[k - 1].isdigit() and text[k].isdigit())
    url = "ดูที่ https://www.lamliang.go.th/ita/o36 ครับ"
    assert "https://www.lamliang.go.th/ita/o36 " in words(url)


def _newmm_tokens(text: str) -> list[tuple[int, int]]:
    from pythainlp.tokenize import word_tokenize

    out, pos = [], 0
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True):
        out.append((pos, pos + len(token)))
        pos += len(token)
    return out


@pytest.mark.parametrize("width", [160.0, 260.0, 420.0])
def test_lines_fit_and_break_at_dictionary_words(fonts: FontSet, width: float) -> None:
    """Every line fits its column and ends at a word boundary of pythainlp's own tokenizer (or a space)."""
    style = TextStyle(fonts.regular, 12, 17.4)
    for text in corpus():
        lines = layout_text(text, style, width)
        assert "".join(line.text for line in lines).replace(" ", "") == text.replace(" ", "")
        tokens = _newmm_tokens(text)
        bounds = {b for _, b in tokens}
        pos = 0
        for line in lines[:-1]:
            assert line.width <= width + 0.01
            pos = text.index(line.text, pos) + len(line.text)
            if pos in bounds or text[pos].isspace():
                continue
            a, b = next((a, b) for a, b in tokens if a < pos < b)  # only a word wider than the column is cut
            wide = sum(g.advance for g in shape(fonts.regular, text[a:b]).glyphs) * 12 / 1000
            assert wide > width, f"{text[pos - 10:pos]}|{text[pos:pos + 10]}"


def test_bullets_and_numbered_items_hang(fonts: FontSet) -> None:
    style = TextStyle(fonts.regular, 12, 17.4)
    text = ("- ประชาสัมพันธ์แผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรในองค์กรทราบทั่วกัน\n"
            "๑.๒ รายงานผลการใช้จ่ายงบประมาณรอบ ๖ เดือน ต่อที่ประชุมพนักงานส่วนตำบล")
    lines = layout_text(text, style, 150)
    bullet_lines = [ln for ln in lines if ln.text and "๑.๒" not in ln.text][:2]
    assert bullet_lines[0].text.startswith("- ") and bullet_lines[0].indent == 0
    marker = sum(g.advance for g in shape(fonts.regular, "- ").glyphs) * 12 / 1000
    assert bullet_lines[1].indent == pytest.approx(marker, abs=0.01)
    numbered = next(i for i, ln in enumerate(lines) if ln.text.startswith("๑.๒"))
    assert lines[numbered + 1].indent > 10


def test_word_wider_than_column_is_the_only_cut(fonts: FontSet) -> None:
    style = TextStyle(fonts.regular, 12, 17.4)
    lines = layout_text("คณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ", style, 60)
    assert len(lines) > 1
    assert "".join(ln.text for ln in lines) == "คณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ"
    # cut between the words the name is made of, not inside them
    assert lines[0].text in ("คณะกรรมการ", "คณะ")


def test_tabs_and_zero_width_characters_never_draw_boxes(fonts: FontSet) -> None:
    """Text pasted from Word carries tabs (the seeds do); they print as spaces, zero-width marks as nothing."""
    style = TextStyle(fonts.regular, 12, 17.4)
    lines = layout_text("ตัวชี้วัด\tคะแนน\u200bรวม\ufeff", style, 400)
    assert [line.text for line in lines] == ["ตัวชี้วัด คะแนนรวม"]
    assert all(g.gid != 0 for line in lines for g in line.glyphs)


@pytest.mark.parametrize("text, together", [
    ("ระยะเวลา ต.ค. ๖๖ – มี.ค. ๖๗ ตามแผน", ["ต.ค. ๖๖", "มี.ค. ๖๗"]),
    ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ขององค์การบริหารส่วนตำบล", ["พ.ศ. ๒๕๖๖"]),
    ("ดำเนินการเมื่อ วันที่ ๑ ธันวาคม ๒๕๖๕ และ ๒๗ มกราคม ๒๕๖๖", ["วันที่ ๑ ธันวาคม ๒๕๖๕", "๒๗ มกราคม ๒๕๖๖"]),
    ("ภายในเดือนมกราคม ๒๕๖๖", ["เดือนมกราคม ๒๕๖๖"]),
    ("เดือนตุลาคม ๖๖ ถึง เดือนมีนาคม ๖๗", ["เดือนตุลาคม ๖๖", "เดือนมีนาคม ๖๗"]),
])
def test_a_date_is_never_broken_between_its_day_month_and_year(text: str, together: list[str]) -> None:
    points = break_points(text)
    for phrase in together:
        start = text.index(phrase)
        inside = [k for k in points if start < k < start + len(phrase)]
        assert not inside, f"{phrase!r} may break at {[text[:k] for k in inside]}"
    assert points, "the text still breaks elsewhere"
