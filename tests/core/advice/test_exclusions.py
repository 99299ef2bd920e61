"""Which foods may be suggested: excluded tags and foods, a required diet, pregnancy."""

from __future__ import annotations

import pytest

from planner.core.advice.cautions import NEVER_SUGGESTED, never_suggested_reason
from planner.core.advice.exclusions import Exclusions, allowed_food_ids, water_only_ids
from planner.core.data.foods import FoodTable
from planner.core.data.profile import Profile
from planner.core.errors import InputError


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
    assert {"cod-liver-oil", "liver-sausage", "beef-liver", "sprouted-wheat"} <= left_out
    assert all("pregnancy-caution" in foods.info.at[f, "tags"] for f in left_out)
    # Every food but the never-suggested table salt and kelp.
    assert set(foods.ids) - set(other) == {"table-salt", "kelp"}


def test_a_reason_tag_alone_rules_a_food_out_in_pregnancy(tiny_foods):
    """A custom food marked only "listeria-risk" is left out in pregnancy too."""
    info = tiny_foods.info.copy()
    info.at["cheese", "tags"] = ("listeria-risk",)
    table = FoodTable(info, tiny_foods.values)
    pregnant = allowed_food_ids(table, profile=Profile(pregnant=True, age=30))
    assert "cheese" not in pregnant and "cheese" in allowed_food_ids(table, profile=Profile())


@pytest.mark.parametrize("tag", sorted(NEVER_SUGGESTED))
def test_never_suggested_tags_pass_for_no_profile_and_no_exclusions(tiny_foods, tag):
    info = tiny_foods.info.copy()
    info.at["apple", "tags"] = (*info.at["apple", "tags"], tag)
    table = FoodTable(info, tiny_foods.values)
    for profile in (None, Profile(age=0.5), Profile(age=30), Profile(age=30, pregnant=True)):
        allowed = allowed_food_ids(table, Exclusions(), profile)
        assert "apple" not in allowed and "cheese" in allowed, (tag, profile)
    assert never_suggested_reason(info.at["apple", "tags"])


def test_infant_foods_pass_only_under_one_year(tiny_foods):
    info = tiny_foods.info.copy()
    info.at["apple", "tags"] = ("infant-food",)
    table = FoodTable(info, tiny_foods.values)
    assert "apple" in allowed_food_ids(table, profile=Profile(age=0.5))
    assert never_suggested_reason(("infant-food",), Profile(age=0.5)) == ""
    for age in (1, 2, 30, 80):
        assert "apple" not in allowed_food_ids(table, profile=Profile(age=age))
        assert "infant" in never_suggested_reason(("infant-food",), Profile(age=age))
    assert "apple" not in allowed_food_ids(table)  # no profile: anyone's


def test_tap_water_is_the_water_only_food(foods):
    assert list(water_only_ids(foods)) == ["tap-water"]
    assert "tap-water" in allowed_food_ids(foods)


def test_seasonings_are_never_suggested_or_added(foods):
    """Table salt: 0 kcal, so a calorie-minimising completion would use it for trace gaps."""
    from planner.core.advice.optimizer import complete_menu
    from planner.core.data.intakes import ReferenceIntakes
    from planner.core.menus.menu import Menu, MenuItem
    from planner.paths import REFERENCE_INTAKES_CSV

    assert "seasoning" in foods.info.at["table-salt", "tags"]
    allowed = allowed_food_ids(foods)
    assert "table-salt" not in allowed and "banana" in allowed
    targets = ReferenceIntakes.load(REFERENCE_INTAKES_CSV).targets(Profile("female", 55))
    menu = Menu("x", [MenuItem("rolled-oats", "breakfast", portions=1)])
    completion = complete_menu(menu, foods, targets, allowed)
    assert "table-salt" not in {i.food for i in completion.added}
