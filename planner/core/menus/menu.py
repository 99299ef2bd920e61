"""A day's menu: food items in grams or portions, each in a meal."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from planner.core.data.foods import FoodTable

MEALS: tuple[str, ...] = ("breakfast", "lunch", "dinner", "snack")
MEAL_LABELS: dict[str, str] = {m: m.capitalize() for m in MEALS}
# A sane ceiling for one item: more than 5 kg of a food in a day is a typo, not a plan.
MAX_GRAMS = 5000.0
MAX_PORTIONS = 50.0
# A day's menu: far more items than anyone eats in a day, few enough that every edit is
# saved and shown at once (10,000 items took 21 s an edit).
MAX_ITEMS = 200
MAX_MENU_NAME = 200


@dataclass(frozen=True)
class MenuItem:
    """A food in a meal, measured in exactly one of grams or portions.

    An item in grams may be shown in a household measure (``measure``: ``1 cup``, ``ml``)
    whose one weighs ``measure_g`` grams: the grams stay the amount (so a reader that
    knows no measures reads the right amount), the measure is how it is counted.
    """

    food: str
    meal: str = "snack"
    grams: float | None = None
    portions: float | None = None
    measure: str | None = None
    measure_g: float | None = None

    def grams_of(self, foods: FoodTable) -> float:
        """Edible grams this item stands for (NaN if counted in portions of a portionless food)."""
        if self.grams is not None:
            return self.grams
        return float(self.portions or 0.0) * foods.portion_g(self.food)

    def with_amount(self, amount: float, unit: str) -> MenuItem:
        """The same item with a new amount in ``unit`` (``g``, ``portions``, or the
        item's own household measure)."""
        if unit == "g":
            return replace(self, grams=amount, portions=None, measure=None, measure_g=None)
        if unit == "portions":
            return replace(self, grams=None, portions=amount, measure=None, measure_g=None)
        if unit == self.measure and self.measure_g:
            return replace(self, grams=amount * self.measure_g, portions=None)
        raise ValueError(f"unknown unit {unit!r}")

    def in_measure(self, name: str, grams_each: float, count: float) -> MenuItem:
        """The item as ``count`` of household measure ``name`` of ``grams_each`` grams."""
        return replace(
            self, grams=count * grams_each, portions=None, measure=name, measure_g=grams_each
        )

    @property
    def amount(self) -> float:
        if self.grams is not None and self.measure and self.measure_g:
            return self.grams / self.measure_g
        return self.grams if self.grams is not None else float(self.portions or 0.0)

    @property
    def unit(self) -> str:
        if self.grams is not None and self.measure and self.measure_g:
            return self.measure
        return "g" if self.grams is not None else "portions"


def amount_problem(amount: object, unit: str) -> str | None:
    """Why ``amount`` cannot be an item amount in ``unit``, or None when it can."""
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        return f"{amount!r} is not a number"
    if isinstance(amount, int) and abs(amount) > 10**15:  # float() of a huge int overflows
        return "the amount is far too large"
    if not math.isfinite(amount):
        return f"{amount!r} is not a finite number"
    if amount < 0:
        return f"negative amount {amount:g}"
    ceiling = MAX_GRAMS if unit in ("g", "ml") else MAX_PORTIONS
    if amount > ceiling:
        return f"{amount:g} {unit} is more than the {ceiling:g} {unit} one item may hold"
    return None


@dataclass
class Menu:
    """A named list of items; the order is the order the user arranged them in."""

    name: str = "Untitled menu"
    items: list[MenuItem] = field(default_factory=list)

    def copy(self) -> Menu:
        return Menu(self.name, list(self.items))

    def grams(self, foods: FoodTable) -> np.ndarray:
        """Edible grams of each item, in item order."""
        grams = np.array([i.grams if i.grams is not None else np.nan for i in self.items], float)
        portions = np.array([i.portions if i.portions is not None else np.nan for i in self.items])
        if len(self.items) == 0:
            return grams
        ids = [i.food for i in self.items]
        portion_g = foods.numbers_of("portion_g", ids)
        return np.where(np.isnan(grams), portions * portion_g, grams)

    def grams_by_food(self, foods: FoodTable) -> dict[str, float]:
        """Edible grams of each food on the menu, summed over its items; an item whose
        grams are unknown (portions of a portionless food) counts 0."""
        held: dict[str, float] = {}
        for item, grams in zip(self.items, self.grams(foods), strict=True):
            held[item.food] = held.get(item.food, 0.0) + (0.0 if math.isnan(grams) else grams)
        return held

    def food_ids(self) -> list[str]:
        return [i.food for i in self.items]
