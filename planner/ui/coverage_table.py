"""The totals table beside the chart: amount, target, %, limit, and foods with unknown values."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from planner.core.coverage import Coverage
from planner.core.foods import FoodTable
from planner.core.formatting import fmt_amount
from planner.core.nutrients import NUTRIENTS
from planner.ui.chart_data import STATUS_COLOURS, status_of
from planner.ui.table_model import HeaderedTableModel

COLUMNS = ("Nutrient", "Amount", "Target", "%", "Limit", "Unknown in")


class CoverageTableModel(HeaderedTableModel):
    """One row per nutrient of the registry (energy included, with no target)."""

    columns = COLUMNS

    def __init__(self, foods: FoodTable) -> None:
        super().__init__()
        self.foods = foods
        self.coverage: Coverage | None = None

    def set_coverage(self, coverage: Coverage, foods: FoodTable) -> None:
        self.coverage, self.foods = coverage, foods
        self.dataChanged.emit(self.index(0, 0), self.index(len(NUTRIENTS) - 1, len(COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(NUTRIENTS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.coverage is None:
            return None
        n = NUTRIENTS[index.row()]
        line = self.coverage[n.key]
        t = line.target
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            unit = n.display_unit
            if column == 0:
                return n.label
            if column == 1:
                if line.amount is None:
                    return "unknown"
                prefix = "≥ " if line.unknown_foods else ""
                return f"{prefix}{fmt_amount(line.amount)} {unit}"
            if column == 2:
                return f"{fmt_amount(t.value)} {unit} ({t.kind})" if t else "–"
            if column == 3:
                return "–" if line.percent is None else f"{line.percent:.0f} %"
            if column == 4:
                if not t or t.upper_limit is None:
                    return ""
                star = "" if t.limit_applies_to_food else " *"
                return f"{fmt_amount(t.upper_limit)} {unit}{star}"
            if column == 5:
                return ", ".join(self.foods.name(f) for f in line.unknown_foods)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 4 and t and t.upper_limit is not None and not t.limit_applies_to_food:
                return "This limit concerns supplements and fortified foods, not food itself."
            if column == 2 and t:
                return f"Source: {t.source}"
            if column == 1 and line.unknown_foods:
                return "At least this much: some foods have no USDA value for this nutrient."
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and line.target is not None:
            return QColor(STATUS_COLOURS[status_of(line.percent, line.above_upper_limit)])
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
