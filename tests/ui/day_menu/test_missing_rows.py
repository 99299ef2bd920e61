"""Items of foods the library no longer has: rows of their own in the day menu and the
week plan's day editor, removable and undoable, counted as unknown, and never a crash in
what looks a food up (issue 20, item 9)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.plan import Day, Plan, load_plan, save_plan
from planner.core.storage.library import LIBRARY_FILE, Library
from planner.ui.day_menu.menu_model import AMOUNT, UNIT
from planner.ui.widgets.text_colours import text_colours

ITEMS = [
    MenuItem("banana", "breakfast", grams=118),
    MenuItem("custom-gone-bar", "lunch", portions=2),
    MenuItem("usda-99999", "snack", grams=30),
]


def open_with(make_window, tmp_path, items=ITEMS):
    library = Library(tmp_path / LIBRARY_FILE)
    menu_id = library.save_menu(Menu("Monday", list(items)))
    library.close()
    return make_window(tmp_path), menu_id


def saved(window, menu_id) -> list[str]:
    return [i.food for i in window.library.load_menu(menu_id).items]


def row(model, food: str, column: int = 0):
    position = next(p for p, i in enumerate(model.menu.items) if i.food == food)
    return model.index_of_position(position, column)


def test_a_missing_food_is_a_row_of_its_own_muted_and_explained(make_window, tmp_path):
    window, _ = open_with(make_window, tmp_path)
    model = window.menu_model
    gone = row(model, "custom-gone-bar")
    assert gone.data() == "Missing food: custom-gone-bar"
    assert gone.data(Qt.ItemDataRole.ForegroundRole) == QColor(text_colours().warning)
    assert gone.data(Qt.ItemDataRole.FontRole).italic()
    tip = gone.data(Qt.ItemDataRole.ToolTipRole)
    assert "no longer in your food library" in tip and "File > Remove missing foods" in tip
    # Its amount stays as saved; what it weighs (portions of a food gone) and gives is
    # unknown, never 0; it cannot be edited, there is no food to count it against.
    assert row(model, "custom-gone-bar", AMOUNT).data() == "2"
    assert row(model, "custom-gone-bar", 3).data() == "?"
    assert row(model, "custom-gone-bar", 4).data() == "?"
    assert row(model, "usda-99999", 3).data() == "30"
    # The kcal: a lower bound where a missing food is counted, never "nan".
    assert window.editor.kcal.text() == "3 items · ≥ 105 kcal"
    assert model.meal_index("lunch").siblingAtColumn(4).data() == "?"
    assert model.meal_index("breakfast").siblingAtColumn(4).data() == "105"
    for column in (AMOUNT, UNIT):
        assert not model.flags(row(model, "custom-gone-bar", column)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(row(model, "banana", AMOUNT)) & Qt.ItemFlag.ItemIsEditable
    # A known food's row is as it always was.
    banana = row(model, "banana")
    assert banana.data() == "Banana" and banana.data(Qt.ItemDataRole.ForegroundRole) is None


def test_missing_foods_count_as_unknown_in_the_totals_chart_and_notes(make_window, tmp_path):
    window, _ = open_with(make_window, tmp_path)
    magnesium = window.coverage["magnesium"]
    assert set(magnesium.unknown_foods) == {"custom-gone-bar", "usda-99999"}
    assert magnesium.amount is not None and magnesium.amount > 0  # the banana's, a lower bound
    totals = window.totals_model
    amounts = [
        totals.index(r, 1).data()
        for r in range(totals.rowCount())
        if totals.index(r, 0).data() == "Magnesium"
    ]
    assert amounts and amounts[0].startswith("≥ ")
    tip = next(
        totals.index(r, 1).data(Qt.ItemDataRole.ToolTipRole)
        for r in range(totals.rowCount())
        if totals.index(r, 0).data() == "Magnesium"
    )
    assert "Missing food: custom-gone-bar" in tip
    note = window.totals.note.text()
    assert (
        "≥ at least: nothing is known of Missing food: custom-gone-bar; Missing food: "
        "usda-99999 (no longer in your library)." in note
    )
    assert note.count("custom-gone-bar") == 1  # named once, not once a nutrient
    assert window.chart.built  # drawn with the missing foods on the menu


def test_a_missing_row_is_removed_and_undone_like_any_row(make_window, tmp_path):
    window, menu_id = open_with(make_window, tmp_path)
    editor = window.editor
    editor.select_positions([1])
    editor.remove_selected()
    assert saved(window, menu_id) == ["banana", "usda-99999"]
    assert "custom-gone-bar" not in window.totals.note.text()
    window.undo_stack.undo()
    assert saved(window, menu_id) == ["banana", "custom-gone-bar", "usda-99999"]
    assert row(window.menu_model, "custom-gone-bar").data() == "Missing food: custom-gone-bar"
    # Moved to another meal like any row, and saved so.
    editor.move_positions([1], "dinner")
    assert window.library.load_menu(menu_id).items[1].meal == "dinner"
    window.remove_missing_foods()
    assert saved(window, menu_id) == ["banana"]
    assert window.undo_stack.undoText() == "Remove missing foods"
    window.remove_missing_foods()
    assert window.statusBar().currentMessage() == "This menu has no items of missing foods."


def test_completion_gaps_and_compare_take_a_menu_with_missing_foods(make_window, tmp_path):
    from planner.core.advice.exclusions import allowed_food_ids
    from planner.core.advice.optimizer import complete_menu
    from planner.core.menus.comparison import compare_menus
    from planner.ui.charts.chart_data import chart_data

    window, _ = open_with(make_window, tmp_path)
    menu, foods, targets = window.menu_model.menu, window.state.foods, window.state.targets
    done = complete_menu(menu, foods, targets, allowed_food_ids(foods))
    assert any("Missing food: custom-gone-bar" in n for n in done.notes)
    chart = chart_data(window.coverage, foods, menu)
    assert all(chart.incomplete)  # every bar is a lower bound
    comparison = compare_menus([("Monday", menu)], foods, targets)
    assert "custom-gone-bar" in comparison.notes[0] and "unknown" in comparison.notes[0]
    magnesium = comparison.keys.index("magnesium")
    assert comparison.lower_bound[0, magnesium]
    assert set(comparison.unknown_foods[0]["magnesium"]) == {"custom-gone-bar", "usda-99999"}
    window.gaps_panel.refresh()  # suggestions for the gaps of a menu with foods gone


def test_the_plans_day_editor_shows_and_removes_missing_rows(make_window, tmp_path):
    library = Library(tmp_path / LIBRARY_FILE)
    plan = Plan.new("Week", n_days=1)
    plan.days[0] = Day(plan.days[0].name, Menu("d", ITEMS[:2]))
    plan_id = save_plan(library, plan)
    library.close()
    window = make_window(tmp_path)
    view = window.plan_view
    if window.plan_session.plan_id != plan_id:
        view.open_plan(plan_id)
    view.select_day(0)
    gone = row(view.menu_model, "custom-gone-bar")
    assert gone.data() == "Missing food: custom-gone-bar"
    assert "File > Remove missing foods" in gone.data(Qt.ItemDataRole.ToolTipRole)
    # The heatmap counts it as unknown; the shopping list says it cannot be bought.
    assert view.chart.coverage.unknown.any()
    shopping = window.shopping_view
    index = shopping.model.index_of_food("custom-gone-bar", 1)
    assert index.data().startswith("cannot be bought")
    view.day_editor.editor.select_positions([1])
    view.day_editor.editor.remove_selected()
    kept, _ = load_plan(window.library, plan_id)
    assert [i.food for i in kept.days[0].menu.items] == ["banana"]
    window.plan_session.undo_stack.undo()
    kept, _ = load_plan(window.library, plan_id)
    assert [i.food for i in kept.days[0].menu.items] == ["banana", "custom-gone-bar"]
