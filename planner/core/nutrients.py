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
)

BY_KEY: dict[str, Nutrient] = {n.key: n for n in NUTRIENTS}
KEYS: tuple[str, ...] = tuple(n.key for n in NUTRIENTS)
FOOD_COLUMNS: tuple[str, ...] = tuple(n.food_column for n in NUTRIENTS)
CRAMP_KEYS: tuple[str, ...] = tuple(n.key for n in NUTRIENTS if n.cramp_related)
# What the coverage chart shows: the cramp nutrients plus vitamin D, sodium and water.
CHART_KEYS: tuple[str, ...] = (*CRAMP_KEYS, "vitamin_d", "sodium", "water")


def nutrient(key: str) -> Nutrient:
    """The nutrient with this key; KeyError names the known keys."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown nutrient {key!r} (known: {', '.join(KEYS)})") from None
