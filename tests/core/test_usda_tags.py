"""Tags of imported SR28 foods, from their food group and name (SR28's own wording)."""

from __future__ import annotations

import pytest

from planner.core.categories import TAGS
from planner.core.usda_tags import usda_tags

PLANT = ("vegan", "vegetarian")


@pytest.mark.parametrize(
    ("group", "name", "tags"),
    [
        # Allergens: tree nuts by SR28's "Nuts," and by name anywhere; seeds are not nuts.
        ("Nut and Seed Products", "Nuts, almonds", (*PLANT, "contains-nuts")),
        ("Nut and Seed Products", "Nuts, almond butter, plain, without salt added",
         (*PLANT, "contains-nuts")),
        ("Nut and Seed Products", "Seeds, sesame butter, tahini, from raw and stone ground "
         "kernels", PLANT),
        ("Breakfast Cereals", "Cereals ready-to-eat, POST, HONEY BUNCHES OF OATS, with almonds",
         ("contains-nuts",)),
        ("Vegetables and Vegetable Products", "Waterchestnuts, chinese, (matai), raw", PLANT),
        ("Vegetables and Vegetable Products", "Squash, winter, butternut, raw", PLANT),
        ("Legumes and Legume Products", "Peanuts, all types, raw", (*PLANT, "contains-peanuts")),
        ("Legumes and Legume Products", "Peanut butter, smooth style, without salt",
         (*PLANT, "contains-peanuts")),
        ("Legumes and Legume Products", "Tofu, raw, firm, prepared with calcium sulfate",
         (*PLANT, "contains-soy")),
        # Gluten by name, and every baked good but corn ones and those said gluten-free.
        ("Cereal Grains and Pasta", "Pasta, dry, enriched", (*PLANT, "contains-gluten")),
        ("Cereal Grains and Pasta", "Noodles, egg, dry, enriched", ("vegetarian",
         "contains-egg", "contains-gluten")),
        ("Cereal Grains and Pasta", "Rice noodles, cooked", PLANT),
        ("Cereal Grains and Pasta", "Noodles, chinese, cellophane or long rice (mung beans), "
         "dehydrated", PLANT),
        ("Baked Products", "Bread, white, commercially prepared (includes soft bread crumbs)",
         ("contains-gluten",)),
        ("Baked Products", "Tortillas, ready-to-bake or -fry, corn", ()),
        ("Baked Products", "Bread, gluten-free, white, made with rice flour, corn starch, "
         "and/or tapioca", ()),
        # Dairy, and what only looks like it.
        ("Dairy and Egg Products", "Cheese, goat, soft type", ("vegetarian", "contains-dairy")),
        ("Dairy and Egg Products", "Egg, whole, raw, fresh", ("vegetarian", "contains-egg")),
        ("Dairy and Egg Products", "Eggnog", ("vegetarian", "contains-dairy", "contains-egg")),
        ("Nut and Seed Products", "Nuts, coconut milk, raw (liquid expressed from grated meat "
         "and water)", (*PLANT, "contains-nuts")),
        ("Fruits and Fruit Juices", "Apple butter", PLANT),
        ("Vegetables and Vegetable Products", "Potatoes, mashed, home-prepared, whole milk and "
         "butter added", ("vegetarian", "contains-dairy")),
        ("Vegetables and Vegetable Products", "Eggplant, raw", PLANT),
        ("Sweets", "Honey", ()),
        ("Fruits and Fruit Juices", "Figs, dried, stewed", PLANT),
        # Fish and shellfish; names that only look like them.
        ("Finfish and Shellfish Products", "Fish, salmon, Atlantic, wild, raw", ("fish",)),
        ("Finfish and Shellfish Products", "Crustaceans, shrimp, mixed species, raw (may have "
         "been previously frozen)", ("shellfish",)),
        ("Finfish and Shellfish Products", "Mollusks, mussel, blue, raw", ("shellfish",)),
        ("Vegetables and Vegetable Products", "Mushrooms, oyster, raw", PLANT),
        ("American Indian/Alaska Native Foods", "Fish, herring eggs, Pacific, dry (Alaska "
         "Native)", ("fish",)),
        # Meat, offal and the pregnancy caution (vitamin A in liver, mercury in some fish).
        ("Beef Products", "Beef, variety meats and by-products, liver, raw",
         ("meat", "offal", "pregnancy-caution")),
        ("Beef Products", "Beef, variety meats and by-products, tongue, raw", ("meat", "offal")),
        ("Sausages and Luncheon Meats", "Braunschweiger (a liver sausage), pork",
         ("meat", "offal", "pregnancy-caution")),
        ("Fats and Oils", "Fish oil, cod liver", ("fish", "offal", "pregnancy-caution")),
        ("Finfish and Shellfish Products", "Fish, swordfish, raw", ("fish", "pregnancy-caution")),
        ("Finfish and Shellfish Products", "Fish, mackerel, king, raw",
         ("fish", "pregnancy-caution")),
        ("Finfish and Shellfish Products", "Fish, mackerel, Atlantic, raw", ("fish",)),
        ("Legumes and Legume Products", "Beans, kidney, red, mature seeds, raw", PLANT),
        ("Vegetables and Vegetable Products", "Hearts of palm, raw", PLANT),
        # A plant food "with" meat has it; a meat substitute is no meat, nor called vegan.
        ("Legumes and Legume Products", "Beans, baked, canned, with pork", ("meat",)),
        ("Legumes and Legume Products", "MORNINGSTAR FARMS Breakfast Sausage Links, frozen, "
         "unprepared", ("vegetarian",)),
        ("Sweets", "Gelatin desserts, dry mix", ()),
    ],
)  # fmt: skip
def test_tags_follow_the_group_and_the_name(group, name, tags):
    assert usda_tags(group, name) == tags
    assert set(tags) <= set(TAGS)


def test_no_food_is_both_vegan_and_of_animal_origin():
    animal = {"meat", "fish", "shellfish", "contains-dairy", "contains-egg", "offal"}
    for group, name in [
        ("Vegetables and Vegetable Products", "Soup, cream of celery, with milk"),
        ("Legumes and Legume Products", "Chili with beans, canned, with beef"),
        ("Cereal Grains and Pasta", "Macaroni and cheese, dry mix"),
        ("Spices and Herbs", "Spices, anchovy paste"),
    ]:
        tags = set(usda_tags(group, name))
        assert tags & animal and "vegan" not in tags, (name, tags)
