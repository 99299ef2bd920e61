"""Start-up work that needs no Qt, shared by launch.py and application.py.

foods.csv and the reference intakes do not depend on the user's data folder, so launch
reads them before PySide6 is imported; the window reads them here too when it is opened
without them (the tests). The command line starts the window with the garbage collector
paused (planner/app.py); ``resume_collection`` turns it back on after the first paint.
"""

from __future__ import annotations

import gc
from pathlib import Path

from planner.core.data.foods import FoodTable
from planner.core.data.foods_csv import load_foods
from planner.core.data.intakes import ReferenceIntakes
from planner.paths import FOODS_CSV, REFERENCE_INTAKES_CSV

# foods.csv alone (the library's foods are added once it is open) and the intakes.
Tables = tuple[FoodTable, ReferenceIntakes]


def read_tables(foods_csv: Path = FOODS_CSV) -> Tables:
    """Raises InputError, naming file, line and column, when a table does not read."""
    return load_foods(foods_csv), ReferenceIntakes.load(REFERENCE_INTAKES_CSV)


def resume_collection() -> None:
    """After the first paint: collect what start-up left (one pass, ~30 ms, while the
    window is already on screen) and turn the collector back on."""
    gc.collect()
    gc.enable()
