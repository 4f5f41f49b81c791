"""Headless commands (DESIGN §8): a thin layer over the services, also used by the tests.

Bad input → one paragraph on stderr and a non-zero exit; a bug → a short apology on stderr and the
traceback in the log file of the user data folder.
"""

from __future__ import annotations

import argparse
import gc
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ita_desktop import __version__
from ita_desktop.errors import UserError, fault_error

if TYPE_CHECKING:
    from ita_desktop.services.exporting import ExportOptions

COMMANDS = ("new", "import", "export", "merge", "check", "backups", "restore", "bring-in", "save-back", "library",
            "draft", "status")
EXIT_BUG = 70
EXIT_CHECK_FAILED = 1


def _last_complete_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--use-last-complete", action="store_true",
                   help="the file's last save did not finish (a -journal/-wal beside it): use its last complete state")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ita-desktop",
        description="ITA Desktop — มาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA) for Thai local government. "
                    "Without a command, opens the window on FILE (or on your default document).",
    )
    parser.add_argument("--version", action="version", version=f"ita-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("new", help="create a new document")
    p.add_argument("file", type=Path)
    p.add_argument("--org", required=True, help="organization name, e.g. องค์การบริหารส่วนตำบล…")
    p.add_argument("--year", required=True, type=int, help="fiscal year in BE, e.g. 2567")
    p.add_argument("--district", default="")
    p.add_argument("--province", default="")
    p.add_argument("--kind", default="")

    p = sub.add_parser("import", help="add/update from ita-desktop/1 or /2 JSON (or .xlsx), or read last year's "
                                      "plan or report as the office wrote it in Word (.docx) or its published "
                                      "PDF; JSON, Word or PDF into a FILE that does not exist yet creates it")
    p.add_argument("file", type=Path)
    p.add_argument("data", type=Path)
    p.add_argument("--year", type=int, help="Word/PDF documents: the fiscal year (BE) it is for, when it does not say")
    p.add_argument("--round", type=int, choices=[3, 6, 9, 12],
                   help="Word/PDF documents: the round its results are for, when it does not say")
    p.add_argument("--dry-run", action="store_true",
                   help="Word/PDF documents: print what would be imported (tables and their columns, measures, "
                        "steps, units, entries, signatories, text that found no place) and write nothing")
    p.add_argument("--map", action="append", default=[], metavar="[TABLE:]COLUMN=FIELD",
                   help="Word/PDF documents: read a column as another field (FIELD: indicator, issue, title, "
                        "guideline, steps, measure, units, timeframe, monitoring, result, outcome, order; - leaves "
                        "it out); tables and columns count from 1 as --dry-run lists them; repeatable")

    p = sub.add_parser("export", help="write .json, .pdf, .docx or .xlsx")
    p.add_argument("file", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--doc", default="plan", metavar="plan|progress|analysis[+…]|data",
                   help="the document; several parts joined by + make one PDF/DOCX, each part from a new page "
                        "with its own title (e.g. analysis+plan); default plan. data: the Excel workbook "
                        "departments fill in and bring back (a .xlsx of a document is that document, printable)")
    p.add_argument("--year", metavar="YEAR[+…]",
                   help="fiscal year in BE (default: the latest); one for every part, or one per part (2566+2567)")
    p.add_argument("--round", type=int, choices=[3, 6, 9, 12])
    p.add_argument("--layout", metavar="1-6[+…]",
                   help="table layout (DESIGN §6; default: the document's own); one per part when several")
    p.add_argument("--columns", metavar="SPEC",
                   help="the layout's columns as the office prints them, in print order: key=new header renames, "
                        "key=- hides, a bare key only moves it; columns not named follow in the layout's order. "
                        "Keys: 1 measure,guideline,steps,units,monitoring; 2 indicator,issue,steps,result,units,"
                        "timeframe; 3 issue,measure,result,units,timeframe; 4 issue,units,measure,monitoring,"
                        "result; 5 measure,steps,units,timeframe,result,outcome; 6 measure,method,units,timeframe,"
                        "monitoring. E.g. --layout 5 --columns \"outcome=ผลรับความสำเร็จ,timeframe=-\". "
                        "Without it, the profile saved in the document is used; \"\" prints the layout as it is")
    p.add_argument("--save-profile", action="store_true",
                   help="keep --columns in the document, so later exports (and the window) print the same way")
    p.add_argument("--digits", choices=["thai", "arabic"], default="thai")
    p.add_argument("--font", help="a Thai TTF to use instead of the bundled Sarabun")
    p.add_argument("--date-style", choices=["short", "full", "thru", "day"],
                   help="timeframes: ต.ค. ๖๕ – มี.ค. ๖๖ / ตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖ / เดือนตุลาคม ๖๕ ถึง เดือนมีนาคม ๖๖ / "
                        "๑ ต.ค. ๖๕ – ๓๑ มี.ค. ๖๖ (a timeframe typed in words prints as typed)")
    p.add_argument("--grouping", choices=["auto", "tool", "group", "none"],
                   help="table sections: by tool, by the office's own groups, or none (auto: the layout's own)")
    p.add_argument("--show-unreported", action="store_true",
                   help="print 'ยังไม่ดำเนินการ' for steps nobody reported (by default nothing is invented)")

    p = sub.add_parser("merge", help="merge another copy of the same document into FILE")
    p.add_argument("file", type=Path)
    p.add_argument("other", type=Path)
    p.add_argument("--dry-run", action="store_true")
    _last_complete_option(p)

    p = sub.add_parser("check", help="check a document's integrity and content")
    p.add_argument("file", type=Path)

    p = sub.add_parser("backups", help="list the backups of a document, newest first")
    p.add_argument("file", type=Path)
    p = sub.add_parser("restore", help="put a backup in place of a document (the current state is backed up first)")
    p.add_argument("file", type=Path)
    p.add_argument("backup", type=Path)
    _last_complete_option(p)
    p = sub.add_parser("bring-in", help="copy a document from a USB stick or share into a local working copy")
    p.add_argument("origin", type=Path)
    _last_complete_option(p)
    p = sub.add_parser("save-back", help="write a working copy back to where it came from, safely")
    p.add_argument("file", type=Path)
    _library_parsers(sub)
    from ita_desktop import cli_status

    cli_status.add_parser(sub)
    return parser


def _library_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("library", help="the library of measures real offices use (with your office's own)")
    p.add_argument("--indicator", type=int, metavar="N", help="only the measures of indicator N (1–10)")
    p.add_argument("--search", default="", metavar="WORDS", help="only measures holding every word")
    p.add_argument("--json", action="store_true", help="a JSON list instead of text")
    p = sub.add_parser("draft", help="add library measures for every indicator below target, and show the "
                                     "analysis drafted from the year's ITA scores")
    p.add_argument("file", type=Path)
    p.add_argument("--year", required=True, type=int, help="the plan's fiscal year in BE (its assessment is the "
                                                           "year before)")


def _cmd_new(args: argparse.Namespace) -> int:
    from ita_desktop.domain.model import Organization
    from ita_desktop.services.documents import new_document

    org = Organization(name=args.org, kind=args.kind, district=args.district, province=args.province)
    new_document(args.file, org, args.year)
    print(f"created {args.file} (fiscal year {args.year})")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from contextlib import nullcontext

    from ita_desktop.services.documents import import_file
    from ita_desktop.sync.locking import CLI_WAIT_SECONDS, DocumentLock

    existed = args.file.exists()
    word = args.data.suffix.lower() in (".docx", ".pdf")
    if not word and (args.year is not None or args.round is not None or args.dry_run or args.map):
        raise UserError("--year, --round, --dry-run and --map are for a Word document (.docx) or its PDF only. "
                        "ใช้กับไฟล์ Word หรือ PDF เท่านั้น")
    if args.dry_run:
        return _dry_run(args)
    lines: list[str] = []
    # one writer at a time: a second command waits for the first, then says who holds the file
    with DocumentLock(args.file, wait=CLI_WAIT_SECONDS) if existed else nullcontext():
        if word:
            from ita_desktop.office_docs.columns import parse_choice
            from ita_desktop.services.office_import import import_old_document

            summary = import_old_document(args.file, args.data, year=args.year, round_=args.round,
                                          choices=[parse_choice(c) for c in args.map])
            warnings, lines = summary.warnings, summary.lines()
        else:
            warnings = import_file(args.file, args.data)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"imported {args.data} into {args.file}" + ("" if existed else " (a new document)"))
    for line in lines:
        print(line)
    return 0


def _dry_run(args: argparse.Namespace) -> int:
    """``import --dry-run``: what the Word or PDF file would bring into FILE; nothing is created or changed."""
    from ita_desktop.office_docs.columns import parse_choice
    from ita_desktop.services.office_import import preview_old_document
    from ita_desktop.services.office_preview import describe

    shown = preview_old_document(args.file, args.data, year=args.year, round_=args.round,
                                 choices=[parse_choice(c) for c in args.map])
    for warning in shown.summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"dry run: nothing written; importing {args.data} into {args.file}"
          + ("" if args.file.exists() else " (a new document)") + " would do this:")
    for line in describe(shown):
        print(line)
    return 0


def _plus(value: str | None, count: int, what: str) -> list[int | None]:
    """'6+1' -> [6, 1]; one value for every part; None -> [None, …]."""
    if value is None:
        return [None] * count
    try:
        values: list[int | None] = [int(v) for v in value.split("+")]
    except ValueError:
        raise UserError(f"--{what} must be a number (or one per part joined by +), not {value!r}.") from None
    if len(values) == 1:
        return values * count
    if len(values) != count:
        raise UserError(f"--{what} gives {len(values)} values for {count} part(s) of --doc.")
    return values


def _export_options(args: argparse.Namespace) -> ExportOptions:
    from ita_desktop.domain.profiles import parse_columns
    from ita_desktop.services.exporting import ExportOptions

    kinds = [k.strip() for k in args.doc.split("+")]
    bad = next((k for k in kinds if k not in ("plan", "progress", "analysis", "data")), None)
    if bad is not None or ("data" in kinds and len(kinds) > 1):
        raise UserError(f"--doc must be plan, progress or analysis (several joined by +), or data alone, "
                        f"not {args.doc!r}.")
    layouts, years = _plus(args.layout, len(kinds), "layout"), _plus(args.year, len(kinds), "year")
    if any(n is not None and not 1 <= n <= 6 for n in layouts):
        raise UserError("--layout must be 1–6 (DESIGN §6).")
    style = {k: v for k, v in (("date_style", args.date_style), ("grouping", args.grouping),
                               ("show_unreported", args.show_unreported or None)) if v is not None}
    parts = [ExportOptions(doc=kind, year=year, round=args.round, layout=layout, digits=args.digits,
                           font=args.font, **style) for kind, year, layout in zip(kinds, years, layouts, strict=True)]
    if args.columns is not None:
        if len(parts) > 1:
            raise UserError("--columns is for an export of one part; each part of several uses its saved profile.")
        from ita_desktop.reports.profiles import default_layout

        layout = parts[0].layout or default_layout(parts[0].doc)
        try:
            profile = parse_columns(args.columns, parts[0].doc, layout)
        except ValueError as exc:
            raise UserError(f"--columns: {exc}.") from None
        parts[0] = replace(parts[0], profile=profile)
    elif args.save_profile:
        raise UserError("--save-profile keeps the columns given with --columns; give them too.")
    return replace(parts[0], parts=tuple(parts[1:]))


def _cmd_export(args: argparse.Namespace) -> int:
    from ita_desktop.services.documents import export_json, load, save_profile
    from ita_desktop.services.exporting import export_document

    if args.out.suffix.lower() == ".json":
        export_json(args.file, args.out)
    else:
        options = _export_options(args)
        document = load(args.file)
        if options.profile is not None:  # new columns; the settings saved with the old ones stay
            from ita_desktop.domain.profiles import saved_profile

            saved = saved_profile(document.profiles, options.profile.document, options.profile.layout)
            if saved is not None:
                options = replace(options, profile=replace(
                    options.profile, id=saved.id, grouping=saved.grouping, date_style=saved.date_style,
                    show_unreported=saved.show_unreported))
        for note in export_document(document, options, args.out):
            print(f"note: {note}")
        if args.save_profile and options.profile is not None:
            save_profile(args.file, options.profile)
            print(f"kept the columns of {options.profile.document} layout {options.profile.layout} in {args.file}")
    print(f"wrote {args.out}")
    return 0


def _cmd_merge(args: argparse.Namespace) -> int:
    try:
        from ita_desktop.sync.cli_merge import run_merge
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("ita_desktop"):
            raise UserError("merge is not available in this version.") from None
        raise
    return run_merge(args.file, args.other, dry_run=args.dry_run, use_last_complete=args.use_last_complete)


def _cmd_check(args: argparse.Namespace) -> int:
    from ita_desktop.services.documents import check_document

    report = check_document(args.file)
    for warning in report.warnings:
        print(f"warning: {warning}")
    if report.ok:
        print(f"{args.file}: OK ({len(report.warnings)} warning(s)) / ไฟล์สมบูรณ์")
        return 0
    if len(report.problems) == 1:  # usually: the file cannot be used at all
        print(f"ita-desktop: {report.problems[0]}", file=sys.stderr)
    else:
        print(f"ita-desktop: {args.file} has {len(report.problems)} problems / ไฟล์มีปัญหา:", file=sys.stderr)
        for problem in report.problems:
            print(f"  - {problem}", file=sys.stderr)
    return EXIT_CHECK_FAILED


def _cmd_gui(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="ita-desktop", add_help=False)
    parser.add_argument("file", nargs="?", type=Path)
    args, _ = parser.parse_known_args(argv)
    try:
        from ita_desktop.gui.app import run_app
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("ita_desktop"):
            from ita_desktop.paths import default_document_path
            from ita_desktop.services.documents import ensure_default_document

            path = args.file or ensure_default_document(default_document_path())
            raise UserError(f"The window is not built yet; the document is {path}. "
                            "Use the commands new, import, export, check (ita-desktop --help).") from None
        raise
    return run_app(args.file)


def _cmd_sync(args: argparse.Namespace) -> int:
    from ita_desktop.sync import cli_merge

    if args.command == "backups":
        return cli_merge.run_backups(args.file)
    if args.command == "restore":
        return cli_merge.run_restore(args.file, args.backup, use_last_complete=args.use_last_complete)
    if args.command == "bring-in":
        return cli_merge.run_bring_in(args.origin, use_last_complete=args.use_last_complete)
    return cli_merge.run_save_back(args.file)


def _cmd_library(args: argparse.Namespace) -> int:
    import json

    from ita_desktop.library import all_measures, find
    from ita_desktop.thai.digits import to_thai_digits

    measures, problems = all_measures()
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    found = find(measures, indicator=args.indicator, words=args.search)
    if args.json:
        keys = ("indicator", "title", "issue", "guideline", "steps", "units", "monitoring", "source", "own")
        print(json.dumps([{k: m.as_json()[k] for k in keys} for m in found], ensure_ascii=False, indent=2))
        return 0
    for m in found:
        own = " [ของหน่วยงาน]" if m.own else ""
        number = to_thai_digits(m.indicator) if m.indicator is not None else "–"
        print(f"ตัวชี้วัดที่ {number}{own}: {m.title or m.issue}")
        for i, step in enumerate(m.steps, 1):
            print(f"    {to_thai_digits(i)}. {step}")
        print(f"    ผู้รับผิดชอบ: {', '.join(m.units)}")
    print(f"{len(found)} measure(s) / มาตรการ {len(found)} รายการ")
    return 0


def _cmd_draft(args: argparse.Namespace) -> int:
    from ita_desktop.library import all_measures
    from ita_desktop.services.drafting import apply_draft
    from ita_desktop.sync.locking import CLI_WAIT_SECONDS, DocumentLock

    if not args.file.exists():
        raise UserError(f"{args.file} does not exist. ไม่พบไฟล์")
    library, problems = all_measures()
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    with DocumentLock(args.file, wait=CLI_WAIT_SECONDS):
        draft = apply_draft(args.file, args.year, library)
    target = f"{draft.target:g}"
    if not draft.shortfalls:
        print(f"no indicator of {args.year}'s assessment is below {target}")
    for s in draft.shortfalls:
        weakest = ", ".join(f"{q.code} {q.score:.2f}" for q in s.questions)
        print(f"indicator {s.number} {s.name}: {s.score:.2f} ({s.gap:.2f} below {target})"
              + (f"; weakest questions: {weakest}" if weakest else ""))
    for m in draft.measures:
        print(f"added: indicator {', '.join(map(str, m.indicators))}: {m.title}")
    if draft.analysis:
        print("draft analysis (ร่าง: printed in the analysis report until the office accepts or edits it on the "
              "page ข้อความในเอกสาร; not stored as the office's text):")
        for paragraph in draft.analysis.splitlines():
            print(f"    {paragraph}")
    for kept in draft.kept_texts:
        print(f"kept: the {kept} text already written (not overwritten)")
    if draft.empty:
        print(f"nothing to add to {args.file}")
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from ita_desktop import cli_status

    return cli_status.run(args)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": _cmd_new, "import": _cmd_import, "export": _cmd_export, "merge": _cmd_merge, "check": _cmd_check,
    "backups": _cmd_sync, "restore": _cmd_sync, "bring-in": _cmd_sync, "save-back": _cmd_sync,
    "library": _cmd_library, "draft": _cmd_draft,
    "status": _cmd_status,
}


def _log_bug() -> Path | None:
    """Append the current traceback to the log file (not through logging.basicConfig, which does nothing
    once any handler is configured, so the traceback would be lost)."""
    try:
        from datetime import UTC, datetime

        from ita_desktop.paths import log_dir

        log = log_dir() / "ita-desktop.log"
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"{datetime.now(UTC).isoformat(timespec='seconds')} ita-desktop {__version__} "
                     f"unexpected error\n{traceback.format_exc()}\n")
        return log
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `ita-desktop`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
            args = _parser().parse_args(argv)
            return HANDLERS[args.command](args)
        return _cmd_gui(argv)
    except UserError as exc:
        print(f"ita-desktop: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `ita-desktop library | head`: the reader stopped reading; not a bug
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        fault = fault_error(exc)  # a full disk, a read-only drive, a lock: the machine's fault, not a bug
        if fault is not None:
            print(f"ita-desktop: {fault.message}", file=sys.stderr)
            return fault.exit_code
        log = _log_bug()
        print("ita-desktop: sorry, something went wrong inside the program (a bug). "
              f"Details were written to {log}. ขออภัย โปรแกรมทำงานผิดพลาด", file=sys.stderr)
        return EXIT_BUG


def run(argv: Sequence[str] | None = None) -> int:
    """``main``, for a process that ends when it returns (the console script, ``python -m``, the frozen app).

    The objects left are frozen out of the garbage collector first: at exit the interpreter would otherwise
    search them all for cycles three times over, ≈ 5 % of a whole PDF export, to free memory the system is
    about to take back anyway (files and databases are closed by then; nothing waits for a finalizer)."""
    code = main(argv)
    gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(run())
