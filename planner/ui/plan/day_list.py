"""The Week plan tab's days: their list, its buttons, menus and keys, and the edits of the
list itself (add an empty day, duplicate, remove, move, rename), each one undo step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.errors import InputError
from planner.core.menus.menu import Menu
from planner.core.plans.plan import MAX_DAYS, MAX_NAME, Day, checked_name
from planner.ui.plan.plan_commands import InsertDay, MoveDay, RemoveDay, RenameDay
from planner.ui.plan.plan_session import PlanSession
from planner.ui.widgets.menu_button import MenuButton


class DayList(QWidget):
    """The "Days" box of the open plan. ``dayChanged`` gives the day to show (or None)
    whenever the current day changes or its name does.

    Filling days from menus (day_filling.py) hangs on ``saved_menus``, ``fill_menu``,
    ``add_day_menu_action`` and ``copy_to_action``.
    """

    statusMessage = Signal(str)
    dayChanged = Signal(object)  # Day | None

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = session.model
        self.days = QListView()
        self.days.setModel(self.model)
        self.days.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.days.selectionModel().currentChanged.connect(lambda *_: self.day_changed())
        # A saved menu dragged from "Saved menus" onto a day fills that day.
        self.days.setAcceptDrops(True)
        self.days.setDropIndicatorShown(True)
        self.days.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.days.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.days.customContextMenuRequested.connect(
            lambda point: self.context_menu().exec(self.days.viewport().mapToGlobal(point))
        )
        self.model.renameRequested.connect(self.rename_day)
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Days</b>"))
        layout.addWidget(self.days, 1)
        layout.addLayout(self._day_buttons())
        layout.addLayout(self._move_buttons())

    def _build_actions(self) -> None:
        self.add_menu = QMenu(self)
        self.add_empty_action = self._day_action("Empty day", self.add_empty_day, "Ins")
        self.add_menu.addAction(self.add_empty_action)
        self.saved_menus = self.add_menu.addMenu("Copy of a saved menu")
        self.add_day_menu_action = self._day_action("Copy of the Day menu tab's menu")
        self.add_menu.addAction(self.add_day_menu_action)
        self.fill_menu = QMenu("Fill day with a saved menu", self)
        self.fill_menu.setToolTip("Replace the day's foods with a copy of a saved menu")
        self.copy_to_action = self._day_action("Copy day to other days…")
        self.copy_to_action.setToolTip("Give other days a copy of this day's menu, in one step")
        self.duplicate_action = self._day_action("Duplicate day", self.duplicate_day, "Ctrl+D")
        self.remove_action = self._day_action("Remove day", self.remove_day, "Del")
        self.up_action = self._day_action("Move up", lambda: self.move_day(-1), "Alt+Up")
        self.down_action = self._day_action("Move down", lambda: self.move_day(1), "Alt+Down")
        self.rename_action = self._day_action("Rename day", self._rename_current_day)

    def _day_action(
        self, text: str, slot: Callable[[], None] | None = None, shortcut: str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            # Keys such as Del act on days only while the days list has the focus.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.days.addAction(action)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _day_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.add_button = MenuButton("Add day", self.add_menu)
        self.add_button.setToolTip(
            "Add an empty day, a copy of a saved menu or of the Day menu tab's menu"
        )
        buttons.addWidget(self.add_button)
        self.fill_button = MenuButton("Fill", self.fill_menu)
        self.fill_button.setToolTip(
            "Fill the selected day with a saved menu (or drag a saved menu onto a day)"
        )
        buttons.addWidget(self.fill_button)
        for action, label in (
            (self.copy_to_action, "Copy to…"),
            (self.duplicate_action, "Duplicate"),
        ):
            buttons.addWidget(self._tool_button(action, label))
        buttons.addStretch(1)
        return buttons

    @staticmethod
    def _tool_button(action: QAction, label: str) -> QToolButton:
        """A button for ``action`` with a short ``label``: the action's icon text, which a
        tool button keeps when the action changes (``setText`` on the button is lost at the
        action's next change), while menus keep the full text."""
        action.setIconText(label)
        action.setToolTip(action.toolTip() or action.text())
        button = QToolButton()
        button.setDefaultAction(action)
        return button

    def _move_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        for action, text in (
            (self.remove_action, "Remove"),
            (self.rename_action, "Rename"),
            (self.up_action, "▲"),
            (self.down_action, "▼"),
        ):
            buttons.addWidget(self._tool_button(action, text))
        buttons.addStretch(1)
        return buttons

    def context_menu(self) -> QMenu:
        """The days list's right-click menu."""
        menu = QMenu(self)
        menu.addMenu(self.add_menu).setText("Add day")
        menu.addMenu(self.fill_menu)
        menu.addAction(self.copy_to_action)
        for action in (
            self.duplicate_action,
            self.rename_action,
            self.remove_action,
            self.up_action,
            self.down_action,
        ):
            menu.addAction(action)
        return menu

    # -- the current day ----------------------------------------------------------------
    def current_row(self) -> int:
        index = self.days.currentIndex()
        return index.row() if index.isValid() else -1

    def current_day(self) -> Day | None:
        return self.model.day_at(self.current_row())

    def select_day(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.days.setCurrentIndex(self.model.index(row))

    def show_day(self, day: Day) -> None:
        """Make this day the current one (undo and redo call this before changing it)."""
        row = self.model.row_of(day)
        if row >= 0 and row != self.current_row():
            self.select_day(row)

    def day_changed(self) -> None:
        """Say the current day (another one, or its name or menu changed)."""
        self.dayChanged.emit(self.current_day())
        self.update_actions()

    def update_actions(self) -> None:
        """Enable what the current day and the number of days allow."""
        row, count = self.current_row(), self.model.rowCount()
        has_plan = self.session.plan is not None
        self.add_button.setEnabled(has_plan and count < MAX_DAYS)
        self.add_empty_action.setEnabled(has_plan and count < MAX_DAYS)
        self.duplicate_action.setEnabled(row >= 0 and count < MAX_DAYS)
        self.fill_button.setEnabled(row >= 0)
        self.copy_to_action.setEnabled(row >= 0 and count > 1)
        self.rename_action.setEnabled(row >= 0)
        self.remove_action.setEnabled(row >= 0)
        self.up_action.setEnabled(row > 0)
        self.down_action.setEnabled(0 <= row < count - 1)

    # -- edits of the list --------------------------------------------------------------
    def insert_day(self, day: Day, row: int | None = None, text: str = "") -> None:
        """Add ``day`` at ``row`` (the end when None) and show it."""
        plan = self.session.plan
        if plan is None:
            return
        if len(plan.days) >= MAX_DAYS:
            self.statusMessage.emit(f"A plan has at most {MAX_DAYS} days")
            return
        row = len(plan.days) if row is None else row
        self.session.undo_stack.push(InsertDay(self.model, row, day, text))
        self.select_day(row)

    def add_empty_day(self) -> None:
        plan = self.session.plan
        if plan is not None:
            name = plan.unused_day_name()
            self.insert_day(Day(name, Menu(name)))

    def duplicate_day(self) -> None:
        day, row = self.current_day(), self.current_row()
        if day is not None:
            copy = Day(f"{day.name} (copy)"[:MAX_NAME], day.menu.copy())
            self.insert_day(copy, row + 1, f"Duplicate {day.name}")

    def remove_day(self) -> None:
        row = self.current_row()
        if row >= 0:
            day = self.model.days[row]
            self.session.undo_stack.push(RemoveDay(self.model, row))
            self.select_day(min(row, self.model.rowCount() - 1))
            self.day_changed()
            if day.menu.items:  # a day with food: say how to get it back
                count = len(day.menu.items)
                self.statusMessage.emit(
                    f"Removed {day.name} and its {count} food{'' if count == 1 else 's'} "
                    "(Ctrl+Z brings them back)."
                )

    def move_day(self, step: int) -> None:
        row = self.current_row()
        to = row + step
        if row >= 0 and 0 <= to < self.model.rowCount():
            self.session.undo_stack.push(MoveDay(self.model, row, to))
            self.select_day(to)

    def rename_day(self, row: int, name: str) -> None:
        try:
            name = checked_name(name)
        except InputError as exc:
            self.statusMessage.emit(exc.message)
            return
        if self.model.day_at(row) is not None and name != self.model.days[row].name:
            self.session.undo_stack.push(RenameDay(self.model, row, name))
            if row == self.current_row():
                self.day_changed()

    def _rename_current_day(self) -> None:
        if self.days.currentIndex().isValid():
            self.days.edit(self.days.currentIndex())
