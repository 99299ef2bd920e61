"""A data folder whose library holds the full USDA SR28 import, for the benchmarks."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest

from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.core.storage.usda_import import import_usda
from planner.paths import SR28_ZIP


@cache
def imported_data_dir(user: str) -> Path:
    """One folder per ``user`` (a benchmark module: their windows save menus and settings
    there), made once per run; skips the benchmark when the shared zip is absent."""
    if not SR28_ZIP.exists():
        pytest.skip(f"the shared SR28 zip is not at {SR28_ZIP}")
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{user}-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    library = Library(folder / LIBRARY_FILE)
    try:
        import_usda(SR28_ZIP, library)
    finally:
        library.close()
    return folder
