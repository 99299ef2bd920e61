"""A searchable list of foods to pick from (comparison foods, recipe ingredients)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from planner.core.data.foods import FoodTable
from planner.core.data.search import shared_index
from planner.core.storage.library_foods import RECIPE_PREFIX
from planner.ui.foods.food_detail import source_label
from planner.ui.widgets.roles import ID_ROLE

# The planner's own foods first, then the user's, then the 8,789 imported SR28 names.
SOURCE_ORDER = {"foods.csv": 0, "custom": 1, "recipe": 1, "usda": 2}


class FoodPickerModel(QAbstractListModel):
    """Foods whose words start with the typed ones, best first (the core search's
    ranking, as in the food list); by source then name before anything is typed.

    ``set_foods`` indexes a table for searching; a view that is not shown yet may call it
    later, since indexing the 8,889 foods of the USDA import takes a while (the index is
    shared with the food list's).
    """

    def __init__(self, foods: FoodTable | None = None, include_recipes: bool = True) -> None:
        super().__init__()
        self.include_recipes = include_recipes
        self._query = ""
        self._all = self._ids = self._table_ids = np.array([], dtype=object)
        self._usable = np.array([], dtype=bool)
        if foods is not None:
            self.set_foods(foods)

    def set_foods(self, foods: FoodTable) -> None:
        self.beginResetModel()
        self.foods = foods
        info = foods.info
        ids = foods.ids.to_numpy(object)
        usable = np.ones(len(ids), dtype=bool)
        if not self.include_recipes:
            usable = np.array([not str(f).startswith(RECIPE_PREFIX) for f in ids], dtype=bool)
        sources = info.get("source", pd.Series("", index=info.index)).to_numpy(object)[usable]
        rank = np.array([SOURCE_ORDER.get(s, 0) for s in sources])
        names = np.array([str(n).casefold() for n in info["name"].to_numpy(object)[usable]])
        order = np.lexsort((names, rank))
        self._all = ids[usable][order]
        self._table_ids, self._usable = ids, usable
        shared_index(foods)
        self._ids = self._filtered()
        self.endResetModel()

    def set_query(self, text: str) -> None:
        self.beginResetModel()
        self._query = text
        self._ids = self._filtered()
        self.endResetModel()

    def _filtered(self) -> np.ndarray:
        if not self._query.strip():
            return self._all
        return self._table_ids[shared_index(self.foods).ranked(self._query, self._usable)]

    def food_id(self, row: int) -> str:
        return str(self._ids[row])

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        food_id = str(self._ids[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return self.foods.name(food_id)
        if role == Qt.ItemDataRole.ToolTipRole:
            info = self.foods.info.loc[food_id]
            return f"{info['usda_description'] or info['name']}\n({source_label(info)})"
        if role == ID_ROLE:
            return food_id
        return None
