"""The dialog that adds or edits one person of a household plan: name, profile, share."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.profile import MAX_AGE, SEXES, STANDARDS, Profile
from planner.core.data.stage_ages import StageAges
from planner.core.errors import InputError
from planner.core.plans.people import MAX_PERSON_NAME, MAX_SHARE, Person, checked_person
from planner.ui.widgets.text_colours import muted_style, text_colours

STAGES = {"": "Not pregnant", "pregnant": "Pregnant", "lactating": "Breastfeeding"}


class PersonDialog(QDialog):
    """Asks for a person; ``person()`` is the checked result once accepted.

    ``others``: the names the plan's other people have (no two alike); ``stage_ages``
    refuses pregnancy or breastfeeding at an age the targets do not cover.
    """

    def __init__(
        self,
        person: Person,
        others: Sequence[str],
        stage_ages: StageAges | None,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.others, self.stage_ages = list(others), stage_ages
        self._person: Person | None = None
        self.name = QLineEdit(person.name, maxLength=MAX_PERSON_NAME)
        self.sex = QComboBox()
        for sex in SEXES:
            self.sex.addItem(sex.capitalize(), sex)
        self.age = QDoubleSpinBox(decimals=1, minimum=0, maximum=MAX_AGE, suffix=" years")
        self.stage = QComboBox()
        for key, label in STAGES.items():
            self.stage.addItem(label, key)
        self.standard = QComboBox()
        for key, label in STANDARDS.items():
            self.standard.addItem(label, key)
        self.share = QDoubleSpinBox(decimals=2, minimum=0.05, maximum=MAX_SHARE, singleStep=0.1)
        share_hint = (
            "How much of each day's shared menu this person eats: 1 is the menu as written, "
            "a teenager might eat 1.3, a small child 0.5"
        )
        self.share.setToolTip(share_hint)
        hint = QLabel(share_hint + ".", wordWrap=True)
        hint.setStyleSheet(muted_style())
        form = QFormLayout()
        for text, widget in (
            ("&Name", self.name),
            ("&Sex", self.sex),
            ("A&ge", self.age),
            ("", self.stage),
            ("&Targets", self.standard),
            ("S&hare of the menu", self.share),
            ("", hint),
        ):
            form.addRow(text, widget)
        self.problem = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(f"color: {text_colours().warning};")
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.set_person(person)

    def set_person(self, person: Person) -> None:
        p = person.profile
        self.name.setText(person.name)
        self.sex.setCurrentIndex(self.sex.findData(p.sex))
        self.age.setValue(p.age)
        stage = "pregnant" if p.pregnant else "lactating" if p.lactating else ""
        self.stage.setCurrentIndex(self.stage.findData(stage))
        self.standard.setCurrentIndex(self.standard.findData(p.standard))
        self.share.setValue(person.share)

    def person(self) -> Person | None:
        return self._person

    def checked(self) -> Person:
        """The person the controls say; InputError (field, message) when they cannot be."""
        stage = self.stage.currentData()
        try:
            profile = Profile(
                self.sex.currentData(),
                float(self.age.value()),
                stage == "pregnant",
                stage == "lactating",
                self.standard.currentData(),
            )
        except InputError as exc:
            raise InputError("", "stage", exc.message) from None
        person = Person(self.name.text().strip(), profile, round(float(self.share.value()), 2))
        return checked_person(person, self.others, self.stage_ages)

    def accept(self) -> None:
        try:
            self._person = self.checked()
        except InputError as exc:
            self.problem.setText(exc.message[:1].upper() + exc.message[1:])
            self.problem.show()
            return
        super().accept()
