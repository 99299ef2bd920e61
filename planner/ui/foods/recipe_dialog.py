"""The recipe editor: ingredients picked by search, servings, nutrients per serving as you go."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.categories import AISLES
from planner.core.data.foods import FoodTable
from planner.core.data.formatting import count_of, fmt_amount
from planner.core.data.intakes import Target
from planner.core.data.nutrients import NUTRIENTS
from planner.core.errors import InputError
from planner.core.storage.recipes import MAX_INGREDIENT_G, MAX_NAME, MAX_SERVINGS, Recipe
from planner.core.storage.recipes_as_foods import recipe_nutrients
from planner.ui.foods.custom_food_dialog import ProblemLabel, parse_number
from planner.ui.foods.food_picker_model import FoodPickerModel
from planner.ui.foods.recipe_models import IngredientsModel, NutrientPreviewModel
from planner.ui.widgets.decimal_box import DecimalSpinBox
from planner.ui.widgets.shortcuts import focus_key
from planner.ui.widgets.text_colours import muted_style, text_colours

# Grams an ingredient gets when neither typed nor known as a portion.
DEFAULT_GRAMS = 100.0


class RecipeDialog(QDialog):
    """Edits one recipe. OK is enabled once it has a name, servings and an ingredient.

    ``recipe()`` is the checked Recipe (InputError when the fields do not make one).
    """

    def __init__(
        self,
        foods: FoodTable,
        targets: dict[str, Target],
        recipe: Recipe | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit recipe" if recipe else "New recipe")
        self.foods = foods

        self.name = QLineEdit(placeholderText="e.g. Lentil soup")
        self.name.setMaxLength(MAX_NAME)
        self.servings = DecimalSpinBox(decimals=1, minimum=0.5, maximum=MAX_SERVINGS)
        self.servings.setValue(2)
        self.servings.setToolTip("How many servings the whole recipe makes")
        self.aisle = QComboBox()
        for key, label in AISLES.items():
            self.aisle.addItem(label, key)
        self.aisle.setCurrentIndex(self.aisle.findData("other"))
        self.aisle.setToolTip("Where the recipe is listed among the foods")

        # Picking ingredients.
        self.search = QLineEdit(placeholderText="Search foods…")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        # A recipe cannot hold another recipe (the core refuses it).
        self.picker_model = FoodPickerModel(foods, include_recipes=False)
        self.picker = QListView()
        self.picker.setModel(self.picker_model)
        self.picker.setUniformItemSizes(True)
        self.picker.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grams = QLineEdit()
        self.grams.setMaximumWidth(80)
        self.grams.setToolTip("Edible grams of the food in the whole recipe")
        self.add_button = QPushButton("Add")
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._pick_first)
        self.grams.returnPressed.connect(self.add_selected)
        self.add_button.clicked.connect(self.add_selected)
        self.picker.doubleClicked.connect(lambda _: self.add_selected())
        self.picker.selectionModel().currentChanged.connect(lambda *_: self._picked_changed())
        self.matches_label = QLabel()
        self.matches_label.setStyleSheet(muted_style())

        # The ingredients.
        self.ingredients = IngredientsModel(
            foods, [tuple(i) for i in recipe.ingredients] if recipe else []
        )
        self.table = QTableView()
        self.table.setModel(self.ingredients)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 70)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the selected ingredients (Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        focus_key(self.table, QKeySequence.StandardKey.Delete, self.remove_selected)
        self.total_label = QLabel()
        self.total_label.setWordWrap(True)

        # The preview.
        self.preview_model = NutrientPreviewModel(foods, targets)
        self.preview = QTableView()
        self.preview.setTabKeyNavigation(False)  # read-only: Tab leaves it
        self.preview.setModel(self.preview_model)
        self.preview.verticalHeader().hide()
        self.preview.verticalHeader().setDefaultSectionSize(22)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.setWordWrap(False)
        preview_header = self.preview.horizontalHeader()
        preview_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 80), (2, 56), (3, 70)):
            preview_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            preview_header.resizeSection(column, width)
        self.unknown_label = QLabel()
        self.unknown_label.setWordWrap(True)
        self.unknown_label.setStyleSheet(f"color: {text_colours().warning}")

        self.problem = ProblemLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save recipe")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Enter in the search or grams field adds an ingredient; it must not close the dialog.
        self.ok_button.setAutoDefault(False)
        self.ok_button.setDefault(False)

        form = QFormLayout()
        form.addRow("Name", self.name)
        top = QHBoxLayout()
        top.addWidget(QLabel("Servings"))
        top.addWidget(self.servings)
        top.addSpacing(16)
        top.addWidget(QLabel("Listed under"))
        top.addWidget(self.aisle)
        top.addStretch(1)
        form.addRow(top)

        pick_box = QGroupBox("Add an ingredient")
        pick = QVBoxLayout(pick_box)
        pick.addWidget(self.search)
        pick.addWidget(self.picker, 1)
        pick.addWidget(self.matches_label)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel("Grams"))
        add_row.addWidget(self.grams)
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        pick.addLayout(add_row)

        list_box = QGroupBox("Ingredients")
        ingredients = QVBoxLayout(list_box)
        ingredients.addWidget(self.table, 1)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.total_label, 1)
        remove_row.addWidget(self.remove_button)
        ingredients.addLayout(remove_row)

        preview_box = QGroupBox("Per serving")
        preview = QVBoxLayout(preview_box)
        preview.addWidget(self.preview, 1)
        preview.addWidget(self.unknown_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for box in (pick_box, list_box, preview_box):
            self.splitter.addWidget(box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 340, 360])

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(1080, 600)

        if recipe is not None:
            self.name.setText(recipe.name)
            self.servings.setValue(recipe.servings)
            self.aisle.setCurrentIndex(max(0, self.aisle.findData(recipe.category)))
        self.name.textChanged.connect(self.validate)
        self.servings.valueChanged.connect(self.validate)
        self.aisle.currentIndexChanged.connect(self.validate)
        self.ingredients.changed.connect(self.validate)
        self._search_changed("")
        self.validate()

    # -- picking ---------------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        self.picker_model.set_query(text)
        n = self.picker_model.rowCount()
        self.matches_label.setText(
            "No food matches; try fewer or shorter words." if n == 0 else count_of(n, "food")
        )
        if n:
            self.picker.setCurrentIndex(self.picker_model.index(0))
        self._picked_changed()

    def _pick_first(self) -> None:
        if self.picker_model.rowCount():
            self.grams.setFocus()
            self.grams.selectAll()

    def picked_food(self) -> str | None:
        index = self.picker.currentIndex()
        return self.picker_model.food_id(index.row()) if index.isValid() else None

    def _picked_changed(self) -> None:
        food = self.picked_food()
        self.add_button.setEnabled(food is not None)
        if food is None:
            self.grams.setPlaceholderText("")
            return
        portion = self.foods.portion_g(food)
        default = DEFAULT_GRAMS if np.isnan(portion) else portion
        self.grams.setPlaceholderText(fmt_amount(default))
        name = self.foods.info.at[food, "portion_name"]
        self.grams.setToolTip(
            f"Edible grams in the whole recipe; empty: one portion ({name}, "
            f"{fmt_amount(default)} g)"
            if not np.isnan(portion)
            else f"Edible grams in the whole recipe; empty: {fmt_amount(default)} g"
        )

    def add_selected(self) -> None:
        """Add the picked food with the typed grams (empty: one portion of it)."""
        food = self.picked_food()
        if food is None:
            return
        try:
            grams = parse_number(self.grams.text(), "grams")
        except InputError as exc:
            self.problem.say(f"Grams: {exc.message}")
            return
        if grams is None:
            portion = self.foods.portion_g(food)
            grams = DEFAULT_GRAMS if np.isnan(portion) else portion
        if not 0 < grams <= MAX_INGREDIENT_G:
            self.problem.say(f"Grams: must be more than 0 and at most {MAX_INGREDIENT_G:g}")
            return
        self.add_ingredient(food, grams)
        self.grams.clear()
        self.search.setFocus()
        self.search.selectAll()

    def add_ingredient(self, food: str, grams: float) -> None:
        self.ingredients.add(food, grams)
        self.table.scrollToBottom()

    def remove_selected(self) -> None:
        rows = [i.row() for i in self.table.selectionModel().selectedRows()]
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        if rows:
            self.ingredients.remove_rows(rows)

    # -- the recipe ------------------------------------------------------------------------
    def recipe(self) -> Recipe:
        return Recipe(
            self.name.text(),
            self.servings.value(),
            self.ingredients.pairs(),
            self.aisle.currentData(),
        )

    def validate(self) -> bool:
        """Update the preview; enable Save when the recipe is complete, else say why."""
        self.remove_button.setEnabled(bool(self.ingredients.items))
        draft = None
        if self.ingredients.items:
            # The preview does not wait for a name.
            draft = Recipe(
                self.name.text().strip() or "Untitled",
                self.servings.value(),
                self.ingredients.pairs(),
                self.aisle.currentData(),
            )
        self._show_preview(draft)
        try:
            self.recipe()
        except InputError as exc:
            field = {"name": "Name", "servings": "Servings", "ingredients": "Ingredients"}
            if exc.place == "name" and not self.name.isModified():
                self.problem.say("Give the recipe a name to save it.", hint=True)
            else:
                self.problem.say(f"{field.get(exc.place, exc.place)}: {exc.message}")
            self.ok_button.setEnabled(False)
            return False
        self.problem.clear()
        self.ok_button.setEnabled(True)
        return True

    def _show_preview(self, draft: Recipe | None) -> None:
        if draft is None:
            self.preview_model.set_recipe(None, 0.0)
            self.total_label.setText("Search for a food on the left and add it.")
            self.unknown_label.clear()
            return
        derived = recipe_nutrients(draft, self.foods)
        self.preview_model.set_recipe(derived, draft.serving_g)
        servings = fmt_amount(draft.servings)
        self.total_label.setText(
            f"Makes {fmt_amount(draft.total_g)} g: {servings} serving"
            f"{'s' if draft.servings != 1 else ''} of {fmt_amount(draft.serving_g)} g"
        )
        if derived.unknown:
            lines = []
            for key, ids in derived.unknown.items():
                label = next(n.label for n in NUTRIENTS if n.key == key)
                names = ", ".join(self.foods.name(f) for f in ids if f in self.foods)
                lines.append(f"{label}: no value for {names}")
            self.unknown_label.setText(
                "Unknown, not zero (an ingredient lacks it):\n" + "\n".join(lines)
            )
        else:
            self.unknown_label.clear()
