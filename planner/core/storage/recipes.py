"""Recipes: foods with a number of servings, checked as they are made, and kept in the
library; as foods (nutrients, expansion for shopping) in recipes_as_foods.py, as files in
recipes_files.py."""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from planner.core.data.categories import AISLES
from planner.core.data.foods import ID_PATTERN
from planner.core.errors import InputError
from planner.core.storage.jsonfiles import FoodCheck
from planner.core.storage.library import Library
from planner.core.storage.library_foods import (
    RECIPE_PREFIX,
    check_not_in_use,
    check_prefixed_id,
    unused_id,
)

MAX_NAME = 200
MAX_SERVINGS = 1000.0
MAX_INGREDIENTS = 200
# One ingredient heavier than this is a typo (a big pot of soup holds a few kg).
MAX_INGREDIENT_G = 50_000.0


class Ingredient(NamedTuple):
    """A food in a recipe and its edible grams (as a menu item's grams)."""

    food: str
    grams: float


@dataclass(frozen=True)
class Recipe:
    """A named set of foods making ``servings`` servings.

    Construction checks everything and raises InputError whose place is the field
    (``ingredients[2].grams``). An ingredient cannot be a recipe (no nesting, so no
    cycles); the same food may appear twice.
    """

    name: str
    servings: float
    ingredients: tuple[Ingredient, ...]
    category: str = "other"

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if not isinstance(self.name, str) or not self.name.strip():
            raise InputError("", "name", "a name cannot be empty")
        if len(self.name.strip()) > MAX_NAME:
            raise InputError("", "name", f"a name can be at most {MAX_NAME} characters")
        set_(self, "name", self.name.strip())
        set_(self, "servings", _positive(self.servings, "servings", MAX_SERVINGS))
        if not isinstance(self.category, str) or self.category not in AISLES:
            raise InputError(
                "", "category", f"unknown category {self.category!r} (use {', '.join(AISLES)})"
            )
        if isinstance(self.ingredients, str | bytes) or not isinstance(self.ingredients, Iterable):
            raise InputError("", "ingredients", "expected a list of ingredients")
        items = list(self.ingredients)
        if not items:
            raise InputError("", "ingredients", "a recipe needs at least one ingredient")
        if len(items) > MAX_INGREDIENTS:
            raise InputError("", "ingredients", f"at most {MAX_INGREDIENTS} ingredients")
        checked = []
        for n, item in enumerate(items):
            place = f"ingredients[{n}]"
            if not isinstance(item, tuple | list) or len(item) != 2:
                raise InputError("", place, "expected a food id and grams")
            food, grams = item
            if not isinstance(food, str) or not ID_PATTERN.match(food):
                raise InputError("", f"{place}.food", f"{food!r} is not a food id")
            if food.startswith(RECIPE_PREFIX):
                raise InputError("", f"{place}.food", "a recipe cannot be an ingredient")
            checked.append(Ingredient(food, _positive(grams, f"{place}.grams", MAX_INGREDIENT_G)))
        set_(self, "ingredients", tuple(checked))

    @property
    def total_g(self) -> float:
        """Edible grams of the whole recipe: the sum of its ingredients (no cooking losses)."""
        return float(sum(i.grams for i in self.ingredients))

    @property
    def serving_g(self) -> float:
        return self.total_g / self.servings


def _positive(value: object, place: str, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError("", place, f"{value!r} is not a number")
    if value <= 0:
        raise InputError("", place, "must be more than 0")
    if value > high:
        raise InputError("", place, f"{value:g} is more than the {high:g} allowed")
    return float(value)


# --- the library ----------------------------------------------------------------------


def save_recipe(
    library: Library,
    recipe: Recipe,
    recipe_id: str | None = None,
    known: FoodCheck | None = None,
) -> str:
    """Add ``recipe`` (a new ``recipe-<name>`` id) or replace ``recipe_id``; returns the id.

    ``known`` (e.g. a catalog's ``__contains__``) checks every ingredient exists.
    """
    if known is not None:
        check_ingredients(recipe, known, "", "")
    with library.transaction() as db:
        return store_recipe(db, recipe, recipe_id)


def check_ingredients(recipe: Recipe, known: FoodCheck, source: Path | str, where: str) -> None:
    """InputError (at ``where``, in ``source``) for the first ingredient ``known`` denies."""
    for n, item in enumerate(recipe.ingredients):
        if not known(item.food):
            raise InputError(source, f"{where}ingredients[{n}].food", f"unknown food {item.food!r}")


def store_recipe(db: sqlite3.Connection, recipe: Recipe, recipe_id: str | None) -> str:
    """Write ``recipe`` under ``recipe_id`` (a new id when None) inside the caller's
    transaction; returns the id."""
    if recipe_id is None:
        recipe_id = unused_id(db, RECIPE_PREFIX, recipe.name, table="recipes")
    else:
        check_recipe_id(recipe_id, "id")
    db.execute(
        """
        INSERT INTO recipes VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name=excluded.name, servings=excluded.servings,
            category=excluded.category, updated=excluded.updated
        """,
        (recipe_id, recipe.name, recipe.servings, recipe.category, time.time()),
    )
    db.execute("DELETE FROM recipe_ingredients WHERE recipe_id=?", (recipe_id,))
    db.executemany(
        "INSERT INTO recipe_ingredients VALUES (?, ?, ?, ?)",
        [(recipe_id, n, i.food, i.grams) for n, i in enumerate(recipe.ingredients)],
    )
    return recipe_id


def check_recipe_id(recipe_id: object, place: str) -> str:
    """``recipe_id`` when it is a ``recipe-`` id, else InputError at ``place``."""
    return check_prefixed_id(recipe_id, RECIPE_PREFIX, "recipe", place)


def load_recipes(library: Library) -> dict[str, Recipe]:
    """Every recipe of the library, by id, in the order they were added; a damaged row
    (text where a number belongs) is skipped and said in ``library.problems``."""
    return recipes_in(library.db, library.problems)


def recipes_in(db: sqlite3.Connection, problems: list[str] | None = None) -> dict[str, Recipe]:
    """The recipes in ``db`` by id; a damaged one raises, or is said in ``problems``."""
    ingredients: dict[str, list[Ingredient]] = {}
    for recipe_id, food, grams in db.execute(
        "SELECT recipe_id, food_id, grams FROM recipe_ingredients ORDER BY recipe_id, position"
    ):
        ingredients.setdefault(recipe_id, []).append(Ingredient(food, grams))
    rows = db.execute("SELECT id, name, servings, category FROM recipes ORDER BY rowid")
    recipes = {}
    for recipe_id, name, servings, category in rows:
        try:
            recipe = Recipe(name, servings, tuple(ingredients.get(recipe_id, ())), category)
        except InputError as exc:
            if problems is None:
                raise
            problems.append(f"library.sqlite3: recipe {recipe_id}: {exc}; skipped")
            continue
        recipes[recipe_id] = recipe
    return recipes


def delete_recipe(library: Library, recipe_id: str) -> None:
    """Delete a recipe; refused (InputError) while a menu or plan uses it."""
    with library.transaction() as db:
        check_not_in_use(db, recipe_id)
        db.execute("DELETE FROM recipes WHERE id=?", (recipe_id,))
        db.execute("DELETE FROM food_portion WHERE food_id=?", (recipe_id,))
