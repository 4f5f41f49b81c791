"""Write a whole document as `ita-desktop/2` JSON (every year, with ids, so import can update by id)."""

from __future__ import annotations

from typing import Any

from ita_desktop.domain.model import Document, Measure, YearPlan
from ita_desktop.interchange.json_reader import FORMAT


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def measure_json(m: Measure) -> dict[str, Any]:
    return {
        "id": m.id, "indicators": list(m.indicators), "group": m.group, "issue": m.issue, "title": m.title,
        "guideline": m.guideline,
        "steps": [{"id": s.id, "text": s.text, "due": _iso(s.due), "timeframe_text": s.timeframe_text}
                  for s in m.steps],
        "units": list(m.units), "start": _iso(m.start), "end": _iso(m.end), "timeframe_text": m.timeframe_text,
        "monitoring": m.monitoring, "rounds": list(m.rounds),
        "progress": [{"id": p.id, "round": p.round, "step": p.step, "status": str(p.status),
                      "done_on": _iso(p.done_on), "result": p.result, "outcome": p.outcome,
                      "evidence_urls": list(p.evidence_urls)} for p in m.progress],
    }


def year_json(y: YearPlan) -> dict[str, Any]:
    out: dict[str, Any] = {
        "fiscal_year": y.fiscal_year,
        "indicators": [{"id": i.id, "number": i.number, "tool": str(i.tool), "name": i.name} for i in y.indicators],
    }
    if y.assessment is not None:
        a = y.assessment
        out["assessment"] = {
            "id": a.id, "year": a.year, "total": a.total, "level": a.level,
            "tools": {str(k): v for k, v in a.tools.items()},
            "indicators": [{"id": s.id, "number": s.number, "score": s.score, "note": s.note,
                            "verdict": s.verdict} for s in a.indicators],
            "questions": [{"id": q.id, "code": q.code, "score": q.score, "text": q.text} for q in a.questions],
        }
    out["measures"] = [measure_json(m) for m in y.measures]
    out["signatories"] = [{"id": s.id, "role": s.role, "name": s.name, "position": s.position,
                           "signed_name": s.signed_name, "date": _iso(s.signed_on)} for s in y.signatories]
    out["texts"] = [{"id": t.id, "document": t.document, "round": t.round, "part": t.part, "text": t.text}
                    for t in y.texts]
    out["publications"] = [{"id": p.id, "document": p.document, "round": p.round, "item": p.item, "url": p.url,
                            "published_on": _iso(p.published_on)} for p in y.publications]
    return out


def document_json(doc: Document) -> dict[str, Any]:
    """The interchange form of a whole document."""
    org = doc.organization
    return {
        "format": FORMAT,
        "organization": {"name": org.name, "kind": org.kind, "district": org.district, "province": org.province,
                         "address": org.address, "phone": org.phone, "website": org.website},
        "units": list(doc.units),
        "years": [year_json(y) for y in doc.years],
        "profiles": [{"id": p.id, "document": p.document, "layout": p.layout,
                      "columns": [{"key": c.key, "header": c.header, "hidden": c.hidden} for c in p.columns],
                      "grouping": p.grouping, "date_style": p.date_style, "show_unreported": p.show_unreported}
                     for p in doc.profiles],
    }
