"""Qt models of plans: the saved plans in the library, and the open plan's days."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal

from planner.core.data.foods import FoodTable
from planner.core.data.formatting import count_of
from planner.core.errors import InputError
from planner.core.menus.menu import MenuItem
from planner.core.plans.people import Person
from planner.core.plans.plan import Day, Plan, checked_name
from planner.core.storage.library import Library
from planner.ui.day_menu.library_panel import MENU_MIME, EntryListModel, menu_ids_from_mime
from planner.ui.widgets.roles import ModelIndex


class PlanListModel(EntryListModel):
    """Saved plans, newest change first; the open one is bold.

    A rename typed into the list is not applied here: ``renameRequested`` lets the view
    rename the open plan through its undo stack (and its autosave) instead.
    """

    renameRequested = Signal(int, str)

    def __init__(self, library: Library) -> None:
        self.library = library
        super().__init__(library.plans)

    def setData(self, index: ModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        name = str(value).strip()
        if not name or name == self.entries[index.row()].name:
            return False
        self.renameRequested.emit(self.entries[index.row()].id, name)
        return True


class PlanModel(QAbstractListModel):
    """The open plan's days as a list; the plan changes only through the edits below.

    Undo commands (plan_commands.py) call the primitive edits; views ask for a rename
    through ``renameRequested`` so that a name typed into the list lands on the stack.
    """

    peopleChanged = Signal()
    nameChanged = Signal(str)
    renameRequested = Signal(int, str)  # day row, new name
    invalidEdit = Signal(str)
    menuDropped = Signal(int, int)  # day row, saved menu id: fill the day with the menu

    def __init__(self, foods: FoodTable) -> None:
        super().__init__()
        self.foods = foods
        self.plan: Plan | None = None

    # -- lookups ------------------------------------------------------------------------
    @property
    def days(self) -> list[Day]:
        return self.plan.days if self.plan is not None else []

    def row_of(self, day: Day) -> int:
        """The row of this very day (by identity: two days may hold equal menus)."""
        return next((r for r, d in enumerate(self.days) if d is day), -1)

    def day_at(self, row: int) -> Day | None:
        return self.days[row] if 0 <= row < len(self.days) else None

    # -- primitive edits (called by undo commands only) ---------------------------------
    def set_plan(self, plan: Plan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self.endResetModel()

    def set_foods(self, foods: FoodTable) -> None:
        self.foods = foods
        self.days_changed()

    def insert_day(self, row: int, day: Day) -> None:
        assert self.plan is not None
        self.beginInsertRows(QModelIndex(), row, row)
        self.plan.days.insert(row, day)
        self.endInsertRows()

    def remove_day(self, row: int) -> Day:
        assert self.plan is not None
        self.beginRemoveRows(QModelIndex(), row, row)
        day = self.plan.days.pop(row)
        self.endRemoveRows()
        return day

    def rename_day(self, row: int, name: str) -> None:
        assert self.plan is not None
        self.plan.days[row].name = name
        self.dataChanged.emit(self.index(row), self.index(row))

    def move_day(self, row: int, to: int) -> None:
        """Move the day at ``row`` so that it ends up at row ``to``."""
        assert self.plan is not None
        if row == to:
            return
        # Qt counts the destination before the move: one past ``to`` when moving down.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if to > row else to)
        self.plan.move_day(row, to)
        self.endMoveRows()

    def set_people(self, people: list[Person], own: list[dict[str, list[MenuItem]]]) -> None:
        """Give the plan these people and its days these own items (one dict a day)."""
        assert self.plan is not None
        self.plan.people = list(people)
        for day, items in zip(self.plan.days, own, strict=True):
            day.own = dict(items)
        self.peopleChanged.emit()

    def set_name(self, name: str) -> None:
        assert self.plan is not None
        self.plan.name = name
        self.nameChanged.emit(name)

    def set_day_items(self, row: int, items: list[MenuItem]) -> None:
        """Give day ``row``'s menu these items (its Day and Menu objects stay the same)."""
        assert self.plan is not None
        self.plan.days[row].menu.items = list(items)
        self.dataChanged.emit(self.index(row), self.index(row))

    def set_day_own(self, row: int, own: dict[str, list[MenuItem]]) -> None:
        """Give day ``row`` these own items; each person's list is changed in place, so
        that an editor showing it keeps showing the day's own list."""
        assert self.plan is not None
        day = self.plan.days[row]
        for name in set(day.own) | set(own):
            day.own.setdefault(name, [])[:] = own.get(name, [])
        self.dataChanged.emit(self.index(row), self.index(row))

    def days_changed(self) -> None:
        """A day's menu changed (its item count shows in the list)."""
        if self.days:
            self.dataChanged.emit(self.index(0), self.index(len(self.days) - 1))

    # -- Qt model interface -------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.days)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        day = self.day_at(index.row()) if index.isValid() else None
        if day is None:
            return None
        count = len(day.menu.items)
        own = sum(len(items) for items in day.own.values())  # people's own items
        if role == Qt.ItemDataRole.DisplayRole:
            if not count and not own:
                return f"{day.name}  ·  empty"
            text = f"{day.name}  ·  {count} item{'' if count == 1 else 's'}"
            return f"{text} + {own} own" if own else text
        if role == Qt.ItemDataRole.EditRole:
            return day.name
        if role == Qt.ItemDataRole.ToolTipRole:
            foods = count_of(count, "food")
            return f"{day.name}: {foods}. F2 renames, Alt+Up/Down moves the day."
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index) | Qt.ItemFlag.ItemIsEditable
        return flags | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else flags

    # -- a saved menu dropped onto a day ----------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [MENU_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return parent.isValid() and bool(menu_ids_from_mime(data))

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        ids = menu_ids_from_mime(data)
        if not (parent.isValid() and ids):
            return False
        self.menuDropped.emit(parent.row(), ids[0])
        return False  # the view fills the day through the undo stack

    def setData(self, index: ModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        day = self.day_at(index.row()) if index.isValid() else None
        if day is None or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            name = checked_name(str(value))
        except InputError as exc:  # say why, keep the old name
            self.invalidEdit.emit(exc.message)
            return False
        if name != day.name:
            self.renameRequested.emit(index.row(), name)
        return True
