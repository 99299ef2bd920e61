"""Reading the parts of the USDA SR28 ASCII database that foods.csv is built from."""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pandas as pd

from planner.core.data.nutrients import FOOD_COLUMNS, NUTRIENTS
from planner.core.errors import InputError

COLUMN_OF_NUMBER: dict[str, str] = {n.usda_number: n.food_column for n in NUTRIENTS}

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


def nutrient_columns(sr28: Sr28, ndbs: pd.Series) -> pd.DataFrame:
    """One row per NDB number in ``ndbs``, one text column per nutrient, "" where unknown."""
    rows = sr28.nutrients[sr28.nutrients["ndb"].isin(ndbs)]
    wide = rows.pivot(index="ndb", columns="nutr_no", values="value")
    wide = wide.rename(columns=COLUMN_OF_NUMBER).reindex(columns=list(FOOD_COLUMNS))
    return wide.reindex(ndbs.unique()).fillna("").rename_axis("usda_ndb").reset_index()
