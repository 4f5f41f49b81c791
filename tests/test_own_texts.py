"""The own-texts service under the text page (no Qt): one live row per key, undo revives the same row, a
round's text against every round's, and roll-over carrying the texts into the new year."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ita_desktop.domain.model import DocText
from ita_desktop.services import own_texts
from ita_desktop.services.documents import load
from ita_desktop.services.editing import DocumentEditor
from ita_desktop.services.own_texts import TextDocument
from ita_desktop.services.rollover import roll_over

ROUND_6 = TextDocument("progress", 6, "รายงานผลรอบ 6 เดือน")
ROUND_12 = TextDocument("progress", 12, "รายงานผลรอบ 12 เดือน")


def stored(path: Path, fiscal_year: int = 2567) -> list[tuple[str, int | None, str, str]]:
    year = load(path).year(fiscal_year)
    assert year is not None
    return [(t.document, t.round, t.part, t.text) for t in year.texts]


def test_typing_then_undoing_and_redoing_keeps_one_row_per_key(sample_doc: Path) -> None:
    editor = DocumentEditor.open(sample_doc)
    plan = editor.load_year(2567)
    assert plan is not None
    first = own_texts.typed(plan, ("plan", None, "intro"), "ย่อหน้าแรก")
    own_texts.apply_changes(editor, plan, [first])
    second = own_texts.typed(plan, ("plan", None, "intro"), "ย่อหน้าแรก\nย่อหน้าที่สอง")
    own_texts.apply_changes(editor, plan, [second])
    assert stored(sample_doc) == [("plan", None, "intro", "ย่อหน้าแรก\nย่อหน้าที่สอง")]
    assert second.after is not None and first.after is not None and second.after.id == first.after.id
    own_texts.apply_changes(editor, plan, [second.reversed()])
    own_texts.apply_changes(editor, plan, [first.reversed()])
    assert stored(sample_doc) == [] and plan.texts == []
    own_texts.apply_changes(editor, plan, [first])  # redo: the same row comes back, not a second one
    editor.close()
    year = load(sample_doc).years[0]
    assert [(t.id, t.text) for t in year.texts] == [(first.after.id, "ย่อหน้าแรก")]


def test_back_to_the_draft_tombstones_the_row_and_its_undo_revives_it(sample_doc: Path) -> None:
    editor = DocumentEditor.open(sample_doc)
    plan = editor.load_year(2567)
    assert plan is not None
    own_texts.apply_changes(editor, plan, [own_texts.typed(plan, ("progress", None, "closing"), "ทุกรอบ")])
    kept_id = plan.texts[0].id
    back = own_texts.back_to_draft(plan, ROUND_12, "closing")  # round 12 shows the every-round text
    own_texts.apply_changes(editor, plan, back)
    assert stored(sample_doc) == []
    assert own_texts.draft(editor, plan, ROUND_12, "closing") == ""  # no generated closing: prints none
    own_texts.apply_changes(editor, plan, [c.reversed() for c in back])
    assert [t.id for t in editor.load_year(2567).texts] == [kept_id]  # type: ignore[union-attr]
    editor.close()


def test_a_round_text_moved_to_every_round_and_copied_back(sample_doc: Path) -> None:
    editor = DocumentEditor.open(sample_doc)
    plan = editor.load_year(2567)
    assert plan is not None
    own_texts.apply_changes(editor, plan, [own_texts.typed(plan, ("progress", 6, "intro"), "รอบหก")])
    assert own_texts.shown_text(plan, ROUND_12, "intro") is None
    own_texts.apply_changes(editor, plan, own_texts.rescoped(plan, ROUND_6, "intro", every_round=True))
    assert stored(sample_doc) == [("progress", None, "intro", "รอบหก")]
    shown = own_texts.shown_text(plan, ROUND_12, "intro")
    assert shown is not None and shown.text == "รอบหก"
    own_texts.apply_changes(editor, plan, own_texts.rescoped(plan, ROUND_12, "intro", every_round=False))
    assert stored(sample_doc) == [("progress", None, "intro", "รอบหก"), ("progress", 12, "intro", "รอบหก")]
    assert own_texts.rescoped(plan, ROUND_12, "intro", every_round=False) == []  # already this round's
    editor.close()


def test_the_documents_of_a_year_follow_its_rounds(sample_doc: Path) -> None:
    editor = DocumentEditor.open(sample_doc)
    plan = editor.load_year(2567)
    assert plan is not None
    assert [(d.kind, d.round) for d in own_texts.text_documents(plan)] == [
        ("plan", None), ("progress", 6), ("progress", 12), ("analysis", None)]
    for m in plan.measures:
        m.rounds = []
    assert [d.round for d in own_texts.text_documents(plan) if d.kind == "progress"] == [6, 12]
    editor.close()


def test_roll_over_carries_the_texts_on_with_fresh_ids(sample_doc: Path) -> None:
    editor = DocumentEditor.open(sample_doc)
    plan = editor.load_year(2567)
    assert plan is not None
    for text in (DocText("plan", None, "intro", "บทนำของเรา"), DocText("progress", 6, "closing", "สรุปรอบหก"),
                 DocText("analysis", None, "tool:OIT", "แบบตรวจการเปิดเผยข้อมูลสาธารณะ")):
        editor.repo.save_text(plan.id, text)
    source_ids = {t.id for t in editor.load_year(2567).texts}  # type: ignore[union-attr]
    roll_over(editor.repo, 2567, 2568)
    editor.close()
    assert stored(sample_doc, 2568) == stored(sample_doc, 2567) == [
        ("plan", None, "intro", "บทนำของเรา"), ("progress", 6, "closing", "สรุปรอบหก"),
        ("analysis", None, "tool:OIT", "แบบตรวจการเปิดเผยข้อมูลสาธารณะ")]
    new_year = load(sample_doc).year(2568)
    assert new_year is not None and not {t.id for t in new_year.texts} & source_ids


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=200))
def test_whatever_the_clerk_types_is_what_the_file_holds(sample_doc: Path, text: str) -> None:
    editor = DocumentEditor.open(sample_doc)
    try:
        plan = editor.load_year(2567)
        assert plan is not None
        own_texts.apply_changes(editor, plan, [own_texts.typed(plan, ("analysis", None, "intro"), text)])
    finally:
        editor.close()
    assert [t.text for t in load(sample_doc).years[0].texts] == [text]
