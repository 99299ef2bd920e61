"""Choose portion…: make another of a USDA food's household measures its portion; and the
measures a menu item may be counted in."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from planner.core.errors import InputError
from planner.core.storage.library_foods import (
    CUSTOM_PREFIX,
    RECIPE_PREFIX,
    choose_portion,
    measures,
    reset_portion,
)
from planner.ui.foods.food_library_base import FoodLibraryBase
from planner.ui.foods.portion_dialog import RESET, PortionDialog


class PortionActions:
    """Opens the portion dialog for a food and saves the choice in the library."""

    def __init__(self, library: FoodLibraryBase) -> None:
        self.library = library
        self.window = library.window

    def choose_portion(self, food_id: str | None = None) -> PortionDialog | None:
        window = self.window
        food_id = food_id or self.library.current_food()
        if not food_id:
            self.library.status("Select a food in the food list to choose its portion.")
            return None
        foods = window.state.foods
        info = foods.info.loc[food_id]
        if food_id.startswith(RECIPE_PREFIX):
            QMessageBox.information(
                window,
                "Choose portion",
                "A recipe's portion is one serving. Change its number of servings in the "
                "recipe editor (Foods > Edit selected food…).",
            )
            return None
        if food_id.startswith(CUSTOM_PREFIX):
            QMessageBox.information(
                window,
                "Choose portion",
                "A custom food's portion is set in its editor (Foods > Edit selected food…).",
            )
            return None
        choices = measures(window.library, food_id, str(info["usda_ndb"] or ""))
        if not choices:
            QMessageBox.information(
                window,
                "Choose portion",
                "Household measures come with the USDA database. Import it (File > Import "
                "USDA database…) to choose this food's portion among them.",
            )
            return None
        grams = float(info["portion_g"])
        current = None if grams != grams else (str(info["portion_name"]), grams)
        in_menu = sum(
            float(i.portions or 0.0)
            for i in window.menu_model.menu.items
            if i.food == food_id and i.grams is None
        )
        dialog = PortionDialog(foods.name(food_id), current, choices, in_menu, window)

        def apply() -> bool:
            try:
                if dialog.chosen == RESET:
                    reset_portion(window.library, food_id)
                else:
                    choose_portion(
                        window.library, food_id, dialog.chosen, str(info["usda_ndb"] or "")
                    )
            except InputError as exc:
                self.library.warn("Choose portion", f"The portion cannot be changed:\n{exc}")
                return True
            self.library.reload_foods()
            now = window.state.foods
            self.library.status(
                f"1 portion of {now.name(food_id)} is now {now.info.at[food_id, 'portion_name']} "
                f"({now.portion_g(food_id):g} g)."
            )
            return True

        self.library.open_dialog(dialog, apply)
        return dialog


def household_measures(window, food_id: str) -> list[tuple[str, float]]:
    """(name, grams) of the SR28 measures the library holds for a food."""
    foods = window.state.foods
    if food_id not in foods:
        return []
    ndb = str(foods.cell(food_id, "usda_ndb") or "")
    return [(m.name, m.grams) for m in measures(window.library, food_id, ndb)]
