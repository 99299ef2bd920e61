"""Checks every menu completion must pass, re-computed with coverage.py from scratch."""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd
import pytest

from planner.core.advice.completion_options import AUTO_MEAL, CompletionOptions
from planner.core.advice.optimizer import Completion
from planner.core.advice.servings import servings_of
from planner.core.data.ceilings import ceilings
from planner.core.data.foods import FoodTable
from planner.core.data.intakes import Target
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu


def held_grams(menu: Menu, foods: FoodTable) -> Counter:
    """Edible grams of each food on ``menu`` (a row of unknown weight counts 0)."""
    held: Counter = Counter()
    for item in menu.items:
        grams = item.grams_of(foods)
        held[item.food] += 0.0 if math.isnan(grams) else grams
    return held


def assert_valid_completion(
    completion: Completion,
    menu: Menu,
    foods: FoodTable,
    targets: dict[str, Target],
    allowed: pd.Index,
    options: CompletionOptions,
) -> None:
    """The completion keeps the menu (raising only rows of foods it adds more of), adds
    only allowed foods in half-serving steps within each food's daily cap and the servings
    option, puts new foods in valid meals, meets what it claims to meet and crosses no
    ceiling the menu had not crossed already."""
    done = completion.menu
    servings = servings_of(foods)
    additions = completion.additions
    foods_added = [a.food for a in additions]
    assert len(set(foods_added)) == len(foods_added), "a food is added once (one row)"

    # Rows: the original ones in place (raised ones grown), the new ones after them.
    raised = {a.position: a for a in additions if a.raises}
    assert len(done.items) == len(menu.items) + len(completion.added)
    for position, item in enumerate(menu.items):
        now = done.items[position]
        if position not in raised:
            assert now == item, f"row {position} changed without being raised"
            continue
        addition = raised[position]
        first = next(p for p, i in enumerate(menu.items) if i.food == item.food)
        assert position == first, f"{item.food}: not its first row raised"
        assert now == addition.item
        assert (now.food, now.meal, now.unit) == (item.food, item.meal, item.unit)
        assert now.amount > item.amount, f"{item.food}: a raised row must grow"
        assert now.grams_of(foods) == pytest.approx(item.grams_of(foods) + addition.grams)
        assert addition.meal == item.meal
    assert done.items[len(menu.items) :] == list(completion.added)
    assert set(completion.raised) == set(raised.values())

    held = held_grams(menu, foods)
    new_foods = set()
    for addition in additions:
        food, grams = addition.food, addition.grams
        assert food in allowed, f"{food} is not allowed"
        row = servings.position(food)
        serving, cap = float(servings.grams[row]), float(servings.cap_g[row])
        steps = grams / (serving / 2)
        assert steps >= 1 - 1e-9 and abs(steps - round(steps)) < 1e-6, (
            f"{food}: {grams} g is not in half-servings of {serving} g"
        )
        assert round(steps) <= 2 * options.max_portions_per_food, f"{food}: too many servings"
        assert grams <= cap - held[food] + 1e-6, f"{food}: past its daily cap of {cap} g"
        if addition.raises:
            assert food in held
            continue
        if food in held:
            # A new row of a food on the menu only where its rows count in portions of
            # unknown weight (they cannot be raised by grams).
            rows = [i for i in menu.items if i.food == food]
            assert all(math.isnan(i.grams_of(foods)) for i in rows), f"{food} not raised"
        else:
            new_foods.add(food)
        item = addition.item
        assert item.food == food and item.meal == addition.meal
        assert item.grams_of(foods) == pytest.approx(grams)
        if item.portions is not None:  # counted in the food's own portion
            assert servings.names[row], f"{food}: portions, but its serving is in grams"
        meals = (options.meal,) if options.meal != AUTO_MEAL else servings.meals(row)
        assert item.meal in meals, f"{food} in {item.meal}, not one of {meals}"
    assert len(new_foods) <= options.max_new_foods
    total = sum(a.grams for a in additions)
    assert completion.added_grams == pytest.approx(total)

    before = compute_coverage(menu, foods, targets)
    after = compute_coverage(done, foods, targets)
    unmet = {s.key for s in completion.shortfalls}
    for key in completion.aimed_at:
        amount = after[key].amount or 0.0
        if key in unmet:
            assert amount < targets[key].value
        else:
            assert amount >= targets[key].value, f"{key}: {amount} < {targets[key].value}"
    for key, ceiling in ceilings(targets).items():
        was = before[key].amount or 0.0
        now = after[key].amount or 0.0
        if was <= ceiling:
            assert now <= ceiling, f"{key} crossed its ceiling: {now} > {ceiling}"
        else:
            assert now <= was + 1e-9 * was, f"{key} was over its ceiling and grew"
    if options.max_kcal is not None and (before["energy"].amount or 0.0) <= options.max_kcal:
        assert (after["energy"].amount or 0.0) <= options.max_kcal
    if completion.status == "nothing-needed":
        assert not additions and not unmet and done.items == menu.items
    else:
        assert completion.status == ("partial" if unmet else "complete")
    for shortfall in completion.shortfalls:
        assert shortfall.reason, f"{shortfall.key} is unmet without a reason"
