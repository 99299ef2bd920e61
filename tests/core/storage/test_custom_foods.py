"""Custom foods: checks, label conversion, the library, and crampless.foods files."""

from __future__ import annotations

import json
import math

import pytest

from planner.core.errors import InputError
from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.catalog import load_catalog
from planner.core.storage.custom_foods import (
    CustomFood,
    delete_custom_food,
    load_custom_foods,
    save_custom_food,
)
from planner.core.storage.custom_foods_files import (
    import_custom_foods,
    read_custom_foods,
    write_custom_foods,
)
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.core.storage.library_foods import measures
from planner.core.storage.recipes import Recipe, save_recipe
from tests.fixtures import write_foods_csv

OAT_DRINK = CustomFood(
    "Oat drink, calcium-fortified",
    "drinks",
    {"energy": 46, "calcium": 120, "vitamin_d": 1.1, "vitamin_b12": 0.38},
    portion_name="1 glass",
    portion_g=250,
    purchase_unit="carton",
    purchase_unit_g=1000,
    tags=("vegan", "vegetarian"),
)


@pytest.fixture
def library(tmp_path):
    library = Library(tmp_path / "data" / LIBRARY_FILE)
    yield library
    library.close()


@pytest.fixture
def foods_csv(tmp_path):
    return write_foods_csv(tmp_path / "foods.csv")


def test_label_values_are_converted_to_100_g_exactly():
    food = CustomFood.from_label(
        "Muesli bar", "pantry", 30, {"energy": 130, "magnesium": 45, "iron": 1.3, "sodium": 0}
    )
    assert food.values == {
        "energy": 130 * 100 / 30,
        "magnesium": 45 * 100 / 30,
        "iron": 1.3 * 100 / 30,
        "sodium": 0.0,
    }
    assert (food.portion_name, food.portion_g) == ("1 serving", 30.0)
    own = CustomFood.from_label(
        "Muesli bar", "pantry", 30, {"energy": 130}, portion_name="1 bar", portion_g=25
    )
    assert (own.portion_name, own.portion_g) == ("1 bar", 25.0)


@pytest.mark.parametrize(
    ("change", "place", "words"),
    [
        ({"name": "  "}, "name", "cannot be empty"),
        ({"category": "sweets"}, "category", "unknown category"),
        ({"values": {"magnesium": -1}}, "values.magnesium", "at least 0"),
        ({"values": {"magnesium": float("nan")}}, "values.magnesium", "not a finite number"),
        ({"values": {"magnesium": "12"}}, "values.magnesium", "not a number"),
        ({"values": {"magnesium": True}}, "values.magnesium", "not a number"),
        ({"values": {"magnesium": 200_000}}, "values.magnesium", "more than 100 g can hold"),
        ({"values": {"water": 101}}, "values.water", "more than 100 g can hold"),
        ({"values": {"energy": 950}}, "values.energy", "more than 100 g can hold"),
        ({"values": {"chromium": 3}}, "values.chromium", "unknown nutrient"),
        ({"values": {"selenium": 2e8}}, "values.selenium", "more than 100 g can hold"),
        ({"portion_name": "1 cup", "portion_g": None}, "portion_g", "give the grams"),
        ({"portion_g": 0}, "portion_g", "more than 0"),
        ({"refuse_pct": 100}, "refuse_pct", "under 100"),
        ({"purchase_unit": "crate"}, "purchase_unit", "unknown purchase unit"),
        ({"purchase_unit_g": None}, "purchase_unit_g", "give the grams of one carton"),
        ({"tags": ("vegan", "paleo")}, "tags[1]", "unknown tag"),
    ],
)
def test_bad_values_are_refused_with_their_place(change, place, words):
    fields = {
        "name": OAT_DRINK.name,
        "category": OAT_DRINK.category,
        "values": dict(OAT_DRINK.values),
        "portion_name": OAT_DRINK.portion_name,
        "portion_g": OAT_DRINK.portion_g,
        "purchase_unit": OAT_DRINK.purchase_unit,
        "purchase_unit_g": OAT_DRINK.purchase_unit_g,
        "tags": OAT_DRINK.tags,
    }
    with pytest.raises(InputError) as error:
        CustomFood(**(fields | change))
    assert error.value.place == place
    assert words in error.value.message


def test_a_label_with_a_zero_serving_is_refused():
    with pytest.raises(InputError, match="label_serving_g: must be more than 0"):
        CustomFood.from_label("Bar", "pantry", 0, {"energy": 100})


def test_round_trip_through_the_library_and_the_catalog(library, foods_csv):
    food_id = save_custom_food(library, OAT_DRINK)
    assert food_id == "custom-oat-drink-calcium-fortified"
    assert save_custom_food(library, OAT_DRINK) == f"{food_id}-2"  # same name: a new id
    library.close()
    reopened = Library(library.path)
    stored = load_custom_foods(reopened)
    assert stored[food_id] == OAT_DRINK
    foods = load_catalog(library.path.parent, foods_csv)
    assert foods.values.at[food_id, "calcium"] == 120
    assert math.isnan(foods.values.at[food_id, "magnesium"])  # not given: unknown, not 0
    info = foods.info.loc[food_id]
    assert (info["name"], info["category"], info["source"]) == (OAT_DRINK.name, "drinks", "custom")
    assert (info["portion_name"], info["portion_g"], info["tags"]) == (
        "1 glass",
        250,
        ("vegan", "vegetarian"),
    )
    assert [m.name for m in measures(reopened, food_id)] == ["1 glass"]
    reopened.close()


def test_editing_and_deleting(library, foods_csv):
    food_id = save_custom_food(library, OAT_DRINK)
    edited = CustomFood(OAT_DRINK.name, "drinks", {"calcium": 125})
    assert save_custom_food(library, edited, food_id) == food_id
    assert load_custom_foods(library) == {food_id: edited}
    save_recipe(library, Recipe("Porridge", 1, (("apple", 100), (food_id, 200))))
    with pytest.raises(InputError, match="used by the recipe 'Porridge'"):
        delete_custom_food(library, food_id)
    library.db.execute("DELETE FROM recipes")
    menu_id = library.save_menu(Menu("Monday", [MenuItem(food_id, "breakfast", grams=250)]))
    with pytest.raises(InputError, match="used by the menu 'Monday'"):
        delete_custom_food(library, food_id)
    library.delete_menu(menu_id)
    delete_custom_food(library, food_id)
    assert load_custom_foods(library) == {}
    assert library.db.execute("SELECT COUNT(*) FROM custom_values").fetchone()[0] == 0
    with pytest.raises(InputError, match="not a custom food id"):
        save_custom_food(library, edited, "usda-09040")


def test_round_trip_through_a_file_and_into_another_library(tmp_path, library):
    food_id = save_custom_food(library, OAT_DRINK)
    path = tmp_path / "mine.foods.json"
    write_custom_foods(path, load_custom_foods(library))
    data = json.loads(path.read_text())
    assert data["format"] == "crampless.foods" and data["version"] == 1
    assert data["foods"][0]["values"]["calcium"] == 120
    assert read_custom_foods(path) == {food_id: OAT_DRINK}
    other = Library(tmp_path / "other" / LIBRARY_FILE)
    assert import_custom_foods(other, path) == {food_id: food_id}
    assert load_custom_foods(other) == {food_id: OAT_DRINK}
    # The same again changes nothing; a different food under that id keeps both.
    assert import_custom_foods(other, path) == {food_id: food_id}
    data["foods"][0]["values"]["calcium"] = 100
    path.write_text(json.dumps(data))
    assert import_custom_foods(other, path) == {food_id: f"{food_id}-2"}
    assert load_custom_foods(other)[food_id] == OAT_DRINK
    other.close()


def test_a_file_may_give_values_per_label_serving(tmp_path):
    path = tmp_path / "label.foods.json"
    path.write_text(
        json.dumps(
            {
                "format": "crampless.foods",
                "version": 1,
                "foods": [
                    {
                        "name": "Muesli bar",
                        "category": "pantry",
                        "label_serving_g": 40,
                        "values": {"magnesium": 30, "vitamin_d": None},
                    }
                ],
            }
        )
    )
    foods = read_custom_foods(path)
    bar = foods["custom-muesli-bar"]
    assert bar.values == {"magnesium": 75.0}
    assert (bar.portion_name, bar.portion_g) == ("1 serving", 40.0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "bad.json: line 1, column 2: invalid JSON"),
        ('{"format": "crampless.menu", "version": 1}', "bad.json: format: expected"),
        ('{"format": "crampless.foods", "version": 1}', "bad.json: foods: expected a list"),
        (
            '{"format": "crampless.foods", "version": 1, "foods": [{"name": "X", '
            '"category": "fruit", "values": {"iron": "lots"}}]}',
            "bad.json: foods[0].values.iron: 'lots' is not a number",
        ),
        (
            '{"format": "crampless.foods", "version": 1, "foods": [{"name": "X"}]}',
            "bad.json: foods[0].category: missing",
        ),
        (
            '{"format": "crampless.foods", "version": 1, "foods": [{"name": "X", '
            '"category": "fruit", "colour": "red"}]}',
            "bad.json: foods[0].colour: unknown field",
        ),
        (
            '{"format": "crampless.foods", "version": 1, "foods": [{"id": "apple", '
            '"name": "X", "category": "fruit"}]}',
            "bad.json: foods[0].id: 'apple' is not a custom food id",
        ),
        (
            '{"format": "crampless.foods", "version": 1, "foods": [{"name": "X", '
            '"category": "fruit"}, {"name": "x", "category": "fruit"}]}',
            "bad.json: foods[1].id: custom-x appears twice",
        ),
    ],
)
def test_bad_files_name_the_place_and_import_nothing(tmp_path, library, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(InputError) as error:
        import_custom_foods(library, path)
    assert str(error.value).startswith(message), str(error.value)
    assert load_custom_foods(library) == {}
