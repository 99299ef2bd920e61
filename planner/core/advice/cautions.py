"""Why a food is never suggested or is a caution in pregnancy, from its tags; menu cautions.

The one place for these reasons: the gate of suggestions (``exclusions.allowed_food_ids``),
the food detail pane, the gaps panel, the menu rows and totals, and the command line all
read them here. Each rule and its source are listed in docs/data-sources.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.core.advice.iodine import seaweed_caution

if TYPE_CHECKING:  # only for type hints: the window imports this module at start-up
    from planner.core.data.foods import FoodTable
    from planner.core.data.profile import Profile
    from planner.core.menus.menu import Menu

PREGNANCY_TAG = "pregnancy-caution"
INFANT_TAG = "infant-food"
# Infant foods and formula are suggested only to a profile younger than this (years).
INFANT_AGE_LIMIT = 1.0

# Tag -> why foods carrying it are never suggested nor added by completion, whatever the
# user's own exclusions (the user may still add them by hand). Read as "never suggested:
# it is <reason>".
NEVER_SUGGESTED: dict[str, str] = {
    "seasoning": "a seasoning: a dash of salt closes no real gap, and most people already "
    "eat more sodium than its limit",
    "alcohol": "an alcoholic drink: no amount of alcohol is advised for health, and none in "
    "pregnancy or for children",
    "leavening": "a leavening agent (baking powder or soda, yeast, cream of tartar): an "
    "ingredient used by the gram, not a food",
    "raw-flour": "a flour, meal or starch: an ingredient to cook with, not eaten as it is "
    "(raw flour can carry E. coli)",
    "supplement": "a supplement, meal replacement, protein powder or fortified drink: the "
    "planner suggests foods, not products made to stand in for them",
    "dry-mix": "a dry mix or powder: USDA's values are for the powder, and how much of it "
    "makes a drink or a dish is up to the label",
    "marine-mammal": "marine-mammal meat, fat or organs: a traditional food of the Arctic, "
    "high in mercury",
    "iodine-caution": "a seaweed: its iodine, which USDA does not list, can pass the upper "
    "limit in a few grams",
}
INFANT_REASON = "an infant food or formula, made for babies under one year"
# The never-suggested kinds in one line, where the user chooses what to leave out.
ALWAYS_LEFT_OUT = (
    "Always left out, whatever you choose: alcoholic drinks, baking powder, soda and yeast, "
    "raw flours and starches, salt and seasonings, supplements and fortified drinks, "
    "dry drink mixes and powders, "
    "marine-mammal meat, seaweed, and infant foods from age one. You can still add them "
    "to a menu yourself."
)

# Tag -> why the food is a caution in pregnancy, as the food's own reason.
PREGNANCY_REASONS: dict[str, str] = {
    "vitamin-a-rich": "Liver, liver products and fish-liver oils are very high in preformed "
    "vitamin A (retinol): too much can harm the unborn baby, and pregnancy advice is to "
    "avoid them.",
    "high-mercury": "This fish is high in mercury, which harms the unborn baby's developing "
    "brain: FDA/EPA advice lists it among the fish to avoid in pregnancy.",
    "listeria-risk": "It can carry listeria, which is dangerous in pregnancy even when the "
    "mother feels well: FDA advises pregnant women not to eat raw sprouts, refrigerated "
    "pâtés and meat spreads, or refrigerated smoked fish unless cooked until steaming hot.",
    "iodine-caution": "Seaweed can hold very large and variable amounts of iodine; too much "
    "iodine can upset the baby's thyroid.",
}
# Marine mammals are no fish: their mercury is named in their own words.
MARINE_MAMMAL_MERCURY = (
    "Marine-mammal meat, and still more its liver and kidney, is high in mercury, which "
    "harms the unborn baby's developing brain: Arctic health advice is to avoid it in "
    "pregnancy."
)
# A food tagged ``pregnancy-caution`` with no reason tag (a custom food).
UNEXPLAINED = "Marked as a caution in pregnancy."
# Short words for a reason in a list ("Beef liver (preformed vitamin A)").
SHORT_REASONS: dict[str, str] = {
    "vitamin-a-rich": "preformed vitamin A",
    "high-mercury": "mercury",
    "listeria-risk": "listeria",
    "iodine-caution": "iodine",
}
PREGNANCY_REASON_TAGS: frozenset[str] = frozenset(PREGNANCY_REASONS)
# Every tag that makes a food a caution in pregnancy (left out of suggestions then).
PREGNANCY_TAGS: frozenset[str] = PREGNANCY_REASON_TAGS | {PREGNANCY_TAG}

# Said wherever potassium is suggested (gaps panel, completion, command line).
POTASSIUM_CAUTION = (
    "If you have kidney disease, or take a potassium-sparing diuretic, an ACE inhibitor or "
    "an ARB (angiotensin receptor blocker), ask your doctor before eating more potassium."
)
# The "10 % rule" of the article is about how much sodium is usual, not a remedy.
SALT_NOTE = "More salt does not prevent cramps."


def never_suggested_tags(profile: Profile | None = None) -> frozenset[str]:
    """Tags whose foods are never suggested to ``profile`` (infant foods: from age 1;
    with no profile, for anyone)."""
    tags = frozenset(NEVER_SUGGESTED)
    if profile is None or profile.age >= INFANT_AGE_LIMIT:
        tags |= {INFANT_TAG}
    return tags


def never_suggested_reason(tags: Iterable[str], profile: Profile | None = None) -> str:
    """Why a food with ``tags`` is never suggested to ``profile``; empty when it may be."""
    tags = set(tags)
    for tag, reason in NEVER_SUGGESTED.items():
        if tag in tags:
            return reason
    if INFANT_TAG in tags and INFANT_TAG in never_suggested_tags(profile):
        return INFANT_REASON
    return ""


def pregnancy_reasons(tags: Iterable[str]) -> tuple[str, ...]:
    """The reasons a food with ``tags`` is a caution in pregnancy (none: it is not)."""
    tags = set(tags)
    reasons = []
    for tag, reason in PREGNANCY_REASONS.items():
        if tag in tags:
            if tag == "high-mercury" and "marine-mammal" in tags:
                reason = MARINE_MAMMAL_MERCURY
            reasons.append(reason)
    if not reasons and PREGNANCY_TAG in tags:
        reasons.append(UNEXPLAINED)
    return tuple(reasons)


def short_reasons(tags: Iterable[str]) -> str:
    """The pregnancy reasons in a few words (``preformed vitamin A, listeria``)."""
    tags = set(tags)
    words = [word for tag, word in SHORT_REASONS.items() if tag in tags]
    return ", ".join(words) if words else ("caution" if PREGNANCY_TAG in tags else "")


@dataclass(frozen=True)
class MenuCaution:
    """A warning about a whole menu: ``kind`` is ``pregnancy`` or ``iodine``."""

    kind: str
    foods: tuple[str, ...]
    message: str


def menu_cautions(menu: Menu, foods: FoodTable, profile: Profile) -> list[MenuCaution]:
    """The menu's cautions for ``profile``: pregnancy cautions of the foods on it (when
    pregnant) and more seaweed than a small amount (planner.core.advice.iodine)."""
    cautions = []
    if profile.pregnant:
        flagged = [
            f
            for f in dict.fromkeys(i.food for i in menu.items)
            if f in foods and pregnancy_reasons(foods.cell(f, "tags"))
        ]
        if flagged:
            listed = "; ".join(
                f"{foods.name(f)} ({short_reasons(foods.cell(f, 'tags'))})" for f in flagged
            )
            cautions.append(
                MenuCaution(
                    "pregnancy",
                    tuple(flagged),
                    f"Caution in pregnancy: {listed} (each row's tooltip says why).",
                )
            )
    iodine = seaweed_caution(menu, foods, profile)
    if iodine is not None:
        cautions.append(MenuCaution("iodine", iodine.foods, iodine.message))
    return cautions


def suggestion_cautions(foods: FoodTable, food_id: str, key: str, profile: Profile) -> list[str]:
    """The cautions shown beside one food suggested for nutrient ``key``: the potassium
    caution, and in pregnancy the food's own reasons (the gate leaves such foods out, so
    these show only for a food the user asked for by name)."""
    cautions = [POTASSIUM_CAUTION] if key == "potassium" else []
    if profile.pregnant:
        cautions += pregnancy_reasons(foods.cell(food_id, "tags"))
    return cautions
