"""What the coverage chart draws, computed without Qt or matplotlib (so it is tested fast)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
from planner.core.data.household import amount_text
from planner.core.data.nutrients import BY_KEY, CHART_KEYS, KEYS
from planner.core.menus.coverage import Coverage
from planner.core.menus.menu import Menu

# Status of a bar, with the colour it is drawn in; one place for these.
STATUS_COLOURS = {
    "low": "#d62728",  # under 50 %
    "part": "#ff9f1c",  # 50-99 %
    "met": "#2ca02c",  # target met
    "over": "#7b2d8e",  # above an upper limit that applies to food
    "unknown": "#9e9e9e",  # no value known
}
STATUS_LABELS = {
    "low": "under 50 %",
    "part": "50–99 %",
    "met": "target met",
    "over": "over the upper limit",
    "unknown": "unknown",
}
# Food segments: calm colours that do not read as statuses.
FOOD_COLOURS = ("#4c72b0", "#64b5cd", "#8172b3", "#c4ad66", "#937860", "#da8bc3")
OTHER_COLOUR = "#b8b8b8"
MAX_FOODS = len(FOOD_COLOURS)


def status_of(percent: float | None, over: bool) -> str:
    if over:
        return "over"
    if percent is None:
        return "unknown"
    if percent < 50:
        return "low"
    return "part" if percent < 100 else "met"


@dataclass(frozen=True)
class ChartData:
    """Bars of % of target: rows are nutrients, segments are the menu's top foods + others."""

    keys: tuple[str, ...]
    foods: tuple[str, ...]  # food ids of the coloured segments, legend order
    segments: np.ndarray  # (len(foods) + 1, len(keys)) % of target; last row: others
    percent: tuple[float | None, ...]
    status: tuple[str, ...]
    limit_percent: tuple[float | None, ...]  # upper limit as % of target
    limit_applies: tuple[bool, ...]
    incomplete: tuple[bool, ...]  # some food's value unknown
    targeted: tuple[bool, ...]  # the profile has a target for the nutrient
    tooltips: dict[tuple[int, int], str]  # (segment, row) -> text


def chart_data(coverage: Coverage, foods: FoodTable, menu: Menu, keys=CHART_KEYS) -> ChartData:
    """Chart rows for ``keys``; foods are ranked by their summed share of all targets.
    (``menu`` is no longer read: the coverage holds each food's grams.)"""
    keys = tuple(keys)
    targets = [coverage[k].target for k in keys]
    target_values = np.array([t.value if t else np.nan for t in targets])
    # Plain arrays and one name lookup per food: scalar pandas access cost milliseconds.
    amounts = coverage.amounts[:, [KEYS.index(k) for k in keys]]  # foods x keys
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = amounts / target_values[None, :] * 100
    shares = np.nan_to_num(shares, nan=0.0)
    ranking = np.argsort(-shares.sum(axis=1), kind="stable")
    top = [i for i in ranking if shares[i].sum() > 0][:MAX_FOODS]
    food_ids = tuple(coverage.food_ids[i] for i in top)
    segments = np.zeros((MAX_FOODS + 1, len(keys)))
    segments[: len(top)] = shares[top]
    others = np.setdiff1d(np.arange(len(amounts)), top)
    segments[MAX_FOODS] = shares[others].sum(axis=0) if len(others) else 0.0

    names_of = [foods.name(f) if f in foods else f for f in coverage.food_ids]
    tooltips = {}
    for s, i in enumerate(top):
        # A drink in ml or L, its grams beside; any other food in grams.
        head = f"{names_of[i]}: {amount_text(foods, food_ids[s], float(coverage.grams[i]))}\n"
        for r, key in enumerate(keys):
            n = BY_KEY[key]
            tooltips[(s, r)] = (
                f"{head}{n.label}: {fmt_amount(amounts[i, r])} {n.display_unit} "
                f"({segments[s, r]:.0f} % of target)"
            )
    for r, _ in enumerate(keys):
        names = [names_of[i] for i in others if shares[i, r] > 0]
        if names:
            tooltips[(MAX_FOODS, r)] = (
                f"Other foods ({segments[MAX_FOODS, r]:.0f} % of target):\n" + ", ".join(names)
            )

    percent, status, limit_percent, applies, incomplete = [], [], [], [], []
    for key, t in zip(keys, targets, strict=True):
        line = coverage[key]
        percent.append(line.percent)
        status.append(status_of(line.percent, line.above_upper_limit))
        limit_percent.append(100 * t.upper_limit / t.value if t and t.upper_limit else None)
        applies.append(bool(t and t.limit_applies_to_food))
        incomplete.append(not line.complete)
    return ChartData(
        keys,
        food_ids,
        segments,
        tuple(percent),
        tuple(status),
        tuple(limit_percent),
        tuple(applies),
        tuple(incomplete),
        tuple(t is not None for t in targets),
        tooltips,
    )
