"""Gap suggestions: which foods, ranked how, unknowns left out, limits flagged."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.core.coverage import compute_coverage
from planner.core.exclusions import Exclusions, allowed_food_ids
from planner.core.intakes import Target
from planner.core.menu import Menu, MenuItem
from planner.core.nutrients import CRAMP_KEYS, KEYS
from planner.core.profile import Profile
from planner.core.suggestions import (
    GAP_KEYS,
    candidates,
    gaps,
    suggest_foods,
    suggest_from,
)

TARGETS = {
    "magnesium": Target("magnesium", 100, "RDA", 350, "supplements", "test"),
    "calcium": Target("calcium", 1000, "RDA", 2500, "all", "test"),
    "vitamin_d": Target("vitamin_d", 15, "RDA", 100, "all", "test"),
    "sodium": Target("sodium", 1500, "AI", 2300, "all", "test"),
}


def suggestions(foods, menu, per="portion", allowed=None, targets=TARGETS, top=5):
    coverage = compute_coverage(menu, foods, targets)
    allowed = foods.ids if allowed is None else allowed
    return suggest_foods(coverage, foods, targets, allowed, per=per, top=top)


def test_ranked_per_portion_with_share_of_the_gap(tiny_foods):
    # Empty menu: magnesium gap 100 mg. One portion: apple 200 g -> 20 mg, cheese 28 g
    # -> 5.6 mg, mystery 100 g -> 30 mg.
    found = suggestions(tiny_foods, Menu())
    mg = found["magnesium"]
    assert [s.food_id for s in mg] == ["mystery", "apple", "cheese"]
    assert [s.amount_per_portion for s in mg] == pytest.approx([30, 20, 5.6])
    assert [s.share_of_gap for s in mg] == pytest.approx([0.3, 0.2, 0.056])
    assert mg[1].kcal_per_portion == pytest.approx(100)
    assert mg[1].amount_per_100kcal == pytest.approx(20)


def test_ranked_per_100_kcal(tiny_foods):
    # Magnesium per 100 kcal: mystery 50, apple 20, cheese 5.
    found = suggestions(tiny_foods, Menu(), per="100kcal")
    assert [s.food_id for s in found["magnesium"]] == ["mystery", "apple", "cheese"]
    assert [s.amount_per_100kcal for s in found["magnesium"]] == pytest.approx([50, 20, 5])


def test_only_nutrients_under_target_and_share_capped_at_one(tiny_foods):
    # 500 g of mystery: magnesium 150 of 100 mg (met); calcium 150 of 1,000 mg.
    menu = Menu("Day", [MenuItem("mystery", grams=500)])
    found = suggestions(tiny_foods, menu)
    assert "magnesium" not in found and "sodium" not in found
    cheese = next(s for s in found["calcium"] if s.food_id == "cheese")
    assert cheese.share_of_gap == pytest.approx(196 / 850)
    small_gap = suggestions(tiny_foods, Menu("", [MenuItem("cheese", grams=130)]))
    # Calcium 910 mg: one portion of cheese (196 mg) closes the 90 mg gap: share 1.
    assert small_gap["calcium"][0].food_id == "cheese"
    assert small_gap["calcium"][0].share_of_gap == 1.0


def test_unknown_and_zero_values_are_left_out(tiny_foods):
    found = suggestions(tiny_foods, Menu())
    # Vitamin D: apple has 0, mystery unknown; only cheese gives any.
    assert [s.food_id for s in found["vitamin_d"]] == ["cheese"]
    assert found["magnesium"][0].unknown_limits == ("vitamin_d",)  # mystery's vitamin D


def test_limits_one_more_portion_would_cross_are_flagged(tiny_foods):
    # 380 g of cheese: 2,280 mg sodium; one more portion (168 mg) crosses 2,300 mg.
    menu = Menu("Salty", [MenuItem("cheese", grams=380)])
    targets = {k: TARGETS[k] for k in ("magnesium", "sodium")}
    found = suggestions(tiny_foods, menu, targets=targets)
    by_food = {s.food_id: s for s in found["magnesium"]}
    assert by_food["cheese"].would_cross_limit
    assert by_food["cheese"].crossed_limits == ("sodium",)
    assert not by_food["apple"].would_cross_limit


def test_exclusions_are_honoured(tiny_foods):
    no_dairy = allowed_food_ids(tiny_foods, Exclusions(tags=frozenset({"contains-dairy"})))
    found = suggestions(tiny_foods, Menu(), allowed=no_dairy)
    assert "vitamin_d" not in found or found["vitamin_d"] == []
    assert all(s.food_id != "cheese" for ss in found.values() for s in ss)


def test_bad_basis_is_an_error(tiny_foods):
    with pytest.raises(ValueError, match="unknown basis"):
        suggestions(tiny_foods, Menu(), per="100g")


def test_real_table_suggestions_honour_profile_and_tap_water_rule(foods, intakes):
    pregnant = Profile(pregnant=True, age=30)
    targets = intakes.targets(pregnant)
    menu = Menu("Day", [MenuItem("banana", portions=1)])
    coverage = compute_coverage(menu, foods, targets)
    allowed = allowed_food_ids(foods, Exclusions(tags=frozenset({"fish"})), pregnant)
    found = suggest_foods(coverage, foods, targets, allowed, top=100)
    assert set(found) == {k for k in GAP_KEYS if k in gaps(coverage, targets)}
    assert set(CRAMP_KEYS) <= set(found)
    for key, ranked in found.items():
        tags = [foods.info.at[s.food_id, "tags"] for s in ranked]
        assert not any("fish" in t or "pregnancy-caution" in t for t in tags), key
        amounts = [s.amount_per_portion for s in ranked]
        assert amounts == sorted(amounts, reverse=True) and min(amounts) > 0
        assert ("tap-water" in [s.food_id for s in ranked]) == (key == "water")


@pytest.mark.parametrize("per", ["portion", "100kcal"])
@pytest.mark.parametrize("top", [1, 3, 5, 40])
def test_the_top_foods_are_those_of_a_full_sort_ties_in_table_order(foods, intakes, per, top):
    """Partitioning before the sort keeps exactly the full sort's first ``top`` foods."""
    targets = intakes.targets(Profile(age=70))
    coverage = compute_coverage(Menu("Day", [MenuItem("kiwi", portions=1)]), foods, targets)
    pool = candidates(foods, allowed_food_ids(foods))
    # Equal scores: the first food's amounts given to the third too (ties on every nutrient).
    amounts, per_kcal = pool.amounts.copy(), pool.per_100kcal.copy()
    amounts[2], per_kcal[2] = amounts[0], per_kcal[0]
    pool = replace(pool, amounts=amounts, per_100kcal=per_kcal)
    found = suggest_from(pool, coverage, targets, per=per, top=top)
    scores = pool.amounts if per == "portion" else pool.per_100kcal.copy()
    if per == "100kcal":  # calorie-free foods (tap water) first
        free = pool.amounts[:, KEYS.index("energy")] == 0
        scores[free[:, None] & (pool.amounts > 0)] = np.inf
    assert "water" in found
    for key, ranked in found.items():
        column = KEYS.index(key)
        usable = [
            r
            for r in range(len(pool.ids))
            if pool.amounts[r, column] > 0
            and not np.isnan(scores[r, column])
            and (key == "water" or not pool.water_only[r])
        ]
        expected = sorted(usable, key=lambda r: (-scores[r, column], r))[:top]
        assert [s.food_id for s in ranked] == [pool.ids[r] for r in expected], key


def test_per_100_kcal_a_calorie_free_food_comes_first(foods, intakes):
    """Tap water gives water for no calories: the most per 100 kcal there is."""
    targets = intakes.targets(Profile())
    coverage = compute_coverage(Menu("Day", [MenuItem("banana", portions=1)]), foods, targets)
    found = suggest_foods(coverage, foods, targets, allowed_food_ids(foods), per="100kcal")
    first = found["water"][0]
    assert first.food_id == "tap-water" and first.kcal_per_portion == 0
    assert first.amount_per_100kcal is None  # per 100 kcal means nothing for it


def test_suggest_foods_is_suggest_from_its_candidates(foods, intakes):
    targets = intakes.targets(Profile())
    coverage = compute_coverage(Menu("Day", [MenuItem("banana", portions=1)]), foods, targets)
    allowed = allowed_food_ids(foods, Exclusions(tags=frozenset({"contains-dairy"})))
    assert suggest_foods(coverage, foods, targets, allowed, top=7) == suggest_from(
        candidates(foods, allowed), coverage, targets, top=7
    )


def test_one_portion_over_a_guard_limit_is_flagged(foods, intakes):
    """Brazil nuts' selenium and beef liver's retinol and copper are watched (the guards)."""
    targets = intakes.targets(Profile("female", 70))
    coverage = compute_coverage(Menu(), foods, targets)
    found = suggest_foods(coverage, foods, targets, foods.ids, top=200)
    nuts = next(s for s in found["magnesium"] if s.food_id == "brazil-nuts")
    # One ounce: 28.35 g x 1,917 ug / 100 g = 543 ug of selenium, over the 400 ug UL.
    assert "selenium" in nuts.crossed_limits and nuts.would_cross_limit
    liver = next(s for s in found["vitamin_b12"] if s.food_id == "beef-liver")
    # One slice: 81 g x 7,728 ug = 6,260 ug retinol (UL 3,000); 11.8 mg copper (UL 10).
    assert {"retinol", "copper"} <= set(liver.crossed_limits)
    banana = next(s for s in found["potassium"] if s.food_id == "banana")
    assert not {"retinol", "selenium", "copper", "zinc", "manganese"} & set(banana.crossed_limits)
