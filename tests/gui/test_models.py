"""Every model of the window passes Qt's model tester (row/column/index/parent/data consistency)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ita_desktop.gui.main_window import MainWindow
from ita_desktop.gui.qt import QtWidgets


def test_measures_model_and_proxy(window: MainWindow, qtmodeltester: ModelTester) -> None:
    assert window.measures_model is not None
    qtmodeltester.check(window.measures_model, force_py=True)
    qtmodeltester.check(window.measures_page.proxy, force_py=True)
    assert window.measures_model.rowCount() == 10


def test_progress_models(window: MainWindow, qtmodeltester: ModelTester) -> None:
    for round_ in window.plan_rounds():
        model = window.progress_model(round_)
        qtmodeltester.check(model, force_py=True)
        assert model.rowCount() > 0


def test_record_models(window: MainWindow, qtmodeltester: ModelTester) -> None:
    for model in (window.assessment_page.scores, window.signatories_page.list.model,
                  window.catalogue_page.units.model, window.catalogue_page.indicators.model):
        qtmodeltester.check(model, force_py=True)
        assert model.rowCount() > 0


def test_models_stay_consistent_while_rows_change(window: MainWindow, qtmodeltester: ModelTester,
                                                  pytestconfig: pytest.Config) -> None:
    """Testers watch the signals while rows are inserted, moved, deleted and the changes undone."""
    model = window.measures_model
    assert model is not None
    qtmodeltester.check(model, force_py=True)
    progress_tester = ModelTester(pytestconfig)
    progress_tester.check(window.progress_model(6), force_py=True)
    proxy_tester = ModelTester(pytestconfig)
    proxy_tester.check(window.measures_page.proxy, force_py=True)
    model.add_measures(3, [model.new_measure(2)])
    model.move_row(3, 1)
    model.delete_rows([0, 5])
    assert model.rowCount() == 9
    for _ in range(3):
        window.undo_stack.undo()
    assert model.rowCount() == 10
    for _ in range(3):
        window.undo_stack.redo()
    assert model.rowCount() == 9


def test_a_new_measure_is_monitored_in_the_rounds_of_the_plan(
        app: QtWidgets.QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    """A measure added by the clerk shows up in the progress reports at once: rounds of the plan, or ๖/๑๒."""
    from ita_desktop.domain.model import Organization
    from ita_desktop.services.documents import load, new_document

    doc = tmp_path / "empty.ita"
    new_document(doc, Organization(name="อบต.ทดสอบ"), 2568)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_document(doc)
    model = win.measures_model
    assert model is not None
    model.add_measures(0, [model.new_measure()])
    plan = load(doc).year(2568)
    assert plan is not None and [m.rounds for m in plan.measures] == [[6, 12]]
    win.close()
