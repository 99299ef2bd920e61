"""Qt models of the Compare tab: sources to tick, foods to pick, and the side-by-side table."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
from planner.core.data.nutrients import BY_KEY, GUARD_KEYS
from planner.core.data.ranking import PER_CHOICES
from planner.core.menus.comparison import (
    MAX_SOURCES,
    Comparison,
    Difference,
    differences_from_first,
    spread,
)
from planner.ui.charts.chart_data import STATUS_COLOURS, status_of
from planner.ui.widgets.roles import ID_ROLE

# One colour per compared source (Okabe–Ito, readable with colour-blindness); none of them
# is a status colour's meaning, since here a colour names a source, not how well it does.
SERIES_COLOURS = ("#0072b2", "#e69f00", "#56b4e9", "#d55e00", "#009e73", "#cc79a7")

VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the number behind a table cell (None: unknown)
DIFFERENCE_MODES = {"first": "against the first chosen", "range": "highest − lowest"}
MINUS = "−"


# -- texts shared by the table and the chart ------------------------------------------------
def percent_text(comparison: Comparison, source: int, key: str) -> str:
    """``98 %``, ``≥ 98 %`` (a lower bound), ``?`` (unknown), ``n/a`` or ``–`` (no target)."""
    if not comparison.is_applicable(source):
        return "n/a"
    k = comparison.column(key)
    pct = comparison.percent[source, k]
    if np.isnan(comparison.amounts[source, k]):
        return "?"
    if np.isnan(pct):
        return "–"
    return ("≥ " if comparison.lower_bound[source, k] else "") + f"{pct:.0f} %"


def amount_text(comparison: Comparison, source: int, key: str) -> str:
    """``312 mg · 98 %`` with ``≥`` for lower bounds, ``?`` for unknown, ``n/a``."""
    if not comparison.is_applicable(source):
        return "n/a"
    k = comparison.column(key)
    amount = comparison.amounts[source, k]
    if np.isnan(amount):
        return "?"
    prefix = "≥ " if comparison.lower_bound[source, k] else ""
    text = f"{prefix}{fmt_amount(float(amount))} {BY_KEY[key].display_unit}"
    pct = comparison.percent[source, k]
    return text if np.isnan(pct) else f"{text} · {prefix}{pct:.0f} %"


def basis_phrase(comparison: Comparison) -> str:
    return "in the day" if comparison.basis is None else PER_CHOICES[comparison.basis]


def source_tooltip(comparison: Comparison, source: int, key: str, food_name=None) -> str:
    """What a cell or a bar means, in words, with the foods lacking a value."""
    n = BY_KEY[key]
    label = comparison.labels[source]
    if not comparison.is_applicable(source):
        return f"{label}: {comparison.note(source)}"
    k = comparison.column(key)
    amount = comparison.amounts[source, k]
    target = comparison.targets.get(key)
    unknown = comparison.unknown_foods[source].get(key, ()) if comparison.unknown_foods else ()
    names = ", ".join(food_name(f) if food_name else f for f in unknown)
    if np.isnan(amount):
        text = f"{label}: {n.label} {basis_phrase(comparison)} is unknown"
        return text + (f" (USDA SR28 has no value for {names})." if names else ".")
    at_least = "at least " if comparison.lower_bound[source, k] else ""
    text = (
        f"{label}: {at_least}{fmt_amount(float(amount))} {n.display_unit} of "
        f"{n.label.lower()} {basis_phrase(comparison)}"
    )
    if target is not None:
        pct = comparison.percent[source, k]
        text += (
            f", {at_least}{pct:.0f} % of your {fmt_amount(target.value)} "
            f"{n.display_unit} {target.kind}"
        )
    text += "."
    if names:
        text += f"\nNo USDA value for: {names}; so this is a lower bound."
    return text


def signed(value: float, unit: str) -> str:
    sign = "+" if value > 0 else MINUS if value < 0 else "±"
    return f"{sign}{fmt_amount(abs(value))} {unit}".rstrip()


def difference_text(diff: Difference, k: int, unit: str) -> str:
    """``+45 mg (+14 % pts)``: the amount, and the difference in % of target (percentage
    points); ``≥``/``≤`` for one-sided bounds, a trailing ``?`` when unsure."""
    amount = diff.amount[k]
    if np.isnan(amount):
        return "?"
    text = signed(float(amount), unit)
    points = diff.points[k]
    if not np.isnan(points):
        sign = "+" if points > 0 else MINUS if points < 0 else "±"
        text += f" ({sign}{abs(points):.0f} % pts)"
    bound = diff.bound[k]
    if bound in ("≥", "≤"):
        return f"{bound} {text}"
    return f"{text} ?" if bound == "?" else text


# -- sources to tick (menus and plan days) ----------------------------------------------
@dataclass(frozen=True)
class Source:
    """Something with a day's menu: the menu being edited, a saved menu, a plan's day."""

    key: str  # "live", "menu:<id>", "plan:<id>:<day index>"
    label: str
    tooltip: str = ""


class SourceListModel(QAbstractListModel):
    """Checkable list of sources; ``chosen`` keeps the order they were ticked in."""

    chosenChanged = Signal()
    limitReached = Signal(str)

    def __init__(self, chosen: list[str] | None = None) -> None:
        super().__init__()
        self.sources: list[Source] = []
        self.chosen: list[str] = list(chosen or [])[:MAX_SOURCES]

    def set_sources(self, sources: list[Source]) -> None:
        """New list (after a save or on showing the tab); vanished sources are unticked."""
        if sources != self.sources:
            self.beginResetModel()
            self.sources = list(sources)
            self.endResetModel()
        keys = {s.key for s in self.sources}
        kept = [k for k in self.chosen if k in keys]
        if kept != self.chosen:
            self.chosen = kept
            self.chosenChanged.emit()

    def set_chosen(self, keys: list[str]) -> None:
        known = {s.key for s in self.sources}
        self.chosen = [k for k in keys if k in known][:MAX_SOURCES]
        self._all_changed()
        self.chosenChanged.emit()

    def chosen_sources(self) -> list[Source]:
        by_key = {s.key: s for s in self.sources}
        return [by_key[k] for k in self.chosen if k in by_key]

    def row_of(self, key: str) -> int:
        return next((r for r, s in enumerate(self.sources) if s.key == key), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.sources)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        source = self.sources[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return source.label
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = source.key in self.chosen
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and source.key in self.chosen:
            # The swatch ties a ticked source to its bars and legend entry.
            return QColor(SERIES_COLOURS[self.chosen.index(source.key)])
        if role == Qt.ItemDataRole.ToolTipRole:
            return source.tooltip or source.label
        if role == Qt.ItemDataRole.FontRole and source.key == "live":
            font = QFont()
            font.setItalic(True)
            return font
        if role == ID_ROLE:
            return source.key
        return None

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        key = self.sources[index.row()].key
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked and key not in self.chosen:
            if len(self.chosen) >= MAX_SOURCES:
                self.limitReached.emit(
                    f"Up to {MAX_SOURCES} can be compared at once; untick one first."
                )
                return False
            self.chosen.append(key)
        elif not checked and key in self.chosen:
            self.chosen.remove(key)
        else:
            return False
        self._all_changed()  # colours follow the order of choice
        self.chosenChanged.emit()
        return True

    def _all_changed(self) -> None:
        if self.sources:
            self.dataChanged.emit(self.index(0), self.index(len(self.sources) - 1))


# -- foods to pick ------------------------------------------------------------------------
class ChosenFoodsModel(QAbstractListModel):
    """The foods being compared, in the order they were added (their colours' order)."""

    chosenChanged = Signal()
    limitReached = Signal(str)

    def __init__(self, foods: FoodTable, ids: list[str] | None = None) -> None:
        super().__init__()
        self.foods = foods
        self.ids: list[str] = [i for i in (ids or []) if i in foods][:MAX_SOURCES]

    def add(self, ids: list[str]) -> int:
        """Add the foods not chosen yet, up to the limit; returns how many were added."""
        new = [i for i in dict.fromkeys(ids) if i in self.foods and i not in self.ids]
        room = MAX_SOURCES - len(self.ids)
        if len(new) > room:
            self.limitReached.emit(
                f"Up to {MAX_SOURCES} foods can be compared at once; "
                f"{len(new) - max(room, 0)} not added."
            )
            new = new[: max(room, 0)]
        if new:
            self.beginInsertRows(QModelIndex(), len(self.ids), len(self.ids) + len(new) - 1)
            self.ids.extend(new)
            self.endInsertRows()
            self.chosenChanged.emit()
        return len(new)

    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self.ids = []
        self.endResetModel()
        if not self.add(ids):
            self.chosenChanged.emit()

    def remove_rows(self, rows: list[int]) -> None:
        if not rows:
            return
        self.beginResetModel()
        drop = set(rows)
        self.ids = [i for r, i in enumerate(self.ids) if r not in drop]
        self.endResetModel()
        self.chosenChanged.emit()

    def set_foods(self, foods: FoodTable) -> None:
        """A new food table; foods it no longer has leave the comparison."""
        self.beginResetModel()
        self.foods = foods
        before = self.ids
        self.ids = [i for i in self.ids if i in foods]
        self.endResetModel()
        if self.ids != before:
            self.chosenChanged.emit()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        food_id = self.ids[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.foods.name(food_id)
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(SERIES_COLOURS[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole:
            info = self.foods.info.loc[food_id]
            portion = (
                f"\nPortion: {info['portion_name']} ({info['portion_g']:g} g)"
                if info["portion_g"] > 0
                else ""
            )
            return f"{info['usda_description']} (USDA {info['usda_ndb']}){portion}"
        if role == ID_ROLE:
            return food_id
        return None


# -- the side-by-side table -----------------------------------------------------------------
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
