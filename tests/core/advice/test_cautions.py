"""The reasons a food is never suggested or a caution in pregnancy; a menu's cautions."""

from __future__ import annotations

import pytest

from planner.core.advice.cautions import (
    NEVER_SUGGESTED,
    POTASSIUM_CAUTION,
    PREGNANCY_REASONS,
    UNEXPLAINED,
    menu_cautions,
    never_suggested_reason,
    pregnancy_reasons,
)
from planner.core.data.categories import TAGS
from planner.core.data.profile import Profile
from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.usda_tags import usda_tags

PREGNANT = Profile(sex="female", age=30, pregnant=True)


def test_every_reason_is_for_a_known_tag():
    assert set(NEVER_SUGGESTED) <= set(TAGS) and set(PREGNANCY_REASONS) <= set(TAGS)
    assert "infant-food" in TAGS


@pytest.mark.parametrize(
    ("food", "word", "not_word"),
    [
        ("beef-liver", "vitamin A", "mercury"),
        ("chicken-liver", "vitamin A", "mercury"),
        ("liver-sausage", "vitamin A", "mercury"),
        ("cod-liver-oil", "vitamin A", "mercury"),  # a fish oil, yet its caution is retinol
        ("sprouted-wheat", "listeria", "vitamin A"),
        ("kelp", "iodine", "mercury"),
    ],
)
def test_built_in_foods_have_their_own_pregnancy_reason(foods, food, word, not_word):
    reasons = " ".join(pregnancy_reasons(foods.cell(food, "tags")))
    assert word in reasons and not_word not in reasons


def test_liver_sausage_has_both_vitamin_a_and_listeria(foods):
    reasons = pregnancy_reasons(foods.cell("liver-sausage", "tags"))
    assert len(reasons) == 2 and "listeria" in reasons[1]


def test_built_in_foods_without_a_caution_have_no_reason(foods):
    flagged = {f for f in foods.ids if pregnancy_reasons(foods.cell(f, "tags"))}
    assert flagged == {
        "beef-liver",
        "pork-liver",
        "chicken-liver",
        "liver-sausage",
        "cod-liver-oil",
        "sprouted-wheat",
        "kelp",
    }


@pytest.mark.parametrize(
    ("group", "name", "word"),
    [
        ("Beef Products", "Beef, variety meats and by-products, liver, raw", "vitamin A"),
        ("Fats and Oils", "Fish oil, cod liver", "vitamin A"),
        ("Finfish and Shellfish Products", "Fish, swordfish, raw", "mercury"),
        ("Finfish and Shellfish Products", "Fish, shark, mixed species, raw", "mercury"),
        ("Finfish and Shellfish Products", "Fish, roughy, orange, raw", "mercury"),
        ("American Indian/Alaska Native Foods", "Whale, beluga, meat, dried (Alaska Native)",
         "Marine-mammal meat"),
        ("Vegetables and Vegetable Products", "Alfalfa seeds, sprouted, raw", "listeria"),
        ("Sausages and Luncheon Meats", "Ham salad spread", "listeria"),
        ("Finfish and Shellfish Products", "Fish, salmon, chinook, smoked", "listeria"),
        ("Vegetables and Vegetable Products", "Seaweed, wakame, raw", "iodine"),
    ],
)  # fmt: skip
def test_sr28_foods_have_their_own_pregnancy_reason(group, name, word):
    reasons = " ".join(pregnancy_reasons(usda_tags(group, name)))
    assert word in reasons
    if word != "vitamin A":
        assert "vitamin A" not in reasons


def test_a_caution_without_a_reason_tag_says_so():
    assert pregnancy_reasons(("pregnancy-caution",)) == (UNEXPLAINED,)
    assert pregnancy_reasons(("fish", "meat")) == ()


def test_never_suggested_reasons(foods):
    assert "seasoning" in never_suggested_reason(foods.cell("table-salt", "tags"))
    assert "seaweed" in never_suggested_reason(foods.cell("kelp", "tags"))
    assert never_suggested_reason(foods.cell("banana", "tags")) == ""
    assert "alcoholic" in never_suggested_reason(
        usda_tags("Beverages", "Beverages, Malt liquor beverage")
    )


def test_the_potassium_caution_names_the_conditions_and_drugs():
    for words in ("kidney disease", "potassium-sparing diuretic", "ACE inhibitor", "ARB"):
        assert words in POTASSIUM_CAUTION


def test_pregnancy_flags_the_foods_already_on_a_menu(foods):
    menu = Menu(
        "x",
        [
            MenuItem("beef-liver", "dinner", portions=1),
            MenuItem("banana", "breakfast", portions=1),
            MenuItem("sprouted-wheat", "lunch", grams=30),
            MenuItem("beef-liver", "lunch", grams=20),
        ],
    )
    assert menu_cautions(menu, foods, Profile(sex="female", age=30)) == []
    (caution,) = menu_cautions(menu, foods, PREGNANT)
    assert caution.kind == "pregnancy"
    assert caution.foods == ("beef-liver", "sprouted-wheat")
    assert "Beef liver, pan-fried (preformed vitamin A)" in caution.message
    assert "Wheat, sprouted (listeria)" in caution.message
