"""Bench (not a test): the first PDF export in a window session, with and without the start-up warm-up.

In a fresh process each time: the main window on a document of the sample's measures repeated (25 by default:
a round-6 progress report of about 10 pages) is shown (offscreen); then either the warm-up thread runs
(gui.app.start_warm_up: the PDF writer, fonts, word list) while a 2 ms timer on the GUI thread records how long the
event loop ever stood still, or nothing does; then the round-6 progress report is exported and timed. Goal
(issue 18): the first export of a 10-page round report ≤ 0.5 s after the window is shown, the GUI thread never
held up.

    python bench/bench_first_export.py [--runs 3] [--measures 25]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def child(warm: bool, path: Path) -> dict[str, float]:
    """One window session: show, (warm up,) export once; the figures as a dict."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ITA_DESKTOP_DATA"] = tempfile.mkdtemp()
    from ita_desktop.gui.app import application, create_window, start_warm_up
    from ita_desktop.gui.qt import QtCore
    from ita_desktop.services.documents import load
    from ita_desktop.services.exporting import ExportOptions, export_document

    folder = Path(tempfile.mkdtemp())
    app = application()
    window = create_window(path)
    window.show()
    ticks: list[float] = []
    timer = QtCore.QTimer()
    timer.setInterval(2)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    figures: dict[str, float] = {}

    def begin() -> None:
        start = time.perf_counter()
        thread = start_warm_up() if warm else None

        def poll() -> None:
            busy = thread.is_alive() if thread is not None else time.perf_counter() - start < 0.3  # idle: 0.3 s
            if busy:
                QtCore.QTimer.singleShot(5, poll)
                return
            figures["warm_up"] = time.perf_counter() - start
            gaps = [b - a for a, b in itertools.pairwise(ticks) if a >= start]
            figures["longest_gui_gap"] = max(gaps, default=0.0)
            QtCore.QTimer.singleShot(50, finish)

        poll()

    def finish() -> None:
        start = time.perf_counter()
        export_document(load(path), ExportOptions(doc="progress", round=6), folder / "progress.pdf")
        figures["first_export"] = time.perf_counter() - start
        figures["pages"] = (folder / "progress.pdf").read_bytes().count(b"/Type /Page\n")
        app.quit()

    QtCore.QTimer.singleShot(200, begin)  # the window has painted
    app.exec()
    window.close()
    return figures


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2] == "warm", Path(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--measures", type=int, default=25)
    args = parser.parse_args()
    from bench_gui import make_document  # beside this file

    document = Path(tempfile.mkdtemp()) / f"round-{args.measures}.ita"
    make_document(document, args.measures)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    results: dict[str, list[dict[str, float]]] = {"warm": [], "cold": []}
    for _ in range(args.runs):
        for mode in results:
            done = subprocess.run([sys.executable, __file__, "--child", mode, str(document)], capture_output=True,
                                  text=True, check=True, env=env)
            results[mode].append(json.loads(done.stdout.strip().splitlines()[-1]))

    def median(mode: str, key: str) -> float:
        return statistics.median(r[key] for r in results[mode])

    print(f"with the warm-up: warm-up {median('warm', 'warm_up'):.2f} s beside the shown window, longest stand-still "
          f"of the GUI thread {median('warm', 'longest_gui_gap') * 1000:.0f} ms "
          f"(idle: {median('cold', 'longest_gui_gap') * 1000:.0f} ms); "
          f"first export then {median('warm', 'first_export'):.2f} s")
    print(f"without it: first export {median('cold', 'first_export'):.2f} s (median of {args.runs}; "
          f"{args.measures} measures, {median('warm', 'pages'):.0f} pages; goal ≤ 0.5 s with the warm-up)")


if __name__ == "__main__":
    main()
