"""Opening the window from the command line: the packaged tables first, then Qt.

foods.csv and the reference intakes do not depend on the user's data folder, so they are
read before PySide6 is imported, whose import hook runs Python code for every ``import``
statement executed after it (docs/performance.md). Neither needs pandas: the food table
makes its frames on first use, after the first paint.

The command line starts the window with the garbage collector paused (planner/app.py);
``resume_collection`` (planner/ui/shell/cold_start.py) turns it back on after the first paint.
"""

from __future__ import annotations

from pathlib import Path

from planner.core.errors import InputError
from planner.ui.shell.cold_start import Tables, read_tables


def launch(data_dir: Path | None, argv: list[str], file: Path | None = None) -> int:
    """Run the window until it closes (with a menu or plan ``file`` open); the exit code."""
    try:
        tables: Tables | InputError = read_tables()
    except InputError as exc:
        tables = exc  # said in a dialog, once Qt is there to show one
    import planner.ui.shell.pyside_import  # noqa: F401 - PySide6, with unhooked() beside it
    from planner.ui.shell.application import run_window

    return run_window(data_dir, argv, tables, file)
