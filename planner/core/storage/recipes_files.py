"""Recipe files (``crampless.recipes``): recipes and the custom foods they use, written,
read and checked, exported from and imported into the library."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.core.errors import InputError
from planner.core.storage.atomic import atomic_write_text
from planner.core.storage.custom_foods import CustomFood, load_custom_foods
from planner.core.storage.custom_foods_files import (
    custom_food_to_dict,
    foods_from_list,
    store_imported_foods,
)
from planner.core.storage.jsonfiles import VERSION, FoodCheck, check_header, read_json
from planner.core.storage.library import Library
from planner.core.storage.library_foods import RECIPE_PREFIX, slug
from planner.core.storage.recipes import (
    Ingredient,
    Recipe,
    check_ingredients,
    check_recipe_id,
    load_recipes,
    recipes_in,
    store_recipe,
)

RECIPES_FORMAT = "crampless.recipes"


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
        recipe_id = check_recipe_id(data["id"], "id") if "id" in data else None
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
            check_ingredients(recipe, lambda f: f in foods or known(f), path, f"{place}.")
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
        existing = recipes_in(db)
        for file_id, recipe in content.recipes.items():
            recipe = Recipe(
                recipe.name,
                recipe.servings,
                tuple(Ingredient(ids.get(i.food, i.food), i.grams) for i in recipe.ingredients),
                recipe.category,
            )
            if file_id not in existing:
                ids[file_id] = store_recipe(db, recipe, file_id)
            elif existing[file_id] == recipe:
                ids[file_id] = file_id
            else:
                ids[file_id] = store_recipe(db, recipe, None)
    return ids
