"""Nights with cramps and nights without, side by side: the tied days' average coverage of
the nutrients picked, with how many nights stand behind each column, and the caveat."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.formatting import count_of, fmt_amount
from planner.core.data.nutrients import BY_KEY
from planner.core.diary.nights import CAVEAT, NightSplit
from planner.core.plans.plan_coverage import PlanCoverage


def cell_text(coverage: PlanCoverage | None, key: str) -> str:
    """``≥ 125 mg · 39 %``; ``–`` when no night of the column is tied."""
    if coverage is None:
        return "–"
    k = coverage.keys.index(key)
    amount = float(coverage.average_amount[k])
    if math.isnan(amount):
        return "?"
    unit = BY_KEY[key].display_unit
    text = ("≥ " if coverage.average_unknown[k] else "") + f"{fmt_amount(amount)} {unit}"
    percent = float(coverage.average_percent[k])
    return text if math.isnan(percent) else f"{text} · {percent:.0f} %"


def column_title(title: str, nights: int, tied: int) -> str:
    return f"{title}\n{count_of(nights, 'night')}\n{tied} with a menu tied"


class NightsTable(QWidget):
    """The comparison table and, under it always, the plain words of CAVEAT."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3, self, objectName="nightsTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # As tall as its rows, so that the caveat stands right under it.
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.counts = QLabel(self, objectName="nightsCounts", wordWrap=True)
        self.caveat = QLabel(CAVEAT, self, objectName="nightsCaveat", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counts)
        layout.addWidget(self.table)
        layout.addWidget(self.caveat)
        layout.addStretch(1)

    def show_split(self, split: NightSplit, keys: list[str]) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                "Nutrient\n(average a day)",
                column_title("Nights with cramps", len(split.with_cramps), len(split.tied_with)),
                column_title("Nights without", len(split.without), len(split.tied_without)),
            ]
        )
        self.table.setRowCount(len(keys))
        for r, key in enumerate(keys):
            cells = (
                BY_KEY[key].label,
                cell_text(split.coverage_with, key),
                cell_text(split.coverage_without, key),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        self.counts.setText(
            f"{count_of(split.nights, 'night')} from {split.first:%d %b} to {split.last:%d %b %Y}: "
            f"{len(split.with_cramps)} with a cramp logged, {len(split.without)} without; "
            f"{split.untied} with no menu tied, left out below."
        )
