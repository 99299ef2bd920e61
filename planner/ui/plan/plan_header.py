"""The Week plan tab's header: the plan's name and a summary line (its people are in the
people bar under it)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
from planner.core.plans.people import Person
from planner.core.plans.plan import MAX_NAME, Plan
from planner.core.plans.plan_coverage import plan_coverage


class PlanHeader(QWidget):
    """Shows the open plan's name and says edits of it; the plan is changed by whoever
    listens (through the plan's undo stack)."""

    renamed = Signal(str)  # a new name typed (stripped, never empty)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: Plan | None = None
        self.name = QLineEdit()
        self.name.setPlaceholderText("Plan name")
        self.name.setMaxLength(MAX_NAME)
        self.name.editingFinished.connect(self._name_edited)
        self.summary = QLabel()
        self.export_button = QPushButton("Export chart…")
        self.export_button.setToolTip("Save the heatmap and averages as PNG, SVG or PDF")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Plan"))
        layout.addWidget(self.name, 2)
        layout.addWidget(self.summary, 3)
        layout.addWidget(self.export_button)

    def show_plan(self, plan: Plan | None) -> None:
        """Show this plan's name (None: keep showing the last)."""
        self.plan = plan
        if plan is None:
            return
        # Leave a name being typed alone; anything else (undo, another plan) shows.
        if not (self.name.hasFocus() and self.name.isModified()) and self.name.text() != plan.name:
            self.name.setText(plan.name)

    def show_summary(self, plan: Plan, foods: FoodTable, person: Person | None = None) -> None:
        """The number of days and people, and the energy a day of the days with food
        (what ``person`` eats, else the menus as written)."""
        days = len(plan.days)
        parts = [f"{days} day{'' if days == 1 else 's'}"]
        # The average of the days that have food: empty days are not yet planned, and
        # counting them as 0 kcal made a half-filled week look like a fast.
        eating = [d for d in plan.days if d.menu.items or any(d.own.values())]
        if eating:
            eaten = Plan(plan.name, plan.people, eating)
            energy = plan_coverage(eaten, foods, {}, ("energy",), person)
            if len(eating) < days:
                parts[0] += f" ({len(eating)} with food)"
            whose = f"for {person.name}" if person is not None else "each"
            parts.append(f"about {fmt_amount(energy.average_amount[0])} kcal a day {whose}")
        count = len(plan.people)
        parts.insert(1, f"{count} {'person' if count == 1 else 'people'}")
        self.summary.setText("  ·  ".join(parts))

    def edit_name(self) -> None:
        """Put the cursor in the name, all of it selected (a new plan is named first)."""
        self.name.setFocus()
        self.name.selectAll()

    def _name_edited(self) -> None:
        plan = self.plan
        if plan is None:
            return
        text = self.name.text().strip()
        self.name.setModified(False)
        if not text:
            self.name.setText(plan.name)
        elif text != plan.name:
            self.renamed.emit(text)
