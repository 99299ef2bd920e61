"""Importing the USDA SR28 database into the library: one transaction, with progress and cancel."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from planner.core.storage.library import Library
from planner.core.storage.library_file import USDA_TAG_RULES
from planner.core.storage.library_foods import USDA_PREFIX, measure_name
from planner.core.storage.usda_matrix import PLANNER_NUTR_NOS, drop_matrix, store_matrix
from planner.core.storage.usda_sr28 import DEFAULT_CATEGORY, GROUP_CATEGORIES, read_sr28
from planner.core.storage.usda_tags import usda_tags

# progress(done, total, message): done out of total steps, and what is being done.
Progress = Callable[[int, int, str], None]
# should_cancel(): True once the user asked to stop.
ShouldCancel = Callable[[], bool]

# Progress runs 0..TOTAL; reading and checking the files take about as long as storing.
TOTAL = 100
READ_SHARE = 50
# Rows per executemany: small enough to check for a cancel every ~0.1 s.
CHUNK = 50_000


class ImportCancelled(Exception):
    """The import was cancelled; the library is exactly as it was before."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import stored."""

    source: str
    foods: int
    values: int
    measures: int
    groups: int
    nutrients: int
    seconds: float


def import_usda(
    path: Path,
    library: Library,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportSummary:
    """Import SR28 (its ASCII zip or unpacked folder) into ``library``, replacing an earlier import.

    Foods become ``usda-<NDB_No>`` (name: Long_Desc; category and tags from the food
    group, see planner.core.storage.usda_sr28; portion: the first household measure), with every
    NUT_DATA value, WEIGHT measure, food group and nutrient definition. Custom foods,
    recipes, chosen portions, menus and plans are kept.

    The files are read and checked completely before anything is written (bad input:
    InputError naming the file and line); then everything is written in one
    transaction. ``should_cancel`` is asked between files and between chunks of rows;
    when it says yes, ImportCancelled is raised and the library is as it was.

    SQLite connections belong to their thread: from a worker thread, pass a Library
    opened in that thread (``Library(path)``), and close it there.
    """
    started = time.perf_counter()
    report = progress or (lambda done, total, message: None)
    cancelled = should_cancel or (lambda: False)

    def check() -> None:
        if cancelled():
            raise ImportCancelled("import cancelled; the library is unchanged")

    def reading(message: str, done: int, total: int) -> None:
        check()
        report(READ_SHARE * done // max(total, 1), TOTAL, message)

    tables = read_sr28(Path(path), reading)
    check()

    groups = tables.groups
    group_names = dict(zip(groups["code"], groups["description"], strict=True))
    nutrient_rows = list(
        zip(
            tables.nutrients["nutr_no"],
            tables.nutrients["units"],
            tables.nutrients["tagname"],
            tables.nutrients["description"],
            _optional_ints(tables.nutrients["num_dec"]),
            _optional_ints(tables.nutrients["sr_order"]),
            strict=True,
        )
    )
    food_rows = _food_rows(tables.foods, tables.weights, group_names)
    weights = tables.weights
    weight_rows = list(
        zip(
            weights["ndb"],
            weights["seq"].tolist(),
            weights["amount"].tolist(),
            weights["description"],
            weights["grams"].tolist(),
            strict=True,
        )
    )
    # Nutrient-first order matches usda_values' key, so rows are appended, not scattered.
    values = tables.values.sort_values(["nutr_no", "ndb"], kind="stable")
    value_rows = list(zip(values["nutr_no"], values["ndb"], values["value"].tolist(), strict=True))

    batches: list[tuple[str, str, Sequence[tuple[Any, ...]]]] = [
        (
            "food groups",
            "INSERT INTO usda_food_groups VALUES (?, ?)",
            list(groups.itertuples(index=False, name=None)),
        ),
        (
            "nutrient definitions",
            "INSERT INTO usda_nutrients VALUES (?, ?, ?, ?, ?, ?)",
            nutrient_rows,
        ),
        ("foods", _FOOD_INSERT, food_rows),
        ("household measures", "INSERT INTO usda_weights VALUES (?, ?, ?, ?, ?)", weight_rows),
        ("nutrient values", "INSERT INTO usda_values VALUES (?, ?, ?)", value_rows),
    ]
    rows_total = sum(len(rows) for _, _, rows in batches)
    rows_done = 0
    with library.transaction() as db:
        # An earlier import is replaced; what refers to its foods by id keeps working.
        for table in ("usda_values", "usda_weights", "usda_food_groups", "usda_nutrients"):
            db.execute(f"DELETE FROM {table}")
        db.execute("DELETE FROM foods WHERE source='usda'")
        drop_matrix(db)
        for what, sql, rows in batches:
            for start in range(0, len(rows), CHUNK):
                check()
                chunk = rows[start : start + CHUNK]
                db.executemany(sql, chunk)
                rows_done += len(chunk)
                share = (TOTAL - READ_SHARE) * rows_done // rows_total
                report(READ_SHARE + share, TOTAL, f"Storing {what}")
        check()
        # The planner's nutrients of every food, read in one row at each start.
        ndbs = tables.foods["ndb"]
        store_matrix(db, PLANNER_NUTR_NOS, list(ndbs), _matrix(tables.values, ndbs))
        db.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [
                ("usda_source", Path(path).name),
                ("usda_imported", time.strftime("%Y-%m-%d %H:%M")),
                # Tagged by today's rules just now: the next opening need not tag them again.
                ("usda_tag_rules", str(USDA_TAG_RULES)),
            ],
        )
    # The import wrote ~30 MB through the WAL; fold it into the database file now
    # rather than leave a big -wal file (skipped quietly while a reader holds it).
    with contextlib.suppress(sqlite3.Error):
        library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    report(TOTAL, TOTAL, "Done")
    return ImportSummary(
        source=Path(path).name,
        foods=len(food_rows),
        values=len(value_rows),
        measures=len(weight_rows),
        groups=len(groups),
        nutrients=len(nutrient_rows),
        seconds=time.perf_counter() - started,
    )


def _matrix(values: pd.DataFrame, ndbs: pd.Series) -> np.ndarray:
    """The planner nutrients of foods ``ndbs`` (rows) from SR28's values; NaN unknown."""
    planner = values[values["nutr_no"].isin(PLANNER_NUTR_NOS)]
    table = planner.pivot(index="ndb", columns="nutr_no", values="value")
    return table.reindex(index=ndbs, columns=list(PLANNER_NUTR_NOS)).to_numpy(dtype=float)


_FOOD_INSERT = """
INSERT INTO foods (id, source, name, category, usda_ndb, usda_description, usda_food_group,
                   portion_name, portion_g, refuse_pct, tags)
VALUES (?, 'usda', ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


def _food_rows(
    foods: pd.DataFrame, weights: pd.DataFrame, group_names: dict[str, str]
) -> list[tuple[Any, ...]]:
    """One foods row per SR28 food; its default portion is its first household measure."""
    first = weights.sort_values(["ndb", "seq"]).drop_duplicates("ndb").set_index("ndb")
    first = first.reindex(foods["ndb"])
    portion_names = [
        "" if np.isnan(g) else measure_name(a, d)
        for a, d, g in zip(first["amount"], first["description"], first["grams"], strict=True)
    ]
    codes = foods["group_code"]
    return list(
        zip(
            (USDA_PREFIX + foods["ndb"]).tolist(),
            foods["description"],
            codes.map(lambda c: GROUP_CATEGORIES.get(c, DEFAULT_CATEGORY)),
            foods["ndb"],
            foods["description"],
            codes.map(group_names),
            portion_names,
            _optional_floats(first["grams"]),
            _optional_floats(foods["refuse"]),
            [
                ";".join(usda_tags(group_names.get(c, ""), d))
                for c, d in zip(codes, foods["description"], strict=True)
            ],
            strict=True,
        )
    )


def _optional_floats(values: Iterable[float]) -> list[float | None]:
    """Floats for SQLite, None (NULL) where NaN."""
    return [None if v != v else float(v) for v in values]


def _optional_ints(values: Iterable[float]) -> list[int | None]:
    return [None if v != v else int(v) for v in values]


def usda_import_info(library: Library) -> dict[str, str] | None:
    """The file and time of the library's USDA import, None if there is none."""
    rows = dict(
        library.db.execute(
            "SELECT key, value FROM meta WHERE key IN ('usda_source', 'usda_imported')"
        ).fetchall()
    )
    if (
        not rows
        or not library.db.execute("SELECT EXISTS (SELECT 1 FROM usda_values)").fetchone()[0]
    ):
        return None
    return {"source": rows.get("usda_source", ""), "imported": rows.get("usda_imported", "")}
