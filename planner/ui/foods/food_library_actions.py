"""The window's food library: USDA import, custom foods, recipes and chosen portions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from planner.core.errors import InputError
from planner.core.storage.catalog import load_catalog
from planner.core.storage.custom_foods import (
    delete_custom_food,
    load_custom_foods,
    save_custom_food,
)
from planner.core.storage.custom_foods_files import import_custom_foods, write_custom_foods
from planner.core.storage.library_foods import (
    CUSTOM_PREFIX,
    RECIPE_PREFIX,
    choose_portion,
    measures,
    reset_portion,
)
from planner.core.storage.recipes import delete_recipe, load_recipes, save_recipe
from planner.core.storage.recipes_files import export_recipes, import_recipes
from planner.core.storage.usda_import import ImportSummary, usda_import_info
from planner.paths import FOODS_CSV
from planner.ui.foods.custom_food_dialog import CustomFoodDialog
from planner.ui.foods.portion_dialog import RESET, PortionDialog
from planner.ui.foods.recipe_dialog import RecipeDialog
from planner.ui.foods.usda_import_dialog import TITLE as USDA_TITLE
from planner.ui.foods.usda_import_dialog import UsdaImport
from planner.ui.widgets.dialogs import confirm

FOODS_FILTER = "Crampless custom foods (*.foods.json);;JSON files (*.json)"
RECIPES_FILTER = "Crampless recipes (*.recipes.json);;JSON files (*.json)"
ZIP_FILTER = "USDA SR28 ASCII zip (*.zip);;All files (*)"
USDA_PATH_KEY = "usda/last_path"
STATUS_MS = 8000


class FoodLibraryActions(QObject):
    """Menu actions and dialogs that change the library's foods; the food table follows.

    Dialogs are opened window-modal without a nested event loop; the one open is
    ``self.dialog`` (tests fill it in and press its buttons).
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.dialog = None
        self.import_run: UsdaImport | None = None
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
                self.import_usda_zip,
                "Add all 8,789 foods of USDA SR28 from its ASCII zip (sr28asc.zip)",
            ),
            a(
                "import_usda_folder",
                "Import USDA database from folder…",
                self.import_usda_folder,
                "Add the USDA SR28 foods from the unpacked ASCII files",
            ),
            None,
            a(
                "import_foods",
                "Import custom foods…",
                self.import_foods,
                "Add the custom foods of a .foods.json file",
            ),
            a(
                "export_foods",
                "Export custom foods…",
                self.export_foods,
                "Save your custom foods as a .foods.json file",
            ),
            a(
                "import_recipes",
                "Import recipes…",
                self.import_recipes,
                "Add the recipes (and the custom foods they use) of a .recipes.json file",
            ),
            a(
                "export_recipes",
                "Export recipes…",
                self.export_recipes,
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
            self.choose_portion,
            "Make another household measure the selected food's portion",
            "Ctrl+Shift+P",
        )
        foods_menu = QMenu("F&oods", window)
        for action in (
            a(
                "new_food",
                "New &custom food…",
                self.new_custom_food,
                "Describe a food of your own, per 100 g or per label serving",
                "Ctrl+Shift+N",
            ),
            a(
                "new_recipe",
                "New &recipe…",
                self.new_recipe,
                "Make a recipe from foods; it becomes a food of its own",
                "Ctrl+Shift+R",
            ),
            a(
                "recipe_from_selection",
                "New recipe from &selected foods…",
                self.new_recipe_from_selection,
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

    # -- helpers ---------------------------------------------------------------------------
    def status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    def reload_foods(self) -> None:
        """Read the catalog again; every view that shows foods follows ``foodsChanged``."""
        window = self.window
        foods_csv = getattr(window, "foods_csv", FOODS_CSV)
        window.state.set_foods(load_catalog(foods_csv=foods_csv, library=window.library))

    def current_food(self) -> str | None:
        return self.window.browser.current_food()

    def select_food(self, food_id: str) -> None:
        """Show ``food_id`` in the food list (clearing a search that hides it) and select it."""
        browser = self.window.browser
        model = browser.model
        if food_id not in model.foods:
            return
        source = model.index(model.row_of(food_id), 0)
        index = browser.proxy.mapFromSource(source)
        if not index.isValid():
            browser.search.setText(model.foods.name(food_id))
            index = browser.proxy.mapFromSource(source)
        if not index.isValid():
            browser.search.clear()
            browser.aisle.setCurrentIndex(0)
            index = browser.proxy.mapFromSource(source)
        if index.isValid():
            browser.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            browser.table.scrollTo(index)

    def _update(self) -> None:
        food = self.current_food()
        editable = bool(food) and food.startswith((CUSTOM_PREFIX, RECIPE_PREFIX))
        self.actions["edit_food"].setEnabled(editable)
        self.actions["delete_food"].setEnabled(editable)
        self.actions["choose_portion"].setEnabled(bool(food))

    def _open(self, dialog, on_accept: Callable[[], bool]) -> None:
        """Show ``dialog`` window-modal; ``on_accept`` returns False to keep it open."""
        self.dialog = dialog

        def accepted() -> None:
            if not on_accept():
                dialog.open()  # keep the user's input for another try
                return
            self.dialog = None
            dialog.deleteLater()

        def rejected() -> None:
            self.dialog = None
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)

    def _folder(self) -> str:
        return self.window._last_folder()

    # -- USDA import -------------------------------------------------------------------------
    def import_usda_zip(self, path: str | None = None) -> UsdaImport | None:
        if not path:
            start = str(self.window.settings.value(USDA_PATH_KEY, self._folder()))
            path, _ = QFileDialog.getOpenFileName(self.window, USDA_TITLE, start, ZIP_FILTER)
            if not path:
                return None
        return self.start_usda_import(Path(path))

    def import_usda_folder(self, path: str | None = None) -> UsdaImport | None:
        if not path:
            start = str(self.window.settings.value(USDA_PATH_KEY, self._folder()))
            path = QFileDialog.getExistingDirectory(
                self.window, "Import USDA database from folder", start
            )
            if not path:
                return None
        return self.start_usda_import(Path(path))

    def start_usda_import(
        self, path: Path, should_cancel: Callable[[], bool] | None = None
    ) -> UsdaImport | None:
        """Import in a worker thread behind a progress dialog; returns the running import."""
        window = self.window
        if self.import_run is not None:
            self.status("A USDA import is already running.")
            return None
        earlier = usda_import_info(window.library)
        if earlier is not None:
            text = (
                f"The library already holds the USDA foods imported from {earlier['source']} "
                f"on {earlier['imported']}. Replace them?\n\nYour custom foods, recipes, "
                "chosen portions, menus and plans are kept."
            )
            if not confirm(window, USDA_TITLE, text):
                return None
        window.settings.set_value(USDA_PATH_KEY, str(path))
        # The worker writes through its own connection; nothing of ours may be pending.
        window.save_now()
        run = UsdaImport(window, path, window.library.path, self._usda_imported, should_cancel)
        run.statusMessage.connect(self.status)
        run.done.connect(self._usda_done)
        self.import_run = run
        run.start()
        return run

    def _usda_imported(self, summary: ImportSummary) -> None:
        self.reload_foods()
        self.status(
            f"Imported {summary.foods:,} USDA foods with {summary.measures:,} household "
            f"measures from {summary.source} in {summary.seconds:.1f} s."
        )

    def _usda_done(self, outcome: str) -> None:
        run, self.import_run = self.import_run, None
        if outcome == "cancelled":
            self.status("USDA import cancelled; the library is unchanged.")
        elif outcome == "failed":
            self.status("USDA import failed; the library is unchanged.")
        if run is not None:
            run.deleteLater()

    # -- portions ----------------------------------------------------------------------------
    def choose_portion(self, food_id: str | None = None) -> PortionDialog | None:
        window = self.window
        food_id = food_id or self.current_food()
        if not food_id:
            self.status("Select a food in the food list to choose its portion.")
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
                self._warn("Choose portion", f"The portion cannot be changed:\n{exc}")
                return True
            self.reload_foods()
            now = window.state.foods
            self.status(
                f"1 portion of {now.name(food_id)} is now {now.info.at[food_id, 'portion_name']} "
                f"({now.portion_g(food_id):g} g)."
            )
            return True

        self._open(dialog, apply)
        return dialog

    # -- custom foods ------------------------------------------------------------------------
    def new_custom_food(self) -> CustomFoodDialog:
        dialog = CustomFoodDialog(parent=self.window)
        self._open(dialog, lambda: self._save_custom_food(dialog, None))
        return dialog

    def edit_custom_food(self, food_id: str) -> CustomFoodDialog | None:
        food = load_custom_foods(self.window.library).get(food_id)
        if food is None:
            self.status(f"{food_id} is not a custom food of this library.")
            return None
        dialog = CustomFoodDialog(food, parent=self.window)
        self._open(dialog, lambda: self._save_custom_food(dialog, food_id))
        return dialog

    def _save_custom_food(self, dialog: CustomFoodDialog, food_id: str | None) -> bool:
        try:
            food = dialog.food()
            saved = save_custom_food(self.window.library, food, food_id)
        except InputError as exc:
            self._warn(dialog.windowTitle(), f"The food cannot be saved:\n{exc}")
            return False
        self.reload_foods()
        self.select_food(saved)
        self.status(f"Saved the custom food {food.name}.")
        return True

    def import_foods(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self.window, "Import custom foods", self._folder(), FOODS_FILTER
            )
            if not path:
                return
        try:
            ids = import_custom_foods(self.window.library, Path(path))
        except InputError as exc:
            self._warn("Import custom foods", f"Nothing was imported:\n{exc}")
            return
        self.window._remember_folder(path)
        self.reload_foods()
        self.status(_imported_message(len(ids), "custom food", Path(path).name, ids))

    def export_foods(self, path: str | None = None) -> None:
        foods = load_custom_foods(self.window.library)
        if not foods:
            self.status("There are no custom foods to export yet (Foods > New custom food…).")
            return
        if not path:
            suggested = str(Path(self._folder()) / "custom.foods.json")
            path, _ = QFileDialog.getSaveFileName(
                self.window, "Export custom foods", suggested, FOODS_FILTER
            )
            if not path:
                return
        try:
            write_custom_foods(Path(path), foods)
        except OSError as exc:
            self._warn("Export custom foods", f"{path} could not be written: {exc.strerror or exc}")
            return
        self.window._remember_folder(path)
        self.status(f"Exported {len(foods)} custom foods to {path}.")

    # -- recipes ----------------------------------------------------------------------------
    def new_recipe(self, ingredients: list[tuple[str, float]] | None = None) -> RecipeDialog:
        state = self.window.state
        dialog = RecipeDialog(state.foods, state.targets, parent=self.window)
        for food, grams in ingredients or []:
            dialog.add_ingredient(food, grams)
        self._open(dialog, lambda: self._save_recipe(dialog, None))
        return dialog

    def new_recipe_from_selection(self) -> RecipeDialog | None:
        browser = self.window.browser
        ids = browser.selected_foods() or ([self.current_food()] if self.current_food() else [])
        ids = [f for f in ids if not f.startswith(RECIPE_PREFIX)]
        if not ids:
            self.status("Select foods (not recipes) in the food list to start a recipe.")
            return None
        foods = self.window.state.foods
        portions = [(f, foods.portion_g(f)) for f in ids]
        return self.new_recipe([(f, 100.0 if g != g else g) for f, g in portions])

    def edit_recipe(self, recipe_id: str) -> RecipeDialog | None:
        recipe = load_recipes(self.window.library).get(recipe_id)
        if recipe is None:
            self.status(f"{recipe_id} is not a recipe of this library.")
            return None
        state = self.window.state
        dialog = RecipeDialog(state.foods, state.targets, recipe, parent=self.window)
        self._open(dialog, lambda: self._save_recipe(dialog, recipe_id))
        return dialog

    def _save_recipe(self, dialog: RecipeDialog, recipe_id: str | None) -> bool:
        window = self.window
        try:
            recipe = dialog.recipe()
            saved = save_recipe(
                window.library, recipe, recipe_id, known=window.state.foods.__contains__
            )
        except InputError as exc:
            self._warn(dialog.windowTitle(), f"The recipe cannot be saved:\n{exc}")
            return False
        self.reload_foods()
        self.select_food(saved)
        self.status(
            f"Saved the recipe {recipe.name}: {recipe.servings:g} servings of "
            f"{recipe.serving_g:.0f} g. Add it to a menu like any food."
        )
        return True

    def import_recipes(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self.window, "Import recipes", self._folder(), RECIPES_FILTER
            )
            if not path:
                return
        window = self.window
        try:
            ids = import_recipes(window.library, Path(path), known=window.state.foods.__contains__)
        except InputError as exc:
            self._warn("Import recipes", f"Nothing was imported:\n{exc}")
            return
        window._remember_folder(path)
        self.reload_foods()
        recipes = {k: v for k, v in ids.items() if k.startswith(RECIPE_PREFIX)}
        self.status(_imported_message(len(recipes), "recipe", Path(path).name, ids))

    def export_recipes(self, path: str | None = None) -> None:
        window = self.window
        recipes = load_recipes(window.library)
        if not recipes:
            self.status("There are no recipes to export yet (Foods > New recipe…).")
            return
        if not path:
            suggested = str(Path(self._folder()) / "my.recipes.json")
            path, _ = QFileDialog.getSaveFileName(
                window, "Export recipes", suggested, RECIPES_FILTER
            )
            if not path:
                return
        try:
            export_recipes(window.library, Path(path))
        except OSError as exc:
            self._warn("Export recipes", f"{path} could not be written: {exc.strerror or exc}")
            return
        window._remember_folder(path)
        self.status(f"Exported {len(recipes)} recipes to {path}.")

    # -- either kind -------------------------------------------------------------------------
    def edit_selected(self):
        food = self.current_food()
        if food and food.startswith(CUSTOM_PREFIX):
            return self.edit_custom_food(food)
        if food and food.startswith(RECIPE_PREFIX):
            return self.edit_recipe(food)
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
            self._warn(f"Delete {kind}", f"“{name}” cannot be deleted: it is {exc.message}.")
            return False
        self.reload_foods()
        self.status(f"Deleted the {kind} {name}.")
        return True


def _imported_message(count: int, what: str, file: str, ids: dict[str, str]) -> str:
    text = f"Imported {count} {what}{'s' if count != 1 else ''} from {file}."
    renamed = [f"{old} as {new}" for old, new in ids.items() if old != new]
    if renamed:
        text += " Kept apart from different ones already here: " + ", ".join(renamed) + "."
    return text


def install(window) -> None:
    """Add File > Import USDA database…, the Foods menu and the food list's actions."""
    window.food_library = FoodLibraryActions(window)
    # Menu items can be counted in any household measure the library has for a food.
    measures_of = partial(_household_measures, window)
    for model in (
        window.menu_model,
        getattr(getattr(window, "plan_view", None), "menu_model", None),
    ):
        if model is not None:
            model.measures_of = measures_of


def _household_measures(window, food_id: str) -> list[tuple[str, float]]:
    """(name, grams) of the SR28 measures the library holds for a food."""
    foods = window.state.foods
    if food_id not in foods:
        return []
    ndb = str(foods.cell(food_id, "usda_ndb") or "")
    return [(m.name, m.grams) for m in measures(window.library, food_id, ndb)]
