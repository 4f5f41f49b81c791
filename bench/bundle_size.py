"""Size of the frozen app folder (PyInstaller one-folder build) and what dominates it.

    python bench/bundle_size.py "dist/ITA Desktop" [--top 15] [--limit-mb 150]

Prints the total unpacked size, the biggest top-level entries of the folder (``_internal/`` opened up:
one line per package or library, as ``du`` would show them) and the biggest single files. With
``--limit-mb`` it exits 1 when the total is over the limit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

MB = 1024 * 1024


def tree_size(path: Path) -> int:
    """Bytes of a file, or of every file below a folder (symlinks not followed, as in the zip)."""
    if path.is_symlink() or path.is_file():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def entries(bundle: Path) -> list[tuple[str, int]]:
    """(name, bytes) of what sits in the bundle folder; ``_internal`` and ``PySide6/Qt`` are opened up."""
    opened = {"_internal", "PySide6", "Qt", "lib", "plugins"}
    out: list[tuple[str, int]] = []

    def walk(folder: Path) -> None:
        for child in sorted(folder.iterdir()):
            if child.is_dir() and not child.is_symlink() and child.name in opened:
                walk(child)
            else:
                out.append((child.relative_to(bundle).as_posix(), tree_size(child)))

    walk(bundle)
    return sorted(out, key=lambda item: -item[1])


def biggest_files(bundle: Path, count: int) -> list[tuple[str, int]]:
    files = (p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    sized = sorted(((p.relative_to(bundle).as_posix(), p.stat().st_size) for p in files), key=lambda i: -i[1])
    return sized[:count]


def _table(rows: Iterable[tuple[str, int]], total: int) -> str:
    return "\n".join(f"  {size / MB:8.1f} MB  {100 * size / total:5.1f} %  {name}" for name, size in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle", type=Path, help="the one-folder build, e.g. 'dist/ITA Desktop'")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--limit-mb", type=float, help="exit 1 when the bundle is bigger than this")
    args = parser.parse_args(argv)
    bundle: Path = args.bundle
    if not bundle.is_dir():
        print(f"bundle_size: {bundle} is not a folder (build it first: pyinstaller build.spec)", file=sys.stderr)
        return 2
    total = tree_size(bundle)
    files = sum(1 for p in bundle.rglob("*") if p.is_file())
    print(f"bundle: {bundle}  {total / MB:.1f} MB unpacked, {files} files")
    print(f"biggest entries (top {args.top}):")
    print(_table(entries(bundle)[: args.top], total))
    print(f"biggest files (top {args.top}):")
    print(_table(biggest_files(bundle, args.top), total))
    if args.limit_mb is not None and total > args.limit_mb * MB:
        print(f"bundle_size: {total / MB:.1f} MB is over the {args.limit_mb:g} MB target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
