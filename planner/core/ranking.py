"""Foods ranked by a nutrient per 100 g, per portion or per 100 kcal."""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.foods import FoodTable
from planner.core.nutrients import BY_KEY

PER_CHOICES: dict[str, str] = {
    "100g": "per 100 g",
    "portion": "per portion",
    "100kcal": "per 100 kcal",
}


def amounts_per(foods: FoodTable, key: str, per: str) -> pd.Series:
    """``key`` per 100 g, per portion or per 100 kcal for every food, in report units.

    Unknown stays NaN; per 100 kcal is NaN for foods with no energy (water, salt), since
    "per 100 kcal" means nothing there.
    """
    values = foods.values[key] * BY_KEY[key].food_to_report
    if per == "100g":
        return values
    if per == "portion":
        return values * foods.info["portion_g"] / 100.0
    if per == "100kcal":
        energy = foods.values["energy"].where(foods.values["energy"] > 0)
        return values / energy * 100.0
    raise ValueError(f"unknown basis {per!r}; use one of {', '.join(PER_CHOICES)}")


def rank(foods: FoodTable, key: str, per: str, ids: pd.Index | None = None) -> pd.Series:
    """The amounts of ``key`` for ``ids`` (default all), richest first, unknown last."""
    amounts = amounts_per(foods, key, per)
    if ids is not None:
        amounts = amounts.loc[ids]
    order = np.lexsort((np.arange(len(amounts)), -amounts.fillna(-np.inf).to_numpy()))
    return amounts.iloc[order]
