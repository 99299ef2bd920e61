"""The food table: foods held by food id, their columns without pandas and their frames made
on first use; and the notes that name foods (reading foods.csv: foods_csv.py)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from planner.core.data.nutrients import NUTRIENTS

if TYPE_CHECKING:
    import pandas as pd

    RefusePct = float | np.ndarray | pd.Series

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

NUTRIENT_KEYS = tuple(n.key for n in NUTRIENTS)


def refuse_factor(refuse_pct: RefusePct) -> RefusePct:
    """Grams bought per gram eaten when ``refuse_pct`` of what is bought is thrown away
    (a number, a numpy array or a pandas Series alike)."""
    return 100.0 / (100.0 - refuse_pct)


def as_bought_factors(info: pd.DataFrame) -> pd.Series:
    """Grams to buy per gram eaten: ``as_bought_factor``, else ``100 / (100 - refuse_pct)``.

    The fallback covers tables without the column (library and custom foods) and empty
    cells; a food with unknown refuse (NaN) stays NaN.
    """
    fallback = refuse_factor(info["refuse_pct"].astype(float))
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


class FoodTable:
    """Foods and their nutrients.

    ``info`` is indexed by food id and holds the descriptive columns (name, category,
    portion_g, tags as tuples, ...); ``values`` has the same index and one float column
    per nutrient key, per 100 g edible portion in the nutrient's food unit, NaN where
    the value is unknown.

    A table read from foods.csv holds plain columns and makes the two frames on first
    use: the window paints its first view through the pandas-free accessors below
    (``id_list``, ``column``, ``numbers``, ``matrix``, ``position``, ...), so pandas, a
    fifth of a second to import, loads after the window is on screen. Tables are never
    changed in place; every change makes a new one.
    """

    __slots__ = ("_columns", "_ids", "_info", "_matrix", "_position", "_values")

    def __init__(self, info: pd.DataFrame, values: pd.DataFrame) -> None:
        self._info: pd.DataFrame | None = info
        self._values: pd.DataFrame | None = values
        self._ids: list[str] | None = None
        # Info columns as the frame was (or will be) built from: text as lists, numbers
        # as float arrays; filled on demand for a table made from frames.
        self._columns: dict[str, list | np.ndarray] = {}
        self._matrix: np.ndarray | None = None
        self._position: dict[str, int] | None = None

    @classmethod
    def from_columns(
        cls, ids: list[str], columns: dict[str, list | np.ndarray], matrix: np.ndarray
    ) -> FoodTable:
        """A table from validated columns (``info``'s, in order) and its nutrient matrix
        (rows: ``ids``; columns: the registry's order); its frames are made on first use."""
        table = cls.__new__(cls)
        table._info = table._values = None
        table._ids = list(ids)
        table._columns = dict(columns)
        table._matrix = matrix
        table._position = None
        return table

    # -- the frames ---------------------------------------------------------------------
    @property
    def info(self) -> pd.DataFrame:
        if self._info is None:
            import pandas as pd

            self._info = pd.DataFrame(self._columns, index=pd.Index(self._ids, name="id"))
        return self._info

    @property
    def values(self) -> pd.DataFrame:
        if self._values is None:
            import pandas as pd

            self._values = pd.DataFrame(
                self.matrix, index=pd.Index(self.id_list, name="id"), columns=list(NUTRIENT_KEYS)
            )
        return self._values

    @property
    def ids(self) -> pd.Index:
        return self.info.index

    # -- without pandas -----------------------------------------------------------------
    @property
    def id_list(self) -> list[str]:
        """The food ids in table order."""
        if self._ids is None:
            self._ids = self.info.index.tolist()
        return self._ids

    def _positions(self) -> dict[str, int]:
        if self._position is None:
            self._position = {food_id: i for i, food_id in enumerate(self.id_list)}
        return self._position

    def position(self, food_id: str) -> int:
        """Where ``food_id`` stands in the table (KeyError when it is not there)."""
        return self._positions()[food_id]

    def positions(self, food_ids: Sequence[str]) -> np.ndarray:
        """Each id's position in the table; -1 for an id it does not hold."""
        position = self._positions()
        return np.array([position.get(f, -1) for f in food_ids], dtype=np.intp)

    def rows(self, food_ids: Sequence[str]) -> np.ndarray:
        """``matrix`` rows of ``food_ids``; all NaN for an id the table does not hold."""
        return _taken(self.matrix, self.positions(food_ids))

    def numbers_of(self, name: str, food_ids: Sequence[str]) -> np.ndarray:
        """``numbers(name)`` of ``food_ids``; NaN for an id the table does not hold."""
        return _taken(self.numbers(name), self.positions(food_ids))

    def _cells(self, name: str) -> list | np.ndarray:
        cells = self._columns.get(name)
        if cells is None:
            if self._info is None:
                raise KeyError(name)
            cells = self._columns[name] = self._info[name].tolist()
        return cells

    def column(self, name: str) -> list:
        """One info column's cells in table order (KeyError when there is no such column)."""
        cells = self._cells(name)
        return cells.tolist() if isinstance(cells, np.ndarray) else cells

    def optional_column(self, name: str) -> list:
        """``column(name)``, or all None for a column the table does not have (a source
        or food group, which tables made by hand may leave out)."""
        try:
            return self.column(name)
        except KeyError:
            return [None] * len(self)

    def numbers(self, name: str) -> np.ndarray:
        """One numeric info column (portion_g, refuse_pct, ...) as floats, in table order."""
        return np.asarray(self._cells(name), dtype=float)

    @property
    def matrix(self) -> np.ndarray:
        """Nutrient values, rows in table order, columns in the registry's order."""
        if self._matrix is None:
            frame = self._values
            in_order = tuple(frame.columns) == NUTRIENT_KEYS
            self._matrix = (frame if in_order else frame[list(NUTRIENT_KEYS)]).to_numpy(float)
        return self._matrix

    def value(self, food_id: str, key: str) -> float:
        """One food's value of nutrient ``key`` per 100 g, in its food unit (NaN: unknown)."""
        return float(self.matrix[self.position(food_id), NUTRIENT_KEYS.index(key)])

    def cell(self, food_id: str, name: str) -> object:
        """One food's cell of info column ``name``."""
        value = self._cells(name)[self.position(food_id)]
        return value.item() if isinstance(value, np.generic) else value

    def record(self, food_id: str) -> dict[str, object]:
        """One food's info cells by column name."""
        names = list(self._columns) if self._info is None else list(self._info.columns)
        return {name: self.cell(food_id, name) for name in names}

    def __len__(self) -> int:
        return len(self.id_list)

    def __contains__(self, food_id: object) -> bool:
        try:
            return food_id in self._positions()
        except TypeError:  # unhashable
            return False

    def name(self, food_id: str) -> str:
        """The food's name; ``Missing food: <id>`` for one the table does not hold (a
        custom or imported food deleted: a menu keeps its items until the user removes
        them, and no list, note or chart that names them may fail)."""
        if food_id not in self:
            return missing_food_name(food_id)
        return str(self.cell(food_id, "name"))

    def portion_g(self, food_id: str) -> float:
        """Grams of one household portion (NaN when the food has none, or is missing)."""
        if food_id not in self:
            return math.nan
        return float(self.cell(food_id, "portion_g"))

    # -- new tables ---------------------------------------------------------------------
    def has_plain_columns(self) -> bool:
        """Whether the table still holds its plain columns, its frames not made yet."""
        return self._info is None

    def with_columns(self, changes: dict[str, list | np.ndarray]) -> FoodTable:
        """The same foods with some info columns replaced (a table with plain columns)."""
        return FoodTable.from_columns(self.id_list, {**self._columns, **changes}, self.matrix)

    def merged(self, other: FoodTable) -> FoodTable:
        """This table with ``other``'s foods added; ids already here are kept from here."""
        if self.has_plain_columns() and other.has_plain_columns():
            return self._merged_columns(other)
        import pandas as pd

        extra = other.info.index.difference(self.info.index, sort=False)
        info = pd.concat([self.info, other.info.loc[extra]])
        values = pd.concat([self.values, other.values.loc[extra]])
        return FoodTable(info, values)

    def _merged_columns(self, other: FoodTable) -> FoodTable:
        """``merged`` without pandas: the window's start-up merges the library's foods
        before pandas is loaded. A column one table lacks is NaN for its foods, as
        pandas' concat makes it."""
        here = self._positions()
        extra = [i for i, food in enumerate(other.id_list) if food not in here]
        names = list(self._columns) + [c for c in other._columns if c not in self._columns]
        columns: dict[str, list | np.ndarray] = {}
        for name in names:
            mine, theirs = self._columns.get(name), other._columns.get(name)
            numeric = isinstance(mine if mine is not None else theirs, np.ndarray)
            if mine is None:
                mine = np.full(len(self), np.nan) if numeric else [math.nan] * len(self)
            if theirs is None:
                picked = np.full(len(extra), np.nan) if numeric else [math.nan] * len(extra)
            elif isinstance(theirs, np.ndarray):
                picked = theirs[extra]
            else:
                picked = [theirs[i] for i in extra]
            if numeric:
                columns[name] = np.concatenate(
                    [np.asarray(mine, dtype=float), np.asarray(picked, dtype=float)]
                )
            else:
                columns[name] = list(mine) + list(picked)
        ids = self.id_list + [other.id_list[i] for i in extra]
        matrix = np.vstack([self.matrix, other.matrix[extra]])
        return FoodTable.from_columns(ids, columns, matrix)

    @classmethod
    def from_frames(cls, info: pd.DataFrame, values: pd.DataFrame) -> FoodTable:
        """A table from frames already validated (library foods, tests)."""
        values = values.reindex(columns=list(NUTRIENT_KEYS)).astype(float)
        return cls(info, values.loc[info.index])


MISSING_FOOD = "Missing food"


def missing_food_name(food_id: str) -> str:
    """How a food the table no longer holds is named: ``Missing food: <id>``."""
    return f"{MISSING_FOOD}: {food_id}"


def _taken(array: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``array``'s rows at ``positions`` as floats, NaN where a position is -1."""
    taken = np.full((len(positions), *array.shape[1:]), np.nan)
    held = positions >= 0
    taken[held] = array[positions[held]]
    return taken


def raw_values(foods: FoodTable, food_id: str) -> dict[str, float]:
    """What SR28's raw entry of a cooked food gives per 100 g where the cooked entry has no
    value (foods.csv ``raw_values``: ``vitamin_d=5.6;...``): shown beside the unknown, never
    counted, since cooking losses are not known. Empty for other foods."""
    if food_id not in foods:
        return {}
    try:
        cell = foods.cell(food_id, "raw_values")
    except KeyError:  # a table without the column (library foods alone)
        return {}
    if not isinstance(cell, str) or not cell:
        return {}
    pairs = (part.split("=", 1) for part in cell.split(";") if "=" in part)
    return {key.strip(): float(value) for key, value in pairs}


def raw_hint(foods: FoodTable, food_id: str, key: str, long: bool = False) -> str:
    """``raw: 5.6 µg per 100 g, not counted``; ``long`` names SR28's raw entry and why it
    is not counted. Empty when the raw entry gives nothing either."""
    value = raw_values(foods, food_id).get(key)
    if value is None:
        return ""
    from planner.core.data.formatting import fmt_amount
    from planner.core.data.nutrients import BY_KEY

    n = BY_KEY[key]
    amount = f"{fmt_amount(value)} {n.food_unit.replace('ug', 'µg')} per 100 g"
    if not long:
        return f"raw: {amount}, not counted"
    raw = foods.cell(food_id, "bought_description") or "its raw entry"
    return (
        f"SR28's raw entry ({raw}) gives {amount}; not counted, since what cooking "
        "keeps of it is not known"
    )


def names_with_raw(foods: FoodTable, ids: Sequence[str], key: str) -> str:
    """``food_names`` with each food's raw value of ``key`` where it has one."""
    shown = [
        foods.name(f) + (f" ({hint})" if (hint := raw_hint(foods, f, key)) else "")
        for f in ids[:NAMES_IN_NOTES]
    ]
    more = len(ids) - len(shown)
    return "; ".join(shown) + (f" and {more:,} more" if more > 0 else "")


# How many food names a note lists before "and N more".
NAMES_IN_NOTES = 3


def food_names(foods: FoodTable, ids: Sequence[str]) -> str:
    """Food names for a note; ``;`` between them, since USDA names hold commas."""
    names = [foods.name(f) for f in ids[:NAMES_IN_NOTES]]
    more = len(ids) - len(names)
    return "; ".join(names) + (f" and {more:,} more" if more > 0 else "")
