"""The profile controls: sex, age, pregnancy or breastfeeding, and the reference standard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from planner.core.data.profile import MAX_AGE, SEXES, STANDARDS, Profile
from planner.core.data.stage_ages import StageAges, stage_ages_note, stage_covers
from planner.ui.widgets.decimal_box import DecimalSpinBox

STAGES = {"": "Not pregnant", "pregnant": "Pregnant", "lactating": "Breastfeeding"}
# The reference intakes' life stage of each choice (their rows say which ages they cover).
LIFE_STAGES = {"pregnant": "pregnancy", "lactating": "lactation"}


STAGE_TIP = (
    "Pregnancy and breastfeeding change several targets, iron and folate among them; in "
    "pregnancy, foods to be careful with (liver, some fish) are not suggested"
)


class AgeBox(DecimalSpinBox):
    """Ages in years, shown without a trailing ".0" (``55 years``, ``0.5 years``)."""

    def textFromValue(self, value: float) -> str:
        return f"{value:g}"


class ProfileBar(QWidget):
    """Emits ``profileEdited`` with a valid Profile whenever a control changes."""

    profileEdited = Signal(object)
    # A pregnancy or breastfeeding choice the new age or standard has no targets for was
    # set back to not pregnant: the sentence that says so (for the status bar).
    stageDropped = Signal(str)

    def __init__(
        self, profile: Profile, stage_ages: StageAges | None = None, parent: QWidget | None = None
    ) -> None:
        """``stage_ages``: ReferenceIntakes.stage_ages; pregnancy and breastfeeding are
        offered only at the ages it covers (every age without it)."""
        super().__init__(parent)
        self.stage_ages = stage_ages
        # Why the last change or set_profile set pregnancy or breastfeeding back to not
        # pregnant (the stageDropped sentence); empty when it did not.
        self.dropped = ""
        self.sex = QComboBox()
        for sex in SEXES:
            self.sex.addItem(sex.capitalize(), sex)
        self.age = AgeBox(decimals=1, minimum=0, maximum=MAX_AGE, singleStep=1, suffix=" years")
        self.age.setKeyboardTracking(False)
        self.age.setToolTip("Age in years (0.5 = six months)")
        self.stage = QComboBox()
        for key, label in STAGES.items():
            self.stage.addItem(label, key)
        self.stage.setToolTip(STAGE_TIP)
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
        """Show ``profile``; one pregnant or breastfeeding at an age the targets do not
        cover is shown not pregnant (``dropped`` says why; ``profile()`` gives it)."""
        self.dropped = ""
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
        self._offer_stages()

    def _offer_stages(self) -> None:
        """Pregnancy and breastfeeding only at the ages the standard's rows cover, each
        saying which; a choice no longer covered goes back to not pregnant, said."""
        if self.stage_ages is None:
            return
        standard, age = self.standard.currentData(), self.age.value()
        notes = []
        for key, life_stage in LIFE_STAGES.items():
            row = self.stage.findData(key)
            covered = stage_covers(self.stage_ages, standard, life_stage, age)
            note = stage_ages_note(self.stage_ages, standard, life_stage)
            self.stage.model().item(row).setEnabled(covered)
            tip = note if covered else f"Not at {age:g} years: {note}"
            self.stage.setItemData(row, tip, Qt.ItemDataRole.ToolTipRole)
            if not covered:
                notes.append(note)
                if self.stage.currentIndex() == row:
                    self.stage.setCurrentIndex(self.stage.findData(""))
                    self.dropped = (
                        f"{STAGES[key]} is not offered at {age:g} years: {note}; "
                        "the profile is set to not pregnant."
                    )
        extra = f"\nAt {age:g} years: {'; '.join(notes)}." if notes else ""
        self.stage.setToolTip(STAGE_TIP + extra)

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
        self.dropped = ""
        self._enable_stage()
        self._updating = False
        self.profileEdited.emit(self.profile())
        if self.dropped:  # after the profile's own messages, so that it is the one read
            self.stageDropped.emit(self.dropped)
