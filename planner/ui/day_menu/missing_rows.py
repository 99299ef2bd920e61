"""Rows of menu items whose food the library no longer has (a custom or imported food
deleted, a library restored from a backup).

They are kept until the user removes them (issue 20, item 9): shown as ``Missing food:
<id>`` in the warning colour, in italics, with a tooltip saying what happened and how to
remove them; their amounts stay as saved, their nutrients count as unknown, and they
cannot be edited (there is no food to count them against). The day menu's and the week
plan's day editor use the same model (menu_model.py), so both show them alike.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from planner.core.data.foods import FoodTable
from planner.core.menus.menu import Menu, MenuItem
from planner.ui.widgets.text_colours import text_colours

# The roles a missing row answers differently from any other row.
MISSING_ROLES = frozenset(
    {
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)


def missing_tooltip(item: MenuItem) -> str:
    """What happened to the food, what it means for the totals, and how to remove it."""
    return (
        f"“{item.food}” is no longer in your food library (a custom or imported food "
        "deleted, or a library restored from a backup). The item is kept as it was saved; "
        "its nutrients are unknown, so the totals are at least what they show.\n"
        "Remove it with Delete (Ctrl+Z brings it back) or, for every such item, "
        "File > Remove missing foods."
    )


def missing_row_data(item: MenuItem, role: int) -> object:
    """A missing row's answer for one of ``MISSING_ROLES`` (any column)."""
    if role == Qt.ItemDataRole.ForegroundRole:
        return QColor(text_colours().warning)
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setItalic(True)
        return font
    return missing_tooltip(item)


def missing_positions(menu: Menu, foods: FoodTable) -> list[int]:
    """Positions in ``menu.items`` of the items whose food ``foods`` does not hold."""
    return [p for p, item in enumerate(menu.items) if item.food not in foods]


def missing_message(menu: Menu, positions: list[int]) -> str:
    """The status bar's line when a menu with items of missing foods is opened."""
    gone = ", ".join(sorted({menu.items[p].food for p in positions}))
    return (
        f"{len(positions)} item(s) of foods this library no longer has ({gone}) are shown "
        "as “Missing food” and counted as unknown: remove them with Delete or File > "
        "Remove missing foods"
    )
