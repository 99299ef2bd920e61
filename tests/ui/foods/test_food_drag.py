"""Dragging foods from the food list: the ids travel once each, in the order dragged."""

from __future__ import annotations

from PySide6.QtCore import QMimeData

from planner.ui.foods.food_mime import food_ids_from_mime


def test_a_drag_carries_each_food_once_also_as_text(window):
    model = window.browser.model
    kiwi, banana = model.row_of("kiwi"), model.row_of("banana")
    # A row's cells are all selected when a row is dragged: the food goes once.
    indexes = [model.index(kiwi, 0), model.index(kiwi, 3), model.index(banana, 0)]
    mime = model.mimeData(indexes)
    assert food_ids_from_mime(mime) == ["kiwi", "banana"]
    assert mime.text() == "kiwi\nbanana"


def test_a_drag_of_something_else_carries_no_foods():
    other = QMimeData()
    other.setText("kiwi")
    assert food_ids_from_mime(other) == []
