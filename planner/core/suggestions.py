"""Foods that close a menu's gaps: for each nutrient under target, the best single portions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core.ceilings import ceilings
from planner.core.coverage import Coverage
from planner.core.exclusions import water_only_ids
from planner.core.foods import FoodTable
from planner.core.intakes import Target
from planner.core.nutrients import CRAMP_KEYS, KEYS
from planner.core.ranking import REPORT_FACTORS

# Nutrients a gap is looked for in: the cramp nutrients, vitamin D and water.
GAP_KEYS: tuple[str, ...] = (*CRAMP_KEYS, "vitamin_d", "water")
PER_CHOICES: dict[str, str] = {"portion": "per portion", "100kcal": "per 100 kcal"}


@dataclass(frozen=True)
class Suggestion:
    """One portion of a food, as a way to close one nutrient's gap.

    Amounts are in the nutrient's report unit. ``crossed_limits``: ceilings (see
    ceilings.py) that one more portion would push the menu over; ``unknown_limits``:
    ceilings the food's value is unknown for, so nobody can say.
    """

    food_id: str
    amount_per_portion: float
    share_of_gap: float  # of the remaining gap this portion closes, 0..1
    kcal_per_portion: float | None
    amount_per_100kcal: float | None  # None for foods without energy (water) or unknown
    crossed_limits: tuple[str, ...] = ()
    unknown_limits: tuple[str, ...] = ()

    @property
    def would_cross_limit(self) -> bool:
        return bool(self.crossed_limits)


def current_amounts(coverage: Coverage) -> pd.Series:
    """Known totals per nutrient, report units; a total with no known value counts as 0.

    A known total is a lower bound when some foods' values are unknown: aiming it at a
    target never claims too much (coverage reports the unknowns).
    """
    return pd.Series(
        {k: (line.amount if line.amount is not None else 0.0) for k, line in coverage.lines.items()}
    ).reindex(list(KEYS), fill_value=0.0)


def gaps(
    coverage: Coverage, targets: Mapping[str, Target], keys: Sequence[str] = GAP_KEYS
) -> dict[str, float]:
    """Nutrient -> how far its known total lies under its target; met nutrients are absent."""
    current = current_amounts(coverage)
    result = {}
    for key in keys:
        target = targets.get(key)
        if target is not None and current[key] < target.value:
            result[key] = float(target.value - current[key])
    return result


def per_portion(foods: FoodTable, ids: pd.Index) -> pd.DataFrame:
    """Every nutrient in one portion of each food in ``ids``, report units, NaN unknown."""
    grams = foods.info.loc[ids, "portion_g"].to_numpy(float)
    values = foods.values.loc[ids, list(KEYS)].to_numpy(float)
    amounts = values * (grams / 100.0)[:, None] * REPORT_FACTORS[None, :]
    return pd.DataFrame(amounts, index=ids, columns=list(KEYS))


@dataclass(frozen=True, eq=False)
class Candidates:
    """The foods that may be suggested, with one portion of each worked out.

    None of it depends on the menu: the window builds it again only when the food table,
    the exclusions or pregnancy change, not at every edit (8 ms on the full USDA table).
    """

    ids: pd.Index
    amounts: np.ndarray  # food x KEYS: one portion, report units, NaN where unknown
    per_100kcal: np.ndarray  # the same per 100 kcal; NaN for foods without energy
    water_only: np.ndarray  # per food: offered for water only (tap water)


def candidates(foods: FoodTable, allowed_ids: pd.Index) -> Candidates:
    """The allowed foods that have a portion (a portion is what is suggested)."""
    ids = foods.ids.intersection(allowed_ids, sort=False)
    ids = ids[foods.info.loc[ids, "portion_g"].to_numpy(float) > 0]
    amounts = per_portion(foods, ids).to_numpy(float)
    kcal = amounts[:, KEYS.index("energy")]
    with np.errstate(invalid="ignore", divide="ignore"):
        per_kcal = amounts / np.where(kcal > 0, kcal, np.nan)[:, None] * 100.0
    return Candidates(ids, amounts, per_kcal, ids.isin(water_only_ids(foods)))


def suggest_foods(
    coverage: Coverage,
    foods: FoodTable,
    targets: Mapping[str, Target],
    allowed_ids: pd.Index,
    per: str = "portion",
    top: int = 5,
    keys: Sequence[str] = GAP_KEYS,
) -> dict[str, list[Suggestion]]:
    """For each nutrient in ``keys`` under its target, the ``top`` best allowed foods
    (``suggest_from`` on the candidates of ``allowed_ids``)."""
    return suggest_from(candidates(foods, allowed_ids), coverage, targets, per, top, keys)


def suggest_from(
    pool: Candidates,
    coverage: Coverage,
    targets: Mapping[str, Target],
    per: str = "portion",
    top: int = 5,
    keys: Sequence[str] = GAP_KEYS,
) -> dict[str, list[Suggestion]]:
    """For each nutrient in ``keys`` under its target, the ``top`` best foods of ``pool``.

    Ranked by the amount in one portion (``per="portion"``) or per 100 kcal, where foods
    without calories come first. A food whose value for the nutrient is unknown, or zero,
    is left out: unknown is neither poor nor rich. Tap water (``no-shopping``) is offered
    for water only (see exclusions.py).
    """
    if per not in PER_CHOICES:
        raise ValueError(f"unknown basis {per!r}; use one of {', '.join(PER_CHOICES)}")
    needed = gaps(coverage, targets, keys)
    if not needed:
        return {}
    amounts, per_kcal = pool.amounts, pool.per_100kcal
    kcal = amounts[:, KEYS.index("energy")]

    # One more portion against each ceiling: crossed, or unknown (NaN value).
    current = current_amounts(coverage)
    limits = ceilings(targets)
    columns = [KEYS.index(k) for k in limits]
    after = amounts[:, columns] + current[list(limits)].to_numpy(float)
    crossed = after > np.array(list(limits.values()))
    unknown = np.isnan(after)

    result: dict[str, list[Suggestion]] = {}
    for key, gap in needed.items():
        column = KEYS.index(key)
        score = (amounts if per == "portion" else per_kcal)[:, column]
        if per == "100kcal":
            # A food with none of the energy (tap water for water) gives the most per
            # 100 kcal there can be: first, not left out as if unknown.
            score = np.where((kcal == 0) & (amounts[:, column] > 0), np.inf, score)
        usable = (amounts[:, column] > 0) & ~np.isnan(score)
        if key != "water":
            usable &= ~pool.water_only
        rows = np.flatnonzero(usable)
        if 0 < top < len(rows):
            # Only foods scoring at least the top-th best can rank (ties included): a
            # partition instead of sorting thousands of foods per nutrient.
            kth = np.partition(score[rows], len(rows) - top)[len(rows) - top]
            rows = rows[score[rows] >= kth]
        # Richest first; equal scores keep table order.
        rows = rows[np.lexsort((rows, -score[rows]))][:top]
        result[key] = [
            Suggestion(
                food_id=str(pool.ids[r]),
                amount_per_portion=float(amounts[r, column]),
                share_of_gap=float(min(1.0, amounts[r, column] / gap)),
                kcal_per_portion=None if np.isnan(kcal[r]) else float(kcal[r]),
                amount_per_100kcal=(
                    None if np.isnan(per_kcal[r, column]) else float(per_kcal[r, column])
                ),
                crossed_limits=tuple(k for k, c in zip(limits, crossed[r], strict=True) if c),
                unknown_limits=tuple(k for k, u in zip(limits, unknown[r], strict=True) if u),
            )
            for r in rows
        ]
    return result
