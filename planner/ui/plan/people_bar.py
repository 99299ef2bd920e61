"""The plan's people: the person whose coverage is shown, and adding, editing and removing
people (each an undoable edit), and the households kept in the library."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QWidget,
)

from planner.core.errors import InputError
from planner.core.plans.households import households, load_household, save_household
from planner.core.plans.people import MAX_PEOPLE, Person, unused_person_name
from planner.core.plans.plan import Plan
from planner.core.storage.library import Entry
from planner.ui.plan.person_dialog import PersonDialog
from planner.ui.plan.plan_commands import SetPeople
from planner.ui.plan.plan_session import PlanSession
from planner.ui.shared.save_problems import SAVE_ERRORS
from planner.ui.shared.state import AppState
from planner.ui.widgets.dialogs import confirm, warn
from planner.ui.widgets.menu_button import MenuButton


class PeopleBar(QWidget):
    """``shown`` picks the person the heatmap and averages are for (``personShown``);
    the buttons change the plan's people through its undo stack. ``new_plan`` starts a
    plan for a saved household's people."""

    personShown = Signal(str)
    statusMessage = Signal(str)

    def __init__(
        self,
        session: PlanSession,
        state: AppState,
        new_plan: Callable[[list[Person]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.state, self.new_plan = session, state, new_plan
        self.shown = QComboBox()
        self.shown.setToolTip("Whose coverage the heatmap and the daily averages show")
        self.shown.setAccessibleName("Person shown")
        self.shown.setMinimumContentsLength(12)
        self.shown.currentIndexChanged.connect(self._shown_changed)
        self.add_button = QPushButton("Add…")
        self.add_button.setToolTip("Add a person, with their own targets and share of the menu")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Edit the person shown: name, targets, share of the menu")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the person shown (and their own items)")
        self.households_menu = QMenu()
        self.households_menu.aboutToShow.connect(self._fill_households)
        self.households_button = MenuButton("Households", self.households_menu)
        self.add_button.clicked.connect(lambda: self.add_person())
        self.edit_button.clicked.connect(lambda: self.edit_person())
        self.remove_button.clicked.connect(lambda: self.remove_person())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("&People")
        label.setBuddy(self.shown)
        layout.addWidget(label)
        for widget in (
            self.shown,
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.households_button,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        session.model.peopleChanged.connect(self.show_people)
        session.opened.connect(self.show_people)

    # -- what is shown ------------------------------------------------------------------
    @property
    def plan(self) -> Plan | None:
        return self.session.plan

    def person(self) -> Person | None:
        """The person shown (None without a plan)."""
        plan = self.plan
        if plan is None or not plan.people:
            return None
        row = self.shown.currentIndex()
        return plan.people[row] if 0 <= row < len(plan.people) else plan.people[0]

    def show_people(self, *_: object, keep: str | None = None) -> None:
        """List the plan's people, keeping the one shown (``keep``: show this name)."""
        plan = self.plan
        current = keep or (self.shown.currentData() if self.shown.count() else None)
        row = self.shown.currentIndex()
        self.shown.blockSignals(True)
        self.shown.clear()
        for person in plan.people if plan is not None else []:
            self.shown.addItem(f"{person.name} · share {person.share:g}", person.name)
        found = self.shown.findData(current)
        if found < 0:  # renamed or removed: the one now in its place, else the first
            found = min(max(row, 0), self.shown.count() - 1)
        self.shown.setCurrentIndex(found)
        self.shown.blockSignals(False)
        has_plan = plan is not None
        for button in (self.add_button, self.edit_button, self.households_button):
            button.setEnabled(has_plan)
        self.remove_button.setEnabled(has_plan and len(plan.people) > 1)
        self.add_button.setEnabled(has_plan and len(plan.people) < MAX_PEOPLE)
        self._shown_changed()

    def show_person(self, name: str) -> None:
        row = self.shown.findData(name)
        if row >= 0:
            self.shown.setCurrentIndex(row)

    def _shown_changed(self, *_: object) -> None:
        person = self.person()
        if person is not None:
            self.shown.setToolTip(f"Showing {person.describe()}")
            self.personShown.emit(person.name)

    # -- edits (undoable) ---------------------------------------------------------------
    def _ask(self, person: Person, others: list[str], title: str) -> Person | None:
        dialog = PersonDialog(person, others, self.state.intakes.stage_ages, title, self)
        return dialog.person() if dialog.exec() else None

    def add_person(self, person: Person | None = None) -> None:
        """Add ``person``, or one the dialog asks for."""
        plan = self.plan
        if plan is None:
            return
        if person is None:
            blank = Person(unused_person_name(plan.people), self.state.profile)
            person = self._ask(blank, plan.person_names(), "Add a person")
            if person is None:
                return
        people = [*plan.people, person]
        self.session.undo_stack.push(SetPeople(self.session.model, people, f"Add {person.name}"))
        self.show_person(person.name)

    def edit_person(self, edited: Person | None = None) -> None:
        """Give the person shown ``edited`` (or what the dialog asks for); their own items
        follow a new name."""
        plan, person = self.plan, self.person()
        if plan is None or person is None:
            return
        others = [n for n in plan.person_names() if n != person.name]
        if edited is None:
            edited = self._ask(person, others, f"Edit {person.name}")
            if edited is None or edited == person:
                return
        people = [edited if p.name == person.name else p for p in plan.people]
        own = [
            {(edited.name if k == person.name else k): v for k, v in day.own.items()}
            for day in plan.days
        ]
        text = f"Edit {person.name}"
        self.session.undo_stack.push(SetPeople(self.session.model, people, text, own))
        self.show_person(edited.name)

    def remove_person(self) -> None:
        plan, person = self.plan, self.person()
        if plan is None or person is None or len(plan.people) < 2:
            return
        people = [p for p in plan.people if p.name != person.name]
        self.session.undo_stack.push(SetPeople(self.session.model, people, f"Remove {person.name}"))

    # -- households in the library ------------------------------------------------------
    def _fill_households(self) -> None:
        menu = self.households_menu
        menu.clear()
        save = QAction("Save these people as a household…", menu)
        save.triggered.connect(lambda: self.save_household())
        menu.addAction(save)
        saved = self._saved()
        if saved:
            menu.addSeparator()
        for entry in saved:
            # One submenu a household: its name once, what can be done with it inside.
            sub = menu.addMenu(f"“{entry.name}”")
            for text, slot in (
                ("Use in this plan", self.use_household),
                ("New plan for them", self.start_plan),
                ("Rename…", self.rename_household),
                ("Delete…", self.delete_household),
            ):
                action = sub.addAction(text)
                action.triggered.connect(lambda _=False, i=entry.id, f=slot: f(i))

    def save_household(self, name: str | None = None) -> int | None:
        plan = self.plan
        if plan is None:
            return None
        if name is None:
            name, ok = QInputDialog.getText(self, "Save household", "Name of the household:")
            if not ok:
                return None
        # The same name again updates that household rather than keeping two of it.
        same = [e.id for e in self._saved() if e.name == name.strip()]
        try:
            household_id = save_household(
                self.session.library, name, plan.people, same[0] if same else None
            )
        except InputError as exc:
            warn(self, "Save household", exc.message)
            return None
        except SAVE_ERRORS as exc:
            warn(self, "Save household", f"The household could not be saved: {exc}")
            return None
        self.statusMessage.emit(f"Household “{name.strip()}” saved: use it for new plans")
        return household_id

    def _saved(self) -> list[Entry]:
        try:
            return households(self.session.library)
        except SAVE_ERRORS:
            return []

    def rename_household(self, household_id: int, name: str | None = None) -> None:
        """Give a saved household another name (its people stay as saved)."""
        people = self._household(household_id)
        old = next((e.name for e in self._saved() if e.id == household_id), "")
        if people is None:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, "Rename household", "New name:", text=old)
            if not ok:
                return
        try:
            save_household(self.session.library, name, people, household_id)
        except InputError as exc:
            warn(self, "Rename household", exc.message)
            return
        except SAVE_ERRORS as exc:
            warn(self, "Rename household", f"The household could not be renamed: {exc}")
            return
        self.statusMessage.emit(f"Household “{old}” renamed “{name.strip()}”")

    def delete_household(self, household_id: int, ask: bool = True) -> None:
        """Forget a saved household (after asking: not undoable); plans keep their people."""
        name = next((e.name for e in self._saved() if e.id == household_id), None)
        if name is None:
            return
        question = f"Delete the household “{name}”? Plans made with it keep their people."
        if ask and not confirm(self, "Delete household", question):
            return
        try:
            self.session.library.delete_household(household_id)
        except SAVE_ERRORS as exc:
            warn(self, "Delete household", f"The household could not be deleted: {exc}")
            return
        self.statusMessage.emit(f"Household “{name}” deleted")

    def _household(self, household_id: int) -> list[Person] | None:
        try:
            return load_household(self.session.library, household_id)
        except (KeyError, InputError, *SAVE_ERRORS) as exc:
            warn(self, "Households", f"This household cannot be read: {exc}")
            return None

    def use_household(self, household_id: int) -> None:
        """Give the open plan a saved household's people (undoable)."""
        people = self._household(household_id)
        if people is not None and self.plan is not None:
            self.session.undo_stack.push(
                SetPeople(self.session.model, people, "Use a saved household")
            )

    def start_plan(self, household_id: int) -> None:
        people = self._household(household_id)
        if people is not None:
            self.new_plan(people)
