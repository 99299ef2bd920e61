"""Opening the window from the command line: the packaged tables first, then Qt.

foods.csv and the reference intakes do not depend on the user's data folder, so they are
read before PySide6 is imported, whose import hook runs Python code for every ``import``
statement executed after it (docs/performance.md). Neither needs pandas: the food table
makes its frames on first use, after the first paint.

The command line starts the window with the garbage collector paused (planner/app.py);
``resume_collection`` turns it back on after the first paint.
"""

from __future__ import annotations

import gc
from pathlib import Path

from planner.core.errors import InputError
from planner.core.foods import FoodTable, load_foods
from planner.core.intakes import ReferenceIntakes
from planner.paths import FOODS_CSV, REFERENCE_INTAKES_CSV

# foods.csv alone (the library's foods are added once it is open) and the intakes.
Tables = tuple[FoodTable, ReferenceIntakes]


def read_tables(foods_csv: Path = FOODS_CSV) -> Tables:
    """Raises InputError, naming file, line and column, when a table does not read."""
    return load_foods(foods_csv), ReferenceIntakes.load(REFERENCE_INTAKES_CSV)


def launch(data_dir: Path | None, argv: list[str], file: Path | None = None) -> int:
    """Run the window until it closes (with a menu or plan ``file`` open); the exit code."""
    try:
        tables: Tables | InputError = read_tables()
    except InputError as exc:
        tables = exc  # said in a dialog, once Qt is there to show one
    import planner.ui.pyside_import  # noqa: F401 - PySide6, with unhooked() beside it
    from planner.ui.application import run_window

    return run_window(data_dir, argv, tables, file)


def resume_collection() -> None:
    """After the first paint: collect what start-up left (one pass, ~30 ms, while the
    window is already on screen) and turn the collector back on."""
    gc.collect()
    gc.enable()
