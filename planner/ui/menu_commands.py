"""Every menu edit as an undoable command on the menu model."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from planner.core.menu import MEAL_LABELS, MenuItem
from planner.ui.menu_model import MenuModel


class AddItems(QUndoCommand):
    """Append items to the menu (one food, several dropped foods, or a completion)."""

    def __init__(self, model: MenuModel, items: list[MenuItem], text: str | None = None) -> None:
        names = ", ".join(model.foods.name(i.food) for i in items[:3])
        super().__init__(text or f"Add {names}{'…' if len(items) > 3 else ''}")
        self.model = model
        self.items = list(items)
        self.start = len(model.menu.items)

    def redo(self) -> None:
        for offset, item in enumerate(self.items):
            self.model.insert_item(self.start + offset, item)

    def undo(self) -> None:
        for offset in reversed(range(len(self.items))):
            self.model.remove_item(self.start + offset)


class RemoveItems(QUndoCommand):
    """Remove items at the given positions; undo puts them back where they were."""

    def __init__(self, model: MenuModel, positions: list[int]) -> None:
        self.model = model
        self.removed = [(p, model.menu.items[p]) for p in sorted(set(positions))]
        names = ", ".join(model.foods.name(i.food) for _, i in self.removed[:3])
        super().__init__(f"Remove {names}")

    def redo(self) -> None:
        for position, _ in reversed(self.removed):
            self.model.remove_item(position)

    def undo(self) -> None:
        for position, item in self.removed:
            self.model.insert_item(position, item)


class EditItem(QUndoCommand):
    """Change one item's amount, unit or meal."""

    def __init__(self, model: MenuModel, position: int, new: MenuItem, text: str = "") -> None:
        self.model = model
        self.position = position
        self.old = model.menu.items[position]
        self.new = new
        super().__init__(text or f"Change {model.foods.name(new.food)}")

    def redo(self) -> None:
        self.model.replace_item(self.position, self.new)

    def undo(self) -> None:
        self.model.replace_item(self.position, self.old)


class MoveItems(QUndoCommand):
    """Move items to another meal."""

    def __init__(self, model: MenuModel, positions: list[int], meal: str) -> None:
        super().__init__(f"Move to {MEAL_LABELS[meal]}")
        self.model = model
        self.moves = [
            (p, model.menu.items[p])
            for p in sorted(set(positions))
            if model.menu.items[p].meal != meal
        ]
        self.meal = meal

    def redo(self) -> None:
        from dataclasses import replace

        for position, item in self.moves:
            self.model.replace_item(position, replace(item, meal=self.meal))

    def undo(self) -> None:
        for position, item in self.moves:
            self.model.replace_item(position, item)


class RenameMenu(QUndoCommand):
    def __init__(self, model: MenuModel, name: str) -> None:
        super().__init__(f"Rename menu to {name!r}")
        self.model = model
        self.old, self.new = model.menu.name, name

    def redo(self) -> None:
        self.model.set_name(self.new)

    def undo(self) -> None:
        self.model.set_name(self.old)
