"""Choosing what gap suggestions and completion may use: diet, excluded tags, disliked foods."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.advice.cautions import ALWAYS_LEFT_OUT
from planner.core.advice.exclusions import PREGNANCY_TAG, Exclusions
from planner.core.data.categories import TAGS
from planner.core.data.foods import FoodTable
from planner.core.data.profile import Profile
from planner.ui.gaps.gap_exclusions import DIETS, EXCLUDABLE, pregnancy_note
from planner.ui.widgets.roles import ID_ROLE
from planner.ui.widgets.shortcuts import focus_key
from planner.ui.widgets.text_colours import muted_style

IMPORTED_NOTE = (
    "Foods imported from the USDA database are marked from their names alone: an allergen "
    "a name does not mention is not caught. Check the label."
)


class ExclusionsDialog(QDialog):
    """Edits a copy of the exclusions; ``exclusions()`` gives the result after OK."""

    def __init__(
        self,
        exclusions: Exclusions,
        foods: FoodTable,
        profile: Profile,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Foods to leave out")
        self.foods = foods
        self.profile = profile

        diet_box = QGroupBox("Diet")
        diet_layout = QHBoxLayout(diet_box)
        self.diet_group = QButtonGroup(self)
        self.diet_buttons: dict[str, QRadioButton] = {}
        chosen = next(iter(exclusions.require_tags), "")
        for key, label in DIETS.items():
            button = QRadioButton(label)
            button.setChecked(key == chosen)
            self.diet_group.addButton(button)
            self.diet_buttons[key] = button
            diet_layout.addWidget(button)
        diet_layout.addStretch(1)

        tags_box = QGroupBox("Leave out foods marked")
        grid = QGridLayout(tags_box)
        self.tag_boxes: dict[str, QCheckBox] = {}
        self._kept_pregnancy_choice = profile.pregnant and PREGNANCY_TAG in exclusions.tags
        for n, tag in enumerate(EXCLUDABLE):
            box = QCheckBox(TAGS[tag])
            box.setChecked(tag in exclusions.tags)
            if tag == PREGNANCY_TAG and profile.pregnant:
                # Not the user's choice while pregnant: always left out.
                box.setChecked(True)
                box.setEnabled(False)
                box.setToolTip("Always left out in pregnancy")
            self.tag_boxes[tag] = box
            grid.addWidget(box, n // 3, n % 3)
        # Imported foods are marked from their names alone (planner/core/storage/usda_tags.py).
        self.imported_note = QLabel(IMPORTED_NOTE, wordWrap=True)
        self.imported_note.setStyleSheet(muted_style())
        self.imported_note.setVisible("usda" in foods.column("source"))
        grid.addWidget(self.imported_note, grid.rowCount(), 0, 1, 3)
        self.always_note = QLabel(ALWAYS_LEFT_OUT, wordWrap=True)
        self.always_note.setStyleSheet(muted_style())
        grid.addWidget(self.always_note, grid.rowCount(), 0, 1, 3)
        self.pregnancy = QLabel(pregnancy_note(profile, foods), wordWrap=True)
        self.pregnancy.setVisible(profile.pregnant)

        foods_box = QGroupBox("Never suggest these foods")
        self.disliked = QListWidget()
        self.disliked.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.disliked.setSortingEnabled(True)
        for food in exclusions.foods:
            self._add_row(food)
        self.search = QLineEdit(placeholderText="Type a food's name, then Enter")
        self.search.setMaxLength(200)
        self._by_name = self._names()
        completer = QCompleter(sorted(self._by_name, key=str.casefold), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search.setCompleter(completer)
        completer.activated.connect(self._add_named)
        self.search.returnPressed.connect(lambda: self._add_named(self.search.text()))
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(lambda: self._add_named(self.search.text()))
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        focus_key(self.disliked, QKeySequence.StandardKey.Delete, self.remove_selected)
        self.empty_hint = QLabel(
            "No foods yet. Add them here, or right-click a food in the food list and choose "
            "“Never suggest this food”.",
            wordWrap=True,
        )
        add_row = QHBoxLayout()
        add_row.addWidget(self.search, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.remove_button)
        foods_layout = QVBoxLayout(foods_box)
        foods_layout.addWidget(self.disliked, 1)
        foods_layout.addWidget(self.empty_hint)
        foods_layout.addLayout(add_row)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Reset
        )
        buttons.button(QDialogButtonBox.StandardButton.Reset).setText("Allow every food")
        buttons.button(QDialogButtonBox.StandardButton.Reset).clicked.connect(self.allow_all)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Enter in the search box adds a food; it must not close the dialog.
        for button in buttons.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Suggestions and “Complete my menu” use only the foods these choices allow.",
                wordWrap=True,
            )
        )
        layout.addWidget(diet_box)
        layout.addWidget(tags_box)
        layout.addWidget(self.pregnancy)
        layout.addWidget(foods_box, 1)
        layout.addWidget(buttons)
        self.resize(520, 560)
        self._update_hint()

    def _names(self) -> dict[str, str]:
        """Display name -> food id; a name two foods share gets the id after it."""
        names = self.foods.info["name"].astype(str)
        repeated = set(names[names.duplicated(keep=False)])
        return {
            (f"{name} ({food})" if name in repeated else name): str(food)
            for food, name in names.items()
        }

    def _add_row(self, food: str) -> None:
        name = self.foods.name(food) if food in self.foods else f"{food} (not in the food list)"
        item = QListWidgetItem(name)
        item.setData(ID_ROLE, food)
        self.disliked.addItem(item)

    def _add_named(self, text: str) -> None:
        food = self._by_name.get(text.strip())
        if food is None:
            # Typed part of a name and pressed Enter: take the one food it matches, if one.
            needle = text.strip().casefold()
            hits = [f for n, f in self._by_name.items() if needle and needle in n.casefold()]
            food = hits[0] if len(hits) == 1 else None
        if food is None:
            return
        self.add_food(food)
        self.search.clear()

    def add_food(self, food: str) -> None:
        if food not in self.disliked_foods():
            self._add_row(food)
        self._update_hint()

    def remove_selected(self) -> None:
        for item in self.disliked.selectedItems():
            self.disliked.takeItem(self.disliked.row(item))
        self._update_hint()

    def allow_all(self) -> None:
        self._kept_pregnancy_choice = False
        self.diet_buttons[""].setChecked(True)
        for box in self.tag_boxes.values():
            if box.isEnabled():
                box.setChecked(False)
        self.disliked.clear()
        self._update_hint()

    def _update_hint(self) -> None:
        self.empty_hint.setVisible(self.disliked.count() == 0)

    def disliked_foods(self) -> list[str]:
        return [self.disliked.item(r).data(ID_ROLE) for r in range(self.disliked.count())]

    def exclusions(self) -> Exclusions:
        diet = next(k for k, b in self.diet_buttons.items() if b.isChecked())
        # The pregnancy caution forced on in pregnancy is the profile's, not a saved choice:
        # what the user chose before stays as it was.
        tags = {t for t, b in self.tag_boxes.items() if b.isChecked() and b.isEnabled()}
        if self._kept_pregnancy_choice:
            tags.add(PREGNANCY_TAG)
        return Exclusions(
            frozenset(tags),
            frozenset(self.disliked_foods()),
            frozenset({diet}) if diet else frozenset(),
        )
