"""Where the project's own files live: foods.csv and resources/ beside the package."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# CRAMPLESS_FOODS_CSV points at another food table (a dietitian's own, or a test's).
FOODS_CSV = Path(os.environ.get("CRAMPLESS_FOODS_CSV") or ROOT / "foods.csv")
RESOURCES = ROOT / "resources"
REFERENCE_INTAKES_CSV = RESOURCES / "reference_intakes.csv"
FOOD_MAPPING_CSV = RESOURCES / "food_mapping.csv"
# Portions that are a part or a number of an SR28 measure (0.25 cup of prunes).
PORTION_AMOUNTS_CSV = RESOURCES / "portion_amounts.csv"
# Reference data beside the repository (../shared), used to build foods.csv and in tests.
SHARED = ROOT.parent / "shared"
SR28_ZIP = SHARED / "data" / "usda-sr28" / "sr28asc.zip"
