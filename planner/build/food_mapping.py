"""Reading and checking resources/food_mapping.csv and its portion amounts for the build."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from planner.build.build_cells import cell_items, fail_where
from planner.build.claims import CLAIM_KEYS
from planner.build.sr28_tables import Sr28
from planner.core.data.categories import AISLES, PURCHASE_UNITS, TAGS
from planner.core.data.foods import ID_PATTERN
from planner.core.errors import InputError

MAPPING_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "category",
    "usda_ndb",
    "portion_seq",
    "purchase_unit",
    "purchase_unit_g",
    "tags",
    "article_lists",
    "article_words",
    "unsupported_claims",
    "bought_ndb",
    "bought_no_refuse",
    "bought_name",
)
# A weighed-loose unit is one kilogram by definition.
KG_GRAMS = 1000.0


def _fail_unknown_items(
    mapping: pd.DataFrame, source: Path, column: str, allowed: Sequence[str], what: str
) -> None:
    items = cell_items(mapping[column])
    bad = items[~items.isin(allowed)]
    if not bad.empty:
        row = int(bad.index[0])
        raise InputError(
            source,
            f"line {row + 2}, column {column}",
            f"unknown {what} {bad.iloc[0]!r} (known: {', '.join(allowed)})",
        )


def read_mapping(path: Path | str) -> pd.DataFrame:
    """Read food_mapping.csv as text and check every cell that needs no SR28 to check."""
    path = Path(path)
    try:
        mapping = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "", "file not found") from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(path, "", f"not a readable CSV file ({exc})") from None
    if tuple(mapping.columns) != MAPPING_COLUMNS:
        raise InputError(path, "header", f"the columns must be {','.join(MAPPING_COLUMNS)}")
    mapping = mapping.apply(lambda column: column.str.strip())
    _check_mapping(mapping, path)
    return mapping


def _check_mapping(mapping: pd.DataFrame, path: Path) -> None:
    def fail(mask: pd.Series, column: str, message: str) -> None:
        fail_where(mapping, path, mask, column, message)

    for column in MAPPING_COLUMNS:
        # A line break inside a cell would shift every later line number in messages.
        fail(mapping[column].str.contains("\n"), column, "line break inside a cell")
    fail(~mapping["id"].str.fullmatch(ID_PATTERN), "id", "{!r} is not a slug like pumpkin-seeds")
    fail(mapping["id"].duplicated(), "id", "duplicate id {!r}")
    fail(mapping["name"] == "", "name", "empty name")
    fail(~mapping["category"].isin(AISLES), "category", "unknown category {!r}")
    fail(~mapping["usda_ndb"].str.fullmatch(r"\d{5}"), "usda_ndb", "{!r} is not a 5-digit NDB")
    fail(~mapping["portion_seq"].str.fullmatch(r"\d+"), "portion_seq", "{!r} is not a Seq")
    _check_bought_form(mapping, path)
    units = mapping["purchase_unit"]
    fail(~units.isin(PURCHASE_UNITS), "purchase_unit", "unknown purchase unit {!r}")
    _check_purchase_grams(mapping, path)
    _fail_unknown_items(mapping, path, "tags", tuple(TAGS), "tag")
    _fail_unknown_items(mapping, path, "article_lists", CLAIM_KEYS, "nutrient")
    _fail_unknown_items(mapping, path, "unsupported_claims", CLAIM_KEYS, "nutrient")
    fail(
        (mapping["article_lists"] != "") & (mapping["article_words"] == ""),
        "article_words",
        "empty: say which of the article's words this food stands for",
    )
    listed = cell_items(mapping["article_lists"])
    claimed = cell_items(mapping["unsupported_claims"])
    pairs = pd.MultiIndex.from_arrays([listed.index, listed.to_numpy()])
    outside = ~pd.MultiIndex.from_arrays([claimed.index, claimed.to_numpy()]).isin(pairs)
    if outside.any():
        row = int(claimed.index[outside][0])
        raise InputError(
            path,
            f"line {row + 2}, column unsupported_claims",
            f"{claimed[outside].iloc[0]!r} is not in article_lists",
        )


def _check_bought_form(mapping: pd.DataFrame, path: Path) -> None:
    """bought_ndb is empty or another 5-digit NDB; bought_no_refuse is empty or yes.

    bought_name (what the shopping list calls the bought form) is given exactly where
    bought_ndb is.
    """
    bought, no_refuse = mapping["bought_ndb"], mapping["bought_no_refuse"]
    name = mapping["bought_name"]

    def fail(mask: pd.Series, column: str, message: str) -> None:
        fail_where(mapping, path, mask, column, message)

    given = bought != ""
    fail(given & ~bought.str.fullmatch(r"\d{5}"), "bought_ndb", "{!r} is not a 5-digit NDB")
    fail(
        bought == mapping["usda_ndb"],
        "bought_ndb",
        "{} is the eaten form itself: leave empty when the eaten form is the bought form",
    )
    fail(~no_refuse.isin(("", "yes")), "bought_no_refuse", "{!r}: write yes or leave empty")
    fail(
        given & (name == ""),
        "bought_name",
        "empty: name the form bought for bought_ndb as a shopper would (Lentils, dry)",
    )
    fail(~given & (name != ""), "bought_name", "{!r}: leave empty when bought_ndb is empty")


def _check_purchase_grams(mapping: pd.DataFrame, path: Path) -> None:
    """Piece foods leave the weight to the builder; kg is 1000; other units need one."""
    units, text = mapping["purchase_unit"], mapping["purchase_unit_g"]
    grams = pd.to_numeric(text.where(text != ""), errors="coerce")
    piece = units == "piece"

    def fail(mask: pd.Series, message: str) -> None:
        fail_where(mapping, path, mask, "purchase_unit_g", message)

    fail(piece & (text != ""), "leave empty for piece foods: it is derived from the portion")
    fail(~piece & (text == ""), "empty: give the grams of one unit as bought")
    fail(~piece & (text != "") & ~(grams > 0), "{!r} is not a positive number of grams")
    fail((units == "kg") & (grams != KG_GRAMS), "{!r}: one kg is 1000 g")


def check_against_sr28(mapping: pd.DataFrame, sr28: Sr28, path: Path) -> None:
    def fail(mask: pd.Series, column: str, message: str) -> None:
        fail_where(mapping, path, mask, column, message)

    known = mapping["usda_ndb"].isin(sr28.foods["ndb"])
    fail(~known, "usda_ndb", "unknown NDB number {!r}: not in SR28 FOOD_DES")
    keys = pd.MultiIndex.from_frame(mapping[["usda_ndb", "portion_seq"]])
    weights = pd.MultiIndex.from_frame(sr28.weights[["ndb", "seq"]])
    in_weights = pd.Series(keys.isin(weights), index=mapping.index)
    fail(~in_weights, "portion_seq", "Seq {} is not in SR28 WEIGHT for this NDB number")
    bought = mapping["bought_ndb"]
    fail(
        (bought != "") & ~bought.isin(sr28.foods["ndb"]),
        "bought_ndb",
        "unknown NDB number {!r}: not in SR28 FOOD_DES",
    )


# --- portions that are a part or a number of an SR28 measure ------------------------------

PORTION_AMOUNT_COLUMNS: tuple[str, ...] = ("id", "amount", "reason")


def read_portion_amounts(path: Path | str, ids: pd.Series) -> dict[str, str]:
    """Food id -> how many of its SR28 measure make its portion (text, e.g. ``"0.25"``).

    A cup of prunes (174 g) is no portion: a quarter of it is, and its grams are SR28's for
    the cup times 0.25. Each row says why (``reason``). A missing file holds none.
    """
    path = Path(path)
    if not path.exists():
        return {}
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(path, "", f"not a readable CSV file ({exc})") from None
    if tuple(table.columns) != PORTION_AMOUNT_COLUMNS:
        raise InputError(path, "header", f"the columns must be {','.join(PORTION_AMOUNT_COLUMNS)}")
    table = table.apply(lambda column: column.str.strip())
    amount = pd.to_numeric(table["amount"], errors="coerce")

    def fail(mask: pd.Series, column: str, message: str) -> None:
        fail_where(table, path, mask, column, message)

    fail(~table["id"].isin(ids), "id", "{!r} is not a food of the mapping")
    fail(table["id"].duplicated(), "id", "duplicate id {!r}")
    fail(~(amount > 0), "amount", "{!r} is not a positive number")
    fail(table["reason"] == "", "reason", "empty: say why this portion")
    return dict(zip(table["id"], table["amount"], strict=True))


def scaled_portions(foods: pd.DataFrame, amounts: Mapping[str, str]) -> None:
    """Portion name and grams of the foods in ``amounts``: ``amount`` SR28 measures.

    ``foods`` holds SR28's WEIGHT row (amount, measure, grams); SR28's grams are for its own
    amount (``1 cup``), so the portion weighs grams x amount / SR28's amount.
    """
    scaled = foods["id"].isin(amounts)
    if not scaled.any():
        return
    given = foods.loc[scaled, "id"].map(amounts)
    grams = (
        pd.to_numeric(foods.loc[scaled, "grams"])
        * pd.to_numeric(given)
        / pd.to_numeric(foods.loc[scaled, "amount"])
    )
    foods.loc[scaled, "amount"] = given
    # repr of a float: 43.5, 14.5, 37.25; no more digits than the product has.
    foods.loc[scaled, "grams"] = grams.map(lambda g: f"{g:.10g}")
