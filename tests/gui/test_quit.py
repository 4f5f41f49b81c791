"""Closing the window ends the process at once, and nothing of the document is left behind: the lock is released,
every edit is in the file, the log is written (the process no longer waits for the interpreter's own teardown)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from ita_desktop.domain.model import Organization
from ita_desktop.services.documents import new_document
from ita_desktop.services.editing import DocumentEditor

SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from ita_desktop.gui import app as gui_app
    from ita_desktop.gui.qt import QtCore, QtWidgets

    def edit_and_close():
        try:
            close_after_an_edit()
        except BaseException:
            import os, traceback
            traceback.print_exc()
            os._exit(3)

    def close_after_an_edit():
        window = next(w for w in QtWidgets.QApplication.topLevelWidgets() if w.isVisible() and hasattr(w, "go_to"))
        org = window.editor.organization()
        org.name = "เทศบาลเมืองเดชอุดม"
        window.editor.save_organization(org)
        window.close()

    gui_app.application()  # a timer needs the application first
    QtCore.QTimer.singleShot(500, edit_and_close)
    gui_app.run_app(Path(sys.argv[1]))
    print("after run_app", flush=True)  # never printed: the process ends with the window
""")


def test_closing_the_window_ends_the_process_with_the_document_closed(tmp_path: Path) -> None:
    path = tmp_path / "office.ita"
    new_document(path, Organization(name="อบต.ตัวอย่าง"), 2567)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "APPDATA": str(tmp_path),
           "LOCALAPPDATA": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state")}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(path)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "after run_app" not in done.stdout
    assert not path.with_name(path.name + ".lock").exists()
    assert not path.with_name(path.name + "-journal").exists() and not path.with_name(path.name + "-wal").exists()
    editor = DocumentEditor.open(path)
    try:
        assert editor.organization().name == "เทศบาลเมืองเดชอุดม"
    finally:
        editor.close()
