"""Recipes as foods: their nutrients derived from their ingredients', their tags, a table
of them, and a recipe expanded into its ingredients for shopping."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core.data.foods import FoodTable
from planner.core.data.nutrients import KEYS
from planner.core.storage.library import Library
from planner.core.storage.library_foods import Measure
from planner.core.storage.recipes import Recipe, load_recipes

SERVING_NAME = "1 serving"
# A recipe is vegan (vegetarian, not bought, a seasoning) only when every ingredient is;
# it contains dairy, nuts, fish... when any ingredient does. (A pinch of salt does not
# make a soup a seasoning, which suggestions would never offer.)
_ALL_OF_TAGS = ("vegan", "vegetarian", "no-shopping", "seasoning")


# expand(food_id, grams): the ingredients and their grams that ``grams`` of a recipe
# stand for, or None when the food is not a recipe.
Expand = Callable[[str, float], list[tuple[str, float]] | None]


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
