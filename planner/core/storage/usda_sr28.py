"""Reading the USDA SR28 ASCII files (zip or folder) strictly, naming file and line of a fault:
the files read (usda_sr28_files.py), then checked across columns and files
(usda_sr28_checks.py); and the aisle each SR28 food group goes to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from planner.core.storage.usda_sr28_checks import Sr28Tables, check_tables
from planner.core.storage.usda_sr28_files import FILES, Sr28Source, parse_file

# SR28 food group code -> category (shopping aisle, planner.core.data.categories.AISLES).
# The one place this mapping lives. A group maps to the aisle most of its foods are
# bought in; groups of prepared or mixed dishes go to "other".
GROUP_CATEGORIES: dict[str, str] = {
    "0100": "dairy-eggs",  # Dairy and Egg Products
    "0200": "pantry",  # Spices and Herbs (mostly dried)
    "0300": "other",  # Baby Foods
    "0400": "pantry",  # Fats and Oils
    "0500": "meat",  # Poultry Products
    "0600": "pantry",  # Soups, Sauces, and Gravies
    "0700": "meat",  # Sausages and Luncheon Meats
    "0800": "bakery-grains",  # Breakfast Cereals
    "0900": "fruit",  # Fruits and Fruit Juices
    "1000": "meat",  # Pork Products
    "1100": "vegetables",  # Vegetables and Vegetable Products
    "1200": "nuts-seeds",  # Nut and Seed Products
    "1300": "meat",  # Beef Products
    "1400": "drinks",  # Beverages
    "1500": "fish",  # Finfish and Shellfish Products
    "1600": "legumes",  # Legumes and Legume Products
    "1700": "meat",  # Lamb, Veal, and Game Products
    "1800": "bakery-grains",  # Baked Products
    "1900": "pantry",  # Sweets
    "2000": "bakery-grains",  # Cereal Grains and Pasta
    "2100": "other",  # Fast Foods
    "2200": "other",  # Meals, Entrees, and Side Dishes
    "2500": "pantry",  # Snacks
    "3500": "other",  # American Indian/Alaska Native Foods
    "3600": "other",  # Restaurant Foods
}
DEFAULT_CATEGORY = "other"


def read_sr28(path: Path, step: Callable[[str, int, int], None] | None = None) -> Sr28Tables:
    """Read and check the SR28 files of a zip or folder.

    ``step(message, done, total)`` is called before each file and before the checks
    across files, with bytes read so far and in all; it may raise to cancel. Any fault
    raises InputError naming the file and line (1-based, as an editor shows).
    """
    source = Sr28Source(path)
    try:
        total = sum(source.size(spec) for spec in FILES)
        done = 0
        raw: dict[str, pd.DataFrame] = {}
        for spec in FILES:
            if step:
                step(f"Reading {spec.name}", done, total)
            data = source.read(spec)
            raw[spec.name] = parse_file(data, spec, source.label(spec))
            done += len(data)
        if step:
            step("Checking the files", done, max(total, done))
        return check_tables(raw, source)
    finally:
        source.close()
