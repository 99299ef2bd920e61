"""The imported foods' nutrients stored as one matrix: the same values as usda_values, never
stale, rebuilt where it is missing, and never trusted when it does not fit."""

from __future__ import annotations

import numpy as np
import pytest

from planner.core.data.nutrients import KEYS
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.core.storage.library_foods import library_food_table
from planner.core.storage.usda_import import import_usda
from planner.core.storage.usda_matrix import PLANNER_NUTR_NOS, read_matrix
from tests.sr28_fixtures import write_sr28


@pytest.fixture
def library(tmp_path):
    library = Library(tmp_path / LIBRARY_FILE)
    import_usda(write_sr28(tmp_path / "sr28"), library)
    yield library
    library.close()


def stored_rows(library: Library) -> int:
    return library.db.execute("SELECT COUNT(*) FROM usda_matrix").fetchone()[0]


def from_usda_values(library: Library) -> dict[tuple[str, str], float]:
    """(food id, nutrient key) -> value, read straight from usda_values."""
    key_of = dict(zip(PLANNER_NUTR_NOS, KEYS, strict=True))
    rows = library.db.execute("SELECT ndb, nutr_no, value FROM usda_values").fetchall()
    return {(f"usda-{ndb}", key_of[no]): value for ndb, no, value in rows if no in key_of}


def test_the_import_stores_the_values_usda_values_holds(library):
    assert stored_rows(library) == 1
    table = library_food_table(library)
    expected = from_usda_values(library)
    assert expected  # the fixture has planner nutrients
    for food in table.id_list:
        for key in KEYS:
            value = table.value(food, key)
            if (food, key) in expected:
                assert value == expected[food, key]
            else:
                assert np.isnan(value), f"{food} {key} is unknown in SR28, not {value}"


def test_any_write_to_usda_values_drops_the_matrix_and_the_next_read_stores_it_again(library):
    before = library_food_table(library).value("usda-09040", "potassium")
    library.db.execute("UPDATE usda_values SET value = 999 WHERE ndb = '09040' AND nutr_no = '306'")
    assert stored_rows(library) == 0  # the trigger: never a stale matrix
    assert library_food_table(library).value("usda-09040", "potassium") == 999 != before
    assert stored_rows(library) == 1
    stored = read_matrix(library.db, PLANNER_NUTR_NOS)
    assert stored is not None
    assert stored.values[stored.ndbs.index("09040"), PLANNER_NUTR_NOS.index("306")] == 999


def test_a_library_imported_before_the_matrix_existed_gets_it_on_first_read(library, tmp_path):
    library.db.execute("DROP TABLE usda_matrix")
    expected = library_food_table(library).matrix
    assert stored_rows(library) == 1
    np.testing.assert_array_equal(library_food_table(library).matrix, expected)


def test_a_read_only_library_reads_usda_values_and_writes_nothing(library, tmp_path):
    library.db.execute("DELETE FROM usda_matrix")
    library.close()
    read_only = Library(tmp_path / LIBRARY_FILE, read_only=True)
    try:
        assert read_only.read_only
        assert library_food_table(read_only).value("usda-09040", "potassium") == 358
        assert stored_rows(read_only) == 0
    finally:
        read_only.close()


def test_a_value_that_is_not_a_number_is_said_at_every_start_not_stored(library):
    library.db.execute(
        "UPDATE usda_values SET value = 'lots' WHERE ndb = '09040' AND nutr_no = '306'"
    )
    for _ in range(2):
        library.problems.clear()
        table = library_food_table(library)
        assert np.isnan(table.value("usda-09040", "potassium"))
        assert any("'lots'" in problem for problem in library.problems)
        assert stored_rows(library) == 0


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE usda_matrix SET nutrients = '999,' || nutrients",  # other nutrients
        "UPDATE usda_matrix SET data = substr(data, 1, 16)",  # cut short
        "UPDATE usda_matrix SET ndbs = '09040'",  # other foods
    ],
)
def test_a_matrix_that_does_not_fit_is_not_trusted(library, change):
    expected = library_food_table(library).matrix
    # Written past the triggers (usda_values is untouched): as a damaged or foreign file.
    library.db.execute(change)
    np.testing.assert_array_equal(library_food_table(library).matrix, expected)
