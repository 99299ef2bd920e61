"""Realistic servings: the kind of each food, its serving, its daily cap and its meals."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from planner.core.advice.servings import KINDS, OWN_PORTION_RANGE, kind_of, servings_of
from planner.core.data.foods import FoodTable
from planner.core.data.nutrients import KEYS
from planner.core.menus.menu import MEALS


@pytest.fixture(scope="module")
def table(foods):
    return servings_of(foods)


def serving(table, food: str) -> tuple[str, float, str, float]:
    """(kind, serving grams, serving as shown, daily cap) of one food."""
    row = table.position(food)
    return table.kinds[row], float(table.grams[row]), table.describe(row), float(table.cap_g[row])


def test_every_kind_has_a_serving_under_its_cap_and_real_meals():
    for key, kind in KINDS.items():
        assert kind.key == key
        assert 0 < kind.racc_g <= kind.cap_g, key
        assert kind.meals and set(kind.meals) <= set(MEALS), key
        assert len(set(kind.meals)) == len(kind.meals), key


@pytest.mark.parametrize(
    ("name", "group", "category", "tags", "kind"),
    [
        ("Dill", "", "vegetables", (), "herb"),
        ("Parsley, fresh", "Vegetables and Vegetable Products", "", (), "herb"),
        ("Spices, dill weed, dried", "Spices and Herbs", "", (), "spice"),
        ("Parsley, freeze-dried", "Spices and Herbs", "", (), "spice"),
        ("Dill, dried", "", "vegetables", (), "spice"),
        ("Spinach, raw", "Vegetables and Vegetable Products", "", (), "vegetable"),
        ("Molasses", "Sweets", "", (), "sweetener"),
        ("Honey", "", "pantry", (), "sweetener"),
        ("Prunes", "", "dried-fruit", (), "dried-fruit"),
        ("Plums, dried (prunes), uncooked", "Fruits and Fruit Juices", "", (), "dried-fruit"),
        ("Orange juice, raw", "Fruits and Fruit Juices", "", (), "juice"),
        ("Milk, whole", "Dairy and Egg Products", "", (), "milk"),
        ("Yogurt, plain", "Dairy and Egg Products", "", (), "yogurt"),
        ("Cheese, cheddar", "Dairy and Egg Products", "", (), "cheese"),
        ("Egg, whole, cooked, hard-boiled", "Dairy and Egg Products", "", (), "egg"),
        ("Peanut butter, smooth", "Legumes and Legume Products", "", (), "nut-butter"),
        ("Peanuts, all types, raw", "Legumes and Legume Products", "", (), "nut-seed"),
        ("Lentils, mature seeds, raw", "Legumes and Legume Products", "", (), "legume-dry"),
        ("Lentils, mature seeds, cooked, boiled", "Legumes and Legume Products", "", (), "legume"),
        ("Tofu, firm", "Legumes and Legume Products", "", (), "tofu"),
        ("Rice, brown, long-grain, raw", "Cereal Grains and Pasta", "", (), "grain-dry"),
        ("Rice, brown, long-grain, cooked", "Cereal Grains and Pasta", "", (), "grain"),
        ("Wheat bran, crude", "Cereal Grains and Pasta", "", (), "bran"),
        ("Bread, whole-wheat", "Baked Products", "", (), "bread"),
        ("Cookies, oatmeal", "Baked Products", "", (), "sweet-bakery"),
        ("Chicken, breast, meat only, raw", "Poultry Products", "", (), "meat-raw"),
        ("Chicken, breast, meat only, roasted", "Poultry Products", "", (), "meat"),
        ("Beef, liver, braised", "Beef Products", "", ("offal",), "offal"),
        ("Frankfurter, beef", "Sausages and Luncheon Meats", "", (), "cured-meat"),
        ("Chicken, roasted, sliced", "Sausages and Luncheon Meats", "", (), "meat"),
        ("Cod liver oil", "Fats and Oils", "", (), "fish-oil"),
        ("Olive oil", "Fats and Oils", "", (), "fat"),
        ("Water, tap, drinking", "Beverages", "", (), "water"),
        ("Almonds", "", "nuts-seeds", (), "nut-seed"),
        ("Something new", "", "", (), "other"),
    ],
)
def test_kind_of_a_food_from_its_name_group_and_aisle(name, group, category, tags, kind):
    assert kind_of(name, group, category, tags) == kind


def test_herbs_count_in_a_few_grams(table):
    # Dill's own "1 cup sprigs" (8.9 g) is over twice the 4 g reference serving.
    assert serving(table, "dill") == ("herb", 4.0, "4 g", 10.0)
    assert serving(table, "parsley") == ("herb", 4.0, "4 g", 10.0)


def test_a_portion_far_from_the_reference_gives_way_to_it(table):
    # A baked potato: "1 potato medium" is 173 g, over twice the 85 g reference.
    assert serving(table, "baked-potato") == ("vegetable", 85.0, "85 g", 170.0)
    # Spinach: "1 cup" raw is 30 g, under half of the 85 g vegetable serving.
    assert serving(table, "spinach") == ("vegetable", 85.0, "85 g", 170.0)


def test_a_portion_near_the_reference_is_the_serving(table):
    assert serving(table, "milk") == ("milk", 244.0, "1 cup, 244 g", 480.0)
    assert serving(table, "honey") == ("sweetener", 21.0, "1 tbsp, 21 g", 21.0)
    assert serving(table, "lentils") == ("legume", 198.0, "1 cup, 198 g", 260.0)
    assert serving(table, "tap-water") == ("water", 237.0, "1 serving 8 fl oz, 237 g", 2000.0)
    row = table.position("banana")
    assert table.names[row] == '1 medium (7" to 7-7/8" long)' and table.grams[row] == 118
    assert table.meals(row) == KINDS["fruit"].meals


def test_every_built_in_food_has_a_serving_within_its_cap(foods, table):
    assert table.ids == list(foods.ids)
    low, high = OWN_PORTION_RANGE
    for row, food in enumerate(table.ids):
        kind = KINDS[table.kinds[row]]
        grams, cap = float(table.grams[row]), float(table.cap_g[row])
        assert cap == kind.cap_g and 0 < grams <= cap, food
        if table.names[row]:  # its own portion: near the reference, under the cap
            assert table.names[row] == foods.cell(food, "portion_name")
            assert grams == foods.portion_g(food)
            assert low * kind.racc_g <= grams <= high * kind.racc_g, food
        else:
            assert grams == kind.racc_g, food


def made_up(rows: dict[str, tuple[str, str, str, float]]) -> FoodTable:
    """Foods of ``{id: (name, USDA group, portion name, portion grams)}``, no values."""
    ids = pd.Index(list(rows), name="id")
    info = pd.DataFrame(
        {
            "name": [rows[i][0] for i in ids],
            "category": "pantry",
            "usda_food_group": [rows[i][1] for i in ids],
            "portion_name": [rows[i][2] for i in ids],
            "portion_g": [rows[i][3] for i in ids],
            "tags": [() for _ in ids],
        },
        index=ids,
    )
    return FoodTable.from_frames(info, pd.DataFrame(index=ids, columns=list(KEYS)))


def test_imported_molasses_is_a_spoonful_not_a_cup():
    # SR28's largest household measure for molasses is a cup (337 g); a sweetener's
    # serving is the 21 g reference (a tablespoon), and a day holds no more than that.
    foods = made_up({"molasses": ("Molasses", "Sweets", "1 cup", 337.0)})
    table = servings_of(foods)
    assert serving(table, "molasses") == ("sweetener", 21.0, "21 g", 21.0)


@pytest.mark.parametrize(
    ("portion_g", "own"),
    [
        (15.0, True),  # half the 30 g reference
        (14.9, False),
        (60.0, True),  # twice the reference, and the 60 g cap
        (60.1, False),
        (math.nan, False),  # no household portion at all
    ],
)
def test_the_own_portion_range_for_nuts(portion_g, own):
    foods = made_up({"nuts": ("Mixed nuts", "Nut and Seed Products", "1 scoop", portion_g)})
    table = servings_of(foods)
    expected = (portion_g, "1 scoop, " + f"{portion_g:g} g") if own else (30.0, "30 g")
    assert (table.grams[0], table.describe(0)) == expected
    assert bool(table.names[0]) is own


def test_a_portion_within_twice_the_reference_but_over_the_cap_is_not_the_serving():
    # Sweeteners: 21 g reference, 21 g cap. A 40 g "2 tbsp" is under twice the reference
    # but over the cap, so a serving stays 21 g.
    foods = made_up({"syrup": ("Maple syrup", "Sweets", "2 tbsp", 40.0)})
    table = servings_of(foods)
    assert serving(table, "syrup") == ("sweetener", 21.0, "21 g", 21.0)
