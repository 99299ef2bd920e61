"""How well a menu covers a profile's targets: totals, percent, limits, unknowns, contributors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core.foods import FoodTable
from planner.core.intakes import Target
from planner.core.menu import Menu
from planner.core.nutrients import NUTRIENTS

KEYS = [n.key for n in NUTRIENTS]
# Converts food-table amounts (per nutrient's food unit) into report units (water g -> L).
TO_REPORT = pd.Series({n.key: n.food_to_report for n in NUTRIENTS})


@dataclass(frozen=True)
class NutrientCoverage:
    """One nutrient's line of a coverage report."""

    key: str
    amount: float | None  # sum of known values; None when no item's value is known
    target: Target | None
    unknown_foods: tuple[str, ...]  # foods in the menu whose value is unknown

    @property
    def percent(self) -> float | None:
        if self.target is None or self.amount is None or self.target.value == 0:
            return None
        return 100.0 * self.amount / self.target.value

    @property
    def complete(self) -> bool:
        """True when every food's value is known, so the amount is exact, not a lower bound."""
        return not self.unknown_foods

    @property
    def above_upper_limit(self) -> bool:
        """Food intake above a limit that applies to food (scope ``all``)."""
        t = self.target
        return bool(
            t is not None
            and t.limit_applies_to_food
            and self.amount is not None
            and self.amount > t.upper_limit  # type: ignore[operator]
        )


@dataclass(frozen=True)
class Coverage:
    """A coverage report: per-nutrient lines and per-food contributions."""

    lines: dict[str, NutrientCoverage]
    # Rows: food ids in the menu (summed over items), columns: nutrient keys, report units;
    # NaN where the food's value is unknown.
    by_food: pd.DataFrame

    def __getitem__(self, key: str) -> NutrientCoverage:
        return self.lines[key]

    def contributors(self, key: str, top: int | None = None) -> list[tuple[str, float]]:
        """Foods giving the most of ``key``, biggest first, unknown and zero left out."""
        column = self.by_food[key].dropna()
        column = column[column > 0].sort_values(ascending=False, kind="stable")
        if top is not None:
            column = column.iloc[:top]
        return list(zip(column.index, column.to_numpy(float), strict=True))


def contributions(menu: Menu, foods: FoodTable) -> pd.DataFrame:
    """Per-item nutrient amounts in report units (rows in item order, index = food id)."""
    ids = menu.food_ids()
    grams = menu.grams(foods)
    values = foods.values.reindex(ids).to_numpy(float)
    amounts = values * (grams / 100.0)[:, None] * TO_REPORT.to_numpy(float)[None, :]
    return pd.DataFrame(amounts, index=pd.Index(ids, name="food"), columns=KEYS)


def sum_by_food(per_item: pd.DataFrame) -> pd.DataFrame:
    """Per-item rows summed per food, in first-seen order; all-unknown stays NaN, not 0.

    A factorize and ``np.add.at`` rather than ``groupby``: the same result without loading
    pandas' groupby machinery at start-up.
    """
    codes, uniques = pd.factorize(per_item.index)
    values = per_item.to_numpy(float)
    sums = np.zeros((len(uniques), values.shape[1]))
    known = np.zeros((len(uniques), values.shape[1]))
    np.add.at(sums, codes, np.nan_to_num(values))
    np.add.at(known, codes, ~np.isnan(values))
    return pd.DataFrame(
        np.where(known > 0, sums, np.nan),
        index=pd.Index(uniques, name="food"),
        columns=per_item.columns,
    )


def compute_coverage(menu: Menu, foods: FoodTable, targets: dict[str, Target]) -> Coverage:
    """The coverage of ``menu`` for ``targets``; unknown values are never counted as 0."""
    per_item = contributions(menu, foods)
    by_food = sum_by_food(per_item)
    # On the arrays, not per-column pandas calls: this runs after every edit.
    values = by_food.to_numpy(float)
    known = ~np.isnan(values)
    food_ids = by_food.index.to_numpy(object)
    lines = {}
    for column, key in enumerate(KEYS):
        known_here = known[:, column]
        if len(food_ids) == 0:
            amount: float | None = 0.0
        elif not known_here.any():
            amount = None
        else:
            amount = float(values[known_here, column].sum())
        unknown = tuple(food_ids[~known_here])
        lines[key] = NutrientCoverage(key, amount, targets.get(key), unknown)
    return Coverage(lines, by_food)
