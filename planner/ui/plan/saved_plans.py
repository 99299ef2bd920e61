"""The Week plan tab's saved plans: their list, and opening, making, copying, renaming,
deleting, importing and exporting plans."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.errors import InputError
from planner.core.plans.people import Person
from planner.core.plans.plan import (
    Plan,
    checked_name,
    duplicate_plan,
    read_plan,
    save_plan,
    write_plan,
)
from planner.core.storage.library import Library
from planner.ui.plan.plan_commands import RenamePlan
from planner.ui.plan.plan_models import PlanListModel
from planner.ui.plan.plan_session import PlanSession
from planner.ui.shared.save_problems import SAVE_ERRORS, refused_text
from planner.ui.shared.state import AppState
from planner.ui.widgets.dialogs import confirm, file_name_for
from planner.ui.widgets.roles import ID_ROLE
from planner.ui.widgets.shortcuts import focus_key

PLAN_FILTER = "Crampless plans (*.plan.json);;JSON files (*.json)"


class SavedPlans(QWidget):
    """The "Saved plans" box; the plan picked here opens in ``session``.

    ``folder`` and ``remember_folder`` are the window's last-folder memory.
    """

    statusMessage = Signal(str)
    created = Signal()  # a new plan was made and opened (to be named next)

    def __init__(
        self,
        session: PlanSession,
        state: AppState,
        folder: Callable[[], str],
        remember_folder: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.state = state
        self.library: Library = session.library
        self.folder = folder
        self.remember_folder = remember_folder
        self.plan_list = PlanListModel(self.library)
        self.plans = QListView()
        self.plans.setModel(self.plan_list)
        self.plans.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.plans.activated.connect(lambda i: self.open_plan(i.data(ID_ROLE)))
        buttons = QHBoxLayout()
        for text, tip, slot in (
            ("New", "New plan of 7 empty days", self.new_plan),
            ("Duplicate", "Duplicate the selected plan", self._duplicate_selected),
            ("Rename", "Rename the selected plan (F2)", self._rename_selected),
            ("Delete", "Delete the selected plan (Del)", self._delete_selected),
        ):
            button = QToolButton(text=text, toolTip=tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        focus_key(self.plans, QKeySequence.StandardKey.Delete, self._delete_selected)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Saved plans</b>"))
        layout.addWidget(self.plans, 1)
        layout.addLayout(buttons)
        self.plan_list.renameRequested.connect(self.rename_plan)
        self.plan_list.modelReset.connect(self._select_open_plan)
        session.saved.connect(self.plan_list.refresh)

    def open_initial(self, last_id: object = None) -> None:
        """Open the plan used last, else the newest; with none, the empty page shows."""
        ids = [e.id for e in self.library.plans()]
        try:
            wanted = int(last_id) if last_id is not None else None  # type: ignore[arg-type]
        except (TypeError, ValueError):
            wanted = None
        if wanted in ids:
            self.open_plan(wanted)
        elif ids:
            self.open_plan(ids[0])

    def open_plan(self, plan_id: int) -> bool:
        try:
            left_out = self.session.open(plan_id)
        except (KeyError, InputError) as exc:
            QMessageBox.warning(self, "Open plan", f"This plan cannot be opened: {exc}")
            return False
        if left_out:
            self.statusMessage.emit(
                f"Foods this library no longer has ({', '.join(left_out)}) are shown as "
                "“Missing food” and counted as unknown until you remove them"
            )
        return True

    def show_open(self) -> None:
        """Mark and select the open plan in the list (after another plan opened)."""
        self.plan_list.set_current(self.session.plan_id)
        self._select_open_plan()

    def new_plan(self, people: list[Person] | None = None) -> None:
        """Start a plan of 7 empty days for ``people`` (a saved household), else for one
        person with the window's profile."""
        self.session.save_now()
        name = Library.unused_name("Week plan", self.library.plans())
        try:
            plan = Plan.new(name, people=people or 1, profile=self.state.profile)
            plan_id = save_plan(self.library, plan)
        except SAVE_ERRORS as exc:  # busy (an import writing) or refused: said, no change
            self._refused("New plan", "A new plan could not be made", exc)
            return
        self.plan_list.refresh()
        self.open_plan(plan_id)
        self.created.emit()

    def duplicate_plan(self, plan_id: int) -> None:
        self.session.save_now()
        try:
            new_id = duplicate_plan(self.library, plan_id)
        except SAVE_ERRORS as exc:
            self._refused("Duplicate plan", "The plan could not be duplicated", exc)
            return
        self.plan_list.refresh()
        self.open_plan(new_id)

    def delete_plan(self, plan_id: int) -> None:
        name = next((e.name for e in self.library.plans() if e.id == plan_id), "this plan")
        text = f"Delete the plan “{name}” and its shopping marks? This cannot be undone."
        if not confirm(self, "Delete plan", text):
            return
        try:
            self.library.delete_plan(plan_id)
        except SAVE_ERRORS as exc:  # the plan stays, open as it was
            self._refused("Delete plan", f"“{name}” could not be deleted", exc)
            return
        was_open = plan_id == self.session.plan_id
        if was_open:
            self.session.close()
        self.plan_list.refresh()
        if was_open:
            remaining = self.library.plans()
            if remaining:
                self.open_plan(remaining[0].id)

    def rename_plan(self, plan_id: int, name: str) -> None:
        """Rename a saved plan; the open one through its undo stack."""
        try:
            name = checked_name(name)
        except InputError as exc:
            self.statusMessage.emit(exc.message)
            return
        if plan_id == self.session.plan_id:
            if self.session.plan is not None and name != self.session.plan.name:
                self.session.undo_stack.push(RenamePlan(self.session.model, name))
                self.session.save_now()
            return
        try:
            self.library.rename_plan(plan_id, name)
        except SAVE_ERRORS as exc:
            self._refused("Rename plan", f"The plan could not be renamed “{name}”", exc)
        self.plan_list.refresh()  # back to the name it has when refused

    def _refused(self, title: str, what: str, error: Exception) -> None:
        """A plan action the library refused (busy, full, read-only): one clear message."""
        QMessageBox.warning(self, title, refused_text(what, error, self.library.path))

    def rename_open_plan(self, name: str) -> None:
        if self.session.plan_id is not None:
            self.rename_plan(self.session.plan_id, name)

    def import_plan(self, path: str | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "Import plan", self.folder(), PLAN_FILTER)
            if not path:
                return False
        try:
            plan = read_plan(
                Path(path),
                known=self.state.foods.__contains__,
                profile=self.state.profile,
                stage_ages=self.state.intakes.stage_ages,
            )
        except InputError as exc:
            QMessageBox.warning(self, "Import plan", f"This plan cannot be imported:\n{exc}")
            return False
        self.remember_folder(path)
        self.session.save_now()
        plan.name = Library.unused_name(plan.name, self.library.plans())
        try:
            plan_id = save_plan(self.library, plan)
        except SAVE_ERRORS as exc:
            self._refused("Import plan", f"{path} could not be saved to the library", exc)
            return False
        self.plan_list.refresh()
        self.open_plan(plan_id)
        self.statusMessage.emit(f"Imported {Path(path).name} as “{plan.name}”")
        return True

    def export_plan(self, path: str | None = None) -> Path | None:
        plan = self.session.plan
        if plan is None:
            self.statusMessage.emit("Open a plan to export it")
            return None
        if not path:
            suggested = str(Path(self.folder()) / file_name_for(plan.name, ".plan.json"))
            path, _ = QFileDialog.getSaveFileName(self, "Export plan", suggested, PLAN_FILTER)
            if not path:
                return None
        target = Path(path)
        if not target.name.endswith(".json"):
            target = target.with_name(target.name + ".plan.json")
        try:
            write_plan(target, plan)
        except OSError as exc:
            QMessageBox.warning(
                self, "Export plan", f"{target} could not be written:\n{exc.strerror or exc}"
            )
            return None
        self.remember_folder(str(target))
        self.statusMessage.emit(f"Exported to {target}")
        return target

    def _selected_plan(self) -> int | None:
        index = self.plans.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else self.session.plan_id

    def _duplicate_selected(self) -> None:
        if (plan_id := self._selected_plan()) is not None:
            self.duplicate_plan(plan_id)

    def _delete_selected(self) -> None:
        if (plan_id := self._selected_plan()) is not None:
            self.delete_plan(plan_id)

    def _rename_selected(self) -> None:
        if self.plans.currentIndex().isValid():
            self.plans.edit(self.plans.currentIndex())

    def _select_open_plan(self) -> None:
        self.plan_list.current_id = self.session.plan_id
        row = self.plan_list.row_of(self.session.plan_id)
        if row >= 0:
            self.plans.setCurrentIndex(self.plan_list.index(row))
