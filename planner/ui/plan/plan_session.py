"""The open plan: its days model, its undo stack, its shopping marks, saved as the user goes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from planner.core.data.foods import FoodTable
from planner.core.data.profile import Profile
from planner.core.plans.plan import Plan, load_plan, save_plan, save_shopping_state
from planner.core.plans.shopping_state import ShoppingState
from planner.core.storage.library import Library
from planner.ui.plan.plan_models import PlanModel
from planner.ui.shared.save_problems import SAVE_ERRORS

AUTOSAVE_DELAY_MS = 0  # an edit is saved as it is made, as the day menu's are


class PlanSession(QObject):
    """One plan open at a time, shared by the plan view and the shopping list.

    Every edit goes through ``undo_stack``; each change of the stack's index (an edit, an
    undo, a redo) emits ``changed`` and is saved at once, as the day menu is.
    Shopping marks are saved at once, beside the plan in the library.
    """

    opened = Signal()  # another plan, or none, is open
    changed = Signal()  # the open plan was edited, undone or redone
    stateChanged = Signal()  # the shopping marks changed
    saved = Signal()
    saveFailed = Signal(str, object)  # what could not be saved, and the error

    def __init__(self, library: Library, foods: FoodTable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.model = PlanModel(foods)
        self.undo_stack = QUndoStack(self)
        self.plan_id: int | None = None
        # The profile a plan saved before households gives its people (the window's).
        self.profile: Callable[[], Profile] = Profile
        self.state = ShoppingState()
        self._opening = False
        self._unsaved = False  # an edit of the open plan is not in the library yet
        self.undo_stack.indexChanged.connect(self._edited)

    @property
    def plan(self) -> Plan | None:
        return self.model.plan

    @property
    def foods(self) -> FoodTable:
        return self.model.foods

    def open(self, plan_id: int) -> list[str]:
        """Open a saved plan; returns the foods of its items the library no longer has.

        Their items stay in their days, shown as missing and counted as unknown, until the
        user removes them (planner/ui/day_menu/missing_rows.py). Raises KeyError (no such
        plan) or InputError (a stored plan that does not read).
        """
        self.save_now()
        plan, state = load_plan(self.library, plan_id, self.profile())
        # Foods can disappear (a custom food deleted, a library restored from a backup).
        items = [i for day in plan.days for i in day.menu.items]
        items += [i for day in plan.days for own in day.own.values() for i in own]
        gone = {i.food for i in items if i.food not in self.foods}
        self._set(plan, plan_id, state)
        return sorted(gone)

    def close(self) -> None:
        """Open no plan (after the open one was deleted)."""
        self._set(None, None, ShoppingState())

    def _set(self, plan: Plan | None, plan_id: int | None, state: ShoppingState) -> None:
        self._opening = True
        try:
            self.plan_id = plan_id
            self.state = state
            self.undo_stack.clear()
            self.model.set_plan(plan)
            self._unsaved = False  # opening is not a change
        finally:
            self._opening = False
        self.opened.emit()

    def save_now(self) -> bool:
        """Write the open plan to the library if it changed since it was opened or last
        saved (called after every edit); False when the write failed (said
        through ``saveFailed``, and the plan stays unsaved for the next try)."""
        if self.plan is None or self.plan_id is None or not self._unsaved:
            return True
        try:
            save_plan(self.library, self.plan, self.plan_id, self.state)
        except SAVE_ERRORS as exc:
            self.saveFailed.emit(f"The plan “{self.plan.name}”", exc)
            return False
        self._unsaved = False
        self.saved.emit()
        return True

    def set_state(self, state: ShoppingState) -> None:
        """New shopping marks, saved at once (a ticked item must survive a crash)."""
        if self.plan_id is None or state == self.state:
            return
        self.state = state
        save_shopping_state(self.library, self.plan_id, state)
        self.stateChanged.emit()

    def set_foods(self, foods: FoodTable) -> None:
        self.model.set_foods(foods)
        self.changed.emit()

    def _edited(self) -> None:
        if self._opening:
            return
        self.model.days_changed()
        self.changed.emit()
        if self.plan_id is not None:
            self._unsaved = True
            self.save_now()  # as it is made: a kill must not lose an edit on screen
