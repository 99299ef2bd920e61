"""How well a menu covers a profile's targets: totals, percent, limits, unknowns, contributors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from planner.core.data.ceilings import ceilings
from planner.core.data.foods import FoodTable
from planner.core.data.intakes import Target
from planner.core.data.nutrients import GUARD_KEYS, KEYS
from planner.core.data.ranking import REPORT_FACTORS
from planner.core.menus.menu import Menu

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class NutrientCoverage:
    """One nutrient's line of a coverage report."""

    key: str
    amount: float | None  # sum of known values; None when no item's value is known
    target: Target | None
    unknown_foods: tuple[str, ...]  # foods in the menu whose value is unknown
    # The most food may hold (ceilings.py): the one bound the totals, the chart and the
    # completion all judge by, so that they never disagree (EFSA's sodium, say).
    ceiling: float | None = None

    @property
    def percent(self) -> float | None:
        if self.target is None or self.amount is None or not self.target.value:
            return None  # no target, a limit without one (a guard's), or a target of 0
        return 100.0 * self.amount / self.target.value

    @property
    def complete(self) -> bool:
        """True when every food's value is known, so the amount is exact, not a lower bound."""
        return not self.unknown_foods

    @property
    def above_upper_limit(self) -> bool:
        """Food intake above the ceiling food must stay under (ceilings.py: an upper limit
        of scope ``all``, or for sodium without one, its safe and adequate intake)."""
        return self.ceiling is not None and self.amount is not None and self.amount > self.ceiling


@dataclass(frozen=True)
class Coverage:
    """A coverage report: per-nutrient lines and per-food contributions."""

    lines: dict[str, NutrientCoverage]
    # The menu's foods in first-seen order (summed over items) ...
    food_ids: tuple[str, ...]
    # ... and what each gives: rows as ``food_ids``, columns the registry's nutrients
    # (``KEYS``), report units, NaN where the food's value is unknown.
    amounts: np.ndarray
    # The grams of each food on the menu, rows as ``food_ids`` (NaN: a food the table
    # does not hold); empty for a report made without them.
    grams: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __getitem__(self, key: str) -> NutrientCoverage:
        return self.lines[key]

    @property
    def guards(self) -> tuple[NutrientCoverage, ...]:
        """The guard nutrients' lines (retinol, selenium, ...): watched for their limits."""
        return tuple(self.lines[k] for k in GUARD_KEYS if k in self.lines)

    @property
    def crossed_guards(self) -> tuple[NutrientCoverage, ...]:
        """Guards whose upper limit the menu's food crosses (a lower bound already over)."""
        return tuple(line for line in self.guards if line.above_upper_limit)

    @property
    def by_food(self) -> pd.DataFrame:
        """``amounts`` as a frame indexed by food id (the window paints without pandas)."""
        import pandas as pd

        return pd.DataFrame(self.amounts, index=pd.Index(self.food_ids, name="food"), columns=KEYS)

    def contributors(self, key: str, top: int | None = None) -> list[tuple[str, float]]:
        """Foods giving the most of ``key``, biggest first, unknown and zero left out."""
        column = self.amounts[:, KEYS.index(key)]
        given = np.flatnonzero(column > 0)  # NaN compares False: unknown is left out
        order = given[np.argsort(-column[given], kind="stable")][:top]
        return [(self.food_ids[i], float(column[i])) for i in order]


def contributions(menu: Menu, foods: FoodTable, grams: np.ndarray | None = None) -> np.ndarray:
    """Per-item nutrient amounts in report units (rows in item order, columns ``KEYS``);
    ``grams``: the items' (``menu.grams``), when they are known already."""
    values = foods.rows(menu.food_ids())  # NaN for a food the table does not hold
    grams = menu.grams(foods) if grams is None else grams
    return values * (grams / 100.0)[:, None] * REPORT_FACTORS[None, :]


def sum_by_food(food_ids: list[str], per_item: np.ndarray) -> tuple[tuple[str, ...], np.ndarray]:
    """Per-item rows summed per food, in first-seen order; all-unknown stays NaN, not 0."""
    first: dict[str, int] = {}
    codes = np.array([first.setdefault(f, len(first)) for f in food_ids], dtype=np.intp)
    sums = np.zeros((len(first), per_item.shape[1]))
    known = np.zeros((len(first), per_item.shape[1]))
    np.add.at(sums, codes, np.nan_to_num(per_item))
    np.add.at(known, codes, ~np.isnan(per_item))
    return tuple(first), np.where(known > 0, sums, np.nan)


def compute_coverage(menu: Menu, foods: FoodTable, targets: dict[str, Target]) -> Coverage:
    """The coverage of ``menu`` for ``targets``; unknown values are never counted as 0.

    On numpy arrays, not pandas: this runs after every edit, and for the first paint.
    """
    limits = ceilings(targets)
    grams = np.asarray(menu.grams(foods), dtype=float)
    food_ids, values = sum_by_food(menu.food_ids(), contributions(menu, foods, grams))
    _, grams_by_food = sum_by_food(menu.food_ids(), grams[:, None])
    known = ~np.isnan(values)
    ids = np.array(food_ids, dtype=object)
    lines = {}
    for column, key in enumerate(KEYS):
        known_here = known[:, column]
        if len(food_ids) == 0:
            amount: float | None = 0.0
        elif not known_here.any():
            amount = None
        else:
            amount = float(values[known_here, column].sum())
        unknown = tuple(ids[~known_here])
        lines[key] = NutrientCoverage(key, amount, targets.get(key), unknown, limits.get(key))
    return Coverage(lines, food_ids, values, grams_by_food[:, 0])
