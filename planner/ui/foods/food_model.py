"""Qt models over the food table: every food with its nutrients, and search/filter/sort."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QIdentityProxyModel,
    QMimeData,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from planner.core.data.categories import aisle_label
from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
from planner.core.data.intakes import Target
from planner.core.data.nutrients import NUTRIENTS, REPORTED
from planner.core.data.ranking import NOT_APPLICABLE, PER_CHOICES, amounts_matrix, basis_gaps
from planner.core.data.search import SearchIndex, shared_index
from planner.ui.foods.food_mime import FOOD_MIME, food_ids_mime
from planner.ui.widgets.roles import ID_ROLE, ModelIndex

if TYPE_CHECKING:
    import pandas as pd

_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, _BACKGROUND, int(ID_ROLE)})
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDragEnabled
)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
FIXED_COLUMNS = ("Food", "Aisle")


class FoodTableModel(QAbstractTableModel):
    """Rows: the foods shown (search, aisle and diet filters), ranked or sorted; columns:
    name, aisle, then each nutrient per the chosen basis.

    A cell's background is shaded by how much of the user's target one portion gives,
    so rich foods stand out whatever basis is shown. The rows are a list of positions in
    the food table: a keystroke in the search box lays them out again with numpy, without
    asking Python about every row (as a filtering proxy would).
    """

    def __init__(self, foods: FoodTable, targets: dict[str, Target], per: str = "100g") -> None:
        super().__init__()
        self._targets = targets
        self._per = per
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sorted: np.ndarray | None = None  # every food in the sort's order
        self._query = ""
        # While a search is typed its matches come best first, until a header is clicked.
        self._relevance = False
        self._filter: np.ndarray | None = None  # the aisle and diet filters (table order)
        self._index: SearchIndex | None = None
        self._order = np.arange(0)
        self._set_foods(foods)

    # -- data in ------------------------------------------------------------------------
    def _set_foods(self, foods: FoodTable) -> None:
        self.foods = foods
        # Through the table's plain columns: the first paint comes before pandas is loaded.
        self._table_ids = np.array(foods.id_list, dtype=object)
        self._table_names = np.array(foods.column("name"), dtype=object)
        self._table_categories = foods.column("category")
        self._table_aisles = np.array([aisle_label(c) for c in self._table_categories], object)
        # Which values the table knows at all: a cell with none for the basis (per 100 kcal
        # of tap water) is not unknown when its per-100 g value is known.
        self._table_known = ~np.isnan(amounts_matrix(foods, "100g"))
        # A search index once one was wanted (made again at once, for the next keystroke).
        self._index = shared_index(foods) if self._index is not None else None
        self._sorted = None
        self._filter = self._filter_mask()
        self._order = self._target_order()
        self._compute()

    def search_index(self) -> SearchIndex:
        """The food table's search index, made on first use (``prepare_search``)."""
        if self._index is None:
            self._index = shared_index(self.foods)
        return self._index

    def prepare_search(self) -> None:
        """Make the search index now (a start-up step), so the first keystroke is quick."""
        self.search_index()

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
        """The ids in row order (rows are positions in the table; cells are read through
        them, so a new order copies no nutrient arrays)."""
        self._ids = self._table_ids[self._order]
        self._row: dict[str, int] | None = None

    @property
    def _shares(self) -> np.ndarray:
        """Per-portion shares of target, rows in row order."""
        return self._table_shares[self._order]

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
            self._sorted = None  # the ranking changes with the basis
            self._lay_out()

    # -- which foods, in which order --------------------------------------------------------
    _category = ""
    _require: frozenset[str] = frozenset()
    _exclude: frozenset[str] = frozenset()

    def set_query(self, text: str) -> None:
        """Show the foods matching ``text``, best first (see planner.core.data.search)."""
        if not self._query.strip() and text.strip():
            self._relevance = True
        self._query = text
        self._lay_out()

    def set_filters(self, category: str, require: frozenset[str], exclude: frozenset[str]) -> None:
        """Show only an aisle's foods (``category``, "" for all) with the ``require`` tags
        and none of the ``exclude`` ones."""
        self._category, self._require, self._exclude = category, require, exclude
        self._filter = self._filter_mask()
        self._lay_out()

    def _filter_mask(self) -> np.ndarray | None:
        """The foods the aisle and diet filters let through (table order; None: all)."""
        category, require, exclude = self._category, self._require, self._exclude
        mask = None
        if category:
            mask = np.array([c == category for c in self._table_categories], bool)
        if require or exclude:
            tags = self.foods.column("tags")
            fits = np.fromiter(
                (require <= set(t) and not (exclude & set(t)) for t in tags), bool, len(tags)
            )
            mask = fits if mask is None else mask & fits
        return mask

    @property
    def searching(self) -> bool:
        """Whether a search is typed (its matches shown, maybe ranked)."""
        return bool(self._query.strip())

    @property
    def ranked(self) -> bool:
        """Whether the rows are a search's matches, best first (no column sort)."""
        return self.searching and self._relevance

    def _sorted_order(self) -> np.ndarray:
        """Every food in the order of the sort column (the table's order when unsorted)."""
        if self._sorted is not None:
            return self._sorted
        if self._sort is None:
            self._sorted = np.arange(len(self._table_ids))
            return self._sorted
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        if column < len(FIXED_COLUMNS):
            texts = self._table_names if column == 0 else self._table_aisles
            key = np.array([str(t).casefold() for t in texts], dtype=str)
            ranks = np.argsort(key, kind="stable")
            self._sorted = ranks[::-1] if descending else ranks
        else:
            values = amounts_matrix(self.foods, self._per)[:, column - len(FIXED_COLUMNS)]
            values = np.where(np.isnan(values), -1.0, values)  # unknown sorts below zero
            self._sorted = np.argsort(-values if descending else values, kind="stable")
        return self._sorted

    def _target_order(self) -> np.ndarray:
        if self.searching:
            ranked = self.search_index().ranked(self._query, self._filter)
            if self._relevance:
                return ranked
            shown = np.zeros(len(self._table_ids), dtype=bool)
            shown[ranked] = True
        else:
            shown = self._filter
        everything = self._sorted_order()
        return everything if shown is None else everything[shown[everything]]

    def _lay_out(self) -> None:
        """Show the rows the search, filters and sort ask for; nothing when they are the
        rows shown (views would re-read every row through Python)."""
        new_order = self._target_order()
        if np.array_equal(new_order, self._order):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self._ids[i.row()], i.column()) for i in persistent]
        self._order = new_order
        self._apply_order()
        if persistent:  # the selection and current row (few); a dict only for them
            rows = self._rows()
            self.changePersistentIndexList(
                persistent,
                [self.index(rows[f], c) if f in rows else QModelIndex() for f, c in kept],
            )
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``; -1 (no header chosen) ranks a search's matches best first."""
        if column == -1:
            self._relevance = True
            self._lay_out()
            return
        if not 0 <= column < self.columnCount():
            return
        if (column, order) != self._sort:
            self._sorted = None
        self._sort = (column, order)
        self._relevance = False
        self._lay_out()

    @property
    def sort_column(self) -> tuple[int, Qt.SortOrder] | None:
        """The column sort chosen last (kept while a search ranks its matches)."""
        return self._sort

    @property
    def per(self) -> str:
        return self._per

    def _emit_all_nutrient_cells(self) -> None:
        if len(self._ids):
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

    def _rows(self) -> dict[str, int]:
        if self._row is None:
            self._row = {food_id: row for row, food_id in enumerate(self._ids)}
        return self._row

    def row_of(self, food_id: str) -> int:
        """The row showing ``food_id`` (KeyError when a search or filter hides it)."""
        return self._rows()[food_id]

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

    def data(self, index: ModelIndex, role: int = _DISPLAY):
        # Roles compared as ints, the rows read through the table's own arrays: a paint
        # asks this some 1,500 times.
        if role not in _ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == ID_ROLE:
            return self._ids[row]
        position = self._order[row]
        if column == 0:
            if role == _DISPLAY:
                return self._table_names[position]
            if role == _TOOLTIP:  # the whole name, however narrow the column
                name = str(self._table_names[position])
                usda = str(self.foods.cell(self._ids[row], "usda_description") or "")
                return name if usda in ("", name) else f"{name}\nUSDA: {usda}"
            return None
        if column == 1:
            return self._table_aisles[position] if role == _DISPLAY else None
        nutrient_column = column - len(FIXED_COLUMNS)
        value = self._table_amounts[position, nutrient_column]
        if role == _DISPLAY:
            if value == value:  # not NaN
                return fmt_amount(value)
            # "n/a": the basis does not apply (no calories, no portion), as in Compare;
            # "?": unknown.
            known = self._table_known[position, nutrient_column]
            return "n/a" if known and self._table_basis_gaps[position] in NOT_APPLICABLE else "?"
        if role == _ALIGNMENT:
            return _RIGHT
        if role == _BACKGROUND:
            share = self._table_shares[position, nutrient_column]
            if not share >= 0.05:  # NaN too
                return None
            # Green deepening with the share of the target one portion gives, capped at 50 %.
            strength = min(share / 0.5, 1.0)
            return QColor.fromRgbF(0.30, 0.69, 0.31, 0.12 + 0.5 * strength)
        # The tooltip
        nutrient = NUTRIENTS[nutrient_column]
        share = self._table_shares[position, nutrient_column]
        if np.isnan(value):
            if not self._table_known[position, nutrient_column]:
                return f"{nutrient.label}: unknown (no USDA value)"
            return f"{nutrient.label} {PER_CHOICES[self._per]}: {self._table_basis_gaps[position]}"
        if np.isnan(share):
            return None
        return f"One portion gives {share * 100:.0f} % of your {nutrient.label.lower()} target"

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        # Not super().flags(): through PySide it costs ~0.05 ms a cell.
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def mimeTypes(self) -> list[str]:
        return [FOOD_MIME]

    def mimeData(self, indexes) -> QMimeData:
        return food_ids_mime(dict.fromkeys(self._ids[i.row()] for i in indexes if i.isValid()))


class FoodFilterProxy(QIdentityProxyModel):
    """The food list's filters (search, aisle, diet tags), passed to the model, which
    lays its rows out with numpy; this proxy only keeps the view's name for them."""

    def set_query(self, text: str) -> None:
        self.sourceModel().set_query(text)

    def set_category(self, category: str) -> None:
        model: FoodTableModel = self.sourceModel()
        model.set_filters(category, model._require, model._exclude)

    def set_tags(self, require: frozenset[str], exclude: frozenset[str]) -> None:
        model: FoodTableModel = self.sourceModel()
        model.set_filters(model._category, frozenset(require), frozenset(exclude))

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        # A column header is the source's, asked directly (the header view asks hundreds
        # of times as it sizes itself); rows have no headers (the view hides them).
        if orientation == Qt.Orientation.Horizontal:
            return self.sourceModel().headerData(section, orientation, role)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (a numpy argsort)."""
        self.sourceModel().sort(column, order)


def _target_value(target) -> float:
    """A target's value, NaN where there is none (no target, or a limit without one)."""
    return np.nan if target is None or target.value is None else target.value


def shares_frame(model: FoodTableModel) -> pd.DataFrame:
    """The per-portion shares of target as a frame (for tests and the detail pane)."""
    import pandas as pd

    return pd.DataFrame(model._shares, index=model._ids, columns=[n.key for n in NUTRIENTS])
