"""Completing a menu on foods.csv and on the full USDA table, against a bare milp solve.

Run on demand: ``python -m tests.benchmarks.bench_optimizer`` (or pytest on this file).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from planner.core.advice import completion_problem as cp
from planner.core.advice import completion_shortlist, completion_solver
from planner.core.advice.completion_options import CompletionOptions
from planner.core.advice.exclusions import Exclusions, allowed_food_ids
from planner.core.advice.optimizer import MARGINS, complete_menu
from planner.core.advice.suggestions import current_amounts, gaps
from planner.core.data.ceilings import ceilings
from planner.core.data.foods import FoodTable
from planner.core.data.foods_csv import load_foods
from planner.core.data.intakes import ReferenceIntakes
from planner.core.data.profile import Profile
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.catalog import load_catalog
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.core.storage.usda_import import import_usda
from planner.paths import FOODS_CSV, REFERENCE_INTAKES_CSV, SR28_ZIP
from tests.benchmarks.timing import best_time, report

# A bare solve of the whole USDA-sized problem may run for minutes; it is cut here.
FULL_SIZE_LIMIT = 30.0
RANDOM_MENUS = 40
TAGS = ("fish", "meat", "contains-dairy", "contains-nuts", "contains-gluten", "offal")


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


def _problem(menu: Menu, foods: FoodTable, targets, options: CompletionOptions, allowed=None):
    before = compute_coverage(menu, foods, targets)
    return cp.build_problem(
        foods,
        foods.ids if allowed is None else allowed,
        menu,
        gaps(before, targets, options.aimed_keys()),
        current_amounts(before),
        targets,
        ceilings(targets),
        options,
    )


def _bare(problem: cp.CompletionProblem, time_limit: float = 60.0):
    """A function running only ``milp`` on the problem's rows (built once, beforehand)."""
    constraints, m, _ = completion_solver._constraints(problem, slack=False, margin=MARGINS[0])
    n = len(problem.ids)
    c = np.concatenate([problem.cost, np.full(m, problem.new_cost)])
    bounds = Bounds(np.zeros(n + m), np.concatenate([problem.max_steps, np.ones(m)]))
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


def _uncapped_fits(problem: cp.CompletionProblem) -> bool:
    """Whether the optimum without the cap on new foods (half-servings only, no used-food
    binaries) happens to respect the cap: then it would be the capped optimum too."""
    rows = [LinearConstraint(problem.gap_rows, problem.need + MARGINS[0], np.inf)]
    if len(problem.room):
        room = np.clip(problem.room - MARGINS[0], 0, None)
        rows.append(LinearConstraint(problem.cap_rows, -np.inf, room))
    n = len(problem.ids)
    result = milp(
        problem.cost,
        integrality=np.ones(n),
        bounds=Bounds(0, problem.max_steps),
        constraints=rows,
        options={"presolve": False},
    )
    if result.x is None:
        return False
    return int(((result.x > 0.5) & problem.is_new).sum()) <= problem.max_new


def test_default_table():
    foods = load_foods(FOODS_CSV)
    targets = ReferenceIntakes.load(REFERENCE_INTAKES_CSV).targets(Profile())
    allowed = allowed_food_ids(foods)
    ours_total = bare_total = same_total = 0.0
    for name, menu, options in _cases():
        problem = _problem(menu, foods, targets, options)
        ours = best_time(lambda m=menu, o=options: complete_menu(m, foods, targets, allowed, o), 5)
        search = best_time(lambda p=problem: completion_solver.solve_exact(p, 60.0, MARGINS[0]), 5)
        same = best_time(_bare(problem), repeat=5)
        bare = best_time(_bare(_shuffled(problem)), repeat=5)
        ours_total, same_total, bare_total = ours_total + ours, same_total + same, bare_total + bare
        size = f"{len(problem.ids)} foods, {problem.is_new.sum()} new"
        fits = "fits" if _uncapped_fits(problem) else "breaks"
        print(f"{name}: the uncapped optimum {fits} the cap on new foods")
        report(f"complete_menu, {name} ({size})", ours, same, "<= 100 ms")
        report("  its search alone (HiGHS with presolve)", search, same)
        report("  bare milp of a random problem of the same size", bare, same)
    report("all cases, vs bare milp of the same problems", ours_total, same_total)
    report("all cases, vs bare milp of random problems of the same size", ours_total, bare_total)


def _random_cases(foods: FoodTable, intakes: ReferenceIntakes, count: int, seed: int = 3):
    """Menus of 0 to 6 foods, profiles, options and exclusions drawn at random."""
    rng = np.random.default_rng(seed)
    ids = list(foods.ids)
    profiles = [Profile(), Profile("male", 30), Profile(pregnant=True, age=28)]
    cases = []
    while len(cases) < count:
        picks = rng.choice(ids, size=rng.integers(0, 7), replace=False)
        menu = Menu("Random", [MenuItem(f, portions=int(rng.integers(1, 7)) / 2) for f in picks])
        profile = profiles[rng.integers(len(profiles))]
        options = CompletionOptions(
            max_portions_per_food=int(rng.integers(1, 5)),
            max_new_foods=int(rng.integers(1, 7)),
            include_vitamin_d=bool(rng.integers(2)),
            objective=("servings", "kcal", "grams")[rng.integers(3)],
        )
        exclusions = Exclusions(tags=frozenset(t for t in TAGS if rng.random() < 0.2))
        allowed = allowed_food_ids(foods, exclusions, profile)
        targets = intakes.targets(profile)
        problem = _problem(menu, foods, targets, options, allowed)
        if (
            len(problem.ids)
            and completion_solver.solve_exact(problem, 60.0, MARGINS[0])[0] is not None
        ):
            cases.append((menu, targets, allowed, options, problem))  # completable menus
    return cases


def test_random_menus():
    foods = load_foods(FOODS_CSV)
    intakes = ReferenceIntakes.load(REFERENCE_INTAKES_CSV)
    ours, same, fits = [], [], 0
    for menu, targets, allowed, options, problem in _random_cases(foods, intakes, RANDOM_MENUS):
        ours.append(
            best_time(
                lambda m=menu, t=targets, a=allowed, o=options: complete_menu(m, foods, t, a, o), 3
            )
        )
        same.append(best_time(_bare(problem), repeat=3))
        fits += _uncapped_fits(problem)
    ours, same = np.array(ours), np.array(same)
    print(f"{RANDOM_MENUS} random completable menus; the uncapped optimum fits the cap in {fits}")
    for name, pick in (("median", np.median), ("90th percentile", lambda a: np.percentile(a, 90))):
        report(f"complete_menu, {name}", float(pick(ours)), float(pick(same)), "<= 100 ms")
    report("complete_menu, slowest (vs the slowest bare milp)", ours.max(), same.max())
    report("complete_menu, all (vs bare milp of the same problems)", ours.sum(), same.sum())
    print(f"over 100 ms: {(ours > 0.1).sum()} of {len(ours)} (bare milp: {(same > 0.1).sum()})")


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
        keep, _ = completion_shortlist.shortlist(problem)
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
    test_random_menus()
    test_full_usda_table()
