"""Realistic servings: what one serving of a food weighs, how much a day may hold, which meal.

Suggestions and "Complete my menu" count in servings a person eats, not in USDA's largest
household measure (a cup of molasses). Each food is sorted into a *kind* from its name,
its USDA food group and its aisle; a kind has:

- ``racc_g``: the reference serving, anchored on FDA's Reference Amounts Customarily
  Consumed per eating occasion (21 CFR 101.12(b), Table 2), in grams;
- ``cap_g``: the most of one such food completion adds to a day (herbs and spices a few
  grams, drinks other than water a glass or two, most foods two servings);
- ``meals``: the meals the food belongs to, in order of preference.

docs/data-sources.md ("Servings, daily caps and meals") gives each kind's source. A food
whose own household portion lies near the reference serving keeps it ("1 medium, 118 g");
otherwise its serving is the reference amount in grams.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount

BREAKFAST, LUNCH, DINNER, SNACK = "breakfast", "lunch", "dinner", "snack"
# A food's own portion is its serving when it weighs from half to twice the reference.
OWN_PORTION_RANGE = (0.5, 2.0)


@dataclass(frozen=True)
class Kind:
    """A kind of food as servings see it (see the module docstring)."""

    key: str
    label: str
    racc_g: float
    cap_g: float
    meals: tuple[str, ...]


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("water", "drinking water", 240, 2000, (LUNCH, DINNER, BREAKFAST, SNACK)),
        Kind("milk", "milk and milk drinks", 240, 480, (BREAKFAST, SNACK)),
        Kind("juice", "fruit and vegetable juice", 240, 240, (BREAKFAST,)),
        Kind("drink", "other drinks", 360, 480, (SNACK, BREAKFAST)),
        Kind("yogurt", "yogurt", 170, 340, (BREAKFAST, SNACK)),
        Kind("cottage-cheese", "cottage and ricotta cheese", 110, 220, (BREAKFAST, LUNCH)),
        Kind("cheese", "cheese", 30, 60, (LUNCH, SNACK)),
        Kind("cream", "cream", 15, 30, (BREAKFAST, DINNER)),
        Kind("egg", "eggs", 50, 100, (BREAKFAST, LUNCH)),
        Kind("fruit", "fresh fruit", 140, 280, (BREAKFAST, SNACK)),
        Kind("dried-fruit", "dried fruit", 40, 80, (SNACK, BREAKFAST)),
        Kind("vegetable", "vegetables", 85, 170, (DINNER, LUNCH)),
        Kind("dried-vegetable", "dried vegetables", 10, 10, (DINNER, LUNCH)),
        Kind("herb", "fresh herbs", 4, 10, (DINNER, LUNCH)),
        Kind("spice", "dried herbs and spices", 0.5, 2, (DINNER, LUNCH)),
        Kind("legume", "cooked beans, peas and lentils", 130, 260, (LUNCH, DINNER)),
        Kind("legume-dry", "dry beans, peas and lentils", 35, 70, (LUNCH, DINNER)),
        Kind("tofu", "tofu and tempeh", 85, 170, (DINNER, LUNCH)),
        Kind("nut-seed", "nuts and seeds", 30, 60, (SNACK, BREAKFAST)),
        Kind("nut-butter", "nut and seed butters", 32, 64, (BREAKFAST, SNACK)),
        Kind("bran", "bran and wheat germ", 15, 30, (BREAKFAST,)),
        Kind("cereal", "breakfast cereals", 40, 80, (BREAKFAST,)),
        Kind("grain", "cooked grains and pasta", 140, 280, (LUNCH, DINNER)),
        Kind("grain-dry", "dry grains and pasta", 45, 90, (LUNCH, DINNER)),
        Kind("bread", "bread and rolls", 50, 100, (BREAKFAST, LUNCH)),
        Kind("sweet-bakery", "cakes, cookies and pastries", 55, 55, (SNACK,)),
        Kind("meat", "meat and poultry, cooked", 85, 170, (DINNER, LUNCH)),
        Kind("meat-raw", "meat and poultry, raw weight", 114, 228, (DINNER, LUNCH)),
        Kind("offal", "liver and other offal", 85, 85, (DINNER,)),
        Kind("cured-meat", "sausages and cold cuts", 55, 55, (LUNCH,)),
        Kind("fish", "fish and shellfish", 85, 170, (DINNER, LUNCH)),
        Kind("fish-raw", "fish and shellfish, raw weight", 110, 220, (DINNER, LUNCH)),
        Kind("fish-oil", "fish liver oils", 4.5, 4.5, (BREAKFAST,)),
        Kind("fat", "oils and fats", 14, 14, (DINNER, LUNCH)),
        Kind("sweetener", "honey, syrups, sugar and jams", 21, 21, (BREAKFAST, SNACK)),
        Kind("chocolate", "chocolate and sweets", 30, 30, (SNACK,)),
        Kind("frozen-dessert", "ice cream and frozen desserts", 88, 88, (SNACK,)),
        Kind("condiment", "condiments and spreads", 15, 15, (LUNCH, BREAKFAST)),
        Kind("cocoa", "cocoa powder", 5, 10, (BREAKFAST, SNACK)),
        Kind("soup", "soups", 245, 245, (LUNCH, DINNER)),
        Kind("snack", "snacks", 30, 30, (SNACK,)),
        Kind("dish", "mixed dishes", 240, 240, (LUNCH, DINNER)),
        Kind("flour", "flours and starches", 30, 30, (DINNER,)),
        Kind("other", "other foods", 85, 85, (LUNCH, DINNER)),
    )
}


def _any(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")", re.IGNORECASE)


_RAW = _any(r"raw\b")
_COOKED = _any("cooked", "boiled", "roasted", "baked", "braised", "broiled", "grilled",
               "fried", "stewed", "simmered", "pan-", "canned", "drained", "steamed",
               "microwaved", "smoked")  # fmt: skip
_DRY = _any(r"raw\b", "dry", "uncooked", "mature seeds, raw")
# First match wins: (kind, a pattern of the name).
_NAME_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("water", _any(r"water, tap", r"water, bottled", r"tap water", r"drinking water")),
    ("fish-oil", _any("cod liver oil", r"fish oil", r"oil, (?:cod|fish|herring|salmon|sardine)")),
    ("bran", _any("bran(?!dy)", "wheat germ")),
    ("cocoa", _any("cocoa, dry powder", "cocoa powder")),
    (
        "nut-butter",
        _any(
            "peanut butter",
            "nut butter",
            "almond butter",
            "tahini",
            "sesame butter",
            "seed butter",
            "cashew butter",
        ),
    ),
    ("nut-seed", _any(r"peanuts\b")),
    ("juice", _any("juice")),
    ("frozen-dessert", _any("ice creams?", "frozen yogurts?", "sherbet", "frozen desserts?")),
    ("yogurt", _any("yogurt", "yoghurt", "kefir")),
    ("cottage-cheese", _any("cottage", "ricotta", "quark")),
    ("cheese", _any("cheese")),
    ("cream", _any(r"cream\b(?!ed)", "half and half")),
    ("chocolate", _any("candies", "candy", "dark chocolate", "chocolate, dark")),
    (
        "milk",
        _any(
            r"milk\b(?! chocolate)",
            "buttermilk",
            "soymilk",
            r"(?:soy|almond|oat|rice|coconut) (?:milk|beverage)",
        ),
    ),
    ("condiment", _any("yeast extract", "mustard", "catsup", "ketchup", "miso", "fuyu")),
    ("tofu", _any("tofu", "tempeh")),
    (
        "sweetener",
        re.compile(
            r"^sugars?\b|\b(?:honey|molasses|syrups?|jams?|jell(?:y|ies)|marmalades?|preserves)\b",
            re.IGNORECASE,
        ),
    ),
    ("flour", _any("flour", "starch", "cornstarch")),
)
_GROUP_KINDS: dict[str, str] = {
    "Beverages": "drink",
    "Dairy and Egg Products": "cheese",
    "Fruits and Fruit Juices": "fruit",
    "Vegetables and Vegetable Products": "vegetable",
    "Spices and Herbs": "spice",
    "Legumes and Legume Products": "legume",
    "Nut and Seed Products": "nut-seed",
    "Cereal Grains and Pasta": "grain",
    "Breakfast Cereals": "cereal",
    "Baked Products": "bread",
    "Beef Products": "meat",
    "Pork Products": "meat",
    "Poultry Products": "meat",
    "Lamb, Veal, and Game Products": "meat",
    "Sausages and Luncheon Meats": "cured-meat",
    "Finfish and Shellfish Products": "fish",
    "Fats and Oils": "fat",
    "Sweets": "chocolate",
    "Soups, Sauces, and Gravies": "soup",
    "Snacks": "snack",
    "Fast Foods": "dish",
    "Restaurant Foods": "dish",
    "Meals, Entrees, and Side Dishes": "dish",
    "Baby Foods": "other",
    "American Indian/Alaska Native Foods": "other",
}
# Custom foods and recipes have an aisle but no USDA group.
_CATEGORY_KINDS: dict[str, str] = {
    "fruit": "fruit",
    "dried-fruit": "dried-fruit",
    "vegetables": "vegetable",
    "bakery-grains": "grain",
    "legumes": "legume",
    "nuts-seeds": "nut-seed",
    "dairy-eggs": "cheese",
    "meat": "meat",
    "fish": "fish",
    "drinks": "drink",
}
_HERBS = _any("parsley", "dill", "basil", "coriander leaves", "cilantro", "chives", "mint",
              "spearmint", "peppermint", "thyme, fresh", "rosemary, fresh", "tarragon, fresh",
              "sage, fresh", "lemon grass", "watercress", "epazote", "lemon balm",
              "sorrel", "fennel, leaves")  # fmt: skip
_DRIED = _any("dried", "dehydrated", "freeze-dried")
_DRIED_FRUIT = _any("dried", "dehydrated", "raisins", "prunes", "dates", "figs, dried")
_EGG = _any("egg")
_CHEESE = _any("cheese")
_SWEET_BAKERY = _any(r"cakes?\b", "cookie", "pastry", r"pies?\b", "doughnut", "danish",
                     "croissant", "brownie", "muffin", "sweet roll")  # fmt: skip
_GRAIN_DRY = _any(r"raw\b", "dry", "uncooked", "unenriched, raw", "enriched, raw")
_COLD_CUT = _any("sausage", "salami", "bologna", "frankfurter", "ham,", "luncheon", "pate")


def kind_of(name: str, group: str, category: str, tags: Sequence[str]) -> str:
    """The kind key of one food (see KINDS), from its name, USDA group, aisle and tags."""
    if "offal" in tags:
        return "offal"
    for kind, pattern in _NAME_RULES:
        if pattern.search(name):
            return kind
    kind = _GROUP_KINDS.get(group) or _CATEGORY_KINDS.get(category, "other")
    dried = _DRIED.search(name)
    if kind in ("vegetable", "spice") and _HERBS.search(name):
        return "spice" if dried else "herb"
    if kind == "vegetable" and dried:
        return "dried-vegetable"
    if kind == "fruit" and (category == "dried-fruit" or _DRIED_FRUIT.search(name)):
        return "dried-fruit"
    if kind == "cheese" and _EGG.search(name) and not _CHEESE.search(name):
        return "egg"
    if kind == "legume" and _DRY.search(name) and not _COOKED.search(name):
        return "legume-dry"
    if kind == "grain" and _GRAIN_DRY.search(name) and not _COOKED.search(name):
        return "grain-dry"
    if kind == "bread" and _SWEET_BAKERY.search(name):
        return "sweet-bakery"
    if kind == "meat" and _RAW.search(name):
        return "meat-raw"
    if kind == "fish" and _RAW.search(name):
        return "fish-raw"
    if kind == "cured-meat" and not _COLD_CUT.search(name):
        return "meat"
    return kind


@dataclass(frozen=True, eq=False)
class Servings:
    """Per food of a table (table order): kind, serving grams and name, daily cap in grams."""

    ids: list[str]
    kinds: list[str]
    grams: np.ndarray  # one serving, edible grams
    names: list[str]  # "1 medium (7" to 7-7/8" long)" or "" where the serving is grams
    cap_g: np.ndarray  # the most completion adds of the food in a day

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {food: row for row, food in enumerate(self.ids)}

    def position(self, food_id: str) -> int:
        """The row of ``food_id`` (KeyError when the table has no such food)."""
        return self._rows[food_id]

    def describe(self, row: int) -> str:
        """``1 cup, 244 g`` or ``85 g``."""
        grams = f"{fmt_amount(float(self.grams[row]))} g"
        return f"{self.names[row]}, {grams}" if self.names[row] else grams

    def meals(self, row: int) -> tuple[str, ...]:
        return KINDS[self.kinds[row]].meals


@lru_cache(maxsize=4)
def servings_of(foods: FoodTable) -> Servings:
    """Every food's serving and cap (see the module docstring); worked out once per food
    table (tables are never changed in place), for the gaps panel and completion alike."""
    names = foods.column("name")
    groups = foods.optional_column("usda_food_group")
    categories = foods.column("category")
    tags = foods.column("tags")
    portions = foods.numbers("portion_g")
    portion_names = foods.column("portion_name")
    kinds, grams, serving_names, caps = [], [], [], []
    low, high = OWN_PORTION_RANGE
    for row, name in enumerate(names):
        group = groups[row] if isinstance(groups[row], str) else ""
        kind = KINDS[kind_of(str(name), group, str(categories[row]), tags[row])]
        portion = float(portions[row])
        own = np.isfinite(portion) and low * kind.racc_g <= portion <= min(
            high * kind.racc_g, kind.cap_g
        )
        kinds.append(kind.key)
        grams.append(portion if own else kind.racc_g)
        serving_names.append(str(portion_names[row]) if own else "")
        caps.append(kind.cap_g)
    return Servings(
        list(foods.id_list), kinds, np.array(grams, float), serving_names, np.array(caps, float)
    )
