"""Households in the library: saved once, used for new plans; an old library gains them."""

from __future__ import annotations

import json
import sqlite3

import pytest

from planner.core.data.profile import Profile
from planner.core.errors import InputError
from planner.core.plans.households import households, load_household, save_household
from planner.core.plans.people import Person
from planner.core.plans.plan import Plan, load_plan, save_plan
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE, SCHEMA_VERSION

FAMILY = [
    Person("Anna", Profile("female", 34, pregnant=True)),
    Person("Tom", Profile("male", 15), 1.3),
    Person("Grandpa", Profile("male", 74, standard="efsa"), 0.8),
]


def test_saved_household_starts_new_plans(tmp_path):
    library = Library(tmp_path / LIBRARY_FILE)
    household_id = save_household(library, " The Millers ", FAMILY)
    assert [(e.id, e.name) for e in households(library)] == [(household_id, "The Millers")]
    library.close()
    library = Library(tmp_path / LIBRARY_FILE)  # kept across sessions
    people = load_household(library, household_id)
    assert people == FAMILY
    plan = Plan.new("Week 1", 7, people)
    plan_id = save_plan(library, plan)
    assert load_plan(library, plan_id)[0].people == FAMILY
    # Replaced in place under its id, and deleted.
    save_household(library, "The Millers", FAMILY[:2], household_id)
    assert load_household(library, household_id) == FAMILY[:2]
    library.delete_household(household_id)
    assert households(library) == []


@pytest.mark.parametrize(("name", "people"), [("", FAMILY), ("  ", FAMILY), ("Us", [])])
def test_a_household_needs_a_name_and_people(tmp_path, name, people):
    library = Library(tmp_path / LIBRARY_FILE)
    with pytest.raises(InputError):
        save_household(library, name, people)


def test_a_damaged_household_row_is_named(tmp_path):
    library = Library(tmp_path / LIBRARY_FILE)
    household_id = save_household(library, "Us", FAMILY)
    data = {"name": "Us", "people": [{"name": "Anna", "share": 0}]}
    with library.transaction() as db:
        db.execute("UPDATE households SET data=? WHERE id=?", (json.dumps(data), household_id))
    with pytest.raises(InputError) as info:
        load_household(library, household_id)
    assert str(info.value) == (
        f"{LIBRARY_FILE} household {household_id}: people[0].share: 0 is not above 0 and at most 5"
    )


def test_a_library_from_before_households_gains_the_table(tmp_path):
    path = tmp_path / LIBRARY_FILE
    Library(path).close()
    db = sqlite3.connect(path)
    db.execute("DROP TABLE households")
    db.execute("UPDATE meta SET value='3' WHERE key='schema_version'")
    db.commit()
    db.close()
    library = Library(path)
    assert households(library) == []
    assert library.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (
        str(SCHEMA_VERSION),
    )
