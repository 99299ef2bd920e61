"""The Week plan tab's header: the plan's name, how many people eat it, a summary line."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
from planner.core.plans.plan import MAX_NAME, MAX_PEOPLE, Plan
from planner.core.plans.plan_coverage import plan_coverage


class PlanHeader(QWidget):
    """Shows the open plan's name and people and says edits of them; the plan is changed
    by whoever listens (through the plan's undo stack)."""

    renamed = Signal(str)  # a new name typed (stripped, never empty)
    peopleEdited = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: Plan | None = None
        self.name = QLineEdit()
        self.name.setPlaceholderText("Plan name")
        self.name.setMaxLength(MAX_NAME)
        self.name.editingFinished.connect(self._name_edited)
        self.people = QSpinBox()
        self.people.setRange(1, MAX_PEOPLE)
        self.people.setSuffix(" people")
        self.people.setToolTip("How many people eat this plan: it scales the shopping list")
        self.people.valueChanged.connect(self._people_edited)
        self.summary = QLabel()
        self.export_button = QPushButton("Export chart…")
        self.export_button.setToolTip("Save the heatmap and averages as PNG, SVG or PDF")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Plan"))
        layout.addWidget(self.name, 2)
        layout.addWidget(QLabel("Cooking for"))
        layout.addWidget(self.people)
        layout.addWidget(self.summary, 3)
        layout.addWidget(self.export_button)

    def show_plan(self, plan: Plan | None) -> None:
        """Show this plan's name and people (None: keep showing the last)."""
        self.plan = plan
        if plan is None:
            return
        # Leave a name being typed alone; anything else (undo, another plan) shows.
        if not (self.name.hasFocus() and self.name.isModified()) and self.name.text() != plan.name:
            self.name.setText(plan.name)
        count = len(plan.people)
        if self.people.value() != count:
            self.people.blockSignals(True)
            self.people.setValue(count)
            self.people.blockSignals(False)
        self.people.setSuffix(" person" if count == 1 else " people")

    def show_summary(self, plan: Plan, foods: FoodTable) -> None:
        """The number of days and the energy a day of the days with food."""
        days = len(plan.days)
        parts = [f"{days} day{'' if days == 1 else 's'}"]
        # The average of the days that have food: empty days are not yet planned, and
        # counting them as 0 kcal made a half-filled week look like a fast.
        eating = [d for d in plan.days if d.menu.items]
        if eating:
            energy = plan_coverage(Plan(plan.name, plan.people, eating), foods, {}, ("energy",))
            if len(eating) < days:
                parts[0] += f" ({len(eating)} with food)"
            parts.append(f"about {fmt_amount(energy.average_amount[0])} kcal a day each")
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

    def _people_edited(self, value: int) -> None:
        plan = self.plan
        if plan is not None and value != len(plan.people):
            self.peopleEdited.emit(value)
