"""Recipes: derived values, one food in menus, expansion for shopping, library and files."""

from __future__ import annotations

import json
import math

import pytest

from planner.core.data.profile import Profile
from planner.core.errors import InputError
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.catalog import load_catalog
from planner.core.storage.custom_foods import CustomFood, load_custom_foods, save_custom_food
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.core.storage.recipes import (
    Ingredient,
    Recipe,
    delete_recipe,
    load_recipes,
    save_recipe,
)
from planner.core.storage.recipes_as_foods import library_expander, make_expander, recipe_nutrients
from planner.core.storage.recipes_files import export_recipes, import_recipes, read_recipes
from tests.fixtures import write_foods_csv

# tiny_foods per 100 g: apple 50 kcal, 100 mg K; cheese 400 kcal, 50 mg K, 700 mg Ca;
# mystery has no vitamin B12 or D.
APPLE_CHEESE = Recipe("Apple & cheese", 2, (("apple", 200), ("cheese", 100)), "other")


@pytest.fixture
def library(tmp_path):
    library = Library(tmp_path / "data" / LIBRARY_FILE)
    yield library
    library.close()


@pytest.fixture
def foods_csv(tmp_path):
    return write_foods_csv(tmp_path / "foods.csv")


def test_values_per_100_g_are_the_weighted_mean_of_the_ingredients(tiny_foods):
    derived = recipe_nutrients(APPLE_CHEESE, tiny_foods)
    # (50 x 200/100 + 400 x 100/100) / 300 g x 100
    assert derived.values["energy"] == pytest.approx((100 + 400) / 300 * 100)
    assert derived.values["calcium"] == pytest.approx((5 * 2 + 700) / 300 * 100)
    assert derived.unknown == {} and derived.missing == ()
    assert APPLE_CHEESE.total_g == 300 and APPLE_CHEESE.serving_g == 150


def test_an_ingredient_without_a_value_makes_the_recipe_value_unknown(tiny_foods):
    recipe = Recipe("Fruit salad", 1, (("apple", 100), ("mystery", 50), ("nowhere", 10)))
    derived = recipe_nutrients(recipe, tiny_foods)
    assert math.isnan(derived.values["vitamin_d"])  # never a partial sum, never 0
    assert derived.unknown["vitamin_d"] == ("mystery", "nowhere")
    assert derived.missing == ("nowhere",)
    assert math.isnan(derived.values["energy"])  # "nowhere" has no values at all
    known = recipe_nutrients(Recipe("Fruit", 1, (("apple", 100), ("mystery", 50))), tiny_foods)
    assert known.values["energy"] == pytest.approx((50 + 30) / 150 * 100)
    assert math.isnan(known.values["vitamin_b12"]) and not math.isnan(known.values["iron"])


@pytest.mark.parametrize(
    ("ingredients", "servings", "place"),
    [
        ((), 1, "ingredients"),
        ((("apple", 0),), 1, "ingredients[0].grams"),
        ((("apple", -5),), 1, "ingredients[0].grams"),
        ((("Apple!", 5),), 1, "ingredients[0].food"),
        ((("recipe-soup", 5),), 1, "ingredients[0].food"),
        ((("apple", 5),), 0, "servings"),
        ((("apple", 5),), True, "servings"),
    ],
)
def test_bad_recipes_are_refused_with_their_place(ingredients, servings, place):
    with pytest.raises(InputError) as error:
        Recipe("Soup", servings, ingredients)
    assert error.value.place == place


def test_expand_splits_grams_in_the_recipe_proportions():
    expand = make_expander({"recipe-apple-cheese": APPLE_CHEESE})
    assert expand("recipe-apple-cheese", 150) == [("apple", 100.0), ("cheese", 50.0)]
    assert expand("recipe-apple-cheese", 600) == [("apple", 400.0), ("cheese", 200.0)]
    assert expand("apple", 100) is None


def test_a_recipe_is_one_menu_item_with_derived_values(library, foods_csv, tiny_foods, intakes):
    recipe_id = save_recipe(library, APPLE_CHEESE, known=tiny_foods.__contains__)
    assert recipe_id == "recipe-apple-cheese"
    foods = load_catalog(library.path.parent, foods_csv)
    info = foods.info.loc[recipe_id]
    assert (info["name"], info["source"], info["portion_name"]) == (
        "Apple & cheese",
        "recipe",
        "1 serving",
    )
    assert info["portion_g"] == 150
    # Tags: vegetarian because both are; contains-dairy because cheese does; not vegan.
    assert info["tags"] == ("vegetarian", "contains-dairy")
    menu = Menu("Lunch", [MenuItem(recipe_id, "lunch", portions=1)])
    coverage = compute_coverage(menu, foods, intakes.targets(Profile()))
    # One serving is half the recipe: 100 g apple + 50 g cheese.
    assert coverage["potassium"].amount == pytest.approx(100 + 25)
    assert coverage["calcium"].amount == pytest.approx(5 + 350)


def test_recipes_are_editable_and_unknown_ingredients_refused(library, tiny_foods):
    recipe_id = save_recipe(library, APPLE_CHEESE)
    edited = Recipe("Apple & cheese", 4, (("apple", 400), ("cheese", 100)), "other")
    assert save_recipe(library, edited, recipe_id) == recipe_id
    assert load_recipes(library) == {recipe_id: edited}
    with pytest.raises(InputError, match=r"ingredients\[1\]\.food: unknown food 'chese'"):
        save_recipe(
            library, Recipe("X", 1, (("apple", 1), ("chese", 2))), known=tiny_foods.__contains__
        )
    expand = library_expander(library)
    assert expand(recipe_id, 125) == [("apple", 100.0), ("cheese", 25.0)]
    menu_id = library.save_menu(Menu("Lunch", [MenuItem(recipe_id, "lunch", portions=1)]))
    with pytest.raises(InputError, match="used by the menu 'Lunch'"):
        delete_recipe(library, recipe_id)
    library.delete_menu(menu_id)
    delete_recipe(library, recipe_id)
    assert load_recipes(library) == {}
    assert library.db.execute("SELECT COUNT(*) FROM recipe_ingredients").fetchone()[0] == 0


def test_round_trip_through_a_file_carries_the_custom_foods(tmp_path, library, tiny_foods):
    drink = CustomFood("Oat drink", "drinks", {"calcium": 120})
    drink_id = save_custom_food(library, drink)
    recipe = Recipe("Porridge", 2, (("apple", 150), (drink_id, 300)), "bakery-grains")
    recipe_id = save_recipe(library, recipe)
    path = tmp_path / "mine.recipes.json"
    export_recipes(library, path)
    data = json.loads(path.read_text())
    assert data["format"] == "crampless.recipes" and data["version"] == 1
    assert [f["id"] for f in data["foods"]] == [drink_id]
    content = read_recipes(path, known=tiny_foods.__contains__)
    assert content.recipes == {recipe_id: recipe} and content.foods == {drink_id: drink}

    other = Library(tmp_path / "other" / LIBRARY_FILE)
    # The other library already has a different food under the drink's id: both are kept,
    # and the imported recipe follows the renamed drink.
    save_custom_food(other, CustomFood("Oat drink", "drinks", {"calcium": 1}))
    ids = import_recipes(other, path, known=tiny_foods.__contains__)
    assert ids == {drink_id: f"{drink_id}-2", recipe_id: recipe_id}
    imported = load_recipes(other)[recipe_id]
    assert imported.ingredients == (Ingredient("apple", 150), Ingredient(f"{drink_id}-2", 300))
    assert load_custom_foods(other)[f"{drink_id}-2"] == drink
    other.close()


def test_a_bad_recipe_file_imports_nothing(tmp_path, library, tiny_foods):
    path = tmp_path / "bad.recipes.json"
    path.write_text(
        json.dumps(
            {
                "format": "crampless.recipes",
                "version": 1,
                "foods": [{"id": "custom-x", "name": "X", "category": "other"}],
                "recipes": [
                    {"name": "Good", "servings": 1, "ingredients": [{"food": "apple", "grams": 5}]},
                    {
                        "name": "Bad",
                        "servings": 1,
                        "ingredients": [{"food": "bananna", "grams": 5}],
                    },
                ],
            }
        )
    )
    with pytest.raises(InputError) as error:
        import_recipes(library, path, known=tiny_foods.__contains__)
    assert (
        str(error.value)
        == "bad.recipes.json: recipes[1].ingredients[0].food: unknown food 'bananna'"
    )
    assert load_recipes(library) == {} and load_custom_foods(library) == {}


def test_a_pinch_of_salt_does_not_make_a_recipe_a_seasoning():
    from planner.core.data.foods_csv import load_foods
    from planner.core.storage.recipes_as_foods import recipe_tags
    from planner.paths import FOODS_CSV

    foods = load_foods(FOODS_CSV)
    assert "seasoning" in foods.cell("table-salt", "tags")
    soup = Recipe("Lentil soup", 4, (("lentils", 400), ("tomatoes", 200), ("table-salt", 2)))
    tags = recipe_tags(soup, foods)
    assert "seasoning" not in tags and "vegan" in tags
    # A mix of seasonings alone is one.
    assert "seasoning" in recipe_tags(Recipe("Salt", 1, (("table-salt", 10),)), foods)
