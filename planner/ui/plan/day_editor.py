"""The Week plan tab's day editor: the current day's menu, edited as the Day menu tab's
is, above a food browser; each edit goes on the plan's undo stack, tied to its day."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from planner.core.menus.menu import Menu
from planner.core.plans.plan import Day
from planner.ui.day_menu.menu_editor import MenuEditor
from planner.ui.day_menu.menu_model import MenuModel
from planner.ui.foods.food_browser import FoodBrowser
from planner.ui.plan.plan_commands import OnDay
from planner.ui.shared.state import AppState


class _DayStack:
    """What the menu editor pushes its edits to: the plan's stack, each edit tied to its day."""

    def __init__(
        self,
        stack: QUndoStack,
        current_day: Callable[[], Day | None],
        show_day: Callable[[Day], None],
    ) -> None:
        self.stack, self.current_day, self.show_day = stack, current_day, show_day

    def push(self, command: QUndoCommand) -> None:
        day = self.current_day()
        if day is None:
            return
        self.stack.push(OnDay(self.show_day, day, command))


class DayEditor(QSplitter):
    """The day's title and menu editor over a food browser (the "planDaySplitter").

    ``current_day`` gives the day being edited; ``show_day`` brings a day back to the
    front before its edit is undone or redone.
    """

    statusMessage = Signal(str)

    def __init__(
        self,
        state: AppState,
        stack: QUndoStack,
        current_day: Callable[[], Day | None],
        show_day: Callable[[Day], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent, objectName="planDaySplitter")
        self.current_day = current_day
        self.menu_model = MenuModel(state.foods)
        self.menu_model.pregnant = state.profile.pregnant  # rows flag pregnancy cautions
        state.profileChanged.connect(lambda p: self.menu_model.set_pregnant(p.pregnant))
        self.editor = MenuEditor(
            self.menu_model,
            _DayStack(stack, current_day, show_day),  # type: ignore[arg-type]
        )
        # The day's name is edited in the days list; the menu's own name stays internal.
        self.editor.name.hide()
        self.editor.statusMessage.connect(self.statusMessage)
        self.day_title = QLabel(textFormat=Qt.TextFormat.PlainText)  # the user's day name
        font = self.day_title.font()
        font.setBold(True)
        self.day_title.setFont(font)
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.day_title)
        editor_layout.addWidget(self.editor, 1)
        self.browser = FoodBrowser(state)
        self.browser.addRequested.connect(lambda food: self.add_foods([food]))
        self.addWidget(editor_box)
        self.addWidget(self.browser)
        self.setSizes([380, 320])

    def show_day(self, day: Day | None) -> None:
        """Edit this day's menu (None: nothing to edit)."""
        self.menu_model.set_menu(day.menu if day is not None else Menu())
        self.editor.setEnabled(day is not None)
        self.show_title(day)

    def show_title(self, day: Day | None) -> None:
        self.day_title.setText(
            f"{day.name}: menu" if day is not None else "Add a day to plan its menu"
        )

    def add_foods(self, food_ids: list[str]) -> None:
        """Add foods to the current day's menu (said, when the plan has no day)."""
        if self.current_day() is None:
            self.statusMessage.emit("Add a day to the plan first")
            return
        self.editor.add_foods(food_ids)
