"""The measures of an office's Word document, added to or matched with the year's plan of the target document.

A measure is matched by its title (or, without one, its issue) with spacing ignored, and its indicators. A matched
measure keeps everything it has: what was empty is filled from the document, units and rounds are joined, and the
document's progress entries are added unless the same entry (round, step, date, result) is already there. The
document's texts (title, intro, closing, tool headings) are kept where the year has none of its own yet, and its
signatories where the year has no named signatory. Text that found no place is added at the end of the closing
text (the year's own, when it has one), so nothing read is lost.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from ita_desktop.domain.model import Document, Measure, YearPlan
from ita_desktop.interchange.json_reader import FORMAT
from ita_desktop.interchange.json_writer import measure_json
from ita_desktop.office_docs.cells import squeeze
from ita_desktop.office_docs.document_reader import Reading, Unplaced, unplaced_block
from ita_desktop.thai.digits import to_thai_digits

_FILL = ("issue", "title", "guideline", "monitoring", "group", "timeframe_text", "start", "end")


@dataclass
class Summary:
    """What an import of an office's document did, for the command line and the window."""

    fiscal_year: int
    kind: str
    round: int | None
    added: list[str] = field(default_factory=list)  # measure labels
    matched: list[str] = field(default_factory=list)
    entries: int = 0  # progress entries added
    texts: list[str] = field(default_factory=list)  # parts kept as the office's own words
    texts_kept: list[str] = field(default_factory=list)  # parts the year already had (not replaced)
    signatories: int = 0
    created: bool = False
    warnings: list[str] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)  # kept at the end of the closing text
    notes: list[str] = field(default_factory=list)  # what the clerk should check (text read from a PDF)

    def lines(self) -> list[str]:
        what = "report" if self.kind == "progress" else "plan"
        round_ = f", round {self.round}" if self.round else ""
        out = [f"fiscal year {self.fiscal_year} ({what}{round_}): {len(self.added)} measure(s) added, "
               f"{len(self.matched)} matched, {self.entries} progress entr{'y' if self.entries == 1 else 'ies'} "
               f"added / ปีงบประมาณ {to_thai_digits(self.fiscal_year)}: เพิ่มมาตรการ {to_thai_digits(len(self.added))} "
               f"รายการ ตรงกับมาตรการเดิม {to_thai_digits(len(self.matched))} รายการ"]
        out += [f"  note: {note}" for note in self.notes]
        out += [f"  added: {label}" for label in self.added]
        out += [f"  matched: {label}" for label in self.matched]
        if self.texts:
            out.append(f"  the office's own words kept: {', '.join(self.texts)}")
        if self.texts_kept:
            out.append(f"  not replaced (the year has its own already): {', '.join(self.texts_kept)}")
        if self.signatories:
            out.append(f"  signatories: {self.signatories}")
        if self.unplaced:
            out.append(f"  text that found no place, kept at the end of the closing text ({len(self.unplaced)}) / "
                       "ข้อความที่ยังไม่ได้จัดที่ เก็บไว้ท้ายข้อความหลังตาราง:")
            out += [f"    [{u.where}] {u.text}".replace("\n", " / ") for u in self.unplaced]
        return out


def label(m: dict[str, Any] | Measure) -> str:
    data = m if isinstance(m, dict) else measure_json(m)
    steps = data.get("steps") or [{}]
    text = (data.get("title") or data.get("issue") or steps[0].get("text") or "").strip().split("\n")[0]
    indicators = data.get("indicators") or []
    numbers = f"[{', '.join(map(str, indicators))}] " if indicators else ""
    return f"{numbers}{text[:80]}" or "(no title)"


def _key(m: dict[str, Any]) -> tuple[str, tuple[int, ...]]:
    return squeeze(m.get("title") or m.get("issue") or ""), tuple(m.get("indicators") or ())


def _merge(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], int]:
    m = deepcopy(old)
    m.pop("indicator", None)
    for key in _FILL:
        if new.get(key) and not m.get(key):
            m[key] = new[key]
    if not m.get("steps") and new.get("steps"):
        m["steps"] = new["steps"]
    m["units"] = list(dict.fromkeys([*m.get("units", []), *new.get("units", [])]))
    m["rounds"] = sorted({*m.get("rounds", []), *new.get("rounds", [])})
    steps = len(m.get("steps", []))
    have = {(p["round"], p.get("step"), p.get("done_on"), (p.get("result") or "").strip())
            for p in m.get("progress", [])}
    added = 0
    for p in new.get("progress", []):
        p = dict(p)
        if p.get("step") is not None and p["step"] > steps:
            p["step"] = None
        entry_key = (p["round"], p.get("step"), p.get("done_on"), (p.get("result") or "").strip())
        if entry_key not in have:
            m.setdefault("progress", []).append(p)
            have.add(entry_key)
            added += 1
    return m, added


def interchange(reading: Reading, fiscal_year: int, current: Document | None) -> tuple[dict[str, Any], Summary]:
    """The ``ita-desktop/2`` data to import, and what it will do to ``current`` (None: a new document)."""
    plan: YearPlan | None = current.year(fiscal_year) if current else None
    summary = Summary(fiscal_year, reading.kind, reading.round, created=current is None,
                      warnings=list(reading.warnings), unplaced=list(reading.unplaced))
    existing = [measure_json(m) for m in plan.measures] if plan else []
    by_key = {_key(m): m for m in existing}
    measures = []
    for m in reading.measures:
        old = by_key.get(_key(m))
        if old is None:
            measures.append(m)
            summary.added.append(label(m))
            summary.entries += len(m.get("progress", []))
        else:
            merged, added = _merge(old, m)
            measures.append(merged)
            summary.matched.append(label(m))
            summary.entries += added
    document = "progress" if reading.kind == "progress" else "plan"
    text_round = reading.round if document == "progress" else None
    texts = []
    block = unplaced_block(reading.unplaced)
    own = {t.part: t.text for t in plan.texts if (t.document, t.round) == (document, text_round)} if plan else {}
    parts = dict(reading.texts)
    if block:
        parts.setdefault("closing", "")
    for part, text in parts.items():
        if part == "closing" and block:  # the unplaced text, after the closing words (the year's own if any)
            base = own.get(part, text)
            if block in base:  # the same document imported again
                summary.texts_kept.append(part)
                continue
            texts.append({"document": document, "round": text_round, "part": part,
                          "text": f"{base}\n{block}" if base.strip() else block})
            summary.texts.append(part)
            continue
        if not text.strip():
            continue
        if part in own:
            summary.texts_kept.append(part)
            continue
        texts.append({"document": document, "round": text_round, "part": part, "text": text})
        summary.texts.append(part)
    year: dict[str, Any] = {"fiscal_year": fiscal_year, "measures": measures, "texts": texts}
    if reading.signatories and not (plan and any(s.name or s.signed_name for s in plan.signatories)):
        year["signatories"] = reading.signatories
        summary.signatories = len(reading.signatories)
    data: dict[str, Any] = {"format": FORMAT, "units": reading.units, "years": [year]}
    org = {"name": reading.name, "district": reading.district, "province": reading.province}
    if current is None:
        data["organization"] = {k: v for k, v in org.items() if v}
    else:
        have = current.organization
        filled = {k: v for k, v in org.items() if v and not getattr(have, k)}
        if filled:
            data["organization"] = {**{k: getattr(have, k) for k in vars(have)}, **filled}
    return data, summary
