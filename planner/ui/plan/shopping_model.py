"""A tree model over a shopping list: aisles at the top, their items below, with check boxes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from planner.core.plans.shopping import ShoppingItem, ShoppingList, fmt_weight
from planner.ui.widgets.grouped_tree import GroupedTreeModel
from planner.ui.widgets.roles import ID_ROLE, ModelIndex

COLUMNS = ("Item", "Quantity", "As bought", "Bought", "In pantry")
TICKED, PANTRY = 3, 4
DONE_GREY = QColor(130, 130, 130)


class ShoppingModel(GroupedTreeModel):
    """Presents a ShoppingList; the check boxes ask for marks through ``markRequested``.

    The list is rebuilt by the view whenever the plan or the marks change; ``set_list``
    keeps the rows (and so the view's scroll and expansion) when only the marks differ.
    """

    # food ids, "ticked" or "pantry", the new value
    markRequested = Signal(list, str, bool)
    columns = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[tuple[str, list[ShoppingItem]]] = []
        self.shopping: ShoppingList | None = None

    def set_list(self, shopping: ShoppingList) -> None:
        groups = shopping.aisles()
        same_rows = [(a, [i.food for i in items]) for a, items in groups] == [
            (a, [i.food for i in items]) for a, items in self.groups
        ]
        self.shopping = shopping
        if same_rows and self.groups:
            self.groups = groups
            for row, (_, items) in enumerate(groups):
                parent = self.index(row, 0)
                self.dataChanged.emit(parent, self.index(row, len(COLUMNS) - 1))
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(len(items) - 1, len(COLUMNS) - 1, parent)
                )
            return
        self.beginResetModel()
        self.groups = groups
        self.endResetModel()

    def item_of(self, index: ModelIndex) -> ShoppingItem | None:
        group = self.group_of(index)
        return None if group is None else self.groups[group][1][index.row()]

    def index_of_food(self, food: str, column: int = 0) -> QModelIndex:
        for a, (_, items) in enumerate(self.groups):
            for r, item in enumerate(items):
                if item.food == food:
                    return self.child_index(a, r, column)
        return QModelIndex()

    # -- Qt model interface -------------------------------------------------------------
    def group_count(self) -> int:
        return len(self.groups)

    def child_count(self, group: int) -> int:
        return len(self.groups[group][1])

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = index.column()
        item = self.item_of(index)
        if item is None:
            return self._aisle_data(index.row(), column, role)
        done = item.ticked or item.in_pantry
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return item.name
            if column == 1:
                return item.quantity
            if column == 2:
                return fmt_weight(item.as_bought_g)
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column in (TICKED, PANTRY):
            on = item.ticked if column == TICKED else item.in_pantry
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return item.food
        if role == Qt.ItemDataRole.ForegroundRole and done and column < TICKED:
            return QBrush(DONE_GREY)
        if role == Qt.ItemDataRole.FontRole and item.ticked and column < TICKED:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._item_tooltip(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _aisle_data(self, row: int, column: int, role: int):
        aisle, items = self.groups[row]
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            done = sum(1 for i in items if i.ticked or i.in_pantry)
            return f"{aisle}  ({done}/{len(items)})" if done else f"{aisle}  ({len(items)})"
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.CheckStateRole and column in (TICKED, PANTRY):
            marks = [i.ticked if column == TICKED else i.in_pantry for i in items]
            if all(marks):
                return Qt.CheckState.Checked
            return Qt.CheckState.PartiallyChecked if any(marks) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column in (TICKED, PANTRY):
            what = "bought" if column == TICKED else "in the pantry"
            return f"Mark every item of {aisle} as {what}"
        return None

    @staticmethod
    def _item_tooltip(item: ShoppingItem) -> str:
        # A food bought in another form (dry lentils for boiled) says what is eaten.
        other_form = item.eaten_name != item.name
        eaten = f"of {item.eaten_name}" if other_form else "edible"
        lines = [item.name, f"Eaten: {fmt_weight(item.edible_g)} {eaten}"]
        if item.as_bought_g == item.as_bought_g and item.as_bought_g != item.edible_g:
            bought = f"of {item.name}" if other_form else "(with peel, bones or pits)"
            lines.append(f"Bought: {fmt_weight(item.as_bought_g)} {bought}")
        if item.note:
            lines.append(f"Note: {item.note}")
        return "\n".join(lines)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (TICKED, PANTRY):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: ModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A click on a check box: asks for the mark (the view makes it an undo command)."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() not in (TICKED, PANTRY):
            return False
        kind = "ticked" if index.column() == TICKED else "pantry"
        item = self.item_of(index)
        if item is not None:
            foods = [item.food]
            on = _checked(value)
        else:
            items = self.groups[index.row()][1]
            foods = [i.food for i in items]
            # A partly checked aisle becomes all checked; a fully checked one, all clear.
            on = not all(i.ticked if kind == "ticked" else i.in_pantry for i in items)
        self.markRequested.emit(foods, kind, on)
        return True


def _checked(value) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value
