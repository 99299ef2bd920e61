"""Whose coverage of the day menu the window shows: the profile bar's, or a person's of the
week plan (what they eat of the menu, against their own targets)."""

from __future__ import annotations

from dataclasses import dataclass

from planner.core.data.intakes import Target
from planner.core.data.profile import Profile
from planner.core.menus.menu import Menu


@dataclass(frozen=True)
class CoverageSubject:
    """The menu as eaten (``share`` x the day menu), the eater's profile and targets, the
    note under the totals and ``whose`` targets the chart's % are of ("your", "Tom's").

    ``share``: what the eater eats of each item of the day menu; an amount meant for them
    goes onto the menu divided by it (so they eat what was meant)."""

    menu: Menu
    profile: Profile
    targets: dict[str, Target]
    note: str
    whose: str = "your"
    share: float = 1.0
