"""“Complete my menu”: options, the search on a worker thread, the result, Apply or Discard."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner.core.advice.cautions import POTASSIUM_CAUTION
from planner.core.advice.completion_meals import Addition
from planner.core.advice.completion_options import AUTO_MEAL, OBJECTIVES, CompletionOptions
from planner.core.advice.exclusions import allowed_food_ids
from planner.core.advice.optimizer import Completion
from planner.core.data.ceilings import in_text
from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
from planner.core.data.nutrients import BY_KEY
from planner.core.errors import InputError
from planner.core.menus.menu import MEAL_LABELS, MEALS, Menu
from planner.ui.charts.chart_data import STATUS_COLOURS
from planner.ui.charts.chart_export import export_figure_dialog
from planner.ui.day_menu.menu_commands import AddItems, EditItem
from planner.ui.day_menu.menu_model import MenuModel
from planner.ui.gaps.completion_chart import BeforeAfterChart, before_after
from planner.ui.gaps.completion_worker import CompletionJob, CompletionWorker, start
from planner.ui.gaps.exclusions_dialog import ExclusionsDialog
from planner.ui.gaps.gap_exclusions import ExclusionsStore, describe, pregnancy_note
from planner.ui.shared.settings import Settings
from planner.ui.shared.state import AppState
from planner.ui.widgets.dialogs import file_name_for
from planner.ui.widgets.table_model import HeaderedTableModel
from planner.ui.widgets.text_colours import muted_style, text_colours

UNDO_TEXT = "Complete my menu"
PREFIX = "completion/"
DEFAULTS = CompletionOptions()
NO_CAP = 0  # the kcal spin box's "no cap" value
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


def _flag(value, default: bool) -> bool:
    """A remembered checkbox (an INI file gives booleans back as text)."""
    if value is None:
        return default
    return value in (True, "true", "1", 1)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


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


class CompletionDialog(QDialog):
    """Finds foods that complete the day menu; Apply adds them as one undoable edit.

    The search starts as the dialog opens, with the remembered options; "Find foods"
    runs it again after a change. The dialog is window-modal, so the menu it completes
    cannot change underneath it.
    """

    applied = Signal(object)  # Completion
    statusMessage = Signal(str)

    def __init__(
        self,
        state: AppState,
        menu_model: MenuModel,
        undo_stack: QUndoStack,
        store: ExclusionsStore,
        settings: Settings,
        folders: tuple[Callable[[], str], Callable[[str], None]] | None = None,
        parent: QWidget | None = None,
        worker_parent: QWidget | None = None,
        familiar: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Complete my menu")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.state, self.menu_model, self.undo_stack = state, menu_model, undo_stack
        self.store, self.settings = store, settings
        self.familiar = familiar  # foods of the user's saved menus and plans: preferred
        self._last_folder, self._remember_folder = folders or (lambda: "", lambda _: None)
        # Workers outlive a closed dialog until their solve ends; the window waits for them.
        self.worker_parent = worker_parent or parent
        self.worker: CompletionWorker | None = None
        self.completion: Completion | None = None
        self.menu_at_run: Menu | None = None
        self.outcome = ""  # "found", "cancelled", "failed" once a run ends

        self._build_options()
        self.headline = QLabel("", wordWrap=True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.added_model = AddedFoodsModel(state.foods, self)
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
        self.chart = BeforeAfterChart()
        self.chart.export_action.triggered.connect(self.export_chart)

        self.apply_button = QPushButton("Apply")
        self.apply_button.setToolTip("Add these foods to the menu as one edit (Ctrl+Z undoes it)")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.discard_button = QPushButton("Discard")
        self.discard_button.setToolTip("Close without changing the menu")
        self.discard_button.clicked.connect(self.reject)
        self.export_button = QPushButton("Export chart…")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_chart)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.options_box)
        left_layout.addLayout(self.run_row)
        left_layout.addWidget(self.progress)
        left_layout.addWidget(self.headline)
        left_layout.addWidget(self.added, 1)
        left_layout.addWidget(self.details, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 560])
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.discard_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(1040, 720)
        self._show_exclusions()
        # A bound method: the connection ends with the dialog (deleted on close).
        store.changed.connect(self._show_exclusions)

    # -- options ------------------------------------------------------------------------
    def _build_options(self) -> None:
        s = self.settings
        self.max_portions = QSpinBox(minimum=1, maximum=20)
        self.max_portions.setValue(
            _int(s.value(PREFIX + "max_portions"), DEFAULTS.max_portions_per_food)
        )
        self.max_portions.setToolTip(
            "Foods are added in half-serving steps of a realistic serving, up to this many "
            "servings and never past the food's daily cap"
        )
        self.max_new = QSpinBox(minimum=0, maximum=50)
        self.max_new.setValue(_int(s.value(PREFIX + "max_new_foods"), DEFAULTS.max_new_foods))
        self.max_new.setToolTip(
            "Foods the menu does not hold yet; foods on it may be topped up without counting"
        )
        self.objective = QComboBox()
        for key, label in OBJECTIVES.items():
            self.objective.addItem(label.capitalize(), key)
        self.objective.setCurrentIndex(
            max(0, self.objective.findData(s.value(PREFIX + "objective", DEFAULTS.objective)))
        )
        self.vitamin_d = QCheckBox("Also reach the vitamin D target")
        self.vitamin_d.setChecked(_flag(s.value(PREFIX + "vitamin_d"), False))
        self.water = QCheckBox("Also reach the water target (tap water counts)")
        self.water.setChecked(_flag(s.value(PREFIX + "water"), False))
        self.max_kcal = QSpinBox(minimum=NO_CAP, maximum=10000, singleStep=100, suffix=" kcal")
        self.max_kcal.setSpecialValueText("no cap")
        self.max_kcal.setValue(_int(s.value(PREFIX + "max_kcal"), NO_CAP))
        self.max_kcal.setToolTip("The most energy the completed menu may hold")
        self.meal = QComboBox()
        self.meal.addItem("The meal each food belongs to", AUTO_MEAL)
        for meal in MEALS:
            self.meal.addItem(MEAL_LABELS[meal], meal)
        self.meal.setCurrentIndex(max(0, self.meal.findData(s.value(PREFIX + "meal", AUTO_MEAL))))
        self.meal.setToolTip(
            "New foods go to the meal they belong to (fruit at breakfast, beans at lunch...); "
            "foods already on the menu are raised where they are"
        )
        self.exclusions_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.exclusions_label.setStyleSheet(muted_style())
        self.exclusions_button = QPushButton("Leave out…")
        self.exclusions_button.setToolTip("Diet, tags and foods never to suggest")
        self.exclusions_button.clicked.connect(self.edit_exclusions)
        leave_out = QHBoxLayout()
        leave_out.addWidget(self.exclusions_label, 1)
        leave_out.addWidget(self.exclusions_button)

        self.options_box = QGroupBox("Add foods so that every tracked nutrient reaches its target")
        form = QFormLayout(self.options_box)
        form.addRow("Most servings of one food", self.max_portions)
        form.addRow("Most foods new to the menu", self.max_new)
        form.addRow("Prefer the", self.objective)
        form.addRow("", self.vitamin_d)
        form.addRow("", self.water)
        form.addRow("Day's energy cap", self.max_kcal)
        form.addRow("Add new foods to", self.meal)
        form.addRow(leave_out)

        self.run_button = QPushButton("Find foods")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton("Cancel search")
        self.cancel_button.setToolTip("Stop the search; the menu stays as it is")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.run_row = QHBoxLayout()
        self.run_row.addWidget(self.run_button)
        self.run_row.addWidget(self.cancel_button)
        self.run_row.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the solver gives no fraction done
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.hide()

    def options(self) -> CompletionOptions:
        kcal = self.max_kcal.value()
        return CompletionOptions(
            max_portions_per_food=self.max_portions.value(),
            max_new_foods=self.max_new.value(),
            objective=self.objective.currentData(),
            include_vitamin_d=self.vitamin_d.isChecked(),
            include_water=self.water.isChecked(),
            max_kcal=float(kcal) if kcal != NO_CAP else None,
            meal=self.meal.currentData(),
        )

    def _remember(self, options: CompletionOptions) -> None:
        for key, value in (
            ("max_portions", options.max_portions_per_food),
            ("max_new_foods", options.max_new_foods),
            ("objective", options.objective),
            ("vitamin_d", options.include_vitamin_d),
            ("water", options.include_water),
            ("max_kcal", int(options.max_kcal or NO_CAP)),
            ("meal", options.meal),
        ):
            self.settings.set_value(PREFIX + key, value)

    def _show_exclusions(self, _exclusions=None) -> None:
        text = describe(self.store.exclusions, self.state.foods, self.state.profile)
        note = pregnancy_note(self.state.profile, self.state.foods)
        self.exclusions_label.setText(f"{text}. {note}" if note else f"{text}.")

    def edit_exclusions(self) -> None:
        dialog = ExclusionsDialog(self.store.exclusions, self.state.foods, self.state.profile, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.store.set(dialog.exclusions())

    # -- running ------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def run(self) -> None:
        """Start a search with the options shown (a running one is stopped first)."""
        if self.is_running():
            return
        try:
            options = self.options()
        except InputError as exc:  # the spin boxes keep values in range; this is a guard
            self._show_failure(str(exc))
            return
        self._remember(options)
        menu = self.menu_model.menu.copy()
        state = self.state
        job = CompletionJob(
            menu=menu,
            foods=state.foods,
            targets=dict(state.targets),
            allowed=allowed_food_ids(state.foods, self.store.exclusions, state.profile),
            options=options,
            familiar=self.familiar,
        )
        self.menu_at_run = menu
        self._show_result(None)
        self.outcome = ""
        worker = CompletionWorker(job, self.worker_parent)
        # Bound methods, not lambdas: a dialog closed (and deleted) before the worker ends
        # must simply not hear from it.
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        self.worker = worker
        self._set_running(
            True,
            f"Searching {len(job.allowed):,} allowed foods for the "
            f"{OBJECTIVES[options.objective]}…",
        )
        start(worker)

    def cancel(self) -> None:
        if self.is_running():
            self.worker.request_cancel()
            self.headline.setText("Stopping…")

    def _set_running(self, running: bool, text: str = "") -> None:
        self.progress.setVisible(running)
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.options_box.setEnabled(not running)
        if running:
            self.run_button.setText("Find foods again")
            self.headline.setText(escape(text))

    def _current(self) -> bool:
        """Whether the signal being handled comes from the run the dialog waits for."""
        return self.worker is not None and self.sender() is self.worker

    def _succeeded(self, completion: Completion) -> None:
        if not self._current():
            return  # a run the user has moved on from
        self.worker = None  # it ends and is deleted on its own
        self.outcome = "found"
        self._set_running(False)
        self._show_result(completion)

    def _failed(self, message: str) -> None:
        if not self._current():
            return
        self.worker = None  # it ends and is deleted on its own
        self.outcome = "failed"
        self._set_running(False)
        self._show_failure(message)

    def _cancelled(self) -> None:
        if not self._current():
            return
        self.worker = None  # it ends and is deleted on its own
        self.outcome = "cancelled"
        self._set_running(False)
        self.headline.setText("Stopped. Nothing was added; the menu is as it was.")

    def _show_failure(self, message: str) -> None:
        self.headline.setText(
            f"<span style='color:{STATUS_COLOURS['low']}'>The search failed: "
            f"{escape(message)}</span>"
        )

    # -- the result -----------------------------------------------------------------------
    def _show_result(self, completion: Completion | None) -> None:
        self.completion = completion
        self.added_model.set_completion(completion, self.state.foods)
        self.apply_button.setEnabled(bool(completion and completion.additions))
        self.apply_button.setDefault(bool(completion and completion.additions))
        self.export_button.setEnabled(completion is not None)
        if completion is None:
            self.headline.setText("")
            self.details.clear()
            return
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
        self.headline.setText(f"<b style='color:{colour}'>{escape(text)}</b>{escape(summary)}")
        self.details.setHtml(details_html(completion))
        self.chart.set_data(before_after(completion))

    def apply(self) -> None:
        """Add the found foods to the day menu: one undo command, then close."""
        completion = self.completion
        if completion is None or not completion.additions:
            return
        if self.menu_at_run is None or self.menu_model.menu.items != self.menu_at_run.items:
            QMessageBox.warning(
                self,
                "Complete my menu",
                "The menu changed since this result was found. Find foods again to "
                "complete the menu as it is now.",
            )
            return
        # One undo step: the rows raised, then the new rows.
        self.undo_stack.beginMacro(UNDO_TEXT)
        for addition in completion.raised:
            self.undo_stack.push(EditItem(self.menu_model, addition.position, addition.item))
        if completion.added:
            self.undo_stack.push(AddItems(self.menu_model, list(completion.added)))
        self.undo_stack.endMacro()
        count = len(completion.additions)
        self.statusMessage.emit(
            f"Added {count} food{'s' if count != 1 else ''} "
            f"({fmt_amount(completion.added_kcal)} kcal) to complete the menu; "
            "Ctrl+Z takes them all back."
        )
        self.applied.emit(completion)
        self.accept()

    def export_chart(self) -> None:
        if not self.chart.built:
            return
        written = export_figure_dialog(
            self,
            self.chart.figure,
            file_name_for(self.menu_model.menu.name, " completion.png"),
            self._last_folder(),
        )
        if written:
            self._remember_folder(str(written))

    # -- closing ---------------------------------------------------------------------------
    def done(self, result: int) -> None:
        # Discard, Escape or the close button: a running search is told to stop; its thread
        # ends on its own (the window waits for it only when closing).
        if self.is_running():
            self.worker.request_cancel()
        self.worker = None
        super().done(result)


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
