"""Headless commands (DESIGN §8): a thin layer over the services, also used by the tests.

Bad input → one paragraph on stderr and a non-zero exit; a bug → a short apology on stderr and the
traceback in the log file of the user data folder.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from ita_desktop import __version__
from ita_desktop.errors import UserError, fault_error

COMMANDS = ("new", "import", "export", "merge", "check", "backups", "restore", "bring-in", "save-back")
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

    p = sub.add_parser("import", help="add/update from ita-desktop/1 or /2 JSON (or .xlsx); "
                                      "JSON into a FILE that does not exist yet creates it")
    p.add_argument("file", type=Path)
    p.add_argument("data", type=Path)

    p = sub.add_parser("export", help="write .json, .pdf, .docx or .xlsx")
    p.add_argument("file", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--doc", choices=["plan", "progress", "analysis"], default="plan")
    p.add_argument("--year", type=int, help="fiscal year in BE (default: the latest)")
    p.add_argument("--round", type=int, choices=[3, 6, 9, 12])
    p.add_argument("--layout", type=int, choices=range(1, 7), metavar="1-6")
    p.add_argument("--digits", choices=["thai", "arabic"], default="thai")
    p.add_argument("--font", help="a Thai TTF to use instead of the bundled Sarabun")
    p.add_argument("--date-style", choices=["short", "full", "thru", "day"], default="short",
                   help="timeframes: ต.ค. ๖๕ – มี.ค. ๖๖ / ตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖ / เดือนตุลาคม ๖๕ ถึง เดือนมีนาคม ๖๖ / "
                        "๑ ต.ค. ๖๕ – ๓๑ มี.ค. ๖๖ (a timeframe typed in words prints as typed)")
    p.add_argument("--grouping", choices=["auto", "tool", "group", "none"], default="auto",
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
    return parser


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
    # one writer at a time: a second command waits for the first, then says who holds the file
    with DocumentLock(args.file, wait=CLI_WAIT_SECONDS) if existed else nullcontext():
        warnings = import_file(args.file, args.data)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"imported {args.data} into {args.file}" + ("" if existed else " (a new document)"))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from ita_desktop.services.documents import export_json, load
    from ita_desktop.services.exporting import ExportOptions, export_document

    if args.out.suffix.lower() == ".json":
        export_json(args.file, args.out)
    else:
        options = ExportOptions(doc=args.doc, year=args.year, round=args.round, layout=args.layout,
                                digits=args.digits, font=args.font, date_style=args.date_style,
                                grouping=args.grouping, show_unreported=args.show_unreported)
        for note in export_document(load(args.file), options, args.out):
            print(f"note: {note}")
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


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": _cmd_new, "import": _cmd_import, "export": _cmd_export, "merge": _cmd_merge, "check": _cmd_check,
    "backups": _cmd_sync, "restore": _cmd_sync, "bring-in": _cmd_sync, "save-back": _cmd_sync,
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
    except Exception as exc:
        fault = fault_error(exc)  # a full disk, a read-only drive, a lock: the machine's fault, not a bug
        if fault is not None:
            print(f"ita-desktop: {fault.message}", file=sys.stderr)
            return fault.exit_code
        log = _log_bug()
        print("ita-desktop: sorry, something went wrong inside the program (a bug). "
              f"Details were written to {log}. ขออภัย โปรแกรมทำงานผิดพลาด", file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
