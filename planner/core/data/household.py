"""Household measures a menu item can be counted in: the food's portion, its SR28
measures (once imported), and millilitres for drinks, whose volume a measure gives."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
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
    """A food counted in ml as well: the drinks aisle (SR28's Beverages, water among
    them), milks and juices; never a powder or dry mix (its values are the powder's).

    A milk or juice by the first part of its name, which says what the food is ("Milk,
    whole", "Soymilk", "Orange juice", "Vegetable juice cocktail"); the later parts only
    describe it ("Yogurt, plain, whole milk", "Pineapple, canned, juice pack", "Candies,
    milk chocolate" are no drinks)."""
    try:
        if "dry-mix" in (foods.cell(food_id, "tags") or ()):
            return False
    except KeyError:  # a table without tags
        pass
    if foods.cell(food_id, "category") == "drinks":
        return True
    head = words(foods.name(food_id).split(",")[0])
    return bool(head) and (head[-1].endswith("milk") or "juice" in head)


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


def ml_per_gram(foods: FoodTable, food_id: str, extra: Sequence[tuple[str, float]] = ()) -> float:
    """Millilitres in a gram of a drink, from a measure with a volume (1 cup of milk, 244 g
    in SR28, is 236.6 ml); NaN for a food that is no drink or whose measures give none."""
    try:
        measures = item_measures(foods, food_id, extra)
    except KeyError:  # a table without portions or categories
        return math.nan
    return next((1.0 / g for name, g in measures if name == ML), math.nan)


def volume_text(ml: float) -> str:
    """``237 ml``, ``1.25 L``: a drink's amount as it is drunk, in ml up to a litre."""
    return f"{fmt_amount(ml)} ml" if ml < 1000 else f"{fmt_amount(ml / 1000)} L"


def amount_text(foods: FoodTable, food_id: str, grams: float) -> str:
    """An amount of one food as a person thinks of it: ``118 g``; a drink in ml or L with
    its grams beside (``237 ml (244 g)``) when a measure gives its volume."""
    weight = f"{fmt_amount(grams)} g"
    per_g = ml_per_gram(foods, food_id) if food_id in foods else math.nan
    if math.isnan(per_g) or math.isnan(grams):
        return weight
    return f"{volume_text(grams * per_g)} ({weight})"
