"""The recipe editor's tables: its ingredients (grams editable) and the nutrients per
serving of the recipe as it stands."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
from planner.core.data.intakes import Target
from planner.core.data.nutrients import NUTRIENTS
from planner.core.errors import InputError
from planner.core.storage.recipes import MAX_INGREDIENT_G
from planner.core.storage.recipes_as_foods import RecipeNutrients
from planner.ui.foods.custom_food_dialog import parse_number
from planner.ui.foods.food_detail import source_label
from planner.ui.widgets.table_model import HeaderedTableModel

UNKNOWN_COLOUR = QColor("#8a5a00")


class IngredientsModel(HeaderedTableModel):
    """The recipe's ingredients: food and edible grams (editable), in the order added."""

    changed = Signal()
    columns = ("Ingredient", "Grams")

    def __init__(self, foods: FoodTable, items: list[tuple[str, float]] | None = None) -> None:
        super().__init__()
        self.foods = foods
        self.items: list[list] = [[f, float(g)] for f, g in (items or [])]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        food, grams = self.items[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.foods.name(food) if food in self.foods else f"{food} (unknown food)"
            if role == Qt.ItemDataRole.ToolTipRole and food in self.foods:
                return source_label(self.foods.info.loc[food])
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return fmt_amount(grams)
        if role == Qt.ItemDataRole.EditRole:
            return f"{grams:g}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != 1:
            return False
        try:
            grams = parse_number(str(value), "grams")
        except InputError:
            return False
        if grams is None or not 0 < grams <= MAX_INGREDIENT_G:
            return False
        self.items[index.row()][1] = grams
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True

    def add(self, food: str, grams: float) -> None:
        row = len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.append([food, float(grams)])
        self.endInsertRows()
        self.changed.emit()

    def remove_rows(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.items[row]
            self.endRemoveRows()
        self.changed.emit()

    def pairs(self) -> tuple[tuple[str, float], ...]:
        return tuple((f, g) for f, g in self.items)


class NutrientPreviewModel(HeaderedTableModel):
    """Nutrients per serving of the recipe being edited; unknown stays unknown, with why."""

    columns = ("Nutrient", "Per serving", "", "Of target")

    def __init__(self, foods: FoodTable, targets: dict[str, Target]) -> None:
        super().__init__()
        self.foods = foods
        self.targets = targets
        self.amounts = np.full(len(NUTRIENTS), np.nan)
        self.lacking: dict[str, tuple[str, ...]] = {}
        self.empty = True

    def set_recipe(self, derived: RecipeNutrients | None, serving_g: float) -> None:
        self.beginResetModel()
        self.empty = derived is None
        if derived is None:
            self.amounts = np.full(len(NUTRIENTS), np.nan)
            self.lacking = {}
        else:
            per_100g = derived.values.to_numpy()
            scale = np.array([n.food_to_report for n in NUTRIENTS]) * serving_g / 100
            self.amounts = per_100g * scale
            self.lacking = derived.unknown
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(NUTRIENTS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        n = NUTRIENTS[index.row()]
        amount = self.amounts[index.row()]
        column = index.column()
        unknown = not self.empty and np.isnan(amount)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return n.label
            if self.empty:
                return ""
            if column == 1:
                return "unknown" if unknown else fmt_amount(amount)
            if column == 2:
                return n.display_unit
            target = self.targets.get(n.key)
            if column == 3 and target is not None and not unknown:
                return f"{100 * amount / target.value:.0f} %"
            return None
        if role == Qt.ItemDataRole.ForegroundRole and unknown:
            return UNKNOWN_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole and unknown:
            names = ", ".join(self.foods.name(f) for f in self.lacking.get(n.key, ()))
            return f"Unknown: no value for {names}. A partial sum would understate it."
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
