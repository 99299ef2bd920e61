"""Choosing a food's portion among its household measures (SR28 WEIGHT rows)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.formatting import fmt_amount
from planner.core.storage.library_foods import Measure

# What the dialog's result asks for besides a measure's seq.
RESET = -1


class PortionDialog(QDialog):
    """Lists every household measure of a food; the chosen one becomes its portion.

    After ``exec()``: ``chosen`` is the measure's ``seq``, or RESET for the default portion.
    """

    def __init__(
        self,
        name: str,
        current: tuple[str, float] | None,
        measures: list[Measure],
        portions_in_menu: float = 0.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose portion")
        self.measures = measures
        self.current = current
        self.portions_in_menu = portions_in_menu
        self.chosen: int | None = None

        title = QLabel(f"<b>{html.escape(name)}</b>")
        title.setWordWrap(True)
        now = (
            f"Now 1 portion = {current[0]} ({fmt_amount(current[1])} g)."
            if current
            else "This food has no portion yet."
        )
        self.now = QLabel(now)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        for measure in measures:
            item = QListWidgetItem(f"{measure.name}  —  {fmt_amount(measure.grams)} g")
            item.setData(Qt.ItemDataRole.UserRole, measure.seq)
            self.list.addItem(item)
            if current and (measure.name, measure.grams) == (current[0], current[1]):
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _: self._use())
        self.list.currentRowChanged.connect(self._update_effect)

        self.note = note = QLabel(
            "Menus and plans that count this food in portions will use the new weight; "
            "items given in grams stay as they are."
        )
        note.setWordWrap(True)
        self.effect = QLabel()
        self.effect.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use_button = QPushButton("Use as portion")
        self.use_button.setDefault(True)
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.reset_button = QPushButton("Reset to default")
        self.reset_button.setToolTip("Go back to the portion the food came with")
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.use_button.clicked.connect(self._use)
        self.reset_button.clicked.connect(self._reset)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.now)
        layout.addWidget(QLabel(f"Household measures ({len(measures)}):"))
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addWidget(self.effect)
        layout.addWidget(buttons)
        self.resize(460, 380)
        self.list.setFocus()
        self._update_effect()

    def selected(self) -> Measure | None:
        item = self.list.currentItem()
        if item is None:
            return None
        seq = item.data(Qt.ItemDataRole.UserRole)
        return next(m for m in self.measures if m.seq == seq)

    def select_seq(self, seq: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == seq:
                self.list.setCurrentRow(row)
                return
        raise KeyError(seq)

    def _update_effect(self) -> None:
        measure = self.selected()
        self.use_button.setEnabled(measure is not None)
        if measure is None or not self.portions_in_menu or not self.current:
            self.effect.clear()
            return
        n = self.portions_in_menu
        self.effect.setText(
            f"The open menu has {fmt_amount(n)} portion{'s' if n != 1 else ''} of it: "
            f"{fmt_amount(n * self.current[1])} g now, "
            f"{fmt_amount(n * measure.grams)} g with this measure."
        )

    def _use(self) -> None:
        measure = self.selected()
        if measure is not None:
            self.chosen = measure.seq
            self.accept()

    def _reset(self) -> None:
        self.chosen = RESET
        self.accept()
