"""How a menu item's amount is counted: grams, portions, a household measure or ml.

The menu model's Unit column and its editor read these (no Qt): the choices an item
offers, its short text and tooltip, and the same quantity in another unit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace

from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
from planner.core.data.household import ML, item_measures
from planner.core.menus.menu import MenuItem

MEASURE_PREFIX = "measure:"  # a household measure's unit key in the unit editor
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
# The SR28 household measures of a food (name, grams of one).
Measures = Callable[[str], list[tuple[str, float]]]


def portion_name(name: str) -> str:
    """A household measure's name without SR28's details in parentheses: ``1 medium``
    for ``1 medium (7" to 7-7/8" long)``; the tooltip keeps them whole."""
    return _PARENTHESES.sub("", name).strip(" ,")


def measures(foods: FoodTable, measures_of: Measures, food: str) -> list[tuple[str, float]]:
    """The food's household measures (its SR28 ones, and ml for a drink)."""
    if food not in foods:
        return []
    return item_measures(foods, food, measures_of(food))


def unit_choices(foods: FoodTable, measures_of: Measures, item: MenuItem) -> list[tuple[str, str]]:
    """(label, unit) the item's amount can be counted in: grams, portions (when the
    food has a portion weight), each household measure, and ml for a drink."""
    choices = [("g", "g")]
    if item.food in foods and foods.portion_g(item.food) > 0:
        name = portion_name(str(foods.cell(item.food, "portion_name") or ""))
        choices.append((f"portions ({name})" if name else "portions", "portions"))
    for name, grams in measures(foods, measures_of, item.food):
        label = "ml" if name == ML else f"{name} ({fmt_amount(grams)} g)"
        choices.append((label, f"{MEASURE_PREFIX}{name}"))
    return choices


def unit_key(item: MenuItem) -> str:
    """The item's unit as ``unit_choices`` names it."""
    return f"{MEASURE_PREFIX}{item.measure}" if item.measure else item.unit


def _portion_name(foods: FoodTable, item: MenuItem) -> str:
    if item.food not in foods:
        return ""
    return str(foods.cell(item.food, "portion_name") or "")


def unit_text(foods: FoodTable, item: MenuItem) -> str:
    """What the amount counts, short enough for its column: ``g``, ``ml``, ``× 1 cup,
    mashed`` (a household measure), ``× 1 medium`` (the food's portion); the grams are
    in the next column, the whole story in ``unit_tooltip``."""
    if item.unit == "g":
        return "g"
    if item.measure:
        return ML if item.measure == ML else f"× {item.measure}"
    name = _portion_name(foods, item)
    if name:
        return f"× {portion_name(name)}"
    return "portion" if item.amount == 1 else "portions"


def unit_tooltip(foods: FoodTable, item: MenuItem) -> str:
    """``1 portion = 1 medium (7" to 7-7/8" long), 118 g``; ``2 × 1 cup: 244 g each``."""
    count = fmt_amount(item.amount)
    if item.unit == "g":
        return f"{count} g"
    if item.measure:
        if item.measure == ML:
            return f"{count} ml ({fmt_amount(item.grams)} g)"
        return f"{count} × {item.measure}: {fmt_amount(item.measure_g)} g each (USDA SR28)"
    portion_g = foods.portion_g(item.food) if item.food in foods else math.nan
    noun = "1 portion" if item.amount == 1 else f"{count} portions"
    if math.isnan(portion_g):
        return f"{noun} (this food has no portion weight)"
    name = _portion_name(foods, item)
    each = "" if item.amount == 1 else " each"
    return f"{noun} = {name + ', ' if name else ''}{fmt_amount(portion_g)} g{each}"


def convert_unit(foods: FoodTable, measures_of: Measures, item: MenuItem, unit: str) -> MenuItem:
    """The same quantity expressed in ``unit`` (grams, portions or a measure)."""
    grams = item.grams_of(foods)
    if unit == "g":
        return item.with_amount(round(grams, 1), "g")
    if unit.startswith(MEASURE_PREFIX):
        name = unit[len(MEASURE_PREFIX) :]
        each = dict(measures(foods, measures_of, item.food))[name]
        # The grams stay as they are: a unit is only how they are counted.
        return replace(item.with_amount(grams, "g"), measure=name, measure_g=each)
    portion = foods.portion_g(item.food)
    return item.with_amount(round(grams / portion, 2), "portions")
