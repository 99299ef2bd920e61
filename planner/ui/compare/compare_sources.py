"""The Compare tab's sources to tick: the menu being edited, saved menus and saved plans' days."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from planner.core.data.formatting import count_of
from planner.core.errors import InputError
from planner.core.menus.comparison import MAX_SOURCES
from planner.core.menus.menu import Menu
from planner.core.plans.plan import load_plan
from planner.core.storage.library import Library
from planner.ui.compare.compare_texts import SERIES_COLOURS
from planner.ui.widgets.roles import ID_ROLE

LIVE = "live"


@dataclass(frozen=True)
class Source:
    """Something with a day's menu: the menu being edited, a saved menu, a plan's day."""

    key: str  # "live", "menu:<id>", "plan:<id>:<day index>"
    label: str
    tooltip: str = ""


class SourceListModel(QAbstractListModel):
    """Checkable list of sources; ``chosen`` keeps the order they were ticked in."""

    chosenChanged = Signal()
    limitReached = Signal(str)

    def __init__(self, chosen: list[str] | None = None) -> None:
        super().__init__()
        self.sources: list[Source] = []
        self.chosen: list[str] = list(chosen or [])[:MAX_SOURCES]

    def set_sources(self, sources: list[Source]) -> None:
        """New list (after a save or on showing the tab); vanished sources are unticked."""
        if sources != self.sources:
            self.beginResetModel()
            self.sources = list(sources)
            self.endResetModel()
        keys = {s.key for s in self.sources}
        kept = [k for k in self.chosen if k in keys]
        if kept != self.chosen:
            self.chosen = kept
            self.chosenChanged.emit()

    def set_chosen(self, keys: list[str]) -> None:
        known = {s.key for s in self.sources}
        self.chosen = [k for k in keys if k in known][:MAX_SOURCES]
        self._all_changed()
        self.chosenChanged.emit()

    def chosen_sources(self) -> list[Source]:
        by_key = {s.key: s for s in self.sources}
        return [by_key[k] for k in self.chosen if k in by_key]

    def row_of(self, key: str) -> int:
        return next((r for r, s in enumerate(self.sources) if s.key == key), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.sources)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        source = self.sources[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return source.label
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = source.key in self.chosen
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and source.key in self.chosen:
            # The swatch ties a ticked source to its bars and legend entry.
            return QColor(SERIES_COLOURS[self.chosen.index(source.key)])
        if role == Qt.ItemDataRole.ToolTipRole:
            return source.tooltip or source.label
        if role == Qt.ItemDataRole.FontRole and source.key == "live":
            font = QFont()
            font.setItalic(True)
            return font
        if role == ID_ROLE:
            return source.key
        return None

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        key = self.sources[index.row()].key
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked and key not in self.chosen:
            if len(self.chosen) >= MAX_SOURCES:
                self.limitReached.emit(
                    f"Up to {MAX_SOURCES} can be compared at once; untick one first."
                )
                return False
            self.chosen.append(key)
        elif not checked and key in self.chosen:
            self.chosen.remove(key)
        else:
            return False
        self._all_changed()  # colours follow the order of choice
        self.chosenChanged.emit()
        return True

    def _all_changed(self) -> None:
        if self.sources:
            self.dataChanged.emit(self.index(0), self.index(len(self.sources) - 1))


def list_sources(live: Menu, library: Library) -> list[Source]:
    """The menu being edited, saved menus and every saved plan's days, in that order."""
    sources = [
        Source(
            LIVE,
            f"Now editing: {live.name}",
            "The menu open on the Day menu tab, with its latest edits",
        )
    ]
    sources += [Source(f"menu:{e.id}", e.name, f"Saved menu “{e.name}”") for e in library.menus()]
    for entry in library.plans():
        try:
            plan, _ = load_plan(library, entry.id)
        except (KeyError, InputError):
            continue  # a plan that cannot be read is reported by the plan view
        sources += [
            Source(
                f"plan:{entry.id}:{i}",
                f"{plan.name} – {day.name}",
                f"Day {i + 1} of the plan “{plan.name}”: " + count_of(len(day.menu.items), "item"),
            )
            for i, day in enumerate(plan.days)
        ]
    return sources


def load_source(key: str, library: Library, live_menu: Callable[[], Menu], plans: dict) -> Menu:
    """The menu behind a source key; ``plans`` keeps the plans read for one comparison.

    Raises KeyError, IndexError, ValueError or InputError when it cannot be read.
    """
    if key == LIVE:
        return live_menu()
    kind, *ids = key.split(":")
    if kind == "menu":
        return library.load_menu(int(ids[0]))
    plan_id, day = int(ids[0]), int(ids[1])
    if plan_id not in plans:
        plans[plan_id] = load_plan(library, plan_id)[0]
    return plans[plan_id].days[day].menu
