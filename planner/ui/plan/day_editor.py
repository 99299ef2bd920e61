"""The Week plan tab's day editor: the current day's menu, edited as the Day menu tab's
is, above a food browser; each edit goes on the plan's undo stack, tied to its day."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.core.menus.menu import Menu
from planner.core.plans.people import Person
from planner.core.plans.plan import Day
from planner.ui.day_menu.menu_editor import MenuEditor
from planner.ui.day_menu.menu_model import MenuModel
from planner.ui.foods.food_browser import FoodBrowser
from planner.ui.plan.plan_commands import OnDay
from planner.ui.shared.state import AppState


class _DayStack:
    """What the menu editor pushes its edits to: the plan's stack, each edit tied to its day
    and to whose items it changed (the shared menu, or a person's own)."""

    def __init__(self, stack: QUndoStack, editor: DayEditor) -> None:
        self.stack, self.editor = stack, editor

    def push(self, command: QUndoCommand) -> None:
        day = self.editor.current_day()
        if day is None:
            return
        whose = self.editor.whose_shown()

        def show(shown: Day) -> None:
            self.editor.bring_back(shown, whose)

        if whose is not None:
            command.setText(f"{command.text()} for {whose}")
        self.stack.push(OnDay(show, day, command))


class DayEditor(QSplitter):
    """The day's title and menu editor over a food browser (the "planDaySplitter").

    ``current_day`` gives the day being edited; ``show_day`` brings a day back to the
    front before its edit is undone or redone; ``people``: the plan's people, whose own
    items ``whose`` offers to edit instead of the shared menu.
    """

    statusMessage = Signal(str)

    def __init__(
        self,
        state: AppState,
        stack: QUndoStack,
        current_day: Callable[[], Day | None],
        show_day: Callable[[Day], None],
        people: Callable[[], list[Person]] = list,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent, objectName="planDaySplitter")
        self.current_day, self.show_day_row, self.people = current_day, show_day, people
        self.menu_model = MenuModel(state.foods)
        self.editor = MenuEditor(self.menu_model, _DayStack(stack, self))  # type: ignore[arg-type]
        # Whose items are edited: the day's shared menu, or one person's own items.
        self.whose = QComboBox()
        self.whose.setAccessibleName("Whose items")
        self.whose.setToolTip(
            "The shared menu, which everyone eats their share of, or one person's own items"
        )
        self.whose.currentIndexChanged.connect(lambda _: self.show_day(self.current_day()))
        # The day's name is edited in the days list; the menu's own name stays internal.
        self.editor.name.hide()
        self.editor.statusMessage.connect(self.statusMessage)
        self.day_title = QLabel(textFormat=Qt.TextFormat.PlainText)  # the user's day name
        font = self.day_title.font()
        font.setBold(True)
        self.day_title.setFont(font)
        # It may be cut short rather than widen the tab: whose items and Complete share its row.
        self.day_title.setMinimumWidth(40)
        self.day_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.day_title, 1)
        title_row.addWidget(self.whose)
        self.whose.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.whose.setMinimumContentsLength(10)
        self.complete_button = QPushButton("Complete…")
        self.complete_button.setToolTip(
            "Complete this day for a person: foods that close their gaps, added to their own "
            "items or the shared menu, with no one taken over a limit"
        )
        title_row.addWidget(self.complete_button)
        editor_layout.addLayout(title_row)
        editor_layout.addWidget(self.editor, 1)
        self.browser = FoodBrowser(state)
        self.browser.addRequested.connect(lambda food: self.add_foods([food]))
        self.addWidget(editor_box)
        self.addWidget(self.browser)
        self.setSizes([380, 320])

    def show_people(self) -> None:
        """Offer the plan's people (after they changed); the shared menu when the one
        whose items were shown is gone."""
        shown = self.whose_shown()
        self.whose.blockSignals(True)
        self.whose.clear()
        self.whose.addItem("Shared menu", None)
        for person in self.people():
            self.whose.addItem(f"{person.name}'s own items", person.name)
        self.whose.setCurrentIndex(max(self.whose.findData(shown), 0))
        self.whose.blockSignals(False)
        self.show_day(self.current_day())

    def whose_shown(self) -> str | None:
        """The person whose own items are edited; None for the shared menu."""
        return self.whose.currentData() if self.whose.count() else None

    def show_whose(self, name: str | None) -> None:
        row = self.whose.findData(name)
        if row >= 0 and row != self.whose.currentIndex():
            self.whose.setCurrentIndex(row)  # shows the day again

    def bring_back(self, day: Day, whose: str | None) -> None:
        """Show ``day`` and ``whose`` items again (before an edit of them is undone)."""
        self.show_day_row(day)
        self.show_whose(whose)

    def show_day(self, day: Day | None) -> None:
        """Edit this day's shared menu or the chosen person's own items (None: nothing)."""
        whose = self.whose_shown()
        if day is None:
            menu = Menu()
        elif whose is None:
            menu = day.menu
        else:  # the Menu edits this very list, so the day's own items change with it
            menu = Menu(f"{day.name} · {whose}", day.own.setdefault(whose, []))
        self.menu_model.set_menu(menu)
        # Pregnancy cautions: for whoever eats these items (the shared menu: anyone).
        people = [p for p in self.people() if whose is None or p.name == whose]
        self.menu_model.set_pregnant(any(p.profile.pregnant for p in people))
        self.editor.setEnabled(day is not None)
        self.complete_button.setEnabled(day is not None)
        self.show_title(day)

    def show_title(self, day: Day | None) -> None:
        # The day's shared menu, or (the choice beside says whose) a person's own items.
        part = ": menu" if self.whose_shown() is None else ":"
        self.day_title.setText(
            f"{day.name}{part}" if day is not None else "Add a day to plan its menu"
        )

    def add_foods(self, food_ids: list[str]) -> None:
        """Add foods to the current day's menu (said, when the plan has no day)."""
        if self.current_day() is None:
            self.statusMessage.emit("Add a day to the plan first")
            return
        self.editor.add_foods(food_ids)
