"""Coverage of a 50-item menu and ranking every food, against plain numpy doing the same."""

from __future__ import annotations

import numpy as np

from planner.core.data.foods_csv import load_foods
from planner.core.data.intakes import ReferenceIntakes
from planner.core.data.profile import Profile
from planner.core.data.ranking import rank
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import MEALS, Menu, MenuItem
from planner.paths import FOODS_CSV, REFERENCE_INTAKES_CSV
from tests.benchmarks.timing import best_time, report


def _menu(foods, n=50, seed=1) -> Menu:
    rng = np.random.default_rng(seed)
    ids = rng.choice(foods.ids.to_numpy(), size=n)
    return Menu(
        "bench",
        [
            MenuItem(str(f), MEALS[i % 4], grams=float(rng.uniform(10, 300)))
            for i, f in enumerate(ids)
        ],
    )


def test_coverage_of_50_items():
    foods = load_foods(FOODS_CSV)
    targets = ReferenceIntakes.load(REFERENCE_INTAKES_CSV).targets(Profile())
    menu = _menu(foods)
    matrix = foods.values.to_numpy(float)
    rows = foods.ids.get_indexer(menu.food_ids())
    grams = np.array([i.grams for i in menu.items])

    def floor():
        # The same totals and unknown flags, in bare numpy.
        part = matrix[rows] * (grams / 100)[:, None]
        return np.nansum(part, axis=0), np.isnan(part).any(axis=0)

    ours = best_time(lambda: compute_coverage(menu, foods, targets), repeat=20, number=5)
    base = best_time(floor, repeat=20, number=50)
    report("coverage, 50-item menu", ours, base)


def test_rank_all_foods():
    foods = load_foods(FOODS_CSV)
    values = foods.values["magnesium"].to_numpy(float)
    portion = foods.info["portion_g"].to_numpy(float)

    def floor():
        amounts = values * portion / 100
        return np.argsort(-np.nan_to_num(amounts, nan=-np.inf), kind="stable")

    ours = best_time(lambda: rank(foods, "magnesium", "portion"), repeat=20, number=20)
    base = best_time(floor, repeat=20, number=200)
    report("rank all foods by magnesium per portion", ours, base)
