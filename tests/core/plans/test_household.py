"""Households: people with their own profiles and shares, own items, version 2 files,
coverage per person and the shopping for everyone."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from planner.core.data.nutrients import CHART_KEYS
from planner.core.data.profile import Profile
from planner.core.errors import InputError
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.people import Person, household_of
from planner.core.plans.plan import Day, Plan, plan_from_dict, read_plan, write_plan
from planner.core.plans.plan_coverage import household_coverage, household_percent, plan_coverage
from planner.core.plans.shopping import shopping_list
from planner.paths import ROOT

SAMPLE = ROOT / "docs" / "sample-household.plan.json"
ANNA = Person("Anna", Profile("female", 34, pregnant=True), 1.0)
TOM = Person("Tom", Profile("male", 15), 1.3)
GRANDPA = Person("Grandpa", Profile("male", 74, standard="efsa"), 0.8)


def _household_plan() -> Plan:
    shared = Menu(
        "Monday",
        [
            MenuItem("rolled-oats", "breakfast", grams=50),
            MenuItem("banana", "breakfast", portions=1),
            MenuItem("lentils", "lunch", grams=150),
        ],
    )
    monday = Day("Monday", shared, {"Anna": [MenuItem("milk", "snack", grams=250)]})
    tuesday = Day(
        "Tuesday",
        Menu("Tuesday", [MenuItem("spinach", "dinner", grams=80)]),
        {"Tom": [MenuItem("pumpkin-seeds", "snack", portions=1)]},
    )
    return Plan("Family", [ANNA, TOM, GRANDPA], [monday, tuesday, Day("Wednesday")])


def test_what_a_person_eats_is_their_share_and_their_own_items():
    plan = _household_plan()
    tom = plan.eaten(0, TOM)
    assert [(i.food, i.grams, i.portions) for i in tom.items] == [
        ("rolled-oats", pytest.approx(65.0), None),
        ("banana", None, pytest.approx(1.3)),
        ("lentils", pytest.approx(195.0), None),
    ]
    anna = plan.eaten(0, ANNA)
    assert [i.food for i in anna.items] == ["rolled-oats", "banana", "lentils", "milk"]
    assert plan.days[0].menu.items[0].grams == 50, "the shared menu stays as written"


def test_version_2_round_trip_keeps_people_and_own_items(tmp_path):
    plan = _household_plan()
    path = tmp_path / "family.plan.json"
    write_plan(path, plan)
    data = json.loads(path.read_text())
    assert data["version"] == 2
    assert data["people"][1] == {
        "name": "Tom",
        "sex": "male",
        "age": 15.0,
        "pregnant": False,
        "lactating": False,
        "standard": "nasem",
        "share": 1.3,
    }
    assert data["days"][0]["own"] == {"Anna": [{"food": "milk", "grams": 250, "meal": "snack"}]}
    assert "own" not in data["days"][2], "a day without own items writes none"
    assert read_plan(path) == plan


def test_version_1_file_reads_as_that_many_people_with_the_given_profile(tmp_path):
    path = tmp_path / "old.plan.json"
    v1 = {
        "format": "crampless.plan",
        "version": 1,
        "name": "Old",
        "people": 3,
        "days": [{"name": "Monday", "menu": {"name": "Monday", "items": []}}],
    }
    path.write_text(json.dumps(v1))
    profile = Profile("male", 71, standard="efsa")
    plan = read_plan(path, profile=profile)
    assert plan.people == [Person(f"Person {n}", profile, 1.0) for n in (1, 2, 3)]
    assert read_plan(path).people == household_of(3)
    # The library's rows hold no version: a number of people is the old shape.
    assert plan_from_dict(v1, "library").people == household_of(3)


def test_sample_household_plan_reads(foods):
    plan = read_plan(SAMPLE, foods.__contains__)
    assert [p.name for p in plan.people] == ["Anna", "Tom", "Grandpa"]
    assert plan.people[0].profile.life_stage == "pregnancy"
    assert plan.days[1].own_items("Grandpa")[0].food == "spinach"


def _v2(**person_changes):
    person = {"name": "Anna", "sex": "female", "age": 34, "share": 1.0, **person_changes}
    return {
        "format": "crampless.plan",
        "version": 2,
        "name": "H",
        "people": [person, {"name": "Tom", "sex": "male", "age": 15}],
        "days": [
            {
                "name": "Monday",
                "menu": {"name": "Monday", "items": []},
                "own": {"Anna": [{"food": "banana", "grams": 100}]},
            }
        ],
    }


def _with(data, *path_value):
    data = copy.deepcopy(data)
    *path, value = path_value
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            _with(_v2(), "days", 0, "own", {"Bob": []}),
            "plan.json: days[0].own.Bob: no person named 'Bob' in people",
        ),
        (_v2(share=0), "plan.json: people[0].share: 0 is not above 0 and at most 5"),
        (_v2(share=-1), "plan.json: people[0].share: -1 is not above 0 and at most 5"),
        (_v2(share=5.5), "plan.json: people[0].share: 5.5 is not above 0 and at most 5"),
        (_v2(share="a lot"), "plan.json: people[0].share: 'a lot' is not a number"),
        (_v2(name="Tom"), "plan.json: people[1].name: two people are named 'Tom'"),
        (_v2(name=""), "plan.json: people[0].name: a person needs a name"),
        (_v2(age=121), "plan.json: people[0].age: 121 is not an age from 0 to 120"),
        (_v2(age=-1), "plan.json: people[0].age: -1 is not an age from 0 to 120"),
        (_v2(age="old"), "plan.json: people[0].age: 'old' is not a number"),
        (_v2(sex="other"), "plan.json: people[0].sex: 'other' is not one of female, male"),
        (_v2(standard="who"), "plan.json: people[0].standard: 'who' is not one of nasem, efsa"),
        (
            _v2(sex="male", pregnant=True),
            "plan.json: people[0].pregnant: pregnancy and lactation apply to the female sex",
        ),
        (
            _v2(pregnant=True, lactating=True),
            "plan.json: people[0].pregnant: choose pregnant or lactating, not both",
        ),
        (
            _v2(age=10, pregnant=True),
            "plan.json: people[0].age: 10 years: NASEM's pregnancy targets cover ages 14 to 50",
        ),
        (_v2(pregnant="yes"), "plan.json: people[0].pregnant: 'yes' is not true or false"),
        (_v2(height=180), "plan.json: people[0].height: unknown field"),
        (_with(_v2(), "people", []), "plan.json: people: expected a list of at least one person"),
        (_with(_v2(), "people", 2), "plan.json: people: expected a list of at least one person"),
        (_with(_v2(), "people", [3]), "plan.json: people[0]: expected a person object"),
        (
            _with(_v2(), "days", 0, "own", {"Anna": [{"food": "banana", "grams": -2}]}),
            "plan.json: days[0].own.Anna[0].grams: negative amount -2",
        ),
        (
            _with(_v2(), "days", 0, "own", {"Anna": [{"food": "bananna", "grams": 2}]}),
            "plan.json: days[0].own.Anna[0].food: unknown food 'bananna'",
        ),
        (
            _with(_v2(), "days", 0, "own", ["Anna"]),
            "plan.json: days[0].own: expected {person name: [items]}",
        ),
    ],
)
def test_bad_household_input_names_the_place(tmp_path, intakes, data, expected):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InputError) as info:
        read_plan(path, {"banana"}.__contains__, stage_ages=intakes.stage_ages)
    assert str(info.value).startswith(expected)


def test_each_persons_coverage_is_the_coverage_of_what_they_eat(foods, intakes):
    plan = _household_plan()
    coverages = household_coverage(plan, foods, lambda p: intakes.targets(p.profile))
    for person in plan.people:
        targets = intakes.targets(person.profile)
        alone = plan_coverage(plan, foods, targets, person=person)
        together = coverages[person.name]
        assert np.array_equal(together.amounts, alone.amounts, equal_nan=True)
        assert np.array_equal(together.unknown, alone.unknown)
        for d in range(len(plan.days)):
            menu = compute_coverage(plan.eaten(d, person), foods, targets)
            for k, key in enumerate(CHART_KEYS):
                amount = menu[key].amount
                got = alone.amounts[d, k]
                assert (np.isnan(got) and amount is None) or got == pytest.approx(amount)
                assert bool(alone.unknown[d, k]) == (not menu[key].complete)
        average = compute_coverage(plan.eaten_on_average(person), foods, targets)
        for k, key in enumerate(CHART_KEYS):
            assert alone.average_amount[k] == pytest.approx(average[key].amount)


def test_household_view_shows_the_worst_day_or_the_average(foods, intakes):
    plan = _household_plan()
    coverages = household_coverage(plan, foods, lambda p: intakes.targets(p.profile))
    worst = household_percent(coverages, worst_day=True)
    average = household_percent(coverages, worst_day=False)
    assert worst.shape == average.shape == (3, len(CHART_KEYS))
    magnesium = CHART_KEYS.index("magnesium")
    # Wednesday is empty: every person's worst day has 0 % of magnesium.
    assert worst[:, magnesium] == pytest.approx([0.0, 0.0, 0.0])
    for row, person in enumerate(plan.people):
        assert average[row, magnesium] == pytest.approx(
            coverages[person.name].average_percent[magnesium]
        )
    plan.days.pop()  # without the empty day, the worst is the lower of two
    worst = household_percent(
        household_coverage(plan, foods, lambda p: intakes.targets(p.profile)), worst_day=True
    )
    targets = intakes.targets(TOM.profile)
    days = [compute_coverage(plan.eaten(d, TOM), foods, targets) for d in (0, 1)]
    assert worst[1, magnesium] == pytest.approx(min(c["magnesium"].percent for c in days))


def test_shopping_sums_every_persons_share_and_own_items(foods):
    plan = _household_plan()
    together = shopping_list(plan, foods).rows
    per_person = [
        shopping_list(
            Plan(
                p.name,
                [Person(p.name)],
                [Day(d.name, plan.eaten(n, p)) for n, d in enumerate(plan.days)],
            ),
            foods,
        ).rows
        for p in plan.people
    ]
    for food in together.index:
        expected = sum(rows.at[food, "edible_g"] for rows in per_person if food in rows.index)
        assert together.at[food, "edible_g"] == pytest.approx(expected)
    # 50 g of oats shared by shares 1 + 1.3 + 0.8; Anna's own milk once.
    assert together.at["rolled-oats", "edible_g"] == pytest.approx(50 * 3.1)
    assert together.at["milk", "edible_g"] == pytest.approx(250)
    assert shopping_list(plan, foods).summary() == "3 days · 3 people"
