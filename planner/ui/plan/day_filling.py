"""Days filled with copies of menus: a day added or filled from a saved menu or from the
Day menu tab's menu, and a day copied to other days, each one undo step."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from planner.core.errors import InputError
from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.plan import Day
from planner.ui.plan.day_list import DayList
from planner.ui.plan.plan_commands import SetDayMenus
from planner.ui.shared.state import AppState

if TYPE_CHECKING:
    from planner.ui.plan.copy_days_dialog import CopyDaysDialog


class DayFilling(QObject):
    """Fills the days of ``days`` (its menus, actions and drops) with copies of menus.

    ``day_menu`` gives the Day menu tab's menu; ``parent`` owns the warnings it shows.
    """

    statusMessage = Signal(str)

    def __init__(
        self,
        days: DayList,
        state: AppState,
        day_menu: Callable[[], Menu] | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.days, self.state, self.day_menu, self.parent_widget = days, state, day_menu, parent
        self.session = days.session
        self.library = self.session.library
        self.copy_dialog: CopyDaysDialog | None = (
            None  # the last "Copy day to other days" dialog opened
        )
        days.saved_menus.aboutToShow.connect(
            lambda: self._list_saved_menus(days.saved_menus, self.add_day_from_menu)
        )
        days.fill_menu.aboutToShow.connect(
            lambda: self._list_saved_menus(
                days.fill_menu, lambda i: self.fill_day_from_menu(days.current_row(), i)
            )
        )
        days.add_day_menu_action.triggered.connect(self.add_day_from_day_menu)
        days.copy_to_action.triggered.connect(self.copy_day_dialog)
        self.session.model.menuDropped.connect(self.fill_day_from_menu)

    def _list_saved_menus(self, menu: QMenu, chosen: Callable[[int], None]) -> None:
        """List the saved menus in ``menu``; picking one calls ``chosen`` with its id."""
        menu.clear()
        entries = self.library.menus()
        if not entries:
            menu.addAction("No saved menus yet").setEnabled(False)
        for entry in entries:
            action = menu.addAction(entry.name)
            action.triggered.connect(lambda _=False, i=entry.id: chosen(i))

    def _load_menu(self, menu_id: int, title: str) -> Menu | None:
        """A saved menu (items of foods this library no longer has kept, and said); None
        (and a warning titled ``title``) when it cannot be read."""
        try:
            menu = self.library.load_menu(menu_id)
        except (KeyError, InputError) as exc:
            QMessageBox.warning(self.parent_widget, title, f"This menu cannot be read: {exc}")
            return None
        self._say_missing(menu)
        return menu

    def _say_missing(self, menu: Menu) -> None:
        """Items of foods gone are copied as they are (shown as missing): say so."""
        gone = sorted({i.food for i in menu.items if i.food not in self.state.foods})
        if gone:
            self.statusMessage.emit(
                f"Copied as “Missing food”: foods this library no longer has ({', '.join(gone)})"
            )

    # -- new days -----------------------------------------------------------------------
    def add_day_from_menu(self, menu_id: int) -> None:
        """Add a day holding a copy of a saved menu."""
        if self.session.plan is None:
            return
        menu = self._load_menu(menu_id, "Add day")
        if menu is not None:
            self._add_copy(menu, f"a copy of “{menu.name}”")

    def add_day_from_day_menu(self) -> None:
        if self.day_menu is not None and self.session.plan is not None:
            menu = self.day_menu()
            copy = menu.copy()
            self._say_missing(copy)
            self._add_copy(copy, f"a copy of the day menu “{menu.name}”")

    def _add_copy(self, menu: Menu, what: str) -> None:
        plan = self.session.plan
        assert plan is not None
        name = plan.unused_day_name()
        self.days.insert_day(Day(name, menu), text=f"Add {name} as {what}")

    # -- days filled --------------------------------------------------------------------
    def set_day_menus(self, changes: list[tuple[Day, list[MenuItem]]], text: str) -> None:
        """Give days new items in one undo step, then show the days' editor again."""
        self.session.undo_stack.push(
            SetDayMenus(self.session.model, changes, text, self.days.day_changed)
        )

    def fill_day_from_menu(self, row: int, menu_id: int) -> None:
        """Replace day ``row``'s foods with a copy of a saved menu (Ctrl+Z undoes it)."""
        day = self.session.model.day_at(row)
        menu = self._load_menu(menu_id, "Fill day") if day is not None else None
        if day is None or menu is None:
            return
        had = len(day.menu.items)
        self.set_day_menus([(day, menu.copy().items)], f"Fill {day.name} with “{menu.name}”")
        self.days.select_day(row)
        if had:
            self.statusMessage.emit(
                f"{day.name} now holds “{menu.name}” instead of its {had} "
                f"food{'' if had == 1 else 's'} (Ctrl+Z gives them back)."
            )

    def copy_day_to(self, rows: list[int]) -> None:
        """Give the days at ``rows`` a copy of the current day's menu, in one undo step."""
        day = self.days.current_day()
        model = self.session.model
        targets = [d for r in rows if (d := model.day_at(r)) is not None and d is not day]
        if day is None or not targets:
            return
        names = ", ".join(d.name for d in targets)
        self.set_day_menus(
            [(d, day.menu.copy().items) for d in targets], f"Copy {day.name} to {names}"
        )
        self.statusMessage.emit(f"Copied {day.name} to {names} (Ctrl+Z undoes it).")

    def copy_day_dialog(self) -> None:
        """Ask which days get a copy of the current day (empty days ticked), then copy."""
        from planner.ui.plan.copy_days_dialog import CopyDaysDialog

        day = self.days.current_day()
        if day is None:
            return
        dialog = CopyDaysDialog(self.session.model.days, day, self.parent_widget)
        self.copy_dialog = dialog
        dialog.accepted.connect(lambda: self.copy_day_to(dialog.rows()))
        dialog.open()
