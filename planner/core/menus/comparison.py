"""Side-by-side comparisons: menus or plan days against targets, foods per basis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from planner.core.data.foods import FoodTable
from planner.core.data.intakes import Target
from planner.core.data.nutrients import KEYS
from planner.core.data.ranking import PER_CHOICES, amounts_matrix
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu

# Side by side, more than this many sources stop being readable (bars get too thin).
MAX_SOURCES = 6


@dataclass(frozen=True)
class Comparison:
    """Nutrient amounts of a few sources (menus or foods), in report units, side by side.

    ``amounts`` is sources x ``KEYS``: NaN where nothing is known, or where the basis
    means nothing for the source (``applicable`` False, e.g. per 100 kcal of water; its
    ``note`` says why). ``lower_bound`` marks amounts that are at least this much, because
    some foods in the menu lack a value; ``unknown_foods[s][key]`` names those foods.
    """

    labels: tuple[str, ...]
    amounts: np.ndarray
    lower_bound: np.ndarray
    targets: dict[str, Target]
    basis: str | None = None  # None: a whole day (menus); else a key of PER_CHOICES
    notes: tuple[str, ...] = ()  # per source: a caveat to show, or ""
    applicable: tuple[bool, ...] = ()  # per source: False when the basis means nothing
    unknown_foods: tuple[dict[str, tuple[str, ...]], ...] = ()
    keys: tuple[str, ...] = KEYS
    ids: tuple[str, ...] = field(default=())  # food ids (foods) or source keys (menus)

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def target_values(self) -> np.ndarray:
        """Target per key (NaN where there is none, as for energy)."""
        return np.array(
            [self.targets[k].value if k in self.targets else np.nan for k in self.keys], float
        )

    @property
    def percent(self) -> np.ndarray:
        """Amounts as % of target, sources x keys; NaN where unknown or without target."""
        targets = self.target_values
        with np.errstate(invalid="ignore", divide="ignore"):
            return 100.0 * self.amounts / np.where(targets > 0, targets, np.nan)[None, :]

    def column(self, key: str) -> int:
        return self.keys.index(key)

    def note(self, source: int) -> str:
        return self.notes[source] if source < len(self.notes) else ""

    def is_applicable(self, source: int) -> bool:
        return self.applicable[source] if source < len(self.applicable) else True


def compare_menus(
    named: Sequence[tuple[str, Menu]], foods: FoodTable, targets: dict[str, Target]
) -> Comparison:
    """Each menu's day totals (unknown values never counted as 0, totals then lower bounds).

    Items whose food the table no longer has (a deleted custom food) count as unknown (the
    totals are then lower bounds), and the source's note names them.
    """
    labels, notes, unknown, rows, bounds = [], [], [], [], []
    for label, menu in named:
        missing = sorted({i.food for i in menu.items if i.food not in foods})
        coverage = compute_coverage(menu, foods, targets)
        lines = [coverage[k] for k in KEYS]
        rows.append([np.nan if line.amount is None else line.amount for line in lines])
        bounds.append([line.amount is not None and not line.complete for line in lines])
        unknown.append({line.key: line.unknown_foods for line in lines if line.unknown_foods})
        labels.append(label)
        notes.append(
            f"Counted as unknown: foods this library no longer has ({', '.join(missing)})"
            if missing
            else ""
        )
    return Comparison(
        tuple(labels),
        np.array(rows, float).reshape(len(labels), len(KEYS)),
        np.array(bounds, bool).reshape(len(labels), len(KEYS)),
        dict(targets),
        None,
        tuple(notes),
        (True,) * len(labels),
        tuple(unknown),
    )


def compare_foods(
    ids: Sequence[str], foods: FoodTable, targets: dict[str, Target], per: str
) -> Comparison:
    """The foods' nutrients per 100 g, per portion or per 100 kcal (``per``), in report units.

    A food with no household portion (per portion) or no energy (per 100 kcal) gets a note
    instead of numbers: the basis means nothing for it, which is not the same as unknown.
    """
    if per not in PER_CHOICES:
        raise ValueError(f"unknown basis {per!r}; use one of {', '.join(PER_CHOICES)}")
    ids = [i for i in ids if i in foods]
    rows = foods.ids.get_indexer(ids)
    amounts = amounts_matrix(foods, per)[rows] if ids else np.empty((0, len(KEYS)))
    notes = []
    for food_id in ids:
        note = ""
        if per == "portion" and not foods.portion_g(food_id) > 0:
            note = "USDA gives no household portion for this food."
        elif per == "100kcal" and not foods.values.at[food_id, "energy"] > 0:
            note = "This food has no energy, so “per 100 kcal” means nothing for it."
        notes.append(note)
    unknown_cells = foods.values.loc[ids, list(KEYS)].isna().to_numpy() if ids else amounts
    unknown = tuple(
        {k: (food_id,) for k, gap in zip(KEYS, gaps, strict=True) if gap}
        for food_id, gaps in zip(ids, unknown_cells, strict=True)
    )
    return Comparison(
        tuple(foods.name(i) for i in ids),
        amounts,
        np.zeros(amounts.shape, bool),
        dict(targets),
        per,
        tuple(notes),
        tuple(not note for note in notes),
        unknown,
        ids=tuple(ids),
    )


@dataclass(frozen=True)
class Difference:
    """One column of differences: amounts (report units) and percentage points per key.

    ``bound`` per key: ``""`` exact, ``"≥"`` the true difference is at least this, ``"≤"``
    at most this, ``"?"`` it could differ either way (both sides are lower bounds).
    """

    label: str
    amount: np.ndarray
    points: np.ndarray
    bound: np.ndarray
    high: np.ndarray | None = None  # for a spread: the source index holding the maximum
    low: np.ndarray | None = None


def _points(comparison: Comparison, amount: np.ndarray) -> np.ndarray:
    targets = comparison.target_values
    with np.errstate(invalid="ignore", divide="ignore"):
        return 100.0 * amount / np.where(targets > 0, targets, np.nan)


def differences_from_first(comparison: Comparison) -> list[Difference]:
    """Every source after the first minus the first (empty with fewer than two sources)."""
    if len(comparison) < 2:
        return []
    first, rest = comparison.amounts[0], comparison.amounts[1:]
    first_lb, rest_lb = comparison.lower_bound[0], comparison.lower_bound[1:]
    delta = rest - first[None, :]
    # b >= shown and a exact: b - a is at least the shown difference; and the mirror case.
    bound = np.where(
        rest_lb & first_lb[None, :],
        "?",
        np.where(rest_lb, "≥", np.where(first_lb[None, :], "≤", "")),
    )
    return [
        Difference(
            f"{comparison.labels[s + 1]} − {comparison.labels[0]}",
            delta[s],
            _points(comparison, delta[s]),
            bound[s],
        )
        for s in range(len(rest))
    ]


def spread(comparison: Comparison) -> Difference | None:
    """Highest minus lowest known amount per key (None with fewer than two sources).

    Unsure (``?``) when a lower bound or an unknown value takes part; NaN with fewer than
    two known amounts.
    """
    if len(comparison) < 2:
        return None
    amounts = comparison.amounts
    known = ~np.isnan(amounts)
    high = np.where(known, amounts, -np.inf).argmax(axis=0)
    low = np.where(known, amounts, np.inf).argmin(axis=0)
    cols = np.arange(amounts.shape[1])
    delta = np.where(known.sum(axis=0) >= 2, amounts[high, cols] - amounts[low, cols], np.nan)
    unsure = comparison.lower_bound.any(axis=0) | ~known.all(axis=0)
    return Difference(
        "Highest − lowest",
        delta,
        _points(comparison, delta),
        np.where(unsure, "?", ""),
        high,
        low,
    )
