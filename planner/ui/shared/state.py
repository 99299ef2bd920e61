"""The window's shared state: the food table, reference intakes, the profile and its targets."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from planner.core.data.foods import FoodTable
from planner.core.data.intakes import ReferenceIntakes, Target
from planner.core.data.nutrients import CHART_KEYS
from planner.core.data.profile import Profile


class AppState(QObject):
    """What several widgets show at once; a profile change updates every target at once."""

    profileChanged = Signal(object)  # Profile
    foodsChanged = Signal(object)  # FoodTable

    def __init__(self, foods: FoodTable, intakes: ReferenceIntakes, profile: Profile) -> None:
        super().__init__()
        self.foods = foods
        self.intakes = intakes
        self.profile = profile
        self.targets: dict[str, Target] = intakes.targets(profile)
        # Which charted nutrients get no target, and why (empty when all do).
        self.missing_note = intakes.missing_note(profile, CHART_KEYS)

    def set_profile(self, profile: Profile) -> None:
        if profile == self.profile:
            return
        self.profile = profile
        self.targets = self.intakes.targets(profile)
        self.missing_note = self.intakes.missing_note(profile, CHART_KEYS)
        self.profileChanged.emit(profile)

    def set_foods(self, foods: FoodTable) -> None:
        """Replace the food table (after an import or a custom food is added)."""
        self.foods = foods
        self.foodsChanged.emit(foods)
