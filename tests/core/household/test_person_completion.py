"""Complete my menu for one person of a household plan: into their own items by default,
into the shared menu by choice, and then no one pushed over a limit."""

from __future__ import annotations

import numpy as np
import pytest

from planner.core.advice.exclusions import Exclusions, allowed_food_ids
from planner.core.advice.optimizer import complete_menu
from planner.core.data.ceilings import ceilings
from planner.core.data.nutrients import KEYS
from planner.core.data.profile import Profile
from planner.core.household.person_completion import complete_for_person, household_allowed
from planner.core.household.recheck import pushed_over, with_additions
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.people import Person
from planner.core.plans.plan import Day, Plan

ANNA = Person("Anna", Profile("female", 40), 1.0)
KID = Person("Kid", Profile("male", 2), 1.0)


def _plan(anna: Person = ANNA) -> Plan:
    menu = Menu(
        "Mon", [MenuItem("cheddar", "lunch", grams=60), MenuItem("white-rice", "lunch", grams=150)]
    )
    return Plan("Home", [anna, KID], [Day("Mon", menu)])


@pytest.fixture
def targets_of(intakes):
    return lambda person: intakes.targets(person.profile)


def _amounts(menu: Menu, foods, targets) -> np.ndarray:
    coverage = compute_coverage(menu, foods, targets)
    return np.array([np.nan if coverage[k].amount is None else coverage[k].amount for k in KEYS])


def test_own_items_by_default_and_no_one_else_changes(foods, targets_of):
    plan = _plan()
    result = complete_for_person(plan, 0, "Anna", foods, targets_of)
    assert result.completion.additions, "Anna's day misses targets, so food is added"
    after = result.day_after
    assert after.menu.items == plan.days[0].menu.items, "the shared menu stays as written"
    assert len(after.own_items("Anna")) == len(result.completion.additions)
    assert after.own_items("Kid") == []
    changed = Plan("Home", plan.people, [after])
    # What Anna now eats is the completed menu; the completion's numbers are hers.
    assert _amounts(changed.eaten(0, ANNA), foods, targets_of(ANNA)) == pytest.approx(
        _amounts(result.completion.menu, foods, targets_of(ANNA)), nan_ok=True
    )
    assert result.completion.after["magnesium"].target == targets_of(ANNA)["magnesium"]
    assert changed.eaten(0, KID).items == plan.eaten(0, KID).items
    assert result.safe and result.pushed_over == ()


def test_shared_menu_addition_pushes_no_one_over_a_limit(foods, targets_of):
    plan = _plan()
    # Without the household's room, Anna's completion in the shared menu takes the
    # two-year-old over guard limits (retinol, zinc, copper, manganese): the test has teeth.
    plain = complete_menu(plan.eaten(0, ANNA), foods, targets_of(ANNA), allowed_food_ids(foods))
    added = [(a.item, a.position, a.grams) for a in plain.additions]
    unsafe = with_additions(plan, 0, ANNA, added, foods, shared=True)
    assert {p.person for p in pushed_over(plan, 0, unsafe, foods, targets_of)} == {"Kid"}

    result = complete_for_person(plan, 0, "Anna", foods, targets_of, shared=True)
    assert result.completion.additions
    assert result.safe
    assert result.day_after.own == {}, "nothing goes to anyone's own items"
    changed = Plan("Home", plan.people, [result.day_after])
    for person in plan.people:  # re-checked here on its own, with each one's targets
        targets = targets_of(person)
        now = compute_coverage(changed.eaten(0, person), foods, targets)
        was = compute_coverage(plan.eaten(0, person), foods, targets)
        for key, limit in ceilings(targets).items():
            if now[key].amount is not None and now[key].amount > limit:
                assert was[key].amount is not None and now[key].amount <= was[key].amount
    assert any("held under everyone's limits" in note for note in result.completion.notes)


def test_shared_additions_are_divided_by_the_share(foods, targets_of):
    anna = Person("Anna", ANNA.profile, 2.0)
    plan = _plan(anna)
    result = complete_for_person(plan, 0, "Anna", foods, targets_of, shared=True)
    changed = Plan("Home", plan.people, [result.day_after])
    # Anna eats twice the shared menu: twice what was added is what was found for her.
    assert _amounts(changed.eaten(0, anna), foods, targets_of(anna)) == pytest.approx(
        _amounts(result.completion.menu, foods, targets_of(anna)), nan_ok=True
    )


def test_recheck_names_whoever_an_addition_takes_over(foods, targets_of):
    plan = _plan()
    liver = [(MenuItem("beef-liver", "dinner", grams=100), None, 100.0)]
    shared = with_additions(plan, 0, ANNA, liver, foods, shared=True)
    over = pushed_over(plan, 0, shared, foods, targets_of)
    assert "Kid" in {p.person for p in over}
    assert any(p.key == "retinol" and p.message.startswith("Kid: vitamin A") for p in over)
    own = with_additions(plan, 0, ANNA, liver, foods, shared=False)
    assert all(p.person == "Anna" for p in pushed_over(plan, 0, own, foods, targets_of))


def test_a_pregnant_persons_cautions_hold_for_the_shared_menu(foods):
    pregnant = Person("Bea", Profile("female", 30, pregnant=True))
    both = household_allowed(foods, Exclusions(), [ANNA, pregnant])
    alone = household_allowed(foods, Exclusions(), [ANNA])
    assert set(both) == set(alone) & set(allowed_food_ids(foods, profile=pregnant.profile))
    assert len(both) < len(alone)
