"""The article's claims: which listed nutrients one portion of a food really gives.

A food on one of the article's lists claims a nutrient; the claim is unsupported where one
portion gives under CLAIM_PERCENT of the adult target, and the mapping must record it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from planner.build.build_cells import cell_items
from planner.core.data.intakes import ReferenceIntakes
from planner.core.data.nutrients import FOOD_COLUMNS, NUTRIENTS
from planner.core.data.profile import SEXES, Profile
from planner.core.errors import InputError

# The article's lists are about these nutrients: all the planner reports but energy and water
# (the guards are watched for their upper limits only).
CLAIM_KEYS: tuple[str, ...] = tuple(
    n.key for n in NUTRIENTS if n.key not in ("energy", "water") and not n.guard
)
COLUMN_OF_KEY: dict[str, str] = {n.key: n.food_column for n in NUTRIENTS}
# One portion giving less than this percentage of the adult target does not back a claim.
CLAIM_PERCENT = 10
# Claims are judged against NASEM adult targets for this age (the 31-50 band), the lower
# of the female and male values, so that a claim holds for everyone it is made to.
CLAIM_AGE = 40.0


def adult_targets(intakes_csv: Path | str) -> dict[str, float]:
    """Each claim nutrient's NASEM adult target at CLAIM_AGE, the lower of female and male."""
    path = Path(intakes_csv)
    intakes = ReferenceIntakes.load(path)
    per_sex = [intakes.targets(Profile(sex=sex, age=CLAIM_AGE, standard="nasem")) for sex in SEXES]
    targets: dict[str, float] = {}
    for key in CLAIM_KEYS:
        values = [sex_targets[key].value for sex_targets in per_sex if key in sex_targets]
        if not values:
            raise InputError(path, "", f"no NASEM adult target for {key} at age {CLAIM_AGE:g}")
        targets[key] = min(values)
    return targets


def computed_unsupported_claims(foods: pd.DataFrame, targets: Mapping[str, float]) -> pd.Series:
    """Per food, the ``;``-joined article_lists keys that one portion gives < 10 % of.

    ``foods`` has article_lists, portion_g and the nutrient columns (numbers or SR28 text,
    "" for unknown); ``targets`` maps nutrient keys to the adult target. An unknown value
    is not flagged: the data cannot say the claim is wrong. Keys keep article_lists order.
    """
    listed = cell_items(foods["article_lists"])
    values = foods[list(FOOD_COLUMNS)].apply(pd.to_numeric, errors="coerce")
    rows = values.index.get_indexer(listed.index)
    columns = values.columns.get_indexer(listed.map(COLUMN_OF_KEY))
    per_100g = values.to_numpy(dtype=float)[rows, columns]
    portion_g = pd.to_numeric(foods["portion_g"]).to_numpy(dtype=float)[rows]
    target = listed.map(targets).to_numpy(dtype=float)
    # per_100g * portion_g / 100 < target * CLAIM_PERCENT / 100, without the divisions, so
    # a portion at exactly 10 % is not lost to rounding. NaN (unknown) compares False.
    low = per_100g * portion_g < target * CLAIM_PERCENT
    flagged = listed[low]
    return flagged.groupby(level=0).agg(";".join).reindex(foods.index, fill_value="")


def _pairs(cells: pd.Series) -> pd.MultiIndex:
    """(row, key) for every key in ``;``-separated cells."""
    items = cell_items(cells)
    return pd.MultiIndex.from_arrays([items.index, items.to_numpy()], names=["row", "key"])


def check_claims_recorded(
    mapping: pd.DataFrame, foods: pd.DataFrame, computed: pd.Series, path: Path
) -> None:
    """The mapping must record exactly the unsupported claims the data give."""
    recorded, flagged = _pairs(mapping["unsupported_claims"]), _pairs(computed)
    added, dropped = flagged.difference(recorded), recorded.difference(flagged)
    rows = added.get_level_values("row").union(dropped.get_level_values("row"))
    if rows.empty:
        return
    row = int(rows.min())
    changes = [f"add {key}" for r, key in added if r == row]
    changes += [f"drop {key}" for r, key in dropped if r == row]
    raise InputError(
        path,
        f"line {row + 2}, column unsupported_claims",
        f"{mapping.at[row, 'id']}: one portion ({foods.at[row, 'portion_name']}, "
        f"{foods.at[row, 'portion_g']} g) gives unsupported claims {computed[row]!r}, "
        f"the mapping records {mapping.at[row, 'unsupported_claims']!r} ({', '.join(changes)})",
    )
