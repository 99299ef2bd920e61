"""As-bought factors: grams to buy per gram eaten, and the raw bought form's values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from planner.build.sr28_tables import Sr28, nutrient_columns
from planner.core.data.foods import refuse_factor
from planner.core.data.nutrients import NUTRIENTS
from planner.core.errors import InputError

# SR28's nutrient number for water: the as-bought factor conserves dry matter (100 - water).
WATER_NUMBER = next(n.usda_number for n in NUTRIENTS if n.key == "water")
# A bought form that weighs less than the food it makes must be a dry good cooked in water.
# SR28's dry grains, legumes and pasta hold 8-12 g water per 100 g; a wetter entry that
# still comes out lighter (sprouted, canned, stewed) is a wrong pick, not a dry good.
DRY_GOOD_MAX_WATER = 15.0


def _water(sr28: Sr28, ndbs: pd.Series) -> pd.Series:
    """SR28's water (g per 100 g) of each NDB number in ``ndbs``, NaN where it has none."""
    rows = sr28.nutrients[sr28.nutrients["nutr_no"] == WATER_NUMBER]
    water = pd.to_numeric(rows.set_index("ndb")["value"].replace("", np.nan))
    return ndbs.map(water).astype(float)


def as_bought(foods: pd.DataFrame, sr28: Sr28, path: Path) -> tuple[pd.Series, pd.Series]:
    """Per food, grams to buy per gram eaten (text, 3 decimals) and the bought form's name.

    Default ``100 / (100 - refuse_pct)``; with a bought form, dry matter is conserved,
    ``(100 - water eaten) / (100 - water bought)``, times ``100 / (100 - refuse of the
    bought form)``. ``bought_no_refuse`` leaves SR28's refuse out of either: nuts and
    seeds bought shelled (1), a potato baked in the skin its raw entry counts as peel.
    ``foods`` has the mapping's columns, usda_ndb and refuse_pct; raises InputError naming
    the mapping line for a bought form without a water value or whose factor points the
    wrong way (see DRY_GOOD_MAX_WATER).
    """
    bought, no_refuse = foods["bought_ndb"], foods["bought_no_refuse"] == "yes"
    given = bought != ""
    described = sr28.foods.set_index("ndb")
    water_eaten, water_bought = _water(sr28, foods["usda_ndb"]), _water(sr28, bought)
    refuse_bought = pd.to_numeric(bought.map(described["refuse"]).replace("", "0"))
    refuse_bought = refuse_bought.where(~no_refuse, 0.0)
    default = refuse_factor(pd.to_numeric(foods["refuse_pct"])).where(~no_refuse, 1.0)
    converted = (100 - water_eaten) / (100 - water_bought) * 100 / (100 - refuse_bought)
    factor = default.where(~given, converted)

    def fail(mask: pd.Series, message: str) -> None:
        if mask.any():
            row = mask.idxmax()
            text = message.format(
                ndb=bought[row],
                eaten=foods.at[row, "usda_ndb"],
                water=water_bought[row],
                factor=factor[row],
            )
            raise InputError(path, f"line {row + 2}, column bought_ndb", text)

    fail(given & water_eaten.isna(), "SR28 has no water value for the eaten form {eaten}")
    fail(given & water_bought.isna(), "SR28 has no water value for {ndb}")
    fail(given & ~(water_bought < 100), "{ndb} is all water: no dry matter to conserve")
    dry = water_bought < DRY_GOOD_MAX_WATER
    fail(
        given & dry & (factor >= 1),
        "{ndb} is a dry good ({water:g} g water per 100 g) but gives a factor of "
        "{factor:.3f}: a dry good weighs less than the cooked food it makes",
    )
    fail(
        given & ~dry & (factor < 1),
        "{ndb} ({water:g} g water per 100 g) gives a factor of {factor:.3f}: only a dry "
        f"good (under {DRY_GOOD_MAX_WATER:g} g water) may weigh less than what is eaten",
    )
    # Half up to 3 decimals: a derived conversion, not a nutrient value.
    rounded = np.floor(factor * 1000 + 0.5) / 1000
    description = bought.map(described["description"]).where(given, "")
    return rounded.map("{:.3f}".format), description


def raw_values(foods: pd.DataFrame, sr28: Sr28) -> pd.Series:
    """Per food, ``key=value;...``: what its raw bought form gives where it has no value.

    Only for a bought form that is the same food raw (not a dry good, whose values per
    100 g are those of another, drier food): baked sea bass has no vitamin D in SR28, its
    raw fillet 5.6 ug. The app shows these beside the unknown and never counts them.
    """
    bought = foods["bought_ndb"]
    raw = nutrient_columns(sr28, bought[bought != ""]).set_index("usda_ndb")
    dry = _water(sr28, bought) < DRY_GOOD_MAX_WATER
    cells = []
    for row in foods.index:
        ndb = bought[row]
        if ndb == "" or dry[row]:
            cells.append("")
            continue
        pairs = [
            f"{n.key}={raw.at[ndb, n.food_column]}"
            for n in NUTRIENTS
            if foods.at[row, n.food_column] == "" and raw.at[ndb, n.food_column] != ""
        ]
        cells.append(";".join(pairs))
    return pd.Series(cells, index=foods.index)
