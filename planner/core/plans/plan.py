"""Plans: named days each holding a whole menu, for a household's people; .plan.json and library."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.core.data.profile import Profile
from planner.core.data.stage_ages import StageAges
from planner.core.errors import InputError
from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.people import (
    MAX_PEOPLE,
    Person,
    eaten_menu,
    household_of,
    own_from_dict,
    people_from_list,
    person_to_dict,
)
from planner.core.plans.shopping_state import ShoppingState
from planner.core.storage.atomic import atomic_write_text
from planner.core.storage.jsonfiles import (
    PLAN_FORMAT,
    PLAN_VERSIONS,
    FoodCheck,
    check_header,
    items_from_list,
    items_to_list,
    menu_from_dict,
    menu_to_dict,
    read_json,
)
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE

DAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
DEFAULT_DAYS = 7
# Defensive ceilings: a year of days (and people.MAX_PEOPLE, a household's).
MAX_DAYS = 366
PLAN_VERSION = PLAN_VERSIONS[-1]  # what is written; every one of PLAN_VERSIONS is read
MAX_NAME = 200
# The library keeps a plan's shopping marks beside it; .plan.json exports leave them out.
STATE_KEY = "shopping_state"


def default_day_name(position: int) -> str:
    """Monday..Sunday for the first week, then ``Day 8``, ``Day 9``..."""
    return DAY_NAMES[position] if position < len(DAY_NAMES) else f"Day {position + 1}"


def people_problem(value: object) -> str | None:
    """Why ``value`` cannot be a (version 1) plan's number of people, or None when it can."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{value!r} is not a number"
    if isinstance(value, float) and not value.is_integer():
        return f"{value!r} is not a whole number"
    if not 1 <= value <= MAX_PEOPLE:
        return f"{value:g} is not between 1 and {MAX_PEOPLE}"
    return None


def checked_name(name: str, place: str = "name") -> str:
    """``name`` stripped; an empty or overlong one is an InputError."""
    name = name.strip()
    if not name:
        raise InputError("", place, "a name cannot be empty")
    if len(name) > MAX_NAME:
        raise InputError("", place, f"a name can be at most {MAX_NAME} characters")
    return name


@dataclass
class Day:
    """One day of a plan: its name, its own copy of the shared menu and each person's own
    items (``own``: person name -> items, only people who have some)."""

    name: str
    menu: Menu = field(default_factory=Menu)
    own: dict[str, list[MenuItem]] = field(default_factory=dict)

    def copy(self) -> Day:
        return Day(self.name, self.menu.copy(), {k: list(v) for k, v in self.own.items()})

    def own_items(self, person: str) -> list[MenuItem]:
        return self.own.get(person, [])


@dataclass
class Plan:
    """Days in the order they are eaten, by ``people``, each with their own targets and
    share of the shared menus (which, with their own items, make the shopping)."""

    name: str = "Untitled plan"
    people: list[Person] = field(default_factory=lambda: household_of(1))
    days: list[Day] = field(default_factory=list)

    @classmethod
    def new(
        cls,
        name: str,
        n_days: int = DEFAULT_DAYS,
        people: int | Sequence[Person] = 1,
        profile: Profile | None = None,
    ) -> Plan:
        """A plan of ``n_days`` empty days named Monday..Sunday, then Day 8..., for
        ``people`` (a household, or a number of people with ``profile``)."""
        if not 1 <= n_days <= MAX_DAYS:
            raise InputError("", "days", f"a plan has 1 to {MAX_DAYS} days, not {n_days}")
        if isinstance(people, int | float):
            problem = people_problem(people)
            if problem:
                raise InputError("", "people", problem)
            people = household_of(int(people), profile)
        if not people or len(people) > MAX_PEOPLE:
            raise InputError("", "people", f"a plan has 1 to {MAX_PEOPLE} people")
        plan = cls(name, list(people))
        for _ in range(n_days):
            plan.add_day()
        return plan

    def copy(self) -> Plan:
        return Plan(self.name, list(self.people), [d.copy() for d in self.days])

    # -- people ---------------------------------------------------------------------------
    def person(self, name: str) -> Person:
        """The person named ``name``; KeyError when the plan has none."""
        for person in self.people:
            if person.name == name:
                return person
        raise KeyError(name)

    def person_names(self) -> list[str]:
        return [p.name for p in self.people]

    def eaten(self, day: int, person: Person) -> Menu:
        """What ``person`` eats on day ``day``: their share of its menu and their own items."""
        d = self.days[day]
        return eaten_menu(d.name, d.menu, d.own_items(person.name), person.share)

    def eaten_on_average(self, person: Person) -> Menu:
        """Everything ``person`` eats over the plan, divided by its days: the menu whose
        coverage is the plan's daily average."""
        items: list[MenuItem] = []
        scale = 1.0 / len(self.days) if self.days else 1.0
        for d in self.days:
            items += eaten_menu(d.name, d.menu, d.own_items(person.name), person.share, scale).items
        return Menu(f"{self.name} (daily average)", items)

    def total_share(self) -> float:
        """How many times the shared menus are cooked: the people's shares summed."""
        return float(sum(p.share for p in self.people))

    # -- days -----------------------------------------------------------------------------
    def unused_day_name(self) -> str:
        """The next default day name no day has yet."""
        taken = {d.name for d in self.days}
        n = len(self.days)
        while default_day_name(n) in taken:
            n += 1
        return default_day_name(n)

    def add_day(
        self, menu: Menu | None = None, name: str | None = None, index: int | None = None
    ) -> Day:
        """Insert a day (at the end by default) with a new menu or a copy of ``menu``."""
        if len(self.days) >= MAX_DAYS:
            raise InputError("", "days", f"a plan has at most {MAX_DAYS} days")
        day_name = checked_name(name) if name is not None else self.unused_day_name()
        day_menu = menu.copy() if menu is not None else Menu(day_name)
        day = Day(day_name, day_menu)
        self.days.insert(len(self.days) if index is None else index, day)
        return day

    def remove_day(self, index: int) -> Day:
        return self.days.pop(index)

    def rename_day(self, index: int, name: str) -> None:
        self.days[index].name = checked_name(name)

    def copy_day(self, index: int) -> Day:
        """Insert a copy of day ``index`` (own items too) after it: ``<name> (copy)``."""
        original = self.days[index]
        day = self.add_day(original.menu, f"{original.name} (copy)"[:MAX_NAME], index + 1)
        day.own = original.copy().own
        return day

    def move_day(self, index: int, to: int) -> None:
        self.days.insert(to, self.days.pop(index))


# -- .plan.json ------------------------------------------------------------------------
def plan_from_dict(
    data: Any,
    source: Path | str,
    known: FoodCheck | None = None,
    profile: Profile | None = None,
    stage_ages: StageAges | None = None,
    version: int | None = None,
) -> Plan:
    """A Plan from its JSON object; places name the fault (``days[2].menu.items[0].grams``).

    ``people`` is a list of people (version 2) or a number (version 1: that many people
    with ``profile``, share 1); ``version`` None (the library's rows) takes either.
    ``stage_ages``: refuse pregnancy or lactation at an age its targets do not cover.
    """
    if not isinstance(data, dict):
        raise InputError(source, "", "expected a plan object")
    name = data.get("name", "Untitled plan")
    if not isinstance(name, str):
        raise InputError(source, "name", "must be text")
    people_data = data.get("people", 1)
    if version == 2 or (version is None and isinstance(people_data, list)):
        people = people_from_list(people_data, source, stage_ages)
    else:
        problem = people_problem(people_data)
        if problem:
            raise InputError(source, "people", problem)
        people = household_of(int(people_data), profile)
    names = [p.name for p in people]
    days_data = data.get("days")
    if not isinstance(days_data, list):
        raise InputError(source, "days", "expected a list of days")
    if len(days_data) > MAX_DAYS:
        raise InputError(source, "days", f"{len(days_data)} days is more than {MAX_DAYS}")
    days = []
    for n, day in enumerate(days_data):
        place = f"days[{n}]"
        if not isinstance(day, dict):
            raise InputError(source, place, "expected a day object")
        day_name = day.get("name", default_day_name(n))
        if not isinstance(day_name, str):
            raise InputError(source, f"{place}.name", "must be text")
        menu = menu_from_dict(day.get("menu"), source, f"{place}.menu.", known)
        own = {}
        if "own" in day:
            own = own_from_dict(
                day["own"],
                source,
                f"{place}.own",
                names,
                lambda items, where: items_from_list(items, source, where, known),
            )
        days.append(Day(day_name, menu, own))
    return Plan(name, people, days)


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan's JSON object, as version 2 has it (without the file header)."""
    days = []
    for d in plan.days:
        day: dict[str, Any] = {"name": d.name, "menu": menu_to_dict(d.menu)}
        own = {name: items_to_list(items) for name, items in d.own.items() if items}
        if own:
            day["own"] = own
        days.append(day)
    return {"name": plan.name, "people": [person_to_dict(p) for p in plan.people], "days": days}


def read_plan(
    path: Path,
    known: FoodCheck | None = None,
    profile: Profile | None = None,
    stage_ages: StageAges | None = None,
) -> Plan:
    """Read a .plan.json file (version 1 or 2), checking every person, day and item;
    a version 1 file's people get ``profile``."""
    data = read_json(path)
    version = check_header(data, PLAN_FORMAT, path, PLAN_VERSIONS)
    return plan_from_dict(data, path, known, profile, stage_ages, version)


def plan_json(plan: Plan) -> str:
    return json.dumps(
        {"format": PLAN_FORMAT, "version": PLAN_VERSION, **plan_to_dict(plan)}, indent=2
    )


def write_plan(path: Path, plan: Plan) -> None:
    """Write a .plan.json file atomically (never with the shopping marks)."""
    atomic_write_text(Path(path), plan_json(plan) + "\n")


# -- the library -----------------------------------------------------------------------
def _library_source(plan_id: int) -> str:
    return f"{LIBRARY_FILE} plan {plan_id}"


def load_plan(
    library: Library, plan_id: int, profile: Profile | None = None
) -> tuple[Plan, ShoppingState]:
    """A saved plan and its shopping marks (one saved before households: its people
    with ``profile``)."""
    data = library.load_plan_data(plan_id)
    source = _library_source(plan_id)
    plan = plan_from_dict(data, source, profile=profile)
    return plan, ShoppingState.from_dict(data.get(STATE_KEY), source, STATE_KEY)


def save_plan(
    library: Library, plan: Plan, plan_id: int | None = None, state: ShoppingState | None = None
) -> int:
    """Insert or update a plan; returns its id. ``state=None`` keeps the marks already saved."""
    data = plan_to_dict(plan)
    if state is None and plan_id is not None:
        try:
            kept = library.load_plan_data(plan_id).get(STATE_KEY)
        except KeyError:
            kept = None
        if kept is not None:
            data[STATE_KEY] = kept
    elif state is not None:
        data[STATE_KEY] = state.to_dict()
    return library.save_plan_data(plan.name, data, plan_id)


def save_shopping_state(library: Library, plan_id: int, state: ShoppingState) -> None:
    """Store new shopping marks for a saved plan, leaving the plan as it is."""
    data = library.load_plan_data(plan_id)
    data[STATE_KEY] = state.to_dict()
    library.save_plan_data(data["name"], data, plan_id)


def duplicate_plan(library: Library, plan_id: int) -> int:
    """Save a copy of a plan as ``<name> (copy)`` with no shopping marks; returns its id."""
    plan, _ = load_plan(library, plan_id)
    plan.name = library.unused_name(f"{plan.name} (copy)", library.plans())
    return save_plan(library, plan)
