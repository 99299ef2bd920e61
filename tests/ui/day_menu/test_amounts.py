"""Amounts people think in: a menu row says what its portion is; counts agree."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from planner.core.data.formatting import count_of
from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.jsonfiles import read_menu
from planner.ui.day_menu.menu_model import AMOUNT, UNIT
from planner.ui.day_menu.menu_units import portion_name
from tests.sr28_fixtures import write_sr28


def test_a_menu_row_says_what_its_portion_is(window):
    model = window.menu_model
    model.set_menu(
        Menu(
            "Amounts",
            [
                MenuItem("banana", "breakfast", portions=1.0),
                MenuItem("milk", "breakfast", portions=2.0),
                MenuItem("almonds", "snack", grams=30.0),
            ],
        )
    )

    def unit(position):
        return model.index_of_position(position, UNIT).data()

    def tip(position):
        return model.index_of_position(position, UNIT).data(Qt.ItemDataRole.ToolTipRole)

    assert unit(0) == "× 1 medium"  # 1 medium (7" to 7-7/8" long) in SR28
    assert tip(0) == '1 portion = 1 medium (7" to 7-7/8" long), 118 g'
    assert unit(1) == "× 1 cup" and tip(1) == "2 portions = 1 cup, 244 g each"
    assert unit(2) == "g" and tip(2) == "30 g"
    # The editor still reads the unit's key.
    assert model.index_of_position(0, UNIT).data(Qt.ItemDataRole.EditRole) == "portions"
    assert window.editor.kcal.text().startswith("3 items · ")
    model.set_menu(Menu("One", [MenuItem("banana", "breakfast", portions=1.0)]))
    assert window.editor.kcal.text().startswith("1 item · ")


def test_counts_and_portion_names():
    assert count_of(1, "item") == "1 item" and count_of(2, "item") == "2 items"
    assert count_of(1500, "food") == "1,500 foods" and count_of(0, "day") == "0 days"
    assert portion_name('1 medium (7" to 7-7/8" long)') == "1 medium"
    assert portion_name("1 cup") == "1 cup"


def test_a_drink_can_be_counted_in_ml_and_is_saved_with_its_grams(window, tmp_path):
    model, editor = window.menu_model, window.editor
    model.set_menu(Menu("Drinks", [MenuItem("milk", "breakfast", portions=1.0)]))
    unit = model.index_of_position(0, UNIT)
    units = [key for _, key in model.unit_choices(model.menu.items[0])]
    assert units == ["g", "portions", "measure:ml"]
    assert model.setData(unit, "measure:ml")
    item = model.menu.items[0]
    # 1 cup of milk = 244 g (SR28) = 236.6 ml: the same milk, counted in ml.
    assert item.grams == pytest.approx(244.0) and item.amount == pytest.approx(236.59, abs=0.01)
    assert unit.data() == "ml"
    assert model.setData(model.index_of_position(0, AMOUNT), "250")
    assert model.menu.items[0].grams == pytest.approx(250 * 244 / 236.5882365)
    editor.undo_stack.undo()
    assert model.menu.items[0].amount == pytest.approx(236.59, abs=0.01)
    # Exported and read back, with the grams a reader without measures reads.
    path = tmp_path / "drinks.menu.json"
    window.export_menu(str(path))
    data = json.loads(path.read_text())
    entry = data["items"][0]
    assert entry["grams"] == pytest.approx(244.0)
    assert entry["measure"]["name"] == "ml"
    assert read_menu(path).items[0] == model.menu.items[0]
    # Bananas are no drink.
    assert "measure:ml" not in {k for _, k in model.unit_choices(MenuItem("banana"))}


def test_imported_household_measures_are_units(window, qtbot, tmp_path):
    from tests.ui.foods.test_food_library_ui import run_import

    run_import(window, qtbot, write_sr28(tmp_path / "sr28"))
    model = window.menu_model
    model.set_menu(Menu("Cup", [MenuItem("banana", "breakfast", portions=1.0)]))
    labels = dict((k, label) for label, k in model.unit_choices(model.menu.items[0]))
    assert labels["measure:1 cup, mashed"] == "1 cup, mashed (225 g)"
    assert model.setData(model.index_of_position(0, UNIT), "measure:1 cup, mashed")
    item = model.menu.items[0]
    assert item.grams == 118.0 and item.amount == pytest.approx(118 / 225)
    assert model.index_of_position(0, UNIT).data() == "× 1 cup, mashed"
    tip = model.index_of_position(0, UNIT).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "0.524 × 1 cup, mashed: 225 g each (USDA SR28)"
    assert window.plan_view.menu_model.measures_of("banana") == window.menu_model.measures_of(
        "banana"
    )


def test_drinks_read_in_ml_or_litres_in_the_totals_and_the_chart(window):
    from planner.core.data.nutrients import REPORTED
    from planner.ui.charts.chart_data import chart_data

    model = window.menu_model
    milk = "Milk, whole (not vitamin D fortified)"
    model.set_menu(
        Menu(
            "Drinks",
            [
                MenuItem("tap-water", "breakfast", grams=750.0),
                MenuItem("milk", "breakfast", portions=1.0),
                MenuItem("milk", "snack", portions=1.0),
                MenuItem("banana", "snack", portions=1.0),
            ],
        )
    )
    # The water row stays in litres (the water in food and drinks); its tooltip says the
    # drinks in ml or L: tap water 1 serving 8 fl oz = 237 g, milk 1 cup = 244 g (SR28).
    row = [n.key for n in REPORTED].index("water")
    amount = window.totals_model.index(row, 1)
    assert amount.data().endswith(" L")
    tip = amount.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"Drinks: 1.22 L (Water, tap: 749 ml; {milk}: 473 ml).\n")
    assert window.totals_model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == tip
    assert "Banana" not in tip
    calcium = [n.key for n in REPORTED].index("calcium")
    assert window.totals_model.index(calcium, 1).data(Qt.ItemDataRole.ToolTipRole) is None
    # The chart's segments say a drink's amount in ml with its grams, a food's in grams.
    data = chart_data(window.coverage, window.state.foods, model.menu)
    heads = {data.tooltips[(s, 0)].split("\n")[0] for s in range(len(data.foods))}
    assert f"{milk}: 473 ml (488 g)" in heads and "Banana: 118 g" in heads
    # A menu without drinks says none.
    model.set_menu(Menu("Fruit", [MenuItem("banana", "snack", portions=1.0)]))
    assert window.totals_model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) is None
