"""Gap suggestions: one realistic serving per food, ranked, unknowns, ceilings and caps."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.core.advice.exclusions import Exclusions, allowed_food_ids
from planner.core.advice.servings import servings_of
from planner.core.advice.suggestions import (
    GAP_KEYS,
    PER_CHOICES,
    candidates,
    current_amounts,
    gaps,
    per_serving,
    suggest_foods,
    suggest_from,
)
from planner.core.data.ceilings import ceilings
from planner.core.data.intakes import Target
from planner.core.data.nutrients import CRAMP_KEYS, KEYS
from planner.core.data.profile import Profile
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu, MenuItem

TARGETS = {
    "magnesium": Target("magnesium", 100, "RDA", 350, "supplements", "test"),
    "calcium": Target("calcium", 1000, "RDA", 2500, "all", "test"),
    "vitamin_d": Target("vitamin_d", 15, "RDA", 100, "all", "test"),
    "sodium": Target("sodium", 1500, "AI", 2300, "all", "test"),
}


def suggestions(foods, menu, per="serving", allowed=None, targets=TARGETS, top=5, on_menu=None):
    coverage = compute_coverage(menu, foods, targets)
    allowed = foods.ids if allowed is None else allowed
    return suggest_foods(coverage, foods, targets, allowed, per=per, top=top, on_menu=on_menu)


def test_ranked_per_serving_with_share_of_the_gap(tiny_foods):
    # Each tiny food's own portion lies near its kind's reference serving, so it is the
    # serving: apple "1 medium" 200 g (fruit, 140 g), cheese "1 oz" 28 g (cheese, 30 g),
    # mystery "1 fruit" 100 g. Empty menu: magnesium gap 100 mg; one serving gives
    # apple 20 mg, cheese 5.6 mg, mystery 30 mg.
    assert list(PER_CHOICES) == ["serving", "100kcal"]
    found = suggestions(tiny_foods, Menu())
    mg = found["magnesium"]
    assert [s.food_id for s in mg] == ["mystery", "apple", "cheese"]
    assert [s.amount_per_serving for s in mg] == pytest.approx([30, 20, 5.6])
    assert [s.share_of_gap for s in mg] == pytest.approx([0.3, 0.2, 0.056])
    assert [s.closes_pct for s in mg] == pytest.approx([30, 20, 5.6])
    apple = mg[1]
    assert (apple.grams, apple.serving, apple.own_portion) == (200.0, "1 medium, 200 g", True)
    assert apple.kcal_per_serving == pytest.approx(100)
    assert apple.amount_per_100kcal == pytest.approx(20)
    assert mg[2].serving == "1 oz, 28 g"


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
    # Calcium 910 mg: one serving of cheese (196 mg) closes the 90 mg gap: share 1.
    assert small_gap["calcium"][0].food_id == "cheese"
    assert small_gap["calcium"][0].share_of_gap == 1.0
    assert small_gap["calcium"][0].closes_pct == 100.0


def test_unknown_and_zero_values_are_left_out(tiny_foods):
    found = suggestions(tiny_foods, Menu())
    # Vitamin D: apple has 0, mystery unknown; only cheese gives any.
    assert [s.food_id for s in found["vitamin_d"]] == ["cheese"]
    # Nobody can say whether mystery's serving crosses the vitamin D limit: named.
    assert found["magnesium"][0].unknown_limits == ("vitamin_d",)
    assert found["magnesium"][1].unknown_limits == ()


def test_a_serving_that_would_cross_a_ceiling_is_never_suggested(tiny_foods):
    # 380 g of cheese: 2,280 mg sodium; one more serving (168 mg) crosses 2,300 mg.
    menu = Menu("Salty", [MenuItem("cheese", grams=380)])
    targets = {k: TARGETS[k] for k in ("magnesium", "sodium")}
    found = suggestions(tiny_foods, menu, targets=targets)
    assert [s.food_id for s in found["magnesium"]] == ["mystery", "apple"]
    # 370 g: 2,220 + 168 = 2,388 still crosses; 350 g: 2,100 + 168 = 2,268 does not.
    found = suggestions(tiny_foods, Menu("", [MenuItem("cheese", grams=350)]), targets=targets)
    assert "cheese" in [s.food_id for s in found["magnesium"]]
    # A menu over a ceiling already: every food carrying that nutrient is left out.
    over = Menu("", [MenuItem("cheese", grams=380)])  # 2,660 mg calcium, over 2,500
    found = suggestions(tiny_foods, over, targets={k: TARGETS[k] for k in ("magnesium", "calcium")})
    assert found == {"magnesium": []}


def test_a_food_held_up_to_its_daily_cap_is_not_suggested(tiny_foods):
    # Apple: 200 g serving, 280 g cap. Cheese: 28 g serving, 60 g cap.
    def listed(on_menu):
        return [s.food_id for s in suggestions(tiny_foods, Menu(), on_menu=on_menu)["magnesium"]]

    assert listed({"apple": 80.0, "cheese": 32.0}) == ["mystery", "apple", "cheese"]
    assert listed({"apple": 80.1, "cheese": 32.0}) == ["mystery", "cheese"]
    assert listed({"apple": 80.0, "cheese": 32.1}) == ["mystery", "apple"]
    assert listed({"mystery": 180.0})[0] == "mystery"  # 280 g: its cap, not past it
    assert listed({"mystery": 180.1}) == ["apple", "cheese"]


def test_exclusions_are_honoured(tiny_foods):
    no_dairy = allowed_food_ids(tiny_foods, Exclusions(tags=frozenset({"contains-dairy"})))
    found = suggestions(tiny_foods, Menu(), allowed=no_dairy)
    assert found["vitamin_d"] == []
    assert all(s.food_id != "cheese" for ss in found.values() for s in ss)


@pytest.mark.parametrize("per", ["100g", "portion"])
def test_bad_basis_is_an_error(tiny_foods, per):
    with pytest.raises(ValueError, match="unknown basis"):
        suggestions(tiny_foods, Menu(), per=per)


def test_real_table_suggestions_honour_profile_ceilings_and_tap_water_rule(foods, intakes):
    pregnant = Profile(pregnant=True, age=30)
    targets = intakes.targets(pregnant)
    menu = Menu("Day", [MenuItem("banana", portions=1)])
    coverage = compute_coverage(menu, foods, targets)
    allowed = allowed_food_ids(foods, Exclusions(tags=frozenset({"fish"})), pregnant)
    found = suggest_foods(coverage, foods, targets, allowed, top=100)
    assert set(found) == {k for k in GAP_KEYS if k in gaps(coverage, targets)}
    assert set(CRAMP_KEYS) <= set(found)
    table = servings_of(foods)
    current = current_amounts(coverage)
    limits = ceilings(targets)
    for key, ranked in found.items():
        tags = [foods.info.at[s.food_id, "tags"] for s in ranked]
        assert not any("fish" in t or "pregnancy-caution" in t for t in tags), key
        amounts = [s.amount_per_serving for s in ranked]
        assert amounts == sorted(amounts, reverse=True) and min(amounts) > 0
        assert ("tap-water" in [s.food_id for s in ranked]) == (key == "water")
        for s in ranked:
            row = table.position(s.food_id)
            assert (s.grams, s.serving) == (table.grams[row], table.describe(row))
            assert s.own_portion == bool(table.names[row])
            one = per_serving(foods, [s.food_id], np.array([s.grams]))[0]
            for limit, ceiling in limits.items():
                amount = one[KEYS.index(limit)]
                assert np.isnan(amount) or current[limit] + amount <= ceiling, (key, s.food_id)


def test_a_food_the_menu_holds_up_to_its_cap_drops_out(foods, intakes):
    targets = intakes.targets(Profile())
    allowed = allowed_food_ids(foods)
    menu = Menu("Day", [MenuItem("banana", portions=1)])
    coverage = compute_coverage(menu, foods, targets)
    free = suggest_foods(coverage, foods, targets, allowed, on_menu=menu.grams_by_food(foods))
    assert free["magnesium"][0].food_id == "pumpkin-seeds"  # 1 oz, 28.4 g of a 60 g cap
    # 45 g on the menu: one more ounce would pass the cap.
    menu = Menu("Day", [MenuItem("banana", portions=1), MenuItem("pumpkin-seeds", grams=45)])
    coverage = compute_coverage(menu, foods, targets)
    held = suggest_foods(coverage, foods, targets, allowed, on_menu=menu.grams_by_food(foods))
    assert all(s.food_id != "pumpkin-seeds" for ss in held.values() for s in ss)
    # Without the menu's grams, nothing tells the cap is near.
    unheld = suggest_foods(coverage, foods, targets, allowed)
    assert unheld["magnesium"][0].food_id == "pumpkin-seeds"


@pytest.mark.parametrize("per", ["serving", "100kcal"])
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
    scores = pool.amounts if per == "serving" else pool.per_100kcal.copy()
    if per == "100kcal":  # calorie-free foods (tap water) first
        free = pool.amounts[:, KEYS.index("energy")] == 0
        scores[free[:, None] & (pool.amounts > 0)] = np.inf
    # Foods one serving of which would cross a ceiling are never ranked.
    limits = ceilings(targets)
    current = current_amounts(coverage)
    after = pool.amounts[:, [KEYS.index(k) for k in limits]] + current[list(limits)].to_numpy()
    crossed = (after > np.array(list(limits.values()))).any(axis=1)
    assert "water" in found
    for key, ranked in found.items():
        column = KEYS.index(key)
        usable = [
            r
            for r in range(len(pool.ids))
            if pool.amounts[r, column] > 0
            and not np.isnan(scores[r, column])
            and not crossed[r]
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
    assert first.food_id == "tap-water" and first.kcal_per_serving == 0
    assert first.amount_per_100kcal is None  # per 100 kcal means nothing for it


def test_suggest_foods_is_suggest_from_its_candidates(foods, intakes):
    targets = intakes.targets(Profile())
    menu = Menu("Day", [MenuItem("banana", portions=1), MenuItem("almonds", grams=40)])
    coverage = compute_coverage(menu, foods, targets)
    allowed = allowed_food_ids(foods, Exclusions(tags=frozenset({"contains-dairy"})))
    on_menu = menu.grams_by_food(foods)
    assert suggest_foods(coverage, foods, targets, allowed, top=7, on_menu=on_menu) == (
        suggest_from(candidates(foods, allowed), coverage, targets, top=7, on_menu=on_menu)
    )


def test_candidates_carry_each_foods_serving_and_cap(foods):
    pool = candidates(foods, allowed_food_ids(foods))
    table = servings_of(foods)
    assert "table-salt" not in pool.ids  # a seasoning: never suggested
    for name in ("dill", "prunes", "milk", "honey"):
        row, position = table.position(name), pool.ids.get_loc(name)
        assert pool.grams[position] == table.grams[row]
        assert pool.cap_g[position] == table.cap_g[row]
        assert pool.serving[position] == table.describe(row)
    dill = pool.ids.get_loc("dill")
    assert (pool.grams[dill], pool.cap_g[dill], pool.serving[dill]) == (4.0, 10.0, "4 g")
    milk = pool.ids.get_loc("milk")
    assert pool.serving[milk] == "1 cup, 244 g" and pool.own_portion[milk]
    calcium = KEYS.index("calcium")
    assert pool.amounts[milk, calcium] == pytest.approx(foods.value("milk", "calcium") * 2.44)


def test_a_serving_over_a_guard_limit_is_never_suggested(foods, intakes):
    """Brazil nuts' selenium and beef liver's retinol and copper are watched (the guards)."""
    targets = intakes.targets(Profile("female", 70))
    coverage = compute_coverage(Menu(), foods, targets)
    found = suggest_foods(coverage, foods, targets, foods.ids, top=200)
    suggested = {s.food_id for found_for in found.values() for s in found_for}
    # One ounce: 28.35 g x 1,917 ug / 100 g = 543 ug of selenium, over the 400 ug UL.
    assert "brazil-nuts" not in suggested
    # One slice: 81 g x 7,728 ug = 6,260 ug retinol (UL 3,000); 11.8 mg copper (UL 10).
    assert "beef-liver" not in suggested
    assert "banana" in {s.food_id for s in found["potassium"]}
