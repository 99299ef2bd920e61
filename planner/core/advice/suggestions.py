"""Foods that close a menu's gaps: for each nutrient under target, the best single servings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core.advice.exclusions import water_only_ids
from planner.core.advice.servings import servings_of
from planner.core.data.ceilings import ceilings, in_text
from planner.core.data.foods import FoodTable
from planner.core.data.intakes import Target
from planner.core.data.nutrients import CRAMP_KEYS, KEYS
from planner.core.data.ranking import REPORT_FACTORS
from planner.core.menus.coverage import Coverage

# Nutrients a gap is looked for in: the cramp nutrients, vitamin D and water.
GAP_KEYS: tuple[str, ...] = (*CRAMP_KEYS, "vitamin_d", "water")
PER_CHOICES: dict[str, str] = {"serving": "per serving", "100kcal": "per 100 kcal"}


@dataclass(frozen=True)
class Suggestion:
    """One realistic serving of a food (servings.py), as a way to close one nutrient's gap.

    Amounts are in the nutrient's report unit. A food whose serving would push the menu
    over a ceiling (ceilings.py: charted upper limits, sodium and the guard nutrients) is
    never suggested; ``unknown_limits`` names ceilings the food's value is unknown for,
    so nobody can say.
    """

    food_id: str
    grams: float  # one serving, edible grams
    serving: str  # "1 cup, 244 g" or "85 g"
    amount_per_serving: float
    share_of_gap: float  # of the remaining gap this serving closes, 0..1
    kcal_per_serving: float | None
    amount_per_100kcal: float | None  # None for foods without energy (water) or unknown
    unknown_limits: tuple[str, ...] = ()
    own_portion: bool = False  # the serving is the food's own household portion

    @property
    def closes_pct(self) -> float:
        return 100.0 * self.share_of_gap


def current_amounts(coverage: Coverage) -> pd.Series:
    """Known totals per nutrient, report units; a total with no known value counts as 0.

    A known total is a lower bound when some foods' values are unknown: aiming it at a
    target never claims too much (coverage reports the unknowns).
    """
    return pd.Series(
        {k: (line.amount if line.amount is not None else 0.0) for k, line in coverage.lines.items()}
    ).reindex(list(KEYS), fill_value=0.0)


def limits_reached(coverage: Coverage, targets: Mapping[str, Target]) -> list[str]:
    """Ceilings (ceilings.py) the menu's known total already reaches or crosses: while one
    is, no food that gives any of that nutrient can be suggested."""
    current = current_amounts(coverage)
    return [key for key, bound in ceilings(targets).items() if current[key] >= bound]


def none_suggested_reason(reached: Sequence[str]) -> str:
    """Why a gap lists no food: the limits reached, or no food giving any."""
    if reached:
        names = ", ".join(in_text(k) for k in reached)
        return (
            f"none while the menu is at or over the upper limit of {names}: "
            "remove what pushes it over first"
        )
    return "no allowed food with a known value gives any"


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


def per_serving(foods: FoodTable, ids: Sequence[str], grams: np.ndarray) -> np.ndarray:
    """Every nutrient (KEYS order) in ``grams`` of each food in ``ids``, report units."""
    values = foods.rows(list(ids))
    return values * (np.asarray(grams, float) / 100.0)[:, None] * REPORT_FACTORS[None, :]


@dataclass(frozen=True, eq=False)
class Candidates:
    """The foods that may be suggested, with one serving of each worked out.

    None of it depends on the menu: the window builds it again only when the food table,
    the exclusions or the profile change, not at every edit (8 ms on the full USDA table).
    """

    ids: pd.Index
    grams: np.ndarray  # one serving per food
    serving: list[str]  # its description
    own_portion: np.ndarray  # per food: the serving is the food's household portion
    cap_g: np.ndarray  # the most of the food a day's completion may hold
    amounts: np.ndarray  # food x KEYS: one serving, report units, NaN where unknown
    per_100kcal: np.ndarray  # the same per 100 kcal; NaN for foods without energy
    water_only: np.ndarray  # per food: offered for water only (tap water)


def candidates(foods: FoodTable, allowed_ids: pd.Index) -> Candidates:
    """The allowed foods with their realistic serving (see servings.py)."""
    table = servings_of(foods)
    rows = foods.positions(list(foods.ids.intersection(allowed_ids, sort=False)))
    rows = rows[table.grams[rows] > 0]
    ids = pd.Index([table.ids[r] for r in rows], name="id")
    grams = table.grams[rows]
    amounts = per_serving(foods, ids, grams)
    kcal = amounts[:, KEYS.index("energy")]
    with np.errstate(invalid="ignore", divide="ignore"):
        per_kcal = amounts / np.where(kcal > 0, kcal, np.nan)[:, None] * 100.0
    return Candidates(
        ids=ids,
        grams=grams,
        serving=[table.describe(r) for r in rows],
        own_portion=np.array([bool(table.names[r]) for r in rows], bool),
        cap_g=table.cap_g[rows],
        amounts=amounts,
        per_100kcal=per_kcal,
        water_only=ids.isin(water_only_ids(foods)),
    )


def suggest_foods(
    coverage: Coverage,
    foods: FoodTable,
    targets: Mapping[str, Target],
    allowed_ids: pd.Index,
    per: str = "serving",
    top: int = 5,
    keys: Sequence[str] = GAP_KEYS,
    on_menu: Mapping[str, float] | None = None,
) -> dict[str, list[Suggestion]]:
    """For each nutrient in ``keys`` under its target, the ``top`` best allowed foods
    (``suggest_from`` on the candidates of ``allowed_ids``)."""
    pool = candidates(foods, allowed_ids)
    return suggest_from(pool, coverage, targets, per, top, keys, on_menu)


def suggest_from(
    pool: Candidates,
    coverage: Coverage,
    targets: Mapping[str, Target],
    per: str = "serving",
    top: int = 5,
    keys: Sequence[str] = GAP_KEYS,
    on_menu: Mapping[str, float] | None = None,
) -> dict[str, list[Suggestion]]:
    """For each nutrient in ``keys`` under its target, the ``top`` best foods of ``pool``.

    Ranked by the amount in one serving (``per="serving"``) or per 100 kcal, where foods
    without calories come first. Left out: a food whose value for the nutrient is
    unknown, or zero (unknown is neither poor nor rich); a food one serving of which
    would push the menu over a ceiling; a food the menu (``on_menu``: grams per food)
    already holds so much of that one more serving passes its daily cap. Tap water
    (``no-shopping``) is offered for water only (see exclusions.py).
    """
    if per not in PER_CHOICES:
        raise ValueError(f"unknown basis {per!r}; use one of {', '.join(PER_CHOICES)}")
    needed = gaps(coverage, targets, keys)
    if not needed:
        return {}
    amounts, per_kcal = pool.amounts, pool.per_100kcal
    kcal = amounts[:, KEYS.index("energy")]

    # One more serving against each ceiling: crossed, or unknown (NaN value).
    current = current_amounts(coverage)
    limits = ceilings(targets)
    columns = [KEYS.index(k) for k in limits]
    after = amounts[:, columns] + current[list(limits)].to_numpy(float)
    bounds = np.array(list(limits.values()), float)
    crossed = (after > bounds).any(axis=1)
    unknown = np.isnan(after)
    held = np.array([(on_menu or {}).get(food, 0.0) for food in pool.ids], float)
    within_cap = held + pool.grams <= pool.cap_g + 1e-9

    result: dict[str, list[Suggestion]] = {}
    for key, gap in needed.items():
        column = KEYS.index(key)
        score = (amounts if per == "serving" else per_kcal)[:, column]
        if per == "100kcal":
            # A food with none of the energy (tap water for water) gives the most per
            # 100 kcal there can be: first, not left out as if unknown.
            score = np.where((kcal == 0) & (amounts[:, column] > 0), np.inf, score)
        usable = (amounts[:, column] > 0) & ~np.isnan(score) & ~crossed & within_cap
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
                grams=float(pool.grams[r]),
                serving=pool.serving[r],
                amount_per_serving=float(amounts[r, column]),
                share_of_gap=float(min(1.0, amounts[r, column] / gap)),
                kcal_per_serving=None if np.isnan(kcal[r]) else float(kcal[r]),
                amount_per_100kcal=(
                    None if np.isnan(per_kcal[r, column]) else float(per_kcal[r, column])
                ),
                unknown_limits=tuple(k for k, u in zip(limits, unknown[r], strict=True) if u),
                own_portion=bool(pool.own_portion[r]),
            )
            for r in rows
        ]
    return result
