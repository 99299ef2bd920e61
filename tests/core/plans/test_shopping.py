"""Shopping lists: sums over days and people, refuse, purchase units, aisles, marks, recipes."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.data.categories import AISLES
from planner.core.data.foods import FoodTable
from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.people import household_of
from planner.core.plans.plan import Day, Plan
from planner.core.plans.shopping import UNIT_SLACK, fmt_weight, shopping_list
from planner.core.plans.shopping_state import ShoppingState


def _table(**foods: dict) -> FoodTable:
    """A food table of made-up foods; each keyword is a food id and its info fields."""
    base = {
        "name": "Food",
        "category": "fruit",
        "portion_g": 100.0,
        "refuse_pct": 0.0,
        "purchase_unit": "piece",
        "purchase_unit_g": 100.0,
        "tags": (),
    }
    info = pd.DataFrame.from_dict({k: {**base, **v} for k, v in foods.items()}, orient="index")
    info.index.name = "id"
    return FoodTable.from_frames(info, pd.DataFrame(index=info.index))


def _plan(days: list[list[MenuItem]], people: int = 1) -> Plan:
    return Plan(
        "Test",
        household_of(people),
        [Day(f"D{n}", Menu(f"D{n}", items)) for n, items in enumerate(days)],
    )


def _every_day(n_days: int, *items: MenuItem, people: int = 1) -> Plan:
    return _plan([list(items) for _ in range(n_days)], people)


def test_banana_peel_people_and_pieces(foods):
    plan = _every_day(7, MenuItem("banana", portions=1), people=2)
    row = shopping_list(plan, foods).rows.loc["banana"]
    assert foods.info.at["banana", "refuse_pct"] == 36
    assert row["edible_g"] == pytest.approx(14 * 118)
    # foods.csv's factor is 100/64 written with 3 decimals (1.563).
    assert row["as_bought_g"] == pytest.approx(14 * 118 / 0.64, rel=1e-3)
    # 2581 g as bought, 184.4 g a banana: 13.998 bananas, so 14.
    assert row["units"] == 14
    assert row["unit"] == "piece"
    assert row["quantity"] == "14 pieces (about 2.6 kg)"
    assert row["aisle"] == "Fruit"


def test_loose_food_in_kilograms_not_rounded(foods):
    plan = _every_day(2, MenuItem("potatoes", grams=250))
    row = shopping_list(plan, foods).rows.loc["potatoes"]
    factor = foods.info.at["potatoes", "as_bought_factor"]
    assert row["units"] == pytest.approx(500 * factor / 1000)
    assert row["unit"] == "kg"
    # SR28's "1 potato (2-1/2" dia, sphere)" weighs 136 g: 500 g is about 4 of them.
    assert row["quantity"] == f"{fmt_weight(row['as_bought_g'])} (about 4 pieces)"


def test_whole_vegetables_give_a_piece_count_where_sr28_weighs_one(foods):
    plan = _every_day(1, MenuItem("tomatoes", grams=500), MenuItem("cabbage", grams=300))
    rows = shopping_list(plan, foods).rows
    # 1 medium whole tomato, 123 g (SR28): 500 g is about 4.
    assert rows.loc["tomatoes", "quantity"].endswith("(about 4 pieces)")
    # "1 cup, chopped" is no piece: the weight alone.
    assert rows.loc["cabbage", "quantity"] == fmt_weight(rows.loc["cabbage", "as_bought_g"])


def test_dry_goods_and_shelled_nuts_are_bought_as_sold(foods):
    """Boiled lentils are bought dry (less weight); almonds shelled (SR28's shell refuse unused)."""
    plan = _every_day(1, MenuItem("lentils", grams=300), MenuItem("almonds", grams=30))
    rows = shopping_list(plan, foods).rows
    assert rows.at["lentils", "as_bought_g"] == pytest.approx(
        300 * foods.info.at["lentils", "as_bought_factor"]
    )
    assert rows.at["lentils", "as_bought_g"] < 150
    assert foods.info.at["almonds", "refuse_pct"] == 60
    assert rows.at["almonds", "as_bought_g"] == pytest.approx(30)


def test_lentils_are_listed_as_the_dry_lentils_bought(foods):
    """The list names what is on the shelf: 300 g boiled lentils are 99 g of dry lentils."""
    plan = _every_day(1, MenuItem("lentils", grams=300), MenuItem("banana", portions=1))
    lst = shopping_list(plan, foods)
    lentils = next(item for item in lst.items() if item.food == "lentils")
    assert foods.name("lentils") == "Lentils, boiled"
    assert (lentils.name, lentils.eaten_name) == ("Lentils, dry", "Lentils, boiled")
    assert lentils.as_bought_g == pytest.approx(300 * 0.331)
    assert lentils.quantity == "1 bag (99 g needed)"
    # A food bought as eaten (its bought_name is empty) keeps its name.
    assert foods.info.at["banana", "bought_name"] == ""
    assert lst.rows.at["banana", "name"] == lst.rows.at["banana", "eaten_name"] == "Banana"


def test_foods_without_a_bought_name_keep_their_name(foods):
    """Library and custom foods have no bought_name column, nor do they once merged in."""
    library = _table(quinoa={"name": "Quinoa, cooked", "category": "grains"})
    assert "bought_name" not in library.info.columns
    plan = _every_day(1, MenuItem("quinoa", grams=200), MenuItem("cod", grams=100))
    alone = shopping_list(plan, library).rows
    assert alone.at["quinoa", "name"] == "Quinoa, cooked"
    merged = shopping_list(plan, foods.merged(library)).rows
    assert merged.at["quinoa", "name"] == merged.at["quinoa", "eaten_name"] == "Quinoa, cooked"
    assert merged.at["cod", "name"] == "Cod fillet, raw"


def test_rounded_piece_weight_does_not_buy_an_extra_egg(foods):
    # 8 eggs of 50 g at 12 % refuse is 454.5 g; foods.csv rounds an egg to 56.8 g: 8.002 eggs.
    plan = _every_day(4, MenuItem("egg", portions=2))
    assert shopping_list(plan, foods).rows.at["egg", "units"] == 8


def test_tap_water_never_listed(foods):
    assert "no-shopping" in foods.info.at["tap-water", "tags"]
    plan = _every_day(3, MenuItem("tap-water", grams=1500), MenuItem("kiwi", grams=69))
    assert list(shopping_list(plan, foods).rows.index) == ["kiwi"]


def test_grouped_by_aisle_in_shop_order_then_name(foods):
    items = [
        MenuItem(food, grams=100)
        for food in ["salmon", "orange", "milk", "banana", "lentils", "spinach", "kiwi", "egg"]
    ]
    rows = shopping_list(_plan([items]), foods).rows
    order = [list(AISLES).index(c) for c in rows["category"]]
    assert order == sorted(order)
    fruit = rows[rows["category"] == "fruit"]["name"].tolist()
    assert fruit == sorted(fruit, key=str.casefold)
    lst = shopping_list(_plan([items]), foods)
    assert [aisle for aisle, _ in lst.aisles()] == list(dict.fromkeys(rows["aisle"]))


def test_sums_over_days_items_and_portions():
    foods = _table(a={"portion_g": 40.0}, b={})
    plan = _plan(
        [
            [MenuItem("a", grams=10), MenuItem("a", portions=2), MenuItem("b", grams=5)],
            [MenuItem("a", grams=1)],
        ],
        people=3,
    )
    rows = shopping_list(plan, foods).rows
    assert rows.at["a", "edible_g"] == pytest.approx(3 * (10 + 80 + 1))
    assert rows.at["b", "edible_g"] == pytest.approx(15)


def test_unknown_portion_weight_makes_a_lower_bound():
    foods = _table(a={"portion_g": np.nan, "purchase_unit": "pack", "purchase_unit_g": 200.0})
    plan = _plan([[MenuItem("a", grams=150), MenuItem("a", portions=1)]])
    item = shopping_list(plan, foods).items()[0]
    assert not item.complete
    assert item.edible_g == 150
    assert item.quantity == "at least 1 pack (150 g needed)"
    assert item.note
    only_portions = shopping_list(_plan([[MenuItem("a", portions=1)]]), foods).items()[0]
    assert only_portions.quantity == "amount unknown"


def test_food_missing_from_table_is_listed_under_other_as_not_to_be_bought():
    foods = _table(a={})
    plan = _plan([[MenuItem("gone", grams=80), MenuItem("lost", portions=2)]])
    item, lost = shopping_list(plan, foods).items()
    assert (item.food, item.name, item.aisle, item.known) == (
        "gone",
        "Missing food: gone",
        "Other",
        False,
    )
    assert math.isnan(item.as_bought_g)
    assert item.quantity == "cannot be bought (80 g eaten)"
    assert "no longer in your library" in item.note
    # Counted in portions: the grams are unknown too (a missing food has no portion).
    assert (lost.name, lost.quantity) == ("Missing food: lost", "cannot be bought (amount unknown)")


def test_zero_grams_and_empty_plans_list_nothing():
    foods = _table(a={})
    assert len(shopping_list(_plan([[MenuItem("a", grams=0)]]), foods)) == 0
    assert len(shopping_list(Plan.new("Empty"), foods)) == 0
    assert shopping_list(Plan("No days"), foods).items() == []


def test_expand_replaces_recipes_by_ingredients():
    foods = _table(
        soup={"name": "Soup"}, carrot={"name": "Carrot"}, water={"tags": ("no-shopping",)}
    )
    calls = []

    def expand(food, grams):
        calls.append((food, grams))
        if food == "soup":
            return [("carrot", grams * 0.4), ("water", grams * 0.6)]
        return None

    plan = _plan([[MenuItem("soup", grams=500), MenuItem("carrot", grams=50)]], people=2)
    rows = shopping_list(plan, foods, expand).rows
    assert list(rows.index) == ["carrot"]
    assert rows.at["carrot", "edible_g"] == pytest.approx(2 * (50 + 200))
    assert sorted(calls) == [("carrot", 100.0), ("soup", 1000.0)], "one call per food"


def test_state_marks_rows_and_follows_the_plan(foods):
    plan = _every_day(2, MenuItem("banana", grams=118), MenuItem("milk", grams=200))
    state = ShoppingState(frozenset({"banana", "cod"}), frozenset({"milk"}))
    marked = shopping_list(plan, foods).with_state(state)
    flags = marked.rows[["ticked", "in_pantry"]]
    assert flags.loc["banana"].tolist() == [True, False]
    assert flags.loc["milk"].tolist() == [False, True]
    assert "cod" not in marked.rows.index

    # The plan changes: milk is gone, cod arrives; the old marks do not leak onto it.
    for day in plan.days:
        day.menu.items = [MenuItem("banana", grams=118), MenuItem("cod", grams=150)]
    followed = shopping_list(plan, foods).with_state(state)
    assert set(followed.rows.index) == {"banana", "cod"}
    assert followed.rows.at["banana", "ticked"]
    assert followed.rows.at["cod", "ticked"], "cod was marked before: the mark is kept"
    assert not followed.rows["in_pantry"].any()
    assert [i.ticked for i in followed.items()] == followed.rows["ticked"].tolist()


@pytest.mark.parametrize(
    ("grams", "about", "text"),
    [
        (0.4, False, "under 1 g"),
        (57.2, False, "57 g"),
        (454.5, False, "450 g"),
        (996, False, "1 kg"),
        (1349, False, "1.35 kg"),
        (1349, True, "1.3 kg"),
        (2000, False, "2 kg"),
        (float("nan"), False, "weight unknown"),
    ],
)
def test_fmt_weight(grams, about, text):
    assert fmt_weight(grams, about) == text


# -- the arithmetic, for any amounts ----------------------------------------------------
grams_lists = st.lists(st.floats(0.1, 5000), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    grams=grams_lists,
    people=st.integers(1, 50),
    refuse=st.floats(0, 95),
    unit_g=st.floats(1, 5000),
)
def test_refuse_people_and_rounding_up(grams, people, refuse, unit_g):
    foods = _table(a={"refuse_pct": refuse, "purchase_unit_g": unit_g})
    plan = _plan([[MenuItem("a", grams=g)] for g in grams], people)
    row = shopping_list(plan, foods).rows.loc["a"]
    edible = sum(grams) * people
    assert row["edible_g"] == pytest.approx(edible)
    assert row["as_bought_g"] * (100 - refuse) / 100 == pytest.approx(edible)
    units = row["units"]
    assert units == int(units) >= 1
    # Never short by more than the slack kept for rounded piece weights...
    assert units * unit_g >= row["as_bought_g"] - UNIT_SLACK * unit_g * (1 + 1e-9)
    # ...and never a whole unit more than needed.
    assert (units - 1) * unit_g < row["as_bought_g"]


@settings(max_examples=100, deadline=None)
@given(grams=grams_lists, people=st.integers(2, 50), refuse=st.floats(0, 95))
def test_people_scale_the_list(grams, people, refuse):
    foods = _table(
        a={"refuse_pct": refuse, "purchase_unit_g": 150.0},
        b={"refuse_pct": refuse, "purchase_unit": "kg", "purchase_unit_g": 1000.0},
    )
    days = [[MenuItem("a", grams=g), MenuItem("b", grams=g)] for g in grams]
    one = shopping_list(_plan(days, 1), foods).rows
    many = shopping_list(_plan(days, people), foods).rows
    for column in ("edible_g", "as_bought_g"):
        assert many[column].to_numpy() == pytest.approx(people * one[column].to_numpy())
    assert many.at["b", "units"] == pytest.approx(people * one.at["b", "units"])
    # More people never need fewer units; one more than the sum at most (the slack kept
    # for one person's list can add up to a unit across many).
    assert one.at["a", "units"] <= many.at["a", "units"] <= people * one.at["a", "units"] + 1


def test_core_and_text_exports_load_no_qt():
    code = (
        "import sys, planner.core.plans.plan, planner.core.plans.shopping, "
        "planner.core.plans.shopping_export, "
        "planner.cli.shopping_cmd; "
        "print([m for m in sys.modules if m.startswith('PySide6')])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_drinks_are_bought_in_litres():
    from planner.core.plans.shopping import fmt_volume, quantity_text

    assert [fmt_volume(v) for v in (250.0, 969.6, 1000.0, 1530.0)] == [
        "250 ml",
        "970 ml",
        "1 L",
        "1.53 L",
    ]
    # 2 kg of milk (2 cartons): 1 cup, 244 g, is 236.6 ml.
    ml_per_g = 236.5882365 / 244
    text = quantity_text(2, "carton", 2000.0, 2000.0, True, True, ml_per_g)
    assert text == "2 cartons (1.94 L needed)"
    assert quantity_text(2, "carton", 2000.0, 2000.0, True, True) == "2 cartons (2 kg needed)"
