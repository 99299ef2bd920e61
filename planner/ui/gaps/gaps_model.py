"""The gap suggestions as a Qt tree: a row per nutrient under target, its best foods beneath."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionButton

from planner.core.advice.suggestions import PER_CHOICES, Suggestion, none_suggested_reason
from planner.core.data.ceilings import in_text
from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
from planner.core.data.intakes import Target
from planner.core.data.nutrients import BY_KEY
from planner.ui.widgets.roles import ID_ROLE, ModelIndex

NAME, AMOUNT, CLOSES, KCAL, ADD = range(5)
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # nutrient key, on every row
_TOP = 0  # internal id of nutrient rows; food rows carry their nutrient's row + 1


class GapsModel(QAbstractItemModel):
    """Nutrient rows (in GAP_KEYS order) with the suggested foods as children.

    Holds what ``suggest_foods`` returned and the gaps it answered; ``set_suggestions``
    replaces both at once (a model reset).
    """

    def __init__(self, foods: FoodTable, parent=None) -> None:
        super().__init__(parent)
        self.foods = foods
        self.per = "serving"
        self.keys: list[str] = []
        self.gaps: dict[str, float] = {}
        self.targets: Mapping[str, Target] = {}
        self.suggestions: dict[str, list[Suggestion]] = {}
        self.reached: list[str] = []

    def set_suggestions(
        self,
        gaps: Mapping[str, float],
        suggestions: Mapping[str, list[Suggestion]],
        targets: Mapping[str, Target],
        foods: FoodTable,
        per: str,
        reached: Sequence[str] = (),
    ) -> None:
        """``reached``: ceilings the menu is at or over (suggestions.limits_reached)."""
        self.beginResetModel()
        self.reached = list(reached)
        self.foods, self.per, self.targets = foods, per, targets
        self.gaps = dict(gaps)
        self.keys = list(gaps)
        self.suggestions = {k: list(suggestions.get(k, [])) for k in self.keys}
        self.endResetModel()

    # -- lookups ------------------------------------------------------------------------
    def suggestion(self, index: ModelIndex) -> Suggestion | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self.suggestions[self.keys[index.internalId() - 1]][index.row()]

    def key_of(self, index: ModelIndex) -> str | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == _TOP else index.internalId() - 1
        return self.keys[row]

    def food_index(self, key: str, food: str, column: int = NAME) -> QModelIndex:
        """The row of ``food`` under ``key``; invalid when it is not suggested there."""
        if key not in self.keys:
            return QModelIndex()
        parent = self.index(self.keys.index(key), 0)
        for row, s in enumerate(self.suggestions[key]):
            if s.food_id == food:
                return self.index(row, column, parent)
        return QModelIndex()

    # -- Qt model interface -------------------------------------------------------------
    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column <= ADD:
            return QModelIndex()
        if not parent.isValid():
            if 0 <= row < len(self.keys):
                return self.createIndex(row, column, _TOP)
            return QModelIndex()
        if parent.internalId() != _TOP:
            return QModelIndex()
        if 0 <= row < len(self.suggestions[self.keys[parent.row()]]):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.keys)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self.suggestions[self.keys[parent.row()]])
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return ADD + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ("Food", PER_CHOICES[self.per].capitalize(), "Closes", "kcal", "")[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                "Foods ranked by how much of the nutrient they give " + PER_CHOICES[self.per],
                "How much of the nutrient the food gives " + PER_CHOICES[self.per],
                "How much of the remaining gap one realistic serving closes",
                "Energy in one serving",
                "Add one serving to the menu",
            )[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key = self.key_of(index)
        if role == KEY_ROLE:
            return key
        suggestion = self.suggestion(index)
        if suggestion is None:
            return self._nutrient_data(key, index.column(), role)
        return self._food_data(key, suggestion, index.column(), role)

    def _nutrient_data(self, key: str, column: int, role: int):
        if column != NAME:
            return None
        n = BY_KEY[key]
        if role == Qt.ItemDataRole.DisplayRole:
            target = self.targets[key].value
            have = target - self.gaps[key]
            text = (
                f"{n.label}: {fmt_amount(self.gaps[key])} {n.display_unit} to go "
                f"({100 * have / target:.0f} % of {fmt_amount(target)} {n.display_unit})"
            )
            if not self.suggestions[key]:
                text += " — " + none_suggested_reason(self.reached)
            return text
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"The menu's known {in_text(key)} total is under its target; the foods "
                "beneath give the most " + PER_CHOICES[self.per] + "."
            )
        return None

    def _food_data(self, key: str, s: Suggestion, column: int, role: int):
        n = BY_KEY[key]
        if role == ID_ROLE:
            return s.food_id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return self.foods.name(s.food_id)
            if column == AMOUNT:
                if self.per == "100kcal" and s.kcal_per_serving == 0:
                    return "no calories"
                value = s.amount_per_serving if self.per == "serving" else s.amount_per_100kcal
                return f"{fmt_amount(value)} {n.display_unit}"
            if column == CLOSES:
                return f"{100 * s.share_of_gap:.0f} % of gap"
            if column == KCAL:
                return "?" if s.kcal_per_serving is None else f"{s.kcal_per_serving:,.0f}"
            if column == ADD:
                return "Add"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (AMOUNT, CLOSES, KCAL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(key, s)
        return None

    def tooltip(self, key: str, s: Suggestion) -> str:
        n = BY_KEY[key]
        lines = [
            f"{self.foods.name(s.food_id)}: one serving = {s.serving}",
            f"{n.label}: {fmt_amount(s.amount_per_serving)} {n.display_unit} per serving"
            + (
                f", {fmt_amount(s.amount_per_100kcal)} {n.display_unit} per 100 kcal"
                if s.amount_per_100kcal is not None
                else ""
            ),
            f"One serving closes {100 * s.share_of_gap:.0f} % of the "
            f"{fmt_amount(self.gaps[key])} {n.display_unit} still missing.",
        ]
        if s.unknown_limits:
            names = ", ".join(in_text(k) for k in s.unknown_limits)
            lines.append(
                f"Its {names} value is unknown, so no one can say whether it crosses that limit."
            )
        lines.append("Click Add, double-click or press Enter to add one serving.")
        return "\n".join(lines)


class AddButtonDelegate(QStyledItemDelegate):
    """Draws the last column of food rows as a push button; the view acts on clicks there."""

    def paint(self, painter, option, index) -> None:
        if index.data(ID_ROLE) is None:
            super().paint(painter, option, index)
            return
        button = QStyleOptionButton()
        button.rect = QRect(option.rect.adjusted(2, 1, -2, -1))
        button.text = "Add"
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, option.widget)
