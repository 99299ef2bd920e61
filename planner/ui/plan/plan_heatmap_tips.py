"""The plan heatmap's hover texts: a cell's or an average bar's amounts, targets and limits."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from planner.core.data.ceilings import over_limit_phrase
from planner.core.data.formatting import count_of, fmt_amount
from planner.core.data.nutrients import BY_KEY
from planner.core.plans.plan_coverage import PlanCoverage


def guard_lines(guards: PlanCoverage | None, day: int) -> list[str]:
    """The guard limits day ``day`` crosses, as phrases (none when no guards are set)."""
    if guards is None or not 0 <= day < len(guards.days):
        return []
    return [over_limit_phrase(*crossing) for crossing in guards.crossed(day)]


def tooltip_text(
    data: PlanCoverage,
    guards: PlanCoverage | None,
    row: int,
    day: int | None,
    unknown_names: Callable[[int, str], list[str]] | None = None,
) -> str:
    """The hover text of a heat cell (``day`` given) or of an average bar (``day`` None).

    ``unknown_names`` gives the foods lacking a value for a day and nutrient key.
    """
    key = data.keys[row]
    n = BY_KEY[key]
    target = data.targets[row]
    if day is None:
        amount, pct = data.average_amount[row], data.average_percent[row]
        head = f"{n.label}, daily average over {count_of(len(data.days), 'day')}"
        lower = bool(data.average_unknown[row])
    else:
        amount, pct = data.amounts[day, row], data.percent[day, row]
        head = f"{data.days[day]} · {n.label}"
        lower = bool(data.unknown[day, row])
    unit = n.display_unit
    lines = [head]
    amount_text = f"{'at least ' if lower else ''}{fmt_amount(amount)} {unit}"
    if target is None:
        lines.append(f"{amount_text}; no target for this profile")
    else:
        pct_text = "?" if np.isnan(pct) else f"{pct:.0f} %"
        lines.append(
            f"{amount_text} of {fmt_amount(target.value)} {unit} ({target.kind}): {pct_text}"
        )
        if data.over[day, row] if day is not None else data.average_over[row]:
            lines.append(f"Above the upper limit of {fmt_amount(target.upper_limit)} {unit}")
    if day is not None:
        lines += [f"⚠ This day: {line}" for line in guard_lines(guards, day)]
    if day is not None and lower and unknown_names is not None:
        names = unknown_names(day, key)
        if names:
            lines.append("Unknown for: " + ", ".join(names))
    elif lower:
        lines.append("Some foods have no known value: this is a lower bound")
    return "\n".join(lines)
