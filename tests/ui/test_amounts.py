"""Amounts people think in: a menu row says what its portion is; counts agree."""

from __future__ import annotations

from PySide6.QtCore import Qt

from planner.core.formatting import count_of
from planner.core.menu import Menu, MenuItem
from planner.ui.menu_model import UNIT, portion_name


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

    assert unit(0) == "portion: 1 medium, 118 g"  # 1 medium (7" to 7-7/8" long) in SR28
    assert unit(1) == "portions: 1 cup, 244 g each"
    assert unit(2) == "g"
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
