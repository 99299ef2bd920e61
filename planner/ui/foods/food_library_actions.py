"""The window's food library: the Foods menu and the food list's actions, added by
``install``; the USDA import, portions, custom foods and recipes are parts of their own."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from planner.core.errors import InputError
from planner.core.storage.custom_foods import delete_custom_food
from planner.core.storage.library_foods import CUSTOM_PREFIX, RECIPE_PREFIX
from planner.core.storage.recipes import delete_recipe
from planner.ui.foods.custom_food_actions import CustomFoodActions
from planner.ui.foods.food_library_base import FoodLibraryBase
from planner.ui.foods.portion_actions import PortionActions, household_measures
from planner.ui.foods.recipe_actions import RecipeActions
from planner.ui.foods.usda_import_actions import UsdaImportActions
from planner.ui.widgets.dialogs import confirm


class FoodLibraryActions(FoodLibraryBase):
    """Menu actions and dialogs that change the library's foods; the food table follows.

    ``actions`` holds the QActions by key; ``usda``, ``portions``, ``custom_foods`` and
    ``recipes`` are the parts that carry them out.
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self.usda = UsdaImportActions(self)
        self.portions = PortionActions(self)
        self.custom_foods = CustomFoodActions(self)
        self.recipes = RecipeActions(self)
        self.actions: dict[str, QAction] = {}
        self._build()
        browser = window.browser
        browser.table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        window.state.foodsChanged.connect(lambda _: self._update())
        self._update()

    # -- construction ------------------------------------------------------------------------
    def _action(
        self, key: str, text: str, slot: Callable[[], None], tip: str, shortcut: str | None = None
    ) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda: slot())
        self.actions[key] = action
        return action

    def _build(self) -> None:
        window = self.window
        a = self._action
        file_actions = [
            a(
                "import_usda",
                "Import &USDA database…",
                self.usda.import_usda_zip,
                "Add all 8,789 foods of USDA SR28 from its ASCII zip (sr28asc.zip)",
            ),
            a(
                "import_usda_folder",
                "Import USDA database from folder…",
                self.usda.import_usda_folder,
                "Add the USDA SR28 foods from the unpacked ASCII files",
            ),
            None,
            a(
                "import_foods",
                "Import custom foods…",
                self.custom_foods.import_foods,
                "Add the custom foods of a .foods.json file",
            ),
            a(
                "export_foods",
                "Export custom foods…",
                self.custom_foods.export_foods,
                "Save your custom foods as a .foods.json file",
            ),
            a(
                "import_recipes",
                "Import recipes…",
                self.recipes.import_recipes,
                "Add the recipes (and the custom foods they use) of a .recipes.json file",
            ),
            a(
                "export_recipes",
                "Export recipes…",
                self.recipes.export_recipes,
                "Save your recipes, with the custom foods they use, as a .recipes.json file",
            ),
        ]
        before = window.import_separator
        window.file_menu.insertSeparator(before)
        for action in file_actions:
            if action is None:
                window.file_menu.insertSeparator(before)
            else:
                window.file_menu.insertAction(before, action)

        portion = a(
            "choose_portion",
            "Choose &portion…",
            self.portions.choose_portion,
            "Make another household measure the selected food's portion",
            "Ctrl+Shift+P",
        )
        foods_menu = QMenu("F&oods", window)
        for action in (
            a(
                "new_food",
                "New &custom food…",
                self.custom_foods.new_custom_food,
                "Describe a food of your own, per 100 g or per label serving",
                "Ctrl+Shift+N",
            ),
            a(
                "new_recipe",
                "New &recipe…",
                self.recipes.new_recipe,
                "Make a recipe from foods; it becomes a food of its own",
                "Ctrl+Shift+R",
            ),
            a(
                "recipe_from_selection",
                "New recipe from &selected foods…",
                self.recipes.new_recipe_from_selection,
                "Start a recipe with one portion of each selected food",
            ),
            None,
            a(
                "edit_food",
                "&Edit selected food…",
                self.edit_selected,
                "Edit the selected custom food or recipe",
                "Ctrl+Shift+E",
            ),
            a(
                "delete_food",
                "&Delete selected food…",
                self.delete_selected,
                "Delete the selected custom food or recipe (not while a menu uses it)",
            ),
            None,
            portion,
            None,
            # Also in the File menu; here where a person looking for foods looks.
            self.actions["import_usda"],
            self.actions["import_usda_folder"],
        ):
            if action is None:
                foods_menu.addSeparator()
            else:
                foods_menu.addAction(action)
        window.menuBar().insertMenu(window.view_menu.menuAction(), foods_menu)
        self.foods_menu = foods_menu
        window.edit_menu.addAction(portion)

        table = window.browser.table
        # Right-click on the food list; a list with a default policy only (as Compare does).
        if table.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        separator = QAction(table)
        separator.setSeparator(True)
        table.addAction(separator)
        for key in ("choose_portion", "edit_food", "delete_food", "recipe_from_selection"):
            table.addAction(self.actions[key])

    def _update(self) -> None:
        food = self.current_food()
        editable = bool(food) and food.startswith((CUSTOM_PREFIX, RECIPE_PREFIX))
        self.actions["edit_food"].setEnabled(editable)
        self.actions["delete_food"].setEnabled(editable)
        self.actions["choose_portion"].setEnabled(bool(food))

    # -- either kind -------------------------------------------------------------------------
    def edit_selected(self):
        food = self.current_food()
        if food and food.startswith(CUSTOM_PREFIX):
            return self.custom_foods.edit_custom_food(food)
        if food and food.startswith(RECIPE_PREFIX):
            return self.recipes.edit_recipe(food)
        self.status(
            "Only custom foods and recipes can be edited; USDA values stay as published "
            "(Choose portion… changes a food's portion)."
        )
        return None

    def delete_selected(self) -> bool:
        """Delete the selected custom food or recipe, after asking; refused while it is used."""
        window = self.window
        food = self.current_food()
        if not food or not food.startswith((CUSTOM_PREFIX, RECIPE_PREFIX)):
            self.status("Select a custom food or recipe to delete it.")
            return False
        kind = "recipe" if food.startswith(RECIPE_PREFIX) else "custom food"
        name = window.state.foods.name(food)
        text = f"Delete the {kind} “{name}”? This cannot be undone."
        if not confirm(window, f"Delete {kind}", text):
            return False
        # The open menu counts as a use: save it so the library sees it.
        window.save_now()
        try:
            if kind == "recipe":
                delete_recipe(window.library, food)
            else:
                delete_custom_food(window.library, food)
        except InputError as exc:
            self.warn(f"Delete {kind}", f"“{name}” cannot be deleted: it is {exc.message}.")
            return False
        self.reload_foods()
        self.status(f"Deleted the {kind} {name}.")
        return True


def install(window) -> None:
    """Add File > Import USDA database…, the Foods menu and the food list's actions."""
    window.food_library = FoodLibraryActions(window)
    # Menu items can be counted in any household measure the library has for a food.
    measures_of = partial(household_measures, window)
    for model in (
        window.menu_model,
        getattr(getattr(window, "plan_view", None), "menu_model", None),
    ):
        if model is not None:
            model.measures_of = measures_of
