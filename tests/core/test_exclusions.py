"""Which foods may be suggested: excluded tags and foods, a required diet, pregnancy."""

from __future__ import annotations

import pytest

from planner.core.errors import InputError
from planner.core.exclusions import Exclusions, allowed_food_ids, water_only_ids
from planner.core.profile import Profile


def test_nothing_excluded_allows_every_food(tiny_foods):
    assert list(allowed_food_ids(tiny_foods)) == ["apple", "cheese", "mystery"]


def test_tags_foods_and_required_tags(tiny_foods):
    no_dairy = Exclusions(tags=frozenset({"contains-dairy"}))
    assert list(allowed_food_ids(tiny_foods, no_dairy)) == ["apple", "mystery"]
    no_apple = Exclusions(foods=frozenset({"apple"}))
    assert list(allowed_food_ids(tiny_foods, no_apple)) == ["cheese", "mystery"]
    vegan = Exclusions(require_tags=frozenset({"vegan"}))
    assert list(allowed_food_ids(tiny_foods, vegan)) == ["apple", "mystery"]
    both = Exclusions(require_tags=frozenset({"vegan", "vegetarian"}))
    assert list(allowed_food_ids(tiny_foods, both)) == ["apple"]


def test_unknown_tags_are_named():
    with pytest.raises(InputError, match="tags: unknown tag 'fishy'"):
        Exclusions(tags=frozenset({"fishy"}))
    with pytest.raises(InputError, match="require_tags: unknown tag 'keto'"):
        Exclusions(require_tags=frozenset({"keto"}))


def test_pregnancy_excludes_the_caution_tag(foods):
    pregnant = allowed_food_ids(foods, profile=Profile(pregnant=True, age=30))
    other = allowed_food_ids(foods, profile=Profile())
    left_out = set(other) - set(pregnant)
    assert {"cod-liver-oil", "liver-sausage"} <= left_out
    assert all("pregnancy-caution" in foods.info.at[f, "tags"] for f in left_out)
    assert len(other) == len(foods) - 1  # every food but the seasoning (table salt)


def test_tap_water_is_the_water_only_food(foods):
    assert list(water_only_ids(foods)) == ["tap-water"]
    assert "tap-water" in allowed_food_ids(foods)


def test_seasonings_are_never_suggested_or_added(foods):
    """Table salt: 0 kcal, so a calorie-minimising completion would use it for trace gaps."""
    from planner.core.intakes import ReferenceIntakes
    from planner.core.menu import Menu, MenuItem
    from planner.core.optimizer import complete_menu
    from planner.paths import REFERENCE_INTAKES_CSV

    assert "seasoning" in foods.info.at["table-salt", "tags"]
    allowed = allowed_food_ids(foods)
    assert "table-salt" not in allowed and "banana" in allowed
    targets = ReferenceIntakes.load(REFERENCE_INTAKES_CSV).targets(Profile("female", 55))
    menu = Menu("x", [MenuItem("rolled-oats", "breakfast", portions=1)])
    completion = complete_menu(menu, foods, targets, allowed)
    assert "table-salt" not in {i.food for i in completion.added}
