"""Foods ranked by a nutrient per 100 g, per portion or per 100 kcal."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from planner.core.data.foods import FoodTable
from planner.core.data.nutrients import KEYS, NUTRIENTS

if TYPE_CHECKING:
    import pandas as pd

PER_CHOICES: dict[str, str] = {
    "100g": "per 100 g",
    "portion": "per portion",
    "100kcal": "per 100 kcal",
}


# Converts food-table amounts (per nutrient's food unit) into report units (water g -> L),
# in the registry's order.
REPORT_FACTORS = np.array([n.food_to_report for n in NUTRIENTS])
ENERGY = KEYS.index("energy")


def amounts_matrix(foods: FoodTable, per: str) -> np.ndarray:
    """Every nutrient of every food per 100 g, per portion or per 100 kcal, in report units.

    Rows follow ``foods.ids``, columns the registry's order. Unknown stays NaN; per 100 kcal
    is NaN for foods with no energy (water, salt), since "per 100 kcal" means nothing there.
    """
    values = foods.matrix * REPORT_FACTORS
    if per == "100g":
        return values
    if per == "portion":
        return values * foods.numbers("portion_g")[:, None] / 100.0
    if per == "100kcal":
        energy = foods.matrix[:, ENERGY]
        with np.errstate(invalid="ignore", divide="ignore"):
            return values / np.where(energy > 0, energy, np.nan)[:, None] * 100.0
    raise ValueError(f"unknown basis {per!r}; use one of {', '.join(PER_CHOICES)}")


# Why a food has no amounts on a basis although its values per 100 g may be known.
NO_PORTION = "no portion weight is known for this food"
NO_CALORIES = "it has no calories, so per 100 kcal does not apply"
ENERGY_UNKNOWN = "its energy is unknown"
# The reasons under which a known value has no amount on the basis at all (shown "–").
NOT_APPLICABLE = frozenset({NO_PORTION, NO_CALORIES})


def basis_gaps(foods: FoodTable, per: str) -> np.ndarray:
    """Per food (``foods.ids`` order): why ``per`` gives it no amounts, else None."""
    gaps = np.full(len(foods), None, dtype=object)
    if per == "portion":
        grams = foods.numbers("portion_g")
        gaps[~(grams > 0)] = NO_PORTION
    elif per == "100kcal":
        energy = foods.matrix[:, ENERGY]
        gaps[np.isnan(energy)] = ENERGY_UNKNOWN
        gaps[energy == 0] = NO_CALORIES
    return gaps


def amounts_per(foods: FoodTable, key: str, per: str) -> pd.Series:
    """One nutrient's column of :func:`amounts_matrix`, indexed by food id."""
    import pandas as pd

    return pd.Series(amounts_matrix(foods, per)[:, KEYS.index(key)], index=foods.ids, name=key)


def rank(foods: FoodTable, key: str, per: str, ids: pd.Index | None = None) -> pd.Series:
    """The amounts of ``key`` for ``ids`` (default all), richest first, unknown last."""
    amounts = amounts_per(foods, key, per)
    if ids is not None:
        amounts = amounts.loc[ids]
    order = np.lexsort((np.arange(len(amounts)), -amounts.fillna(-np.inf).to_numpy()))
    return amounts.iloc[order]
