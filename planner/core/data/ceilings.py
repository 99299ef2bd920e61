"""The most of a nutrient a day's food may hold: scope-``all`` upper limits, and sodium's."""

from __future__ import annotations

from collections.abc import Mapping

from planner.core.data.formatting import fmt_amount
from planner.core.data.intakes import Target
from planner.core.data.nutrients import BY_KEY


def ceilings(targets: Mapping[str, Target]) -> dict[str, float]:
    """Nutrient key -> the ceiling food must stay at or under, in report units.

    Upper limits of scope ``all`` apply to food (calcium, iron, B6, vitamin D, and NASEM's
    sodium CDRR); magnesium's and folic acid's concern supplements, so they are not here.
    Sodium is never a nutrient to raise: where the standard sets no upper limit for it
    (EFSA), its safe and adequate intake (2 g) stands as the ceiling instead.
    """
    result = {key: t.upper_limit for key, t in targets.items() if t.limit_applies_to_food}
    sodium = targets.get("sodium")
    if sodium is not None and "sodium" not in result:
        result["sodium"] = sodium.value
    return {key: float(value) for key, value in result.items() if value is not None}


def in_text(key: str) -> str:
    """A nutrient's label inside a sentence: ``vitamin D``, ``folate (B9)``."""
    label = BY_KEY[key].label
    return label[:1].lower() + label[1:]


def over_limit_phrase(key: str, amount: float, limit: float, at_least: bool = False) -> str:
    """``vitamin A (retinol) 6,260 µg, over its upper limit of 3,000 µg``."""
    unit = BY_KEY[key].display_unit
    bound = "at least " if at_least else ""
    return (
        f"{in_text(key)} {bound}{fmt_amount(amount)} {unit}, "
        f"over its upper limit of {fmt_amount(limit)} {unit}"
    )


def ceiling_phrase(key: str, value: float) -> str:
    """``the sodium limit (2,300 mg)``."""
    return f"the {in_text(key)} limit ({fmt_amount(value)} {BY_KEY[key].display_unit})"
