"""Completing a menu (HiGHS) on foods.csv and on the full USDA table, against bare HiGHS."""

from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import Bounds, milp

from planner.core import completion_problem as cp
from planner.core.catalog import load_catalog
from planner.core.ceilings import ceilings
from planner.core.coverage import compute_coverage
from planner.core.exclusions import allowed_food_ids
from planner.core.foods import FoodTable, load_foods
from planner.core.intakes import ReferenceIntakes
from planner.core.library import LIBRARY_FILE, Library
from planner.core.menu import Menu, MenuItem
from planner.core.optimizer import MARGINS, CompletionOptions, complete_menu
from planner.core.profile import Profile
from planner.core.suggestions import current_amounts, gaps
from planner.core.usda_import import import_usda
from planner.paths import FOODS_CSV, REFERENCE_INTAKES_CSV, SR28_ZIP
from tests.benchmarks.timing import best_time, report

# A bare solve of the whole USDA-sized problem may run for minutes; it is cut here.
FULL_SIZE_LIMIT = 30.0


def _cases() -> list[tuple[str, Menu, CompletionOptions]]:
    breakfast = Menu(
        "Breakfast",
        [
            MenuItem("rolled-oats", "breakfast", portions=1),
            MenuItem("banana", "breakfast", grams=118),
            MenuItem("milk", "breakfast", portions=1),
        ],
    )
    day = Menu(
        "Day",
        [
            *breakfast.items,
            MenuItem("whole-wheat-bread", "lunch", portions=2),
            MenuItem("cheddar", "lunch", portions=1),
            MenuItem("chicken-breast", "dinner", portions=1),
            MenuItem("brown-rice", "dinner", portions=1),
            MenuItem("tomatoes", "dinner", portions=1),
        ],
    )
    return [
        ("empty menu", Menu("Empty"), CompletionOptions()),
        ("breakfast", breakfast, CompletionOptions()),
        ("breakfast + vitamin D", breakfast, CompletionOptions(include_vitamin_d=True)),
        ("a day's menu", day, CompletionOptions()),
    ]


def _problem(menu: Menu, foods: FoodTable, targets, options: CompletionOptions):
    before = compute_coverage(menu, foods, targets)
    return cp.build_problem(
        foods,
        foods.ids,
        menu.food_ids(),
        gaps(before, targets, options.aimed_keys()),
        current_amounts(before),
        targets,
        ceilings(targets),
        options.max_portions_per_food,
        options.max_new_foods,
        options.objective,
        options.max_kcal,
    )


def _bare(problem: cp.CompletionProblem, time_limit: float = 60.0):
    """A function running only ``milp`` on the problem's rows (built once, beforehand)."""
    constraints, m, _ = cp._constraints(problem, slack=False, margin=MARGINS[0])
    n = len(problem.ids)
    c = np.concatenate([problem.cost, np.zeros(m)])
    bounds = Bounds(np.zeros(n + m), np.concatenate([np.full(n, problem.max_half), np.ones(m)]))
    options = {"time_limit": time_limit, "presolve": False}
    return lambda: milp(
        c, integrality=np.ones(n + m), bounds=bounds, constraints=constraints, options=options
    )


def _shuffled(problem: cp.CompletionProblem, seed: int = 7) -> cp.CompletionProblem:
    """A random problem of the same size: each row's (and the cost's) coefficients
    shuffled among the candidates, so the values are alike but the structure random."""
    rng = np.random.default_rng(seed)
    return replace(
        problem,
        cost=rng.permutation(problem.cost),
        gap_rows=np.array([rng.permutation(r) for r in problem.gap_rows]),
        cap_rows=np.array([rng.permutation(r) for r in problem.cap_rows]).reshape(
            problem.cap_rows.shape
        ),
    )


def test_default_table():
    foods = load_foods(FOODS_CSV)
    targets = ReferenceIntakes.load(REFERENCE_INTAKES_CSV).targets(Profile())
    allowed = allowed_food_ids(foods)
    ours_total = bare_total = same_total = 0.0
    for name, menu, options in _cases():
        problem = _problem(menu, foods, targets, options)
        ours = best_time(lambda m=menu, o=options: complete_menu(m, foods, targets, allowed, o), 5)
        same = best_time(_bare(problem), repeat=5)
        bare = best_time(_bare(_shuffled(problem)), repeat=5)
        ours_total, same_total, bare_total = ours_total + ours, same_total + same, bare_total + bare
        size = f"{len(problem.ids)} foods, {problem.is_new.sum()} new"
        report(f"complete_menu, {name} ({size})", ours, bare, "<= 100 ms")
        report("  bare milp of the very problem solved", same, bare)
    report("all cases, vs random problems of the same size", ours_total, bare_total)
    report("all cases, vs bare milp of the same problems", ours_total, same_total)


@cache
def _full_catalog() -> FoodTable:
    """foods.csv and the whole SR28 import (a temporary library, made once per run)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-optimizer-"))
    library = Library(folder / LIBRARY_FILE)
    try:
        import_usda(SR28_ZIP, library)
    finally:
        library.close()
    return load_catalog(folder, FOODS_CSV)


def test_full_usda_table():
    if not SR28_ZIP.exists():
        pytest.skip(f"the shared SR28 zip is not at {SR28_ZIP}")
    foods = _full_catalog()
    targets = ReferenceIntakes.load(REFERENCE_INTAKES_CSV).targets(Profile())
    allowed = allowed_food_ids(foods)
    for name, menu, options in _cases()[1:3]:
        problem = _problem(menu, foods, targets, options)
        ours = best_time(lambda m=menu, o=options: complete_menu(m, foods, targets, allowed, o), 3)
        done = complete_menu(menu, foods, targets, allowed, options)
        keep, _ = cp.shortlist(problem)
        same = best_time(_bare(problem.restricted(keep)), repeat=3)
        start = time.perf_counter()
        result = _bare(_shuffled(problem), FULL_SIZE_LIMIT)()
        bare = time.perf_counter() - start
        cut = " (cut at the time limit)" if result.status == 1 else ""
        print(
            f"{name}: {len(foods):,} foods, {len(problem.ids):,} candidates, "
            f"{done.status}, {done.added_kcal:.0f} kcal added"
        )
        report(f"  complete_menu, full table{cut}", ours, bare, "<= 2 s")
        report("  bare milp of the shortlisted problem it solves", same, bare)


if __name__ == "__main__":
    test_default_table()
    test_full_usda_table()
