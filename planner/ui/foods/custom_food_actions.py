"""Custom foods from the Foods and File menus: new, edit, import and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from planner.core.errors import InputError
from planner.core.storage.custom_foods import load_custom_foods, save_custom_food
from planner.core.storage.custom_foods_files import import_custom_foods, write_custom_foods
from planner.ui.foods.custom_food_dialog import CustomFoodDialog
from planner.ui.foods.food_library_base import FoodLibraryBase, imported_message

FOODS_FILTER = "Crampless custom foods (*.foods.json);;JSON files (*.json)"


class CustomFoodActions:
    """Opens the custom food editor and reads and writes .foods.json files."""

    def __init__(self, library: FoodLibraryBase) -> None:
        self.library = library
        self.window = library.window

    def new_custom_food(self) -> CustomFoodDialog:
        dialog = CustomFoodDialog(parent=self.window)
        self.library.open_dialog(dialog, lambda: self._save_custom_food(dialog, None))
        return dialog

    def edit_custom_food(self, food_id: str) -> CustomFoodDialog | None:
        food = load_custom_foods(self.window.library).get(food_id)
        if food is None:
            self.library.status(f"{food_id} is not a custom food of this library.")
            return None
        dialog = CustomFoodDialog(food, parent=self.window)
        self.library.open_dialog(dialog, lambda: self._save_custom_food(dialog, food_id))
        return dialog

    def _save_custom_food(self, dialog: CustomFoodDialog, food_id: str | None) -> bool:
        try:
            food = dialog.food()
            saved = save_custom_food(self.window.library, food, food_id)
        except InputError as exc:
            self.library.warn(dialog.windowTitle(), f"The food cannot be saved:\n{exc}")
            return False
        self.library.reload_foods()
        self.library.select_food(saved)
        self.library.status(f"Saved the custom food {food.name}.")
        return True

    def import_foods(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self.window, "Import custom foods", self.library.folder(), FOODS_FILTER
            )
            if not path:
                return
        try:
            ids = import_custom_foods(self.window.library, Path(path))
        except InputError as exc:
            self.library.warn("Import custom foods", f"Nothing was imported:\n{exc}")
            return
        self.window._remember_folder(path)
        self.library.reload_foods()
        self.library.status(imported_message(len(ids), "custom food", Path(path).name, ids))

    def export_foods(self, path: str | None = None) -> None:
        foods = load_custom_foods(self.window.library)
        if not foods:
            self.library.status(
                "There are no custom foods to export yet (Foods > New custom food…)."
            )
            return
        if not path:
            suggested = str(Path(self.library.folder()) / "custom.foods.json")
            path, _ = QFileDialog.getSaveFileName(
                self.window, "Export custom foods", suggested, FOODS_FILTER
            )
            if not path:
                return
        try:
            write_custom_foods(Path(path), foods)
        except OSError as exc:
            self.library.warn(
                "Export custom foods", f"{path} could not be written: {exc.strerror or exc}"
            )
            return
        self.window._remember_folder(path)
        self.library.status(f"Exported {len(foods)} custom foods to {path}.")
