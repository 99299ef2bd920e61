"""Coverage arithmetic: totals, percent, limits, unknowns, contributors; properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.data.intakes import Target
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu, MenuItem

TARGETS = {
    "calcium": Target("calcium", 1000, "RDA", 2500, "all", "test"),
    "magnesium": Target("magnesium", 320, "RDA", 350, "supplements", "test"),
    "sodium": Target("sodium", 1500, "AI", 2300, "all", "test"),
    "water": Target("water", 2.7, "AI", None, None, "test"),
}


def test_totals_percent_and_contributors(tiny_foods):
    menu = Menu(
        "Day", [MenuItem("apple", "breakfast", grams=150), MenuItem("cheese", "lunch", portions=2)]
    )
    cov = compute_coverage(menu, tiny_foods, TARGETS)
    # 150 g apple: 5 mg/100 g; 2 x 28 g cheese: 700 mg/100 g.
    assert cov["calcium"].amount == pytest.approx(7.5 + 392)
    assert cov["calcium"].percent == pytest.approx(39.95)
    assert cov["energy"].percent is None and cov["energy"].target is None
    assert cov["water"].amount == pytest.approx((150 * 0.85 + 56 * 0.37) / 1000)
    assert [f for f, _ in cov.contributors("calcium")] == ["cheese", "apple"]
    assert cov["calcium"].complete


def test_upper_limits_apply_only_with_scope_all(tiny_foods):
    menu = Menu("Salty", [MenuItem("cheese", grams=400), MenuItem("apple", grams=2000)])
    cov = compute_coverage(menu, tiny_foods, TARGETS)
    assert cov["sodium"].amount == pytest.approx(2420)
    assert cov["sodium"].above_upper_limit
    assert cov["magnesium"].amount == pytest.approx(280)
    big = compute_coverage(Menu("", [MenuItem("cheese", grams=2000)]), tiny_foods, TARGETS)
    assert big["magnesium"].amount == 400 and not big["magnesium"].above_upper_limit


def test_unknown_is_reported_not_zero(tiny_foods):
    only = compute_coverage(Menu("", [MenuItem("mystery", grams=100)]), tiny_foods, TARGETS)
    assert only["vitamin_d"].amount is None
    assert only["vitamin_d"].unknown_foods == ("mystery",)
    mixed = compute_coverage(
        Menu("", [MenuItem("mystery", grams=100), MenuItem("cheese", grams=100)]),
        tiny_foods,
        TARGETS,
    )
    assert mixed["vitamin_d"].amount == pytest.approx(0.5)
    assert not mixed["vitamin_d"].complete and mixed["vitamin_d"].unknown_foods == ("mystery",)


def test_empty_menu_is_all_zero(tiny_foods):
    cov = compute_coverage(Menu(), tiny_foods, TARGETS)
    assert cov["calcium"].amount == 0 and cov["calcium"].percent == 0
    assert cov.contributors("calcium") == []


def test_same_food_twice_is_one_contributor(tiny_foods):
    menu = Menu("", [MenuItem("apple", grams=100), MenuItem("apple", "dinner", grams=50)])
    cov = compute_coverage(menu, tiny_foods, TARGETS)
    assert cov.contributors("calcium") == [("apple", pytest.approx(7.5))]


def test_a_food_the_table_does_not_hold_is_unknown_not_zero(tiny_foods):
    menu = Menu("", [MenuItem("gone", grams=100), MenuItem("cheese", portions=1)])
    cov = compute_coverage(menu, tiny_foods, TARGETS)
    assert cov["calcium"].amount == pytest.approx(196)
    assert cov["calcium"].unknown_foods == ("gone",)
    assert cov.contributors("calcium") == [("cheese", pytest.approx(196))]


def test_per_food_amounts_as_a_frame(tiny_foods):
    menu = Menu(
        "",
        [MenuItem("cheese", grams=100), MenuItem("apple", grams=100), MenuItem("cheese", grams=50)],
    )
    frame = compute_coverage(menu, tiny_foods, TARGETS).by_food
    assert frame.index.tolist() == ["cheese", "apple"] and frame.index.name == "food"
    assert frame.at["cheese", "calcium"] == pytest.approx(1050)
    assert frame.at["apple", "water"] == pytest.approx(0.085)  # report units: litres


items = st.lists(
    st.builds(
        MenuItem,
        food=st.sampled_from(["apple", "cheese", "mystery"]),
        meal=st.sampled_from(["breakfast", "lunch", "dinner", "snack"]),
        grams=st.floats(0, 1000, allow_nan=False),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(items=items, factor=st.floats(0.1, 10))
def test_scaling_a_menu_scales_totals(tiny_foods, items, factor):
    base = compute_coverage(Menu("", items), tiny_foods, TARGETS)
    scaled_items = [MenuItem(i.food, i.meal, grams=i.grams * factor) for i in items]
    scaled = compute_coverage(Menu("", scaled_items), tiny_foods, TARGETS)
    for key, line in base.lines.items():
        if line.amount is None:
            assert scaled[key].amount is None
        else:
            assert scaled[key].amount == pytest.approx(line.amount * factor, rel=1e-9, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(items=items, data=st.data())
def test_item_order_does_not_matter(tiny_foods, items, data):
    shuffled = data.draw(st.permutations(items))
    a = compute_coverage(Menu("", items), tiny_foods, TARGETS)
    b = compute_coverage(Menu("", list(shuffled)), tiny_foods, TARGETS)
    for key in a.lines:
        x, y = a[key].amount, b[key].amount
        assert (x is None) == (y is None)
        if x is not None:
            assert x == pytest.approx(y, rel=1e-9, abs=1e-9)
        assert set(a[key].unknown_foods) == set(b[key].unknown_foods)


@settings(max_examples=60, deadline=None)
@given(items=items)
def test_an_unknown_never_becomes_zero(tiny_foods, items):
    cov = compute_coverage(Menu("", items), tiny_foods, TARGETS)
    has_mystery = any(i.food == "mystery" for i in items)
    for key in ("vitamin_d", "vitamin_b12"):
        line = cov[key]
        assert ("mystery" in line.unknown_foods) == has_mystery
        if has_mystery:
            assert not line.complete
            if all(i.food == "mystery" for i in items):
                assert line.amount is None
        else:
            assert line.amount is not None and not math.isnan(line.amount)


def test_guards_are_reported_with_their_limit_and_unknowns(tiny_foods):
    targets = {
        **TARGETS,
        "retinol": Target("retinol", None, "UL", 600, "all", "test"),
        "zinc": Target("zinc", 3, "RDA", 7, "all", "test"),
    }
    # 300 g cheese: 750 ug retinol (over 600), 10.8 mg zinc (over 7); 100 g apple: 0 and
    # 0.05 mg; the mystery fruit has no guard values.
    menu = Menu(
        "Day",
        [
            MenuItem("cheese", grams=300),
            MenuItem("apple", grams=100),
            MenuItem("mystery", grams=100),
        ],
    )
    cov = compute_coverage(menu, tiny_foods, targets)
    assert [line.key for line in cov.guards] == [
        "retinol",
        "selenium",
        "zinc",
        "copper",
        "manganese",
    ]
    assert cov["retinol"].amount == pytest.approx(750)
    assert cov["retinol"].percent is None  # a limit without a target
    assert [line.key for line in cov.crossed_guards] == ["retinol", "zinc"]
    assert cov["retinol"].unknown_foods == ("mystery",)
    assert cov["selenium"].target is None and not cov["selenium"].above_upper_limit
    # The foods the menu rows warn about: the apple gives zinc but no retinol (0 is left out).
    assert [f for f, _ in cov.contributors("retinol")] == ["cheese"]
    assert [f for f, _ in cov.contributors("zinc")] == ["cheese", "apple"]
