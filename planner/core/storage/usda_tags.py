"""Diet and safety tags for imported SR28 foods, from their food group and description.

SR28 lists no ingredients, so an imported food's tags are what its food group and its
name say. The rules lean towards safety: a tag that rules a food out (an allergen, fish,
meat, the pregnancy caution) is given whenever the name or the group suggests it, and a
tag a diet requires (``vegan``, ``vegetarian``) only to a plant food, or a dairy or egg
food, whose name mentions nothing else. A food with no allergen tag is still "not known",
never "free of": a baked good's name does not say whether it holds egg or nuts.

The never-suggested kinds (alcohol, leavening, flours and starches, supplements, marine
mammals, seaweed, infant foods) and the reasons for caution in pregnancy (vitamin A,
mercury, listeria, iodine) are tagged here too; docs/data-sources.md lists each rule and
its source, and ``planner.core.advice.cautions`` says why to the user. A library's imported foods
are tagged again when ``library.USDA_TAG_RULES`` changes: raise it with any rule here.
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
BEVERAGES_GROUP = "Beverages"
BABY_GROUP = "Baby Foods"
# Groups where a "spread" is a meat spread (not a fast-food sandwich "with spread").
MEAT_SPREAD_GROUPS = frozenset({"Sausages and Luncheon Meats", "Poultry Products"})
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
# FDA/EPA "choices to avoid" in pregnancy for mercury (SR28 writes "roughy, orange").
_HIGH_MERCURY = re.compile(
    r"\b(?:shark|swordfish|tilefish|marlin|orange roughy|roughy, orange|bigeye|"
    r"king mackerel|mackerel, king)\b",
    re.IGNORECASE,
)
# Whales, seals, walruses, sea lions and polar bears (a marine mammal in US law): Arctic
# traditional foods, high in mercury.
_MARINE_MAMMAL = _words(
    "whale", "seal", "walrus", "beluga", "narwhal", "sea lion", "oogruk", "muktuk",
    "polar bear", "bear, polar",
)  # fmt: skip
# Listeria in pregnancy (FDA): raw sprouts; refrigerated pates and meat spreads (canned or
# shelf-stable ones are safe); refrigerated smoked seafood unless canned or cooked.
_RAW_SPROUTS = re.compile(r"\bsprouted(?:, raw)?$", re.IGNORECASE)
_PATE = re.compile(r"\bp[aâ]t[eé]\b|\bliverwurst|\bbraunschweiger|\bliver sausage", re.I)
_SPREAD = _words("spread")
_SMOKED = _words("smoked", "kippered", "lox", "nova")
_CANNED = _words("canned")
# Seaweeds: their iodine (not in SR28) can pass the upper limit in a few grams. Spirulina
# is a cyanobacterium sold as a supplement powder, not a seaweed: tagged a supplement.
_SEAWEED = _words(
    "seaweed", "kelp", "wakame", "nori", "laver", "kombu", "dulse", "hijiki", "arame",
    "irishmoss", "irish moss", "agar", "sea lettuce",
)  # fmt: skip
_SPIRULINA = _words("spirulina")
# Alcoholic drinks: SR28 names most "Alcoholic beverage, ..."; the rest are Beverages
# named by their drink. Mixers, root beer and non-alcoholic wine and beer are not.
_ALCOHOL = _words(
    "alcoholic", "beer", "malt liquor", "wine", "liqueur", "rum", "vodka", "whiskey",
    "whisky", "gin", "distilled", "sake", "brandy", "cognac", "tequila", "hard cider",
    "hard lemonade",
)  # fmt: skip
_NOT_ALCOHOL = re.compile(r"non-?alcoholic|root beer|\bmix\b|distilled water", re.IGNORECASE)
# Salt, seasoning mixes (named so in the first two parts of the name, not "rotisserie,
# original seasoning"), vinegars, flavour extracts, soy sauce and dry bouillon: used by
# the dash, never a way to close a gap (herbs and spices stay, capped by completion).
_SEASONING = re.compile(
    r"^(?:salt,|vinegar|vanilla extract|soy sauce)|^(?:[^,]*,)?[^,]*(?<!with )\bseasoning\b|"
    r"\bbouillon\b(?!.*\bprepared\b).*\b(?:dry|powder|cubes|granules)\b",
    re.IGNORECASE,
)
_INFANT = re.compile(r"\b(?:infant|child|toddler) formula|\bbabyfood", re.IGNORECASE)
_LEAVENING = re.compile(
    r"^leavening agents|\bbaking (?:powder|soda)|\bcream of tartar|\byeast, baker's", re.I
)
# Flours, meals and starches: the head of the name (its first or second part, as in
# "Seeds, cottonseed flour") ends in one; oatmeal and "MALT-O-MEAL" cereals do not count.
_FLOUR_HEAD = re.compile(r"(?:\b(?:flours?|starch|meal)|\bcornmeal|\bcornstarch)$", re.I)
_FLOUR_NAMES = re.compile(r"^(?:vital wheat gluten|tapioca, pearl, dry)", re.IGNORECASE)
_NOT_FLOUR = re.compile(r"malt-o-meal|steam meal", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)")
_MADE_FROM = re.compile(r"\b(?:made|from|with)\b", re.IGNORECASE)  # "Piki bread, made from ..."
# Supplements, meal replacements, protein powders, energy drinks and fortified bars.
_SUPPLEMENT = re.compile(
    r"\bprotein (?:supplement|powder|shake)|\bwhey protein|\bprotein isolate|"
    r"\bmeal (?:replacement|supplement)|\bnutritional (?:supplement|shake|drink)|"
    r"\b(?-i:ENSURE|Boost)\b|\bmuscle milk|\bslim-?fast|\binstant breakfast|"
    r"\bvitamin ?water|\benergy drink|\bformulated bar|\bspecial k20|"
    r"\bsoy protein (?:concentrate|isolate)|\bmeat extender",
    re.IGNORECASE,
)
# Dry mixes and powders whose values are for the powder (a drink, shake or pudding is
# made from a few spoonfuls of it): "..., powder", "..., dry mix", "not reconstituted".
_DRY_MIX = re.compile(
    r"\b(?:powder|dry mix|mix, dry|mix, powder|not reconstituted|dry, not prepared|undiluted)\b"
    r"(?!ed\b)",
    re.IGNORECASE,
)
# Dried milk, whey, egg and cream powders (not cheese: "dry grated" parmesan is a cheese).
_DRIED_DAIRY = re.compile(
    r"^(?:milk|buttermilk|whey|egg|eggs|cream|yogurt|sour cream)\b[^(]*\b(?:dry|dried)\b",
    re.IGNORECASE,
)
_PREPARED = re.compile(r"\bprepared\b", re.IGNORECASE)  # "prepared with water and mix"
# Unsweetened cocoa powder is eaten by the spoonful as it is (servings.py: 5 g).
_COCOA_POWDER = re.compile(r"^cocoa, dry powder", re.IGNORECASE)
_DRY_MIX_GROUPS = frozenset(
    {"Beverages", "Dairy and Egg Products", "Sweets", "Fruits and Fruit Juices"}
)
# A drink of the Beverages group with vitamins added, unless it is a (plant) milk.
_FORTIFIED = re.compile(r"(?<!not )\bfortified\b|\bwith added nutrients|\badded vitamins", re.I)
_MILK = re.compile(r"(?<!for )\bmilk\b", re.IGNORECASE)
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
    marine_mammal = bool(_MARINE_MAMMAL.search(meat_text))
    meat = group in MEAT_GROUPS or bool(_MEAT.search(meat_text)) or marine_mammal
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
    # Not corn tortillas, nor the leavening agents SR28 files under baked products.
    baked = group == BAKED_GROUP and not (_CORN.search(text) or _LEAVENING.search(text))
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
    seaweed = bool(_SEAWEED.search(text)) and not _SPIRULINA.search(text)
    reasons = []
    if animal and _LIVER.search(text):
        reasons.append("vitamin-a-rich")
    if (fish and _HIGH_MERCURY.search(text)) or marine_mammal:
        reasons.append("high-mercury")
    if _listeria_risk(group, text, plant, animal, fish or shellfish):
        reasons.append("listeria-risk")
    if seaweed:
        reasons.append("iodine-caution")
    if reasons:
        tags.append("pregnancy-caution")
        tags.extend(reasons)
    tags.extend(_never_suggested(group, text, marine_mammal))
    return tuple(tags)


def _listeria_risk(group: str, text: str, plant: bool, animal: bool, seafood: bool) -> bool:
    """Raw sprouts, refrigerated pates and meat spreads, refrigerated smoked seafood."""
    if plant and _RAW_SPROUTS.search(text):
        return True
    if not animal or _CANNED.search(text):
        return False
    spread = group in MEAT_SPREAD_GROUPS and bool(_SPREAD.search(text))
    return spread or bool(_PATE.search(text)) or (seafood and bool(_SMOKED.search(text)))


def _never_suggested(group: str, text: str, marine_mammal: bool) -> list[str]:
    """The never-suggested tags (planner.core.advice.cautions.NEVER_SUGGESTED) of one food."""
    tags = []
    if _SEASONING.search(text):
        tags.append("seasoning")
    if text.startswith("Alcoholic") or (
        group == BEVERAGES_GROUP and _ALCOHOL.search(text) and not _NOT_ALCOHOL.search(text)
    ):
        tags.append("alcohol")
    if _LEAVENING.search(text):
        tags.append("leavening")
    if _is_flour(text):
        tags.append("raw-flour")
    fortified_drink = (
        group == BEVERAGES_GROUP and _FORTIFIED.search(text) and not _MILK.search(text)
    )
    if _SUPPLEMENT.search(text) or _SPIRULINA.search(text) or fortified_drink:
        tags.append("supplement")
    dry = (_DRY_MIX.search(text) and not _PREPARED.search(text)) or _DRIED_DAIRY.search(text)
    if group in _DRY_MIX_GROUPS and dry and not _COCOA_POWDER.search(text):
        tags.append("dry-mix")
    if marine_mammal:
        tags.append("marine-mammal")
    if group == BABY_GROUP or _INFANT.search(text):
        tags.append("infant-food")
    return tags


def _is_flour(text: str) -> bool:
    """A flour, meal or starch as bought: the first or second part of its name ends in one."""
    if _NOT_FLOUR.search(text):
        return False
    if _FLOUR_NAMES.search(text):
        return True
    parts = text.split(",")[:2]
    heads = (_PARENTHESES.sub("", p).strip() for p in parts if not _MADE_FROM.search(p))
    return any(_FLOUR_HEAD.search(head) for head in heads)
