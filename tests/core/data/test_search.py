"""The food search's ranking: what a person types, and the food they mean, first.

Two lists: the built-in table alone, and with the shared USDA SR28 zip imported (8,889
foods; skipped when the zip is absent). Each entry is a query and the food that must come
first for it. The imported list holds the queries that went wrong before the ranking:
"milk", "egg", "banana" opened on baby foods, "spinach" on a branded pizza, "white rice"
on a gluten-free bread.
"""

from __future__ import annotations

import numpy as np
import pytest

from planner.core.data.foods_csv import load_foods
from planner.core.data.search import SearchIndex, ranked_ids
from planner.core.storage.catalog import load_catalog
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.core.storage.usda_import import import_usda
from planner.paths import FOODS_CSV, SR28_ZIP

BUILT_IN = [
    ("banana", "banana"),
    ("bananas", "banana"),
    ("BAN", "banana"),
    ("bànàna", "banana"),
    ("kiwi", "kiwi"),
    ("orange", "orange"),
    ("grapes", "grapes"),
    ("grape", "grapes"),
    ("cherries", "cherries"),
    ("cherry", "cherries"),
    ("raspberries", "raspberries"),
    ("plum", "plums"),
    ("raisins", "raisins"),
    ("prune", "prunes"),
    ("apricot", "dried-apricots"),
    ("figs", "dried-figs"),
    ("dates", "dates"),
    ("tomato", "tomatoes"),
    ("boiled potatoes", "potatoes"),
    ("potatoes", "baked-potato"),
    ("spinach", "spinach"),
    ("spin", "spinach"),
    ("seaweed", "kelp"),
    ("mushrooms", "white-mushrooms"),
    ("lentils", "lentils"),
    ("chickpeas", "chickpeas"),
    ("black beans", "black-beans"),
    ("kidney beans", "kidney-beans"),
    ("almonds", "almonds"),
    ("walnut", "walnuts"),
    ("brazil", "brazil-nuts"),
    ("pumpkin seeds", "pumpkin-seeds"),
    ("pumpkin", "pumpkin"),
    ("sunflower", "sunflower-seeds"),
    ("peanut", "peanuts"),
    ("white rice", "white-rice"),
    ("brown rice", "brown-rice"),
    # Ambiguous: any plain cooked rice is what a person means.
    ("rice", ("white-rice", "white-rice-enriched", "brown-rice")),
    ("oats", "rolled-oats"),
    ("bread", "rye-bread"),
    ("whole wheat bread", "whole-wheat-bread"),
    ("milk", "milk"),
    ("yogurt", "yogurt"),
    ("cheese", "cheddar"),
    ("swiss", "swiss-cheese"),
    ("egg", "egg"),
    ("eggs", "egg"),
    ("beef liver", "beef-liver"),
    ("chicken breast", "chicken-breast"),
    ("salmon", "salmon"),
    ("cod", "cod"),
    ("tuna", "tuna"),
    ("sardines", "sardines"),
    ("honey", "honey"),
    ("salt", "table-salt"),
    ("water", "tap-water"),
    ("cocoa", "cocoa-powder"),
    ("chocolate", "dark-chocolate"),
]

IMPORTED = [
    *[(q, f) for q, f in BUILT_IN if q not in ("plum",)],  # the built-in food still first
    ("apple", "usda-09003"),  # Apples, raw, with skin
    ("apples", "usda-09003"),
    ("carrot", "usda-11124"),  # Carrots, raw
    ("carrots", "usda-11124"),
    ("broccoli", "usda-11090"),  # Broccoli, raw
    ("onion", "usda-11282"),  # Onions, raw
    ("garlic", "usda-11215"),  # Garlic, raw
    ("kale", "usda-11233"),  # Kale, raw
    ("strawberries", "usda-09316"),  # Strawberries, raw
    ("blueberries", "usda-09050"),  # Blueberries, raw
    ("orange juice", "usda-09206"),  # Orange juice, raw
    ("butter", "usda-01001"),  # Butter, salted
    ("olive oil", "usda-04053"),  # Oil, olive, salad or cooking
    ("sweet potato", "usda-11507"),  # Sweet potato, raw, unprepared
    ("ice cream", "usda-19095"),  # Ice creams, vanilla
    ("cheerios", "usda-08013"),  # a brand named: Cereals ready-to-eat, GENERAL MILLS, CHEERIOS
]


def first(foods, query: str) -> str:
    found = ranked_ids(foods, query)
    assert found, f"nothing found for {query!r}"
    return found[0]


@pytest.fixture(scope="module")
def built_in():
    return load_foods(FOODS_CSV)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    if not SR28_ZIP.exists():
        pytest.skip(f"the shared SR28 zip is not at {SR28_ZIP}")
    library = Library(tmp_path_factory.mktemp("sr28") / LIBRARY_FILE)
    try:
        import_usda(SR28_ZIP, library)
        return load_catalog(library=library)
    finally:
        library.close()


def test_the_lists_are_long_enough():
    assert len(BUILT_IN) >= 40 and len(IMPORTED) >= 40


@pytest.mark.parametrize(("query", "meant"), BUILT_IN)
def test_the_food_meant_comes_first_in_the_built_in_table(built_in, query, meant):
    assert first(built_in, query) in _acceptable(meant)


def _acceptable(meant: str | tuple[str, ...]) -> tuple[str, ...]:
    return meant if isinstance(meant, tuple) else (meant,)


@pytest.mark.parametrize(("query", "meant"), IMPORTED)
def test_the_food_meant_comes_first_with_the_usda_table(imported, query, meant):
    assert first(imported, query) in _acceptable(meant), [
        imported.name(f) for f in ranked_ids(imported, query)[:5]
    ]


def test_plain_foods_come_before_baby_branded_fast_and_restaurant_ones(imported):
    index = SearchIndex(imported)
    groups = imported.info["usda_food_group"]
    for query in ("banana", "milk", "egg", "spinach", "chicken", "rice", "potato"):
        found = ranked_ids(imported, query)
        demoted = index.demoted[imported.positions(found)]
        # Every demoted food comes after every plain one.
        assert demoted.any() and not demoted[: int((~demoted).sum())].any(), query
    found = ranked_ids(imported, "apple")
    assert groups[found[0]] != "Baby Foods"


def test_naming_a_kind_of_food_brings_it_forward(imported):
    groups = imported.info["usda_food_group"]
    assert groups[first(imported, "babyfood banana")] == "Baby Foods"
    assert groups[first(imported, "restaurant")] == "Restaurant Foods"
    assert "KFC" in imported.name(first(imported, "kfc chicken"))


def test_a_brand_is_a_word_written_only_in_capitals(imported):
    index = SearchIndex(imported)
    position = imported.position
    assert index.demoted[position("usda-08013")]  # GENERAL MILLS, CHEERIOS
    # "RICE" of "RALSTON CRISP RICE" is not a brand: "rice" is written plainly elsewhere.
    assert not index.demoted[position("usda-20044")]  # Rice, white, long-grain, raw


def test_a_word_in_parentheses_of_a_description_is_not_the_food(imported):
    # "Cream, fluid, light (coffee cream or table cream)" is not coffee.
    assert first(imported, "coffee") != "cream"
    assert "coffee" in imported.name(first(imported, "coffee")).casefold()


def test_every_typed_word_must_start_a_word(built_in):
    assert ranked_ids(built_in, "nana") == []
    assert ranked_ids(built_in, "pumpkin banana") == []
    index = SearchIndex(built_in)
    mask = index.matches("seeds pumpkin")
    assert list(built_in.ids[mask]) == ["pumpkin-seeds"]


def test_an_empty_query_keeps_the_tables_order_and_among_limits_the_foods(built_in):
    index = SearchIndex(built_in)
    assert list(index.ranked("  ")) == list(range(len(built_in)))
    among = np.array([c == "fruit" for c in built_in.column("category")])
    ranked = index.ranked("a", among)
    assert len(ranked) and among[ranked].all()
