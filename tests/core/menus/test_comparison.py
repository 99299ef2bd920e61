"""Comparisons of menus and foods: amounts, percent, lower bounds, differences, bases."""

from __future__ import annotations

import numpy as np
import pytest

from planner.core.data.intakes import Target
from planner.core.data.nutrients import KEYS
from planner.core.data.ranking import amounts_matrix
from planner.core.menus.comparison import (
    compare_foods,
    compare_menus,
    differences_from_first,
    spread,
)
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu, MenuItem

TARGETS = {
    "calcium": Target("calcium", 1000, "RDA", 2500, "all", "test"),
    "magnesium": Target("magnesium", 320, "RDA", 350, "supplements", "test"),
    "vitamin_d": Target("vitamin_d", 15, "RDA", 100, "all", "test"),
}
MG, CA, VD, EN = (KEYS.index(k) for k in ("magnesium", "calcium", "vitamin_d", "energy"))


def test_menus_match_their_coverage_and_keep_unknown_apart(tiny_foods):
    a = Menu("A", [MenuItem("apple", grams=150), MenuItem("cheese", portions=2)])
    b = Menu("B", [MenuItem("mystery", grams=100), MenuItem("cheese", grams=100)])
    c = Menu("C", [MenuItem("mystery", grams=50)])
    comp = compare_menus([("A", a), ("B", b), ("C", c)], tiny_foods, TARGETS)
    assert comp.labels == ("A", "B", "C")
    for s, menu in enumerate((a, b, c)):
        cov = compute_coverage(menu, tiny_foods, TARGETS)
        for k, key in enumerate(KEYS):
            expected = cov[key].amount
            if expected is None:
                assert np.isnan(comp.amounts[s, k])
            else:
                assert comp.amounts[s, k] == pytest.approx(expected)
    assert comp.percent[0, CA] == pytest.approx(100 * (7.5 + 392) / 1000)
    assert np.isnan(comp.percent[0, EN])  # energy has no target
    # B's vitamin D counts cheese only: a lower bound; C's is unknown, not 0.
    assert comp.lower_bound[1, VD] and comp.unknown_foods[1]["vitamin_d"] == ("mystery",)
    assert np.isnan(comp.amounts[2, VD]) and not comp.lower_bound[2, VD]


def test_differences_from_first_and_their_bounds(tiny_foods):
    a = Menu("A", [MenuItem("cheese", grams=100)])
    b = Menu("B", [MenuItem("cheese", grams=100), MenuItem("mystery", grams=100)])
    comp = compare_menus([("A", a), ("B", b)], tiny_foods, TARGETS)
    (diff,) = differences_from_first(comp)
    assert diff.label == "B − A"
    assert diff.amount[MG] == pytest.approx(30) and diff.points[MG] == pytest.approx(30 / 3.2)
    assert diff.bound[MG] == ""
    assert diff.bound[VD] == "≥"  # B's vitamin D is a lower bound, A's exact
    (back,) = differences_from_first(compare_menus([("B", b), ("A", a)], tiny_foods, TARGETS))
    assert back.bound[VD] == "≤" and back.amount[MG] == pytest.approx(-30)


def test_spread_names_highest_and_lowest(tiny_foods):
    menus = [
        (n, Menu(n, [MenuItem(f, grams=100)]))
        for n, f in (("apple", "apple"), ("cheese", "cheese"), ("mystery", "mystery"))
    ]
    comp = compare_menus(menus, tiny_foods, TARGETS)
    result = spread(comp)
    assert result.amount[CA] == pytest.approx(700 - 5)
    assert result.high[CA] == 1 and result.low[CA] == 0
    assert result.bound[CA] == "" and result.bound[VD] == "?"  # mystery's is unknown
    assert spread(compare_menus(menus[:1], tiny_foods, TARGETS)) is None


@pytest.mark.parametrize("per", ["100g", "portion", "100kcal"])
def test_foods_per_basis(tiny_foods, per):
    ids = ["mystery", "apple", "cheese"]
    comp = compare_foods(ids, tiny_foods, TARGETS, per)
    expected = amounts_matrix(tiny_foods, per)[tiny_foods.ids.get_indexer(ids)]
    np.testing.assert_allclose(comp.amounts, expected)
    assert comp.labels == ("Mystery fruit", "Apple", "Crème cheese")
    assert comp.percent[2, CA] == pytest.approx(expected[2, CA] / 10)
    assert np.isnan(comp.amounts[0, VD]) and comp.unknown_foods[0]["vitamin_d"] == ("mystery",)
    assert all(comp.applicable) and not comp.lower_bound.any()


def test_foods_basis_that_means_nothing_is_not_unknown(foods):
    comp = compare_foods(["tap-water", "banana"], foods, TARGETS, "100kcal")
    assert comp.applicable == (False, True) and "energy" in comp.note(0)
    assert np.isnan(comp.amounts[0]).all()
    with pytest.raises(ValueError, match="basis"):
        compare_foods(["banana"], foods, TARGETS, "cup")
