"""The window's pages other than the plan's, each built the first time it is shown (issue 18: on a 2,000-measure
document, building all nine pages and filling them took a third of the start). Each page's module is imported
here, when its page is built, so the window's start imports only the plan's page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ita_desktop.gui.qt import QtWidgets

if TYPE_CHECKING:
    from ita_desktop.gui.main_window import MainWindow


def make_page(window: MainWindow, key: str) -> QtWidgets.QWidget:
    """A new, empty page ``key`` of ``window`` with its signals connected (the window fills it)."""
    if key == "org":
        from ita_desktop.gui.form_pages import ProfilePage

        return ProfilePage(window.undo_stack)
    if key == "assessment":
        from ita_desktop.gui.form_pages import AssessmentPage

        return AssessmentPage(window.undo_stack)
    if key == "progress":
        from ita_desktop.gui.progress_page import ProgressPage
        from ita_desktop.gui.round_jump import select_entry

        progress = ProgressPage(window.undo_stack)
        progress.open_entry.connect(lambda r, e, c: select_entry(window, r, e, c))  # "แก้ไขในรอบ 6 เดือน"
        return progress
    if key == "signatories":
        from ita_desktop.gui.record_pages import SignatoriesPage

        return SignatoriesPage(window.undo_stack)
    if key == "catalogue":
        from ita_desktop.gui.record_pages import CataloguePage

        return CataloguePage(window.undo_stack)
    if key == "texts":
        from ita_desktop.gui.texts_page import TextsPage

        return TextsPage(window.undo_stack)  # the office's own words of each document (issue 10)
    if key == "library":
        from ita_desktop.gui.library_page import LibraryPage

        library = LibraryPage(window.undo_stack)  # the library of measures, draft from the scores (issue 15)
        library.current_measure = window.current_plan_measure
        library.texts_changed = window.refresh_texts_if_built
        return library
    if key == "round":
        from ita_desktop.gui.round_page import RoundPage

        round_page = RoundPage(window.undo_stack)  # the round at a glance (issue 14)
        round_page.jump.connect(window.go_to_missing)
        return round_page
    raise KeyError(f"no page {key}")
