"""The figures of the report for the doctor, for a period of nights: computed here, without
Qt, so that the PDF, the command line and the tests show the same numbers."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.core.data.foods import FoodTable
from planner.core.data.intakes import Target
from planner.core.data.nutrients import BY_KEY, KEYS, REPORTED
from planner.core.data.profile import Profile
from planner.core.diary.diary_store import DayTie
from planner.core.diary.doctor import LONG_MINUTES
from planner.core.diary.episode import BEFORE, FLAGS, Episode
from planner.core.diary.nights import nights_between, tied_coverage

RECORD_NOT_DIAGNOSIS = (
    "This is a record kept by the patient with Crampless, not a diagnosis. The nutrient "
    "figures are estimates from food composition tables for the days a menu was tied to, "
    "and cannot show what causes the cramps."
)


@dataclass(frozen=True)
class WeekRow:
    """Seven nights of the period (the last block may be shorter)."""

    first: dt.date
    last: dt.date
    nights: int
    episodes: int
    nights_with: int


@dataclass(frozen=True)
class Spread:
    """Smallest, median and largest of some numbers."""

    minimum: float
    median: float
    maximum: float


@dataclass(frozen=True)
class NutrientRow:
    """A nutrient's average over the tied days against the profile's target."""

    key: str
    amount: float  # NaN when unknown
    lower_bound: bool  # some food's value was unknown: the average is at least this
    target: float | None
    target_kind: str | None
    percent: float | None


@dataclass(frozen=True)
class CrossedLimit:
    """A tied day above an upper limit that applies to food."""

    day: dt.date
    key: str
    amount: float
    limit: float
    lower_bound: bool


@dataclass(frozen=True)
class Report:
    first: dt.date
    last: dt.date
    made: dt.date
    profile: Profile
    nights: int
    episodes: tuple[Episode, ...]
    nights_with: int
    weeks: tuple[WeekRow, ...]
    minutes: Spread | None
    severity: Spread | None
    long_episodes: int
    before: dict[str, int]  # every key of BEFORE, with how many episodes had it ticked
    flags: dict[str, int]
    medicines: tuple[Episode, ...]  # episodes with "a new medicine" ticked
    tied_days: int
    nutrients: tuple[NutrientRow, ...]
    crossed: tuple[CrossedLimit, ...]

    @property
    def per_week(self) -> float:
        """Nights with cramps per seven nights over the whole period."""
        return 7.0 * self.nights_with / self.nights if self.nights else math.nan


def weeks_of(episodes: Sequence[Episode], first: dt.date, last: dt.date) -> tuple[WeekRow, ...]:
    """The period in blocks of seven nights from ``first``, with episodes and nights with
    cramps counted in each."""
    rows = []
    start = first
    while start <= last:
        end = min(start + dt.timedelta(days=6), last)
        inside = [e for e in episodes if start <= e.night <= end]
        rows.append(
            WeekRow(start, end, (end - start).days + 1, len(inside), len({e.night for e in inside}))
        )
        start = end + dt.timedelta(days=1)
    return tuple(rows)


def spread(values: Sequence[float]) -> Spread | None:
    if not values:
        return None
    return Spread(float(min(values)), float(statistics.median(values)), float(max(values)))


def build_report(
    episodes: Sequence[Episode],
    ties: Mapping[dt.date, DayTie],
    first: dt.date,
    last: dt.date,
    profile: Profile,
    targets: dict[str, Target],
    foods: FoodTable,
    made: dt.date,
) -> Report:
    """The report's figures for nights ``first`` to ``last`` (check_period first)."""
    inside = tuple(e for e in episodes if first <= e.night <= last)
    nights = nights_between(first, last)
    tied = [n for n in nights if n in ties]
    coverage = tied_coverage(tied, ties, foods, targets, KEYS)
    rows: list[NutrientRow] = []
    crossed: list[CrossedLimit] = []
    if coverage is not None:
        amounts, unknown = coverage.average_amount, coverage.average_unknown
        for n in REPORTED:
            k = coverage.keys.index(n.key)
            target = coverage.targets[k]
            value = target.value if target and target.value else None
            amount = float(amounts[k])
            percent = 100.0 * amount / value if value and not math.isnan(amount) else None
            rows.append(
                NutrientRow(
                    n.key, amount, bool(unknown[k]), value, target.kind if value else None, percent
                )
            )
        for d, night in enumerate(tied):
            for key, amount, limit, lower in coverage.crossed(d):
                crossed.append(CrossedLimit(night, key, amount, limit, lower))
    return Report(
        first=first,
        last=last,
        made=made,
        profile=profile,
        nights=len(nights),
        episodes=inside,
        nights_with=len({e.night for e in inside}),
        weeks=weeks_of(inside, first, last),
        minutes=spread([e.minutes for e in inside]),
        severity=spread([float(e.severity) for e in inside]),
        long_episodes=sum(e.minutes > LONG_MINUTES for e in inside),
        before={k: sum(k in e.before for e in inside) for k in BEFORE},
        flags={k: sum(k in e.flags for e in inside) for k in FLAGS},
        medicines=tuple(e for e in inside if "new_medicine" in e.before),
        tied_days=len(tied),
        nutrients=tuple(rows),
        crossed=tuple(crossed),
    )


def unit_of(key: str) -> str:
    return BY_KEY[key].display_unit
