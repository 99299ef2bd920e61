"""The library's food tables: migrations (schemas 1 and 2), the catalog, measures and portions."""

from __future__ import annotations

import sqlite3

import pytest

from planner.core.errors import InputError
from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.catalog import load_catalog
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE, SCHEMA_VERSION
from planner.core.storage.library_foods import choose_portion, measures, reset_portion, slug
from planner.core.storage.usda_import import import_usda
from tests.fixtures import write_foods_csv
from tests.sr28_fixtures import sr28_files, write_sr28

# The schema as version 1 made it: menus and plans only.
SCHEMA_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE menus (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL,
                    updated REAL NOT NULL);
CREATE TABLE plans (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL,
                    updated REAL NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1');
INSERT INTO menus VALUES (7, 'Monday',
    '{"name": "Monday", "items": [{"food": "banana", "grams": 118, "meal": "breakfast"}]}', 1.0);
"""


def test_a_version_1_library_is_migrated_in_place(tmp_path):
    path = tmp_path / LIBRARY_FILE
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_1)
    db.close()
    library = Library(path)
    version = library.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    assert version == (str(SCHEMA_VERSION),)
    assert library.load_menu(7) == Menu("Monday", [MenuItem("banana", "breakfast", grams=118)])
    tables = {r[0] for r in library.db.execute("SELECT name FROM sqlite_master")}
    assert {"foods", "usda_values", "usda_weights", "recipes", "food_portion"} <= tables
    library.close()
    Library(path).close()  # opening again changes nothing and does not fail


def test_a_version_2_library_tags_the_foods_it_imported(tmp_path):
    # Version 2 tagged only the five groups of meat; opening it tags every imported food.
    library = Library(tmp_path / LIBRARY_FILE)
    import_usda(write_sr28(tmp_path / "sr28"), library)
    db = library.db
    db.execute("UPDATE foods SET tags = CASE WHEN id = 'usda-13000' THEN 'meat' ELSE '' END")
    db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    library.close()
    library = Library(tmp_path / LIBRARY_FILE)
    tags = dict(library.db.execute("SELECT id, tags FROM foods ORDER BY id").fetchall())
    assert tags == {
        "usda-09040": "vegan;vegetarian",  # Bananas, raw
        "usda-12014": "vegan;vegetarian",  # Seeds, pumpkin and squash seed kernels
        "usda-13000": "meat",  # Beef, composite, raw
    }
    assert library.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (
        str(SCHEMA_VERSION),
    )
    library.close()


def test_catalog_without_a_library_is_foods_csv_and_creates_nothing(tmp_path):
    foods_csv = write_foods_csv(tmp_path / "foods.csv")
    data_dir = tmp_path / "data"
    foods = load_catalog(data_dir, foods_csv)
    assert list(foods.ids) == ["apple", "cheese", "mystery"]
    assert not data_dir.exists()
    Library(data_dir / LIBRARY_FILE).close()
    assert list(load_catalog(data_dir, foods_csv).ids) == ["apple", "cheese", "mystery"]


def test_a_corrupt_library_is_one_input_error(tmp_path):
    (tmp_path / LIBRARY_FILE).write_bytes(b"not a database" * 100)
    with pytest.raises(InputError, match=r"library\.sqlite3"):
        load_catalog(tmp_path, write_foods_csv(tmp_path / "foods.csv"))


def test_a_foods_csv_food_can_take_any_measure_of_its_ndb(tmp_path):
    """tiny foods.csv's apple is NDB 09003; make the made-up SR28's banana that number."""
    files = {
        name: [line.replace("09040", "09003") for line in lines]
        for name, lines in sr28_files().items()
    }
    library = Library(tmp_path / "data" / LIBRARY_FILE)
    assert measures(library, "apple", "09003") == []  # nothing imported yet
    import_usda(write_sr28(tmp_path / "sr28", files), library)
    options = measures(library, "apple", "09003")
    assert [(m.seq, m.grams) for m in options] == [(1, 225), (2, 118)]
    choose_portion(library, "apple", 2, "09003")
    foods_csv = write_foods_csv(tmp_path / "foods.csv")
    foods = load_catalog(library=library, foods_csv=foods_csv)
    assert foods.portion_g("apple") == 118
    assert foods.info.at["apple", "portion_name"] == '1 medium (7" to 7-7/8" long)'
    reset_portion(library, "apple")
    assert load_catalog(library=library, foods_csv=foods_csv).portion_g("apple") == 200
    with pytest.raises(InputError, match="no household measure 9"):
        choose_portion(library, "apple", 9, "09003")
    library.close()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Oat drink", "oat-drink"), ("Crème fraîche 30 %", "creme-fraiche-30"), ("!!!", "food")],
)
def test_slugs(name, expected):
    assert slug(name) == expected
