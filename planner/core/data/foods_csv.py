"""Reading foods.csv: its columns, and every cell checked into a FoodTable (InputError
naming the line and column at the first fault)."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

from planner.core.data.categories import AISLES, PURCHASE_UNITS
from planner.core.data.foods import ID_PATTERN, FoodTable, refuse_factor, split_list
from planner.core.data.nutrients import GUARD_COLUMNS, NUTRIENTS, REPORTED
from planner.core.errors import InputError

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
