"""Recipes from the Foods and File menus: new (also from the selected foods), edit, import
and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from planner.core.errors import InputError
from planner.core.storage.library_foods import RECIPE_PREFIX
from planner.core.storage.recipes import load_recipes, save_recipe
from planner.core.storage.recipes_files import export_recipes, import_recipes
from planner.ui.foods.food_library_base import FoodLibraryBase, imported_message
from planner.ui.foods.recipe_dialog import RecipeDialog

RECIPES_FILTER = "Crampless recipes (*.recipes.json);;JSON files (*.json)"


class RecipeActions:
    """Opens the recipe editor and reads and writes .recipes.json files."""

    def __init__(self, library: FoodLibraryBase) -> None:
        self.library = library
        self.window = library.window

    def new_recipe(self, ingredients: list[tuple[str, float]] | None = None) -> RecipeDialog:
        state = self.window.state
        dialog = RecipeDialog(state.foods, state.targets, parent=self.window)
        for food, grams in ingredients or []:
            dialog.add_ingredient(food, grams)
        self.library.open_dialog(dialog, lambda: self._save_recipe(dialog, None))
        return dialog

    def new_recipe_from_selection(self) -> RecipeDialog | None:
        browser = self.window.browser
        current = self.library.current_food()
        ids = browser.selected_foods() or ([current] if current else [])
        ids = [f for f in ids if not f.startswith(RECIPE_PREFIX)]
        if not ids:
            self.library.status("Select foods (not recipes) in the food list to start a recipe.")
            return None
        foods = self.window.state.foods
        portions = [(f, foods.portion_g(f)) for f in ids]
        return self.new_recipe([(f, 100.0 if g != g else g) for f, g in portions])

    def edit_recipe(self, recipe_id: str) -> RecipeDialog | None:
        recipe = load_recipes(self.window.library).get(recipe_id)
        if recipe is None:
            self.library.status(f"{recipe_id} is not a recipe of this library.")
            return None
        state = self.window.state
        dialog = RecipeDialog(state.foods, state.targets, recipe, parent=self.window)
        self.library.open_dialog(dialog, lambda: self._save_recipe(dialog, recipe_id))
        return dialog

    def _save_recipe(self, dialog: RecipeDialog, recipe_id: str | None) -> bool:
        window = self.window
        try:
            recipe = dialog.recipe()
            saved = save_recipe(
                window.library, recipe, recipe_id, known=window.state.foods.__contains__
            )
        except InputError as exc:
            self.library.warn(dialog.windowTitle(), f"The recipe cannot be saved:\n{exc}")
            return False
        self.library.reload_foods()
        self.library.select_food(saved)
        self.library.status(
            f"Saved the recipe {recipe.name}: {recipe.servings:g} servings of "
            f"{recipe.serving_g:.0f} g. Add it to a menu like any food."
        )
        return True

    def import_recipes(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self.window, "Import recipes", self.library.folder(), RECIPES_FILTER
            )
            if not path:
                return
        window = self.window
        try:
            ids = import_recipes(window.library, Path(path), known=window.state.foods.__contains__)
        except InputError as exc:
            self.library.warn("Import recipes", f"Nothing was imported:\n{exc}")
            return
        window._remember_folder(path)
        self.library.reload_foods()
        recipes = {k: v for k, v in ids.items() if k.startswith(RECIPE_PREFIX)}
        self.library.status(imported_message(len(recipes), "recipe", Path(path).name, ids))

    def export_recipes(self, path: str | None = None) -> None:
        window = self.window
        recipes = load_recipes(window.library)
        if not recipes:
            self.library.status("There are no recipes to export yet (Foods > New recipe…).")
            return
        if not path:
            suggested = str(Path(self.library.folder()) / "my.recipes.json")
            path, _ = QFileDialog.getSaveFileName(
                window, "Export recipes", suggested, RECIPES_FILTER
            )
            if not path:
                return
        try:
            export_recipes(window.library, Path(path))
        except OSError as exc:
            self.library.warn(
                "Export recipes", f"{path} could not be written: {exc.strerror or exc}"
            )
            return
        window._remember_folder(path)
        self.library.status(f"Exported {len(recipes)} recipes to {path}.")
