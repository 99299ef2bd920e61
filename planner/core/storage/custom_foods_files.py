"""Custom food files (``crampless.foods``): foods written, read and checked, and imported
into the library without losing what it holds."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from planner.core.errors import InputError
from planner.core.storage.atomic import atomic_write_text
from planner.core.storage.custom_foods import (
    CustomFood,
    check_custom_food_id,
    custom_foods_in,
    store_custom_food,
)
from planner.core.storage.jsonfiles import VERSION, check_header, read_json
from planner.core.storage.library import Library
from planner.core.storage.library_foods import CUSTOM_PREFIX, slug

FOODS_FORMAT = "crampless.foods"
_FILE_FIELDS = (
    "id",
    "name",
    "category",
    "values",
    "label_serving_g",
    "portion_name",
    "portion_g",
    "refuse_pct",
    "purchase_unit",
    "purchase_unit_g",
    "tags",
)


def custom_food_to_dict(food_id: str, food: CustomFood) -> dict[str, Any]:
    """A food's object in a ``crampless.foods`` file (values per 100 g)."""
    data: dict[str, Any] = {
        "id": food_id,
        "name": food.name,
        "category": food.category,
        "values": dict(food.values),
    }
    if food.portion_g is not None:
        data["portion_name"] = food.portion_name
        data["portion_g"] = food.portion_g
    data["refuse_pct"] = food.refuse_pct
    if food.purchase_unit:
        data["purchase_unit"] = food.purchase_unit
        data["purchase_unit_g"] = food.purchase_unit_g
    data["tags"] = list(food.tags)
    return data


def custom_food_from_dict(
    data: Any, source: Path | str, where: str
) -> tuple[str | None, CustomFood]:
    """(id or None, food) from a food object; InputError places start with ``where``."""
    if not isinstance(data, dict):
        raise InputError(source, where, "expected a food object")
    unknown = [k for k in data if k not in _FILE_FIELDS]
    if unknown:
        raise InputError(source, f"{where}.{unknown[0]}", "unknown field")
    try:
        food_id = check_custom_food_id(data["id"], "id") if "id" in data else None
        for required in ("name", "category"):
            if required not in data:
                raise InputError("", required, "missing")
        others = {
            f.name: data[f.name]
            for f in fields(CustomFood)
            if f.name in data and f.name not in ("name", "category", "values")
        }
        if "tags" in others:
            if not isinstance(others["tags"], list):
                raise InputError("", "tags", "expected a list of tags")
            others["tags"] = tuple(others["tags"])
        values = data.get("values", {})
        if "label_serving_g" in data:
            food = CustomFood.from_label(
                data["name"], data["category"], data["label_serving_g"], values, **others
            )
        else:
            food = CustomFood(data["name"], data["category"], values, **others)
    except InputError as exc:
        raise InputError(source, f"{where}.{exc.place}", exc.message) from None
    return food_id, food


def foods_json(foods: Mapping[str, CustomFood]) -> str:
    items = [custom_food_to_dict(food_id, food) for food_id, food in foods.items()]
    return json.dumps(
        {"format": FOODS_FORMAT, "version": VERSION, "foods": items}, indent=2, ensure_ascii=False
    )


def write_custom_foods(path: Path, foods: Mapping[str, CustomFood]) -> None:
    """Write a ``crampless.foods`` file atomically."""
    atomic_write_text(Path(path), foods_json(foods) + "\n")


def foods_from_list(items: Any, source: Path | str, where: str) -> dict[str, CustomFood]:
    """The foods of a file's list, by id (an object without ``id`` gets one from its name)."""
    if not isinstance(items, list):
        raise InputError(source, where, "expected a list of foods")
    foods: dict[str, CustomFood] = {}
    for n, item in enumerate(items):
        place = f"{where}[{n}]"
        food_id, food = custom_food_from_dict(item, source, place)
        if food_id is None:
            food_id = f"{CUSTOM_PREFIX}{slug(food.name)}"
        if food_id in foods:
            raise InputError(source, f"{place}.id", f"{food_id} appears twice")
        foods[food_id] = food
    return foods


def read_custom_foods(path: Path) -> dict[str, CustomFood]:
    """Read a ``crampless.foods`` file, checking every food."""
    data = read_json(path)
    check_header(data, FOODS_FORMAT, path)
    return foods_from_list(data.get("foods"), path, "foods")


def import_custom_foods(library: Library, path: Path) -> dict[str, str]:
    """Add a file's foods to the library, all or none; returns file id -> library id.

    A food whose id is free keeps it; one whose id holds the same food already is left
    as it is; one whose id holds a different food gets a new id, so nothing saved is lost.
    """
    foods = read_custom_foods(path)
    with library.transaction() as db:
        return store_imported_foods(db, foods)


def store_imported_foods(db: sqlite3.Connection, foods: Mapping[str, CustomFood]) -> dict[str, str]:
    """Store foods read from a file inside an open transaction; returns file id -> library id."""
    existing = custom_foods_in(db)
    ids: dict[str, str] = {}
    for file_id, food in foods.items():
        taken = db.execute("SELECT source FROM foods WHERE id=?", (file_id,)).fetchone()
        if taken is None:
            ids[file_id] = store_custom_food(db, food, file_id)
        elif existing.get(file_id) == food:
            ids[file_id] = file_id
        else:
            ids[file_id] = store_custom_food(db, food, None)
    return ids
