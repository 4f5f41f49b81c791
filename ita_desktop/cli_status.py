"""`ita-desktop status`: the round at a glance on the command line (a thin layer over services.round_status)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from ita_desktop.errors import UserError


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Declare `status` and its options."""
    p = sub.add_parser("status", help="the round at a glance: per unit done/in progress/overdue/not started, "
                                      "what is missing before the report, deadlines, the publishing log")
    p.add_argument("file", type=Path)
    p.add_argument("--year", type=int, help="fiscal year in BE (default: the one --today falls in, else the latest)")
    p.add_argument("--round", type=int, choices=[3, 6, 9, 12],
                   help="default: the first round of the plan not yet ended on --today")
    p.add_argument("--today", help="the day to count from, YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--publications", action="store_true",
                   help="print the publishing log as tab-separated text for ITAS (ข้อ, เอกสาร, URL, วันที่เผยแพร่)")
    p.add_argument("--unit", help="with --out: the responsible unit whose open steps to write")
    p.add_argument("--out", type=Path, help="with --unit: write its open steps ('ค้างดำเนินการ') to .pdf or .xlsx")


def run(args: argparse.Namespace) -> int:
    """Print the status (text, JSON or the ITAS table), or write a unit's sheet of open steps."""
    from ita_desktop.services.documents import load
    from ita_desktop.services.round_status import itas_tsv, status_json, status_of, status_text, write_open_steps

    try:
        today = date.fromisoformat(args.today) if args.today else None
    except ValueError:
        raise UserError(f"--today must be a date YYYY-MM-DD, not {args.today!r}.") from None
    if (args.unit is None) != (args.out is None):
        raise UserError("--unit and --out go together: the unit whose open steps to write, and the file.")
    document = load(args.file)
    status = status_of(document, args.year, args.round, today)
    if args.out is not None:
        write_open_steps(document, status, args.unit, args.out)
        print(f"wrote {args.out}")
    elif args.publications:
        print(itas_tsv(status), end="")
    elif args.json:
        print(json.dumps(status_json(status), ensure_ascii=False, indent=1))
    else:
        print(status_text(status))
    return 0
