"""Conversions between domain values and the text SQLite stores (ISO dates, JSON lists)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any


def date_to_db(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def date_from_db(value: Any) -> date | None:
    return None if value in (None, "") else date.fromisoformat(str(value))


def list_to_db(values: list[Any]) -> str:
    return json.dumps(values, ensure_ascii=False)


def list_from_db(value: Any) -> list[Any]:
    if value in (None, ""):
        return []
    loaded = json.loads(str(value))
    return loaded if isinstance(loaded, list) else []


def text(value: Any) -> str:
    return "" if value is None else str(value)
