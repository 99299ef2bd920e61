"""The custom food editor: values per 100 g or per label serving, checked as they are typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.categories import AISLES, PURCHASE_UNITS, TAGS
from planner.core.data.formatting import fmt_amount, read_number
from planner.core.data.nutrients import BY_KEY, DISPLAY_UNITS, GUARDS, NUTRIENTS, REPORTED
from planner.core.errors import InputError
from planner.core.storage.custom_foods import MAX_NAME, CustomFood
from planner.ui.widgets.text_colours import text_colours

PER_100G, PER_SERVING = "100g", "serving"
# How the core's field names read in the dialog.
FIELD_LABELS = {
    "name": "Name",
    "category": "Aisle",
    "portion_name": "Portion",
    "portion_g": "Portion grams",
    "label_serving_g": "Label serving",
    "refuse_pct": "Refuse",
    "purchase_unit": "Bought as",
    "purchase_unit_g": "Grams of one unit",
    "values": "Values",
    **{f"values.{n.key}": n.label for n in NUTRIENTS},
}


class ProblemLabel(QLabel):
    """What keeps a form from being saved: in red, or in grey as a hint while the only
    thing missing is a name the user has not typed yet (a fresh form is not an error)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.hint = False

    def say(self, text: str, hint: bool = False) -> None:
        colours = text_colours()
        self.hint = hint
        self.setStyleSheet(f"color: {colours.muted if hint else colours.caution}")
        self.setText(text)


def parse_number(text: str, place: str) -> float | None:
    """A typed number (see read_number); empty is None (unknown)."""
    text = text.strip()
    if not text:
        return None
    try:
        return read_number(text)
    except ValueError:
        raise InputError("", place, f"{text!r} is not a number") from None


def food_unit_label(key: str) -> str:
    unit = BY_KEY[key].food_unit
    return DISPLAY_UNITS.get(unit, unit)


class CustomFoodDialog(QDialog):
    """Edits one custom food; OK stays disabled, with the reason shown, until it is valid.

    Empty nutrient fields are unknown (never 0). ``food()`` is the checked CustomFood.
    """

    def __init__(self, food: CustomFood | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit custom food" if food else "New custom food")

        self.name = QLineEdit(placeholderText="e.g. Oat drink, calcium-fortified")
        self.name.setMaxLength(MAX_NAME)
        self.aisle = QComboBox()
        for key, label in AISLES.items():
            self.aisle.addItem(label, key)
        self.aisle.setCurrentIndex(self.aisle.findData("other"))
        self.portion_name = QLineEdit(placeholderText="e.g. 1 glass")
        self.portion_g = QLineEdit(placeholderText="grams")
        self.portion_g.setMaximumWidth(90)
        portion = QHBoxLayout()
        portion.addWidget(self.portion_name, 1)
        portion.addWidget(self.portion_g)
        portion.addWidget(QLabel("g"))

        self.tags: dict[str, QCheckBox] = {}
        tag_box = QGroupBox("Tags")
        tag_grid = QGridLayout(tag_box)
        for n, (key, label) in enumerate(TAGS.items()):
            box = QCheckBox(label)
            self.tags[key] = box
            tag_grid.addWidget(box, n // 3, n % 3)

        self.per_100g = QRadioButton("per 100 g")
        self.per_serving = QRadioButton("per label serving of")
        self.per_100g.setChecked(True)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.per_100g)
        self.mode.addButton(self.per_serving)
        self.serving_g = QLineEdit(placeholderText="grams")
        self.serving_g.setMaximumWidth(90)
        self.serving_g.setToolTip("The serving size printed on the label")
        mode = QHBoxLayout()
        mode.addWidget(QLabel("Values are"))
        mode.addWidget(self.per_100g)
        mode.addSpacing(12)
        mode.addWidget(self.per_serving)
        mode.addWidget(self.serving_g)
        mode.addWidget(QLabel("g"))
        mode.addStretch(1)

        values_box = QGroupBox("Nutrients (leave a field empty when the value is not known)")
        grid = QGridLayout(values_box)
        self.values: dict[str, QLineEdit] = {}
        self.converted: dict[str, QLabel] = {}
        self.converted_header = QLabel("<i>per 100 g</i>")
        grid.addWidget(self.converted_header, 0, 3, Qt.AlignmentFlag.AlignRight)
        # The guard nutrients in a second block beside the first rows: the dialog stays as
        # tall as before, and they read as what they are, limits watched (optional).
        guards_header = QLabel("<i>Watched for upper limits</i>")
        guards_header.setToolTip(
            "Not charted: Crampless warns when a menu holds more than the upper limit"
        )
        grid.addWidget(guards_header, 0, 5, 1, 4)
        row_of = {n.key: row for row, n in enumerate(REPORTED, start=1)}
        row_of |= {n.key: row for row, n in enumerate(GUARDS, start=1)}
        for n in NUTRIENTS:
            row, left = row_of[n.key], 5 if n.guard else 0
            edit = QLineEdit(placeholderText="unknown")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setMaximumWidth(110)
            edit.setMinimumWidth(72)  # "unknown" stays readable at the smallest size
            self.values[n.key] = edit
            converted = QLabel()
            converted.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            converted.setMinimumWidth(110)
            self.converted[n.key] = converted
            grid.addWidget(QLabel(n.label), row, left)
            grid.addWidget(edit, row, left + 1)
            grid.addWidget(QLabel(food_unit_label(n.key)), row, left + 2)
            grid.addWidget(converted, row, left + 3)
        grid.setColumnMinimumWidth(4, 16)
        grid.setColumnStretch(9, 1)

        shop_box = QGroupBox("Shopping (optional)")
        shop = QHBoxLayout(shop_box)
        self.purchase_unit = QComboBox()
        self.purchase_unit.addItem("—", "")
        for unit in sorted(PURCHASE_UNITS):
            self.purchase_unit.addItem(unit, unit)
        self.purchase_unit_g = QLineEdit(placeholderText="grams of one")
        self.purchase_unit_g.setMaximumWidth(100)
        self.refuse = QLineEdit(placeholderText="0")
        self.refuse.setMaximumWidth(60)
        self.refuse.setToolTip("Percent of the food as bought that is not eaten (peel, bones)")
        shop.addWidget(QLabel("Bought as"))
        shop.addWidget(self.purchase_unit)
        shop.addWidget(self.purchase_unit_g)
        shop.addWidget(QLabel("g"))
        shop.addSpacing(16)
        shop.addWidget(QLabel("Refuse"))
        shop.addWidget(self.refuse)
        shop.addWidget(QLabel("%"))
        shop.addStretch(1)

        self.problem = ProblemLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Aisle", self.aisle)
        form.addRow("Portion", portion)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(tag_box)
        layout.addLayout(mode)
        layout.addWidget(values_box)
        layout.addWidget(shop_box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        if food is not None:
            self.set_food(food)
        for edit in (
            self.name,
            self.portion_name,
            self.portion_g,
            self.serving_g,
            self.purchase_unit_g,
            self.refuse,
            *self.values.values(),
        ):
            edit.textChanged.connect(self.validate)
        self.aisle.currentIndexChanged.connect(self.validate)
        self.purchase_unit.currentIndexChanged.connect(self.validate)
        self.mode.buttonToggled.connect(self.validate)
        for box in self.tags.values():
            box.toggled.connect(self.validate)
        self.validate()

    # -- in and out ----------------------------------------------------------------------
    def set_food(self, food: CustomFood) -> None:
        """Show a stored food (its values are per 100 g)."""
        self.name.setText(food.name)
        self.aisle.setCurrentIndex(max(0, self.aisle.findData(food.category)))
        self.portion_name.setText(food.portion_name)
        self.portion_g.setText("" if food.portion_g is None else f"{food.portion_g:g}")
        for key, box in self.tags.items():
            box.setChecked(key in food.tags)
        self.per_100g.setChecked(True)
        for key, edit in self.values.items():
            value = food.values.get(key)
            edit.setText("" if value is None else f"{value:g}")
        self.purchase_unit.setCurrentIndex(max(0, self.purchase_unit.findData(food.purchase_unit)))
        unit_g = food.purchase_unit_g
        self.purchase_unit_g.setText("" if unit_g is None else f"{unit_g:g}")
        self.refuse.setText(f"{food.refuse_pct:g}" if food.refuse_pct else "")

    def mode_key(self) -> str:
        return PER_SERVING if self.per_serving.isChecked() else PER_100G

    def food(self) -> CustomFood:
        """The food the fields describe; InputError (place = field) when they do not."""
        typed = {
            key: parse_number(edit.text(), f"values.{key}") for key, edit in self.values.items()
        }
        unit_g = parse_number(self.purchase_unit_g.text(), "purchase_unit_g")
        others = {
            "portion_name": self.portion_name.text(),
            "portion_g": parse_number(self.portion_g.text(), "portion_g"),
            "refuse_pct": parse_number(self.refuse.text(), "refuse_pct") or 0.0,
            "purchase_unit": self.purchase_unit.currentData(),
            "purchase_unit_g": unit_g,
            "tags": tuple(key for key, box in self.tags.items() if box.isChecked()),
        }
        name, category = self.name.text(), self.aisle.currentData()
        if self.mode_key() == PER_100G:
            values = {key: value for key, value in typed.items() if value is not None}
            return CustomFood(name, category, values, **others)
        serving = parse_number(self.serving_g.text(), "label_serving_g")
        if serving is None:
            raise InputError("", "label_serving_g", "give the grams of the label's serving")
        if others["portion_g"] is None and not others["portion_name"].strip():
            # The label's serving becomes the portion (from_label's default).
            del others["portion_name"], others["portion_g"]
        return CustomFood.from_label(name, category, serving, typed, **others)

    # -- live checks ---------------------------------------------------------------------
    def validate(self) -> bool:
        """Enable OK when the fields make a valid food; otherwise say what is wrong."""
        label_mode = self.mode_key() == PER_SERVING
        self.serving_g.setEnabled(label_mode)
        self.converted_header.setVisible(label_mode)
        # Left empty in label mode, the portion is the label's serving: say so.
        serving = self.serving_g.text().strip() if label_mode else ""
        self.portion_name.setPlaceholderText("1 serving" if serving else "e.g. 1 glass")
        self.portion_g.setPlaceholderText(serving or "grams")
        try:
            food = self.food()
        except InputError as exc:
            if exc.place == "name" and not self.name.isModified():
                self.problem.say("Give the food a name to save it.", hint=True)
            else:
                self.problem.say(f"{FIELD_LABELS.get(exc.place, exc.place)}: {exc.message}")
            self.ok_button.setEnabled(False)
            for label in self.converted.values():
                label.clear()
            return False
        for key, label in self.converted.items():
            value = food.values.get(key)
            label.setText(
                f"= {fmt_amount(value)} {food_unit_label(key)}"
                if label_mode and value is not None
                else ""
            )
        self.problem.clear()
        self.ok_button.setEnabled(True)
        return True
