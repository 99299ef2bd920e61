"""The ages pregnancy and lactation targets cover, and the sentence that says them.

NASEM's pregnancy and lactation rows cover ages 14 to 50, EFSA's from 11 years
(``ReferenceIntakes.stage_ages``, from reference_intakes.csv): a target outside them would
be made up, so the command line refuses such a profile and the window does not offer it.
"""

from __future__ import annotations

from collections.abc import Callable

from planner.core.data.profile import MAX_AGE, Profile

# (standard, life stage) -> the ages (from, below) its rows cover, None when it has none.
StageAges = Callable[[str, str], "tuple[float, float] | None"]


def covered_ages(ages: tuple[float, float]) -> str:
    """``ages 14 to 50 years``; ``ages 11 years and over`` when the rows run past MAX_AGE."""
    low, below = ages
    if below > MAX_AGE:
        return f"ages {low:g} years and over"
    return f"ages {low:g} to {below - 1:g} years"


def stage_ages_note(stage_ages: StageAges, standard: str, stage: str) -> str:
    """``NASEM's pregnancy targets cover ages 14 to 50 years``; empty without rows."""
    ages = stage_ages(standard, stage)
    if ages is None:
        return ""
    return f"{standard.upper()}'s {stage} targets cover {covered_ages(ages)}"


def stage_covers(stage_ages: StageAges, standard: str, stage: str, age: float) -> bool:
    """Whether ``stage`` (``pregnancy``, ``lactation``) has targets at ``age``."""
    ages = stage_ages(standard, stage)
    return ages is None or ages[0] <= age < ages[1]


def stage_age_problem(profile: Profile, stage_ages: StageAges) -> str:
    """Why ``profile``'s pregnancy or lactation has no targets at its age; empty when it
    has (or the profile is neither)."""
    stage = profile.life_stage
    if stage not in ("pregnancy", "lactation"):
        return ""
    if stage_covers(stage_ages, profile.standard, stage, profile.age):
        return ""
    return f"{profile.age:g} years: {stage_ages_note(stage_ages, profile.standard, stage)}"
