"""The food table: foods.csv loaded, validated and held as one frame indexed by food id."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core.categories import AISLES, PURCHASE_UNITS
from planner.core.errors import InputError
from planner.core.nutrients import NUTRIENTS

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Text columns every foods.csv must have (CONTRACTS); nutrient columns come from the registry.
TEXT_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "category",
    "usda_ndb",
    "usda_description",
    "portion_name",
    "purchase_unit",
    "tags",
    "article_lists",
)
NUMBER_COLUMNS: tuple[str, ...] = ("portion_g", "refuse_pct", "purchase_unit_g")
OPTIONAL_TEXT_COLUMNS: tuple[str, ...] = (
    "unsupported_claims",
    "usda_food_group",
    "bought_description",
    "bought_name",
)
# Grams to buy per gram eaten; where absent or empty, 100 / (100 - refuse_pct).
OPTIONAL_NUMBER_COLUMNS: tuple[str, ...] = ("as_bought_factor",)
# foods.csv's columns in file order: those CONTRACTS names, then the planner's additions.
REQUIRED_COLUMNS: tuple[str, ...] = (
    *TEXT_COLUMNS[:5],
    *(n.food_column for n in NUTRIENTS),
    "portion_name",
    "portion_g",
    "refuse_pct",
    "purchase_unit",
    "purchase_unit_g",
    "tags",
    "article_lists",
)
FOODS_CSV_COLUMNS: tuple[str, ...] = (
    *REQUIRED_COLUMNS,
    "unsupported_claims",
    "usda_food_group",
    "as_bought_factor",
    "bought_description",
    "bought_name",
)
NUTRIENT_KEYS = tuple(n.key for n in NUTRIENTS)


def as_bought_factors(info: pd.DataFrame) -> pd.Series:
    """Grams to buy per gram eaten: ``as_bought_factor``, else ``100 / (100 - refuse_pct)``.

    The fallback covers tables without the column (library and custom foods) and empty
    cells; a food with unknown refuse (NaN) stays NaN.
    """
    fallback = 100.0 / (100.0 - info["refuse_pct"].astype(float))
    if "as_bought_factor" not in info.columns:
        return fallback
    return info["as_bought_factor"].astype(float).fillna(fallback)


def bought_names(info: pd.DataFrame) -> pd.Series:
    """What a shopper buys each food as: ``bought_name`` ("Lentils, dry"), else ``name``.

    The fallback covers tables without the column (library and custom foods), foods
    merged in from them (NaN) and empty cells (foods bought as eaten).
    """
    names = info["name"]
    if "bought_name" not in info.columns:
        return names
    given = info["bought_name"].fillna("").astype(str).str.strip()
    return given.where(given != "", names)


def split_list(text: str) -> tuple[str, ...]:
    """A ``;``-separated cell as a tuple of its non-empty parts."""
    return tuple(part.strip() for part in str(text).split(";") if part.strip())


@dataclass(frozen=True)
class FoodTable:
    """Foods and their nutrients.

    ``info`` is indexed by food id and holds the descriptive columns (name, category,
    portion_g, tags as tuples, ...); ``values`` has the same index and one float column
    per nutrient key, per 100 g edible portion in the nutrient's food unit, NaN where
    the value is unknown.
    """

    info: pd.DataFrame
    values: pd.DataFrame

    def __len__(self) -> int:
        return len(self.info)

    def __contains__(self, food_id: object) -> bool:
        return food_id in self.info.index

    @property
    def ids(self) -> pd.Index:
        return self.info.index

    def name(self, food_id: str) -> str:
        return str(self.info.at[food_id, "name"])

    def portion_g(self, food_id: str) -> float:
        """Grams of one household portion (NaN when the food has none)."""
        return float(self.info.at[food_id, "portion_g"])

    def merged(self, other: FoodTable) -> FoodTable:
        """This table with ``other``'s foods added; ids already here are kept from here."""
        extra = other.info.index.difference(self.info.index, sort=False)
        info = pd.concat([self.info, other.info.loc[extra]])
        values = pd.concat([self.values, other.values.loc[extra]])
        return FoodTable(info, values)

    @classmethod
    def from_frames(cls, info: pd.DataFrame, values: pd.DataFrame) -> FoodTable:
        """A table from frames already validated (library foods, tests)."""
        values = values.reindex(columns=list(NUTRIENT_KEYS)).astype(float)
        return cls(info, values.loc[info.index])


def load_foods(path: Path) -> FoodTable:
    """Read and validate foods.csv; any fault raises InputError naming the line and column."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "", "file not found") from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(path, "", f"not a readable CSV file ({exc})") from None
    return foods_from_raw(raw, path)


def foods_from_raw(raw: pd.DataFrame, source: Path | str) -> FoodTable:
    """Validate a frame of text cells laid out as foods.csv and turn it into a FoodTable."""
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise InputError(source, "header", f"missing column {missing[0]!r}")
    # Line numbers as a user sees them in an editor: the header is line 1.
    lines = pd.Series(np.arange(len(raw)) + 2, index=raw.index)

    def fail(mask: pd.Series, column: str, what: str) -> None:
        if mask.any():
            row = mask.idxmax()
            value = raw.at[row, column]
            raise InputError(source, f"line {lines[row]}, column {column}", what.format(value))

    ids = raw["id"].str.strip()
    fail(~ids.str.match(ID_PATTERN), "id", "{!r} is not a valid id (lower-case letters, digits, -)")
    fail(ids.duplicated(), "id", "duplicate id {!r}")
    fail(raw["name"].str.strip() == "", "name", "empty name")
    fail(~raw["category"].isin(AISLES), "category", "unknown category {!r}")
    units = raw["purchase_unit"]
    fail((units != "") & ~units.isin(PURCHASE_UNITS), "purchase_unit", "unknown purchase unit {!r}")

    optional = [c for c in OPTIONAL_NUMBER_COLUMNS if c in raw.columns]
    columns = [n.food_column for n in NUTRIENTS] + list(NUMBER_COLUMNS) + optional
    text = raw[columns].to_numpy(str)
    try:
        # One conversion for the whole block; empty cells are unknown (NaN), never 0.
        block = np.where(np.char.strip(text) == "", "nan", text).astype(float)
    except ValueError:
        block = None
    if block is None or np.isinf(block).any():
        for column in columns:  # the slow path, only to say which cell is wrong
            cells = raw[column].str.strip()
            parsed = pd.to_numeric(cells.where(cells != ""), errors="coerce")
            bad = (parsed.isna() & (cells != "")) | parsed.abs().eq(np.inf)
            fail(bad, column, "{!r} is not a number")
        raise InputError(source, "", "a number column holds text that is not a number")
    numbers = {c: pd.Series(block[:, i], index=raw.index) for i, c in enumerate(columns)}
    for column in columns:
        fail(numbers[column] < 0, column, "negative value {}")
    fail(numbers["refuse_pct"] >= 100, "refuse_pct", "refuse {} must be under 100 %")
    fail(numbers["portion_g"] == 0, "portion_g", "a portion cannot weigh 0 g")
    if "as_bought_factor" in numbers:
        fail(numbers["as_bought_factor"] == 0, "as_bought_factor", "a factor of 0 buys nothing")

    index = pd.Index(ids, name="id")
    values = pd.DataFrame(
        {n.key: numbers[n.food_column].to_numpy() for n in NUTRIENTS}, index=index
    )
    info = pd.DataFrame(
        {
            "name": raw["name"].str.strip().to_numpy(),
            "category": raw["category"].to_numpy(),
            "usda_ndb": raw["usda_ndb"].to_numpy(),
            "usda_description": raw["usda_description"].to_numpy(),
            "usda_food_group": raw.get(
                "usda_food_group", pd.Series("", index=raw.index)
            ).to_numpy(),
            "portion_name": raw["portion_name"].to_numpy(),
            "portion_g": numbers["portion_g"].to_numpy(),
            "refuse_pct": numbers["refuse_pct"].fillna(0).to_numpy(),
            "purchase_unit": units.to_numpy(),
            "purchase_unit_g": numbers["purchase_unit_g"].to_numpy(),
            "tags": raw["tags"].map(split_list).to_numpy(),
            "article_lists": raw["article_lists"].map(split_list).to_numpy(),
            "unsupported_claims": raw.get("unsupported_claims", pd.Series("", index=raw.index))
            .map(split_list)
            .to_numpy(),
            "as_bought_factor": numbers.get(
                "as_bought_factor", pd.Series(np.nan, index=raw.index)
            ).to_numpy(),
            "bought_description": raw.get(
                "bought_description", pd.Series("", index=raw.index)
            ).to_numpy(),
            "bought_name": raw.get("bought_name", pd.Series("", index=raw.index))
            .str.strip()
            .to_numpy(),
            "source": "foods.csv",
        },
        index=index,
    )
    info["as_bought_factor"] = as_bought_factors(info)  # empty cells and no column alike
    return FoodTable(info, values)
