"""Checks every menu completion must pass, re-computed with coverage.py from scratch."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from planner.core.ceilings import ceilings
from planner.core.completion_options import CompletionOptions
from planner.core.coverage import compute_coverage
from planner.core.foods import FoodTable
from planner.core.intakes import Target
from planner.core.menu import Menu
from planner.core.optimizer import Completion


def assert_valid_completion(
    completion: Completion,
    menu: Menu,
    foods: FoodTable,
    targets: dict[str, Target],
    allowed: pd.Index,
    options: CompletionOptions,
) -> None:
    """The completion keeps the menu, adds only allowed foods within the caps, meets what
    it claims to meet and crosses no ceiling the menu had not crossed already."""
    done = completion.menu
    assert done.items[: len(menu.items)] == menu.items, "the original items are kept"
    assert done.items[len(menu.items) :] == list(completion.added)
    added = Counter()
    for item in completion.added:
        assert item.grams is None and item.portions is not None, "added in portions"
        assert item.portions > 0 and (item.portions * 2).is_integer(), "half-portion steps"
        assert item.meal == options.meal
        assert item.food in allowed, f"{item.food} is not allowed"
        added[item.food] += item.portions
    assert max(added.values(), default=0) <= options.max_portions_per_food
    new = set(added) - set(menu.food_ids())
    assert len(new) <= options.max_new_foods

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
    expected = "nothing-needed" if completion.status == "nothing-needed" else None
    if expected is None:
        assert completion.status == ("partial" if unmet else "complete")
    else:
        assert not completion.added and not unmet
    for shortfall in completion.shortfalls:
        assert shortfall.reason, f"{shortfall.key} is unmet without a reason"
