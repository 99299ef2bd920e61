"""Qt models over the food table: every food with its nutrients, and search/filter/sort."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from planner.core.categories import aisle_label
from planner.core.foods import FoodTable
from planner.core.formatting import fmt_amount
from planner.core.intakes import Target
from planner.core.nutrients import NUTRIENTS, REPORTED
from planner.core.ranking import NOT_APPLICABLE, PER_CHOICES, amounts_matrix, basis_gaps
from planner.core.search import build_haystacks, matches
from planner.ui.roles import ID_ROLE, ModelIndex

if TYPE_CHECKING:
    import pandas as pd

FOOD_MIME = "application/x-crampless-food-ids"
FIXED_COLUMNS = ("Food", "Aisle")


class FoodTableModel(QAbstractTableModel):
    """Rows: foods; columns: name, aisle, then each nutrient per the chosen basis.

    A cell's background is shaded by how much of the user's target one portion gives,
    so rich foods stand out whatever basis is shown.
    """

    def __init__(self, foods: FoodTable, targets: dict[str, Target], per: str = "100g") -> None:
        super().__init__()
        self._targets = targets
        self._per = per
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._set_foods(foods)

    # -- data in ------------------------------------------------------------------------
    def _set_foods(self, foods: FoodTable) -> None:
        self.foods = foods
        # Through the table's plain columns: the first paint comes before pandas is loaded.
        self._table_ids = np.array(foods.id_list, dtype=object)
        self._table_names = np.array(foods.column("name"), dtype=object)
        self._table_aisles = np.array([aisle_label(c) for c in foods.column("category")], object)
        # Which values the table knows at all: a cell with none for the basis (per 100 kcal
        # of tap water) is not unknown when its per-100 g value is known.
        self._table_known = ~np.isnan(amounts_matrix(foods, "100g"))
        self._order = self._sorted_order() if self._sort else np.arange(len(foods))
        self._compute()

    def _compute(self) -> None:
        """Amounts per basis and per-portion shares of target, for every nutrient at once."""
        self._table_amounts = amounts_matrix(self.foods, self._per)
        self._table_basis_gaps = basis_gaps(self.foods, self._per)
        per_portion = amounts_matrix(self.foods, "portion")
        target_values = np.array(
            [_target_value(self._targets.get(n.key)) for n in NUTRIENTS], float
        )
        with np.errstate(invalid="ignore", divide="ignore"):
            self._table_shares = per_portion / target_values[None, :]
        self._apply_order()

    def _apply_order(self) -> None:
        """Lay the table's arrays out in row order (rows are a permutation of the table)."""
        order = self._order
        self._ids = list(self._table_ids[order])
        self._row = {food_id: row for row, food_id in enumerate(self._ids)}
        self._names = self._table_names[order]
        self._aisles = self._table_aisles[order]
        self._amounts = self._table_amounts[order]
        self._known = self._table_known[order]
        self._basis_gaps = self._table_basis_gaps[order]
        self._shares = self._table_shares[order]

    def set_foods(self, foods: FoodTable) -> None:
        self.beginResetModel()
        self._set_foods(foods)
        self.endResetModel()

    def set_targets(self, targets: dict[str, Target]) -> None:
        self._targets = targets
        self._compute()
        self._emit_all_nutrient_cells()

    def set_per(self, per: str) -> None:
        self._per = per
        self._compute()
        self._emit_all_nutrient_cells()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._sort and self._sort[0] >= len(FIXED_COLUMNS):
            self.sort(*self._sort)  # the ranking changes with the basis

    # -- sorting: one numpy argsort, not a Python comparison per pair ------------------
    def _sorted_order(self) -> np.ndarray:
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        if column < len(FIXED_COLUMNS):
            texts = self._table_names if column == 0 else self._table_aisles
            key = np.array([str(t).casefold() for t in texts], dtype=str)
            ranks = np.argsort(key, kind="stable")
            return ranks[::-1] if descending else ranks
        values = amounts_matrix(self.foods, self._per)[:, column - len(FIXED_COLUMNS)]
        values = np.where(np.isnan(values), -1.0, values)  # unknown sorts below zero
        return np.argsort(-values if descending else values, kind="stable")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self._sort = (column, order)
        new_order = self._sorted_order()
        if np.array_equal(new_order, self._order):
            # Views ask again for the order they already have (setSortingEnabled, the
            # header's restored indicator); a layout change would make every attached
            # proxy and header re-read the whole model through Python.
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self._ids[i.row()], i.column()) for i in persistent]
        self._order = new_order
        self._apply_order()
        self.changePersistentIndexList(
            persistent, [self.index(self._row[food_id], c) for food_id, c in kept]
        )
        self.layoutChanged.emit()

    @property
    def per(self) -> str:
        return self._per

    def _emit_all_nutrient_cells(self) -> None:
        if self._ids:
            self.dataChanged.emit(
                self.index(0, len(FIXED_COLUMNS)),
                self.index(len(self._ids) - 1, self.columnCount() - 1),
            )

    # -- Qt model interface ---------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        # The guard nutrients (at the registry's end) are no columns: the detail pane shows them.
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(REPORTED)

    def food_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, food_id: str) -> int:
        return self._row[food_id]

    def table_position(self, row: int) -> int:
        """Where a row's food stands in ``foods`` (rows are sorted, the table is not)."""
        return int(self._order[row])

    def nutrient_at(self, column: int):
        return NUTRIENTS[column - len(FIXED_COLUMNS)] if column >= len(FIXED_COLUMNS) else None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        nutrient = self.nutrient_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if nutrient is None:
                return FIXED_COLUMNS[section]
            return f"{nutrient.label}\n{nutrient.display_unit}"
        if role == Qt.ItemDataRole.ToolTipRole and nutrient is not None:
            return (
                f"{nutrient.label} in {nutrient.display_unit} {PER_CHOICES[self._per]} (USDA SR28)"
            )
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == ID_ROLE:
            return self._ids[row]
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._names[row]
            if role == Qt.ItemDataRole.ToolTipRole:
                return str(self.foods.cell(self._ids[row], "usda_description"))
            return None
        if column == 1:
            return self._aisles[row] if role == Qt.ItemDataRole.DisplayRole else None
        value = self._amounts[row, column - len(FIXED_COLUMNS)]
        if role == Qt.ItemDataRole.DisplayRole:
            if not np.isnan(value):
                return fmt_amount(value)
            # "n/a": the basis does not apply (no calories, no portion), as in Compare;
            # "?": unknown.
            known = self._known[row, column - len(FIXED_COLUMNS)]
            return "n/a" if known and self._basis_gaps[row] in NOT_APPLICABLE else "?"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            share = self._shares[row, column - len(FIXED_COLUMNS)]
            if np.isnan(share) or share < 0.05:
                return None
            # Green deepening with the share of the target one portion gives, capped at 50 %.
            strength = min(share / 0.5, 1.0)
            return QColor.fromRgbF(0.30, 0.69, 0.31, 0.12 + 0.5 * strength)
        if role == Qt.ItemDataRole.ToolTipRole:
            nutrient = NUTRIENTS[column - len(FIXED_COLUMNS)]
            share = self._shares[row, column - len(FIXED_COLUMNS)]
            if np.isnan(value):
                if not self._known[row, column - len(FIXED_COLUMNS)]:
                    return f"{nutrient.label}: unknown (no USDA value)"
                return f"{nutrient.label} {PER_CHOICES[self._per]}: {self._basis_gaps[row]}"
            if np.isnan(share):
                return None
            return f"One portion gives {share * 100:.0f} % of your {nutrient.label.lower()} target"
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [FOOD_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = list(dict.fromkeys(self._ids[i.row()] for i in indexes if i.isValid()))
        mime = QMimeData()
        mime.setData(FOOD_MIME, "\n".join(ids).encode())
        mime.setText("\n".join(ids))
        return mime


class FoodFilterProxy(QSortFilterProxyModel):
    """Search as you type (word starts, no case or accents), aisle and diet-tag filters."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._mask: np.ndarray | None = None
        self._haystacks: np.ndarray | None = None
        self._query = ""
        self._category = ""
        self._require: frozenset[str] = frozenset()
        self._exclude: frozenset[str] = frozenset()

    def setSourceModel(self, model: FoodTableModel) -> None:
        super().setSourceModel(model)
        # The old mask must go before the reset: the proxy's own reset handler runs first
        # and asks filterAcceptsRow about rows of the new table (a longer one: IndexError).
        model.modelAboutToBeReset.connect(self._forget_mask)
        model.modelReset.connect(self._source_reset)
        self._source_reset()

    def _source_reset(self) -> None:
        self._haystacks = None  # folded on the first search, not at start-up
        self._recompute()

    def _search_haystacks(self) -> np.ndarray:
        if self._haystacks is None:
            self._haystacks = build_haystacks(self.sourceModel().foods)
        return self._haystacks

    def _forget_mask(self) -> None:
        self._mask = None

    def set_query(self, text: str) -> None:
        self._query = text
        self._recompute()

    def set_category(self, category: str) -> None:
        self._category = category
        self._recompute()

    def set_tags(self, require: frozenset[str], exclude: frozenset[str]) -> None:
        self._require, self._exclude = frozenset(require), frozenset(exclude)
        self._recompute()

    def _recompute(self) -> None:
        """Compute the visible rows once per change, so filterAcceptsRow is a lookup."""
        model: FoodTableModel = self.sourceModel()
        foods = model.foods
        mask = (
            matches(self._search_haystacks(), self._query)
            if self._query.strip()
            else np.ones(len(foods), bool)
        )
        if self._category:
            mask &= np.array([c == self._category for c in foods.column("category")], bool)
        if self._require or self._exclude:
            tags = foods.column("tags")
            mask &= np.fromiter(
                (self._require <= set(t) and not (self._exclude & set(t)) for t in tags),
                bool,
                len(tags),
            )
        shown = self._mask if self._mask is not None else np.ones(len(mask), bool)
        if np.array_equal(mask, shown):
            # The same rows (a keystroke that matches the same foods, a fresh model with
            # no filter): invalidating would ask every row again through Python.
            self._mask = mask
            return
        # Qt 6.9 replaced invalidateRowsFilter() with begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._mask = mask
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._mask = mask
            self.invalidateRowsFilter()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        # Columns are never filtered or moved, so a column header is the source's: asked
        # directly, not through mapToSource, which calls back into Python twice per ask
        # (the header view asks hundreds of times as it sizes itself).
        if orientation == Qt.Orientation.Horizontal:
            return self.sourceModel().headerData(section, orientation, role)
        return None  # rows have no headers (the view hides them)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        # The mask follows the food table's order; the source's rows may be sorted.
        if self._mask is None:
            return True
        return bool(self._mask[self.sourceModel().table_position(source_row)])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (a numpy argsort); the proxy keeps its order.

        QSortFilterProxyModel's own sort calls back into Python for every comparison:
        0.8 s for the 8,789 foods of the USDA import.
        """
        self.sourceModel().sort(column, order)


def food_ids_from_mime(mime: QMimeData) -> list[str]:
    if not mime.hasFormat(FOOD_MIME):
        return []
    return [s for s in bytes(mime.data(FOOD_MIME)).decode().split("\n") if s]


def _target_value(target) -> float:
    """A target's value, NaN where there is none (no target, or a limit without one)."""
    return np.nan if target is None or target.value is None else target.value


def shares_frame(model: FoodTableModel) -> pd.DataFrame:
    """The per-portion shares of target as a frame (for tests and the detail pane)."""
    import pandas as pd

    return pd.DataFrame(model._shares, index=model._ids, columns=[n.key for n in NUTRIENTS])
