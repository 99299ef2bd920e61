"""The options of “Complete my menu”: a form remembered in the settings, and what it leaves out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from planner.core.advice.completion_options import AUTO_MEAL, OBJECTIVES, CompletionOptions
from planner.core.menus.menu import MEAL_LABELS, MEALS
from planner.ui.gaps.exclusions_dialog import ExclusionsDialog
from planner.ui.gaps.gap_exclusions import ExclusionsStore, describe, pregnancy_note
from planner.ui.shared.settings import Settings
from planner.ui.shared.state import AppState
from planner.ui.widgets.text_colours import muted_style

PREFIX = "completion/"
DEFAULTS = CompletionOptions()
NO_CAP = 0  # the kcal spin box's "no cap" value


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


class CompletionOptionsBox(QGroupBox):
    """The search's options, opened with the remembered ones, and the foods left out
    ("Leave out…" edits the exclusions every suggestion shares)."""

    def __init__(
        self,
        state: AppState,
        store: ExclusionsStore,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Add foods so that every tracked nutrient reaches its target", parent)
        self.state, self.store, self.settings = state, store, settings
        s = settings
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

        form = QFormLayout(self)
        form.addRow("Most servings of one food", self.max_portions)
        form.addRow("Most foods new to the menu", self.max_new)
        form.addRow("Prefer the", self.objective)
        form.addRow("", self.vitamin_d)
        form.addRow("", self.water)
        form.addRow("Day's energy cap", self.max_kcal)
        form.addRow("Add new foods to", self.meal)
        form.addRow(leave_out)
        self._show_exclusions()
        # A bound method: the connection ends with the box (deleted with its dialog).
        store.changed.connect(self._show_exclusions)

    def options(self) -> CompletionOptions:
        """The options shown (InputError if they do not make a search)."""
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

    def remember(self, options: CompletionOptions) -> None:
        """Keep ``options`` in the settings: the next dialog opens with them."""
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

    def edit_exclusions(self) -> None:
        state = self.state
        dialog = ExclusionsDialog(self.store.exclusions, state.foods, state.profile, self.window())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.store.set(dialog.exclusions())

    def _show_exclusions(self, _exclusions=None) -> None:
        text = describe(self.store.exclusions, self.state.foods, self.state.profile)
        note = pregnancy_note(self.state.profile, self.state.foods)
        self.exclusions_label.setText(f"{text}. {note}" if note else f"{text}.")
