"""What a completion found, in words: the foods it adds, the headline and the details."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QTableView, QTextBrowser, QVBoxLayout, QWidget

from planner.core.advice.cautions import POTASSIUM_CAUTION
from planner.core.advice.completion_meals import Addition
from planner.core.advice.optimizer import Completion
from planner.core.data.ceilings import in_text
from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
from planner.core.data.nutrients import BY_KEY
from planner.core.menus.menu import MEAL_LABELS
from planner.ui.charts.chart_data import STATUS_COLOURS
from planner.ui.widgets.table_model import HeaderedTableModel
from planner.ui.widgets.text_colours import text_colours

HEADLINES = {
    "complete": ("Every aimed-at target is reached.", STATUS_COLOURS["met"]),
    "partial": (
        "Not every target can be reached: the best partial result is below.",
        STATUS_COLOURS["part"],
    ),
    "nothing-needed": (
        "Every aimed-at target is already reached: nothing to add.",
        STATUS_COLOURS["met"],
    ),
}


class AddedFoodsModel(HeaderedTableModel):
    """The foods a completion adds, one row each (a food on the menu already: "more"),
    then a total row."""

    columns = ("Added food", "Meal", "Amount", "g", "kcal")

    def __init__(self, foods: FoodTable, parent=None) -> None:
        super().__init__(parent)
        self.foods = foods
        self.additions: list[Addition] = []
        self.total_g: float = 0.0
        self.total_kcal: float | None = None

    def set_completion(self, completion: Completion | None, foods: FoodTable) -> None:
        self.beginResetModel()
        self.foods = foods
        self.additions = list(completion.additions) if completion else []
        self.total_g = completion.added_grams if completion else 0.0
        self.total_kcal = completion.added_kcal if completion else None
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.additions else len(self.additions) + 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        total = row == len(self.additions)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if total:
            if role == Qt.ItemDataRole.DisplayRole:
                cells = ("Total added", "", "", fmt_amount(self.total_g))
                return (*cells, fmt_amount(self.total_kcal))[column]
            return None
        addition = self.additions[row]
        name = self.foods.name(addition.food)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{name} (more)" if addition.raises else name
            if column == 1:
                return MEAL_LABELS[addition.meal]
            if column == 2:
                return added_amount(addition, self.foods)
            if column == 3:
                return fmt_amount(addition.grams)
            return fmt_amount(self.foods.value(addition.food, "energy") * addition.grams / 100)
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 1, 2):
            if addition.raises:
                return (
                    f"{name} is on the menu already: its {MEAL_LABELS[addition.meal].lower()} "
                    f"row gets {fmt_amount(addition.grams)} g more."
                )
            return f"{name}: a new row in {MEAL_LABELS[addition.meal].lower()}."
        return None


def added_amount(addition: Addition, foods: FoodTable) -> str:
    """What the row says: ``+ 1.5 × 1 cup`` for a portion, ``+ 85 g`` otherwise."""
    item = addition.item
    if not addition.raises and item.portions is not None:
        return f"{fmt_amount(item.portions)} × {foods.cell(item.food, 'portion_name')}"
    return f"+ {fmt_amount(addition.grams)} g" if addition.raises else f"{fmt_amount(item.grams)} g"


class CompletionResultView(QWidget):
    """The foods a completion adds (a table with a total row) above its details."""

    def __init__(self, foods: FoodTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.added_model = AddedFoodsModel(foods, self)
        self.added = QTableView()
        self.added.setTabKeyNavigation(False)  # Tab leaves the table (read-only cells)
        self.added.setModel(self.added_model)
        self.added.verticalHeader().hide()
        self.added.setWordWrap(False)
        self.added.verticalHeader().setDefaultSectionSize(22)
        header = self.added.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 64), (2, 56), (3, 56)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.added, 1)
        layout.addWidget(self.details, 1)

    def set_completion(self, completion: Completion | None, foods: FoodTable) -> None:
        """Show ``completion`` (None: nothing found yet)."""
        self.added_model.set_completion(completion, foods)
        if completion is None:
            self.details.clear()
        else:
            self.details.setHtml(details_html(completion))


def headline_html(completion: Completion) -> str:
    """The result in one line: reached or not, in its status colour, and what is added."""
    text, colour = HEADLINES[completion.status]
    if completion.nothing_aimed:  # not "reached": there is nothing to reach
        text = "This profile has no target to aim at: nothing to add."
        colour = text_colours().muted
    summary = ""
    if completion.additions:
        count = len(completion.additions)
        summary = (
            f" {count} food{'s' if count != 1 else ''} added: "
            f"{fmt_amount(completion.added_kcal)} kcal, "
            f"{fmt_amount(completion.added_grams)} g."
        )
    return f"<b style='color:{colour}'>{escape(text)}</b>{escape(summary)}"


def details_html(completion: Completion) -> str:
    """Unmet targets with their reasons, limits crossed before, and the core's notes."""
    parts = []
    if completion.shortfalls:
        items = []
        for s in completion.shortfalls:
            unit = BY_KEY[s.key].display_unit
            items.append(
                f"<li><b>{escape(BY_KEY[s.key].label)}</b>: reaches {fmt_amount(s.reached)} of "
                f"{fmt_amount(s.target)} {unit}. {escape(_sentence(_without_key(s.key, s.reason)))}"
                "</li>"
            )
        parts.append("<p><b>Targets still missed, and why</b></p><ul>" + "".join(items) + "</ul>")
    if completion.over_limits:
        parts.append(
            "<p><b>Already over a limit</b></p><ul>"
            + "".join(f"<li>{escape(_sentence(t))}</li>" for t in completion.over_limits)
            + "</ul>"
        )
    if completion.notes:
        parts.append(
            "<p><b>Notes</b></p><ul>"
            + "".join(f"<li>{escape(_sentence(t))}</li>" for t in completion.notes)
            + "</ul>"
        )
    if not parts:
        aimed = ", ".join(in_text(k) for k in completion.aimed_at)
        parts.append(f"<p>Aimed at: {escape(aimed)}. No limit is crossed.</p>")
    if completion.added and "potassium" in completion.aimed_at:
        parts.append(f"<p><b>Potassium:</b> {escape(POTASSIUM_CAUTION)}</p>")
    return "".join(parts)


def _without_key(key: str, reason: str) -> str:
    """The reason without its leading ``vitamin D: `` (the list item names the nutrient)."""
    prefix = f"{in_text(key)}: "
    return reason[len(prefix) :] if reason.startswith(prefix) else reason


def _sentence(text: str) -> str:
    """The core's reasons start with the nutrient in lower case; a list item reads better
    as a sentence."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."
