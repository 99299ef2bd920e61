"""The exact search for a completion: brute force, milp, the new-food cap, giving up, limits."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import planner.core.completion_search as completion_search
from planner.core.ceilings import ceilings
from planner.core.completion_options import CompletionOptions
from planner.core.completion_problem import (
    CompletionProblem,
    _milp_exact,
    build_problem,
    solve_exact,
)
from planner.core.completion_search import branch_and_bound
from planner.core.coverage import compute_coverage
from planner.core.exclusions import Exclusions, allowed_food_ids
from planner.core.intakes import Target
from planner.core.menu import Menu, MenuItem
from planner.core.optimizer import Cancelled, complete_menu
from planner.core.profile import Profile
from planner.core.suggestions import current_amounts, gaps
from tests.completion_checks import assert_valid_completion
from tests.core.test_optimizer import HAND, MG_TARGETS, ONLY_MG, added, made_up_foods

# --- the new-food cap, worked by hand ------------------------------------------------------

THREE = {
    key: Target(key, 100, "RDA", None, None, "test")
    for key in ("magnesium", "potassium", "calcium")
}
# Per 100 g, every portion 100 g. Each single-nutrient food gives 50 mg for 50 kcal; "both"
# gives magnesium and potassium together, at 120 kcal.
SINGLES = made_up_foods(
    {
        "mg": {"portion_g": 100, "energy": 50, "magnesium": 50, "potassium": 0, "calcium": 0},
        "k": {"portion_g": 100, "energy": 50, "magnesium": 0, "potassium": 50, "calcium": 0},
        "ca": {"portion_g": 100, "energy": 50, "magnesium": 0, "potassium": 0, "calcium": 50},
        "both": {"portion_g": 100, "energy": 120, "magnesium": 50, "potassium": 50, "calcium": 0},
    }
)


def test_the_cap_on_new_foods_holds_where_the_uncapped_optimum_uses_more():
    three = CompletionOptions(include=frozenset(THREE), max_new_foods=3)
    uncapped = complete_menu(Menu(), SINGLES, THREE, SINGLES.ids, three)
    # Three foods allowed: 2 portions of each single-nutrient food, 300 kcal.
    assert added(uncapped) == {"mg": 2.0, "k": 2.0, "ca": 2.0}
    assert uncapped.added_kcal == pytest.approx(300)

    two = CompletionOptions(include=frozenset(THREE), max_new_foods=2)
    done = complete_menu(Menu(), SINGLES, THREE, SINGLES.ids, two)
    # Two: "both" must cover magnesium and potassium (240 kcal), "ca" calcium (100 kcal).
    assert done.status == "complete"
    assert added(done) == {"both": 2.0, "ca": 2.0}
    assert done.added_kcal == pytest.approx(340)
    assert_valid_completion(done, Menu(), SINGLES, THREE, SINGLES.ids, two)


def test_foods_on_the_menu_only():
    # Every candidate is on the menu already: the search has no used-food columns at all.
    menu = Menu("Day", [MenuItem("cheap", portions=0.5), MenuItem("rich", portions=0.5)])
    allowed = HAND.ids.drop("salty")
    options = CompletionOptions(include=ONLY_MG, max_portions_per_food=4, max_new_foods=0)
    done = complete_menu(menu, HAND, MG_TARGETS, allowed, options)
    # 15 + 50 mg: 35 mg more. 1.5 portions of "cheap" (45 mg, 75 kcal) beat half a "rich"
    # (50 mg, 150 kcal).
    assert added(done) == {"cheap": 1.5}
    assert done.added_kcal == pytest.approx(75)
    assert_valid_completion(done, menu, HAND, MG_TARGETS, allowed, options)


# --- against brute force, on small random problems -------------------------------------------


def made_up_problem(
    gives: np.ndarray,
    need: np.ndarray,
    carries: np.ndarray,
    room: np.ndarray,
    cost: np.ndarray,
    is_new: np.ndarray,
    max_half: int,
    max_new: int,
) -> CompletionProblem:
    """A CompletionProblem straight from its rows (the search reads nothing else)."""
    ids = pd.Index([f"food{j}" for j in range(len(cost))])
    return CompletionProblem(
        ids=ids,
        is_new=is_new,
        half=pd.DataFrame(index=ids),
        cost=cost,
        gap_keys=tuple(f"gap{i}" for i in range(len(need))),
        gap_rows=gives,
        need=need,
        cap_rows=carries,
        room=room,
        cap_names=tuple(f"cap{i}" for i in range(len(room))),
        max_half=max_half,
        max_new=max_new,
    )


def brute_force(problem: CompletionProblem) -> float | None:
    """The least cost over every choice of half-portions, or None when none is a menu."""
    levels = range(problem.max_half + 1)
    x = np.array(list(itertools.product(levels, repeat=len(problem.ids))), float)
    fits = (
        (x @ problem.gap_rows.T >= problem.need).all(axis=1)
        & (x @ problem.cap_rows.T <= problem.room).all(axis=1)
        & ((x[:, problem.is_new] > 0).sum(axis=1) <= problem.max_new)
    )
    return float((x[fits] @ problem.cost).min()) if fits.any() else None


@st.composite
def small_problems(draw) -> CompletionProblem:
    """Whole numbers, so that a row met exactly is met exactly in floating point too."""
    n = draw(st.integers(1, 5))
    k = draw(st.integers(1, 3))
    caps = draw(st.integers(0, 2))
    max_half = draw(st.integers(1, 4 if n <= 4 else 3))

    def matrix(rows: int, top: int) -> np.ndarray:
        values = draw(st.lists(st.integers(0, top), min_size=rows * n, max_size=rows * n))
        return np.array(values, float).reshape(rows, n)

    def vector(size: int, low: int, top: int) -> np.ndarray:
        return np.array(draw(st.lists(st.integers(low, top), min_size=size, max_size=size)), float)

    return made_up_problem(
        gives=matrix(k, 5),
        need=vector(k, 1, 14),
        carries=matrix(caps, 4),
        room=vector(caps, 0, 12),
        cost=vector(n, 1, 30),
        is_new=np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n))),
        max_half=max_half,
        max_new=draw(st.integers(0, n)),
    )


@settings(max_examples=150, deadline=None)
@given(problem=small_problems())
def test_the_search_finds_the_brute_force_optimum(problem):
    result = branch_and_bound(problem, time_limit=60.0, margin=0.0)
    best = brute_force(problem)
    if best is None:
        assert result.status == "infeasible" and result.halves is None
        return
    assert result.status == "optimal"
    halves = result.halves
    assert float(problem.cost @ halves) == pytest.approx(best, rel=1e-9)
    assert ((halves >= 0) & (halves <= problem.max_half)).all()
    assert (problem.gap_rows @ halves >= problem.need - 1e-9).all()
    assert (problem.cap_rows @ halves <= problem.room + 1e-9).all()
    assert (halves[problem.is_new] > 0).sum() <= problem.max_new


# --- against HiGHS's MIP search, on random menus of foods.csv ----------------------------------

TAG_CHOICES = ("fish", "meat", "contains-dairy", "contains-nuts", "offal")


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_the_search_matches_milp_on_random_menus(foods, intakes, data):
    ids = list(foods.ids)
    picks = data.draw(st.lists(st.sampled_from(ids), max_size=6, unique=True), label="foods")
    halves = data.draw(
        st.lists(st.integers(1, 6), min_size=len(picks), max_size=len(picks)), label="halves"
    )
    menu = Menu("Random", [MenuItem(f, portions=h / 2) for f, h in zip(picks, halves, strict=True)])
    profile = data.draw(st.sampled_from([Profile(), Profile("male", 30)]), label="profile")
    options = CompletionOptions(
        max_portions_per_food=data.draw(st.integers(1, 4), label="max portions"),
        max_new_foods=data.draw(st.integers(1, 6), label="max new foods"),
        include_vitamin_d=data.draw(st.booleans(), label="vitamin D"),
        objective=data.draw(st.sampled_from(["kcal", "grams"]), label="objective"),
    )
    tags = frozenset(data.draw(st.sets(st.sampled_from(TAG_CHOICES), max_size=2), label="tags"))
    targets = intakes.targets(profile)
    before = compute_coverage(menu, foods, targets)
    problem = build_problem(
        foods,
        allowed_food_ids(foods, Exclusions(tags=tags), profile),
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
    ours, notes = solve_exact(problem, 60.0, 1e-9)
    if len(problem.ids) == 0:  # nothing missing: nothing to search
        assert ours is None
        return
    theirs, _ = _milp_exact(problem, 60.0, 1e-9)
    assert notes == []
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert (ours[problem.is_new] > 0).sum() <= problem.max_new
        assert ours.max() <= problem.max_half
        # milp stops within 0.01 % of the optimum (HiGHS's default gap); ours is exact.
        cost, milp_cost = problem.cost @ ours, problem.cost @ theirs
        assert milp_cost * (1 - 1.01e-4) <= cost <= milp_cost * (1 + 1e-9)


# --- giving up, limits, cancelling -------------------------------------------------------------


@pytest.fixture(scope="module")
def breakfast_problem(foods, intakes):
    """Breakfast (oats, banana, milk) completed with vitamin D: ~80 search nodes."""
    menu = Menu(
        "Breakfast",
        [MenuItem("rolled-oats", portions=1), MenuItem("banana", grams=118), MenuItem("milk")],
    )
    targets = intakes.targets(Profile())
    options = CompletionOptions(include_vitamin_d=True)
    before = compute_coverage(menu, foods, targets)
    return build_problem(
        foods,
        allowed_food_ids(foods),
        menu.food_ids(),
        gaps(before, targets, options.aimed_keys()),
        current_amounts(before),
        targets,
        ceilings(targets),
        3,
        4,
        "kcal",
        None,
    )


def test_a_search_that_gives_up_is_handed_to_milp(breakfast_problem, monkeypatch):
    full = branch_and_bound(breakfast_problem, 60.0, 1e-9)
    assert full.status == "optimal" and full.nodes > 3
    monkeypatch.setattr(completion_search, "NODE_LIMIT", 3)
    assert branch_and_bound(breakfast_problem, 60.0, 1e-9).status == "gave up"
    halves, notes = solve_exact(breakfast_problem, 60.0, 1e-9)
    assert notes == []
    cost = breakfast_problem.cost
    assert cost @ halves == pytest.approx(cost @ full.halves, rel=1.01e-4)


def test_the_time_limit_stops_the_search_with_a_note(breakfast_problem):
    # The limit is checked before each node; building the program alone takes longer.
    result = branch_and_bound(breakfast_problem, 1e-12, 1e-9)
    assert result.status == "time limit" and result.halves is None and result.nodes == 0
    halves, notes = solve_exact(breakfast_problem, 1e-12, 1e-9)
    assert halves is None
    assert notes == ["the optimiser stopped at its 1e-12 s limit without a menu"]


def test_cancel_is_asked_between_nodes(breakfast_problem):
    asked = []

    def cancel_on_the_fifth() -> None:
        asked.append(1)
        if len(asked) == 5:
            raise Cancelled

    with pytest.raises(Cancelled):
        branch_and_bound(breakfast_problem, 60.0, 1e-9, cancel_on_the_fifth)
    assert len(asked) == 5
