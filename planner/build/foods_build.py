"""Build foods.csv from the curated food mapping and the USDA SR28 database (no Qt)."""

from __future__ import annotations

import argparse
import contextlib
import sys
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from planner.core.data.categories import AISLES, PURCHASE_UNITS, TAGS
from planner.core.data.foods import ID_PATTERN, refuse_factor
from planner.core.data.foods_csv import FOODS_CSV_COLUMNS
from planner.core.data.intakes import ReferenceIntakes
from planner.core.data.nutrients import FOOD_COLUMNS, NUTRIENTS
from planner.core.data.profile import SEXES, Profile
from planner.core.errors import InputError
from planner.core.storage.atomic import atomic_write_text
from planner.paths import (
    FOOD_MAPPING_CSV,
    FOODS_CSV,
    PORTION_AMOUNTS_CSV,
    REFERENCE_INTAKES_CSV,
    SR28_ZIP,
)

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
# The builder writes foods.csv in the order planner.core.data.foods_csv reads and documents it.
FOODS_COLUMNS: tuple[str, ...] = FOODS_CSV_COLUMNS
# The article's lists are about these nutrients: all the planner reports but energy and water
# (the guards are watched for their upper limits only).
CLAIM_KEYS: tuple[str, ...] = tuple(
    n.key for n in NUTRIENTS if n.key not in ("energy", "water") and not n.guard
)
COLUMN_OF_KEY: dict[str, str] = {n.key: n.food_column for n in NUTRIENTS}
COLUMN_OF_NUMBER: dict[str, str] = {n.usda_number: n.food_column for n in NUTRIENTS}
# One portion giving less than this percentage of the adult target does not back a claim.
CLAIM_PERCENT = 10
# Claims are judged against NASEM adult targets for this age (the 31-50 band), the lower
# of the female and male values, so that a claim holds for everyone it is made to.
CLAIM_AGE = 40.0
# A weighed-loose unit is one kilogram by definition.
KG_GRAMS = 1000.0
# SR28's nutrient number for water: the as-bought factor conserves dry matter (100 - water).
WATER_NUMBER = next(n.usda_number for n in NUTRIENTS if n.key == "water")
# A bought form that weighs less than the food it makes must be a dry good cooked in water.
# SR28's dry grains, legumes and pasta hold 8-12 g water per 100 g; a wetter entry that
# still comes out lighter (sprouted, canned, stewed) is a wrong pick, not a dry good.
DRY_GOOD_MAX_WATER = 15.0

# SR28 file -> (column positions to read, names given to them). Positions follow the
# SR28 documentation; reading only these keeps NUT_DATA (679,045 rows) quick.
SR28_TABLES: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "FOOD_DES": ((0, 1, 2, 8), ("ndb", "group_code", "description", "refuse")),
    "FD_GROUP": ((0, 1), ("group_code", "group")),
    "NUT_DATA": ((0, 1, 2), ("ndb", "nutr_no", "value")),
    "WEIGHT": ((0, 1, 2, 3, 4), ("ndb", "seq", "amount", "measure", "grams")),
}


@dataclass(frozen=True)
class Sr28:
    """The parts of SR28 that foods.csv needs, every cell text exactly as SR28 writes it.

    ``foods``: ndb, group_code, description (Long_Desc), refuse. ``groups``: group_code,
    group. ``nutrients``: ndb, nutr_no, value, only for the nutrients the planner tracks.
    ``weights``: ndb, seq, amount, measure (Msre_Desc), grams (Gm_Wgt).
    """

    foods: pd.DataFrame
    groups: pd.DataFrame
    nutrients: pd.DataFrame
    weights: pd.DataFrame


# --- reading SR28 -------------------------------------------------------------------------


@contextlib.contextmanager
def _sr28_opener(path: Path) -> Iterator[Callable[[str], IO[bytes]]]:
    """A function opening an SR28 table (``"WEIGHT"``) in a zip or a folder, by file name.

    Names are matched case-insensitively and wherever they sit in a zip, since unpacked
    copies and re-zipped downloads differ in both.
    """
    if path.is_dir():
        members = {p.name.upper(): p for p in path.iterdir() if p.is_file()}

        def open_file(table: str) -> IO[bytes]:
            return open(_member(members, table, path), "rb")

        yield open_file
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = {Path(n).name.upper(): n for n in archive.namelist()}

            def open_member(table: str) -> IO[bytes]:
                return archive.open(_member(names, table, path))

            yield open_member
    elif path.exists():
        raise InputError(path, "", "not an SR28 ASCII zip or folder")
    else:
        raise InputError(path, "", "SR28 not found (give --sr28 PATH)")


def _member(members: Mapping[str, Path | str], table: str, path: Path) -> Path | str:
    try:
        return members[f"{table}.TXT"]
    except KeyError:
        raise InputError(path, "", f"{table}.txt is missing") from None


def _read_table(handle: IO[bytes], table: str) -> pd.DataFrame:
    positions, names = SR28_TABLES[table]
    # dtype=str and no NA parsing: values stay the exact SR28 text, "" stays "" (unknown).
    frame = pd.read_csv(
        handle,
        sep="^",
        quotechar="~",
        encoding="latin-1",
        header=None,
        usecols=list(positions),
        dtype=str,
        keep_default_na=False,
        na_filter=False,
    )
    return frame.set_axis(list(names), axis=1)


def read_sr28(path: Path | str) -> Sr28:
    """Read FOOD_DES, FD_GROUP, NUT_DATA and WEIGHT from an SR28 ASCII zip or folder."""
    path = Path(path)
    with _sr28_opener(path) as open_table:
        tables = {}
        for table in SR28_TABLES:
            with open_table(table) as handle:
                tables[table] = _read_table(handle, table)
    nutrients = tables["NUT_DATA"]
    nutrients = nutrients[nutrients["nutr_no"].isin(COLUMN_OF_NUMBER)].reset_index(drop=True)
    return Sr28(tables["FOOD_DES"], tables["FD_GROUP"], nutrients, tables["WEIGHT"])


# --- reading and checking the mapping -----------------------------------------------------


def _fail_where(
    mapping: pd.DataFrame, source: Path, mask: pd.Series, column: str, message: str
) -> None:
    """Raise for the first row where ``mask`` holds; ``{}`` in message is that cell."""
    if mask.any():
        row = int(mask.idxmax())
        # Line as an editor shows it: the header is line 1, one food a line.
        place = f"line {row + 2}, column {column}"
        raise InputError(source, place, message.format(mapping.at[row, column]))


def _items(cells: pd.Series) -> pd.Series:
    """The parts of ``;``-separated cells, one a row, indexed by the row they come from."""
    items = cells.str.split(";").explode().str.strip()
    return items[items.notna() & (items != "")]


def _fail_unknown_items(
    mapping: pd.DataFrame, source: Path, column: str, allowed: Sequence[str], what: str
) -> None:
    items = _items(mapping[column])
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
        _fail_where(mapping, path, mask, column, message)

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
    listed = _items(mapping["article_lists"])
    claimed = _items(mapping["unsupported_claims"])
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
        _fail_where(mapping, path, mask, column, message)

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
        _fail_where(mapping, path, mask, "purchase_unit_g", message)

    fail(piece & (text != ""), "leave empty for piece foods: it is derived from the portion")
    fail(~piece & (text == ""), "empty: give the grams of one unit as bought")
    fail(~piece & (text != "") & ~(grams > 0), "{!r} is not a positive number of grams")
    fail((units == "kg") & (grams != KG_GRAMS), "{!r}: one kg is 1000 g")


def _check_against_sr28(mapping: pd.DataFrame, sr28: Sr28, path: Path) -> None:
    def fail(mask: pd.Series, column: str, message: str) -> None:
        _fail_where(mapping, path, mask, column, message)

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
        _fail_where(table, path, mask, column, message)

    fail(~table["id"].isin(ids), "id", "{!r} is not a food of the mapping")
    fail(table["id"].duplicated(), "id", "duplicate id {!r}")
    fail(~(amount > 0), "amount", "{!r} is not a positive number")
    fail(table["reason"] == "", "reason", "empty: say why this portion")
    return dict(zip(table["id"], table["amount"], strict=True))


def _scaled_portions(foods: pd.DataFrame, amounts: Mapping[str, str]) -> None:
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


# --- the adult target and the claims ------------------------------------------------------


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
    listed = _items(foods["article_lists"])
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
    items = _items(cells)
    return pd.MultiIndex.from_arrays([items.index, items.to_numpy()], names=["row", "key"])


def _check_claims_recorded(
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


# --- building -----------------------------------------------------------------------------


def _nutrient_columns(sr28: Sr28, ndbs: pd.Series) -> pd.DataFrame:
    """One row per NDB number in ``ndbs``, one text column per nutrient, "" where unknown."""
    rows = sr28.nutrients[sr28.nutrients["ndb"].isin(ndbs)]
    wide = rows.pivot(index="ndb", columns="nutr_no", values="value")
    wide = wide.rename(columns=COLUMN_OF_NUMBER).reindex(columns=list(FOOD_COLUMNS))
    return wide.reindex(ndbs.unique()).fillna("").rename_axis("usda_ndb").reset_index()


def _portion_name(amount: pd.Series, measure: pd.Series) -> pd.Series:
    """``"0.5 cup"`` from SR28's ``".5"`` and ``"cup"``: a leading zero, no trailing ``.0``."""
    amount = amount.str.replace(r"\.0*$", "", regex=True).str.replace(r"^\.", "0.", regex=True)
    return amount + " " + measure


def _piece_grams(portion_g: pd.Series, refuse_pct: pd.Series) -> pd.Series:
    """Grams of one whole item as bought: the portion plus its refuse, to 0.1 g (half up)."""
    grams = pd.to_numeric(portion_g) * 100 / (100 - pd.to_numeric(refuse_pct))
    rounded = np.floor(grams * 10 + 0.5) / 10
    return rounded.astype(str).str.replace(r"\.0$", "", regex=True)


def _water(sr28: Sr28, ndbs: pd.Series) -> pd.Series:
    """SR28's water (g per 100 g) of each NDB number in ``ndbs``, NaN where it has none."""
    rows = sr28.nutrients[sr28.nutrients["nutr_no"] == WATER_NUMBER]
    water = pd.to_numeric(rows.set_index("ndb")["value"].replace("", np.nan))
    return ndbs.map(water).astype(float)


def _as_bought(foods: pd.DataFrame, sr28: Sr28, path: Path) -> tuple[pd.Series, pd.Series]:
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


def _raw_values(foods: pd.DataFrame, sr28: Sr28) -> pd.Series:
    """Per food, ``key=value;...``: what its raw bought form gives where it has no value.

    Only for a bought form that is the same food raw (not a dry good, whose values per
    100 g are those of another, drier food): baked sea bass has no vitamin D in SR28, its
    raw fillet 5.6 ug. The app shows these beside the unknown and never counts them.
    """
    bought = foods["bought_ndb"]
    raw = _nutrient_columns(sr28, bought[bought != ""]).set_index("usda_ndb")
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


def build_foods(
    mapping_csv: Path | str,
    sr28_path: Path | str | Sr28,
    intakes_csv: Path | str,
    portion_amounts_csv: Path | str | None = PORTION_AMOUNTS_CSV,
) -> pd.DataFrame:
    """The foods.csv table (text cells, FOODS_COLUMNS) from the mapping, SR28 and targets.

    ``sr28_path`` may be an SR28 zip or folder, or an Sr28 already read. Raises InputError
    (a ValueError) naming the mapping file, line and column for any fault in the mapping,
    including unsupported_claims that differ from what the data give.
    """
    path = Path(mapping_csv)
    mapping = read_mapping(path)
    sr28 = sr28_path if isinstance(sr28_path, Sr28) else read_sr28(sr28_path)
    _check_against_sr28(mapping, sr28, path)

    foods = mapping.merge(sr28.foods.rename(columns={"ndb": "usda_ndb"}), on="usda_ndb", how="left")
    foods = foods.merge(sr28.groups, on="group_code", how="left")
    foods = foods.merge(
        sr28.weights.rename(columns={"ndb": "usda_ndb", "seq": "portion_seq"}),
        on=["usda_ndb", "portion_seq"],
        how="left",
    )
    foods = foods.merge(_nutrient_columns(sr28, mapping["usda_ndb"]), on="usda_ndb", how="left")
    foods.index = mapping.index  # left merges on unique keys keep the mapping's rows
    if portion_amounts_csv is not None:
        _scaled_portions(foods, read_portion_amounts(portion_amounts_csv, mapping["id"]))

    foods["usda_description"] = foods["description"]
    foods["usda_food_group"] = foods["group"].fillna("")
    foods["portion_name"] = _portion_name(foods["amount"], foods["measure"])
    foods["portion_g"] = foods["grams"]
    foods["refuse_pct"] = foods["refuse"].where(foods["refuse"] != "", "0")
    piece = foods["purchase_unit"] == "piece"
    foods.loc[piece, "purchase_unit_g"] = _piece_grams(
        foods.loc[piece, "portion_g"], foods.loc[piece, "refuse_pct"]
    )

    foods["as_bought_factor"], foods["bought_description"] = _as_bought(foods, sr28, path)
    for column in FOOD_COLUMNS:  # SR28's own text; "" where it gives no value
        foods[column] = foods[column].fillna("")
    foods["raw_values"] = _raw_values(foods, sr28)

    computed = computed_unsupported_claims(foods, adult_targets(intakes_csv))
    _check_claims_recorded(mapping, foods, computed, path)
    foods["unsupported_claims"] = computed
    return foods[list(FOODS_COLUMNS)].reset_index(drop=True)


def foods_csv_text(foods: pd.DataFrame) -> str:
    """foods.csv as written: UTF-8 text, "\\n" line ends, cells exactly as in ``foods``."""
    return foods.to_csv(index=False, lineterminator="\n")


# --- command line -------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m planner.build.foods_build",
        description="Build foods.csv from resources/food_mapping.csv and USDA SR28.",
    )
    parser.add_argument("--sr28", type=Path, default=SR28_ZIP, help="SR28 ASCII zip or folder")
    parser.add_argument("--mapping", type=Path, default=FOOD_MAPPING_CSV)
    parser.add_argument("--intakes", type=Path, default=REFERENCE_INTAKES_CSV)
    parser.add_argument("--output", type=Path, default=FOODS_CSV)
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if --output is out of date"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Build (or with --check, verify) foods.csv; 0 done, 1 out of date, 2 bad input."""
    args = _parser().parse_args(argv)
    try:
        foods = build_foods(args.mapping, args.sr28, args.intakes)
    except (ValueError, OSError) as exc:
        print(f"foods_build: {exc}", file=sys.stderr)
        return 2
    text = foods_csv_text(foods)
    if args.check:
        # Bytes, not text: a file with other line ends is out of date too.
        current = args.output.read_bytes() if args.output.exists() else None
        if current == text.encode("utf-8"):
            print(f"{args.output} is up to date ({len(foods)} foods)")
            return 0
        print(
            f"{args.output} differs from what the mapping and SR28 give; "
            "run: python -m planner.build.foods_build",
            file=sys.stderr,
        )
        return 1
    atomic_write_text(args.output, text)
    print(f"wrote {len(foods)} foods to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
