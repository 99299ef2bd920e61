"""Completing a menu: optimum, caps, ceilings, exclusions, unmeetable targets, cancel."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import planner.core.completion_problem as completion_problem
import planner.core.optimizer as optimizer
from planner.core.ceilings import in_text
from planner.core.completion_options import CompletionOptions
from planner.core.coverage import compute_coverage
from planner.core.errors import InputError
from planner.core.exclusions import Exclusions, allowed_food_ids
from planner.core.foods import FoodTable
from planner.core.intakes import Target
from planner.core.menu import Menu, MenuItem
from planner.core.nutrients import CRAMP_KEYS, GUARD_KEYS, KEYS
from planner.core.optimizer import Cancelled, complete_menu
from planner.core.profile import Profile
from tests.completion_checks import assert_valid_completion

# --- a made-up table whose optimum can be worked out by hand -------------------------------

MG_TARGETS = {
    "magnesium": Target("magnesium", 100, "RDA", 350, "supplements", "test"),
    "sodium": Target("sodium", 1500, "AI", 2300, "all", "test"),
}
ONLY_MG = frozenset({"magnesium"})


def made_up_foods(rows: dict[str, dict[str, float]], tags: dict[str, tuple] | None = None):
    """A FoodTable of ``{id: {"portion_g": g, nutrient: per 100 g, ...}}``, others unknown."""
    ids = pd.Index(list(rows), name="id")
    info = pd.DataFrame(
        {
            "name": [i.title() for i in ids],
            "category": "other",
            "portion_name": "1 portion",
            "portion_g": [rows[i]["portion_g"] for i in ids],
            "tags": [tuple((tags or {}).get(i, ())) for i in ids],
        },
        index=ids,
    )
    values = pd.DataFrame([{k: v for k, v in rows[i].items() if k in KEYS} for i in ids], index=ids)
    return FoodTable.from_frames(info, values)


# Per 100 g; every portion 100 g except "rich" (50 g).
HAND = made_up_foods(
    {
        "cheap": {"portion_g": 100, "energy": 50, "magnesium": 30, "sodium": 0},
        "rich": {"portion_g": 50, "energy": 600, "magnesium": 200, "sodium": 0},
        "salty": {"portion_g": 100, "energy": 10, "magnesium": 100, "sodium": 5000},
    }
)


def added(completion) -> dict[str, float]:
    return {i.food: i.portions for i in completion.added}


def test_fewest_calories_in_half_portions_within_the_sodium_limit():
    options = CompletionOptions(include=ONLY_MG, max_portions_per_food=4)
    done = complete_menu(Menu("Day"), HAND, MG_TARGETS, HAND.ids, options)
    # "salty" is cheapest (10 kcal) but half a portion crosses sodium's 2,300 mg; 3.5 portions
    # of "cheap" give 105 mg for 175 kcal, less than "rich" (300 kcal a portion).
    assert done.status == "complete"
    assert added(done) == {"cheap": 3.5}
    assert done.added_kcal == pytest.approx(175)
    assert done.after["magnesium"].amount == pytest.approx(105)
    assert_valid_completion(done, Menu("Day"), HAND, MG_TARGETS, HAND.ids, options)


def test_caps_on_portions_and_new_foods_change_the_optimum():
    three = CompletionOptions(include=ONLY_MG, max_portions_per_food=3)
    done = complete_menu(Menu(), HAND, MG_TARGETS, HAND.ids, three)
    # 3 portions of "cheap" give only 90 mg: 2 of them and half a "rich" (110 mg, 250 kcal)
    # beat one whole "rich" (300 kcal).
    assert added(done) == {"cheap": 2.0, "rich": 0.5}
    assert done.added_kcal == pytest.approx(250)
    one_food = CompletionOptions(include=ONLY_MG, max_portions_per_food=3, max_new_foods=1)
    assert added(complete_menu(Menu(), HAND, MG_TARGETS, HAND.ids, one_food)) == {"rich": 1.0}


def test_fewest_grams_on_request():
    options = CompletionOptions(include=ONLY_MG, max_portions_per_food=4, objective="grams")
    done = complete_menu(Menu(), HAND, MG_TARGETS, HAND.ids, options)
    assert added(done) == {"rich": 1.0}  # 50 g, against 350 g of "cheap"
    assert done.added_grams == pytest.approx(50)


def test_foods_on_the_menu_are_topped_up_without_counting_as_new():
    menu = Menu("Day", [MenuItem("cheap", "lunch", portions=1)])
    options = CompletionOptions(include=ONLY_MG, max_portions_per_food=3, max_new_foods=0)
    done = complete_menu(menu, HAND, MG_TARGETS, HAND.ids, options)
    assert added(done) == {"cheap": 2.5}  # 30 + 75 = 105 mg
    assert done.status == "complete"
    assert done.menu.items[0] == menu.items[0]


def test_excluded_foods_are_never_added():
    allowed = HAND.ids.drop("cheap")
    options = CompletionOptions(include=ONLY_MG, max_portions_per_food=4)
    done = complete_menu(Menu(), HAND, MG_TARGETS, allowed, options)
    assert added(done) == {"rich": 1.0}


def test_a_food_of_unknown_value_is_left_out_and_named():
    foods = made_up_foods(
        {
            "known": {"portion_g": 100, "energy": 100, "magnesium": 50, "sodium": 0},
            # Cheaper, but its sodium is unknown: it can't be trusted to keep the limit.
            "unsure": {"portion_g": 100, "energy": 10, "magnesium": 50},
        }
    )
    options = CompletionOptions(include=ONLY_MG)
    done = complete_menu(Menu(), foods, MG_TARGETS, foods.ids, options)
    assert added(done) == {"known": 2.0}
    assert any("sodium (Unsure)" in note for note in done.notes)


def test_a_menu_over_a_limit_is_reported_and_not_made_worse():
    menu = Menu("Salty", [MenuItem("salty", portions=1)])
    foods = made_up_foods(
        {
            "salty": {"portion_g": 100, "energy": 10, "magnesium": 10, "sodium": 2400},
            "bread": {"portion_g": 100, "energy": 100, "magnesium": 50, "sodium": 400},
            "fruit": {"portion_g": 100, "energy": 100, "magnesium": 20, "sodium": 0},
        }
    )
    options = CompletionOptions(include=ONLY_MG)
    done = complete_menu(menu, foods, MG_TARGETS, foods.ids, options)
    assert done.over_limits and done.over_limits[0].startswith("sodium: the menu already holds")
    assert "bread" not in added(done)
    assert added(done) == {"fruit": 3.0}  # 10 + 60 mg: the most sodium-free food gives
    assert [s.key for s in done.shortfalls] == ["magnesium"]
    assert done.shortfalls[0].reason == (
        "magnesium: no allowed food gives enough within 3 portions (best reachable: 70 of "
        "100 mg), with the sodium limit (2,300 mg) already reached"
    )
    assert_valid_completion(done, menu, foods, MG_TARGETS, foods.ids, options)


def test_nothing_needed_when_every_target_is_met():
    menu = Menu("Day", [MenuItem("rich", portions=1)])
    options = CompletionOptions(include=ONLY_MG)
    done = complete_menu(menu, HAND, MG_TARGETS, HAND.ids, options)
    assert done.status == "nothing-needed"
    assert done.added == () and done.menu.items == menu.items


def test_options_are_checked():
    with pytest.raises(InputError, match="max_portions_per_food: 0 is not from 1 to 20"):
        CompletionOptions(max_portions_per_food=0)
    with pytest.raises(InputError, match="unknown objective"):
        CompletionOptions(objective="fat")
    with pytest.raises(InputError, match="unknown nutrient 'chromium'"):
        CompletionOptions(include=frozenset({"chromium"}))
    with pytest.raises(InputError, match="'zinc' is watched for its upper limit only"):
        CompletionOptions(include=frozenset({"zinc"}))
    assert CompletionOptions().aimed_keys() == CRAMP_KEYS
    both = CompletionOptions(include_vitamin_d=True, include_water=True).aimed_keys()
    assert both == (*CRAMP_KEYS, "vitamin_d", "water")


def test_cancel_between_phases():
    with pytest.raises(Cancelled):
        complete_menu(Menu(), HAND, MG_TARGETS, HAND.ids, should_cancel=lambda: True)
    calls = []

    def later() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        complete_menu(Menu(), HAND, MG_TARGETS, HAND.ids, should_cancel=later)
    done = complete_menu(
        Menu(), HAND, MG_TARGETS, HAND.ids, CompletionOptions(include=ONLY_MG), lambda: False
    )
    assert done.status == "complete"


# --- the real foods.csv ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def targets(intakes):
    return intakes.targets(Profile())


@pytest.fixture(scope="module")
def breakfast():
    return Menu(
        "Breakfast",
        [
            MenuItem("rolled-oats", "breakfast", portions=1),
            MenuItem("banana", "breakfast", grams=118),
            MenuItem("milk", "breakfast", portions=1),
        ],
    )


def tagged(foods, completion, tag: str) -> list[str]:
    return [i.food for i in completion.added if tag in foods.info.at[i.food, "tags"]]


def test_a_real_menu_is_completed_and_rechecked(foods, targets, breakfast):
    allowed = allowed_food_ids(foods)
    options = CompletionOptions()
    done = complete_menu(breakfast, foods, targets, allowed, options)
    assert done.status == "complete"
    assert done.added and done.shortfalls == ()
    assert_valid_completion(done, breakfast, foods, targets, allowed, options)
    for key in CRAMP_KEYS:
        assert done.after[key].percent >= 100
    # Complete already: a second run has nothing to add.
    again = complete_menu(done.menu, foods, targets, allowed, options)
    assert again.status == "nothing-needed" and again.added == ()


def test_exclusions_and_pregnancy_are_honoured(foods, intakes, breakfast):
    options = CompletionOptions(include_vitamin_d=True)
    targets = intakes.targets(Profile())
    free = complete_menu(breakfast, foods, targets, allowed_food_ids(foods), options)
    # Without exclusions the lightest vitamin D comes from fish or liver: the tests below
    # would prove nothing otherwise.
    assert tagged(foods, free, "fish") and tagged(foods, free, "pregnancy-caution")

    no_fish = allowed_food_ids(foods, Exclusions(tags=frozenset({"fish"})))
    done = complete_menu(breakfast, foods, targets, no_fish, options)
    assert tagged(foods, done, "fish") == []
    assert_valid_completion(done, breakfast, foods, targets, no_fish, options)

    pregnant = Profile(pregnant=True, age=30)
    allowed = allowed_food_ids(foods, profile=pregnant)
    pregnancy_targets = intakes.targets(pregnant)
    done = complete_menu(breakfast, foods, pregnancy_targets, allowed, options)
    assert tagged(foods, done, "pregnancy-caution") == []
    assert_valid_completion(done, breakfast, foods, pregnancy_targets, allowed, options)

    dislikes = {i.food for i in free.added}
    allowed = allowed_food_ids(foods, Exclusions(foods=frozenset(dislikes)))
    done = complete_menu(breakfast, foods, targets, allowed, options)
    assert dislikes.isdisjoint(added(done))


def test_vegan_menus_use_vegan_foods_only(foods, targets, breakfast):
    vegan = allowed_food_ids(foods, Exclusions(require_tags=frozenset({"vegan"})))
    menu = Menu("Vegan", [MenuItem("rolled-oats", portions=1)])
    done = complete_menu(menu, foods, targets, vegan, CompletionOptions())
    assert all("vegan" in foods.info.at[f, "tags"] for f in added(done))
    # B12 comes from animal foods only in foods.csv: the vegan menu can't reach it.
    assert [s.key for s in done.shortfalls] == ["vitamin_b12"]
    assert done.shortfalls[0].reason.startswith("vitamin B12: no 4 allowed foods give enough")


def test_unmeetable_vitamin_d_is_explained_with_a_best_partial_menu(foods, targets, breakfast):
    allowed = allowed_food_ids(foods, Exclusions(tags=frozenset({"fish", "contains-egg"})))
    options = CompletionOptions(include_vitamin_d=True, max_portions_per_food=1)
    done = complete_menu(breakfast, foods, targets, allowed, options)
    assert done.status == "partial"
    short = {s.key: s for s in done.shortfalls}
    assert "vitamin_d" in short
    reason = short["vitamin_d"].reason
    assert reason.startswith("vitamin D: no 4 allowed foods give enough within 1 portion each")
    assert "(best reachable: " in reason and "of 15 µg)" in reason
    assert_valid_completion(done, breakfast, foods, targets, allowed, options)
    # The partial menu still comes closer on every aimed-at nutrient.
    for key in done.aimed_at:
        assert (done.after[key].amount or 0) >= (done.before[key].amount or 0)
    assert done.after["vitamin_d"].amount > done.before["vitamin_d"].amount


def test_a_low_energy_cap_is_named_in_the_reasons(foods, targets, breakfast):
    allowed = allowed_food_ids(foods)
    # Six new foods reach every target without the cap (within 800 kcal too): 600 kcal binds.
    assert (
        complete_menu(
            breakfast, foods, targets, allowed, CompletionOptions(max_kcal=800, max_new_foods=6)
        ).status
        == "complete"
    )
    options = CompletionOptions(max_kcal=600, max_new_foods=6)
    done = complete_menu(breakfast, foods, targets, allowed, options)
    assert done.status == "partial"
    assert all("the 600 kcal cap" in s.reason for s in done.shortfalls)
    assert_valid_completion(done, breakfast, foods, targets, allowed, options)


def test_tap_water_only_for_the_water_target(foods, targets, breakfast):
    allowed = allowed_food_ids(foods)
    plain = complete_menu(breakfast, foods, targets, allowed, CompletionOptions())
    assert "tap-water" not in added(plain)
    wet = CompletionOptions(include_water=True, max_portions_per_food=4, max_new_foods=6)
    done = complete_menu(breakfast, foods, targets, allowed, wet)
    assert "tap-water" in added(done)
    assert_valid_completion(done, breakfast, foods, targets, allowed, wet)


def test_a_shortlist_stays_valid_and_no_lighter_than_the_full_search(
    foods, targets, breakfast, monkeypatch
):
    allowed = allowed_food_ids(foods)
    options = CompletionOptions(include_vitamin_d=True)
    full = complete_menu(breakfast, foods, targets, allowed, options)
    monkeypatch.setattr(completion_problem, "SHORTLIST_ABOVE", 30)
    monkeypatch.setattr(completion_problem, "PRICED", 20)
    short = complete_menu(breakfast, foods, targets, allowed, options)
    assert_valid_completion(short, breakfast, foods, targets, allowed, options)
    assert short.status == "complete"
    assert short.added_kcal >= full.added_kcal - 1e-6
    if not any("most promising" in n for n in short.notes):  # proven optimal: the same
        assert short.added_kcal == pytest.approx(full.added_kcal)


TAG_CHOICES = ("fish", "meat", "contains-dairy", "contains-nuts", "contains-gluten", "offal")


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_random_menus_complete_validly(foods, intakes, data):
    ids = list(foods.ids)
    picks = data.draw(st.lists(st.sampled_from(ids), max_size=6), label="foods")
    halves = data.draw(
        st.lists(st.integers(1, 6), min_size=len(picks), max_size=len(picks)), label="halves"
    )
    menu = Menu("Random", [MenuItem(f, portions=h / 2) for f, h in zip(picks, halves, strict=True)])
    profile = data.draw(
        st.sampled_from([Profile(), Profile("male", 30), Profile(pregnant=True, age=28)])
    )
    options = CompletionOptions(
        max_portions_per_food=data.draw(st.integers(1, 4), label="max portions"),
        max_new_foods=data.draw(st.integers(0, 5), label="max new foods"),
        include_vitamin_d=data.draw(st.booleans(), label="vitamin D"),
        objective=data.draw(st.sampled_from(["kcal", "grams"]), label="objective"),
    )
    tags = frozenset(data.draw(st.sets(st.sampled_from(TAG_CHOICES), max_size=3)))
    allowed = allowed_food_ids(foods, Exclusions(tags=tags), profile)
    targets = intakes.targets(profile)
    done = complete_menu(menu, foods, targets, allowed, options)
    assert_valid_completion(done, menu, foods, targets, allowed, options)
    banned = tags | ({"pregnancy-caution"} if profile.pregnant else set())
    for item in done.added:
        assert banned.isdisjoint(foods.info.at[item.food, "tags"])
    for shortfall in done.shortfalls:
        assert shortfall.reason.startswith(in_text(shortfall.key) + ": ")
    assert np.isfinite(done.added_grams)


def test_a_solution_coverage_rejects_is_solved_again_with_a_wider_margin(monkeypatch):
    # A first margin of -15 % stands for the solver's tolerance letting a row slip: it
    # accepts 3 portions of "cheap" (90 mg), which coverage finds short of 100 mg.
    monkeypatch.setattr(optimizer, "MARGINS", (-0.15, 1e-9))
    options = CompletionOptions(include=ONLY_MG, max_portions_per_food=4)
    done = complete_menu(Menu(), HAND, MG_TARGETS, HAND.ids, options)
    assert added(done) == {"cheap": 3.5}
    assert done.status == "complete"


@pytest.mark.parametrize(
    "profile",
    [Profile("female", 70), Profile("female", 2), Profile("male", 16), Profile(pregnant=True)],
)
def test_completion_never_crosses_a_guard_limit(foods, intakes, breakfast, profile):
    """Liver's retinol and copper, Brazil nuts' selenium: the guards' limits hold too."""
    targets = intakes.targets(profile)
    options = CompletionOptions(include_vitamin_d=True, max_new_foods=6)
    allowed = allowed_food_ids(foods, profile=profile)
    done = complete_menu(breakfast, foods, targets, allowed, options)
    assert_valid_completion(done, breakfast, foods, targets, allowed, options)
    after = compute_coverage(done.menu, foods, targets)
    for key in GUARD_KEYS:
        limit = targets[key].upper_limit
        if limit is not None:
            assert (after[key].amount or 0.0) <= limit, (key, after[key].amount, limit)


def test_a_guard_limit_rules_out_what_would_otherwise_be_lightest(foods, intakes, breakfast):
    """Without the retinol limit, chicken liver is the lightest B12 and folate: with it,
    no more than the limit's worth can be added."""
    targets = intakes.targets(Profile("female", 70))
    options = CompletionOptions(include_vitamin_d=True)
    allowed = allowed_food_ids(foods)
    unguarded = {k: t for k, t in targets.items() if k not in GUARD_KEYS}
    free = complete_menu(breakfast, foods, unguarded, allowed, options)
    guarded = complete_menu(breakfast, foods, targets, allowed, options)
    over = compute_coverage(free.menu, foods, targets)["retinol"].amount or 0.0
    kept = compute_coverage(guarded.menu, foods, targets)["retinol"].amount or 0.0
    assert over > 3000, "the test proves nothing unless the unguarded menu crosses the UL"
    assert kept <= 3000
