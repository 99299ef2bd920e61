"""The full USDA import, opening the library with it, and a search keystroke over all its foods."""

from __future__ import annotations

import atexit
import io
import shutil
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.core.data.foods import FoodTable
from planner.core.data.search import build_haystacks, matches
from planner.core.storage.catalog import load_catalog
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.core.storage.library_foods import library_food_table
from planner.core.storage.usda_import import import_usda
from planner.core.storage.usda_sr28_files import FILES
from planner.paths import FOODS_CSV, SR28_ZIP
from tests.benchmarks.timing import best_time, report

# Typed one key at a time; every prefix is a keystroke the browser filters on.
TYPED = ("pumpkin seeds", "banana raw", "cheddar")


def _need_zip() -> None:
    if not SR28_ZIP.exists():
        pytest.skip(f"the shared SR28 zip is not at {SR28_ZIP}")


def _import_into(folder: Path) -> None:
    library = Library(folder / LIBRARY_FILE)
    try:
        import_usda(SR28_ZIP, library)
    finally:
        library.close()


@cache
def _imported_dir() -> Path:
    """A data folder whose library holds the full import (made once per run)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-usda-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    _import_into(folder)
    return folder


def _bare_pandas_read() -> None:
    """The floor: pandas reading the same columns of the same files, nothing checked or stored."""
    with zipfile.ZipFile(SR28_ZIP) as archive:
        for spec in FILES:
            pd.read_csv(
                io.BytesIO(archive.read(spec.name)),
                sep="^",
                quotechar="~",
                encoding="latin-1",
                header=None,
                names=list(range(spec.fields)),
                usecols=list(spec.columns),
                dtype=str,
                keep_default_na=False,
            )


def test_full_import():
    _need_zip()

    def ours():
        with tempfile.TemporaryDirectory() as folder:
            _import_into(Path(folder))

    mine = best_time(ours, repeat=3)
    base = best_time(_bare_pandas_read, repeat=3)
    report("full SR28 import (8,789 foods, 679,045 values)", mine, base, "<= 15 s absolute")


def test_open_library_with_the_import():
    _need_zip()
    folder = _imported_dir()
    library = Library(folder / LIBRARY_FILE)
    db = library.db

    def floor():
        # The unavoidable part: fetching the same rows from SQLite, nothing built.
        db.execute("SELECT * FROM foods").fetchall()
        db.execute(
            "SELECT nutr_no, ndb, value FROM usda_values WHERE nutr_no IN "
            "('208','304','306','301','303','415','435','418','328','307','255')"
        ).fetchall()

    mine = best_time(lambda: load_catalog(folder), repeat=5)
    table = best_time(lambda: library_food_table(library), repeat=5)
    base = best_time(floor, repeat=5)
    library.close()
    report("load_catalog with 8,789 imported foods", mine, base, "<= 1 s absolute")
    report("  of which library_food_table", table, base)


def _catalog() -> FoodTable:
    return load_catalog(_imported_dir(), FOODS_CSV)


def test_search_keystroke():
    _need_zip()
    foods = _catalog()
    info = foods.info
    haystacks = build_haystacks(foods)
    queries = [text[:n] for text in TYPED for n in range(1, len(text) + 1)]

    def ours():
        for query in queries:
            matches(haystacks, query)

    names = info["name"].str.lower()
    descriptions = info["usda_description"].str.lower()

    def plain():
        # What one would write first: every word searched anywhere in name or description.
        for query in queries:
            mask = np.ones(len(info), dtype=bool)
            for word in query.lower().split():
                mask &= (
                    names.str.contains(word, regex=False)
                    | descriptions.str.contains(word, regex=False)
                ).to_numpy()

    per_key = best_time(ours, repeat=7) / len(queries)
    plain_key = best_time(plain, repeat=7) / len(queries)
    build = best_time(lambda: build_haystacks(foods), repeat=3)
    report(f"search keystroke over {len(foods):,} foods", per_key, plain_key, "<= 16 ms absolute")
    print(f"  haystacks built once per table: {build * 1000:.0f} ms")


if __name__ == "__main__":
    test_full_import()
    test_open_library_with_the_import()
    test_search_keystroke()
