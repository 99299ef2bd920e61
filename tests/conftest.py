"""Shared fixtures; Qt runs offscreen so the tests need no display."""

from __future__ import annotations

import os

from tests.offscreen import OFFSCREEN

# Plain "offscreen" (CI may set it) gets the desktop-sized screen too.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = OFFSCREEN

import pytest

from planner.core.data.foods import FoodTable
from planner.core.data.foods_csv import load_foods
from planner.core.data.intakes import ReferenceIntakes
from planner.paths import FOODS_CSV, REFERENCE_INTAKES_CSV, SR28_ZIP
from tests.fixtures import write_foods_csv


@pytest.fixture(scope="session")
def foods() -> FoodTable:
    """The real foods.csv."""
    return load_foods(FOODS_CSV)


@pytest.fixture(scope="session")
def intakes() -> ReferenceIntakes:
    return ReferenceIntakes.load(REFERENCE_INTAKES_CSV)


@pytest.fixture(scope="session")
def tiny_foods(tmp_path_factory) -> FoodTable:
    """Three made-up foods with round numbers, one with unknown values (read-only)."""
    return load_foods(write_foods_csv(tmp_path_factory.mktemp("tiny") / "foods.csv"))


@pytest.fixture(scope="session")
def sr28_zip():
    if not SR28_ZIP.exists():
        pytest.skip(f"the shared SR28 zip is not at {SR28_ZIP}")
    return SR28_ZIP
