"""The Compare tab's side-by-side table: a row per nutrient, a column per source, differences."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from planner.core.data.formatting import fmt_amount
from planner.core.data.nutrients import BY_KEY, GUARD_KEYS
from planner.core.menus.comparison import (
    Comparison,
    Difference,
    differences_from_first,
    spread,
)
from planner.ui.charts.chart_data import STATUS_COLOURS, status_of
from planner.ui.compare.compare_texts import (
    SERIES_COLOURS,
    amount_text,
    difference_text,
    source_tooltip,
)

VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the number behind a table cell (None: unknown)
DIFFERENCE_MODES = {"first": "against the first chosen", "range": "highest − lowest"}


class CompareTableModel(QAbstractTableModel):
    """Rows: every nutrient; columns: target, one per source (amount · %), differences."""

    FIXED = ("Nutrient", "Target")

    def __init__(self) -> None:
        super().__init__()
        self.comparison: Comparison | None = None
        self.mode = "first"
        self.differences: list[Difference] = []
        self.food_name = None  # food id -> name, for tooltips naming foods without values
        self.status_colours = True  # a day's menu has a status; a single food does not

    def set_comparison(self, comparison: Comparison | None, mode: str | None = None) -> None:
        self.beginResetModel()
        self.comparison = comparison
        if mode is not None:
            self.mode = mode
        if comparison is None:
            self.differences = []
        elif self.mode == "range":
            one = spread(comparison)
            self.differences = [one] if one is not None else []
        else:
            self.differences = differences_from_first(comparison)
        self.status_colours = comparison is not None and comparison.basis is None
        self.endResetModel()

    @property
    def keys(self) -> tuple[str, ...]:
        # Guards (the registry's last keys, so rows keep their columns) are not compared.
        keys = self.comparison.keys if self.comparison is not None else ()
        return tuple(k for k in keys if k not in GUARD_KEYS)

    def source_count(self) -> int:
        return len(self.comparison) if self.comparison is not None else 0

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self.FIXED) + self.source_count() + len(self.differences)

    def _place(self, column: int) -> tuple[str, int]:
        """("fixed" | "source" | "diff", index within that group)."""
        if column < len(self.FIXED):
            return "fixed", column
        column -= len(self.FIXED)
        if column < self.source_count():
            return "source", column
        return "diff", column - self.source_count()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or self.comparison is None:
            return None
        kind, i = self._place(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == "fixed":
                return self.FIXED[i]
            if kind == "source":
                return self.comparison.labels[i]
            # "Δ B" keeps the column narrow; its tooltip spells out "B − A".
            return (
                "Δ " + self.comparison.labels[i + 1]
                if self.mode == "first"
                else self.differences[i].label
            )
        if role == Qt.ItemDataRole.DecorationRole and kind == "source":
            return QColor(SERIES_COLOURS[i])
        if role == Qt.ItemDataRole.ToolTipRole:
            if kind == "source":
                return "\n".join(
                    t for t in (self.comparison.labels[i], self.comparison.note(i)) if t
                )
            if kind == "diff" and self.mode == "range":
                return "For each nutrient: the highest amount minus the lowest known one."
            if kind == "diff":
                return (
                    f"{self.differences[i].label}: amount, and percentage points of your "
                    "target (% pts: 50 % of target against 36 % is +14 % pts)"
                )
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        c = self.comparison
        if not index.isValid() or c is None:
            return None
        key = self.keys[index.row()]
        n = BY_KEY[key]
        k = index.row()
        kind, i = self._place(index.column())
        target = c.targets.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == "fixed":
                if i == 0:
                    return n.label
                return (
                    f"{fmt_amount(target.value)} {n.display_unit} ({target.kind})"
                    if target
                    else "–"
                )
            if kind == "source":
                return amount_text(c, i, key)
            return difference_text(self.differences[i], k, n.display_unit)
        if role == VALUE_ROLE:
            if kind == "source":
                value = c.amounts[i, k]
            elif kind == "diff":
                value = self.differences[i].amount[k]
            else:
                return None
            return None if np.isnan(value) else float(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if kind == "source":
                return source_tooltip(c, i, key, self.food_name)
            if kind == "fixed" and i == 1 and target is not None:
                return f"Source: {target.source}"
            if kind == "diff":
                return self._difference_tooltip(self.differences[i], k)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and kind == "source"
            and self.status_colours
            and target is not None
            and c.is_applicable(i)
        ):
            pct = c.percent[i, k]
            over = bool(target.limit_applies_to_food and c.amounts[i, k] > target.upper_limit)
            return QColor(STATUS_COLOURS[status_of(None if np.isnan(pct) else pct, over)])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _difference_tooltip(self, diff: Difference, k: int) -> str:
        c = self.comparison
        bound = diff.bound[k]
        if diff.high is not None:
            if np.isnan(diff.amount[k]):
                return "Fewer than two known amounts."
            text = f"Highest: {c.labels[diff.high[k]]}; lowest: {c.labels[diff.low[k]]}."
        else:
            text = diff.label + "."
        points = diff.points[k]
        if not np.isnan(points):
            text += (
                f"\n% pts: percentage points of your target ({abs(points):.0f} points of the "
                "% of target met, not a share of the amount)."
            )
        if bound == "≥":
            text += "\nAt least this: the second total lacks some foods' values."
        elif bound == "≤":
            text += "\nAt most this: the first total lacks some foods' values."
        elif bound == "?":
            text += "\nUnsure: some values are unknown, so the true difference may be either way."
        return text
