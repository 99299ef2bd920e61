"""The household at a glance: people x nutrients (nutrients down, people across), each
cell a person's worst day or daily average in % of their own target, coloured as the
charts colour coverage, and the upper limits each person's days cross."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.formatting import fmt_percent
from planner.core.data.nutrients import BY_KEY, CHART_KEYS
from planner.core.plans.plan import Plan
from planner.core.plans.plan_coverage import PlanCoverage, household_percent
from planner.ui.charts.chart_data import STATUS_COLOURS, STATUS_LABELS, status_of
from planner.ui.widgets.text_colours import muted_style

MODES = {"worst": "Worst day", "average": "Daily average"}
LIMITS_ROW = "Upper limits"


class HouseholdView(QWidget):
    """The table and its worst-day / average choice; a click on a person's row says
    ``personChosen`` (the heatmap then shows that person)."""

    personChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox()
        for key, label in MODES.items():
            self.mode.addItem(label, key)
        self.mode.setToolTip(
            "Worst day: each nutrient's lowest day in the plan; daily average: over all days"
        )
        self.mode.currentIndexChanged.connect(lambda _: self._fill())
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectColumns)
        self.table.horizontalHeader().sectionClicked.connect(lambda c: self._clicked(0, c))
        self.table.setAccessibleName("Household coverage")
        self.table.cellClicked.connect(self._clicked)
        self.note = QLabel(wordWrap=True)
        self.note.setStyleSheet(muted_style())
        top = QHBoxLayout()
        show = QLabel("&Show")
        show.setBuddy(self.mode)
        top.addWidget(show)
        top.addWidget(self.mode)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.names: list[str] = []
        self.coverages: dict[str, PlanCoverage] = {}
        self.guards: dict[str, PlanCoverage] = {}

    def show_household(
        self, plan: Plan, coverages: dict[str, PlanCoverage], guards: dict[str, PlanCoverage]
    ) -> None:
        """Show every person's coverage (``coverages`` of CHART_KEYS, ``guards`` of the
        guard nutrients, both by name as plan_coverage.household_coverage gives them)."""
        self.names = plan.person_names()
        self.coverages, self.guards = coverages, guards
        self._fill()

    def worst_day(self) -> bool:
        return self.mode.currentData() == "worst"

    def _fill(self) -> None:
        """Nutrients down, people across (a household is a few people, the panel narrow)."""
        worst = self.worst_day()
        percent = household_percent(self.coverages, worst) if self.coverages else np.zeros((0, 0))
        rows = [BY_KEY[k].label for k in CHART_KEYS] + [LIMITS_ROW]
        self.table.clear()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(len(self.names))
        self.table.setVerticalHeaderLabels(rows)
        self.table.setHorizontalHeaderLabels(self.names)
        for column, name in enumerate(self.names):
            coverage = self.coverages[name]
            over = coverage.over.any(axis=0) if worst else coverage.average_over
            lower = coverage.unknown.any(axis=0) if worst else coverage.average_unknown
            for row, key in enumerate(CHART_KEYS):
                value = percent[column, row]
                known = not np.isnan(value)
                status = status_of(value if known else None, bool(over[row]))
                text = fmt_percent(value) if known else "–"
                if known and lower[row]:
                    text = "≥ " + text
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if known or over[row]:
                    colour = QColor(STATUS_COLOURS[status])
                    colour.setAlpha(90)
                    item.setBackground(QBrush(colour))
                item.setToolTip(
                    f"{name}, {BY_KEY[key].label}: {STATUS_LABELS[status]}"
                    if known
                    else f"{name}, {BY_KEY[key].label}: no target for this person"
                )
                self.table.setItem(row, column, item)
            self.table.setItem(len(CHART_KEYS), column, self._limits_item(name, worst))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.note.setText(
            "Each person's lowest day of each nutrient, in % of their own targets; upper "
            "limits crossed on any day are listed. Click a person to see their days."
            if worst
            else "Each person's daily average over all the plan's days, in % of their own "
            "targets. Click a person to see their days."
        )

    def cell(self, person: str, key: str) -> str:
        """The text shown for ``person`` and nutrient ``key`` (or ``LIMITS_ROW``)."""
        row = len(CHART_KEYS) if key == LIMITS_ROW else CHART_KEYS.index(key)
        return self.table.item(row, self.names.index(person)).text()

    def _limits_item(self, name: str, worst: bool) -> QTableWidgetItem:
        """The upper limits this person's days cross (charted ones and the guards)."""
        crossed = []
        for coverage in (self.coverages[name], self.guards.get(name)):
            if coverage is None:
                continue
            over = coverage.over.any(axis=0) if worst else coverage.average_over
            crossed += [BY_KEY[k].label for k, o in zip(coverage.keys, over, strict=True) if o]
        item = QTableWidgetItem("OVER" if crossed else "none crossed")
        item.setToolTip(
            f"{name}: over the upper limit of {', '.join(crossed)}"
            if crossed
            else f"{name}: no upper limit crossed"
        )
        if crossed:
            colour = QColor(STATUS_COLOURS["over"])
            colour.setAlpha(90)
            item.setBackground(QBrush(colour))
        return item

    def _clicked(self, _row: int, column: int) -> None:
        if 0 <= column < len(self.names):
            self.personChosen.emit(self.names[column])
