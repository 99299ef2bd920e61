"""The totals under the chart: amount, target, %, limit, and a note naming the foods whose
unknown values the totals leave out."""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from planner.core.data.ceilings import in_text, over_limit_phrase
from planner.core.data.foods import FoodTable, food_names, names_with_raw
from planner.core.data.formatting import fmt_amount
from planner.core.data.household import is_drink, ml_per_gram, volume_text
from planner.core.data.nutrients import BY_KEY, REPORTED
from planner.core.menus.coverage import Coverage
from planner.ui.charts.chart_data import STATUS_COLOURS, status_of
from planner.ui.widgets.table_model import HeaderedTableModel
from planner.ui.widgets.text_colours import text_colours

COLUMNS = ("Nutrient", "Amount", "Target", "%", "Limit")
# The widest text each column shows: widths that follow the font, so that a larger system
# font does not cut the numbers off. The last column stretches from its width.
WIDEST = (
    tuple(n.label for n in REPORTED),
    ("≥ 8,888 mg", "≥ 888 µg DFE", "8,888 kcal"),
    ("8,888 mg (RDA)", "888 µg DFE (RDA)"),
    ("≥ 888 %",),
    ("8,888 µg DFE *",),
)
CELL_PADDING = 12
# What the totals' tab bar ("Totals", "Close my gaps") above the table takes.
TAB_ROOM = 44


class CoverageTableModel(HeaderedTableModel):
    """One row per nutrient of the registry (energy included, with no target)."""

    columns = COLUMNS

    def __init__(self, foods: FoodTable) -> None:
        super().__init__()
        self.foods = foods
        self.coverage: Coverage | None = None

    def set_coverage(self, coverage: Coverage, foods: FoodTable) -> None:
        self.coverage, self.foods = coverage, foods
        self.dataChanged.emit(self.index(0, 0), self.index(len(REPORTED) - 1, len(COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(REPORTED)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.coverage is None:
            return None
        n = REPORTED[index.row()]
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
                if line.percent is None:
                    return "–"
                return f"{'≥ ' if line.unknown_foods else ''}{line.percent:.0f} %"
            if column == 4:
                if t and t.upper_limit is not None:
                    star = "" if t.limit_applies_to_food else " *"
                    return f"{fmt_amount(t.upper_limit)} {unit}{star}"
                if line.ceiling is not None:  # sodium without an upper limit (EFSA)
                    return f"{fmt_amount(line.ceiling)} {unit} †"
                return ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 4 and t and t.upper_limit is not None and not t.limit_applies_to_food:
                return "This limit concerns supplements and fortified foods, not food itself."
            if column == 4 and line.ceiling is not None and (t is None or t.upper_limit is None):
                return (
                    "No upper limit is set; Crampless keeps the day at or under this safe "
                    "and adequate intake, and so does Complete my menu."
                )
            if column == 2 and t:
                return f"Source: {t.source}"
            tips = []
            if column == 1 and line.unknown_foods:
                names = "; ".join(self.foods.name(f) for f in line.unknown_foods)
                tips.append(f"At least this much: the value is unknown for {names}.")
            if column in (0, 1) and n.key == "water":
                tips.append(drinks_note(self.coverage, self.foods))
            return "\n".join(t for t in tips if t) or None
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and line.target is not None:
            return QColor(STATUS_COLOURS[status_of(line.percent, line.above_upper_limit)])
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def unknowns_note(coverage: Coverage, foods: FoodTable) -> str:
    """Which foods' unknown values the totals leave out (three a nutrient at most: the
    amount's tooltip names them all); empty when every value is known."""
    # Items of foods the library no longer has are unknown in every nutrient: named once.
    gone = [f for f in coverage.food_ids if f not in foods]
    parts = [
        f"{in_text(n.key)} in {names_with_raw(foods, unknown, n.key)}"
        for n in REPORTED
        if (unknown := [f for f in coverage[n.key].unknown_foods if f in foods])
    ]
    # "·" between nutrients: food names hold commas, and food_names parts them with ";".
    said = [f"no value is known for {' · '.join(parts)}."] if parts else []
    if gone:
        said = [
            f"nothing is known of {food_names(foods, gone)} (no longer in your library).",
            *(text[0].upper() + text[1:] for text in said),
        ]
    return f"≥ at least: {' '.join(said)}" if said else ""


def drinks_note(coverage: Coverage, foods: FoodTable) -> str:
    """The menu's drinks in ml or L, for the water row (whose total, in litres, counts the
    water in food too): ``Drinks: 1.25 L (Water, tap: 750 ml; Milk: 500 ml)``; empty
    when the menu has none. A drink whose measures give no volume is said in grams."""
    parts, total, unknown = [], 0.0, False
    for food, grams in zip(coverage.food_ids, coverage.grams, strict=True):
        if not (grams > 0 and food in foods and is_drink(foods, food)):
            continue  # NaN grams compare False: a food the table does not hold
        per_g = ml_per_gram(foods, food)
        if math.isnan(per_g):  # no measure gives its volume
            unknown = True
            parts.append(f"{foods.name(food)}: {fmt_amount(grams)} g (volume unknown)")
        else:
            total += grams * per_g
            parts.append(f"{foods.name(food)}: {volume_text(grams * per_g)}")
    if not parts:
        return ""
    amount = f"at least {volume_text(total)}" if unknown else volume_text(total)
    return (
        f"Drinks: {amount} ({'; '.join(parts)}).\n"
        "The water total counts the water in drinks and in food."
    )


# A food is named as behind a crossed guard limit when it gives at least this share of the
# limit: a glass of milk's 100 µg of retinol is not why a day with liver is over 3,000 µg.
MAIN_SHARE = 0.1


def main_contributors(coverage: Coverage, key: str, limit: float) -> list[tuple[str, float]]:
    """The foods giving at least MAIN_SHARE of ``limit``; the largest one at least."""
    found = coverage.contributors(key)
    main = [(food, amount) for food, amount in found if amount >= MAIN_SHARE * limit]
    return main or found[:1]


def guards_note(coverage: Coverage, foods: FoodTable) -> str:
    """A warning for each guard nutrient (not in the table) whose upper limit the menu
    crosses, with the foods giving most of it; empty when none is crossed."""
    parts = []
    for line in coverage.crossed_guards:
        limit = line.target.upper_limit  # type: ignore[union-attr]  # crossed: it has one
        phrase = over_limit_phrase(line.key, line.amount, limit, bool(line.unknown_foods))
        top = [f for f, _ in main_contributors(coverage, line.key, limit)]
        parts.append(f"{phrase} (from {food_names(foods, top)})")
    if not parts:
        return ""
    return "⚠ Over an upper limit the table does not show: " + " · ".join(parts) + "."


def guard_warnings(coverage: Coverage) -> dict[str, str]:
    """Food id -> what it gives of each guard whose upper limit the menu crosses, for the
    foods behind it (main_contributors; the menu rows' icons and tooltips)."""
    texts: dict[str, list[str]] = {}
    for line in coverage.crossed_guards:
        n = BY_KEY[line.key]
        limit = line.target.upper_limit  # type: ignore[union-attr]  # crossed: it has one
        bound = "at least " if line.unknown_foods else ""
        for food, amount in main_contributors(coverage, line.key, limit):
            texts.setdefault(food, []).append(
                f"Gives {fmt_amount(amount)} {n.display_unit} of {in_text(line.key)}: the menu "
                f"has {bound}{fmt_amount(line.amount)} {n.display_unit}, over the upper limit "
                f"of {fmt_amount(limit)} {n.display_unit}."
            )
    return {food: "\n".join(lines) for food, lines in texts.items()}


class TotalsView(QWidget):
    """The totals table and, under it, notes on missing targets and unknown values (shown
    when there are)."""

    def __init__(self, model: CoverageTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = QTableView()
        # Tab leaves the table: its cells are read-only, and Tab from cell to cell would
        # keep a keyboard user in it.
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName("Totals")
        self.table.verticalHeader().hide()  # before the model, as for the food list
        self.table.setModel(model)
        self.table.setWordWrap(False)
        # Widths from the font, not from the cells: sizing to contents would ask every
        # cell at start-up and make the columns jump as the amounts change.
        metrics = self.table.fontMetrics()
        widths = [
            max(metrics.horizontalAdvance(t) for t in (*texts, COLUMNS[column])) + CELL_PADDING
            for column, texts in enumerate(WIDEST)
        ]
        header = self.table.horizontalHeader()
        # The stretched last section never gets narrower than the default size (100 px).
        header.setDefaultSectionSize(widths[-1])
        header.setStretchLastSection(True)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self._widths = widths
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.note = QLabel(wordWrap=True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # food names are the user's text
        palette = self.note.palette()  # grey without a style sheet (Qt's CSS costs start-up)
        palette.setColor(QPalette.ColorRole.WindowText, QColor(text_colours().muted))
        self.note.setPalette(palette)
        self.note.hide()
        # Crossed guard limits, in the warning colour, above the grey notes.
        self.guard_note = QLabel(wordWrap=True)
        self.guard_note.setTextFormat(Qt.TextFormat.PlainText)
        self.guard_note.setAccessibleName("Upper limits crossed")
        palette = self.guard_note.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(text_colours().caution))
        self.guard_note.setPalette(palette)
        self.guard_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.guard_note)
        layout.addWidget(self.note)
        # The note (unknown values, missing targets) takes two lines at most, so that it
        # never squeezes the rows; the whole of it is in its tooltip.
        self.note.setMaximumHeight(2 * self.note.fontMetrics().lineSpacing() + 2)

    def full_width(self) -> int:
        """The width that shows every column (the Limit column too) without scrolling."""
        return sum(self._widths) + 2 * self.table.frameWidth() + 2

    def full_height(self) -> int:
        """The height of the table with every row (and the tabs above it)."""
        rows = self.model.rowCount() * self.table.verticalHeader().defaultSectionSize()
        header = self.table.horizontalHeader().sizeHint().height()
        return rows + header + 2 * self.table.frameWidth() + TAB_ROOM

    def set_coverage(self, coverage: Coverage, foods: FoodTable, missing_note: str = "") -> None:
        """``missing_note``: which nutrients have no target and why (intakes.missing_note)."""
        self.model.set_coverage(coverage, foods)
        text = "\n".join(t for t in (missing_note, unknowns_note(coverage, foods)) if t)
        self.note.setText(text)
        self.note.setToolTip(text)
        self.note.setVisible(bool(text))
        warning = guards_note(coverage, foods)
        self.guard_note.setText(warning)
        self.guard_note.setVisible(bool(warning))
