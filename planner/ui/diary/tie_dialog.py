"""Tie a diary day to what was eaten: a saved menu, or a plan's day (the plan's day of that
weekday, by its name, is offered first) as one person of the plan ate it (their share of
the menu and their own items). The tie keeps a copy of the menu."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.diary.diary_store import DayTie
from planner.core.errors import InputError
from planner.core.plans.plan import Plan, load_plan
from planner.core.storage.library import Library


class TieDialog(QDialog):
    """``tie`` is the chosen DayTie once accepted."""

    def __init__(self, library: Library, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tieDialog")
        self.setWindowTitle(f"What was eaten on {day:%a %d %b %Y}")
        self.library, self.day = library, day
        self.tie: DayTie | None = None
        self._plan: Plan | None = None

        self.use_menu = QRadioButton("A &saved menu", self)
        self.use_plan = QRadioButton("A &plan's day", self)
        self.menus = QComboBox(self, objectName="menus")
        for entry in library.menus():
            self.menus.addItem(entry.name, entry.id)
        self.plans = QComboBox(self, objectName="plans")
        for entry in library.plans():
            self.plans.addItem(entry.name, entry.id)
        self.days = QComboBox(self, objectName="days")
        # Whose day it was: a household plan's people eat different amounts of it.
        self.person = QComboBox(self, objectName="person")
        self.person_label = QLabel("As eaten &by", self)
        self.person_label.setBuddy(self.person)
        self.problem = QLabel(self, wordWrap=True)
        self.problem.hide()
        self.plans.currentIndexChanged.connect(self._plan_chosen)
        self.use_menu.setEnabled(self.menus.count() > 0)
        self.use_plan.setEnabled(self.plans.count() > 0)
        # The plan's day of that date first, when there is a plan: the likeliest answer.
        (self.use_plan if self.plans.count() else self.use_menu).setChecked(True)
        self.menus.activated.connect(lambda _: self.use_menu.setChecked(True))
        self.days.activated.connect(lambda _: self.use_plan.setChecked(True))
        self.person.activated.connect(lambda _: self.use_plan.setChecked(True))

        form = QFormLayout()
        form.addRow(self.use_menu, self.menus)
        form.addRow(self.use_plan, self.plans)
        form.addRow("", self.days)
        form.addRow(self.person_label, self.person)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                f"The night of {day:%a %d %b} follows this day's meals. A copy of the menu is "
                "kept with the diary, so later changes to it do not change the record.",
                self,
                wordWrap=True,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if not self.menus.count() and not self.plans.count():
            self.problem.setText("Save a menu or a plan first: there is nothing to tie to yet.")
            self.problem.show()
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self._plan_chosen()

    def _plan_chosen(self, _index: int = 0) -> None:
        """Load the chosen plan's days; the one named after the day's weekday first."""
        self.days.clear()
        self.person.clear()
        self._plan = None
        plan_id = self.plans.currentData()
        if plan_id is None:
            return
        try:
            self._plan, _ = load_plan(self.library, plan_id)
        except (InputError, KeyError) as exc:
            self.problem.setText(f"That plan cannot be read: {exc}")
            self.problem.show()
            return
        weekday = f"{self.day:%A}"
        for n, day in enumerate(self._plan.days):
            self.days.addItem(day.name, n)
        same = self.days.findText(weekday)
        self.days.setCurrentIndex(max(same, 0))
        for person in self._plan.people:
            self.person.addItem(f"{person.name} (share {person.share:g})", person.name)
        # One person eating the menu as written needs no choice.
        alone = len(self._plan.people) == 1 and self._plan.people[0].share == 1.0
        self.person.setVisible(not alone)
        self.person_label.setVisible(not alone)

    def accept(self) -> None:
        if self.use_plan.isChecked() and self._plan is not None and self.days.count():
            index = self.days.currentData()
            source = f"plan '{self._plan.name}', {self._plan.days[index].name}"
            person = self._plan.person(self.person.currentData())
            if len(self._plan.people) > 1:
                source += f", as {person.name} ate it"
            self.tie = DayTie(self.day, source, self._plan.eaten(index, person))
        elif self.use_menu.isChecked() and self.menus.count():
            try:
                menu = self.library.load_menu(self.menus.currentData())
            except (InputError, KeyError) as exc:
                self.problem.setText(f"That menu cannot be read: {exc}")
                self.problem.show()
                return
            self.tie = DayTie(self.day, f"menu '{menu.name}'", menu)
        else:
            return
        super().accept()
