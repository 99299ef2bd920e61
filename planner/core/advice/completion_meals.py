"""Where a completion's foods go: a meal each belongs to, or the row already holding it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.core.advice.completion_options import AUTO_MEAL
from planner.core.advice.servings import KINDS, Servings
from planner.core.data.foods import FoodTable
from planner.core.menus.menu import Menu, MenuItem


@dataclass(frozen=True)
class Addition:
    """One food a completion adds: ``grams`` more of it, in ``meal``.

    ``position`` is the menu row raised by it (the food was on the menu already), or
    None for a new row; ``item`` is that row as it becomes, or the new row.
    """

    food: str
    grams: float
    meal: str
    item: MenuItem
    position: int | None = None

    @property
    def raises(self) -> bool:
        return self.position is not None


def place(
    menu: Menu,
    foods: FoodTable,
    servings: Servings,
    picks: Sequence[tuple[str, int, float]],
    meal: str = AUTO_MEAL,
) -> list[Addition]:
    """The additions for ``picks`` (food, half-servings, grams), in pick order.

    A food already on the menu raises its first row, in that row's unit. A new food goes
    to ``meal``, or with AUTO_MEAL to the meal of its kind (servings.py) that holds the
    fewest items so far (ties: the kind's first choice), so that additions spread over
    the day as a person would eat them. A new row counts in the food's own portion when
    its serving is that portion ("1 medium"), otherwise in grams.
    """
    first_row = {}
    for position, item in enumerate(menu.items):
        first_row.setdefault(item.food, position)
    counts = Counter(item.meal for item in menu.items)
    additions = []
    for food, steps, grams in picks:
        row = servings.position(food)
        if food in first_row:
            position = first_row[food]
            grown = raised(menu.items[position], grams, foods)
            if grown is not None:
                additions.append(Addition(food, grams, grown.meal, grown, position))
                continue
        if meal == AUTO_MEAL:
            kind_meals = KINDS[servings.kinds[row]].meals
            chosen = min(kind_meals, key=lambda m: (counts[m], kind_meals.index(m)))
        else:
            chosen = meal
        counts[chosen] += 1
        if servings.names[row]:
            item = MenuItem(food, chosen, portions=steps / 2)
        else:
            item = MenuItem(food, chosen, grams=grams)
        additions.append(Addition(food, grams, chosen, item))
    return additions


def raised(item: MenuItem, grams: float, foods: FoodTable) -> MenuItem | None:
    """``item`` holding ``grams`` more, in its own unit; None for a row counted in
    portions of a food whose portion weight is unknown (a new row in grams is clearer)."""
    if item.portions is None:
        return replace(item, grams=(item.grams or 0.0) + grams)
    portion = foods.portion_g(item.food) if item.food in foods else float("nan")
    if not portion > 0:
        return None
    return replace(item, portions=item.portions + grams / portion)


def completed_menu(menu: Menu, additions: Sequence[Addition]) -> Menu:
    """``menu`` with its raised rows changed in place and the new rows after them."""
    items = list(menu.items)
    for addition in additions:
        if addition.position is not None:
            items[addition.position] = addition.item
    items += [a.item for a in additions if a.position is None]
    return Menu(menu.name, items)
