"""A plan's coverage day by day and on average, per person: nutrients x days as % of
the targets; the household's people x nutrients at a glance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from planner.core.data.foods import FoodTable
from planner.core.data.intakes import Target
from planner.core.data.nutrients import BY_KEY, CHART_KEYS
from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.people import Person
from planner.core.plans.plan import Plan


@dataclass(frozen=True)
class PlanCoverage:
    """Amounts of ``keys`` for each day of a plan (one person), and the daily average.

    ``amounts`` is days x keys in report units, NaN where no item of the day has a known
    value; ``unknown`` marks where some item's value is unknown, so the amount is only a
    lower bound. The average is the plan's total over its number of days (known values
    only; it is a lower bound when any day's is).
    """

    keys: tuple[str, ...]
    days: tuple[str, ...]
    amounts: np.ndarray
    unknown: np.ndarray
    targets: tuple[Target | None, ...]

    @property
    def target_values(self) -> np.ndarray:
        """Each key's target, NaN where the profile has none."""
        return np.array(
            [t.value if t and t.value else np.nan for t in self.targets], float
        )  # a guard's limit without a target (value None) has no target either

    @property
    def limits(self) -> np.ndarray:
        """Upper limits that apply to food (scope ``all``), NaN where none does."""
        return np.array(
            [t.upper_limit if t and t.limit_applies_to_food else np.nan for t in self.targets],
            float,
        )

    @property
    def percent(self) -> np.ndarray:
        """Days x keys % of target; NaN where the amount or the target is unknown."""
        return 100.0 * self.amounts / self.target_values[None, :]

    @property
    def over(self) -> np.ndarray:
        """Days x keys: above an upper limit that applies to food."""
        with np.errstate(invalid="ignore"):
            return self.amounts > self.limits[None, :]

    def crossed(self, day: int) -> list[tuple[str, float, float, bool]]:
        """(key, amount, limit, lower bound) of each limit day ``day`` is over."""
        limits = self.limits
        return [
            (key, float(self.amounts[day, k]), float(limits[k]), bool(self.unknown[day, k]))
            for k, key in enumerate(self.keys)
            if self.over[day, k]
        ]

    @property
    def average_amount(self) -> np.ndarray:
        """The plan's daily average per key (NaN when no day's value is known)."""
        if not self.days:
            return np.full(len(self.keys), np.nan)
        known = ~np.isnan(self.amounts)
        total = np.where(known, self.amounts, 0.0).sum(axis=0)
        return np.where(known.any(axis=0), total / len(self.days), np.nan)

    @property
    def average_unknown(self) -> np.ndarray:
        """Keys whose average is a lower bound (some day's value unknown)."""
        return (self.unknown | np.isnan(self.amounts)).any(axis=0)

    @property
    def average_percent(self) -> np.ndarray:
        return 100.0 * self.average_amount / self.target_values

    @property
    def average_over(self) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return self.average_amount > self.limits


@dataclass(frozen=True)
class _DaySums:
    """Per-day sums of some items: known amounts, counts of known and unknown values, and
    of items (days x keys; ``items``: per day)."""

    sums: np.ndarray
    known: np.ndarray
    unknown: np.ndarray
    items: np.ndarray


def _day_sums(
    items_by_day: list[list[MenuItem]], foods: FoodTable, keys: tuple[str, ...]
) -> _DaySums:
    """Every day's totals of ``keys`` in one pass over all items (no loop per day)."""
    n_days = len(items_by_day)
    whole = Menu(items=[item for items in items_by_day for item in items])
    codes = np.repeat(np.arange(n_days, dtype=np.intp), [len(i) for i in items_by_day])
    grams = whole.grams(foods)
    # reindex: a food the table no longer has counts as unknown, not as 0.
    values = foods.values.reindex(whole.food_ids(), columns=list(keys)).to_numpy(float)
    factors = np.array([BY_KEY[k].food_to_report for k in keys])
    per_item = values * (grams / 100.0)[:, None] * factors[None, :]
    missing = np.isnan(per_item)
    sums = np.zeros((n_days, len(keys)))
    known = np.zeros((n_days, len(keys)))
    unknown = np.zeros((n_days, len(keys)))
    np.add.at(sums, codes, np.where(missing, 0.0, per_item))
    np.add.at(known, codes, ~missing)
    np.add.at(unknown, codes, missing)
    return _DaySums(sums, known, unknown, np.bincount(codes, minlength=n_days))


def _coverage(
    plan: Plan,
    shared: _DaySums,
    own: _DaySums | None,
    share: float,
    targets: dict[str, Target],
    keys: tuple[str, ...],
) -> PlanCoverage:
    sums, known, unknown, items = share * shared.sums, shared.known, shared.unknown, shared.items
    if own is not None:
        sums, known = sums + own.sums, known + own.known
        unknown, items = unknown + own.unknown, items + own.items
    empty = items == 0
    amounts = np.where(known > 0, sums, np.where(empty[:, None], 0.0, np.nan))
    return PlanCoverage(
        keys,
        tuple(day.name for day in plan.days),
        amounts,
        unknown > 0,
        tuple(targets.get(k) for k in keys),
    )


def plan_coverage(
    plan: Plan,
    foods: FoodTable,
    targets: dict[str, Target],
    keys: tuple[str, ...] = CHART_KEYS,
    person: Person | None = None,
) -> PlanCoverage:
    """What ``person`` eats each day (their share of the menu and their own items), or
    the menus as written (``person`` None), against ``targets``.

    An empty day has 0 of everything, as an empty menu does in compute_coverage.
    """
    keys = tuple(keys)
    shared = _day_sums([d.menu.items for d in plan.days], foods, keys)
    if person is None:
        return _coverage(plan, shared, None, 1.0, targets, keys)
    own = _day_sums([d.own_items(person.name) for d in plan.days], foods, keys)
    return _coverage(plan, shared, own, person.share, targets, keys)


def household_coverage(
    plan: Plan,
    foods: FoodTable,
    targets_of: Callable[[Person], dict[str, Target]],
    keys: tuple[str, ...] = CHART_KEYS,
) -> dict[str, PlanCoverage]:
    """Every person's plan coverage (by name), the shared menus summed once for all."""
    keys = tuple(keys)
    shared = _day_sums([d.menu.items for d in plan.days], foods, keys)
    result = {}
    for person in plan.people:
        mine = [d.own_items(person.name) for d in plan.days]
        own = _day_sums(mine, foods, keys) if any(mine) else None
        result[person.name] = _coverage(plan, shared, own, person.share, targets_of(person), keys)
    return result


def household_percent(coverages: dict[str, PlanCoverage], worst_day: bool) -> np.ndarray:
    """People x keys: the lowest day's % of target (``worst_day``) or the average's; NaN
    where no target or no value is known. Rows in ``coverages``' order."""
    rows = []
    for coverage in coverages.values():
        if worst_day:
            percent = coverage.percent
            known = ~np.isnan(percent)
            lowest = np.where(known, percent, np.inf).min(axis=0, initial=np.inf)
            rows.append(np.where(known.any(axis=0), lowest, np.nan))
        else:
            rows.append(coverage.average_percent)
    return np.array(rows, float).reshape(len(rows), -1)


def unknown_foods(menu: Menu, foods: FoodTable, key: str) -> list[str]:
    """Foods of ``menu`` whose ``key`` value (or weight) is unknown, in menu order."""
    if not menu.items:
        return []
    grams = menu.grams(foods)
    values = foods.values.reindex(menu.food_ids())[key].to_numpy(float)
    missing = np.isnan(values * grams)
    return list(dict.fromkeys(f for f, m in zip(menu.food_ids(), missing, strict=True) if m))
