"""The “Close my gaps” panel beside the coverage chart.

For each nutrient under target, the foods whose one realistic serving closes most of the
gap (core suggestions.py), honouring the user's exclusions; one click adds a serving. The panel
shares a tab widget with the totals table under the chart (gaps_actions.py puts it there).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.core.advice.cautions import POTASSIUM_CAUTION
from planner.core.advice.exclusions import allowed_food_ids
from planner.core.advice.suggestions import (
    GAP_KEYS,
    PER_CHOICES,
    Candidates,
    candidates,
    gaps,
    limits_reached,
    suggest_from,
)
from planner.core.data.intakes import Target
from planner.core.data.profile import Profile
from planner.core.menus.coverage import Coverage
from planner.core.menus.menu import Menu, MenuItem
from planner.ui.gaps.gap_exclusions import ExclusionsStore, describe, pregnancy_note
from planner.ui.gaps.gaps_model import (
    ADD,
    AMOUNT,
    CLOSES,
    KCAL,
    NAME,
    AddButtonDelegate,
    GapsModel,
)
from planner.ui.shared.state import AppState
from planner.ui.widgets.roles import ID_ROLE
from planner.ui.widgets.text_colours import muted_style

SHOWN = 3  # foods per nutrient: enough choice, and every gap fits beside the chart


class GapsTree(QTreeView):
    """Enter or Return on a food row asks for a portion of it, as a click on Add does."""

    activatedFood = Signal(QModelIndex)

    def keyPressEvent(self, event) -> None:
        index = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.data(ID_ROLE):
            self.activatedFood.emit(index)
            return
        super().keyPressEvent(event)


class GapsPanel(QWidget):
    """Suggestions for the day menu's gaps; follows coverage, profile and exclusions.

    The suggestions are worked out only while the panel is shown (a hidden panel marks
    itself stale and catches up when shown), so edits cost nothing extra otherwise.
    """

    addRequested = Signal(object)  # a MenuItem: one serving of a suggested food
    completeRequested = Signal()
    exclusionsRequested = Signal()
    statusMessage = Signal(str)
    gapCountChanged = Signal(int)

    def __init__(
        self,
        state: AppState,
        store: ExclusionsStore,
        parent=None,
        menu: Callable[[], Menu] | None = None,
        profile: Callable[[], Profile] | None = None,
    ) -> None:
        super().__init__(parent)
        self.state, self.store = state, store
        # Whose gaps: the profile the coverage was computed for (a person of the week
        # plan, when the Day menu tab shows theirs), else the window's.
        self.profile = profile or (lambda: state.profile)
        # The day menu, for what it already holds of each food (daily caps).
        self.menu = menu
        self.coverage: Coverage | None = None
        self.stale = True
        self.gap_count = 0
        self._pool_for: tuple | None = None
        self._pool: Candidates | None = None

        self.per_group = QButtonGroup(self)
        self.per_buttons: dict[str, QToolButton] = {}
        rank = QHBoxLayout()
        rank.setSpacing(0)
        for per, label in PER_CHOICES.items():
            button = QToolButton(text=label.capitalize(), checkable=True, autoRaise=False)
            button.setToolTip(f"Rank foods by how much they give {label}")
            self.per_group.addButton(button)
            self.per_buttons[per] = button
            rank.addWidget(button)
        self.per_buttons["serving"].setChecked(True)
        self.per_group.buttonToggled.connect(lambda _b, on: on and self.refresh())
        self.leave_out = QPushButton("Leave out…")
        self.leave_out.setToolTip("Diet, tags and single foods never to suggest")
        self.leave_out.clicked.connect(self.exclusionsRequested)
        self.complete = QPushButton("Complete my menu…")
        self.complete.setToolTip(
            "Add realistic servings of foods that bring the tracked nutrients to their targets"
        )
        self.complete.clicked.connect(self.completeRequested)
        # Two short rows rather than one long one: the panel shares its column with the
        # chart, and a wide minimum would squeeze the menu beside it.
        top = QVBoxLayout()
        ranking = QHBoxLayout()
        ranking.addWidget(QLabel("Rank"))
        ranking.addSpacing(4)
        ranking.addLayout(rank)
        ranking.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.leave_out)
        actions.addWidget(self.complete)
        actions.addStretch(1)
        top.addLayout(ranking)
        top.addLayout(actions)

        # Plain text: it names the foods the user left out, custom ones too.
        self.summary = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.summary.setStyleSheet(muted_style())

        self.model = GapsModel(state.foods, self)
        self.tree = GapsTree()
        self.tree.setModel(self.model)
        self.tree.setItemDelegateForColumn(ADD, AddButtonDelegate(self.tree))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(12)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((AMOUNT, 72), (CLOSES, 92), (KCAL, 40), (ADD, 48)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self.tree.clicked.connect(self._clicked)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.activatedFood.connect(self._add_index)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)

        self.empty = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tree)
        self.pages.addWidget(self.empty)
        # Shown while potassium is suggested: more of it is not for everyone.
        self.potassium_note = QLabel(POTASSIUM_CAUTION, wordWrap=True)
        self.potassium_note.setStyleSheet(f"{muted_style()}; font-size: 11px")
        self.potassium_note.hide()
        self.hint = QLabel("Add, double-click or Enter adds one serving; Ctrl+Z takes it back.")
        self.hint.setStyleSheet(f"{muted_style()}; font-size: 11px")
        self.hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 2)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.potassium_note)
        layout.addWidget(self.hint)

        store.changed.connect(lambda _: self.refresh())

    # -- state ---------------------------------------------------------------------------
    @property
    def per(self) -> str:
        return next(p for p, b in self.per_buttons.items() if b.isChecked())

    def set_per(self, per: str) -> None:
        per = "serving" if per == "portion" else per  # the setting's name before servings
        if per in self.per_buttons:
            self.per_buttons[per].setChecked(True)

    @property
    def targets(self) -> dict[str, Target]:
        """The targets the coverage shown was computed for (its own lines carry them)."""
        if self.coverage is None:
            return self.state.targets
        return {k: line.target for k, line in self.coverage.lines.items() if line.target}

    def set_coverage(self, coverage: Coverage) -> None:
        """The day menu's new coverage (window.coverageChanged)."""
        self.coverage = coverage
        count = len(gaps(coverage, self.targets))
        if count != self.gap_count:
            self.gap_count = count
            self.gapCountChanged.emit(count)
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        """Work out the suggestions again; the current food stays current if still there."""
        if self.coverage is None:
            return
        self.stale = False
        state = self.state
        exclusions = self.store.exclusions
        profile, targets = self.profile(), self.targets
        summary = describe(exclusions, state.foods, profile)
        note = pregnancy_note(profile, state.foods)
        self.summary.setText(f"{summary}. {note}" if note else f"{summary}.")
        needed = gaps(self.coverage, targets)
        held = self.menu().grams_by_food(state.foods) if self.menu is not None else {}
        suggestions = suggest_from(
            self._candidates(), self.coverage, targets, self.per, SHOWN, on_menu=held
        )
        current = self.tree.currentIndex()
        keep = (self.model.key_of(current), current.data(ID_ROLE))
        reached = limits_reached(self.coverage, targets)
        self.model.set_suggestions(needed, suggestions, targets, state.foods, self.per, reached)
        self.potassium_note.setVisible(bool(suggestions.get("potassium")))
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        if keep[1] is not None:
            index = self.model.food_index(*keep)
            if index.isValid():
                self.tree.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        self._show_empty_state(needed)

    def _candidates(self) -> Candidates:
        """The foods that may be suggested and their portions, worked out again only when
        what decides them changed (the food table, the exclusions, pregnancy)."""
        state = self.state
        # The table itself is kept in the key (not its id, which a new table could reuse).
        profile = self.profile()
        key = (state.foods, self.store.exclusions, profile)
        last = self._pool_for
        if self._pool is None or last is None or last[0] is not key[0] or last[1:] != key[1:]:
            allowed = allowed_food_ids(state.foods, self.store.exclusions, profile)
            self._pool = candidates(state.foods, allowed)
            self._pool_for = key
        return self._pool

    def _show_empty_state(self, needed: dict[str, float]) -> None:
        if needed:
            self.pages.setCurrentWidget(self.tree)
            return
        if not any(k in self.targets for k in GAP_KEYS):
            # Why, and what to choose instead (EFSA under 18, say), when the table knows.
            note = self.state.missing_note or "This profile has no targets."
            text = f"<p>{note}</p><p>Without targets there is no gap to close.</p>"
        else:
            text = (
                "<p style='font-size:14px'><b>Every target is met</b></p>"
                "<p>Magnesium, potassium, calcium, iron, the B vitamins, vitamin D and water "
                "all reach their targets: "
                "there is no gap to close.</p>"
            )
        self.empty.setText(text)
        self.pages.setCurrentWidget(self.empty)

    # -- adding -----------------------------------------------------------------------------
    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == ADD and index.data(ID_ROLE):
            self._add_index(index)

    def _double_clicked(self, index: QModelIndex) -> None:
        # On the Add button, the double-click's first click has added the serving already.
        if index.column() != ADD and index.data(ID_ROLE):
            self._add_index(index)

    def _add_index(self, index: QModelIndex) -> None:
        food = index.data(ID_ROLE)
        suggestion = self.model.suggestion(index)
        if food is None or suggestion is None:
            return
        self.tree.setCurrentIndex(index)
        if suggestion.own_portion:
            item = MenuItem(food, portions=1.0)
        else:
            item = MenuItem(food, grams=suggestion.grams)
        self.addRequested.emit(item)
        text = f"Added one serving ({suggestion.serving}) of {self.state.foods.name(food)}"
        self.statusMessage.emit(text + " (Ctrl+Z takes it back).")

    def selected_food(self) -> str | None:
        return self.tree.currentIndex().data(ID_ROLE)

    def _context_menu(self, point) -> None:
        index = self.tree.indexAt(point)
        food = index.data(ID_ROLE)
        if food is None:
            return
        menu = QMenu(self)
        menu.addAction("Add one serving", lambda: self._add_index(index))
        menu.addAction("Never suggest this food", lambda: self.never_suggest([food]))
        menu.exec(self.tree.viewport().mapToGlobal(point))

    def never_suggest(self, foods: list[str]) -> None:
        self.store.dislike(foods)
        names = ", ".join(self.state.foods.name(f) for f in foods[:3])
        self.statusMessage.emit(
            f"{names}{'…' if len(foods) > 3 else ''} will not be suggested again "
            "(Leave out… lists the foods you left out)."
        )
