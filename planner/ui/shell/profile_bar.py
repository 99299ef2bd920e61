"""The profile controls: sex, age, pregnancy or breastfeeding, and the reference standard."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from planner.core.data.profile import MAX_AGE, SEXES, STANDARDS, Profile
from planner.ui.widgets.decimal_box import DecimalSpinBox

STAGES = {"": "Not pregnant", "pregnant": "Pregnant", "lactating": "Breastfeeding"}


class AgeBox(DecimalSpinBox):
    """Ages in years, shown without a trailing ".0" (``55 years``, ``0.5 years``)."""

    def textFromValue(self, value: float) -> str:
        return f"{value:g}"


class ProfileBar(QWidget):
    """Emits ``profileEdited`` with a valid Profile whenever a control changes."""

    profileEdited = Signal(object)

    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sex = QComboBox()
        for sex in SEXES:
            self.sex.addItem(sex.capitalize(), sex)
        self.age = AgeBox(decimals=1, minimum=0, maximum=MAX_AGE, singleStep=1, suffix=" years")
        self.age.setKeyboardTracking(False)
        self.age.setToolTip("Age in years (0.5 = six months)")
        self.stage = QComboBox()
        for key, label in STAGES.items():
            self.stage.addItem(label, key)
        self.stage.setToolTip(
            "Pregnancy and breastfeeding change several targets, iron and folate among "
            "them; in pregnancy, foods to be careful with (liver, some fish) are not "
            "suggested"
        )
        self.standard = QComboBox()
        for key, label in STANDARDS.items():
            self.standard.addItem(label, key)
        self.standard.setToolTip(
            "NASEM: US/Canada Dietary Reference Intakes; EFSA: EU Dietary Reference Values"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        # Alt+S, Alt+G, Alt+T go to the controls (the menu bar's letters are F, E, O, V, H).
        for text, widget in (
            ("&Sex", self.sex),
            ("A&ge", self.age),
            ("", self.stage),
            ("&Targets", self.standard),
        ):
            if text:
                label = QLabel(text)
                label.setBuddy(widget)
                layout.addWidget(label)
            layout.addWidget(widget)
        self.stage.setAccessibleName("Pregnancy or breastfeeding")
        self.set_profile(profile)
        for combo in (self.sex, self.stage, self.standard):
            combo.currentIndexChanged.connect(self._changed)
        self.age.valueChanged.connect(self._changed)

    def set_profile(self, profile: Profile) -> None:
        self._updating = True
        self.sex.setCurrentIndex(self.sex.findData(profile.sex))
        self.age.setValue(profile.age)
        stage = "pregnant" if profile.pregnant else "lactating" if profile.lactating else ""
        self.stage.setCurrentIndex(self.stage.findData(stage))
        self.standard.setCurrentIndex(self.standard.findData(profile.standard))
        self._updating = False
        self._enable_stage()

    def _enable_stage(self) -> None:
        female = self.sex.currentData() == "female"
        self.stage.setEnabled(female)
        if not female:
            self.stage.setCurrentIndex(0)

    def profile(self) -> Profile:
        stage = self.stage.currentData() if self.sex.currentData() == "female" else ""
        return Profile(
            sex=self.sex.currentData(),
            age=self.age.value(),
            pregnant=stage == "pregnant",
            lactating=stage == "lactating",
            standard=self.standard.currentData(),
        )

    def _changed(self) -> None:
        if self._updating:
            return
        self._updating = True
        self._enable_stage()
        self._updating = False
        self.profileEdited.emit(self.profile())
