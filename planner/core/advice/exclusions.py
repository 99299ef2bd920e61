"""Which foods may be suggested: the user's excluded tags and foods, diet, and pregnancy."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core.advice.cautions import (
    PREGNANCY_TAG as PREGNANCY_TAG,  # the public tag, re-exported
)
from planner.core.advice.cautions import PREGNANCY_TAGS, never_suggested_tags
from planner.core.data.categories import TAGS
from planner.core.data.foods import FoodTable
from planner.core.data.profile import Profile
from planner.core.errors import InputError

# Foods that are not bought (tap water) are offered for water only. Tap water is a real
# way to reach the water target, but its trace minerals (USDA's national average; a
# local supply differs) are no way to close a magnesium or calcium gap, and the
# optimiser, minimising calories, would otherwise add a free glass of water to every menu.
WATER_ONLY_TAG = "no-shopping"
# Seasonings (table salt) are never suggested: a dash of salt closes no real gap, costs no
# calories (so a calorie-minimising completion would reach for it), and most people eat
# more sodium than its limit already. It is one of cautions.NEVER_SUGGESTED's tags.
SEASONING_TAG = "seasoning"


def check_tags(tags: Iterable[str], source: str = "exclusions", place: str = "tags") -> None:
    """Raise InputError naming the first tag that categories.TAGS does not know."""
    for tag in tags:
        if tag not in TAGS:
            raise InputError(source, place, f"unknown tag {tag!r} (known: {', '.join(TAGS)})")


@dataclass(frozen=True)
class Exclusions:
    """What the user will not eat, and the diet every suggested food must fit.

    ``tags``: foods carrying any of these are left out (``fish``, ``contains-dairy``).
    ``foods``: food ids the user dislikes. ``require_tags``: a suggested food must carry
    all of these (``vegan`` for a vegan: a tag foods *have*, unlike the excluded ones).
    """

    tags: frozenset[str] = frozenset()
    foods: frozenset[str] = frozenset()
    require_tags: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        check_tags(self.tags, place="tags")
        check_tags(self.require_tags, place="require_tags")


def excluded_tags(exclusions: Exclusions, profile: Profile | None) -> frozenset[str]:
    """The tags that rule a food out: the user's, plus the pregnancy cautions (the public
    tag and every reason tag) in pregnancy."""
    if profile is not None and profile.pregnant:
        return exclusions.tags | PREGNANCY_TAGS
    return exclusions.tags


def allowed_food_ids(
    foods: FoodTable, exclusions: Exclusions = Exclusions(), profile: Profile | None = None
) -> pd.Index:
    """Ids of the foods that may be suggested, in table order: the one gate of suggestions
    and completion.

    Foods carrying a tag of ``cautions.never_suggested_tags`` (seasonings, alcohol,
    leavening, raw flours and starches, supplements, marine mammals, seaweed, and infant
    foods from age 1) never pass, whatever the user's exclusions; ``cautions`` says why.
    Foods tagged ``no-shopping`` (tap water) stay in: which nutrients they may be offered
    for is the caller's choice (see ``water_only_ids``).
    """
    banned = excluded_tags(exclusions, profile) | never_suggested_tags(profile)
    keep = ~tag_hits(foods, banned).to_numpy()
    if exclusions.require_tags:
        keep &= tag_hits(foods, exclusions.require_tags, every=True).to_numpy()
    keep &= ~foods.ids.isin(list(exclusions.foods))
    return foods.ids[keep]


def tag_hits(foods: FoodTable, tags: frozenset[str], every: bool = False) -> pd.Series:
    """Per food: does it carry any of ``tags`` (or, with ``every``, all of them)."""
    wanted = frozenset(tags)
    rows = foods.info["tags"].to_numpy(object)
    if every:
        hits = np.fromiter((wanted.issubset(row) for row in rows), bool, len(rows))
    else:
        hits = np.fromiter((not wanted.isdisjoint(row) for row in rows), bool, len(rows))
    return pd.Series(hits, index=foods.ids)


def water_only_ids(foods: FoodTable) -> pd.Index:
    """Foods offered for the water target only (tap water: tagged ``no-shopping``)."""
    return foods.ids[tag_hits(foods, frozenset({WATER_ONLY_TAG})).to_numpy()]
