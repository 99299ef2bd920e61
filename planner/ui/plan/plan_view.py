"""The Week plan tab: its parts (saved plans, days, a day's menu, the heatmap, the header)
put together around the open plan, and kept in step with it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.core.advice.exclusions import Exclusions
from planner.core.data.foods import FoodTable
from planner.core.data.intakes import Target
from planner.core.data.nutrients import CHART_KEYS, GUARD_KEYS
from planner.core.data.profile import Profile
from planner.core.menus.menu import Menu
from planner.core.plans.people import Person
from planner.core.plans.plan import Day
from planner.core.plans.plan_coverage import household_coverage
from planner.ui.charts.chart_export import export_figure_dialog
from planner.ui.plan.day_editor import DayEditor
from planner.ui.plan.day_filling import DayFilling
from planner.ui.plan.day_list import DayList
from planner.ui.plan.household_view import HouseholdView
from planner.ui.plan.people_bar import PeopleBar
from planner.ui.plan.person_completion_dialog import PersonCompletionDialog
from planner.ui.plan.plan_chart import PlanChart
from planner.ui.plan.plan_commands import SetDay
from planner.ui.plan.plan_header import PlanHeader
from planner.ui.plan.plan_session import PlanSession
from planner.ui.plan.saved_plans import SavedPlans
from planner.ui.shared.state import AppState
from planner.ui.widgets.dialogs import file_name_for


class PlanView(QWidget):
    """Edits the open plan; every edit is undoable and saved to the library as it is made.

    ``day_menu`` gives the Day menu tab's menu (for "copy of the day menu"); ``folder`` and
    ``remember_folder`` are the window's last-folder memory. The parts are ``header``,
    ``saved_plans``, ``day_list`` (with ``filling``), ``day_editor`` and ``chart``; the
    window and other features use the few names kept here (``browser``, ``add_foods``,
    ``menu_model``, ``heatmap``, the plan's file actions).
    """

    statusMessage = Signal(str)

    def __init__(
        self,
        session: PlanSession,
        state: AppState,
        day_menu: Callable[[], Menu] | None = None,
        folder: Callable[[], str] = lambda: str(Path.home()),
        remember_folder: Callable[[str], None] = lambda path: None,
        exclusions: Callable[[], Exclusions] = Exclusions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.state = state
        # The user's diet and left-out foods (Close my gaps keeps them): completing a day
        # for a person leaves out what the user said never to suggest.
        self.exclusions = exclusions
        self.folder = folder
        self.remember_folder = remember_folder
        self.model = session.model
        self.header = PlanHeader()
        self.people_bar = PeopleBar(session, state, self._new_plan_for)
        self.household = HouseholdView()
        self._targets: dict[Profile, dict[str, Target]] = {}
        self.saved_plans = SavedPlans(session, state, folder, remember_folder)
        self.day_list = DayList(session)
        self.filling = DayFilling(self.day_list, state, day_menu, self)
        self.day_editor = DayEditor(
            state,
            session.undo_stack,
            self.day_list.current_day,
            self.day_list.show_day,
            lambda: list(session.plan.people) if session.plan is not None else [],
        )
        self.chart = PlanChart()
        # What the window and the other features reach for.
        self.browser = self.day_editor.browser  # Edit > Add selected food
        self.menu_model = self.day_editor.menu_model  # household measures, cautions
        self.heatmap = self.chart.heatmap
        self.people = self.people_bar  # the plan's people, the one shown
        self.plan_list = self.saved_plans.plan_list

        self.side = QSplitter(Qt.Orientation.Vertical, objectName="planSideSplitter")
        self.side.addWidget(self.saved_plans)
        self.side.addWidget(self.day_list)
        self.side.setSizes([200, 420])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="planSplitter")
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(self.day_editor)
        self.chart_tabs = QTabWidget(documentMode=True)
        self.chart_tabs.addTab(self.chart, "Days")
        self.chart_tabs.addTab(self.household, "Household")
        self.chart_tabs.setTabToolTip(1, "Every person's coverage at a glance")
        self.splitter.addWidget(self.chart_tabs)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([230, 440, 560])
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(4, 4, 4, 4)
        content_layout.addWidget(self.header)
        content_layout.addWidget(self.people_bar)
        content_layout.addWidget(self.splitter, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_empty_page())
        self.pages.addWidget(content)
        QVBoxLayout(self).addWidget(self.pages)
        self.layout().setContentsMargins(0, 0, 0, 0)

        for part in (self.saved_plans, self.day_list, self.filling, self.day_editor):
            part.statusMessage.connect(self.statusMessage)
        self.header.renamed.connect(self.saved_plans.rename_open_plan)
        self.people_bar.personShown.connect(lambda _: self.refresh())
        self.people_bar.statusMessage.connect(self.statusMessage)
        self.day_editor.complete_button.clicked.connect(lambda: self.complete_day())
        self.household.personChosen.connect(self._person_chosen)
        self.header.export_button.clicked.connect(self.export_chart)
        self.saved_plans.created.connect(self.header.edit_name)
        self.day_list.dayChanged.connect(self.day_editor.show_day)
        self.chart.daySelected.connect(self.day_list.select_day)
        self.chart.exportRequested.connect(self.export_chart)
        session.opened.connect(self.day_editor.show_people)
        self.model.peopleChanged.connect(self.day_editor.show_people)
        session.opened.connect(self._plan_opened)
        session.changed.connect(self.refresh)
        self.model.nameChanged.connect(self._show_header)
        self.model.invalidEdit.connect(self.statusMessage)
        state.profileChanged.connect(lambda _: self.refresh())
        state.foodsChanged.connect(self._foods_changed)
        self._plan_opened()

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        hint = QLabel(
            "<h3>No week plan yet</h3><p>A plan is a number of days, each with its own menu, "
            "for a household: each person with their own targets and share of the menu. It "
            "shows each day's nutrients against each person's targets and makes the shopping "
            "list for everyone.</p>"
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A readable line length, not the width of the window.
        hint.setMaximumWidth(hint.fontMetrics().averageCharWidth() * 70)
        layout.addWidget(hint, 0, Qt.AlignmentFlag.AlignHCenter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        new = QPushButton("New plan")
        new.clicked.connect(self.new_plan)
        load = QPushButton("Import plan…")
        load.clicked.connect(lambda: self.import_plan())
        buttons.addWidget(new)
        buttons.addWidget(load)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    # -- the open plan ------------------------------------------------------------------
    def open_initial(self, last_id: object = None) -> None:
        """Open the plan used last, else the newest; with none, the empty page shows."""
        self.saved_plans.open_initial(last_id)

    def open_plan(self, plan_id: int) -> bool:
        return self.saved_plans.open_plan(plan_id)

    def new_plan(self) -> None:
        self.saved_plans.new_plan()

    def import_plan(self, path: str | None = None) -> bool:
        return self.saved_plans.import_plan(path)

    def export_plan(self, path: str | None = None) -> Path | None:
        return self.saved_plans.export_plan(path)

    def export_chart(self) -> Path | None:
        plan = self.session.plan
        if plan is None or not self.heatmap.built:
            return None
        written = export_figure_dialog(
            self, self.heatmap.figure, file_name_for(plan.name, " plan.png"), self.folder()
        )
        if written:
            self.remember_folder(str(written))
            self.statusMessage.emit(f"Chart saved to {written}")
        return written

    def _plan_opened(self) -> None:
        plan = self.session.plan
        self.pages.setCurrentIndex(0 if plan is None else 1)
        self.saved_plans.show_open()
        self._show_header()
        if plan is not None and plan.days:
            self.day_list.select_day(0)
        else:
            self.day_list.day_changed()
        self.refresh()

    def _show_header(self, *_) -> None:
        self.header.show_plan(self.session.plan)

    # -- the current day ----------------------------------------------------------------
    def current_day(self) -> Day | None:
        return self.day_list.current_day()

    def select_day(self, row: int) -> None:
        self.day_list.select_day(row)

    def add_foods(self, food_ids: list[str]) -> None:
        """Add foods to the day being edited."""
        self.day_editor.add_foods(food_ids)

    # -- following the plan, the profile and the foods ----------------------------------
    def refresh(self) -> None:
        """Recompute every day's coverage for the profile; redraw the heatmap and averages."""
        plan = self.session.plan
        self.day_list.update_actions()
        if plan is None:
            return
        if (day := self.day_list.current_day()) is not None:
            self.day_editor.show_title(day)
        state = self.state
        person = self.people_bar.person()
        if person is None:
            return
        targets = self.targets_of(person)
        missing = state.intakes.missing_note(person.profile, CHART_KEYS)
        self.chart.show_plan(plan, state.foods, targets, missing, person)
        self.header.show_summary(plan, state.foods, person)
        self.household.show_household(
            plan,
            household_coverage(plan, state.foods, self.targets_of),
            household_coverage(plan, state.foods, self.targets_of, GUARD_KEYS),
        )

    def targets_of(self, person: Person) -> dict[str, Target]:
        """A person's targets (looked up once per profile)."""
        profile = person.profile
        if profile not in self._targets:
            self._targets[profile] = self.state.intakes.targets(profile)
        return self._targets[profile]

    def _person_chosen(self, name: str) -> None:
        """A person picked in the household view: their days in the heatmap."""
        self.people_bar.show_person(name)
        self.chart_tabs.setCurrentWidget(self.chart)

    def complete_day(self) -> PersonCompletionDialog | None:
        """Open Complete my menu for the person shown, on the day being edited."""
        plan, day, person = self.session.plan, self.current_day(), self.people_bar.person()
        if plan is None or day is None or person is None:
            return None
        from planner.core.advice.familiar import familiar_food_ids

        row = self.model.row_of(day)
        snapshot, foods = plan.copy(), self.state.foods
        targets = {p.name: self.targets_of(p) for p in snapshot.people}
        familiar = familiar_food_ids(self.session.library)  # here: SQLite stays on this thread
        exclusions = self.exclusions()

        def make_job(name: str, shared: bool) -> Callable[[Callable[[], bool]], object]:
            def job(should_cancel: Callable[[], bool]) -> object:
                from planner.core.household.person_completion import complete_for_person

                return complete_for_person(
                    snapshot,
                    row,
                    name,
                    foods,
                    lambda p: targets[p.name],
                    exclusions=exclusions,
                    shared=shared,
                    should_cancel=should_cancel,
                    familiar=familiar,
                )

            return job

        def apply(result) -> None:
            text = f"Complete {day.name} for {result.person.name}"
            refresh = lambda: self.day_editor.show_day(self.current_day())  # noqa: E731
            self.session.undo_stack.push(SetDay(self.model, day, result.day_after, text, refresh))

        dialog = PersonCompletionDialog(snapshot, row, person.name, foods, make_job, apply, self)
        dialog.open()
        return dialog

    def _new_plan_for(self, people: list[Person]) -> None:
        self.saved_plans.new_plan(people)

    def _foods_changed(self, foods: FoodTable) -> None:
        self.menu_model.set_foods(foods)
        self.session.set_foods(foods)

    # -- layout memory ------------------------------------------------------------------
    def restore_layout(self, settings) -> None:
        for splitter in (self.splitter, self.side, self.day_editor):
            sizes = settings.value(f"window/{splitter.objectName()}")
            if isinstance(sizes, QByteArray):
                splitter.restoreState(sizes)

    def save_layout(self, settings) -> None:
        for splitter in (self.splitter, self.side, self.day_editor):
            settings.set_value(f"window/{splitter.objectName()}", splitter.saveState())
        settings.set_value("session/last_plan_id", self.session.plan_id)
