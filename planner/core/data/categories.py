"""Food categories (shopping aisles), purchase units and diet tags: their keys and labels."""

from __future__ import annotations

# Category key -> aisle label, in the order a shop is walked.
AISLES: dict[str, str] = {
    "fruit": "Fruit",
    "vegetables": "Vegetables & herbs",
    "bakery-grains": "Bread, grains & cereals",
    "legumes": "Beans & legumes",
    "nuts-seeds": "Nuts & seeds",
    "dried-fruit": "Dried fruit",
    "dairy-eggs": "Dairy & eggs",
    "meat": "Meat & poultry",
    "fish": "Fish & seafood",
    "pantry": "Pantry",
    "drinks": "Drinks",
    "other": "Other",
}

# Purchase units bought whole (a shopping list rounds these up); "kg" is weighed loose.
PIECE_UNITS: frozenset[str] = frozenset(
    {"piece", "bunch", "pack", "bag", "bottle", "can", "jar", "carton", "tub", "loaf"}
)
WEIGHED_UNITS: frozenset[str] = frozenset({"kg"})
PURCHASE_UNITS: frozenset[str] = PIECE_UNITS | WEIGHED_UNITS

# Diet and safety tags a food may carry, with what a user reads.
TAGS: dict[str, str] = {
    "vegan": "Vegan",
    "vegetarian": "Vegetarian",
    "contains-dairy": "Contains dairy",
    "contains-egg": "Contains egg",
    "contains-gluten": "Contains gluten",
    "contains-nuts": "Contains nuts",
    "contains-peanuts": "Contains peanuts",
    "contains-soy": "Contains soy",
    "fish": "Fish",
    "shellfish": "Shellfish",
    "meat": "Meat",
    "offal": "Offal",
    "pregnancy-caution": "Caution in pregnancy",
    # Why a food is a caution in pregnancy (planner/core/advice/cautions.py gives the reasons).
    "vitamin-a-rich": "Very high in preformed vitamin A (liver)",
    "high-mercury": "High in mercury",
    "listeria-risk": "Listeria risk (raw sprouts, pâtés, smoked fish)",
    "iodine-caution": "Seaweed: very high iodine (never suggested)",
    "no-shopping": "Not bought (tap water)",
    # Never suggested nor added by completion (planner/core/advice/cautions.py says why); the user
    # may still add such a food by hand.
    "seasoning": "Seasoning (never suggested)",
    "alcohol": "Alcoholic drink (never suggested)",
    "leavening": "Leavening agent (never suggested)",
    "raw-flour": "Flour or starch (never suggested)",
    "supplement": "Supplement or fortified drink (never suggested)",
    "dry-mix": "Dry mix or powder (never suggested)",
    "marine-mammal": "Marine mammal (never suggested)",
    "infant-food": "Infant food or formula (suggested under age 1 only)",
}


def aisle_label(category: str) -> str:
    """The aisle label a category is shown and grouped under."""
    return AISLES.get(category, AISLES["other"])
