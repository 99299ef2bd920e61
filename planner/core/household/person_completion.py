"""Complete my menu for one person of a household plan, and re-check everyone.

The person's day (their share of the menu and their own items) is completed as a menu is
(planner.core.advice.optimizer). Into their own items, only they eat the additions; into
the shared menu, everyone eats their share of them, so the solver is held under the room
every other person has left below each of their ceilings (scaled by the shares), and
the result is re-checked for everyone with their own targets (recheck.pushed_over).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from planner.core.advice.completion_options import CompletionOptions
from planner.core.advice.exclusions import Exclusions, allowed_food_ids
from planner.core.advice.optimizer import Completion, complete_menu
from planner.core.data.ceilings import ceilings, in_text
from planner.core.data.foods import FoodTable
from planner.core.data.intakes import Target
from planner.core.household.recheck import PushedOver, TargetsOf, pushed_over, with_additions
from planner.core.menus.coverage import compute_coverage
from planner.core.plans.people import Person
from planner.core.plans.plan import Day, Plan


@dataclass(frozen=True)
class PersonCompletion:
    """A completion of ``person``'s day ``day``: ``completion`` is of the menu they eat
    (its ``before`` and ``after`` with their own targets), ``day_after`` the plan's day
    with the additions in their own items or (``shared``) the day's menu, and
    ``pushed_over`` whoever that day would take over a limit (empty: safe to apply)."""

    person: Person
    day: int
    shared: bool
    completion: Completion
    day_after: Day
    pushed_over: tuple[PushedOver, ...]

    @property
    def safe(self) -> bool:
        return not self.pushed_over


def household_room(
    plan: Plan, day: int, person: Person, foods: FoodTable, targets_of: TargetsOf
) -> dict[str, float]:
    """Key -> the most of it ``person`` may be given through the shared menu before some
    other person passes their ceiling (their room x share ratio); keys no one else limits
    are absent. Unknown amounts count as their known part, as the ceilings do."""
    room: dict[str, float] = {}
    for other in plan.people:
        if other.name == person.name:
            continue
        targets = targets_of(other)
        limits = ceilings(targets)
        coverage = compute_coverage(plan.eaten(day, other), foods, targets)
        for key, limit in limits.items():
            left = (limit - (coverage[key].amount or 0.0)) * person.share / other.share
            room[key] = min(room.get(key, left), left)
    return room


def household_targets(
    targets: dict[str, Target], current: dict[str, float], room: dict[str, float], aimed: set[str]
) -> dict[str, Target]:
    """``targets`` whose ceilings are lowered to what the household's room allows: a
    person's current amount plus the room, when that is below their own ceiling."""
    own = ceilings(targets)
    result = dict(targets)
    for key, left in room.items():
        bound = current.get(key, 0.0) + left
        if key in own and own[key] <= bound:
            continue
        target = targets.get(key)
        if target is None and key in aimed:
            continue  # no target to aim at nor a value to give; the re-check still watches
        source = "the household's room: another person's limit"
        result[key] = Target(
            key,
            target.value if target else None,
            target.kind if target else "UL",
            bound,
            "all",
            f"{target.source}; {source}" if target else source,
        )
    return result


def household_allowed(
    foods: FoodTable, exclusions: Exclusions, people: Sequence[Person]
) -> pd.Index:
    """The foods that may be suggested to every one of ``people`` (a pregnant person's
    cautions hold for a shared menu she eats too)."""
    allowed = allowed_food_ids(foods, exclusions, people[0].profile)
    for person in people[1:]:
        allowed = allowed.intersection(
            allowed_food_ids(foods, exclusions, person.profile), sort=False
        )
    return allowed


def complete_for_person(
    plan: Plan,
    day: int,
    person_name: str,
    foods: FoodTable,
    targets_of: TargetsOf,
    exclusions: Exclusions | None = None,
    options: CompletionOptions | None = None,
    shared: bool = False,
    should_cancel: Callable[[], bool] | None = None,
    familiar: Collection[str] = (),
) -> PersonCompletion:
    """Complete what ``person_name`` eats on day ``day``; see the module."""
    options = options or CompletionOptions()
    person = plan.person(person_name)
    eaters = plan.people if shared else [person]
    allowed = household_allowed(foods, exclusions or Exclusions(), eaters)
    menu = plan.eaten(day, person)
    targets = targets_of(person)
    solve_with = targets
    notes: list[str] = []
    if shared and len(plan.people) > 1:
        before = compute_coverage(menu, foods, targets)
        current = {k: before[k].amount or 0.0 for k in before.lines}
        room = household_room(plan, day, person, foods, targets_of)
        solve_with = household_targets(targets, current, room, set(options.aimed_keys()))
        held = [k for k in room if solve_with.get(k) is not targets.get(k)]
        if held:
            notes.append(
                "added to the shared menu, so held under everyone's limits: "
                + ", ".join(in_text(k) for k in held)
            )
    found = complete_menu(menu, foods, solve_with, allowed, options, should_cancel, familiar)
    if solve_with is not targets:  # the numbers shown are against the person's own targets
        found = replace(
            found,
            before=compute_coverage(menu, foods, targets),
            after=compute_coverage(found.menu, foods, targets),
            notes=(*found.notes, *notes),
        )
    additions = [(a.item, a.position, a.grams) for a in found.additions]
    day_after = with_additions(plan, day, person, additions, foods, shared)
    over = pushed_over(plan, day, day_after, foods, targets_of)
    return PersonCompletion(person, day, shared, found, day_after, tuple(over))
