"""Small things that led astray: where "Add" in the gaps panel adds, moving a food into a
meal that has it, Ctrl+3, the keys in the app, one colour scale, the Foods menu."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from planner.core.menus.menu import Menu, MenuItem
from planner.paths import ROOT
from planner.ui.charts.chart_data import STATUS_COLOURS, status_of
from planner.ui.plan.plan_heatmap import BAND_LABELS, band_colour
from planner.ui.shell.keyboard_dialog import KEYBOARD_MD
from tests.ui.gaps.test_gaps_panel import click_add, listed, show_panel


def items(window) -> list[tuple[str, str, float, str]]:
    return [(i.food, i.meal, i.amount, i.unit) for i in window.menu_model.menu.items]


def test_add_in_the_gaps_panel_goes_to_the_meal_chosen_in_add_to(window, qtbot):
    panel = show_panel(window)
    editor = window.editor
    # The menu's current row is a breakfast item; "Add to" says dinner.
    first = window.menu_model.menu.items[0]
    editor.tree.setCurrentIndex(window.menu_model.index_of_position(0))
    editor.add_to.setCurrentIndex(editor.add_to.findData("dinner"))
    assert first.meal != "dinner"
    key, foods = next(iter(listed(panel).items()))
    click_add(panel, qtbot, key, foods[0])
    added = window.menu_model.menu.items[-1]
    assert (added.food, added.meal) == (foods[0], "dinner")


def test_moving_a_food_into_a_meal_that_has_it_merges_the_rows(window):
    model, editor = window.menu_model, window.editor
    menu = Menu(
        "Merge",
        [
            MenuItem("banana", "breakfast", portions=1.0),
            MenuItem("milk", "breakfast", grams=200.0),
            MenuItem("banana", "snack", portions=0.5),
            MenuItem("milk", "snack", portions=1.0),
            MenuItem("almonds", "snack", grams=30.0),
        ],
    )
    model.set_menu(menu)
    before = items(window)
    potassium = window.coverage["potassium"].amount
    editor.move_positions([2, 3], "breakfast")
    milk_g = 200.0 + window.state.foods.portion_g("milk")
    assert items(window) == [
        ("banana", "breakfast", 1.5, "portions"),  # portions with portions
        ("milk", "breakfast", milk_g, "g"),  # grams with a portion: grams
        ("almonds", "snack", 30.0, "g"),
    ]
    # The same food in the same amount: the totals do not change.
    assert window.coverage["potassium"].amount == pytest.approx(potassium)
    # The merged rows are selected.
    assert editor.selected_positions() == [0, 1]
    assert "merged" in editor.undo_stack.undoText()
    editor.undo_stack.undo()
    assert items(window) == before
    editor.undo_stack.redo()
    assert len(model.menu.items) == 3


def test_moving_to_a_meal_without_the_food_keeps_both_rows(window):
    model, editor = window.menu_model, window.editor
    model.set_menu(
        Menu("Two", [MenuItem("banana", "breakfast", 1.0), MenuItem("kiwi", "snack", 1.0)])
    )
    editor.move_positions([1], "breakfast")
    assert [i.meal for i in model.menu.items] == ["breakfast", "breakfast"]


def test_ctrl_3_shows_the_saved_menus_before_focusing_them(window, qtbot):
    dock = window.library_dock
    window.activateWindow()
    # Behind the Help tab, then closed: Ctrl+3 brings it back both times.
    window.help_dock.show()
    window.help_dock.raise_()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.library_panel.list.hasFocus())
    assert not dock.visibleRegion().isEmpty()
    dock.close()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dock.isVisible() and window.library_panel.list.hasFocus())


def test_help_shows_readmes_keyboard_table(window, qtbot):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = KEYBOARD_MD.read_text(encoding="utf-8").split("\n\n", 1)[1].strip()
    assert table in readme, "resources/keyboard.md and README's table differ"
    action = next(a for a in window.help_menu.actions() if "Keyboard" in a.text())
    action.trigger()
    dialog = window.keyboard_dialog
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QTextBrowser

    shown = dialog.findChild(QTextBrowser).toPlainText()
    assert "Ctrl+F, then Down or Enter" in shown and "complete my menu" in shown
    assert "|" not in shown  # a table, not Markdown source


def test_one_colour_scale_for_the_chart_the_heatmap_and_the_average():
    for percent in (10.0, 30.0, 49.0, 50.0, 75.0, 99.0, 100.0, 180.0):
        assert band_colour(percent, False) == STATUS_COLOURS[status_of(percent, False)]
    assert band_colour(30.0, True) == STATUS_COLOURS["over"]
    assert band_colour(np.nan, False) != STATUS_COLOURS["met"]
    assert BAND_LABELS == ("under 50 %", "50–99 %", "target met")


def test_the_usda_import_is_in_the_foods_menu_too(window):
    foods_menu = window.food_library.foods_menu
    in_foods = {a.text() for a in foods_menu.actions()}
    in_file = {a.text() for a in window.file_menu.actions()}
    assert "Import &USDA database…" in in_foods & in_file


def test_the_food_list_selection_survives_a_search_that_keeps_the_food(window, qtbot):
    browser = window.browser
    model = browser.model
    index = browser.proxy.mapFromSource(model.index(model.row_of("banana"), 0))
    browser.table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    qtbot.keyClicks(browser.search, "ban")
    assert browser.current_food() == "banana"
