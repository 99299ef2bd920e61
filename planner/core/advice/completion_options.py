"""How a menu may be completed: the options "Complete my menu" and ``suggest`` take.

Apart from the solver (optimizer.py), so that the command line and the window can offer
and check the options without importing scipy or HiGHS.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.core.data.nutrients import BY_KEY, CRAMP_KEYS, GUARD_KEYS
from planner.core.errors import InputError
from planner.core.menus.menu import MEALS

# The first is the default (docs/completion-judgement.md says why).
OBJECTIVES: dict[str, str] = {
    "servings": "fewest servings, light ones first",
    "kcal": "fewest added calories",
    "grams": "fewest added grams",
}
# ``meal`` meaning: each food in the meal it belongs to (completion_meals.py).
AUTO_MEAL = "auto"


@dataclass(frozen=True)
class CompletionOptions:
    """How a menu may be completed.

    ``max_portions_per_food``: most realistic servings *added* of any one food (in
    half-serving steps; a food's daily cap may allow fewer). ``max_new_foods``: most
    foods added that the menu did not hold (foods already on it may be raised without
    counting). ``include``: the nutrients to reach, replacing the default (the cramp
    nutrients, plus vitamin D and water when their flags are set). ``max_kcal``: a cap
    on the completed menu's energy. ``meal``: where new foods go (``auto``: the meal
    each belongs to). ``time_limit``: seconds HiGHS may take per solve (one to four).
    """

    max_portions_per_food: int = 2
    max_new_foods: int = 4
    objective: str = "servings"
    include_vitamin_d: bool = False
    include_water: bool = False
    include: frozenset[str] | None = None
    max_kcal: float | None = None
    meal: str = AUTO_MEAL
    time_limit: float = 10.0

    def __post_init__(self) -> None:
        def fail(place: str, message: str) -> None:
            raise InputError("options", place, message)

        if not 1 <= self.max_portions_per_food <= 20:
            fail("max_portions_per_food", f"{self.max_portions_per_food} is not from 1 to 20")
        if not 0 <= self.max_new_foods <= 50:
            fail("max_new_foods", f"{self.max_new_foods} is not from 0 to 50")
        if self.objective not in OBJECTIVES:
            fail("objective", f"unknown objective {self.objective!r} (use {', '.join(OBJECTIVES)})")
        if self.include is not None and (unknown := sorted(self.include - set(BY_KEY))):
            fail("include", f"unknown nutrient {unknown[0]!r}")
        if self.include is not None and (guards := sorted(self.include & set(GUARD_KEYS))):
            fail("include", f"{guards[0]!r} is watched for its upper limit only, never aimed at")
        if self.max_kcal is not None and not self.max_kcal > 0:
            fail("max_kcal", f"{self.max_kcal:g} is not a positive number of kcal")
        if self.meal not in (AUTO_MEAL, *MEALS):
            fail("meal", f"unknown meal {self.meal!r} (use {AUTO_MEAL}, {', '.join(MEALS)})")
        if not self.time_limit > 0:
            fail("time_limit", "must be more than 0 seconds")

    def aimed_keys(self) -> tuple[str, ...]:
        """The nutrients the completion must bring up to target, in registry order."""
        if self.include is not None:
            return tuple(k for k in BY_KEY if k in self.include)
        extra = (("vitamin_d",) if self.include_vitamin_d else ()) + (
            ("water",) if self.include_water else ()
        )
        return (*CRAMP_KEYS, *extra)
