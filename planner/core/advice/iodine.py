"""Seaweed's iodine: USDA SR28 lists none, so a menu with more than a little is warned about.

Seaweed's iodine varies a hundredfold: Teas et al. (2004) measured from 16 µg per gram
of dried nori to over 8,000 µg per gram of kelp granules, and 514 µg per gram in the
palest kelp blades. The planner cannot know which a food holds, so it takes that lowest
kelp value: beyond ``upper limit / 514 µg`` grams of dried seaweed (2.1 g for an adult's
NASEM limit of 1,100 µg a day), kelp is over the limit even at its least, and it may be
well before. Fresh seaweed counts by its dry matter (SR28's water). Sources and the
threshold are in docs/data-sources.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.core.data.formatting import fmt_amount

if TYPE_CHECKING:
    from planner.core.data.foods import FoodTable
    from planner.core.data.profile import Profile
    from planner.core.menus.menu import Menu

SEAWEED_TAG = "iodine-caution"
# Lowest iodine content Teas et al. (2004) measured in a kelp: sun-bleached blades of
# Namibian kelp, 514 ± 42 µg per gram dry weight.
KELP_LOWEST_UG_PER_G = 514.0
# Tolerable upper intake levels of iodine (µg/day) from this age (years) on.
# NASEM: IOM DRI for Vitamin A, ..., Iodine, ... (2001); pregnancy and lactation as by age.
# EFSA: Scientific Committee on Food (2002), in EFSA's Tolerable Upper Intake Levels
# for Vitamins and Minerals (2006); the adult value holds in pregnancy and lactation.
# Neither sets one for infants: for them any seaweed is warned about.
UPPER_LIMITS_UG: dict[str, tuple[tuple[float, float], ...]] = {
    "nasem": ((1, 200), (4, 300), (9, 600), (14, 900), (19, 1100)),
    "efsa": ((1, 200), (4, 250), (7, 300), (11, 450), (15, 500), (18, 600)),
}


def iodine_upper_limit(profile: Profile) -> float | None:
    """The profile's iodine UL in µg a day (None for an infant: none is set)."""
    limit = None
    for age, value in UPPER_LIMITS_UG[profile.standard]:
        if profile.age >= age:
            limit = value
    return limit


def dry_seaweed_limit_g(profile: Profile) -> float:
    """Grams of dried seaweed a day beyond which the menu is warned about (0 for infants)."""
    limit = iodine_upper_limit(profile)
    return 0.0 if limit is None else limit / KELP_LOWEST_UG_PER_G


@dataclass(frozen=True)
class SeaweedCaution:
    """Seaweed on a menu beyond the profile's threshold."""

    foods: tuple[str, ...]
    grams: float  # as eaten
    dry_grams: float
    limit_dry_grams: float
    upper_limit_ug: float | None
    message: str


def seaweed_dry_grams(menu: Menu, foods: FoodTable) -> tuple[tuple[str, ...], float, float]:
    """The menu's seaweed foods, their grams as eaten and their dry matter in grams (a
    food with no known water counts as all dry matter)."""
    ids: dict[str, None] = {}
    grams = dry = 0.0
    for item in menu.items:
        if item.food not in foods or SEAWEED_TAG not in foods.cell(item.food, "tags"):
            continue
        g = item.grams_of(foods)
        if math.isnan(g) or g <= 0:
            continue
        water = foods.value(item.food, "water")  # g per 100 g
        ids[item.food] = None
        grams += g
        dry += g if math.isnan(water) else g * (100 - water) / 100
    return tuple(ids), grams, dry


def seaweed_caution(menu: Menu, foods: FoodTable, profile: Profile) -> SeaweedCaution | None:
    """A warning when the menu holds more dried seaweed than ``dry_seaweed_limit_g``."""
    ids, grams, dry = seaweed_dry_grams(menu, foods)
    limit = dry_seaweed_limit_g(profile)
    if not ids or dry <= limit:
        return None
    upper = iodine_upper_limit(profile)
    names = "; ".join(foods.name(f) for f in ids)
    amount = f"{fmt_amount(grams)} g of seaweed on this menu ({names}; {fmt_amount(dry)} g dried)"
    source = (
        "USDA lists no iodine for seaweed; it ranges from 16 to over 8,000 µg per gram "
        "dried (Teas et al. 2004)"
    )
    if upper is None:
        message = (
            f"Iodine: {amount}. {source}. No upper limit is set for infants, and seaweed is "
            "no food for a baby."
        )
    else:
        message = (
            f"Iodine: {amount}. {source}, and above {fmt_amount(limit)} g dried even the "
            f"least measured in kelp gives more than your upper limit of {fmt_amount(upper)} "
            "µg a day."
        )
    return SeaweedCaution(ids, grams, dry, limit, upper, message)
