"""Which foods are drinks (counted in ml as well), and how a drink's amount reads."""

from __future__ import annotations

import numpy as np
import pytest

from planner.core.data.foods import NUTRIENT_KEYS, FoodTable
from planner.core.data.household import ML, amount_text, is_drink, item_measures, volume_text

# SR28 names, their aisle as the import gives it, a measure with a volume, and the tags.
FOODS = {
    "milk-2": ("Milk, reduced fat, fluid, 2% milkfat", "dairy-eggs", "1 cup", 244.0, ()),
    "soymilk": ("Soymilk, original and vanilla, unfortified", "legumes", "1 cup", 243.0, ()),
    "oj": ("Orange juice, raw", "fruit", "1 cup", 248.0, ()),
    "v8": ("Vegetable juice cocktail, canned", "vegetables", "1 cup", 253.0, ()),
    "tea": ("Beverages, tea, black, brewed", "drinks", "1 fl oz", 29.6, ()),
    "yogurt": ("Yogurt, plain, whole milk", "dairy-eggs", "1 cup (8 fl oz)", 245.0, ()),
    "mozzarella": ("Cheese, mozzarella, whole milk", "dairy-eggs", "1 cup, shredded", 112, ()),
    "candy": ("Candies, milk chocolate", "pantry", "1 cup chips", 168.0, ()),
    "pineapple": ("Pineapple, canned, juice pack", "fruit", "1 cup, crushed", 249.0, ()),
    "cocoa-mix": (
        "Beverages, chocolate-flavor beverage mix, powder",
        "drinks",
        "2 tbsp",
        22.0,
        ("dry-mix",),
    ),
    "dry-milk": ("Milk, dry, nonfat, regular", "dairy-eggs", "1 cup", 120.0, ("dry-mix",)),
}


@pytest.fixture(scope="module")
def table() -> FoodTable:
    ids = list(FOODS)
    names, categories, portions, grams, tags = zip(*FOODS.values(), strict=True)
    columns = {
        "name": list(names),
        "category": list(categories),
        "portion_name": list(portions),
        "portion_g": list(grams),
        "tags": list(tags),
    }
    return FoodTable.from_columns(ids, columns, np.full((len(ids), len(NUTRIENT_KEYS)), np.nan))


def test_drinks_are_what_the_name_says_first_never_a_powder(table):
    drinks = {f for f in FOODS if is_drink(table, f)}
    assert drinks == {"milk-2", "soymilk", "oj", "v8", "tea"}
    # Only a drink is offered in ml; a yogurt's cup stays a cup.
    assert dict(item_measures(table, "oj"))[ML] == pytest.approx(248.0 / 236.5882365)
    assert ML not in dict(item_measures(table, "yogurt"))


def test_the_built_in_drinks(foods):
    assert {f for f in foods.id_list if is_drink(foods, f)} == {
        "milk",
        "milk-vitamin-d",
        "buttermilk",
        "tap-water",
    }


def test_a_drinks_amount_reads_in_ml_or_litres_with_its_grams(table):
    assert volume_text(250.0) == "250 ml" and volume_text(1250.0) == "1.25 L"
    assert volume_text(1000.0) == "1 L" and volume_text(237.0) == "237 ml"
    # 1 cup of 2 % milk weighs 244 g (SR28) and holds 236.6 ml.
    assert amount_text(table, "milk-2", 244.0) == "237 ml (244 g)"
    assert amount_text(table, "milk-2", 1464.0) == "1.42 L (1,464 g)"
    assert amount_text(table, "yogurt", 245.0) == "245 g"
    assert amount_text(table, "not-a-food", 10.0) == "10 g"
