"""Seaweed's iodine: a menu with more than a small amount is warned about."""

from __future__ import annotations

import pytest

from planner.core.advice.cautions import menu_cautions
from planner.core.advice.iodine import (
    KELP_LOWEST_UG_PER_G,
    dry_seaweed_limit_g,
    iodine_upper_limit,
    seaweed_caution,
)
from planner.core.data.profile import Profile
from planner.core.menus.menu import Menu, MenuItem

ADULT = Profile(sex="female", age=40)


@pytest.mark.parametrize(
    ("profile", "limit"),
    [
        (Profile(age=0.5), None),
        (Profile(age=2), 200),
        (Profile(age=6), 300),
        (Profile(age=10), 600),
        (Profile(age=16), 900),
        (ADULT, 1100),
        (Profile(sex="female", age=30, pregnant=True), 1100),
        (Profile(age=2, standard="efsa"), 200),
        (Profile(age=16, standard="efsa"), 500),
        (Profile(age=40, standard="efsa"), 600),
    ],
)
def test_iodine_upper_limits(profile, limit):
    assert iodine_upper_limit(profile) == limit


def test_the_adult_threshold_is_about_two_grams_of_dried_seaweed():
    assert dry_seaweed_limit_g(ADULT) == pytest.approx(1100 / KELP_LOWEST_UG_PER_G)
    assert 2.1 < dry_seaweed_limit_g(ADULT) < 2.2
    assert dry_seaweed_limit_g(Profile(age=0.5)) == 0


def _kelp(portions: float) -> Menu:
    return Menu("x", [MenuItem("kelp", "lunch", portions=portions), MenuItem("banana", "snack")])


def test_one_portion_of_kelp_is_no_warning_for_an_adult(foods):
    # 10 g of raw kelp (81.58 % water in SR28) is 1.84 g dried: under 2.14 g.
    assert seaweed_caution(_kelp(1), foods, ADULT) is None


def test_two_and_a_half_portions_of_kelp_are_warned_about(foods):
    caution = seaweed_caution(_kelp(2.5), foods, ADULT)
    assert caution is not None and caution.foods == ("kelp",)
    assert caution.grams == pytest.approx(25)
    assert caution.dry_grams == pytest.approx(25 * (100 - 81.58) / 100)
    assert "1,100 µg" in caution.message and "Teas" in caution.message
    (listed,) = menu_cautions(_kelp(2.5), foods, ADULT)
    assert listed.kind == "iodine"


def test_a_lower_limit_warns_sooner(foods):
    # EFSA's adult limit (600 µg) is reached by 1.17 g dried: one portion (1.84 g) passes it.
    assert seaweed_caution(_kelp(1), foods, Profile(age=40, standard="efsa")) is not None
    assert seaweed_caution(_kelp(0.1), foods, Profile(age=0.5)) is not None


def test_no_seaweed_no_warning(foods):
    menu = Menu("x", [MenuItem("banana", "snack", portions=3)])
    assert seaweed_caution(menu, foods, Profile(age=0.5)) is None
