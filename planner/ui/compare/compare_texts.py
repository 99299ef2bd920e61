"""Texts of the Compare tab that its table and chart share: amounts, % of target, differences,
and what a cell or a bar means; and the colour of each compared source."""

from __future__ import annotations

import numpy as np

from planner.core.data.formatting import fmt_amount
from planner.core.data.nutrients import BY_KEY
from planner.core.data.ranking import PER_CHOICES
from planner.core.menus.comparison import Comparison, Difference

# One colour per compared source (Okabe–Ito, readable with colour-blindness); none of them
# is a status colour's meaning, since here a colour names a source, not how well it does.
SERIES_COLOURS = ("#0072b2", "#e69f00", "#56b4e9", "#d55e00", "#009e73", "#cc79a7")
MINUS = "−"


def percent_text(comparison: Comparison, source: int, key: str) -> str:
    """``98 %``, ``≥ 98 %`` (a lower bound), ``?`` (unknown), ``n/a`` or ``–`` (no target)."""
    if not comparison.is_applicable(source):
        return "n/a"
    k = comparison.column(key)
    pct = comparison.percent[source, k]
    if np.isnan(comparison.amounts[source, k]):
        return "?"
    if np.isnan(pct):
        return "–"
    return ("≥ " if comparison.lower_bound[source, k] else "") + f"{pct:.0f} %"


def amount_text(comparison: Comparison, source: int, key: str) -> str:
    """``312 mg · 98 %`` with ``≥`` for lower bounds, ``?`` for unknown, ``n/a``."""
    if not comparison.is_applicable(source):
        return "n/a"
    k = comparison.column(key)
    amount = comparison.amounts[source, k]
    if np.isnan(amount):
        return "?"
    prefix = "≥ " if comparison.lower_bound[source, k] else ""
    text = f"{prefix}{fmt_amount(float(amount))} {BY_KEY[key].display_unit}"
    pct = comparison.percent[source, k]
    return text if np.isnan(pct) else f"{text} · {prefix}{pct:.0f} %"


def basis_phrase(comparison: Comparison) -> str:
    return "in the day" if comparison.basis is None else PER_CHOICES[comparison.basis]


def source_tooltip(comparison: Comparison, source: int, key: str, food_name=None) -> str:
    """What a cell or a bar means, in words, with the foods lacking a value."""
    n = BY_KEY[key]
    label = comparison.labels[source]
    if not comparison.is_applicable(source):
        return f"{label}: {comparison.note(source)}"
    k = comparison.column(key)
    amount = comparison.amounts[source, k]
    target = comparison.targets.get(key)
    unknown = comparison.unknown_foods[source].get(key, ()) if comparison.unknown_foods else ()
    names = ", ".join(food_name(f) if food_name else f for f in unknown)
    if np.isnan(amount):
        text = f"{label}: {n.label} {basis_phrase(comparison)} is unknown"
        return text + (f" (USDA SR28 has no value for {names})." if names else ".")
    at_least = "at least " if comparison.lower_bound[source, k] else ""
    text = (
        f"{label}: {at_least}{fmt_amount(float(amount))} {n.display_unit} of "
        f"{n.label.lower()} {basis_phrase(comparison)}"
    )
    if target is not None:
        pct = comparison.percent[source, k]
        text += (
            f", {at_least}{pct:.0f} % of your {fmt_amount(target.value)} "
            f"{n.display_unit} {target.kind}"
        )
    text += "."
    if names:
        text += f"\nNo USDA value for: {names}; so this is a lower bound."
    return text


def signed(value: float, unit: str) -> str:
    sign = "+" if value > 0 else MINUS if value < 0 else "±"
    return f"{sign}{fmt_amount(abs(value))} {unit}".rstrip()


def difference_text(diff: Difference, k: int, unit: str) -> str:
    """``+45 mg (+14 % pts)``: the amount, and the difference in % of target (percentage
    points); ``≥``/``≤`` for one-sided bounds, a trailing ``?`` when unsure."""
    amount = diff.amount[k]
    if np.isnan(amount):
        return "?"
    text = signed(float(amount), unit)
    points = diff.points[k]
    if not np.isnan(points):
        sign = "+" if points > 0 else MINUS if points < 0 else "±"
        text += f" ({sign}{abs(points):.0f} % pts)"
    bound = diff.bound[k]
    if bound in ("≥", "≤"):
        return f"{bound} {text}"
    return f"{text} ?" if bound == "?" else text
