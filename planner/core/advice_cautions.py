"""What a suggestion must say beside itself: the cautions that go with a food or nutrient."""

from __future__ import annotations

from planner.core.foods import FoodTable
from planner.core.profile import Profile

POTASSIUM_CAUTION = (
    "People with kidney disease, or taking potassium-sparing diuretics, ACE inhibitors or "
    "ARBs, should ask their doctor before eating more potassium."
)
PREGNANCY_CAUTION = "Caution in pregnancy: ask your midwife or doctor."


def suggestion_cautions(foods: FoodTable, food_id: str, key: str, profile: Profile) -> list[str]:
    """The cautions shown beside one suggested food for nutrient ``key``."""
    cautions = []
    if key == "potassium":
        cautions.append(POTASSIUM_CAUTION)
    if profile.pregnant and "pregnancy-caution" in foods.cell(food_id, "tags"):
        cautions.append(PREGNANCY_CAUTION)
    return cautions
