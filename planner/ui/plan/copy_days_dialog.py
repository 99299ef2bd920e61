"""Copy a day of the week plan to other days: tick the days, one undo step for all."""

from __future__ import annotations

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

from planner.core.data.formatting import count_of
from planner.core.plans.plan import Day


class CopyDaysDialog(QDialog):
    """The plan's other days with check boxes; the empty ones ticked to start with."""

    def __init__(self, days: list[Day], source: Day, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Copy {source.name}")
        self.list = QListWidget()
        self.list.setAccessibleName("Days to copy to")
        self._rows: list[int] = []
        for row, day in enumerate(days):
            if day is source:
                continue
            count = len(day.menu.items)
            text = (
                day.name if not count else f"{day.name}  (replaces its {count_of(count, 'food')})"
            )
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if count else Qt.CheckState.Checked)
            self.list.addItem(item)
            self._rows.append(row)
        every = QPushButton("Tick all")
        every.clicked.connect(lambda: self.set_all(True))
        none = QPushButton("Tick none")
        none.clicked.connect(lambda: self.set_all(False))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Copy")
        buttons.addButton(every, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(none, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Give these days a copy of {source.name}'s menu:"))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def set_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for n in range(self.list.count()):
            self.list.item(n).setCheckState(state)

    def set_ticked(self, rows: list[int]) -> None:
        """Tick exactly the days at ``rows`` (plan rows)."""
        for n, row in enumerate(self._rows):
            checked = Qt.CheckState.Checked if row in rows else Qt.CheckState.Unchecked
            self.list.item(n).setCheckState(checked)

    def rows(self) -> list[int]:
        """The plan rows of the ticked days."""
        return [
            row
            for n, row in enumerate(self._rows)
            if self.list.item(n).checkState() == Qt.CheckState.Checked
        ]
