"""Plans: days added, copied, renamed; .plan.json round trip and faults; library storage."""

from __future__ import annotations

import json

import pytest

from planner.core.errors import InputError
from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.plan import (
    MAX_PEOPLE,
    STATE_KEY,
    Day,
    Plan,
    duplicate_plan,
    load_plan,
    plan_json,
    read_plan,
    save_plan,
    save_shopping_state,
    write_plan,
)
from planner.core.plans.shopping_state import ShoppingState
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE

KNOWN = {"banana", "pumpkin-seeds", "milk"}.__contains__


def _plan() -> Plan:
    plan = Plan.new("Week 48", 2, people=2)
    plan.days[0].menu.items += [
        MenuItem("banana", "breakfast", grams=118),
        MenuItem("pumpkin-seeds", "snack", portions=1.5),
    ]
    plan.days[1].menu.items.append(MenuItem("milk", "breakfast", grams=250))
    return plan


def test_new_plan_names_days_by_weekday_then_number():
    assert [d.name for d in Plan.new("A").days] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    plan = Plan.new("B", 9)
    assert [d.name for d in plan.days[6:]] == ["Sunday", "Day 8", "Day 9"]
    assert [p.name for p in plan.people] == ["Person 1"]
    assert all(d.menu.items == [] for d in plan.days)


@pytest.mark.parametrize(("days", "people"), [(0, 1), (367, 1), (7, 0), (7, MAX_PEOPLE + 1)])
def test_new_plan_rejects_out_of_range(days, people):
    with pytest.raises(InputError):
        Plan.new("x", days, people)


def test_day_editing():
    plan = Plan.new("Week", 3)
    saved = Menu("Saved", [MenuItem("banana", grams=100)])
    added = plan.add_day(saved)
    assert added.name == "Thursday"
    added.menu.items.append(MenuItem("milk", grams=200))
    assert len(saved.items) == 1, "a day holds its own copy of a saved menu"

    copy = plan.copy_day(0)
    assert [d.name for d in plan.days] == [
        "Monday",
        "Monday (copy)",
        "Tuesday",
        "Wednesday",
        "Thursday",
    ]
    copy.menu.items.append(MenuItem("banana", grams=1))
    assert plan.days[0].menu.items == []

    plan.rename_day(1, "  Feast day ")
    assert plan.days[1].name == "Feast day"
    with pytest.raises(InputError):
        plan.rename_day(1, "   ")
    plan.move_day(1, 4)
    assert plan.days[4].name == "Feast day"
    removed = plan.remove_day(0)
    assert removed.name == "Monday"
    assert plan.unused_day_name() == "Friday"
    assert plan.add_day(name="Extra", index=0).name == "Extra"
    assert plan.days[0].name == "Extra"


def test_copy_is_deep():
    plan = _plan()
    other = plan.copy()
    other.days[0].menu.items.clear()
    other.days[0].name = "Changed"
    assert plan.days[0].name == "Monday"
    assert len(plan.days[0].menu.items) == 2


def test_file_round_trip(tmp_path):
    plan = _plan()
    path = tmp_path / "week.plan.json"
    write_plan(path, plan)
    data = json.loads(path.read_text())
    assert data["format"] == "crampless.plan"
    assert data["version"] == 2
    assert [p["name"] for p in data["people"]] == ["Person 1", "Person 2"]
    assert data["people"][0] == {
        "name": "Person 1",
        "sex": "female",
        "age": 50.0,
        "pregnant": False,
        "lactating": False,
        "standard": "nasem",
        "share": 1.0,
    }
    assert data["days"][0] == {
        "name": "Monday",
        "menu": {
            "name": "Monday",
            "items": [
                {"food": "banana", "grams": 118, "meal": "breakfast"},
                {"food": "pumpkin-seeds", "portions": 1.5, "meal": "snack"},
            ],
        },
    }
    assert read_plan(path, KNOWN) == plan
    assert list(tmp_path.iterdir()) == [path], "no temporary file left behind"


def test_sample_plan_reads_with_real_foods(foods):
    from planner.paths import ROOT

    plan = read_plan(ROOT / "docs" / "sample.plan.json", foods.__contains__)
    assert len(plan.days) == 7
    assert len(plan.people) == 2


def _file(**changes):
    data = {
        "format": "crampless.plan",
        "version": 1,
        "name": "Week",
        "people": 2,
        "days": [
            {"name": "Monday", "menu": {"name": "Monday", "items": []}},
            {"name": "Tuesday", "menu": {"name": "Tuesday", "items": []}},
            {
                "name": "Wednesday",
                "menu": {"name": "W", "items": [{"food": "banana", "grams": 100}]},
            },
        ],
    }
    data.update(changes)
    return data


def _bad_item(**item):
    data = _file()
    data["days"][2]["menu"]["items"] = [item]
    return data


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("{oops", "plan.json: line 1, column 2: invalid JSON"),
        ([], "plan.json: expected a JSON object"),
        (_file(format="crampless.menu"), "plan.json: format: expected 'crampless.plan'"),
        (
            _file(version=3),
            "plan.json: version: version 3 is not supported (this app reads 1 or 2)",
        ),
        (_file(name=3), "plan.json: name: must be text"),
        (_file(people=0), "plan.json: people: 0 is not between 1 and 50"),
        (_file(people=51), "plan.json: people: 51 is not between 1 and 50"),
        (_file(people=2.5), "plan.json: people: 2.5 is not a whole number"),
        (_file(people="two"), "plan.json: people: 'two' is not a number"),
        (_file(people=True), "plan.json: people: True is not a number"),
        (_file(days={}), "plan.json: days: expected a list of days"),
        (_file(days=[[]]), "plan.json: days[0]: expected a day object"),
        (_file(days=[{"name": 1, "menu": {"items": []}}]), "plan.json: days[0].name: must be text"),
        (_file(days=[{"name": "Mo"}]), "plan.json: days[0].menu: expected a menu object"),
        (
            _file(days=[{"name": "Mo", "menu": {"items": 3}}]),
            "plan.json: days[0].menu.items: expected a list of items",
        ),
        (
            _bad_item(food="banana", grams=-5),
            "plan.json: days[2].menu.items[0].grams: negative amount -5",
        ),
        (
            _bad_item(food="bananna", grams=5),
            "plan.json: days[2].menu.items[0].food: unknown food 'bananna'",
        ),
        (
            _bad_item(food="banana", portions=1, grams=1),
            "plan.json: days[2].menu.items[0]: give exactly one of 'grams' or 'portions'",
        ),
    ],
)
def test_bad_files_name_file_and_place(tmp_path, data, expected):
    path = tmp_path / "plan.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    with pytest.raises(InputError) as info:
        read_plan(path, KNOWN)
    assert str(info.value).startswith(expected)


def test_missing_fields_take_defaults(tmp_path):
    path = tmp_path / "p.plan.json"
    path.write_text(
        json.dumps({"format": "crampless.plan", "version": 1, "days": [{"menu": {"items": []}}]})
    )
    plan = read_plan(path)
    assert (plan.name, len(plan.people), plan.days[0].name) == ("Untitled plan", 1, "Monday")


def test_whole_float_people_accepted(tmp_path):
    path = tmp_path / "p.plan.json"
    path.write_text(json.dumps(_file(people=3.0)))
    plan = read_plan(path, KNOWN)
    assert [p.name for p in plan.people] == ["Person 1", "Person 2", "Person 3"]


def test_library_keeps_plan_and_shopping_state(tmp_path):
    lib = Library(tmp_path / LIBRARY_FILE)
    plan = _plan()
    state = ShoppingState(frozenset({"banana"}), frozenset({"milk"}))
    plan_id = save_plan(lib, plan, state=state)
    assert load_plan(lib, plan_id) == (plan, state)
    stored = lib.load_plan_data(plan_id)
    assert "format" not in stored
    assert stored[STATE_KEY] == {"ticked": ["banana"], "pantry": ["milk"]}

    # Saving the edited plan without a state keeps the marks already saved.
    plan.days.append(Day("Extra", Menu("Extra")))
    assert save_plan(lib, plan, plan_id) == plan_id
    assert load_plan(lib, plan_id) == (plan, state)

    new_state = state.with_ticked("banana", False).with_pantry("pumpkin-seeds")
    save_shopping_state(lib, plan_id, new_state)
    assert load_plan(lib, plan_id) == (plan, new_state)

    lib.rename_plan(plan_id, "Renamed")
    renamed, kept = load_plan(lib, plan_id)
    assert renamed.name == "Renamed"
    assert kept == new_state

    copy_id = duplicate_plan(lib, plan_id)
    copy, copy_state = load_plan(lib, copy_id)
    assert copy.name == "Renamed (copy)"
    assert copy.days == plan.days
    assert copy_state == ShoppingState()

    # The marks belong to the library, never to an exported file.
    assert STATE_KEY not in plan_json(renamed)


def test_library_state_checked(tmp_path):
    lib = Library(tmp_path / LIBRARY_FILE)
    plan_id = save_plan(lib, _plan())
    data = lib.load_plan_data(plan_id)
    data[STATE_KEY] = {"ticked": "banana"}
    lib.save_plan_data("x", data, plan_id)
    with pytest.raises(InputError, match=r"shopping_state\.ticked: expected a list of food ids"):
        load_plan(lib, plan_id)


def test_shopping_state_edits():
    state = ShoppingState().with_ticked("a").with_ticked("b").with_pantry("c")
    assert state.ticked == {"a", "b"}
    assert state.with_ticked("a", False).ticked == {"b"}
    assert state.cleared() == ShoppingState(frozenset(), frozenset({"c"}))
    assert ShoppingState.from_dict(state.to_dict(), "x") == state
