"""Nights with cramps and nights without, side by side: how many of each, and the average
coverage of those tied to what was eaten. Counts and averages only: no score, no cause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.core.data.foods import FoodTable
from planner.core.data.intakes import Target
from planner.core.data.nutrients import CHART_KEYS
from planner.core.diary.diary_store import DayTie
from planner.core.diary.episode import Episode
from planner.core.errors import InputError
from planner.core.plans.plan import Day, Plan
from planner.core.plans.plan_coverage import PlanCoverage, plan_coverage

# Said under every comparison of nights, in the window and in the report.
CAVEAT = (
    "A handful of nights cannot show what causes cramps, and a difference between nights "
    "with and without cramps may be chance. Nights with no menu tied are left out: "
    "nothing is assumed about what was eaten on them."
)
# A period longer than ten years is a typo.
MAX_NIGHTS = 3660


def nights_between(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def check_period(first: dt.date, last: dt.date, today: dt.date, source: str = "") -> None:
    """Refuse a period that runs backwards, past ``today`` or over ten years."""
    if last < first:
        raise InputError(source, "to", f"{last} is before the start, {first}")
    if last > today:
        raise InputError(source, "to", f"{last} is in the future (today is {today})")
    if (last - first).days + 1 > MAX_NIGHTS:
        raise InputError(source, "from", f"a period of at most {MAX_NIGHTS} nights")


@dataclass(frozen=True)
class NightSplit:
    """A period's nights parted by whether an episode was logged, and the coverage of the
    tied ones on each side (None where no night of that side is tied)."""

    first: dt.date
    last: dt.date
    with_cramps: tuple[dt.date, ...]
    without: tuple[dt.date, ...]
    tied_with: tuple[dt.date, ...]
    tied_without: tuple[dt.date, ...]
    coverage_with: PlanCoverage | None
    coverage_without: PlanCoverage | None

    @property
    def nights(self) -> int:
        return len(self.with_cramps) + len(self.without)

    @property
    def untied(self) -> int:
        return self.nights - len(self.tied_with) - len(self.tied_without)


def tied_coverage(
    nights: Sequence[dt.date],
    ties: Mapping[dt.date, DayTie],
    foods: FoodTable,
    targets: dict[str, Target],
    keys: tuple[str, ...] = CHART_KEYS,
) -> PlanCoverage | None:
    """The coverage of the tied ``nights``, one day each (their average is the plan
    coverage's average); None when none is tied."""
    days = [Day(str(night), ties[night].menu) for night in nights if night in ties]
    if not days:
        return None
    return plan_coverage(Plan("diary", days=days), foods, targets, keys)


def split_nights(
    episodes: Sequence[Episode],
    ties: Mapping[dt.date, DayTie],
    first: dt.date,
    last: dt.date,
    foods: FoodTable,
    targets: dict[str, Target],
    keys: tuple[str, ...] = CHART_KEYS,
) -> NightSplit:
    """Nights ``first`` to ``last``: with an episode logged or without, and each side's
    tied nights' coverage of ``keys``."""
    cramp_nights = {e.night for e in episodes}
    nights = nights_between(first, last)
    with_cramps = tuple(n for n in nights if n in cramp_nights)
    without = tuple(n for n in nights if n not in cramp_nights)
    tied_with = tuple(n for n in with_cramps if n in ties)
    tied_without = tuple(n for n in without if n in ties)
    return NightSplit(
        first,
        last,
        with_cramps,
        without,
        tied_with,
        tied_without,
        tied_coverage(tied_with, ties, foods, targets, keys),
        tied_coverage(tied_without, ties, foods, targets, keys),
    )
