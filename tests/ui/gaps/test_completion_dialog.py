"""“Complete my menu”: the search on a worker thread, the result, Apply as one undo, Cancel."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from planner.core.advice.exclusions import Exclusions, allowed_food_ids
from planner.core.data.formatting import fmt_amount
from planner.core.data.nutrients import CHART_KEYS
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import MEAL_LABELS, Menu, MenuItem
from planner.core.storage.jsonfiles import read_menu, write_menu
from planner.paths import ROOT
from planner.ui.gaps.completion_dialog import UNDO_TEXT
from planner.ui.gaps.completion_result import added_amount
from planner.ui.gaps.completion_worker import running
from tests.completion_checks import assert_valid_completion

SAMPLE = ROOT / "docs" / "sample.menu.json"
WAIT_MS = 120_000  # a generous ceiling for a slow machine, not a timing assertion


def open_dialog(window, qtbot, wait: bool = True, menu_path=SAMPLE):
    window.import_menu(str(menu_path))
    window.complete_menu_action.trigger()
    dialog = window.completion_dialog
    assert dialog.isVisible()
    if wait:
        wait_for(dialog, qtbot)
    return dialog


def without(tmp_path, *foods: str):
    """The sample menu without ``foods``, as a file: completing it raises rows already on
    the menu and adds new ones."""
    menu = read_menu(SAMPLE)
    path = tmp_path / "fewer.menu.json"
    write_menu(path, Menu(menu.name, [i for i in menu.items if i.food not in foods]))
    return path


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


def test_apply_raises_and_adds_rows_and_one_ctrl_z_takes_both_back(window, qtbot, tmp_path):
    dialog = open_dialog(window, qtbot, menu_path=without(tmp_path, "yogurt"))
    assert dialog.outcome == "found"
    completion = dialog.completion
    options = dialog.options()
    before = window.menu_model.menu.copy()
    assert completion.status == "complete"
    # The test needs both kinds of addition: the sample day without its yogurt gets more
    # spinach and a new food.
    assert completion.raised and completion.added
    state = window.state
    assert_valid_completion(
        completion, before, state.foods, state.targets, allowed(window), options
    )
    # What the dialog shows: one row per addition and a total, the headline, the chart.
    model = dialog.result_view.added_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Added food",
        "Meal",
        "Amount",
        "g",
        "kcal",
    ]
    assert model.rowCount() == len(completion.additions) + 1
    foods = state.foods
    for row, addition in enumerate(completion.additions):
        cells = [model.index(row, c).data() for c in range(5)]
        name = foods.name(addition.food)
        assert cells[0] == (f"{name} (more)" if addition.raises else name)
        assert cells[1] == MEAL_LABELS[addition.meal]
        assert cells[2] == added_amount(addition, foods)
        assert cells[3] == fmt_amount(addition.grams)
        assert cells[4] == fmt_amount(foods.value(addition.food, "energy") * addition.grams / 100)
        if addition.raises:
            assert cells[2] == f"+ {fmt_amount(addition.grams)} g"
            assert "is on the menu already" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
        elif addition.item.portions is not None:
            portion = foods.cell(addition.food, "portion_name")
            assert cells[2] == f"{fmt_amount(addition.item.portions)} × {portion}"
    total = [model.index(len(completion.additions), c).data() for c in range(5)]
    assert total == [
        "Total added",
        "",
        "",
        fmt_amount(completion.added_grams),
        fmt_amount(completion.added_kcal),
    ]
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
    assert menu.items == completion.menu.items
    # The raised rows changed in place, the new rows after the others.
    for addition in completion.raised:
        assert menu.items[addition.position] == addition.item
    assert menu.items[len(before.items) :] == list(completion.added)
    assert window.undo_stack.count() == undo_count + 1
    assert window.undo_stack.undoText() == UNDO_TEXT
    # Re-checked from scratch: every aimed-at target is met, no ceiling crossed.
    after = compute_coverage(menu, state.foods, state.targets)
    for key in completion.aimed_at:
        assert after[key].amount >= state.targets[key].value, key
    assert "Ctrl+Z" in window.statusBar().currentMessage()

    # One Ctrl+Z takes the raised and the new rows back together.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    window.editor.tree.setFocus()
    qtbot.keyClick(window.editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.menu_model.menu.items == before.items
    assert window.undo_stack.count() == undo_count + 1
    assert window.undo_stack.index() == undo_count
    window.redo_action.trigger()
    assert window.menu_model.menu.items == completion.menu.items


def test_a_completion_that_only_raises_rows_applies_too(window, qtbot):
    dialog = open_dialog(window, qtbot)
    completion = dialog.completion
    before = window.menu_model.menu.copy()
    # The sample day needs only more of foods it holds: no new row.
    assert completion.raised and not completion.added
    assert dialog.result_view.added_model.index(0, 0).data().endswith(" (more)")
    dialog.apply_button.click()
    assert window.menu_model.menu.items == completion.menu.items
    assert len(window.menu_model.menu.items) == len(before.items)
    window.undo_action.trigger()
    assert window.menu_model.menu.items == before.items


def test_discard_changes_nothing(window, qtbot):
    dialog = open_dialog(window, qtbot)
    assert dialog.completion.additions
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
    form = dialog.options_box
    form.max_portions.setValue(2)
    form.max_new.setValue(3)
    form.objective.setCurrentIndex(form.objective.findData("grams"))
    form.water.setChecked(True)
    assert (form.meal.itemText(0), form.meal.itemData(0)) == (
        "The meal each food belongs to",
        "auto",
    )
    assert form.meal.currentData() == "auto"  # the default
    form.meal.setCurrentIndex(form.meal.findData("dinner"))
    dialog.search.run_button.click()
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
    # Rows already on the menu are raised where they are.
    menu = window.menu_model.menu
    assert all(a.meal == menu.items[a.position].meal for a in completion.raised)
    dialog.discard_button.click()

    window.complete_menu_action.trigger()
    again = window.completion_dialog
    form = again.options_box
    assert form.max_portions.value() == 2 and form.max_new.value() == 3
    assert form.objective.currentData() == "grams" and form.water.isChecked()
    assert form.meal.currentData() == "dinner"
    wait_for(again, qtbot)
    again.discard_button.click()


def test_exclusions_and_disliked_foods_are_honoured(window, qtbot, tmp_path):
    dialog = open_dialog(window, qtbot, menu_path=without(tmp_path, "yogurt"))
    first = dialog.completion.added[0].food
    window.gap_exclusions.dislike([first])
    assert "Never:" in dialog.options_box.exclusions_label.text()
    dialog.search.run_button.click()
    wait_for(dialog, qtbot)
    assert first not in {a.food for a in dialog.completion.additions}
    dialog.discard_button.click()


def test_infeasible_options_explain_the_unmet_target(window, qtbot):
    # No fish, eggs or dairy (vitamin D fortified milk would reach it): vitamin D falls short.
    window.gap_exclusions.set(Exclusions(frozenset({"fish", "contains-egg", "contains-dairy"})))
    dialog = open_dialog(window, qtbot)
    dialog.options_box.max_portions.setValue(1)
    dialog.options_box.vitamin_d.setChecked(True)
    dialog.search.run_button.click()
    wait_for(dialog, qtbot)
    completion = dialog.completion
    assert completion.status == "partial"
    assert [s.key for s in completion.shortfalls] == ["vitamin_d"]
    assert "Not every target can be reached" in dialog.headline.text()
    details = dialog.result_view.details.toPlainText()
    assert "Targets still missed, and why" in details
    assert "Vitamin D: reaches" in details
    assert "No 4 allowed foods give enough, each within its daily cap or 1 serving" in details
    # The best partial result may still be applied.
    assert dialog.apply_button.isEnabled()
    tags = window.state.foods.info["tags"]
    banned = {"fish", "contains-egg", "contains-dairy"}
    assert not any(banned & set(tags[a.food]) for a in completion.additions)
    dialog.discard_button.click()


def test_cancel_stops_the_search_without_changing_the_menu(window, qtbot, monkeypatch):
    started = threading.Event()
    from planner.core.advice import optimizer

    real = optimizer.complete_menu

    def waits_for_cancel(menu, foods, targets, allowed_ids, options, should_cancel, familiar):
        """The real search, held until the user cancels (as a long solve would be)."""
        started.set()
        deadline = time.monotonic() + 60
        while not should_cancel() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(menu, foods, targets, allowed_ids, options, should_cancel, familiar)

    # The worker imports complete_menu when it runs (scipy loads after start-up).
    monkeypatch.setattr(optimizer, "complete_menu", waits_for_cancel)
    dialog = open_dialog(window, qtbot, wait=False)
    items = list(window.menu_model.menu.items)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    # Busy, and the window still answers: the search is on another thread.
    assert dialog.is_running() and dialog.search.progress.isVisible()
    assert dialog.search.cancel_button.isEnabled() and not dialog.search.run_button.isEnabled()
    assert not dialog.apply_button.isEnabled()
    dialog.search.cancel_button.click()
    wait_for(dialog, qtbot)
    assert dialog.outcome == "cancelled"
    assert "Nothing was added" in dialog.headline.text()
    assert not dialog.search.progress.isVisible() and dialog.search.run_button.isEnabled()
    assert not dialog.apply_button.isEnabled()
    assert window.menu_model.menu.items == items

    # Closing the dialog mid-search stops it too; the menu stays as it was.
    started.clear()
    dialog.search.run_button.click()
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


def test_foods_of_saved_menus_reach_the_search_as_familiar(window, qtbot):
    window.library.save_menu(Menu("Usual", [MenuItem("sardines", "dinner", portions=1)]))
    dialog = open_dialog(window, qtbot)
    assert "sardines" in dialog.familiar
    dialog.discard_button.click()
