"""Households kept in the library: a plan's people saved once, to start new plans with."""

from __future__ import annotations

from collections.abc import Sequence

from planner.core.errors import InputError
from planner.core.plans.people import Person, people_from_list, person_to_dict
from planner.core.plans.plan import MAX_NAME
from planner.core.storage.library import Entry, Library
from planner.core.storage.library_file import LIBRARY_FILE


def households(library: Library) -> list[Entry]:
    """Saved households, most recently changed first."""
    return library.households()


def save_household(
    library: Library, name: str, people: Sequence[Person], household_id: int | None = None
) -> int:
    """Save ``people`` as household ``name`` (a new one, or ``household_id`` replaced);
    returns its id."""
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise InputError("", "name", f"a household needs a name of 1 to {MAX_NAME} characters")
    if not people:
        raise InputError("", "people", "a household has at least one person")
    data = {"name": name, "people": [person_to_dict(p) for p in people]}
    return library.save_household_data(name, data, household_id)


def load_household(library: Library, household_id: int) -> list[Person]:
    """A saved household's people, checked as a plan's are (InputError naming the row)."""
    data = library.load_household_data(household_id)
    source = f"{LIBRARY_FILE} household {household_id}"
    return people_from_list(data.get("people"), source)
