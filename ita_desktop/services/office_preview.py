"""What an old document's import would bring, in words: for ``ita-desktop import --dry-run`` and the preview.

The same facts the window's preview shows: each table found with the field of every column, each measure with
its steps, units, timeframe and dated entries, the texts and signatories, and the text that found no place.
"""

from __future__ import annotations

from typing import Any

from ita_desktop.office_docs.columns import FIELD_LABELS
from ita_desktop.office_docs.matching import label
from ita_desktop.services.office_import import Preview


def table_lines(shown: Preview) -> list[str]:
    """Each table found and which column is which field (``--map TABLE:COLUMN=FIELD`` changes one)."""
    out = []
    for n, table in enumerate(shown.reading.found, 1):
        more = f", continued by {table.continued} more" if table.continued else ""
        out.append(f"table {n} ({len(table.rows)} row(s){more}) / ตาราง {n}:")
        for c, (heading, key) in enumerate(zip(table.headings, table.keys, strict=True), 1):
            changed = " (changed)" if key != table.detected[c - 1] else ""
            out.append(f"  column {c} “{heading}” → {key or '-'} ({FIELD_LABELS[key]}){changed}")
    return out


def entry_text(p: dict[str, Any]) -> str:
    step = f"step {p['step']}" if p.get("step") else "whole measure"
    when = f" {p['done_on']}" if p.get("done_on") else ""
    return f"round {p['round']}, {step}, {p.get('status', 'planned')}{when}: {p.get('result', '')}".rstrip(": ")


def measure_lines(m: dict[str, Any]) -> list[str]:
    """One measure as read: label, steps, units, timeframe, entries."""
    out = [label(m)]
    if m.get("group"):
        out.append(f"    group: {m['group']}")
    for i, step in enumerate(m.get("steps", []), 1):
        own = f" [{step['timeframe_text']}]" if step.get("timeframe_text") else ""
        out.append(f"    {i}. {step['text']}{own}".replace("\n", " / "))
    if m.get("units"):
        out.append(f"    units: {', '.join(m['units'])}")
    when = m.get("timeframe_text") or (f"{m['start']} – {m['end']}" if m.get("start") else m.get("end", ""))
    if when:
        out.append(f"    timeframe: {when}")
    out += [f"    entry: {entry_text(p)}".replace("\n", " / ") for p in m.get("progress", [])]
    return out


def describe(shown: Preview) -> list[str]:
    """The whole preview as lines of text (nothing is written)."""
    r = shown.reading
    out = [*shown.summary.lines()]
    org = ", ".join(x for x in (r.name, r.district, r.province) if x)
    if org:
        out.append(f"office: {org}")
    out += table_lines(shown)
    out.append(f"measures read ({len(r.measures)}) / มาตรการที่อ่านได้:")
    for m in r.measures:
        out += ["  " + line for line in measure_lines(m)]
    for part, text in r.texts.items():
        if text.strip():
            out.append(f"text {part}: {text.splitlines()[0][:100]}" + (" …" if "\n" in text else ""))
    for s in r.signatories:
        out.append(f"signatory: {s.get('role', '')} {s.get('signed_name', '')} ({s.get('name', '')}) "
                   f"{s.get('position', '')}".rstrip())
    return out


# -- the same facts in Thai, for the window's preview -----------------------------------------------------------
_STATUS_TH = {"done": "ดำเนินการแล้ว", "in_progress": "อยู่ระหว่างดำเนินการ", "planned": "ยังไม่ดำเนินการ"}


def _be(iso: str) -> str:
    from datetime import date

    from ita_desktop.thai.calendar import long_date

    return long_date(date.fromisoformat(iso))


def measures_thai(shown: Preview) -> list[str]:
    """Each measure as read, in Thai: label, numbered steps, units, timeframe, dated entries; then the signatories."""
    from ita_desktop.thai.digits import to_thai_digits

    out = []
    for n, m in enumerate(shown.reading.measures, 1):
        out.append(f"{to_thai_digits(n)}. {label(m)}")
        if m.get("group"):
            out.append(f"    กลุ่ม: {m['group']}")
        for i, step in enumerate(m.get("steps", []), 1):
            out.append(f"    ขั้นตอน {to_thai_digits(i)}: {step['text']}".replace("\n", " / "))
        if m.get("units"):
            out.append(f"    ผู้รับผิดชอบ: {', '.join(m['units'])}")
        when = m.get("timeframe_text") or (f"{_be(m['start'])} – {_be(m['end'])}" if m.get("start") else
                                           _be(m["end"]) if m.get("end") else "")
        if when:
            out.append(f"    ระยะเวลา: {when}")
        for p in m.get("progress", []):
            step = f"ขั้นตอน {to_thai_digits(p['step'])}" if p.get("step") else "ทั้งมาตรการ"
            date = f" เมื่อ {_be(p['done_on'])}" if p.get("done_on") else ""
            out.append(f"    ผลรอบ {to_thai_digits(p['round'])} เดือน ({step}) {_STATUS_TH.get(p.get('status', ''), '')}"
                       f"{date}: {p.get('result', '')}".rstrip(": ").replace("\n", " / "))
    for s in shown.reading.signatories:
        out.append(f"ผู้ลงนาม: {s.get('role', '')} {s.get('signed_name', '')} ({s.get('name', '')}) "
                   f"{s.get('position', '')}".replace(" ()", "").rstrip())
    return out


def unplaced_thai(shown: Preview) -> str:
    """The text that found no place, one piece a paragraph with where it was (to read or copy)."""
    return "\n\n".join(f"[{u.where}]\n{u.text}" for u in shown.reading.unplaced)
