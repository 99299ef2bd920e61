"""The Week plan tab's chart: the heatmap of the days' coverage and the notes under it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from planner.core.data.foods import FoodTable
from planner.core.data.intakes import Target
from planner.core.data.nutrients import GUARD_KEYS
from planner.core.plans.people import Person
from planner.core.plans.plan import Plan
from planner.core.plans.plan_coverage import PlanCoverage, plan_coverage, unknown_foods
from planner.ui.plan.plan_heatmap import PlanHeatmap
from planner.ui.widgets.text_colours import muted_style


class PlanChart(QWidget):
    """The heatmap (a click on a day's column says ``daySelected``) and what it needs said:
    the missing targets, unknown values, days over a limit the chart does not show."""

    daySelected = Signal(int)
    exportRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: Plan | None = None
        self.foods: FoodTable | None = None
        self.coverage: PlanCoverage | None = None
        self.person: Person | None = None
        self.heatmap = PlanHeatmap()
        self.heatmap.unknown_names = self._unknown_names
        self.heatmap.daySelected.connect(self.daySelected)
        self.heatmap.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        export = QAction("Export chart…", self.heatmap)
        export.triggered.connect(self.exportRequested)
        self.heatmap.addAction(export)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(muted_style())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heatmap, 1)
        layout.addWidget(self.note)

    def show_plan(
        self,
        plan: Plan,
        foods: FoodTable,
        targets: dict[str, Target],
        missing_note: str,
        person: Person | None = None,
    ) -> None:
        """Recompute every day's coverage of ``targets``, of what ``person`` eats (None:
        the menus as written); redraw the heatmap and averages.

        ``missing_note`` says which targets the profile lacks ('' when none).
        """
        self.plan, self.foods, self.person = plan, foods, person
        self.coverage = plan_coverage(plan, foods, targets, person=person)
        guards = plan_coverage(plan, foods, targets, GUARD_KEYS, person)
        self.heatmap.set_data(self.coverage, guards)
        days = len(plan.days)
        notes = [missing_note] if missing_note else []
        if person is not None and len(plan.people) > 1:
            notes.insert(0, f"{person.describe()}: their share of the menu and own items.")
        if days and self.coverage.unknown.any():
            notes.append(
                "Hatched cells (?) and “≥” mark amounts that are unknown or only a lower bound: "
                "USDA SR28 gives no value for some food that day. Hover a cell to see which."
            )
        crossing = [guards.days[d] for d in range(days) if guards.crossed(d)]
        if crossing:
            notes.append(
                f"⚠ {', '.join(crossing)}: over an upper limit the chart does not show "
                "(vitamin A as retinol, selenium, zinc, copper or manganese). Hover the day."
            )
        if days:
            notes.append("Click a day's column to edit that day.")
        self.note.setText(" ".join(notes))

    def _unknown_names(self, day: int, key: str) -> list[str]:
        plan, foods = self.plan, self.foods
        if plan is None or foods is None or not 0 <= day < len(plan.days):
            return []
        menu = plan.days[day].menu if self.person is None else plan.eaten(day, self.person)
        return [foods.name(f) if f in foods else f for f in unknown_foods(menu, foods, key)]
