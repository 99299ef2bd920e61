"""Custom foods: a user's own foods, checked as they are made, and kept in the library (as
JSON files: custom_foods_files.py)."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.core.data.categories import AISLES, PURCHASE_UNITS, TAGS, WEIGHED_UNITS
from planner.core.data.nutrients import BY_KEY, KEYS
from planner.core.errors import InputError
from planner.core.storage.library import Library
from planner.core.storage.library_foods import (
    CUSTOM_PREFIX,
    check_not_in_use,
    check_prefixed_id,
    unused_id,
)

MAX_NAME = 200
# 100 g of food holds at most this much energy: pure fat at 9.02 kcal/g, SR28's highest.
MAX_ENERGY_KCAL = 902.0
# A portion, label serving or purchase unit heavier than this is a typo.
MAX_GRAMS = 100_000.0
# Grams in one unit of a nutrient's food unit; no nutrient can outweigh its 100 g.
_GRAMS_PER_UNIT = {"g": 1.0, "mg": 1e-3, "ug": 1e-6}


@dataclass(frozen=True)
class CustomFood:
    """A food the user describes: values per 100 g edible portion, in each nutrient's food unit.

    ``values`` maps nutrient keys (planner.core.data.nutrients) to amounts; a key left out is
    unknown, never 0. Construction checks everything and raises InputError whose place
    is the field (``values.magnesium``); numbers are normalised to floats.
    """

    name: str
    category: str
    values: Mapping[str, float] = field(default_factory=dict)
    portion_name: str = ""
    portion_g: float | None = None
    refuse_pct: float = 0.0
    purchase_unit: str = ""
    purchase_unit_g: float | None = None
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        name = _text(self.name, "name").strip()
        if not name:
            raise InputError("", "name", "a name cannot be empty")
        if len(name) > MAX_NAME:
            raise InputError("", "name", f"a name can be at most {MAX_NAME} characters")
        set_(self, "name", name)
        if not isinstance(self.category, str) or self.category not in AISLES:
            raise InputError(
                "", "category", f"unknown category {self.category!r} (use {', '.join(AISLES)})"
            )
        set_(self, "values", _checked_values(self.values))

        portion_name = _text(self.portion_name, "portion_name").strip()
        portion_g = _optional_number(self.portion_g, "portion_g", high=MAX_GRAMS)
        if portion_name and portion_g is None:
            raise InputError("", "portion_g", f"give the grams of {portion_name!r}")
        if portion_g is not None and not portion_name:
            portion_name = "1 portion"
        set_(self, "portion_name", portion_name)
        set_(self, "portion_g", portion_g)

        refuse = _number(self.refuse_pct, "refuse_pct", low=0.0, low_open=False, high=100.0)
        if refuse >= 100:
            raise InputError("", "refuse_pct", "refuse must be under 100 %")
        set_(self, "refuse_pct", refuse)

        unit = _text(self.purchase_unit, "purchase_unit").strip()
        unit_g = _optional_number(self.purchase_unit_g, "purchase_unit_g", high=MAX_GRAMS)
        if unit and unit not in PURCHASE_UNITS:
            raise InputError(
                "",
                "purchase_unit",
                f"unknown purchase unit {unit!r} (use {', '.join(sorted(PURCHASE_UNITS))})",
            )
        if unit in WEIGHED_UNITS and unit_g is None:
            unit_g = 1000.0
        if unit and unit_g is None:
            raise InputError("", "purchase_unit_g", f"give the grams of one {unit}")
        if unit_g is not None and not unit:
            raise InputError("", "purchase_unit", "give the unit these grams are of")
        set_(self, "purchase_unit", unit)
        set_(self, "purchase_unit_g", unit_g)

        if isinstance(self.tags, str) or not all(isinstance(t, str) for t in self.tags):
            raise InputError("", "tags", "expected a list of tags")
        for n, tag in enumerate(self.tags):
            if tag not in TAGS:
                raise InputError("", f"tags[{n}]", f"unknown tag {tag!r} (use {', '.join(TAGS)})")
        set_(self, "tags", tuple(dict.fromkeys(self.tags)))

    @classmethod
    def from_label(
        cls,
        name: str,
        category: str,
        serving_g: float,
        per_serving: Mapping[str, float | None],
        **others: Any,
    ) -> CustomFood:
        """A food from a label giving values per serving of ``serving_g`` grams.

        Each value becomes ``value * 100 / serving_g`` per 100 g. Unless ``others`` says
        otherwise, the food's portion is that serving (``1 serving``).
        """
        grams = _number(serving_g, "label_serving_g", high=MAX_GRAMS)
        if not isinstance(per_serving, Mapping):
            raise InputError("", "values", "expected nutrient amounts by key")
        per_100g = {
            key: None
            if value is None
            else _number(value, f"values.{key}", low_open=False) * 100.0 / grams
            for key, value in per_serving.items()
        }
        if "portion_g" not in others:
            others = {"portion_name": "1 serving", "portion_g": grams, **others}
        return cls(name, category, per_100g, **others)


def _text(value: object, place: str) -> str:
    if not isinstance(value, str):
        raise InputError("", place, "must be text")
    return value


def _number(
    value: object,
    place: str,
    low: float = 0.0,
    low_open: bool = True,
    high: float = math.inf,
) -> float:
    """``value`` as a float within (low, high] (or [low, high] when not ``low_open``)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError("", place, f"{value!r} is not a number")
    number = float(value)
    if not math.isfinite(number):
        raise InputError("", place, f"{value!r} is not a finite number")
    if number < low or (low_open and number == low):
        raise InputError("", place, f"must be {'more than' if low_open else 'at least'} {low:g}")
    if number > high:
        raise InputError("", place, f"{number:g} is more than the {high:g} allowed")
    return number


def _optional_number(value: object, place: str, high: float) -> float | None:
    return None if value is None else _number(value, place, high=high)


def _checked_values(values: object) -> dict[str, float]:
    """Per-100 g values: known keys, numbers from 0 up to what 100 g can hold."""
    if not isinstance(values, Mapping):
        raise InputError("", "values", "expected nutrient amounts by key")
    checked: dict[str, float] = {}
    for key, value in values.items():
        place = f"values.{key}"
        if key not in BY_KEY:
            raise InputError("", place, f"unknown nutrient (use {', '.join(KEYS)})")
        if value is None:
            continue  # unknown
        nutrient = BY_KEY[key]
        unit = nutrient.food_unit.split()[0]
        ceiling = MAX_ENERGY_KCAL if unit == "kcal" else 100.0 / _GRAMS_PER_UNIT[unit]
        amount = _number(value, place, low_open=False)
        if amount > ceiling:
            raise InputError(
                "", place, f"{amount:g} {nutrient.food_unit} per 100 g is more than 100 g can hold"
            )
        checked[key] = amount
    # Registry order, so that equal foods compare and export alike.
    return {key: checked[key] for key in KEYS if key in checked}


# --- the library ----------------------------------------------------------------------


def save_custom_food(library: Library, food: CustomFood, food_id: str | None = None) -> str:
    """Add ``food`` (a new ``custom-<name>`` id) or replace the custom food ``food_id``."""
    with library.transaction() as db:
        return store_custom_food(db, food, food_id)


def store_custom_food(db: sqlite3.Connection, food: CustomFood, food_id: str | None) -> str:
    """Write ``food`` under ``food_id`` (a new id when None) inside the caller's
    transaction; returns the id."""
    if food_id is None:
        food_id = unused_id(db, CUSTOM_PREFIX, food.name)
    else:
        check_custom_food_id(food_id, "id")
        row = db.execute("SELECT source FROM foods WHERE id=?", (food_id,)).fetchone()
        if row is not None and row[0] != "custom":
            raise InputError("", "id", f"{food_id} is not a custom food")
    db.execute("DELETE FROM custom_values WHERE food_id=?", (food_id,))
    db.execute(
        """
        INSERT INTO foods (id, source, name, category, portion_name, portion_g, refuse_pct,
                           purchase_unit, purchase_unit_g, tags)
        VALUES (?, 'custom', ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET
            name=excluded.name, category=excluded.category,
            portion_name=excluded.portion_name, portion_g=excluded.portion_g,
            refuse_pct=excluded.refuse_pct, purchase_unit=excluded.purchase_unit,
            purchase_unit_g=excluded.purchase_unit_g, tags=excluded.tags
        """,
        (
            food_id,
            food.name,
            food.category,
            food.portion_name,
            food.portion_g,
            food.refuse_pct,
            food.purchase_unit,
            food.purchase_unit_g,
            ";".join(food.tags),
        ),
    )
    db.executemany(
        "INSERT INTO custom_values VALUES (?, ?, ?)",
        [(food_id, key, value) for key, value in food.values.items()],
    )
    return food_id


def check_custom_food_id(food_id: object, place: str) -> str:
    """``food_id`` when it is a ``custom-`` id, else InputError at ``place``."""
    return check_prefixed_id(food_id, CUSTOM_PREFIX, "custom food", place)


def load_custom_foods(library: Library) -> dict[str, CustomFood]:
    """Every custom food of the library, by id, in the order they were added."""
    return custom_foods_in(library.db)


def custom_foods_in(db: sqlite3.Connection) -> dict[str, CustomFood]:
    """The custom foods in ``db`` by id, in the order they were added."""
    values: dict[str, dict[str, float]] = {}
    for food_id, key, value in db.execute("SELECT food_id, nutrient, value FROM custom_values"):
        values.setdefault(food_id, {})[key] = value
    rows = db.execute(
        """
        SELECT id, name, category, portion_name, portion_g, refuse_pct, purchase_unit,
               purchase_unit_g, tags
        FROM foods WHERE source='custom' ORDER BY rowid
        """
    )
    return {
        food_id: CustomFood(
            name,
            category,
            values.get(food_id, {}),
            portion_name,
            portion_g,
            refuse or 0.0,
            unit,
            unit_g,
            tuple(t for t in tags.split(";") if t),
        )
        for food_id, name, category, portion_name, portion_g, refuse, unit, unit_g, tags in rows
    }


def delete_custom_food(library: Library, food_id: str) -> None:
    """Delete a custom food; refused (InputError) while a recipe, menu or plan uses it."""
    with library.transaction() as db:
        check_not_in_use(db, food_id)
        db.execute("DELETE FROM foods WHERE id=? AND source='custom'", (food_id,))
        db.execute("DELETE FROM food_portion WHERE food_id=?", (food_id,))
