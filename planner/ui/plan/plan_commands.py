"""Every plan edit as an undoable command: days, people, name, a day's menu, shopping marks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from planner.core.menus.menu import MenuItem
from planner.core.plans.people import Person
from planner.core.plans.plan import Day
from planner.core.plans.shopping_state import ShoppingState
from planner.ui.plan.plan_models import PlanModel


class InsertDay(QUndoCommand):
    """Put a day (new, copied or duplicated) at ``row``."""

    def __init__(self, model: PlanModel, row: int, day: Day, text: str = "") -> None:
        super().__init__(text or f"Add {day.name}")
        self.model, self.row, self.day = model, row, day

    def redo(self) -> None:
        self.model.insert_day(self.row, self.day)

    def undo(self) -> None:
        self.model.remove_day(self.row)


class RemoveDay(QUndoCommand):
    def __init__(self, model: PlanModel, row: int) -> None:
        self.model, self.row = model, row
        self.day = model.days[row]
        super().__init__(f"Remove {self.day.name}")

    def redo(self) -> None:
        self.model.remove_day(self.row)

    def undo(self) -> None:
        self.model.insert_day(self.row, self.day)


class SetDayMenus(QUndoCommand):
    """Give days new menus at once (fill a day from a saved menu, copy a day to others);
    undo gives each its old items back. ``after`` runs once done (shows the day edited)."""

    def __init__(
        self,
        model: PlanModel,
        changes: list[tuple[Day, list[MenuItem]]],
        text: str,
        after: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(text)
        self.model, self.after = model, after
        self.changes = [(day, list(day.menu.items), list(items)) for day, items in changes]

    def _apply(self, which: int) -> None:
        for day, *versions in self.changes:
            row = self.model.row_of(day)
            if row >= 0:
                self.model.set_day_items(row, versions[which])
        self.after()

    def redo(self) -> None:
        self._apply(1)

    def undo(self) -> None:
        self._apply(0)


class SetDay(QUndoCommand):
    """Give a day new shared items and own items at once (a completion for one person);
    undo gives it back both. ``after`` runs once done (shows the day again)."""

    def __init__(
        self, model: PlanModel, day: Day, new: Day, text: str, after: Callable[[], None]
    ) -> None:
        super().__init__(text)
        self.model, self.day, self.after = model, day, after
        self.old = (list(day.menu.items), {k: list(v) for k, v in day.own.items()})
        self.new = (list(new.menu.items), {k: list(v) for k, v in new.own.items()})

    def _apply(self, items: list[MenuItem], own: dict[str, list[MenuItem]]) -> None:
        row = self.model.row_of(self.day)
        if row >= 0:
            self.model.set_day_items(row, items)
            self.model.set_day_own(row, own)
        self.after()

    def redo(self) -> None:
        self._apply(*self.new)

    def undo(self) -> None:
        self._apply(*self.old)


class RenameDay(QUndoCommand):
    def __init__(self, model: PlanModel, row: int, name: str) -> None:
        self.model, self.row = model, row
        self.old, self.new = model.days[row].name, name
        super().__init__(f"Rename {self.old} to {name}")

    def redo(self) -> None:
        self.model.rename_day(self.row, self.new)

    def undo(self) -> None:
        self.model.rename_day(self.row, self.old)


class MoveDay(QUndoCommand):
    def __init__(self, model: PlanModel, row: int, to: int) -> None:
        self.model, self.row, self.to = model, row, to
        super().__init__(f"Move {model.days[row].name} {'up' if to < row else 'down'}")

    def redo(self) -> None:
        self.model.move_day(self.row, self.to)

    def undo(self) -> None:
        self.model.move_day(self.to, self.row)


class SetPeople(QUndoCommand):
    """Give the plan new people (added, edited, removed), with each day's own items as
    they become (a person removed takes theirs along; undo brings them back)."""

    def __init__(
        self,
        model: PlanModel,
        people: list[Person],
        text: str,
        own: list[dict[str, list[MenuItem]]] | None = None,
    ) -> None:
        assert model.plan is not None
        self.model = model
        self.old = (list(model.plan.people), [dict(d.own) for d in model.plan.days])
        names = {p.name for p in people}
        kept = [{k: v for k, v in d.own.items() if k in names} for d in model.plan.days]
        self.new = (list(people), own if own is not None else kept)
        super().__init__(text)

    def redo(self) -> None:
        self.model.set_people(*self.new)

    def undo(self) -> None:
        self.model.set_people(*self.old)


class RenamePlan(QUndoCommand):
    def __init__(self, model: PlanModel, name: str) -> None:
        assert model.plan is not None
        self.model = model
        self.old, self.new = model.plan.name, name
        super().__init__(f"Rename plan to {name!r}")

    def redo(self) -> None:
        self.model.set_name(self.new)

    def undo(self) -> None:
        self.model.set_name(self.old)


class OnDay(QUndoCommand):
    """A menu edit (menu_commands.py) made on one day of the plan.

    The day editor shows one day at a time; before the edit is redone or undone, that
    day is shown again, so the edit lands on the menu it was made on and the user sees it.
    """

    def __init__(self, show_day: Callable[[Day], None], day: Day, inner: QUndoCommand) -> None:
        super().__init__(f"{inner.text()} ({day.name})")
        self.show_day, self.day, self.inner = show_day, day, inner

    def redo(self) -> None:
        self.show_day(self.day)
        self.inner.redo()

    def undo(self) -> None:
        self.show_day(self.day)
        self.inner.undo()


class SetShoppingState(QUndoCommand):
    """Tick items off, mark them as in the pantry, or clear the ticks."""

    def __init__(
        self,
        apply: Callable[[ShoppingState], None],
        old: ShoppingState,
        new: ShoppingState,
        text: str,
    ) -> None:
        super().__init__(text)
        self.apply, self.old, self.new = apply, old, new

    def redo(self) -> None:
        self.apply(self.new)

    def undo(self) -> None:
        self.apply(self.old)
