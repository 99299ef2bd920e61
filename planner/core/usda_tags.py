"""Diet and safety tags for imported SR28 foods, from their food group and description.

SR28 lists no ingredients, so an imported food's tags are what its food group and its
name say. The rules lean towards safety: a tag that rules a food out (an allergen, fish,
meat, the pregnancy caution) is given whenever the name or the group suggests it, and a
tag a diet requires (``vegan``, ``vegetarian``) only to a plant food, or a dairy or egg
food, whose name mentions nothing else. A food with no allergen tag is still "not known",
never "free of": a baked good's name does not say whether it holds egg or nuts.
"""

from __future__ import annotations

import re

PLANT_GROUPS = frozenset(
    {
        "Spices and Herbs",
        "Fruits and Fruit Juices",
        "Vegetables and Vegetable Products",
        "Nut and Seed Products",
        "Legumes and Legume Products",
        "Cereal Grains and Pasta",
    }
)
MEAT_GROUPS = frozenset(
    {
        "Poultry Products",
        "Sausages and Luncheon Meats",
        "Pork Products",
        "Beef Products",
        "Lamb, Veal, and Game Products",
    }
)
SEAFOOD_GROUP = "Finfish and Shellfish Products"
DAIRY_AND_EGG_GROUP = "Dairy and Egg Products"
NUT_AND_SEED_GROUP = "Nut and Seed Products"
BAKED_GROUP = "Baked Products"


def _words(*words: str) -> re.Pattern[str]:
    """Any of ``words`` as whole words (a trailing ``s`` allowed), ignoring case."""
    return re.compile(r"\b(?:" + "|".join(words) + r")s?\b", re.IGNORECASE)


# Plant "milks" and "butters" and names that only look like dairy; removed before looking
# for dairy words.
_NOT_DAIRY = re.compile(
    r"\b(?:coconut|soy|soya|almond|rice|oat|cashew|hemp|peanut|nut|apple|cocoa|shea|"
    r"sesame|sunflower|seed|pumpkin)\s+(?:milk|butter|cream|beverage)s?\b|"
    r"\bcream of (?:tartar|wheat|rice)\b|\bmilk substitute",
    re.IGNORECASE,
)
_DAIRY = _words(
    "milk", "cheese", "cheddar", "mozzarella", "parmesan", "ricotta", "butter", "buttermilk",
    "cream", "creamed", "yogurt", "yoghurt", "whey", "casein", "caseinate",
    "kefir", "ghee", "lactose", "custard", "eggnog", "dulce de leche",
)  # fmt: skip
_EGG = _words("egg", "eggnog", "mayonnaise", "meringue", "yolk")
_MEAT = _words(
    "meat", "beef", "pork", "ham", "hamburger", "cheeseburger", "burger", "bacon", "chicken",
    "turkey", "lamb", "mutton", "veal", "venison", "sausage", "salami", "pepperoni",
    "frankfurter", "hotdog", "hot dog", "bologna", "pastrami", "prosciutto", "chorizo",
    "jerky", "meatball", "meatloaf", "duck", "goose", "goat(?! cheese| milk)",
    "bison", "buffalo(?! milk)", "rabbit", "elk", "deer", "moose", "caribou", "whale",
    "seal", "walrus", "liverwurst", "braunschweiger", "pate", "foie gras", "squab", "quail",
    "pheasant", "ostrich", "emu", "boar",
)  # fmt: skip
# Animal products that are not meat, yet neither vegan nor vegetarian.
_ANIMAL_FAT_OR_GELATIN = _words("gelatin", "lard", "suet", "tallow")
# In a plant food's name, meat counts only as an added ingredient ("Beans, baked, canned,
# with pork"): "Burger" or "Sausage Links" there name a meat substitute.
_WITH = re.compile(r"\bwith\b(.*)", re.IGNORECASE)
# Plants named after shellfish; removed before looking for fish and shellfish.
_NOT_SEAFOOD = re.compile(r"\bmushrooms?, oyster\b|\boyster mushroom|\bvegetable oyster", re.I)
# A brand (a name in capitals, "MORNINGSTAR FARMS ..."): a product whose recipe its name
# does not give, so never called vegan.
_BRAND = re.compile(r"\b[A-Z][A-Z'&.-]{2,}\b")
# Fish eggs (roe) are not the egg of egg allergies.
_ROE = re.compile(r"\beggs\b", re.IGNORECASE)
_MEATLESS = re.compile(r"\b(?:meatless|vegetarian|vegan|veggie|imitation|meat substitute)", re.I)
_FISH = _words(
    "fish", "tuna", "salmon", "cod", "anchovy", "anchovies", "sardine", "herring",
    "mackerel", "trout", "pollock", "haddock", "halibut", "tilapia", "catfish", "surimi",
    "caviar", "roe", "roughy", "swordfish", "shark", "tilefish", "marlin",
)  # fmt: skip
_SHELLFISH = _words(
    "shrimp", "prawn", "crab", "lobster", "crayfish", "clam", "mussel", "oyster", "scallop",
    "squid", "octopus", "calamari", "abalone", "conch", "whelk", "cuttlefish", "crustacean",
    "mollusk",
)  # fmt: skip
# Organ meats; looked for only in meat and fish (not in kidney beans or hearts of palm).
_OFFAL = _words(
    "liver", "kidney", "heart", "tongue", "tripe", "brain", "sweetbread", "giblet", "gizzard",
    "variety meat", "chitterling", "lung", "spleen", "pancreas", "thymus", "liverwurst",
    "braunschweiger", "pate", "foie gras",
)  # fmt: skip
# Liver and its products hold very large amounts of vitamin A (retinol).
_LIVER = _words("liver", "liverwurst", "braunschweiger", "pate", "foie gras")
# FDA/EPA "choices to avoid" in pregnancy for mercury.
_HIGH_MERCURY = re.compile(
    r"\b(?:shark|swordfish|tilefish|marlin|orange roughy|bigeye|king mackerel|"
    r"mackerel, king)\b",
    re.IGNORECASE,
)
_TREE_NUTS = _words(
    "almond", "walnut", "hazelnut", "filbert", "cashew", "pistachio", "pecan", "macadamia",
    "brazilnut", "brazil nut", "pine nut", "pinyon", "(?<!water )chestnut", "beechnut",
    "hickorynut", "praline", "marzipan", "nougat", "nut",
)  # fmt: skip
_PEANUTS = _words("peanut", "groundnut")
_SOY = _words(
    "soy", "soya", "soybean", "soymilk", "tofu", "tempeh", "miso", "natto", "edamame",
    "okara", "yuba",
)  # fmt: skip
_GLUTEN = _words(
    "wheat", "barley", "rye", "spelt", "semolina", "durum", "couscous", "bulgur", "farina",
    "seitan", "triticale", "malt", "malted", "kamut", "pasta", "spaghetti", "macaroni",
    "noodle", "bread", "breaded", "breadcrumb", "crouton", "biscuit", "cake", "cookie",
    "pastry", "pretzel", "bagel", "muffin", "pancake", "waffle", "croissant", "dumpling",
    "pizza",
)  # fmt: skip
_GLUTEN_FREE = re.compile(r"\bgluten[- ]free\b", re.IGNORECASE)
# Rice and mung-bean products named like wheat ones; removed before looking for gluten.
_NOT_GLUTEN = re.compile(
    r"\brice (?:cake|cracker|noodle|pasta|paper|bread)s?\b|\bnoodles?, chinese, cellophane",
    re.IGNORECASE,
)
_CORN = re.compile(r"\bcorn\b", re.IGNORECASE)
_HONEY = _words("honey")


def usda_tags(group: str, description: str) -> tuple[str, ...]:
    """The tags (keys of ``categories.TAGS``) of an SR28 food of food group ``group``
    (FD_GROUP's description) named ``description`` (FOOD_DES's Long_Desc)."""
    text = description
    dairy_text = _NOT_DAIRY.sub(" ", text)
    plant = group in PLANT_GROUPS
    dairy_or_egg = group == DAIRY_AND_EGG_GROUP  # SR28's holds neither meat nor fish
    # What may name meat, and fish or shellfish.
    meat_text = seafood_text = "" if dairy_or_egg or _MEATLESS.search(text) else text
    if plant:
        added = _WITH.search(meat_text)
        meat_text = added.group(1) if added else ""
        seafood_text = _NOT_SEAFOOD.sub(" ", seafood_text)
    seafood = group == SEAFOOD_GROUP
    shellfish = bool(_SHELLFISH.search(seafood_text)) or (
        seafood and text.startswith(("Crustaceans", "Mollusks"))
    )
    fish = (seafood and not shellfish) or bool(_FISH.search(seafood_text))
    meat = group in MEAT_GROUPS or bool(_MEAT.search(meat_text))
    egg = (dairy_or_egg and text.startswith("Egg")) or bool(
        _EGG.search(text) and not (fish and _ROE.search(text))
    )
    dairy = (dairy_or_egg and not text.startswith("Egg")) or bool(_DAIRY.search(dairy_text))
    if dairy_or_egg and text.startswith("Eggnog"):
        dairy = True
    animal = meat or fish or shellfish
    tags: list[str] = []
    if (plant or dairy_or_egg) and not (animal or _ANIMAL_FAT_OR_GELATIN.search(text)):
        if plant and not (dairy or egg or _HONEY.search(text) or _BRAND.search(text)):
            tags.append("vegan")
        tags.append("vegetarian")
    if dairy:
        tags.append("contains-dairy")
    if egg:
        tags.append("contains-egg")
    baked = group == BAKED_GROUP and not _CORN.search(text)  # corn tortillas
    if (_GLUTEN.search(_NOT_GLUTEN.sub(" ", text)) or baked) and not _GLUTEN_FREE.search(text):
        tags.append("contains-gluten")
    if (group == NUT_AND_SEED_GROUP and text.startswith("Nuts")) or _TREE_NUTS.search(text):
        tags.append("contains-nuts")
    if _PEANUTS.search(text):
        tags.append("contains-peanuts")
    if _SOY.search(text):
        tags.append("contains-soy")
    if fish:
        tags.append("fish")
    if shellfish:
        tags.append("shellfish")
    if meat:
        tags.append("meat")
    if animal and _OFFAL.search(text):
        tags.append("offal")
    if (animal and _LIVER.search(text)) or (fish and _HIGH_MERCURY.search(text)):
        tags.append("pregnancy-caution")
    return tuple(tags)
