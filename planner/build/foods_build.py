"""Build foods.csv from the curated food mapping and the USDA SR28 database (no Qt)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from planner.build.as_bought import as_bought, raw_values
from planner.build.claims import adult_targets, check_claims_recorded, computed_unsupported_claims
from planner.build.food_mapping import (
    check_against_sr28,
    read_mapping,
    read_portion_amounts,
    scaled_portions,
)
from planner.build.sr28_tables import Sr28, nutrient_columns, read_sr28
from planner.core.data.foods_csv import FOODS_CSV_COLUMNS
from planner.core.data.nutrients import FOOD_COLUMNS
from planner.core.storage.atomic import atomic_write_text
from planner.paths import (
    FOOD_MAPPING_CSV,
    FOODS_CSV,
    PORTION_AMOUNTS_CSV,
    REFERENCE_INTAKES_CSV,
    SR28_ZIP,
)

# The builder writes foods.csv in the order planner.core.data.foods_csv reads and documents it.
FOODS_COLUMNS: tuple[str, ...] = FOODS_CSV_COLUMNS


def _portion_name(amount: pd.Series, measure: pd.Series) -> pd.Series:
    """``"0.5 cup"`` from SR28's ``".5"`` and ``"cup"``: a leading zero, no trailing ``.0``."""
    amount = amount.str.replace(r"\.0*$", "", regex=True).str.replace(r"^\.", "0.", regex=True)
    return amount + " " + measure


def _piece_grams(portion_g: pd.Series, refuse_pct: pd.Series) -> pd.Series:
    """Grams of one whole item as bought: the portion plus its refuse, to 0.1 g (half up)."""
    grams = pd.to_numeric(portion_g) * 100 / (100 - pd.to_numeric(refuse_pct))
    rounded = np.floor(grams * 10 + 0.5) / 10
    return rounded.astype(str).str.replace(r"\.0$", "", regex=True)


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
    check_against_sr28(mapping, sr28, path)

    foods = mapping.merge(sr28.foods.rename(columns={"ndb": "usda_ndb"}), on="usda_ndb", how="left")
    foods = foods.merge(sr28.groups, on="group_code", how="left")
    foods = foods.merge(
        sr28.weights.rename(columns={"ndb": "usda_ndb", "seq": "portion_seq"}),
        on=["usda_ndb", "portion_seq"],
        how="left",
    )
    foods = foods.merge(nutrient_columns(sr28, mapping["usda_ndb"]), on="usda_ndb", how="left")
    foods.index = mapping.index  # left merges on unique keys keep the mapping's rows
    if portion_amounts_csv is not None:
        scaled_portions(foods, read_portion_amounts(portion_amounts_csv, mapping["id"]))

    foods["usda_description"] = foods["description"]
    foods["usda_food_group"] = foods["group"].fillna("")
    foods["portion_name"] = _portion_name(foods["amount"], foods["measure"])
    foods["portion_g"] = foods["grams"]
    foods["refuse_pct"] = foods["refuse"].where(foods["refuse"] != "", "0")
    piece = foods["purchase_unit"] == "piece"
    foods.loc[piece, "purchase_unit_g"] = _piece_grams(
        foods.loc[piece, "portion_g"], foods.loc[piece, "refuse_pct"]
    )

    foods["as_bought_factor"], foods["bought_description"] = as_bought(foods, sr28, path)
    for column in FOOD_COLUMNS:  # SR28's own text; "" where it gives no value
        foods[column] = foods[column].fillna("")
    foods["raw_values"] = raw_values(foods, sr28)

    computed = computed_unsupported_claims(foods, adult_targets(intakes_csv))
    check_claims_recorded(mapping, foods, computed, path)
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
