"""Log a cramp (Ctrl+K) or edit one: a few seconds' form, checked by the core as it closes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.core.diary.episode import (
    BEFORE,
    FLAGS,
    LEGS,
    MAX_MINUTES,
    MAX_NOTE,
    MAX_SEVERITY,
    MUSCLES,
    Episode,
    make_episode,
)
from planner.core.errors import InputError

FIELD_LABELS = {
    "when": "When",
    "leg": "Leg",
    "muscle": "Muscle",
    "minutes": "How long",
    "severity": "How bad",
    "before": "What came before",
    "flags": "Noticed with it",
    "note": "Note",
}


def _choices(names: tuple[str, ...], parent: QWidget) -> tuple[QWidget, QButtonGroup]:
    """A row of radio buttons, one per name (the first checked)."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    group = QButtonGroup(row)
    for n, name in enumerate(names):
        button = QRadioButton(name.capitalize(), row)
        button.setObjectName(name)
        group.addButton(button, n)
        layout.addWidget(button)
    group.button(0).setChecked(True)
    layout.addStretch(1)
    return row, group


class EpisodeDialog(QDialog):
    """The episode's fields; ``episode`` is the checked result once accepted."""

    def __init__(
        self, today: dt.date, parent: QWidget | None = None, episode: Episode | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("episodeDialog")
        self.setWindowTitle("Edit a cramp" if episode else "Log a cramp")
        self.today = today
        self.original = episode
        self.episode: Episode | None = None

        self.when = QDateTimeEdit(self)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        # The editor refuses a date after today; the core checks again (files, the CLI).
        self.when.setMaximumDate(QDate(today.year, today.month, today.day))
        self.when.setDateTime(QDateTime.currentDateTime())
        leg_row, self.leg = _choices(LEGS, self)
        muscle_row, self.muscle = _choices(MUSCLES, self)
        self.minutes = QDoubleSpinBox(self, decimals=1, maximum=MAX_MINUTES, suffix=" min")
        self.minutes.setValue(2)
        self.severity = QSpinBox(self, maximum=MAX_SEVERITY)
        self.severity.setValue(5)
        self.severity.setToolTip("0: hardly felt, 10: the worst pain you can imagine")
        self.before = {key: QCheckBox(label, self) for key, label in BEFORE.items()}
        self.flags = {key: QCheckBox(label, self) for key, label in FLAGS.items()}
        self.note = QLineEdit(self, maxLength=MAX_NOTE)
        self.note.setPlaceholderText("optional: a new medicine's name, what helped...")
        self.problem = QLabel(self, objectName="problem", wordWrap=True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()

        form = QFormLayout()
        form.addRow("&When", self.when)
        form.addRow("&Leg", leg_row)
        form.addRow("M&uscle", muscle_row)
        form.addRow("How &long", self.minutes)
        form.addRow("How &bad (0–10)", self.severity)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._boxes("What came before", self.before))
        layout.addWidget(self._boxes("Noticed with it", self.flags))
        note_form = QFormLayout()
        note_form.addRow("&Note", self.note)
        layout.addLayout(note_form)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if episode is not None:
            self._show(episode)

    def _boxes(self, title: str, boxes: dict[str, QCheckBox]) -> QGroupBox:
        group = QGroupBox(title, self)
        grid = QGridLayout(group)
        for n, box in enumerate(boxes.values()):
            grid.addWidget(box, n // 3, n % 3)
        return group

    def _show(self, e: Episode) -> None:
        self.when.setDateTime(
            QDateTime(
                QDate(e.when.year, e.when.month, e.when.day), QTime(e.when.hour, e.when.minute)
            )
        )
        self.leg.button(LEGS.index(e.leg)).setChecked(True)
        self.muscle.button(MUSCLES.index(e.muscle)).setChecked(True)
        self.minutes.setValue(e.minutes)
        self.severity.setValue(e.severity)
        for key, box in self.before.items():
            box.setChecked(key in e.before)
        for key, box in self.flags.items():
            box.setChecked(key in e.flags)
        self.note.setText(e.note)

    def fields(self) -> dict[str, object]:
        qt = self.when.dateTime()
        date, time = qt.date(), qt.time()
        return {
            "when": dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute()),
            "leg": LEGS[self.leg.checkedId()],
            "muscle": MUSCLES[self.muscle.checkedId()],
            "minutes": self.minutes.value(),
            "severity": self.severity.value(),
            "before": [k for k, box in self.before.items() if box.isChecked()],
            "flags": [k for k, box in self.flags.items() if box.isChecked()],
            "note": self.note.text(),
        }

    def accept(self) -> None:
        episode_id = self.original.id if self.original else None
        try:
            self.episode = make_episode(self.fields(), self.today, episode_id=episode_id)
        except InputError as exc:
            # Said in the dialog, which stays open with what was typed.
            self.problem.setText(f"{FIELD_LABELS.get(exc.place, exc.place)}: {exc.message}")
            self.problem.show()
            return
        super().accept()
