"""Additions for one person of a household plan, and the re-check of everyone after them.

Food added for a person goes to their own items (the default) or to the day's shared menu,
which every person eats their share of. An addition must push no one over a limit: the
re-check compares each person's day before and after with their own ceilings (charted
upper limits, sodium and the guard nutrients: planner.core.data.ceilings).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from planner.core.advice.completion_meals import raised
from planner.core.data.ceilings import ceilings, over_limit_phrase
from planner.core.data.foods import FoodTable
from planner.core.data.intakes import Target
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import MenuItem
from planner.core.plans.people import Person, scaled
from planner.core.plans.plan import Day, Plan

TargetsOf = Callable[[Person], dict[str, Target]]


@dataclass(frozen=True)
class PushedOver:
    """Someone whose day an addition takes over a limit they were under (or further over)."""

    person: str
    key: str
    amount: float
    limit: float

    @property
    def message(self) -> str:
        return f"{self.person}: {over_limit_phrase(self.key, self.amount, self.limit)}"


def with_additions(
    plan: Plan,
    day: int,
    person: Person,
    additions: Sequence[tuple[MenuItem, int | None, float]],
    foods: FoodTable,
    shared: bool,
) -> Day:
    """Day ``day`` as it becomes with ``additions`` made to what ``person`` eats.

    Each addition is (the row as it becomes or the new row, the row of
    ``plan.eaten(day, person)`` it raises or None, the grams added). Into the person's own
    items, or with ``shared`` into the day's menu, divided by their share (they eat share
    x the menu, so they get what was found for them). A raised row the person's part
    does not hold becomes a new row.
    """
    original = plan.days[day]
    result = original.copy()
    n_shared = len(original.menu.items)
    own = result.own.setdefault(person.name, [])
    for item, position, grams in additions:
        if shared:
            if position is not None and position < n_shared:
                row = raised(result.menu.items[position], grams / person.share, foods)
                if row is not None:
                    result.menu.items[position] = row
                    continue
            new = item if position is None else MenuItem(item.food, item.meal, grams=grams)
            result.menu.items.append(scaled(new, 1.0 / person.share))
            continue
        if position is not None and position >= n_shared:
            row = raised(own[position - n_shared], grams, foods)
            if row is not None:
                own[position - n_shared] = row
                continue
        own.append(item if position is None else MenuItem(item.food, item.meal, grams=grams))
    if not own:
        del result.own[person.name]
    return result


def pushed_over(
    plan: Plan, day: int, after: Day, foods: FoodTable, targets_of: TargetsOf
) -> list[PushedOver]:
    """Everyone whose day ``after`` (day ``day`` changed) takes over a ceiling: one they
    were under, or one they were over already and now with more."""
    changed = Plan(plan.name, plan.people, [*plan.days[:day], after, *plan.days[day + 1 :]])
    found = []
    for person in plan.people:
        targets = targets_of(person)
        limits = ceilings(targets)
        if not limits:
            continue
        before = compute_coverage(plan.eaten(day, person), foods, targets)
        now = compute_coverage(changed.eaten(day, person), foods, targets)
        for key, limit in limits.items():
            amount, was = now[key].amount, before[key].amount
            if amount is None or amount <= limit:
                continue
            if was is not None and was > limit and amount <= was + 1e-9:
                continue  # over already, and no more of it
            found.append(PushedOver(person.name, key, amount, limit))
    return found
