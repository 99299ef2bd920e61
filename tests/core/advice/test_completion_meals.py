"""Where a completion's foods go: the meal each belongs to, or the row already holding it."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from planner.core.advice.completion_meals import Addition, completed_menu, place
from planner.core.advice.servings import KINDS, servings_of
from planner.core.data.foods import FoodTable
from planner.core.data.nutrients import KEYS
from planner.core.menus.menu import Menu, MenuItem


@pytest.fixture(scope="module")
def servings(foods):
    return servings_of(foods)


def test_new_foods_spread_over_the_meals_of_their_kind(foods, servings):
    menu = Menu(
        "Day",
        [
            MenuItem("rolled-oats", "breakfast", portions=1),
            MenuItem("milk", "breakfast", portions=1),
            MenuItem("white-rice", "lunch", grams=158),
        ],
    )
    assert KINDS["fruit"].meals == ("breakfast", "snack")
    assert KINDS["legume"].meals == ("lunch", "dinner")
    assert KINDS["nut-seed"].meals == ("snack", "breakfast")
    picks = [
        ("banana", 2, 118.0),  # breakfast holds two foods, the snack none: the snack
        ("kiwi", 2, 140.0),  # the snack holds one now, breakfast two: the snack again
        ("lentils", 1, 99.0),  # lunch holds one, dinner none: dinner
        ("chickpeas", 2, 164.0),  # lunch 1, dinner 1: a tie goes to the first, lunch
        ("almonds", 1, 14.175),  # snack 2, breakfast 2: a tie, the snack
    ]
    additions = place(menu, foods, servings, picks)
    assert [(a.food, a.meal, a.position) for a in additions] == [
        ("banana", "snack", None),
        ("kiwi", "snack", None),
        ("lentils", "dinner", None),
        ("chickpeas", "lunch", None),
        ("almonds", "snack", None),
    ]
    assert [a.grams for a in additions] == [118.0, 140.0, 99.0, 164.0, 14.175]
    # A food whose serving is its own portion counts in portions (half-servings / 2);
    # one whose serving is the reference amount (kiwi: 140 g) counts in grams.
    items = {a.food: a.item for a in additions}
    assert items["banana"] == MenuItem("banana", "snack", portions=1.0)
    assert items["kiwi"] == MenuItem("kiwi", "snack", grams=140.0)
    assert items["lentils"] == MenuItem("lentils", "dinner", portions=0.5)
    assert items["almonds"] == MenuItem("almonds", "snack", portions=0.5)
    for addition in additions:
        assert not addition.raises
        assert addition.item.grams_of(foods) == pytest.approx(addition.grams)


def test_an_explicit_meal_is_honoured(foods, servings):
    menu = Menu("Day", [MenuItem("banana", "dinner", grams=118)])
    picks = [("lentils", 2, 198.0), ("kiwi", 1, 70.0), ("almonds", 2, 28.35)]
    additions = place(menu, foods, servings, picks, meal="breakfast")
    assert [a.meal for a in additions] == ["breakfast"] * 3
    assert all(a.item.meal == "breakfast" for a in additions)


def test_a_food_on_the_menu_raises_its_first_row_in_that_rows_unit(foods, servings):
    menu = Menu(
        "Day",
        [
            MenuItem("milk", "breakfast", portions=1),
            MenuItem("banana", "lunch", grams=100),
            MenuItem("milk", "dinner", grams=100),
        ],
    )
    # Half a serving of milk (122 g: half its own 244 g cup), two of banana (2 x 59 g).
    additions = place(menu, foods, servings, [("milk", 1, 122.0), ("banana", 2, 118.0)], "snack")
    milk, banana = additions
    assert milk == Addition(
        "milk", 122.0, "breakfast", MenuItem("milk", "breakfast", portions=1.5), 0
    )
    assert banana == Addition("banana", 118.0, "lunch", MenuItem("banana", "lunch", grams=218.0), 1)
    assert milk.raises and banana.raises

    done = completed_menu(menu, additions)
    assert done.name == "Day"
    assert done.items == [milk.item, banana.item, menu.items[2]]  # raised in place, no new rows


def test_completed_menu_appends_new_rows_after_the_raised_ones(foods, servings):
    menu = Menu("Day", [MenuItem("banana", "breakfast", portions=1)])
    additions = place(menu, foods, servings, [("lentils", 2, 198.0), ("banana", 1, 59.0)])
    assert [a.raises for a in additions] == [False, True]
    done = completed_menu(menu, additions)
    assert done.items == [
        MenuItem("banana", "breakfast", portions=1.5),
        MenuItem("lentils", "lunch", portions=1.0),
    ]
    assert menu.items == [MenuItem("banana", "breakfast", portions=1)]  # not changed


def test_a_row_in_portions_of_unknown_weight_gets_a_new_row_in_grams():
    ids = pd.Index(["mix"], name="id")
    info = pd.DataFrame(
        {
            "name": ["Trail mix"],
            "category": "nuts-seeds",
            "portion_name": [""],
            "portion_g": [math.nan],
            "tags": [()],
        },
        index=ids,
    )
    foods = FoodTable.from_frames(info, pd.DataFrame(index=ids, columns=list(KEYS)))
    menu = Menu("Day", [MenuItem("mix", "breakfast", portions=1)])
    (addition,) = place(menu, foods, servings_of(foods), [("mix", 2, 30.0)])
    assert not addition.raises
    assert addition.item == MenuItem("mix", "snack", grams=30.0)
