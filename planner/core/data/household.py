"""Household measures a menu item can be counted in: the food's portion, its SR28
measures (once imported), and millilitres for drinks, whose volume a measure gives."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from planner.core.data.foods import FoodTable
from planner.core.data.search import words

# US customary volumes in millilitres (exact by definition: 1 US cup = 8 US fl oz,
# 1 US fl oz = 29.5735295625 ml), as SR28's measures are.
VOLUME_ML: dict[str, float] = {
    "cup": 236.5882365,
    "fl oz": 29.5735295625,
    "tbsp": 14.78676478125,
    "tsp": 4.92892159375,
    "ml": 1.0,
    "liter": 1000.0,
    "l": 1000.0,
}
_VOLUME = re.compile(
    r"(?P<count>\d+(?:\.\d+)?)\s*(?:serving\s+)?(?P<unit>fl oz|cups?|tbsp|tsp|ml|liters?|l)\b"
)
ML = "ml"


def volume_ml(measure: str) -> float:
    """The millilitres a measure's name says (``1 cup``, ``1 serving 8 fl oz``), or NaN."""
    found = _VOLUME.search(measure.casefold())
    if found is None:
        return math.nan
    unit = found["unit"].rstrip("s") if found["unit"] != "fl oz" else "fl oz"
    return float(found["count"]) * VOLUME_ML["liter" if unit == "liter" else unit]


def is_drink(foods: FoodTable, food_id: str) -> bool:
    """A food counted in ml as well: the drinks aisle, milks and juices."""
    if foods.cell(food_id, "category") == "drinks":
        return True
    return any(w.endswith("milk") or w == "juice" for w in words(foods.name(food_id)))


def item_measures(
    foods: FoodTable, food_id: str, extra: Sequence[tuple[str, float]] = ()
) -> list[tuple[str, float]]:
    """(name, grams of one) of every household measure the food can be counted in: its
    SR28 measures (``extra``; the portion is ``portions``, not listed here), and ``ml``
    for a drink whose volume one of its measures gives (grams of 1 ml from that measure).
    """
    measures = [(n, g) for n, g in extra if n and g and g > 0]
    if food_id in foods and is_drink(foods, food_id):
        portion = (str(foods.cell(food_id, "portion_name") or ""), foods.portion_g(food_id))
        for name, grams in [portion, *measures]:
            ml = volume_ml(name)
            if ml > 0 and grams > 0:
                measures.append((ML, grams / ml))
                break
    return list(dict.fromkeys(measures))
