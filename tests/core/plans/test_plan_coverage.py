"""A plan's day-by-day coverage agrees with each day's coverage; averages and unknowns."""

from __future__ import annotations

import numpy as np
import pytest

from planner.core.data.intakes import Target
from planner.core.data.nutrients import CHART_KEYS
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import MenuItem
from planner.core.plans.plan import Plan
from planner.core.plans.plan_coverage import plan_coverage, unknown_foods

TARGETS = {
    "calcium": Target("calcium", 1000, "RDA", 2500, "all", "test"),
    "magnesium": Target("magnesium", 320, "RDA", 350, "supplements", "test"),
    "sodium": Target("sodium", 1500, "AI", 2300, "all", "test"),
    "vitamin_d": Target("vitamin_d", 15, "RDA", 100, "all", "test"),
    "water": Target("water", 2.7, "AI", None, None, "test"),
}


def _plan() -> Plan:
    plan = Plan.new("Week", 3, people=2)
    plan.days[0].menu.items += [
        MenuItem("apple", "breakfast", grams=150),
        MenuItem("cheese", "lunch", portions=2),
    ]
    plan.days[1].menu.items += [MenuItem("mystery", grams=100), MenuItem("cheese", grams=400)]
    # day 2 stays empty
    return plan


def test_each_day_matches_the_menu_coverage(tiny_foods):
    plan = _plan()
    cov = plan_coverage(plan, tiny_foods, TARGETS)
    assert cov.days == ("Monday", "Tuesday", "Wednesday")
    assert cov.keys == CHART_KEYS
    for d, day in enumerate(plan.days):
        menu_cov = compute_coverage(day.menu, tiny_foods, TARGETS)
        for k, key in enumerate(CHART_KEYS):
            line = menu_cov[key]
            expected = np.nan if line.amount is None else line.amount
            assert cov.amounts[d, k] == pytest.approx(expected, nan_ok=True)
            assert bool(cov.unknown[d, k]) == (not line.complete)
            assert cov.over[d, k] == line.above_upper_limit
            pct = line.percent
            assert cov.percent[d, k] == pytest.approx(np.nan if pct is None else pct, nan_ok=True)


def test_average_is_the_total_over_the_days(tiny_foods):
    cov = plan_coverage(_plan(), tiny_foods, TARGETS)
    calcium = CHART_KEYS.index("calcium")
    day0 = 7.5 + 392
    day1 = 30 + 2800
    assert cov.average_amount[calcium] == pytest.approx((day0 + day1 + 0) / 3)
    assert cov.average_percent[calcium] == pytest.approx((day0 + day1) / 3 / 10)
    assert not cov.average_unknown[calcium]
    sodium = CHART_KEYS.index("sodium")
    assert cov.over[1, sodium] and not cov.average_over[sodium]  # 2403 mg once, 1178 average


def test_unknown_values_are_lower_bounds_never_zero(tiny_foods):
    plan = Plan.new("Mystery", 2)
    plan.days[0].menu.items.append(MenuItem("mystery", grams=100))
    plan.days[1].menu.items.append(MenuItem("cheese", grams=100))
    cov = plan_coverage(plan, tiny_foods, TARGETS)
    d = CHART_KEYS.index("vitamin_d")
    assert np.isnan(cov.amounts[0, d]) and cov.unknown[0, d]
    assert cov.amounts[1, d] == pytest.approx(0.5) and not cov.unknown[1, d]
    assert cov.average_amount[d] == pytest.approx(0.25) and cov.average_unknown[d]
    assert unknown_foods(plan.days[0].menu, tiny_foods, "vitamin_d") == ["mystery"]
    assert unknown_foods(plan.days[1].menu, tiny_foods, "vitamin_d") == []


def test_missing_targets_and_empty_plans(tiny_foods):
    cov = plan_coverage(_plan(), tiny_foods, {})
    assert np.isnan(cov.percent).all() and np.isnan(cov.average_percent).all()
    empty = plan_coverage(Plan("Nothing"), tiny_foods, TARGETS)
    assert empty.amounts.shape == (0, len(CHART_KEYS))
    assert np.isnan(empty.average_amount).all()
