"""Recipes: foods with a number of servings, usable as one food, expanded into them for shopping."""

from __future__ import annotations

import json
import math
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from planner.core.data.categories import AISLES
from planner.core.data.foods import ID_PATTERN, FoodTable
from planner.core.data.nutrients import KEYS
from planner.core.errors import InputError
from planner.core.storage.atomic import atomic_write_text
from planner.core.storage.custom_foods import (
    CustomFood,
    custom_food_to_dict,
    foods_from_list,
    load_custom_foods,
    store_imported_foods,
)
from planner.core.storage.jsonfiles import VERSION, FoodCheck, check_header, read_json
from planner.core.storage.library import Library
from planner.core.storage.library_foods import (
    RECIPE_PREFIX,
    Measure,
    check_not_in_use,
    check_prefixed_id,
    slug,
    unused_id,
)

RECIPES_FORMAT = "crampless.recipes"
MAX_NAME = 200
MAX_SERVINGS = 1000.0
MAX_INGREDIENTS = 200
# One ingredient heavier than this is a typo (a big pot of soup holds a few kg).
MAX_INGREDIENT_G = 50_000.0
SERVING_NAME = "1 serving"
# A recipe is vegan (vegetarian, not bought, a seasoning) only when every ingredient is;
# it contains dairy, nuts, fish... when any ingredient does. (A pinch of salt does not
# make a soup a seasoning, which suggestions would never offer.)
_ALL_OF_TAGS = ("vegan", "vegetarian", "no-shopping", "seasoning")

# expand(food_id, grams): the ingredients and their grams that ``grams`` of a recipe
# stand for, or None when the food is not a recipe.
Expand = Callable[[str, float], list[tuple[str, float]] | None]


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


# --- nutrients, the recipe as a food, expansion ------------------------------------------


@dataclass(frozen=True)
class RecipeNutrients:
    """A recipe's values per 100 g and what made any of them unknown.

    ``values`` is NaN for a nutrient when an ingredient lacks it: a partial sum would
    understate it, and 0 would claim it absent. ``unknown`` maps such nutrients to the
    ingredients lacking them; ``missing`` lists ingredients not in the food table at all.
    """

    values: pd.Series
    unknown: dict[str, tuple[str, ...]]
    missing: tuple[str, ...]


def recipe_nutrients(recipe: Recipe, foods: FoodTable) -> RecipeNutrients:
    """Per 100 g: sum(ingredient value x grams / 100) / total grams x 100, NaN if any unknown."""
    ids = [i.food for i in recipe.ingredients]
    grams = np.array([i.grams for i in recipe.ingredients])
    table = foods.values.reindex(ids)  # a food not in the table: a row of NaN
    per_100g = (table.to_numpy() * grams[:, None]).sum(axis=0) / recipe.total_g
    lacking = np.isnan(table.to_numpy())
    id_array = np.array(ids, dtype=object)
    unknown = {
        key: tuple(dict.fromkeys(id_array[lacking[:, k]]))
        for k, key in enumerate(KEYS)
        if lacking[:, k].any()
    }
    missing = tuple(dict.fromkeys(f for f in ids if f not in foods))
    return RecipeNutrients(pd.Series(per_100g, index=list(KEYS)), unknown, missing)


def recipe_tags(recipe: Recipe, foods: FoodTable) -> tuple[str, ...]:
    """Tags derived from the ingredients': vegan etc. if all have them, contains-* if any has."""
    ids = [i.food for i in recipe.ingredients]
    tag_sets = [set(foods.info.at[f, "tags"]) if f in foods else set() for f in ids]
    every = set.intersection(*tag_sets) if tag_sets else set()
    some = set.union(*tag_sets) if tag_sets else set()
    tags = [t for t in _ALL_OF_TAGS if t in every]
    return (*tags, *sorted(t for t in some if t not in _ALL_OF_TAGS))


def recipes_table(recipes: Mapping[str, Recipe], foods: FoodTable) -> FoodTable:
    """The recipes as foods: values derived from ``foods``, one portion = one serving."""
    ids = list(recipes)
    derived = [recipe_nutrients(recipes[r], foods).values.to_numpy() for r in ids]
    index = pd.Index(ids, name="id", dtype=object)
    values = pd.DataFrame(
        np.array(derived).reshape(len(ids), len(KEYS)), index=index, columns=list(KEYS)
    )
    n = len(ids)

    def tuples(items: list[tuple[str, ...]]) -> np.ndarray:
        out = np.empty(n, dtype=object)
        out[:] = items
        return out

    info = pd.DataFrame(
        {
            "name": [recipes[r].name for r in ids],
            "category": [recipes[r].category for r in ids],
            "usda_ndb": "",
            "usda_description": "",
            "usda_food_group": "",
            "portion_name": SERVING_NAME,
            "portion_g": [recipes[r].serving_g for r in ids],
            # Shopping expands a recipe into its ingredients, whose refuse counts there.
            "refuse_pct": 0.0,
            "purchase_unit": "",
            "purchase_unit_g": np.nan,
            "tags": tuples([recipe_tags(recipes[r], foods) for r in ids]),
            "article_lists": tuples([()] * n),
            "unsupported_claims": tuples([()] * n),
            "source": "recipe",
        },
        index=index,
    )
    return FoodTable(info, values)


def recipe_measures(recipe: Recipe) -> list[Measure]:
    """A recipe's one household measure: a serving."""
    return [Measure(1, SERVING_NAME, recipe.serving_g)]


def make_expander(recipes: Mapping[str, Recipe]) -> Expand:
    """``expand(food_id, grams)``: a recipe's ingredients scaled to ``grams``, else None.

    The ingredients keep their proportions: each gets ``its grams x grams / total grams``.
    """
    book = dict(recipes)

    def expand(food_id: str, grams: float) -> list[tuple[str, float]] | None:
        recipe = book.get(food_id)
        if recipe is None:
            return None
        scale = grams / recipe.total_g
        return [(i.food, i.grams * scale) for i in recipe.ingredients]

    return expand


def library_expander(library: Library) -> Expand:
    """:func:`make_expander` over the library's recipes as they are now."""
    return make_expander(load_recipes(library))


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
        _check_known(recipe, known, "", "")
    with library.transaction() as db:
        return _store(db, recipe, recipe_id)


def _check_known(recipe: Recipe, known: FoodCheck, source: Path | str, where: str) -> None:
    for n, item in enumerate(recipe.ingredients):
        if not known(item.food):
            raise InputError(source, f"{where}ingredients[{n}].food", f"unknown food {item.food!r}")


def _store(db: sqlite3.Connection, recipe: Recipe, recipe_id: str | None) -> str:
    if recipe_id is None:
        recipe_id = unused_id(db, RECIPE_PREFIX, recipe.name, table="recipes")
    else:
        _check_id(recipe_id, "id")
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


def _check_id(recipe_id: object, place: str) -> str:
    return check_prefixed_id(recipe_id, RECIPE_PREFIX, "recipe", place)


def load_recipes(library: Library) -> dict[str, Recipe]:
    """Every recipe of the library, by id, in the order they were added; a damaged row
    (text where a number belongs) is skipped and said in ``library.problems``."""
    return _load(library.db, library.problems)


def _load(db: sqlite3.Connection, problems: list[str] | None = None) -> dict[str, Recipe]:
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


# --- files ----------------------------------------------------------------------------


def recipe_to_dict(recipe_id: str, recipe: Recipe) -> dict[str, Any]:
    """A recipe's object in a ``crampless.recipes`` file."""
    return {
        "id": recipe_id,
        "name": recipe.name,
        "servings": recipe.servings,
        "category": recipe.category,
        "ingredients": [{"food": i.food, "grams": i.grams} for i in recipe.ingredients],
    }


def recipe_from_dict(data: Any, source: Path | str, where: str) -> tuple[str | None, Recipe]:
    """(id or None, recipe) from a recipe object; InputError places start with ``where``."""
    if not isinstance(data, dict):
        raise InputError(source, where, "expected a recipe object")
    unknown = [k for k in data if k not in ("id", "name", "servings", "category", "ingredients")]
    if unknown:
        raise InputError(source, f"{where}.{unknown[0]}", "unknown field")
    try:
        recipe_id = _check_id(data["id"], "id") if "id" in data else None
        for required in ("name", "servings", "ingredients"):
            if required not in data:
                raise InputError("", required, "missing")
        items = data["ingredients"]
        if not isinstance(items, list):
            raise InputError("", "ingredients", "expected a list of ingredients")
        pairs = []
        for n, item in enumerate(items):
            if not isinstance(item, dict) or set(item) != {"food", "grams"}:
                raise InputError("", f"ingredients[{n}]", 'expected {"food": id, "grams": g}')
            pairs.append((item["food"], item["grams"]))
        recipe = Recipe(data["name"], data["servings"], tuple(pairs), data.get("category", "other"))
    except InputError as exc:
        raise InputError(source, f"{where}.{exc.place}", exc.message) from None
    return recipe_id, recipe


def recipes_json(recipes: Mapping[str, Recipe], foods: Mapping[str, CustomFood]) -> str:
    data = {
        "format": RECIPES_FORMAT,
        "version": VERSION,
        "recipes": [recipe_to_dict(r, recipe) for r, recipe in recipes.items()],
        "foods": [custom_food_to_dict(f, food) for f, food in foods.items()],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def write_recipes(
    path: Path, recipes: Mapping[str, Recipe], foods: Mapping[str, CustomFood] | None = None
) -> None:
    """Write a ``crampless.recipes`` file atomically, with the custom ``foods`` they use."""
    atomic_write_text(Path(path), recipes_json(recipes, foods or {}) + "\n")


def export_recipes(library: Library, path: Path, ids: Iterable[str] | None = None) -> None:
    """Write the library's recipes (``ids``, default all) with the custom foods they use."""
    stored = load_recipes(library)
    chosen = {r: stored[r] for r in (stored if ids is None else ids)}
    used = {i.food for recipe in chosen.values() for i in recipe.ingredients}
    custom = {f: food for f, food in load_custom_foods(library).items() if f in used}
    write_recipes(path, chosen, custom)


@dataclass(frozen=True)
class RecipeFile:
    """A ``crampless.recipes`` file's recipes and the custom foods it carries, by file id."""

    recipes: dict[str, Recipe]
    foods: dict[str, CustomFood]


def read_recipes(path: Path, known: FoodCheck | None = None) -> RecipeFile:
    """Read a ``crampless.recipes`` file, checking every recipe.

    With ``known``, every ingredient must be a known food or one of the file's foods.
    """
    data = read_json(path)
    check_header(data, RECIPES_FORMAT, path)
    foods = foods_from_list(data.get("foods", []), path, "foods")
    items = data.get("recipes")
    if not isinstance(items, list):
        raise InputError(path, "recipes", "expected a list of recipes")
    recipes: dict[str, Recipe] = {}
    for n, item in enumerate(items):
        place = f"recipes[{n}]"
        recipe_id, recipe = recipe_from_dict(item, path, place)
        recipe_id = recipe_id or f"{RECIPE_PREFIX}{slug(recipe.name)}"
        if recipe_id in recipes:
            raise InputError(path, f"{place}.id", f"{recipe_id} appears twice")
        if known is not None:
            _check_known(recipe, lambda f: f in foods or known(f), path, f"{place}.")
        recipes[recipe_id] = recipe
    return RecipeFile(recipes, foods)


def import_recipes(library: Library, path: Path, known: FoodCheck | None = None) -> dict[str, str]:
    """Add a file's recipes and the custom foods they carry, all or none.

    Returns file id -> library id for recipes and foods alike. Ids are kept when free or
    when they hold the same thing already; otherwise the import gets a new id (and the
    recipes using a renamed food follow it), so nothing saved is lost.
    """
    content = read_recipes(path, known)
    with library.transaction() as db:
        ids = store_imported_foods(db, content.foods)
        existing = _load(db)
        for file_id, recipe in content.recipes.items():
            recipe = Recipe(
                recipe.name,
                recipe.servings,
                tuple(Ingredient(ids.get(i.food, i.food), i.grams) for i in recipe.ingredients),
                recipe.category,
            )
            if file_id not in existing:
                ids[file_id] = _store(db, recipe, file_id)
            elif existing[file_id] == recipe:
                ids[file_id] = file_id
            else:
                ids[file_id] = _store(db, recipe, None)
    return ids
