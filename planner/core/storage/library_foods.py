"""The library's imported and custom foods as a FoodTable; household measures and portions."""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from planner.core.data.foods import ID_PATTERN, FoodTable, split_list
from planner.core.data.nutrients import KEYS
from planner.core.data.search import fold
from planner.core.errors import InputError
from planner.core.storage.library import Library
from planner.core.storage.usda_matrix import PLANNER_NUTR_NOS, read_matrix, try_store_matrix

USDA_PREFIX = "usda-"
CUSTOM_PREFIX = "custom-"
RECIPE_PREFIX = "recipe-"


def check_prefixed_id(value: object, prefix: str, what: str, place: str) -> str:
    """``value`` when it is a library id of this kind (``custom-oat-bar``), else InputError."""
    if not isinstance(value, str) or not value.startswith(prefix) or not ID_PATTERN.match(value):
        raise InputError("", place, f"{value!r} is not a {what} id ({prefix}, then a-z, 0-9, -)")
    return value


# Longest slug made from a name; ids stay readable in menu files.
MAX_SLUG = 60


@dataclass(frozen=True)
class Measure:
    """A household measure a food's portion can be: SR28 WEIGHT ``seq``, name and grams."""

    seq: int
    name: str
    grams: float


def usda_id(ndb: str) -> str:
    """The library id of an imported SR28 food (``usda-09040``)."""
    return f"{USDA_PREFIX}{ndb}"


def slug(name: str) -> str:
    """``name`` as an id part: folded, lower-case letters and digits joined by ``-``."""
    text = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
    return text[:MAX_SLUG].rstrip("-") or "food"


def unused_id(db: sqlite3.Connection, prefix: str, name: str, table: str = "foods") -> str:
    """``prefix + slug(name)``, or with ``-2``, ``-3``... whichever id ``table`` lacks."""
    base = f"{prefix}{slug(name)}"
    taken = {
        row[0]
        for row in db.execute(
            f"SELECT id FROM {table} WHERE id = ? OR id LIKE ? ESCAPE '\\'",
            (base, base.replace("_", "\\_") + "-%"),
        )
    }
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def measure_name(amount: float, description: str) -> str:
    """A WEIGHT row as people read it: ``1 cup, sliced``, ``0.5 cup``."""
    return f"{amount:g} {description}"


# --- the foods as a table ------------------------------------------------------------


_INFO_QUERY = """
SELECT id, source, name, category, usda_ndb, usda_description, usda_food_group,
       portion_name, portion_g, refuse_pct, purchase_unit, purchase_unit_g, tags
FROM foods ORDER BY rowid
"""


def library_food_table(library: Library) -> FoodTable:
    """Every imported and custom food of the library (chosen portions not yet applied).

    Three queries: descriptive rows, the planner nutrients of the imported foods (one
    stored matrix, usda_matrix.py), the custom foods' values; each put into one numpy
    matrix. No pandas: the window opens with these foods before pandas is loaded.
    """
    db = library.db
    rows = db.execute(_INFO_QUERY).fetchall()
    (
        ids,
        source,
        name,
        category,
        usda_ndb,
        usda_description,
        usda_food_group,
        portion_name,
        portion_g,
        refuse_pct,
        purchase_unit,
        purchase_unit_g,
        tags,
    ) = (list(c) for c in zip(*rows, strict=True)) if rows else ([] for _ in range(13))
    n = len(ids)
    values = np.full((n, len(KEYS)), np.nan)

    usda_rows = [i for i in range(n) if source[i] == "usda"]
    if usda_rows:
        values[usda_rows] = _usda_values(library, [usda_ndb[i] for i in usda_rows])

    custom = db.execute("SELECT food_id, nutrient, value FROM custom_values").fetchall()
    if custom:
        food, key, value = zip(*custom, strict=True)
        numbers = _numbers(library, value, "custom_values", food)
        _scatter(values, {f: i for i, f in enumerate(ids)}, food, key, numbers, KEYS)

    columns = {
        "name": name,
        "category": category,
        "usda_ndb": usda_ndb,
        "usda_description": usda_description,
        "usda_food_group": usda_food_group,
        "portion_name": portion_name,
        "portion_g": _numbers(library, portion_g, "foods.portion_g", ids),
        # Unknown refuse counts as none, as foods.csv does.
        "refuse_pct": np.nan_to_num(
            _numbers(library, refuse_pct, "foods.refuse_pct", ids), nan=0.0
        ),
        "purchase_unit": purchase_unit,
        "purchase_unit_g": _numbers(library, purchase_unit_g, "foods.purchase_unit_g", ids),
        "tags": _tag_tuples(tags),
        "article_lists": [()] * n,
        "unsupported_claims": [()] * n,
        "source": source,
    }
    return FoodTable.from_columns(ids, columns, values)


def _usda_values(library: Library, ndbs: list[str]) -> np.ndarray:
    """The planner nutrients of the imported foods ``ndbs`` (rows in that order).

    From the stored matrix when it is there for these foods; else from usda_values (a
    range scan of 123,837 values), then stored for the next start when nothing in them
    was amiss (a value that is not a number is said at every start, as it stays).
    """
    stored = read_matrix(library.db, PLANNER_NUTR_NOS)
    if stored is not None and stored.ndbs == ndbs:
        return stored.values
    out = np.full((len(ndbs), len(PLANNER_NUTR_NOS)), np.nan)
    rows = library.db.execute(
        f"SELECT nutr_no, ndb, value FROM usda_values WHERE nutr_no IN "
        f"({','.join('?' * len(PLANNER_NUTR_NOS))})",
        PLANNER_NUTR_NOS,
    ).fetchall()
    if not rows:
        return out
    nutr_no, ndb, value = zip(*rows, strict=True)
    problems = len(library.problems)
    numbers = _numbers(library, value, "usda_values", ndb)
    _scatter(out, {v: i for i, v in enumerate(ndbs)}, ndb, nutr_no, numbers, PLANNER_NUTR_NOS)
    if len(library.problems) == problems and not library.read_only:
        try_store_matrix(library.db, PLANNER_NUTR_NOS, ndbs, out)
    return out


def _numbers(library: Library, cells: Sequence[object], what: str, row_ids: Sequence) -> np.ndarray:
    """A column of numbers as floats; a cell that is not a finite number of 0 or more (text
    a damaged or hand-edited file put there) is unknown, and said once in
    ``library.problems``. Without pandas: the window reads these before it loads."""
    try:
        numbers = np.asarray(cells, dtype=float)  # None is NaN (unknown)
    except (TypeError, ValueError):  # a cell of text: one by one
        numbers = np.array([_number(cell) for cell in cells], dtype=float)
    suspect = ~np.isfinite(numbers) | (numbers < 0)  # NaN: an empty cell, or worse
    bad = np.zeros(len(numbers), dtype=bool)
    for i in np.flatnonzero(suspect):
        bad[i] = cells[i] is not None
    if bad.any():
        first = int(bad.argmax())
        library.problems.append(
            f"{library.path.name}: {what}: {int(bad.sum())} value(s) not a number, such as "
            f"{cells[first]!r} of {row_ids[first]!r}; read as unknown"
        )
        numbers = np.where(bad, np.nan, numbers)
    return numbers


def _number(cell: object) -> float:
    try:
        return float(cell)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.inf  # not a number: said and read as unknown by _numbers


def _scatter(
    out: np.ndarray,
    rows: dict[str, int],
    row_keys: Sequence[str],
    column_keys: Sequence[str],
    values: Sequence[float],
    columns: tuple[str, ...],
) -> None:
    """Put ``values`` into ``out`` at (``rows[row key]``, column of each column key);
    values whose keys are not there (a nutrient the planner does not track) are skipped."""
    column_of = {c: i for i, c in enumerate(columns)}
    # map() over dict.get: no Python frame per value (96,000 of them for SR28).
    r = np.fromiter(map(rows.get, row_keys, repeat(-1)), np.intp, len(row_keys))
    c = np.fromiter(map(column_of.get, column_keys, repeat(-1)), np.intp, len(column_keys))
    v = np.asarray(values, dtype=float)
    ok = (r >= 0) & (c >= 0)
    out[r[ok], c[ok]] = v[ok]


def _tag_tuples(tags: Sequence[str]) -> list[tuple[str, ...]]:
    cache: dict[str, tuple[str, ...]] = {}
    out = []
    for text in tags:
        if text not in cache:
            cache[text] = split_list(text)
        out.append(cache[text])
    return out


def check_not_in_use(db: sqlite3.Connection, food_id: str) -> None:
    """Refuse (InputError) to delete ``food_id`` while a recipe, menu or plan uses it.

    Deleting a food something still uses would make that thing unreadable.
    """
    user = _food_user(db, food_id)
    if user:
        raise InputError("", food_id, f"used by {user}; change that first")


def _food_user(db: sqlite3.Connection, food_id: str) -> str | None:
    """What saved thing uses ``food_id`` (``the recipe 'Porridge'``, a menu, a plan), or None."""
    row = db.execute(
        "SELECT r.name FROM recipe_ingredients i JOIN recipes r ON r.id = i.recipe_id "
        "WHERE i.food_id=? LIMIT 1",
        (food_id,),
    ).fetchone()
    if row:
        return f"the recipe {row[0]!r}"
    # Menus and plans are stored as JSON text (Library._save, json.dumps' separators);
    # ids hold no LIKE wildcards (a-z, 0-9, -).
    patterns = (f'%"food": "{food_id}"%', f'%"food":"{food_id}"%')
    for table, what in (("menus", "menu"), ("plans", "plan")):
        row = db.execute(
            f"SELECT name FROM {table} WHERE data LIKE ? OR data LIKE ? LIMIT 1", patterns
        ).fetchone()
        if row:
            return f"the {what} {row[0]!r}"
    return None


# --- household measures and chosen portions ------------------------------------------


def usda_measures(library: Library, ndb: str) -> list[Measure]:
    """Every SR28 WEIGHT row of a food, in Seq order (empty when not imported)."""
    rows = library.db.execute(
        "SELECT seq, amount, description, grams FROM usda_weights WHERE ndb=? ORDER BY seq",
        (ndb,),
    )
    return [Measure(seq, measure_name(amount, desc), grams) for seq, amount, desc, grams in rows]


def measures(library: Library, food_id: str, usda_ndb: str = "") -> list[Measure]:
    """The household measures a food's portion can be chosen from.

    An imported food has every SR28 WEIGHT row; a foods.csv food has those of its NDB
    number (pass ``usda_ndb``) once the USDA data is imported; a custom food has its own
    portion (seq 1). Recipes have one serving (see
    planner.core.storage.recipes_as_foods.recipe_measures).
    """
    row = library.db.execute(
        "SELECT source, usda_ndb, portion_name, portion_g FROM foods WHERE id=?", (food_id,)
    ).fetchone()
    if row is not None:
        source, usda_ndb, portion_name, portion_g = row
        if source == "custom":
            return [Measure(1, portion_name, portion_g)] if portion_g else []
    return usda_measures(library, usda_ndb) if usda_ndb else []


def chosen_portions(library: Library) -> dict[str, Measure]:
    """Food id -> the measure its user chose as its portion."""
    rows = library.db.execute("SELECT food_id, seq, portion_name, portion_g FROM food_portion")
    return {food: Measure(seq, name, grams) for food, seq, name, grams in rows}


def choose_portion(library: Library, food_id: str, seq: int, usda_ndb: str = "") -> Measure:
    """Make measure ``seq`` of :func:`measures` the food's portion; returns it.

    Menu items counted in portions of this food change with it: a portion is the food's.
    """
    for measure in measures(library, food_id, usda_ndb):
        if measure.seq == seq:
            with library.transaction() as db:
                db.execute(
                    "INSERT OR REPLACE INTO food_portion VALUES (?, ?, ?, ?)",
                    (food_id, seq, measure.name, measure.grams),
                )
            return measure
    raise InputError("", "portion", f"{food_id} has no household measure {seq}")


def reset_portion(library: Library, food_id: str) -> None:
    """Back to the food's default portion."""
    with library.transaction() as db:
        db.execute("DELETE FROM food_portion WHERE food_id=?", (food_id,))


def apply_portions(foods: FoodTable, portions: dict[str, Measure]) -> FoodTable:
    """``foods`` with the chosen portions in place of the defaults (ids not in it ignored)."""
    ids = [food for food in portions if food in foods]
    if not ids:
        return foods
    if foods.has_plain_columns():  # without pandas (the window's start-up)
        names = list(foods.column("portion_name"))
        grams = foods.numbers("portion_g").copy()
        for food in ids:
            at = foods.position(food)
            names[at], grams[at] = portions[food].name, portions[food].grams
        return foods.with_columns({"portion_name": names, "portion_g": grams})
    info = foods.info.copy()
    info.loc[ids, "portion_name"] = [portions[f].name for f in ids]
    info.loc[ids, "portion_g"] = [portions[f].grams for f in ids]
    return FoodTable(info, foods.values)
