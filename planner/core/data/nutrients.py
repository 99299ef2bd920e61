"""The one registry of nutrients: key, label, unit, foods.csv column and USDA number."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Nutrient:
    """A nutrient the planner tracks.

    ``unit`` is the unit of totals and targets; ``food_column`` is the foods.csv column
    holding the amount per 100 g, and ``food_to_report`` converts a food-table amount into
    ``unit`` (only water differs: grams in foods, litres in targets).
    """

    key: str
    label: str
    unit: str
    food_column: str
    usda_number: str
    cramp_related: bool
    food_to_report: float = 1.0
    # A guard is watched only for its upper limit: food alone can push it over (liver's
    # retinol, Brazil nuts' selenium) though the chart and the totals table leave it out.
    guard: bool = False

    @property
    def food_unit(self) -> str:
        """Unit of the per-100 g amount in the food table (grams for water)."""
        return "g" if self.key == "water" else self.unit

    @property
    def display_unit(self) -> str:
        """Unit as shown to people (µg rather than ug)."""
        return DISPLAY_UNITS.get(self.unit, self.unit)


# Files use ASCII units (CONTRACTS); people read µg.
DISPLAY_UNITS = {"ug": "µg", "ug DFE": "µg DFE"}

NUTRIENTS: tuple[Nutrient, ...] = (
    Nutrient("energy", "Energy", "kcal", "energy_kcal", "208", False),
    Nutrient("magnesium", "Magnesium", "mg", "magnesium_mg", "304", True),
    Nutrient("potassium", "Potassium", "mg", "potassium_mg", "306", True),
    Nutrient("calcium", "Calcium", "mg", "calcium_mg", "301", True),
    Nutrient("iron", "Iron", "mg", "iron_mg", "303", True),
    Nutrient("vitamin_b6", "Vitamin B6", "mg", "vitamin_b6_mg", "415", True),
    Nutrient("folate", "Folate (B9)", "ug DFE", "folate_ug_dfe", "435", True),
    Nutrient("vitamin_b12", "Vitamin B12", "ug", "vitamin_b12_ug", "418", True),
    Nutrient("vitamin_d", "Vitamin D", "ug", "vitamin_d_ug", "328", False),
    Nutrient("sodium", "Sodium", "mg", "sodium_mg", "307", False),
    Nutrient("water", "Water", "L", "water_g", "255", False, food_to_report=0.001),
    # Guards (docs/reference-intakes.md): their upper limits, not their targets, matter here.
    # Retinol is preformed vitamin A, the form vitamin A's upper limit concerns.
    Nutrient("retinol", "Vitamin A (retinol)", "ug", "retinol_ug", "319", False, guard=True),
    Nutrient("selenium", "Selenium", "ug", "selenium_ug", "317", False, guard=True),
    Nutrient("zinc", "Zinc", "mg", "zinc_mg", "309", False, guard=True),
    Nutrient("copper", "Copper", "mg", "copper_mg", "312", False, guard=True),
    Nutrient("manganese", "Manganese", "mg", "manganese_mg", "315", False, guard=True),
)

BY_KEY: dict[str, Nutrient] = {n.key: n for n in NUTRIENTS}
KEYS: tuple[str, ...] = tuple(n.key for n in NUTRIENTS)
FOOD_COLUMNS: tuple[str, ...] = tuple(n.food_column for n in NUTRIENTS)
GUARDS: tuple[Nutrient, ...] = tuple(n for n in NUTRIENTS if n.guard)
GUARD_KEYS: tuple[str, ...] = tuple(n.key for n in GUARDS)
GUARD_COLUMNS: tuple[str, ...] = tuple(n.food_column for n in GUARDS)
# The guards come last, so that the other nutrients' positions are the same in KEYS as in
# REPORTED: views that leave the guards out keep their columns.
assert NUTRIENTS[: len(NUTRIENTS) - len(GUARDS)] == tuple(n for n in NUTRIENTS if not n.guard)
# What the totals table, the food list and coverage's ``nutrients`` show: all but the guards.
REPORTED: tuple[Nutrient, ...] = tuple(n for n in NUTRIENTS if not n.guard)
CRAMP_KEYS: tuple[str, ...] = tuple(n.key for n in NUTRIENTS if n.cramp_related)
# What the coverage chart shows: the cramp nutrients plus vitamin D, sodium and water.
CHART_KEYS: tuple[str, ...] = (*CRAMP_KEYS, "vitamin_d", "sodium", "water")


def nutrient(key: str) -> Nutrient:
    """The nutrient with this key; KeyError names the known keys."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown nutrient {key!r} (known: {', '.join(KEYS)})") from None
