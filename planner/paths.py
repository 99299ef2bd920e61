"""Where the project's own files live: foods.csv and resources/, found through the package.

They are edited at the repository's top level. A wheel (and the standalone bundle) carries
them inside the package, in ``planner/data`` (setup.py and planner/build/bundle.py put
them there), so an installed Crampless runs from any folder; a source checkout has no
``planner/data`` and reads them where they are edited.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

# The folder inside the package that holds foods.csv and resources/ once built.
PACKAGED_DATA = "data"

ROOT = Path(__file__).resolve().parent.parent


def _data_root() -> Path:
    """``planner/data`` when the package carries its data, else the checkout's top level."""
    # importlib.resources, not __file__: it asks the package's own loader (the bundle's
    # frozen importer too). A package imported from a zip would give no real folder;
    # pip and PyInstaller both install one, so that case reads like a checkout.
    packaged = files(__package__) / PACKAGED_DATA
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return ROOT


DATA_ROOT = _data_root()
# CRAMPLESS_FOODS_CSV points at another food table (a dietitian's own, or a test's).
FOODS_CSV = Path(os.environ.get("CRAMPLESS_FOODS_CSV") or DATA_ROOT / "foods.csv")
RESOURCES = DATA_ROOT / "resources"
REFERENCE_INTAKES_CSV = RESOURCES / "reference_intakes.csv"
# The Help: what the nutrients do, and the one list of reasons to see a doctor.
HELP_HTML = RESOURCES / "help.html"
FOOD_MAPPING_CSV = RESOURCES / "food_mapping.csv"
# Portions that are a part or a number of an SR28 measure (0.25 cup of prunes).
PORTION_AMOUNTS_CSV = RESOURCES / "portion_amounts.csv"
# Reference data beside the repository (../shared), used to build foods.csv and in tests;
# never packaged.
SHARED = ROOT.parent / "shared"
SR28_ZIP = SHARED / "data" / "usda-sr28" / "sr28asc.zip"
