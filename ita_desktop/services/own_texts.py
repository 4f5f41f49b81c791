"""The office's own texts of a year (DESIGN §6): which documents have them, what shows, and the one write.

The window's text page is a thin layer over this: it asks which documents the year prints, shows for each
part the office's text or the generated draft (reports/texts.py, the same draft the report prints), and every
change — typing, "back to the generated text", "for every round" — is a list of ``TextChange`` applied here,
so undo is the same call with before and after swapped.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ita_desktop.domain.model import DocText, Document, YearPlan
from ita_desktop.reports.texts import generated_text
from ita_desktop.services.editing import DocumentEditor

DEFAULT_ROUNDS = (6, 12)  # what the window shows when no measure names its rounds yet
BODY_PARTS = ("title", "intro", "closing")
TOOL_PARTS = ("tool:IIT", "tool:EIT", "tool:OIT")
DOCUMENT_NAMES = {"plan": "แผนมาตรการ", "analysis": "รายงานการวิเคราะห์"}

TextKey = tuple[str, int | None, str]  # (document, round or None for every round, part)


@dataclass(frozen=True)
class TextDocument:
    """One document of the year whose words can be the office's own."""

    kind: str  # plan | progress | analysis
    round: int | None  # the report's round (progress only)
    label: str


@dataclass
class TextChange:
    """The office's own text at one key before and after a change (None: no own text there)."""

    key: TextKey
    before: DocText | None
    after: DocText | None

    def reversed(self) -> TextChange:
        return TextChange(self.key, self.after, self.before)


def text_documents(plan: YearPlan) -> list[TextDocument]:
    """The plan, one progress report for each round the year monitors, and the analysis."""
    rounds = plan.rounds() or list(DEFAULT_ROUNDS)
    return [TextDocument("plan", None, DOCUMENT_NAMES["plan"]),
            *(TextDocument("progress", r, f"รายงานผลรอบ {r} เดือน") for r in rounds),
            TextDocument("analysis", None, DOCUMENT_NAMES["analysis"])]


def own_text(plan: YearPlan, key: TextKey) -> DocText | None:
    """The office's text stored exactly at ``key`` (no falling back from a round to every round)."""
    document, round_, part = key
    return next((t for t in plan.texts if (t.document, t.round, t.part) == (document, round_, part)), None)


def shown_text(plan: YearPlan, document: TextDocument, part: str) -> DocText | None:
    """The own text a report prints for a part: the round's own, then the one for every round."""
    return plan.text(document.kind, part, document.round)


def draft(editor: DocumentEditor, plan: YearPlan, document: TextDocument, part: str) -> str:
    """The generated draft of a part, as the report prints it when the office wrote none."""
    whole = Document(organization=editor.organization(), units=[], years=[plan])
    return generated_text(whole, plan, document.kind, part, document.round)


def apply_changes(editor: DocumentEditor, plan: YearPlan, changes: list[TextChange]) -> None:
    """Make each change's ``after`` the own text at its key (None: back to the generated draft), in one
    transaction, and keep ``plan.texts`` in step with the file."""
    with editor.database.transaction():
        for change in changes:
            current = own_text(plan, change.key)
            if change.after is None:
                if current is not None:
                    editor.repo.delete_text(current.id)
                    plan.texts.remove(current)
                continue
            wanted = copy.copy(change.after)
            if current is not None and current.id != wanted.id:  # one live row per key
                editor.repo.delete_text(current.id)
            editor.repo.save_text(plan.id, wanted)
            if current is not None:
                plan.texts.remove(current)
            plan.texts.append(wanted)


def typed(plan: YearPlan, key: TextKey, text: str) -> TextChange:
    """The change typing ``text`` into the part at ``key`` makes (the row keeps its id while it lives)."""
    before = own_text(plan, key)
    document, round_, part = key
    after = DocText(document=document, round=round_, part=part, text=text,
                    **({"id": before.id} if before is not None else {}))
    return TextChange(key, copy.copy(before), after)


def back_to_draft(plan: YearPlan, document: TextDocument, part: str) -> list[TextChange]:
    """Remove the own text this document shows for the part (the round's own, or the every-round one)."""
    shown = shown_text(plan, document, part)
    if shown is None:
        return []
    return [TextChange((shown.document, shown.round, shown.part), copy.copy(shown), None)]


def rescoped(plan: YearPlan, document: TextDocument, part: str, every_round: bool) -> list[TextChange]:
    """A progress report's own text made for every round (moved; the other rounds print it too) or for this
    round only (copied; the other rounds keep the every-round text)."""
    if document.kind != "progress" or document.round is None:
        return []
    shown = shown_text(plan, document, part)
    if shown is None or (shown.round is None) == every_round:
        return []
    if every_round:
        return [typed(plan, ("progress", None, part), shown.text),
                TextChange(("progress", document.round, part), copy.copy(shown), None)]
    return [typed(plan, ("progress", document.round, part), shown.text)]
