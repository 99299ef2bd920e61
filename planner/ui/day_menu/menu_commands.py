"""Every menu edit as an undoable command on the menu model."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from planner.core.menus.menu import MEAL_LABELS, MenuItem
from planner.ui.day_menu.menu_model import MenuModel


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
    """Move items to another meal; a food the meal has already becomes one row with
    both amounts (portions with portions, grams with grams, else grams)."""

    def __init__(self, model: MenuModel, positions: list[int], meal: str) -> None:
        super().__init__(f"Move to {MEAL_LABELS[meal]}")
        self.model = model
        items = model.menu.items
        moved = [p for p in sorted(set(positions)) if items[p].meal != meal]
        # The edits as the model's primitives, worked out on a copy: ("replace", position,
        # old, new) or ("remove", position, item), done in order and undone in reverse.
        self.steps: list[tuple] = []
        after = list(items)
        for p in moved:
            self._replace(after, p, replace(after[p], meal=meal))
        rows: dict[str, list[int]] = {}
        for p, item in enumerate(after):
            if item.meal == meal:
                rows.setdefault(item.food, []).append(p)
        merged_away: list[int] = []
        into: dict[int, int] = {}
        for same in rows.values():
            if len(same) < 2 or not set(same) & set(moved):
                continue
            kept = same[0]
            for p in same[1:]:
                both = merged(after[kept], after[p], model.foods)
                if both is not None:
                    self._replace(after, kept, both)
                    merged_away.append(p)
                    into[p] = kept
        for p in sorted(merged_away, reverse=True):
            self.steps.append(("remove", p, after.pop(p)))
        self.moves = [(p, items[p]) for p in moved]
        # Where the moved items are once done (a merged one: in the row it joined).
        self.positions = sorted(
            {(q := into.get(p, p)) - sum(r < q for r in merged_away) for p in moved}
        )
        self.merged = len(merged_away)
        if self.merged:
            self.setText(f"Move to {MEAL_LABELS[meal]} (merged with the same food)")

    def _replace(self, after: list[MenuItem], position: int, new: MenuItem) -> None:
        self.steps.append(("replace", position, after[position], new))
        after[position] = new

    def redo(self) -> None:
        for kind, position, _old, *new in self.steps:
            if kind == "replace":
                self.model.replace_item(position, new[0])
            else:
                self.model.remove_item(position)

    def undo(self) -> None:
        for kind, position, old, *_ in reversed(self.steps):
            if kind == "replace":
                self.model.replace_item(position, old)
            else:
                self.model.insert_item(position, old)


def merged(first: MenuItem, second: MenuItem, foods) -> MenuItem | None:
    """One item of ``first``'s food and meal with both amounts; None when they cannot be
    added up (portions of a food with no portion weight, beside grams)."""
    if first.unit == second.unit:
        return first.with_amount(first.amount + second.amount, first.unit)
    grams = first.grams_of(foods) + second.grams_of(foods)
    return None if grams != grams else first.with_amount(grams, "g")


class RenameMenu(QUndoCommand):
    def __init__(self, model: MenuModel, name: str) -> None:
        super().__init__(f"Rename menu to {name!r}")
        self.model = model
        self.old, self.new = model.menu.name, name

    def redo(self) -> None:
        self.model.set_name(self.new)

    def undo(self) -> None:
        self.model.set_name(self.old)
