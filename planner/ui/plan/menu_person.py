"""The Day menu tab's coverage for any person of the open plan: a choice beside the
profile, "Coverage for", which the window's coverage asks (``window.coverage_for``)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QToolBar

from planner.core.data.nutrients import CHART_KEYS
from planner.core.menus.menu import Menu
from planner.core.plans.people import eaten_menu
from planner.ui.plan.plan_session import PlanSession
from planner.ui.shared.coverage_subject import CoverageSubject

ME = "your profile"


class MenuPerson(QComboBox):
    """``your profile`` (the bar beside it), or a person of the open plan: the day menu's
    coverage is then of what they eat of it (their share) against their targets."""

    def __init__(self, window, session: PlanSession) -> None:
        super().__init__()
        self.window, self.session = window, session
        self.setAccessibleName("Coverage for")
        self.setToolTip(
            "Whose coverage of this menu is shown: your profile's, or a person's of the "
            "open week plan (their share of the menu, against their own targets)"
        )
        self.currentIndexChanged.connect(lambda _: self._chosen())
        session.opened.connect(self.show_people)
        session.model.peopleChanged.connect(self.show_people)
        self.show_people()

    def show_people(self) -> None:
        chosen = self.currentData()
        plan = self.session.plan
        self.blockSignals(True)
        self.clear()
        self.addItem(ME, None)
        for person in plan.people if plan is not None else []:
            self.addItem(f"{person.name} (week plan)", person.name)
        self.setCurrentIndex(max(self.findData(chosen), 0))
        self.blockSignals(False)
        self._chosen()

    def _chosen(self) -> None:
        name = self.currentData()
        self.window.coverage_for = None if name is None else self._coverage_for
        self.window.refresh_coverage()

    def _coverage_for(self, menu: Menu) -> CoverageSubject:
        """What the person chosen eats of ``menu``, against their targets; the profile's
        own coverage when the plan no longer has them."""
        state, plan, name = self.window.state, self.session.plan, self.currentData()
        person = next((p for p in plan.people if p.name == name), None) if plan else None
        if person is None:
            return CoverageSubject(menu, state.profile, state.targets, state.missing_note)
        eaten = eaten_menu(menu.name, menu, (), person.share)
        note = f"Coverage for {person.describe()}"
        if person.share != 1:
            note += f": {person.share:g} × this menu"
        missing = state.intakes.missing_note(person.profile, CHART_KEYS)
        note = "\n".join(n for n in (note, missing) if n)
        whose = f"{person.name}'" if person.name.endswith("s") else f"{person.name}'s"
        targets = state.intakes.targets(person.profile)
        return CoverageSubject(eaten, person.profile, targets, note, whose, person.share)


def install_menu_person(window, session: PlanSession) -> MenuPerson:
    """Put "Coverage for" on the profile's toolbar."""
    toolbar = window.findChild(QToolBar, "profileToolbar")
    chooser = MenuPerson(window, session)
    label = QLabel("Coverage &for")
    label.setBuddy(chooser)
    toolbar.addSeparator()
    toolbar.addWidget(label)
    toolbar.addWidget(chooser)
    return chooser
