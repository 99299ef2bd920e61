"""Tags of imported SR28 foods, from their food group and name (SR28's own wording)."""

from __future__ import annotations

import pytest

from planner.core.data.categories import TAGS
from planner.core.storage.usda_tags import usda_tags

PLANT = ("vegan", "vegetarian")


@pytest.mark.parametrize(
    ("group", "name", "tags"),
    [
        # Allergens: tree nuts by SR28's "Nuts," and by name anywhere; seeds are not nuts.
        ("Nut and Seed Products", "Nuts, almonds", (*PLANT, "contains-nuts")),
        ("Nut and Seed Products", "Nuts, almond butter, plain, without salt added",
         (*PLANT, "contains-nuts")),
        ("Nut and Seed Products", "Seeds, sesame butter, tahini, from raw and stone ground "
         "kernels", PLANT),
        ("Breakfast Cereals", "Cereals ready-to-eat, POST, HONEY BUNCHES OF OATS, with almonds",
         ("contains-nuts",)),
        ("Vegetables and Vegetable Products", "Waterchestnuts, chinese, (matai), raw", PLANT),
        ("Vegetables and Vegetable Products", "Squash, winter, butternut, raw", PLANT),
        ("Legumes and Legume Products", "Peanuts, all types, raw", (*PLANT, "contains-peanuts")),
        ("Legumes and Legume Products", "Peanut butter, smooth style, without salt",
         (*PLANT, "contains-peanuts")),
        ("Legumes and Legume Products", "Tofu, raw, firm, prepared with calcium sulfate",
         (*PLANT, "contains-soy")),
        # Gluten by name, and every baked good but corn ones and those said gluten-free.
        ("Cereal Grains and Pasta", "Pasta, dry, enriched", (*PLANT, "contains-gluten")),
        ("Cereal Grains and Pasta", "Noodles, egg, dry, enriched", ("vegetarian",
         "contains-egg", "contains-gluten")),
        ("Cereal Grains and Pasta", "Rice noodles, cooked", PLANT),
        ("Cereal Grains and Pasta", "Noodles, chinese, cellophane or long rice (mung beans), "
         "dehydrated", PLANT),
        ("Baked Products", "Bread, white, commercially prepared (includes soft bread crumbs)",
         ("contains-gluten",)),
        ("Baked Products", "Tortillas, ready-to-bake or -fry, corn", ()),
        ("Baked Products", "Bread, gluten-free, white, made with rice flour, corn starch, "
         "and/or tapioca", ()),
        # Dairy, and what only looks like it.
        ("Dairy and Egg Products", "Cheese, goat, soft type", ("vegetarian", "contains-dairy")),
        ("Dairy and Egg Products", "Egg, whole, raw, fresh", ("vegetarian", "contains-egg")),
        ("Dairy and Egg Products", "Eggnog", ("vegetarian", "contains-dairy", "contains-egg")),
        ("Nut and Seed Products", "Nuts, coconut milk, raw (liquid expressed from grated meat "
         "and water)", (*PLANT, "contains-nuts")),
        ("Fruits and Fruit Juices", "Apple butter", PLANT),
        ("Vegetables and Vegetable Products", "Potatoes, mashed, home-prepared, whole milk and "
         "butter added", ("vegetarian", "contains-dairy")),
        ("Vegetables and Vegetable Products", "Eggplant, raw", PLANT),
        ("Sweets", "Honey", ()),
        ("Fruits and Fruit Juices", "Figs, dried, stewed", PLANT),
        # Fish and shellfish; names that only look like them.
        ("Finfish and Shellfish Products", "Fish, salmon, Atlantic, wild, raw", ("fish",)),
        ("Finfish and Shellfish Products", "Crustaceans, shrimp, mixed species, raw (may have "
         "been previously frozen)", ("shellfish",)),
        ("Finfish and Shellfish Products", "Mollusks, mussel, blue, raw", ("shellfish",)),
        ("Vegetables and Vegetable Products", "Mushrooms, oyster, raw", PLANT),
        ("American Indian/Alaska Native Foods", "Fish, herring eggs, Pacific, dry (Alaska "
         "Native)", ("fish",)),
        # Meat, offal and the pregnancy caution (vitamin A in liver, mercury in some fish).
        ("Beef Products", "Beef, variety meats and by-products, liver, raw",
         ("meat", "offal", "pregnancy-caution", "vitamin-a-rich")),
        ("Beef Products", "Beef, variety meats and by-products, tongue, raw", ("meat", "offal")),
        ("Sausages and Luncheon Meats", "Braunschweiger (a liver sausage), pork",
         ("meat", "offal", "pregnancy-caution", "vitamin-a-rich", "listeria-risk")),
        ("Fats and Oils", "Fish oil, cod liver",
         ("fish", "offal", "pregnancy-caution", "vitamin-a-rich")),
        ("Finfish and Shellfish Products", "Fish, swordfish, raw",
         ("fish", "pregnancy-caution", "high-mercury")),
        ("Finfish and Shellfish Products", "Fish, mackerel, king, raw",
         ("fish", "pregnancy-caution", "high-mercury")),
        ("Finfish and Shellfish Products", "Fish, roughy, orange, raw",
         ("fish", "pregnancy-caution", "high-mercury")),
        ("Finfish and Shellfish Products", "Fish, tilefish, cooked, dry heat",
         ("fish", "pregnancy-caution", "high-mercury")),
        ("Finfish and Shellfish Products", "Fish, tuna, fresh, yellowfin, raw", ("fish",)),
        ("Finfish and Shellfish Products", "Fish, mackerel, Atlantic, raw", ("fish",)),
        ("Legumes and Legume Products", "Beans, kidney, red, mature seeds, raw", PLANT),
        ("Vegetables and Vegetable Products", "Hearts of palm, raw", PLANT),
        # A plant food "with" meat has it; a meat substitute is no meat, nor called vegan.
        ("Legumes and Legume Products", "Beans, baked, canned, with pork", ("meat",)),
        ("Legumes and Legume Products", "MORNINGSTAR FARMS Breakfast Sausage Links, frozen, "
         "unprepared", ("vegetarian",)),
        ("Sweets", "Gelatin desserts, dry mix", ("dry-mix",)),
    ],
)  # fmt: skip
def test_tags_follow_the_group_and_the_name(group, name, tags):
    assert usda_tags(group, name) == tags
    assert set(tags) <= set(TAGS)


# Never suggested, and the pregnancy reasons (docs/data-sources.md gives each rule's source).
@pytest.mark.parametrize(
    ("group", "name", "tags"),
    [
        # Alcohol: SR28's "Alcoholic beverage" and Beverages named by their drink.
        ("Beverages", "Beverages, Malt liquor beverage", ("contains-gluten", "alcohol")),
        ("Beverages", "Alcoholic beverage, beer, regular, all", ("alcohol",)),
        ("Beverages", "Alcoholic beverage, whiskey sour, prepared with water, whiskey and "
         "powder mix", ("alcohol",)),
        ("Beverages", "Beverages, AMBER, hard cider", ("alcohol",)),
        ("Beverages", "Alcoholic beverage, rice (sake)", ("alcohol",)),
        ("Beverages", "Beverages, Wine, non-alcoholic", ()),
        ("Beverages", "Beverages, carbonated, root beer", ()),
        ("Beverages", "Beverages, carbonated, ginger ale", ()),
        ("Beverages", "Beverages, Whiskey sour mix, bottled", ()),
        ("Beverages", "Beverages, tea, black, brewed, prepared with distilled water", ()),
        ("Spices and Herbs", "Vinegar, red wine", (*PLANT, "seasoning")),  # no alcohol
        # Salt and seasonings, vinegar, soy sauce, dry bouillon; not seasoned foods.
        ("Spices and Herbs", "Salt, table", (*PLANT, "seasoning")),
        ("Spices and Herbs", "Seasoning mix, dry, taco, original", (*PLANT, "seasoning")),
        ("Spices and Herbs", "Vinegar, balsamic", (*PLANT, "seasoning")),
        ("Legumes and Legume Products", "Soy sauce made from soy (tamari)",
         (*PLANT, "contains-soy", "seasoning")),
        ("Soups, Sauces, and Gravies", "Soup, chicken broth or bouillon, dry",
         ("meat", "seasoning")),
        ("Soups, Sauces, and Gravies", "Soup, beef broth or bouillon, powder, prepared with "
         "water", ("meat",)),
        ("Poultry Products", "Chicken, broilers or fryers, breast, meat only, cooked, "
         "rotisserie, original seasoning", ("meat",)),
        ("Spices and Herbs", "Spices, basil, dried", PLANT),
        # Leavening agents.
        ("Baked Products", "Leavening agents, baking powder, double-acting, sodium aluminum "
         "sulfate", ("leavening",)),
        ("Baked Products", "Leavening agents, baking powder, low-sodium",
         ("leavening",)),
        ("Baked Products", "Leavening agents, yeast, baker's, active dry",
         ("leavening",)),
        ("Vegetables and Vegetable Products", "Yeast extract spread", PLANT),
        # Flours, meals and starches; not oatmeal, cornmeal breads or MALT-O-MEAL cereals.
        ("Nut and Seed Products", "Seeds, cottonseed flour, partially defatted (glandless)",
         (*PLANT, "raw-flour")),
        ("Nut and Seed Products", "Seeds, cottonseed meal, partially defatted (glandless)",
         (*PLANT, "raw-flour")),
        ("Cereal Grains and Pasta", "Wheat flour, whole-grain",
         (*PLANT, "contains-gluten", "raw-flour")),
        ("Cereal Grains and Pasta", "Cornstarch", (*PLANT, "raw-flour")),
        ("Cereal Grains and Pasta", "Cornmeal, whole-grain, yellow", (*PLANT, "raw-flour")),
        ("Cereal Grains and Pasta", "Barley flour or meal",
         (*PLANT, "contains-gluten", "raw-flour")),
        ("Cereal Grains and Pasta", "Vital wheat gluten", (*PLANT, "contains-gluten",
         "raw-flour")),
        ("Legumes and Legume Products", "Chickpea flour (besan)", (*PLANT, "raw-flour")),
        ("Baked Products", "Cookies, oatmeal, commercially prepared, regular",
         ("contains-gluten",)),
        ("American Indian/Alaska Native Foods", "Piki bread, made from blue cornmeal (Hopi)",
         ("contains-gluten",)),
        ("Breakfast Cereals", "Cereals, MALT-O-MEAL, original, plain, dry",
         ("contains-gluten",)),
        ("Cereal Grains and Pasta", "Oat bran, raw", PLANT),
        # Supplements, meal replacements, protein powders, fortified drinks and bars.
        ("Beverages", "Beverages, The COCA-COLA company, Glaceau Vitamin Water, Revive Fruit "
         "Punch, fortified", ("supplement",)),
        ("Beverages", "Beverages, UNILEVER, SLIMFAST, meal replacement, regular, "
         "ready-to-drink,  3-2-1 Plan", ("supplement",)),
        (
            "Beverages",
            "Beverages, Protein powder whey based",
            ("contains-dairy", "supplement", "dry-mix"),
        ),
        ("Beverages", "Beverages, Energy drink, RED BULL", ("supplement",)),
        ("Beverages", "Beverages, Fruit flavored drink, less than 3% juice, not fortified with "
         "vitamin C", ()),
        ("Beverages", "Beverages, chocolate almond milk, unsweetened, shelf-stable, fortified "
         "with vitamin D2 and E", ("contains-nuts",)),
        ("Legumes and Legume Products", "Soy protein isolate",
         (*PLANT, "contains-soy", "supplement")),
        ("Snacks", "Formulated bar, POWER BAR, chocolate", ("supplement",)),
        ("Vegetables and Vegetable Products", "Seaweed, spirulina, dried",
         (*PLANT, "supplement")),
        # Marine mammals: never suggested, and mercury in pregnancy.
        ("American Indian/Alaska Native Foods", "Whale, beluga, meat, dried (Alaska Native)",
         ("meat", "pregnancy-caution", "high-mercury", "marine-mammal")),
        ("American Indian/Alaska Native Foods", "Seal, ringed, liver (Alaska Native)",
         ("meat", "offal", "pregnancy-caution", "vitamin-a-rich", "high-mercury",
          "marine-mammal")),
        ("American Indian/Alaska Native Foods", "Sea lion, Steller, kidney (Alaska Native)",
         ("meat", "offal", "pregnancy-caution", "high-mercury", "marine-mammal")),
        ("American Indian/Alaska Native Foods", "Bear, polar, meat, raw (Alaska Native)",
         ("meat", "pregnancy-caution", "high-mercury", "marine-mammal")),
        ("American Indian/Alaska Native Foods", "Caribou, hind quarter meat, raw (Alaska "
         "Native)", ("meat",)),
        # Seaweed: iodine.
        ("Vegetables and Vegetable Products", "Seaweed, kelp, raw",
         (*PLANT, "pregnancy-caution", "iodine-caution")),
        ("Vegetables and Vegetable Products", "Seaweed, agar, dried",
         (*PLANT, "pregnancy-caution", "iodine-caution")),
        ("Vegetables and Vegetable Products", "Seaweed, laver, raw",
         (*PLANT, "pregnancy-caution", "iodine-caution")),
        # Listeria: raw sprouts, refrigerated pates and spreads, refrigerated smoked fish.
        ("Vegetables and Vegetable Products", "Alfalfa seeds, sprouted, raw",
         (*PLANT, "pregnancy-caution", "listeria-risk")),
        ("Cereal Grains and Pasta", "Wheat, sprouted",
         (*PLANT, "contains-gluten", "pregnancy-caution", "listeria-risk")),
        ("Vegetables and Vegetable Products", "Mung beans, mature seeds, sprouted, cooked, "
         "boiled, drained, without salt", PLANT),
        ("Vegetables and Vegetable Products", "Brussels sprouts, raw", PLANT),
        ("Sausages and Luncheon Meats", "Pate, chicken liver, canned",
         ("meat", "offal", "pregnancy-caution", "vitamin-a-rich")),
        ("Sausages and Luncheon Meats", "Ham salad spread",
         ("meat", "pregnancy-caution", "listeria-risk")),
        ("Fast Foods", "Fast Foods, grilled chicken filet sandwich, with lettuce, tomato and "
         "spread", ("meat",)),
        ("Finfish and Shellfish Products", "Fish, salmon, chinook, smoked, (lox), regular",
         ("fish", "pregnancy-caution", "listeria-risk")),
        ("American Indian/Alaska Native Foods", "Fish, salmon, red, (sockeye), canned, smoked "
         "(Alaska Native)", ("fish",)),
        # Infant foods and formula.
        ("Baby Foods", "Babyfood, cereal, oatmeal, dry fortified", ("infant-food",)),
        ("Baby Foods", "Infant formula, MEAD JOHNSON, ENFAMIL, with iron, powder",
         ("infant-food",)),
    ],
)  # fmt: skip
def test_never_suggested_kinds_and_pregnancy_reasons(group, name, tags):
    assert usda_tags(group, name) == tags
    assert set(tags) <= set(TAGS)


def test_no_food_is_both_vegan_and_of_animal_origin():
    animal = {"meat", "fish", "shellfish", "contains-dairy", "contains-egg", "offal"}
    for group, name in [
        ("Vegetables and Vegetable Products", "Soup, cream of celery, with milk"),
        ("Legumes and Legume Products", "Chili with beans, canned, with beef"),
        ("Cereal Grains and Pasta", "Macaroni and cheese, dry mix"),
        ("Spices and Herbs", "Spices, anchovy paste"),
    ]:
        tags = set(usda_tags(group, name))
        assert tags & animal and "vegan" not in tags, (name, tags)
