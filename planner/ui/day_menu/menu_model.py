"""A tree model over the core Menu: meals at the top, their items below."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)

from planner.core.advice.cautions import pregnancy_reasons
from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount, read_number
from planner.core.menus.menu import MEAL_LABELS, MEALS, Menu, MenuItem, amount_problem
from planner.ui.day_menu.menu_units import (
    convert_unit,
    unit_choices,
    unit_key,
    unit_text,
    unit_tooltip,
)
from planner.ui.day_menu.missing_rows import MISSING_ROLES, missing_row_data
from planner.ui.foods.food_mime import FOOD_MIME, food_ids_from_mime
from planner.ui.widgets.grouped_tree import GroupedTreeModel
from planner.ui.widgets.roles import ModelIndex

COLUMNS = ("Food", "Amount", "Unit", "Grams", "kcal")
AMOUNT, UNIT = 1, 2
UNITS = {"g": "g", "portions": "portions"}


POSITION_ROLE = Qt.ItemDataRole.UserRole + 10  # the item's position in Menu.items
ITEM_MIME = "application/x-crampless-menu-positions"


class MenuModel(GroupedTreeModel):
    """Presents a Menu; it changes only through the primitive edits below.

    Undo commands (menu_commands.py) call ``insert_item``, ``remove_item`` and
    ``replace_item``; views ask for edits through ``editRequested`` so that every change,
    even one typed into a cell, lands on the undo stack.
    """

    menuChanged = Signal()
    # position, new MenuItem: a view's in-place edit, to be turned into an undo command
    editRequested = Signal(int, object)
    # drops: (food ids, meal) to add; (positions, meal) to move
    addRequested = Signal(list, str)
    moveRequested = Signal(list, str)
    invalidEdit = Signal(str)
    columns = COLUMNS

    def __init__(self, foods: FoodTable, menu: Menu | None = None) -> None:
        super().__init__()
        self.foods = foods
        self.menu = menu or Menu()
        # A paint asks each cell for several roles: the grams and kcal an item stands for
        # are looked up in the food table once, not at every ask (pandas scalars, ~8 us).
        self._grams: dict[MenuItem, float] = {}
        self._kcal_per_g: dict[str, float] = {}
        # In pregnancy, rows of foods with a pregnancy caution get an icon and the reason.
        self.pregnant = False
        self._reasons: dict[str, tuple[str, ...]] = {}
        self._caution_icon = None
        # Food id -> warning: the food gives some of a guard nutrient whose upper limit the
        # menu crosses (set from the coverage after each edit, set_guard_warnings).
        self._guard_warnings: dict[str, str] = {}

    def set_pregnant(self, pregnant: bool) -> None:
        """Flag (or stop flagging) the rows of foods that are a caution in pregnancy."""
        if pregnant == self.pregnant:
            return
        self.pregnant = pregnant
        for group in range(self.group_count()):
            count = self.child_count(group)
            if count:
                parent = self.group_index(group)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(count - 1, 0, parent))

    def caution_reasons(self, food: str) -> tuple[str, ...]:
        """Why the food is a caution in pregnancy (planner.core.advice.cautions); () when not."""
        if food not in self._reasons:
            tags = self.foods.cell(food, "tags") if food in self.foods else ()
            self._reasons[food] = pregnancy_reasons(tags)
        return self._reasons[food]

    def _flagged(self, food: str) -> bool:
        return self.pregnant and bool(self.caution_reasons(food))

    def set_guard_warnings(self, warnings: dict[str, str]) -> None:
        """Mark the rows of these foods (icon and tooltip); repaint the food column."""
        if warnings == self._guard_warnings:
            return
        self._guard_warnings = dict(warnings)
        for group in range(self.group_count()):
            count = self.child_count(group)
            if count:
                parent = self.index(group, 0)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(count - 1, 0, parent))

    def guard_warning(self, food_id: str) -> str:
        return self._guard_warnings.get(food_id, "")

    def _item_grams(self, item: MenuItem) -> float:
        if item not in self._grams:
            self._grams[item] = item.grams_of(self.foods)
        return self._grams[item]

    def _item_kcal(self, item: MenuItem) -> float:
        if item.food not in self._kcal_per_g:
            known = item.food in self.foods  # a missing food's energy is unknown
            energy = self.foods.value(item.food, "energy") if known else math.nan
            self._kcal_per_g[item.food] = energy / 100
        return self._kcal_per_g[item.food] * self._item_grams(item)

    # -- positions <-> tree ---------------------------------------------------------
    def _meal_positions(self, meal: str) -> list[int]:
        return [p for p, item in enumerate(self.menu.items) if item.meal == meal]

    def index_of_position(self, position: int, column: int = 0) -> QModelIndex:
        item = self.menu.items[position]
        row = self._meal_positions(item.meal).index(position)
        return self.child_index(MEALS.index(item.meal), row, column)

    def position_of(self, index: ModelIndex) -> int | None:
        """The Menu.items position of an item index (None for meal rows)."""
        group = self.group_of(index)
        if group is None:
            return None
        positions = self._meal_positions(MEALS[group])
        return positions[index.row()] if index.row() < len(positions) else None

    def meal_index(self, meal: str) -> QModelIndex:
        return self.group_index(MEALS.index(meal))

    def meal_of(self, index: ModelIndex) -> str | None:
        if not index.isValid():
            return None
        group = self.group_of(index)
        return MEALS[index.row() if group is None else group]

    # -- primitive edits (called by undo commands only) -----------------------------
    def set_menu(self, menu: Menu) -> None:
        self.beginResetModel()
        self.menu = menu
        self._grams.clear()
        self.endResetModel()
        self.menuChanged.emit()

    def set_foods(self, foods: FoodTable) -> None:
        self.beginResetModel()
        self.foods = foods
        self._grams.clear()  # portions and energy may differ in the new table
        self._kcal_per_g.clear()
        self._reasons.clear()
        self.endResetModel()

    def insert_item(self, position: int, item: MenuItem) -> None:
        row = sum(1 for i in self.menu.items[:position] if i.meal == item.meal)
        self.beginInsertRows(self.meal_index(item.meal), row, row)
        self.menu.items.insert(position, item)
        self.endInsertRows()
        self.menuChanged.emit()

    def remove_item(self, position: int) -> MenuItem:
        index = self.index_of_position(position)
        self.beginRemoveRows(index.parent(), index.row(), index.row())
        item = self.menu.items.pop(position)
        self._grams.pop(item, None)
        self.endRemoveRows()
        self.menuChanged.emit()
        return item

    def replace_item(self, position: int, item: MenuItem) -> None:
        old = self.menu.items[position]
        if old.meal != item.meal:
            self.remove_item(position)
            self.insert_item(position, item)
            return
        self.menu.items[position] = item
        self._grams.pop(old, None)
        self.dataChanged.emit(
            self.index_of_position(position, 0), self.index_of_position(position, len(COLUMNS) - 1)
        )
        self.menuChanged.emit()

    def set_name(self, name: str) -> None:
        self.menu.name = name
        self.menuChanged.emit()

    # -- Qt model interface -------------------------------------------------------------
    def group_count(self) -> int:
        return len(MEALS)

    def child_count(self, group: int) -> int:
        return len(self._meal_positions(MEALS[group]))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = index.column()
        position = self.position_of(index)
        if position is None:  # a meal row
            meal = MEALS[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                if column == 0:
                    count = len(self._meal_positions(meal))
                    return f"{MEAL_LABELS[meal]} ({count})" if count else MEAL_LABELS[meal]
                if column == 4:
                    return self.kcal_text(self._meal_positions(meal))
            if role == Qt.ItemDataRole.FontRole and column == 0:
                from PySide6.QtGui import QFont

                font = QFont()
                font.setBold(True)
                return font
            return None
        item = self.menu.items[position]
        if role == POSITION_ROLE:
            return position
        if role in MISSING_ROLES and item.food not in self.foods:
            return missing_row_data(item, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return self.foods.name(item.food)  # "Missing food: <id>" when gone
            if column == AMOUNT:
                return item.amount if role == Qt.ItemDataRole.EditRole else fmt_amount(item.amount)
            if column == UNIT:
                if role == Qt.ItemDataRole.EditRole:
                    return unit_key(item)
                return self.unit_text(item)
            if column == 3:
                return fmt_amount(self._item_grams(item))
            if column == 4:
                return fmt_amount(self._item_kcal(item))
        if role == Qt.ItemDataRole.ToolTipRole and column == UNIT:
            return self.unit_tooltip(item)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            portion = self.foods.cell(item.food, "portion_name")
            grams_each = fmt_amount(self.foods.portion_g(item.food))
            text = f"{self.foods.name(item.food)} — 1 portion = {portion} ({grams_each} g)"
            warning = self._guard_warnings.get(item.food)
            if warning:
                text += f"\n⚠ {warning}"
            if self._flagged(item.food):
                reasons = " ".join(self.caution_reasons(item.food))
                text += f"\n⚠ Caution in pregnancy: {reasons}"
            return text
        warned = item.food in self._guard_warnings or self._flagged(item.food)
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and warned:
            if self._caution_icon is None:  # made on first need: no style before a paint
                from PySide6.QtWidgets import QApplication, QStyle

                self._caution_icon = QApplication.style().standardIcon(
                    QStyle.StandardPixmap.SP_MessageBoxWarning
                )
            return self._caution_icon
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (AMOUNT, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # The SR28 household measures of a food (name, grams of one): none until the window
    # hands the library's (planner/ui/foods/food_library_actions.py).
    measures_of: Callable[[str], list[tuple[str, float]]] = staticmethod(lambda food: [])

    def unit_choices(self, item: MenuItem) -> list[tuple[str, str]]:
        """(label, unit) the item's amount can be counted in (menu_units.unit_choices)."""
        return unit_choices(self.foods, self.measures_of, item)

    def unit_text(self, item: MenuItem) -> str:
        return unit_text(self.foods, item)

    def unit_tooltip(self, item: MenuItem) -> str:
        return unit_tooltip(self.foods, item)

    def meal_kcal(self, meal: str) -> float:
        return sum((self._item_kcal(self.menu.items[p]) for p in self._meal_positions(meal)), 0.0)

    def total_kcal(self) -> float:
        return sum((self.meal_kcal(meal) for meal in MEALS), 0.0)

    def kcal_text(self, positions: list[int] | None = None) -> str:
        """The kcal of these items (all by default): ``≥ 105`` when some item's energy is
        unknown (a missing food's), ``?`` when none is known; never NaN, never 0."""
        items = self.menu.items if positions is None else [self.menu.items[p] for p in positions]
        values = [self._item_kcal(item) for item in items]
        known = [v for v in values if not math.isnan(v)]
        if len(known) == len(values):
            return fmt_amount(sum(known, 0.0))
        return f"≥ {fmt_amount(sum(known, 0.0))}" if known else "?"

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return flags
        if self.position_of(index) is None:
            return flags | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        # A missing food's item keeps its saved amount: there is nothing to count it in.
        known = self.menu.items[self.position_of(index)].food in self.foods
        if index.column() in (AMOUNT, UNIT) and known:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: ModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An in-place edit: validated here, applied through an undo command."""
        position = self.position_of(index)
        if position is None or role != Qt.ItemDataRole.EditRole:
            return False
        item = self.menu.items[position]
        if index.column() == UNIT:
            units = [unit for _, unit in self.unit_choices(item)]
            if value not in units or value == unit_key(item):
                return False
            new = self.convert_unit(item, value)
        else:
            amount = parse_amount(value)
            problem = amount_problem(amount, item.unit)
            if problem:
                self.invalidEdit.emit(f"{self.foods.name(item.food)}: {problem}")
                return False
            new = item.with_amount(float(amount), item.unit)
        if new != item:
            self.editRequested.emit(position, new)
        return True

    def convert_unit(self, item: MenuItem, unit: str) -> MenuItem:
        return convert_unit(self.foods, self.measures_of, item, unit)

    # -- drag and drop ------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [FOOD_MIME, ITEM_MIME]

    def mimeData(self, indexes) -> QMimeData:
        positions = sorted({p for i in indexes if (p := self.position_of(i)) is not None})
        mime = QMimeData()
        mime.setData(ITEM_MIME, ",".join(map(str, positions)).encode())
        return mime

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(FOOD_MIME) or data.hasFormat(ITEM_MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        meal = self.meal_of(parent) or "snack"
        if data.hasFormat(ITEM_MIME):
            text = bytes(data.data(ITEM_MIME)).decode()
            positions = [int(p) for p in text.split(",") if p]
            if positions:
                self.moveRequested.emit(positions, meal)
            # The move is done by the command; Qt must not remove the dragged rows itself.
            return False
        ids = food_ids_from_mime(data)
        if ids:
            self.addRequested.emit(ids, meal)
        return bool(ids)


def parse_amount(value: object) -> object:
    """A typed amount as a float when it reads as one (see read_number), else unchanged."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return read_number(value)
        except ValueError:
            return value
    return value
