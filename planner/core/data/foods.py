"""The food table: foods.csv loaded, validated and held by food id (frames made on first use)."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from planner.core.data.categories import AISLES, PURCHASE_UNITS
from planner.core.data.nutrients import GUARD_COLUMNS, NUTRIENTS, REPORTED
from planner.core.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    RefusePct = float | np.ndarray | pd.Series

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
    "raw_values",
)
# Grams to buy per gram eaten; where absent or empty, 100 / (100 - refuse_pct). The guard
# nutrients' columns came later: a foods.csv without them holds them as unknown.
OPTIONAL_NUMBER_COLUMNS: tuple[str, ...] = ("as_bought_factor", *GUARD_COLUMNS)
# foods.csv's columns in file order: those CONTRACTS names, then the planner's additions.
REQUIRED_COLUMNS: tuple[str, ...] = (
    *TEXT_COLUMNS[:5],
    *(n.food_column for n in REPORTED),
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
    "raw_values",
    *GUARD_COLUMNS,
)
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


def load_foods(path: Path) -> FoodTable:
    """Read and validate foods.csv; any fault raises InputError naming the line and column.

    The csv module rather than pandas: for a table this size, checking cells in plain
    Python is several times faster than pandas' per-column operations, and every cell
    keeps the line it came from (a quoted cell may span lines).
    """
    lines: list[int] = []
    rows: list[list[str]] = []
    start = 1  # the line the row being read starts on
    try:
        # utf-8-sig: a spreadsheet's byte-order mark is not part of the first column's name.
        with open(path, encoding="utf-8-sig", newline="") as file:
            reader = csv.reader(file, strict=True)
            header = next(reader, None)
            start = reader.line_num + 1
            for row in reader:
                if row:  # blank lines are skipped, as spreadsheets write them
                    rows.append(row)
                    lines.append(start)  # a quoted cell may span lines: where the row starts
                start = reader.line_num + 1
    except FileNotFoundError:
        raise InputError(path, "", "file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, "", f"not a readable CSV file ({exc})") from None
    except csv.Error as exc:
        raise InputError(path, f"line {start}", f"not a readable CSV file ({exc})") from None
    if header is None:
        raise InputError(path, "", "not a readable CSV file (it is empty)")
    return foods_from_rows(header, rows, lines, path)


def foods_from_rows(
    header: list[str], rows: list[list[str]], lines: list[int], source: Path | str
) -> FoodTable:
    """Validate rows of text cells laid out as foods.csv and turn them into a FoodTable.

    ``lines`` holds each row's line in the file, as an editor shows it (the header is 1).
    """
    position = {name: i for i, name in reversed(list(enumerate(header)))}
    missing = [c for c in REQUIRED_COLUMNS if c not in position]
    if missing:
        raise InputError(source, "header", f"missing column {missing[0]!r}")
    for row, line in zip(rows, lines, strict=True):
        if len(row) != len(header):
            raise InputError(
                source, f"line {line}", f"{len(row)} cells where the header names {len(header)}"
            )

    def column(name: str) -> list[str]:
        i = position.get(name)
        return [""] * len(rows) if i is None else [row[i] for row in rows]

    def fail(name: str, cells: list[str], bad: list[bool], what: str) -> None:
        """Raise for the first cell flagged ``bad`` (``what`` formats the cell's text)."""
        if any(bad):
            k = bad.index(True)
            raise InputError(source, f"line {lines[k]}, column {name}", what.format(cells[k]))

    ids = [cell.strip() for cell in column("id")]
    fail(
        "id",
        ids,
        [not ID_PATTERN.match(c) for c in ids],
        "{!r} is not a valid id (lower-case letters, digits, -)",
    )
    first_row: dict[str, int] = {}
    fail(
        "id", ids, [first_row.setdefault(c, k) != k for k, c in enumerate(ids)], "duplicate id {!r}"
    )
    names = [cell.strip() for cell in column("name")]
    fail("name", names, [c == "" for c in names], "empty name")
    categories = column("category")
    fail("category", categories, [c not in AISLES for c in categories], "unknown category {!r}")
    units = column("purchase_unit")
    fail(
        "purchase_unit",
        units,
        [c != "" and c not in PURCHASE_UNITS for c in units],
        "unknown purchase unit {!r}",
    )

    optional = [c for c in OPTIONAL_NUMBER_COLUMNS if c in position]
    numbers: dict[str, np.ndarray] = {}
    for name in [n.food_column for n in REPORTED] + list(NUMBER_COLUMNS) + optional:
        cells = column(name)
        parsed = [_number(c) for c in cells]
        fail(name, cells, [v is None for v in parsed], "{!r} is not a number")
        values = np.array(parsed, dtype=float)
        fail(name, cells, list(values < 0), "negative value {}")
        numbers[name] = values
    fail(
        "refuse_pct",
        column("refuse_pct"),
        list(numbers["refuse_pct"] >= 100),
        "refuse {} must be under 100 %",
    )
    fail(
        "portion_g",
        column("portion_g"),
        list(numbers["portion_g"] == 0),
        "a portion cannot weigh 0 g",
    )
    if "as_bought_factor" in numbers:
        fail(
            "as_bought_factor",
            column("as_bought_factor"),
            list(numbers["as_bought_factor"] == 0),
            "a factor of 0 buys nothing",
        )

    refuse_pct = np.nan_to_num(numbers["refuse_pct"])
    # Empty cells and no column alike fall back on the refuse, as in as_bought_factors.
    given = numbers.get("as_bought_factor", np.full(len(rows), np.nan))
    as_bought = np.where(np.isnan(given), refuse_factor(refuse_pct), given)
    columns = {
        "name": names,
        "category": categories,
        "usda_ndb": column("usda_ndb"),
        "usda_description": column("usda_description"),
        "usda_food_group": column("usda_food_group"),
        "portion_name": column("portion_name"),
        "portion_g": numbers["portion_g"],
        "refuse_pct": refuse_pct,
        "purchase_unit": units,
        "purchase_unit_g": numbers["purchase_unit_g"],
        "tags": [split_list(c) for c in column("tags")],
        "article_lists": [split_list(c) for c in column("article_lists")],
        "unsupported_claims": [split_list(c) for c in column("unsupported_claims")],
        "as_bought_factor": as_bought,
        "bought_description": column("bought_description"),
        "bought_name": [c.strip() for c in column("bought_name")],
        "raw_values": [c.strip() for c in column("raw_values")],
        "source": ["foods.csv"] * len(ids),
    }
    unknown = np.full(len(ids), np.nan)  # a guard column the file lacks
    matrix = np.column_stack([numbers.get(n.food_column, unknown) for n in NUTRIENTS]).reshape(
        len(ids), len(NUTRIENTS)
    )
    return FoodTable.from_columns(ids, columns, matrix)


def _number(cell: str) -> float | None:
    """A cell as a number: NaN when empty (unknown, never 0), None when not a finite number."""
    text = cell.strip()
    if not text:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
