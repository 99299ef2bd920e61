"""The Diary tab: the period's timeline over the tied days' coverage, the episodes, and the
nights with and without cramps side by side."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.nutrients import BY_KEY, CHART_KEYS, CRAMP_KEYS
from planner.core.diary.episode import BEFORE, FLAGS, Episode
from planner.core.diary.nights import split_nights
from planner.ui.diary.diary_session import DiarySession
from planner.ui.diary.nights_table import NightsTable
from planner.ui.diary.timeline import Timeline, TimelineData

DEFAULT_NIGHTS = 28
PICKED_KEY = "diary/nutrients"
COLUMNS = ("When", "Night", "Where", "Minutes", "Severity", "Before", "Noticed", "Note", "Menu")


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class DiaryView(QWidget):
    """Reads the diary through ``session``; its buttons call the window's actions."""

    statusMessage = Signal(str)

    def __init__(self, session: DiarySession, state, settings) -> None:
        super().__init__()
        self.setObjectName("diaryView")
        self.session, self.state, self.settings = session, state, settings
        today = session.today()
        self.first = QDateEdit(qdate(today - dt.timedelta(days=DEFAULT_NIGHTS - 1)), self)
        self.last = QDateEdit(qdate(today), self)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd dd MMM yyyy")
            edit.setMaximumDate(qdate(today))
            edit.dateChanged.connect(lambda _: self.refresh())
        self.buttons: dict[str, QPushButton] = {}
        top = QHBoxLayout()
        top.addWidget(QLabel("Nights &from", self, buddy=self.first))
        top.addWidget(self.first)
        top.addWidget(QLabel("&to", self, buddy=self.last))
        top.addWidget(self.last)
        top.addStretch(1)
        for name, text in (
            ("log", "Log a cramp…"),
            ("edit", "Edit…"),
            ("delete", "Delete"),
            ("tie", "Tie night to a menu…"),
            ("untie", "Untie"),
        ):
            self.buttons[name] = QPushButton(text, self, objectName=f"diary_{name}")
            top.addWidget(self.buttons[name])

        self.timeline = Timeline(self)
        self.timeline.nightClicked.connect(self._night_clicked)
        self.episodes = QTreeWidget(self, objectName="diaryEpisodes")
        self.episodes.setHeaderLabels(COLUMNS)
        self.episodes.setRootIsDecorated(False)
        self.episodes.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.episodes.setAlternatingRowColors(True)
        self.episodes.itemSelectionChanged.connect(self._selection_changed)
        self.episodes.itemDoubleClicked.connect(lambda *_: self.buttons["edit"].click())
        # Del and Enter on the list, as on the menu's items.
        for key, name in ((QKeySequence.StandardKey.Delete, "delete"), ("Return", "edit")):
            shortcut = QShortcut(QKeySequence(key), self.episodes)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.buttons[name].click)

        self.picker = QListWidget(self, objectName="diaryNutrients")
        self.picker.setToolTip("The nutrients shown under the timeline and compared")
        picked = self._picked_setting()
        for key in CHART_KEYS:
            item = QListWidgetItem(BY_KEY[key].label, self.picker)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setCheckState(Qt.CheckState.Checked if key in picked else Qt.CheckState.Unchecked)
        self.picker.itemChanged.connect(self._picked_changed)
        self.picker.setMaximumWidth(170)
        self.nights = NightsTable(self)

        lower = QSplitter(Qt.Orientation.Horizontal, self, objectName="diarySplitter")
        lower.addWidget(self.episodes)
        compare = QWidget(lower)
        compare_layout = QHBoxLayout(compare)
        compare_layout.setContentsMargins(0, 0, 0, 0)
        picker_box = QVBoxLayout()
        picker_box.addWidget(QLabel("Nutrients:", compare))
        picker_box.addWidget(self.picker)
        compare_layout.addLayout(picker_box)
        compare_layout.addWidget(self.nights, 1)
        lower.addWidget(compare)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        self.empty = QLabel(
            "No cramp logged in these nights. Log one with Ctrl+K or the toolbar's "
            "“Log a cramp”; tie nights to a saved menu or a plan's day to see what was eaten.",
            self,
            wordWrap=True,
            objectName="diaryEmpty",
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.timeline)
        layout.addWidget(self.empty)
        layout.addWidget(lower, 1)
        session.changed.connect(self.refresh)
        self._shown: list[Episode] = []
        self.refresh()

    # -- what is picked ---------------------------------------------------------------
    def _picked_setting(self) -> list[str]:
        saved = self.settings.value(PICKED_KEY)
        keys = [k for k in str(saved or "").split(",") if k in CHART_KEYS]
        return keys or list(CRAMP_KEYS[:3])

    def picked(self) -> list[str]:
        items = (self.picker.item(n) for n in range(self.picker.count()))
        return [
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]

    def _picked_changed(self, _item) -> None:
        self.settings.set_value(PICKED_KEY, ",".join(self.picked()))
        self.refresh()

    def period(self) -> tuple[dt.date, dt.date]:
        first, last = pydate(self.first.date()), pydate(self.last.date())
        return (first, last) if first <= last else (last, first)

    def selected_episode(self) -> Episode | None:
        items = self.episodes.selectedItems()
        return self._shown[self.episodes.indexOfTopLevelItem(items[0])] if items else None

    def selected_night(self) -> dt.date:
        """The night picked on the timeline, or that of the selected episode, or the last."""
        episode = self.selected_episode()
        if episode is not None:
            return episode.night
        return self.timeline.selected or self.period()[1]

    # -- showing ----------------------------------------------------------------------
    def refresh(self) -> None:
        first, last = self.period()
        diary = self.session.diary
        episodes = diary.episodes(first, last)
        ties = diary.ties(first, last)
        keys = self.picked()
        split = split_nights(
            episodes, ties, first, last, self.state.foods, self.state.targets, CHART_KEYS
        )
        self._fill_episodes(episodes, ties)
        data = TimelineData(
            nights=[first + dt.timedelta(days=n) for n in range((last - first).days + 1)],
            tied={day: tie.source for day, tie in ties.items()},
            rows=[(k, BY_KEY[k].label) for k in keys],
        )
        for e in episodes:
            data.episodes.setdefault(e.night, []).append(e)
        for coverage, nights in (
            (split.coverage_with, split.tied_with),
            (split.coverage_without, split.tied_without),
        ):
            if coverage is None:
                continue
            for key in keys:
                k = coverage.keys.index(key)
                row = data.percent.setdefault(key, {})
                over = data.over.setdefault(key, set())
                for d, night in enumerate(nights):
                    value = float(coverage.percent[d, k])
                    row[night] = None if value != value else value  # NaN: unknown
                    if coverage.over[d, k]:
                        over.add(night)
        self.timeline.set_data(data)
        self.nights.show_split(split, keys)
        self.empty.setVisible(not episodes)
        self._selection_changed()

    def _fill_episodes(self, episodes: list[Episode], ties) -> None:
        keep = self.selected_episode()
        self.episodes.clear()
        self._shown = list(reversed(episodes))  # the newest first
        for e in self._shown:
            tie = ties.get(e.night)
            item = QTreeWidgetItem(
                [
                    e.when_text,
                    f"{e.night:%a %d %b}",
                    e.where_text(),
                    f"{e.minutes:g}",
                    str(e.severity),
                    ", ".join(BEFORE[k].lower() for k in BEFORE if k in e.before),
                    ", ".join(FLAGS[k].lower() for k in FLAGS if k in e.flags),
                    e.note,
                    tie.source if tie else "",
                ]
            )
            for column in (3, 4):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            self.episodes.addTopLevelItem(item)
            if keep is not None and e.id == keep.id:
                item.setSelected(True)
        for column in range(len(COLUMNS) - 2):
            self.episodes.resizeColumnToContents(column)

    def _selection_changed(self) -> None:
        chosen = self.selected_episode() is not None
        self.buttons["edit"].setEnabled(chosen)
        self.buttons["delete"].setEnabled(chosen)
        night = self.selected_night()
        self.buttons["untie"].setEnabled(night in self.timeline.data.tied)
        self.buttons["tie"].setText(f"Tie {night:%d %b} to a menu…")

    def _night_clicked(self, night: dt.date) -> None:
        self.episodes.clearSelection()
        for n, e in enumerate(self._shown):
            if e.night == night:
                self.episodes.topLevelItem(n).setSelected(True)
                break
        self.timeline.selected = night
        self._selection_changed()
        self.statusMessage.emit(self.timeline.tip(night).replace("\n", " · "))
