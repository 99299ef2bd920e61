"""“Complete my menu”: the search on a worker thread, the result, Apply as one undo, Cancel."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from planner.core.coverage import compute_coverage
from planner.core.exclusions import Exclusions, allowed_food_ids
from planner.core.nutrients import CHART_KEYS
from planner.paths import ROOT
from planner.ui.completion_dialog import UNDO_TEXT
from planner.ui.completion_worker import running
from tests.completion_checks import assert_valid_completion

SAMPLE = ROOT / "docs" / "sample.menu.json"
WAIT_MS = 120_000  # a generous ceiling for a slow machine, not a timing assertion


def open_dialog(window, qtbot, wait: bool = True):
    window.import_menu(str(SAMPLE))
    window.complete_menu_action.trigger()
    dialog = window.completion_dialog
    assert dialog.isVisible()
    if wait:
        wait_for(dialog, qtbot)
    return dialog


def wait_for(dialog, qtbot) -> None:
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=WAIT_MS)


def allowed(window):
    state = window.state
    return allowed_food_ids(state.foods, window.gap_exclusions.exclusions, state.profile)


@pytest.fixture(autouse=True)
def no_workers_left(qtbot):
    """Every test ends with its worker threads finished."""
    yield
    qtbot.waitUntil(lambda: not running(), timeout=WAIT_MS)


def test_apply_adds_the_completion_and_one_undo_removes_it(window, qtbot):
    dialog = open_dialog(window, qtbot)
    assert dialog.outcome == "found"
    completion = dialog.completion
    options = dialog.options()
    before = window.menu_model.menu.copy()
    assert completion.status == "complete" and completion.added
    state = window.state
    assert_valid_completion(
        completion, before, state.foods, state.targets, allowed(window), options
    )
    # What the dialog shows: one row per added food and a total, the headline, the chart.
    model = dialog.added_model
    assert model.rowCount() == len(completion.added) + 1
    assert model.index(0, 0).data().startswith(state.foods.name(completion.added[0].food))
    assert "Every aimed-at target is reached" in dialog.headline.text()
    before_w, after_w = dialog.chart.bar_widths()
    top = dialog.chart.axes.get_xlim()[1]
    for widths, coverage in ((before_w, completion.before), (after_w, completion.after)):
        np.testing.assert_allclose(widths, [min(coverage[k].percent, top) for k in CHART_KEYS])
    assert dialog.apply_button.isEnabled()

    undo_count = window.undo_stack.count()
    dialog.apply_button.click()
    assert not dialog.isVisible()
    menu = window.menu_model.menu
    assert menu.items == [*before.items, *completion.added]
    assert window.undo_stack.count() == undo_count + 1
    assert window.undo_stack.undoText() == UNDO_TEXT
    # Re-checked from scratch: every aimed-at target is met, no ceiling crossed.
    after = compute_coverage(menu, state.foods, state.targets)
    for key in completion.aimed_at:
        assert after[key].amount >= state.targets[key].value, key
    assert_valid_completion(
        completion, before, state.foods, state.targets, allowed(window), options
    )
    assert "Ctrl+Z" in window.statusBar().currentMessage()

    window.undo_action.trigger()
    assert window.menu_model.menu.items == before.items
    window.redo_action.trigger()
    assert window.menu_model.menu.items == [*before.items, *completion.added]


def test_discard_changes_nothing(window, qtbot):
    dialog = open_dialog(window, qtbot)
    assert dialog.completion.added
    items = list(window.menu_model.menu.items)
    undo_count = window.undo_stack.count()
    dialog.discard_button.click()
    assert not dialog.isVisible()
    assert window.menu_model.menu.items == items
    assert window.undo_stack.count() == undo_count
    # The closed dialog is deleted; a later change of exclusions must not reach it.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(dialog)
    window.gap_exclusions.dislike(["milk"])


def test_options_are_used_and_remembered(window, qtbot):
    dialog = open_dialog(window, qtbot)
    dialog.max_portions.setValue(2)
    dialog.max_new.setValue(3)
    dialog.objective.setCurrentIndex(dialog.objective.findData("grams"))
    dialog.water.setChecked(True)
    dialog.meal.setCurrentIndex(dialog.meal.findData("dinner"))
    dialog.run_button.click()
    wait_for(dialog, qtbot)
    options = dialog.options()
    assert (options.max_portions_per_food, options.max_new_foods, options.objective) == (
        2,
        3,
        "grams",
    )
    completion = dialog.completion
    assert "water" in completion.aimed_at
    state = window.state
    assert_valid_completion(
        completion, window.menu_model.menu, state.foods, state.targets, allowed(window), options
    )
    assert all(item.meal == "dinner" for item in completion.added)
    dialog.discard_button.click()

    window.complete_menu_action.trigger()
    again = window.completion_dialog
    assert again.max_portions.value() == 2 and again.max_new.value() == 3
    assert again.objective.currentData() == "grams" and again.water.isChecked()
    assert again.meal.currentData() == "dinner"
    wait_for(again, qtbot)
    again.discard_button.click()


def test_exclusions_and_disliked_foods_are_honoured(window, qtbot):
    dialog = open_dialog(window, qtbot)
    first = dialog.completion.added[0].food
    window.gap_exclusions.dislike([first])
    assert "Never:" in dialog.exclusions_label.text()
    dialog.run_button.click()
    wait_for(dialog, qtbot)
    assert first not in {item.food for item in dialog.completion.added}
    dialog.discard_button.click()


def test_infeasible_options_explain_the_unmet_target(window, qtbot):
    # No fish, eggs or dairy (vitamin D fortified milk would reach it): vitamin D falls short.
    window.gap_exclusions.set(Exclusions(frozenset({"fish", "contains-egg", "contains-dairy"})))
    dialog = open_dialog(window, qtbot)
    dialog.max_portions.setValue(1)
    dialog.vitamin_d.setChecked(True)
    dialog.run_button.click()
    wait_for(dialog, qtbot)
    completion = dialog.completion
    assert completion.status == "partial"
    assert [s.key for s in completion.shortfalls] == ["vitamin_d"]
    assert "Not every target can be reached" in dialog.headline.text()
    details = dialog.details.toPlainText()
    assert "Targets still missed, and why" in details
    assert "Vitamin D: reaches" in details
    assert "No 4 allowed foods give enough within 1 portion each" in details
    # The best partial result may still be applied.
    assert dialog.apply_button.isEnabled()
    tags = window.state.foods.info["tags"]
    banned = {"fish", "contains-egg", "contains-dairy"}
    assert not any(banned & set(tags[i.food]) for i in completion.added)
    dialog.discard_button.click()


def test_cancel_stops_the_search_without_changing_the_menu(window, qtbot, monkeypatch):
    started = threading.Event()
    from planner.core import optimizer

    real = optimizer.complete_menu

    def waits_for_cancel(menu, foods, targets, allowed_ids, options, should_cancel):
        """The real search, held until the user cancels (as a long solve would be)."""
        started.set()
        deadline = time.monotonic() + 60
        while not should_cancel() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(menu, foods, targets, allowed_ids, options, should_cancel)

    # The worker imports complete_menu when it runs (scipy loads after start-up).
    monkeypatch.setattr(optimizer, "complete_menu", waits_for_cancel)
    dialog = open_dialog(window, qtbot, wait=False)
    items = list(window.menu_model.menu.items)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    # Busy, and the window still answers: the search is on another thread.
    assert dialog.is_running() and dialog.progress.isVisible()
    assert dialog.cancel_button.isEnabled() and not dialog.run_button.isEnabled()
    assert not dialog.apply_button.isEnabled()
    dialog.cancel_button.click()
    wait_for(dialog, qtbot)
    assert dialog.outcome == "cancelled"
    assert "Nothing was added" in dialog.headline.text()
    assert not dialog.progress.isVisible() and dialog.run_button.isEnabled()
    assert not dialog.apply_button.isEnabled()
    assert window.menu_model.menu.items == items

    # Closing the dialog mid-search stops it too; the menu stays as it was.
    started.clear()
    dialog.run_button.click()
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    dialog.discard_button.click()
    qtbot.waitUntil(lambda: not running(), timeout=WAIT_MS)
    assert window.menu_model.menu.items == items


def test_the_chart_can_be_exported(window, qtbot, monkeypatch, tmp_path):
    dialog = open_dialog(window, qtbot)
    target = tmp_path / "completion.png"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert dialog.export_button.isEnabled()
    dialog.export_button.click()
    assert target.read_bytes().startswith(b"\x89PNG")
    assert dialog.chart.export_action in dialog.chart.canvas.actions()
    dialog.discard_button.click()


def test_a_profile_without_targets_is_not_told_its_targets_are_reached(window, qtbot):
    bar = window.profile_bar
    bar.age.setValue(0)
    bar.standard.setCurrentIndex(bar.standard.findData("efsa"))
    dialog = open_dialog(window, qtbot)
    assert dialog.completion.nothing_aimed
    assert "This profile has no target to aim at: nothing to add." in dialog.headline.text()
    assert "reached" not in dialog.headline.text()
    assert not dialog.apply_button.isEnabled()
