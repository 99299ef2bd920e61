"""A plan's people: each with their own profile and share of the day's shared dishes.

What a person eats on a day is ``share`` x the day's menu plus their own items
(``eaten_menu``). Read and written here as ``.plan.json`` version 2 has them
(docs/file-formats.md); a version 1 file's number of people becomes that many people
with one profile (``household_of``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from planner.core.data.profile import MAX_AGE, SEXES, STANDARDS, Profile
from planner.core.data.stage_ages import StageAges, stage_age_problem
from planner.core.errors import InputError
from planner.core.menus.menu import Menu, MenuItem

# A household rather than a canteen.
MAX_PEOPLE = 50
# A share above 0 and at most this: a small child eats 0.5 of the menu, a teenager 1.3;
# more than five times the menu as written is a typo.
MAX_SHARE = 5.0
MAX_PERSON_NAME = 100
PERSON_FIELDS = ("name", "sex", "age", "pregnant", "lactating", "standard", "share")


@dataclass(frozen=True)
class Person:
    """Someone who eats the plan: their name (unique in the plan), profile and share."""

    name: str
    profile: Profile = field(default_factory=Profile)
    share: float = 1.0

    def describe(self) -> str:
        """``Anna (female, 34 years, pregnant, NASEM; share 1)``."""
        return f"{self.name} ({self.profile.describe()}; share {self.share:g})"


def default_person_name(position: int) -> str:
    return f"Person {position + 1}"


def household_of(count: int, profile: Profile | None = None) -> list[Person]:
    """``count`` people named Person 1, Person 2... with ``profile`` and share 1 (what a
    version 1 plan's number of people means)."""
    return [Person(default_person_name(n), profile or Profile()) for n in range(count)]


def unused_person_name(people: Sequence[Person]) -> str:
    taken = {p.name for p in people}
    n = len(people)
    while default_person_name(n) in taken:
        n += 1
    return default_person_name(n)


def share_problem(share: object) -> str | None:
    """Why ``share`` cannot be a person's share, or None when it can."""
    if isinstance(share, bool) or not isinstance(share, int | float):
        return f"{share!r} is not a number"
    if not math.isfinite(share) or not 0 < share <= MAX_SHARE:
        return f"{share:g} is not above 0 and at most {MAX_SHARE:g}"
    return None


def person_name_problem(name: object, others: Sequence[str] = ()) -> str | None:
    """Why ``name`` cannot name a person beside ``others``, or None when it can."""
    if not isinstance(name, str) or not name.strip():
        return "a person needs a name"
    if name != name.strip():
        return f"{name!r} has spaces around it"
    if len(name) > MAX_PERSON_NAME:
        return f"a name can be at most {MAX_PERSON_NAME} characters"
    if name in others:
        return f"two people are named {name!r}"
    return None


def checked_person(person: Person, others: Sequence[str], stage_ages: StageAges | None) -> Person:
    """``person`` when it may join people named ``others``; else an InputError whose
    place is the field at fault (the window shows its message)."""
    problem = person_name_problem(person.name, others)
    if problem:
        raise InputError("", "name", problem)
    problem = share_problem(person.share)
    if problem:
        raise InputError("", "share", problem)
    if stage_ages is not None:
        problem = stage_age_problem(person.profile, stage_ages)
        if problem:
            raise InputError("", "age", problem)
    return person


def scaled(item: MenuItem, share: float) -> MenuItem:
    """``item`` as a person with ``share`` eats it (a household measure stays its unit)."""
    if share == 1.0:
        return item
    if item.grams is not None:
        return replace(item, grams=item.grams * share)
    return replace(item, portions=(item.portions or 0.0) * share)


def eaten_menu(
    name: str, shared: Menu, own: Sequence[MenuItem], share: float, scale: float = 1.0
) -> Menu:
    """What a person eats: ``share`` x ``shared`` then their ``own`` items, all times
    ``scale`` (``1 / days`` for a plan's daily average)."""
    items = [scaled(i, share * scale) for i in shared.items]
    items += [scaled(i, scale) for i in own]
    return Menu(name, items)


# -- .plan.json version 2 -----------------------------------------------------------------
def person_to_dict(person: Person) -> dict[str, Any]:
    p = person.profile
    return {
        "name": person.name,
        "sex": p.sex,
        "age": p.age,
        "pregnant": p.pregnant,
        "lactating": p.lactating,
        "standard": p.standard,
        "share": person.share,
    }


def people_from_list(
    data: Any, source: Path | str, stage_ages: StageAges | None = None, where: str = "people"
) -> list[Person]:
    """Version 2's ``people``; each fault names its place (``people[1].share``)."""
    if not isinstance(data, list) or not data:
        raise InputError(source, where, "expected a list of at least one person")
    if len(data) > MAX_PEOPLE:
        raise InputError(source, where, f"{len(data)} people is more than {MAX_PEOPLE}")
    people: list[Person] = []
    for n, entry in enumerate(data):
        people.append(
            person_from_dict(entry, source, f"{where}[{n}]", [p.name for p in people], stage_ages)
        )
    return people


def person_from_dict(
    data: Any,
    source: Path | str,
    place: str,
    others: Sequence[str] = (),
    stage_ages: StageAges | None = None,
) -> Person:
    """One person of ``people``; ``others``: the names before it (no two alike)."""
    if not isinstance(data, dict):
        raise InputError(source, place, "expected a person object")
    unknown = sorted(set(data) - set(PERSON_FIELDS))
    if unknown:
        raise InputError(source, f"{place}.{unknown[0]}", "unknown field")

    def fail(field: str, message: str) -> InputError:
        return InputError(source, f"{place}.{field}" if field else place, message)

    name = data.get("name")
    problem = person_name_problem(name, others)
    if problem:
        raise fail("name", problem)
    sex = data.get("sex", "female")
    if sex not in SEXES:
        raise fail("sex", f"{sex!r} is not one of {', '.join(SEXES)}")
    age = data.get("age", 50)
    if isinstance(age, bool) or not isinstance(age, int | float) or not math.isfinite(age):
        raise fail("age", f"{age!r} is not a number")
    if not 0 <= age <= MAX_AGE:
        raise fail("age", f"{age:g} is not an age from 0 to {MAX_AGE:g}")
    flags = {}
    for flag in ("pregnant", "lactating"):
        value = data.get(flag, False)
        if not isinstance(value, bool):
            raise fail(flag, f"{value!r} is not true or false")
        flags[flag] = value
    standard = data.get("standard", "nasem")
    if standard not in STANDARDS:
        raise fail("standard", f"{standard!r} is not one of {', '.join(STANDARDS)}")
    share = data.get("share", 1.0)
    problem = share_problem(share)
    if problem:
        raise fail("share", problem)
    stage = "pregnant" if flags["pregnant"] else "lactating"
    try:
        profile = Profile(sex, float(age), flags["pregnant"], flags["lactating"], standard)
    except InputError as exc:  # pregnant and lactating both, or either for a male
        raise fail(stage, exc.message) from None
    if stage_ages is not None:
        problem = stage_age_problem(profile, stage_ages)
        if problem:
            raise fail("age", problem)
    return Person(name, profile, float(share))


def own_from_dict(
    data: Any,
    source: Path | str,
    place: str,
    names: Sequence[str],
    read_items: Any,
) -> dict[str, list[MenuItem]]:
    """A day's ``own``: {person name: [items]}; ``read_items(list, place)`` reads each
    list as menu items are read (jsonfiles.items_from_list)."""
    if not isinstance(data, dict):
        raise InputError(source, place, "expected {person name: [items]}")
    own: dict[str, list[MenuItem]] = {}
    for name, items in data.items():
        if name not in names:
            raise InputError(source, f"{place}.{name}", f"no person named {name!r} in people")
        own[name] = read_items(items, f"{place}.{name}")
    return {name: items for name, items in own.items() if items}
