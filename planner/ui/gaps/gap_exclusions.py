"""The user's exclusions for gap suggestions and completion, remembered in the settings."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from planner.core.advice.cautions import (
    INFANT_TAG,
    NEVER_SUGGESTED,
    PREGNANCY_REASON_TAGS,
    PREGNANCY_TAGS,
    SHORT_REASONS,
)
from planner.core.advice.exclusions import PREGNANCY_TAG, WATER_ONLY_TAG, Exclusions
from planner.core.data.categories import TAGS
from planner.core.data.foods import FoodTable
from planner.core.data.profile import Profile
from planner.ui.shared.settings import Settings

TAGS_KEY, FOODS_KEY, DIET_KEY = "gaps/exclude_tags", "gaps/disliked_foods", "gaps/diet"
SEPARATOR = "|"
# Diets are tags a food must carry; the rest of TAGS are tags a food may be left out for.
DIETS: dict[str, str] = {"": "Any food", "vegetarian": "Vegetarian only", "vegan": "Vegan only"}
# Water is never a diet question; never-suggested foods are always left out, and the
# pregnancy reasons are part of the one pregnancy caution.
EXCLUDABLE: tuple[str, ...] = tuple(
    t
    for t in TAGS
    if t not in DIETS
    and t not in {WATER_ONLY_TAG, INFANT_TAG, *NEVER_SUGGESTED, *PREGNANCY_REASON_TAGS}
)


def _split(value) -> list[str]:
    # An INI file gives a one-item list back as plain text, so lists are stored joined.
    if isinstance(value, list):
        value = SEPARATOR.join(str(v) for v in value)
    return [v for v in str(value or "").split(SEPARATOR) if v]


class ExclusionsStore(QObject):
    """The current Exclusions; ``changed`` is emitted after every change, which is saved.

    A hand-edited settings file may name tags this version does not know: they are dropped
    rather than stopping the window (core Exclusions would refuse them).
    """

    changed = Signal(object)  # Exclusions

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        diet = str(settings.value(DIET_KEY, "") or "")
        self.exclusions = Exclusions(
            tags=frozenset(t for t in _split(settings.value(TAGS_KEY, "")) if t in TAGS),
            foods=frozenset(_split(settings.value(FOODS_KEY, ""))),
            require_tags=frozenset({diet}) if diet in DIETS and diet else frozenset(),
        )

    @property
    def diet(self) -> str:
        return next(iter(self.exclusions.require_tags), "")

    def set(self, exclusions: Exclusions) -> None:
        if exclusions == self.exclusions:
            return
        self.exclusions = exclusions
        self.settings.set_value(TAGS_KEY, SEPARATOR.join(sorted(exclusions.tags)))
        self.settings.set_value(FOODS_KEY, SEPARATOR.join(sorted(exclusions.foods)))
        self.settings.set_value(DIET_KEY, next(iter(exclusions.require_tags), ""))
        self.changed.emit(exclusions)

    def dislike(self, food_ids: list[str]) -> None:
        """Never suggest these foods (the browser's and the panel's "Never suggest")."""
        e = self.exclusions
        self.set(Exclusions(e.tags, e.foods | set(food_ids), e.require_tags))


def describe(exclusions: Exclusions, foods: FoodTable, profile: Profile) -> str:
    """One line of what is left out: ``Vegan only · Leaving out: fish · Never: Milk``."""
    parts = []
    if exclusions.require_tags:
        parts.append(DIETS[next(iter(exclusions.require_tags))])
    tags = [TAGS[t].lower() for t in EXCLUDABLE if t in exclusions.tags and t != PREGNANCY_TAG]
    if PREGNANCY_TAG in exclusions.tags and not profile.pregnant:
        tags.append("caution in pregnancy")
    if tags:
        parts.append("Leaving out: " + ", ".join(tags))
    disliked = sorted(exclusions.foods, key=lambda f: foods.name(f) if f in foods else f)
    if disliked:
        # Food names hold commas ("Pork liver, braised"): semicolons keep them apart.
        names = [foods.name(f) if f in foods else f for f in disliked[:2]]
        more = f" and {len(disliked) - 2} more" if len(disliked) > 2 else ""
        parts.append(f"Never: {'; '.join(names)}{more}")
    return " · ".join(parts) if parts else "All foods may be suggested"


def pregnancy_note(profile: Profile, foods: FoodTable) -> str:
    """What pregnancy changes, or nothing."""
    if not profile.pregnant:
        return ""
    # One pass: how many foods are cautions, and the reasons they carry in a few words.
    count, seen = 0, set()
    for tags in foods.column("tags"):
        if not PREGNANCY_TAGS.isdisjoint(tags):
            count += 1
            seen.update(tags)
    foods_are = "1 food marked" if count == 1 else f"{count} foods marked"
    verb = "is" if count == 1 else "are"
    reasons = [word for tag, word in SHORT_REASONS.items() if tag in seen]
    why = f" ({', '.join(reasons)})" if reasons else ""
    return f"Pregnancy: {foods_are} “{TAGS[PREGNANCY_TAG].lower()}”{why} {verb} left out."
