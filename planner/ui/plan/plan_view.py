"""The Week plan tab: saved plans, the open plan's days and people, a day's menu, the heatmap."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner import APP_NAME
from planner.core.data.formatting import fmt_amount
from planner.core.data.nutrients import GUARD_KEYS
from planner.core.errors import InputError
from planner.core.menus.menu import Menu
from planner.core.plans.plan import (
    MAX_DAYS,
    MAX_NAME,
    MAX_PEOPLE,
    Day,
    Plan,
    checked_name,
    duplicate_plan,
    read_plan,
    save_plan,
    write_plan,
)
from planner.core.plans.plan_coverage import plan_coverage, unknown_foods
from planner.core.storage.library import Library
from planner.ui.charts.chart_export import export_figure_dialog
from planner.ui.day_menu.menu_editor import MenuEditor
from planner.ui.day_menu.menu_model import MenuModel
from planner.ui.foods.food_browser import FoodBrowser
from planner.ui.plan.plan_commands import (
    InsertDay,
    MoveDay,
    OnDay,
    RemoveDay,
    RenameDay,
    RenamePlan,
    SetDayMenus,
    SetPeople,
)
from planner.ui.plan.plan_heatmap import PlanHeatmap
from planner.ui.plan.plan_models import PlanListModel
from planner.ui.plan.plan_session import PlanSession
from planner.ui.shared.save_problems import SAVE_ERRORS, refused_text
from planner.ui.shared.state import AppState
from planner.ui.widgets.dialogs import confirm, file_name_for
from planner.ui.widgets.menu_button import MenuButton
from planner.ui.widgets.roles import ID_ROLE
from planner.ui.widgets.shortcuts import focus_key
from planner.ui.widgets.text_colours import muted_style

PLAN_FILTER = "Crampless plans (*.plan.json);;JSON files (*.json)"
SPLITTERS = ("planSplitter", "planSideSplitter", "planDaySplitter")


class _DayStack:
    """What the day editor pushes its edits to: the plan's stack, each edit tied to its day."""

    def __init__(self, view: PlanView) -> None:
        self.view = view

    def push(self, command) -> None:
        day = self.view.current_day()
        if day is None:
            return
        self.view.session.undo_stack.push(OnDay(self.view.show_day, day, command))


class PlanView(QWidget):
    """Edits the open plan; every edit is undoable and saved to the library as it is made.

    ``day_menu`` gives the Day menu tab's menu (for "copy of the day menu"); ``folder`` and
    ``remember_folder`` are the window's last-folder memory.
    """

    statusMessage = Signal(str)

    def __init__(
        self,
        session: PlanSession,
        state: AppState,
        day_menu: Callable[[], Menu] | None = None,
        folder: Callable[[], str] = lambda: str(Path.home()),
        remember_folder: Callable[[str], None] = lambda path: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.state = state
        self.library: Library = session.library
        self.day_menu = day_menu
        self.folder = folder
        self.remember_folder = remember_folder
        self.model = session.model
        self.plan_list = PlanListModel(self.library)
        self.coverage = None

        self._build_header()
        self._build_side()
        self._build_day_editor()
        self.heatmap = PlanHeatmap()
        self.heatmap.unknown_names = self._unknown_names
        self.heatmap.daySelected.connect(lambda row: self.select_day(row))
        self.heatmap.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        export = QAction("Export chart…", self.heatmap)
        export.triggered.connect(self.export_chart)
        self.heatmap.addAction(export)
        self.chart_note = QLabel()
        self.chart_note.setWordWrap(True)
        self.chart_note.setStyleSheet(muted_style())
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.heatmap, 1)
        chart_layout.addWidget(self.chart_note)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="planSplitter")
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(self.day_splitter)
        self.splitter.addWidget(chart_box)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([230, 440, 560])

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(4, 4, 4, 4)
        content_layout.addLayout(self.header)
        content_layout.addWidget(self.splitter, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_empty_page())
        self.pages.addWidget(content)
        QVBoxLayout(self).addWidget(self.pages)
        self.layout().setContentsMargins(0, 0, 0, 0)

        session.opened.connect(self._plan_opened)
        session.changed.connect(self.refresh)
        session.saved.connect(self._saved)
        self.model.nameChanged.connect(self._sync_header)
        self.model.peopleChanged.connect(self._sync_header)
        self.model.renameRequested.connect(self._rename_day_requested)
        self.model.invalidEdit.connect(self.statusMessage)
        self.plan_list.renameRequested.connect(self.rename_plan)
        self.plan_list.modelReset.connect(self._select_open_plan)
        state.profileChanged.connect(lambda _: self.refresh())
        state.foodsChanged.connect(self._foods_changed)
        self._plan_opened()

    # -- construction -------------------------------------------------------------------
    def _build_header(self) -> None:
        self.name = QLineEdit()
        self.name.setPlaceholderText("Plan name")
        self.name.setMaxLength(MAX_NAME)
        self.name.editingFinished.connect(self._name_edited)
        self.people = QSpinBox()
        self.people.setRange(1, MAX_PEOPLE)
        self.people.setSuffix(" people")
        self.people.setToolTip("How many people eat this plan: it scales the shopping list")
        self.people.valueChanged.connect(self._people_edited)
        self.summary = QLabel()
        self.export_button = QPushButton("Export chart…")
        self.export_button.setToolTip("Save the heatmap and averages as PNG, SVG or PDF")
        self.export_button.clicked.connect(self.export_chart)
        self.header = QHBoxLayout()
        self.header.addWidget(QLabel("Plan"))
        self.header.addWidget(self.name, 2)
        self.header.addWidget(QLabel("Cooking for"))
        self.header.addWidget(self.people)
        self.header.addWidget(self.summary, 3)
        self.header.addWidget(self.export_button)

    def _tool(self, text: str, tip: str, slot, layout: QHBoxLayout) -> QToolButton:
        button = QToolButton(text=text, toolTip=tip)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    def _build_side(self) -> None:
        self.plans = QListView()
        self.plans.setModel(self.plan_list)
        self.plans.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.plans.activated.connect(lambda i: self.open_plan(i.data(ID_ROLE)))
        plan_buttons = QHBoxLayout()
        self._tool("New", "New plan of 7 empty days", self.new_plan, plan_buttons)
        self._tool(
            "Duplicate", "Duplicate the selected plan", self._duplicate_selected, plan_buttons
        )
        self._tool("Rename", "Rename the selected plan (F2)", self._rename_selected, plan_buttons)
        self._tool("Delete", "Delete the selected plan (Del)", self._delete_selected, plan_buttons)
        focus_key(self.plans, QKeySequence.StandardKey.Delete, self._delete_selected)
        plan_buttons.addStretch(1)

        self.days = QListView()
        self.days.setModel(self.model)
        self.days.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.days.selectionModel().currentChanged.connect(lambda *_: self._day_changed())
        # A saved menu dragged from "Saved menus" onto a day fills that day.
        self.days.setAcceptDrops(True)
        self.days.setDropIndicatorShown(True)
        self.days.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.model.menuDropped.connect(self.fill_day_from_menu)
        self.add_menu = QMenu(self)
        self.add_empty_action = self._day_action("Empty day", self.add_empty_day, "Ins")
        self.add_menu.addAction(self.add_empty_action)
        self.saved_menus = self.add_menu.addMenu("Copy of a saved menu")
        self.saved_menus.aboutToShow.connect(self._fill_saved_menus)
        self.add_day_menu_action = self._day_action(
            "Copy of the Day menu tab's menu", self.add_day_from_day_menu
        )
        self.add_menu.addAction(self.add_day_menu_action)
        self.fill_menu = QMenu("Fill day with a saved menu", self)
        self.fill_menu.setToolTip("Replace the day's foods with a copy of a saved menu")
        self.fill_menu.aboutToShow.connect(self._fill_fill_menu)
        self.copy_to_action = self._day_action("Copy day to other days…", self.copy_day_dialog)
        self.copy_to_action.setToolTip("Give other days a copy of this day's menu, in one step")
        self.duplicate_action = self._day_action("Duplicate day", self.duplicate_day, "Ctrl+D")
        self.remove_action = self._day_action("Remove day", self.remove_day, "Del")
        self.up_action = self._day_action("Move up", lambda: self.move_day(-1), "Alt+Up")
        self.down_action = self._day_action("Move down", lambda: self.move_day(1), "Alt+Down")
        rename = self._day_action("Rename day", self._rename_current_day)
        day_buttons = QHBoxLayout()
        add = MenuButton("Add day", self.add_menu)
        add.setToolTip("Add an empty day, a copy of a saved menu or of the Day menu tab's menu")
        self.add_button = add
        day_buttons.addWidget(add)
        fill = MenuButton("Fill", self.fill_menu)
        fill.setToolTip("Fill the selected day with a saved menu (or drag a saved menu onto a day)")
        self.fill_button = fill
        day_buttons.addWidget(fill)
        copy_to = QToolButton()
        copy_to.setDefaultAction(self.copy_to_action)
        copy_to.setText("Copy to…")
        day_buttons.addWidget(copy_to)
        for action in (self.duplicate_action, rename):
            button = QToolButton()
            button.setDefaultAction(action)
            day_buttons.addWidget(button)
        day_buttons.addStretch(1)
        move_buttons = QHBoxLayout()
        for action, text in (
            (self.remove_action, "Remove"),
            (self.up_action, "▲"),
            (self.down_action, "▼"),
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setText(text)
            move_buttons.addWidget(button)
        move_buttons.addStretch(1)
        self.days.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.days.customContextMenuRequested.connect(self._days_context_menu)
        self._rename_action = rename

        plans_box, plans_layout = _box("Saved plans")
        plans_layout.addWidget(self.plans, 1)
        plans_layout.addLayout(plan_buttons)
        days_box, days_layout = _box("Days")
        days_layout.addWidget(self.days, 1)
        days_layout.addLayout(day_buttons)
        days_layout.addLayout(move_buttons)
        self.side = QSplitter(Qt.Orientation.Vertical, objectName="planSideSplitter")
        self.side.addWidget(plans_box)
        self.side.addWidget(days_box)
        self.side.setSizes([200, 420])

    def _day_action(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            # Keys such as Del act on days only while the days list has the focus.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.days.addAction(action)
        action.triggered.connect(slot)
        return action

    def _build_day_editor(self) -> None:
        self.menu_model = MenuModel(self.state.foods)
        self.menu_model.pregnant = self.state.profile.pregnant  # rows flag pregnancy cautions
        self.state.profileChanged.connect(lambda p: self.menu_model.set_pregnant(p.pregnant))
        self.editor = MenuEditor(self.menu_model, _DayStack(self))  # type: ignore[arg-type]
        # The day's name is edited in the days list; the menu's own name stays internal.
        self.editor.name.hide()
        self.editor.statusMessage.connect(self.statusMessage)
        self.day_title = QLabel(textFormat=Qt.TextFormat.PlainText)  # the user's day name
        font = self.day_title.font()
        font.setBold(True)
        self.day_title.setFont(font)
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.day_title)
        editor_layout.addWidget(self.editor, 1)
        self.browser = FoodBrowser(self.state)
        self.browser.addRequested.connect(lambda food: self.add_foods([food]))
        self.day_splitter = QSplitter(Qt.Orientation.Vertical, objectName="planDaySplitter")
        self.day_splitter.addWidget(editor_box)
        self.day_splitter.addWidget(self.browser)
        self.day_splitter.setSizes([380, 320])

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        hint = QLabel(
            "<h3>No week plan yet</h3><p>A plan is a number of days, each with its own menu, "
            "for a number of people. It shows each day's nutrients against your targets and "
            "makes the shopping list.</p>"
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
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

    # -- plans --------------------------------------------------------------------------
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

    def new_plan(self) -> None:
        self.session.save_now()
        name = Library.unused_name("Week plan", self.library.plans())
        try:
            plan_id = save_plan(self.library, Plan.new(name))
        except SAVE_ERRORS as exc:  # busy (an import writing) or refused: said, no change
            self._refused("New plan", "A new plan could not be made", exc)
            return
        self.plan_list.refresh()
        self.open_plan(plan_id)
        self.name.setFocus()
        self.name.selectAll()

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
        was_open = plan_id == self.session.plan_id
        try:
            self.library.delete_plan(plan_id)
        except SAVE_ERRORS as exc:  # the plan stays, open as it was
            self._refused("Delete plan", f"“{name}” could not be deleted", exc)
            return
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
                self.session.undo_stack.push(RenamePlan(self.model, name))
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

    def import_plan(self, path: str | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "Import plan", self.folder(), PLAN_FILTER)
            if not path:
                return False
        try:
            plan = read_plan(Path(path), known=self.state.foods.__contains__)
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

    def _plan_opened(self) -> None:
        plan = self.session.plan
        self.pages.setCurrentIndex(0 if plan is None else 1)
        self.plan_list.set_current(self.session.plan_id)
        self._select_open_plan()
        self._sync_header()
        if plan is not None and plan.days:
            self.select_day(0)
        else:
            self._day_changed()
        self.refresh()

    def _saved(self) -> None:
        self.plan_list.refresh()

    # -- header -------------------------------------------------------------------------
    def _sync_header(self, *_) -> None:
        plan = self.session.plan
        if plan is None:
            return
        # Leave a name being typed alone; anything else (undo, another plan) shows.
        if not (self.name.hasFocus() and self.name.isModified()) and self.name.text() != plan.name:
            self.name.setText(plan.name)
        if self.people.value() != plan.people:
            self.people.blockSignals(True)
            self.people.setValue(plan.people)
            self.people.blockSignals(False)
        self.people.setSuffix(" person" if plan.people == 1 else " people")

    def _name_edited(self) -> None:
        plan = self.session.plan
        if plan is None:
            return
        text = self.name.text().strip()
        self.name.setModified(False)
        if not text:
            self.name.setText(plan.name)
        elif text != plan.name:
            self.rename_plan(self.session.plan_id, text)  # type: ignore[arg-type]

    def _people_edited(self, value: int) -> None:
        plan = self.session.plan
        if plan is not None and value != plan.people:
            self.session.undo_stack.push(SetPeople(self.model, value))

    # -- days ---------------------------------------------------------------------------
    def current_row(self) -> int:
        index = self.days.currentIndex()
        return index.row() if index.isValid() else -1

    def current_day(self) -> Day | None:
        return self.model.day_at(self.current_row())

    def select_day(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.days.setCurrentIndex(self.model.index(row))

    def show_day(self, day: Day) -> None:
        """Show this day in the editor (undo and redo call this before changing it)."""
        row = self.model.row_of(day)
        if row >= 0 and row != self.current_row():
            self.select_day(row)

    def _day_changed(self) -> None:
        day = self.current_day()
        self.menu_model.set_menu(day.menu if day is not None else Menu())
        self.editor.setEnabled(day is not None)
        self.day_title.setText(
            f"{day.name}: menu" if day is not None else "Add a day to plan its menu"
        )
        self._update_day_actions()

    def _update_day_actions(self) -> None:
        row, count = self.current_row(), self.model.rowCount()
        has_plan = self.session.plan is not None
        self.add_button.setEnabled(has_plan and count < MAX_DAYS)
        self.add_empty_action.setEnabled(has_plan and count < MAX_DAYS)
        self.duplicate_action.setEnabled(row >= 0 and count < MAX_DAYS)
        self.fill_button.setEnabled(row >= 0)
        self.copy_to_action.setEnabled(row >= 0 and count > 1)
        self._rename_action.setEnabled(row >= 0)
        self.remove_action.setEnabled(row >= 0)
        self.up_action.setEnabled(row > 0)
        self.down_action.setEnabled(0 <= row < count - 1)

    def _insert_day(self, day: Day, row: int | None = None, text: str = "") -> None:
        plan = self.session.plan
        if plan is None:
            return
        if len(plan.days) >= MAX_DAYS:
            self.statusMessage.emit(f"A plan has at most {MAX_DAYS} days")
            return
        row = len(plan.days) if row is None else row
        self.session.undo_stack.push(InsertDay(self.model, row, day, text))
        self.select_day(row)

    def add_empty_day(self) -> None:
        plan = self.session.plan
        if plan is not None:
            name = plan.unused_day_name()
            self._insert_day(Day(name, Menu(name)))

    def add_day_from_menu(self, menu_id: int) -> None:
        """Add a day holding a copy of a saved menu."""
        plan = self.session.plan
        if plan is None:
            return
        try:
            menu = self.library.load_menu(menu_id)
        except (KeyError, InputError) as exc:
            QMessageBox.warning(self, "Add day", f"This menu cannot be read: {exc}")
            return
        self._add_copy(menu, f"a copy of “{menu.name}”")

    def add_day_from_day_menu(self) -> None:
        if self.day_menu is not None and self.session.plan is not None:
            menu = self.day_menu()
            self._add_copy(menu.copy(), f"a copy of the day menu “{menu.name}”")

    def _add_copy(self, menu: Menu, what: str) -> None:
        plan = self.session.plan
        assert plan is not None
        self._say_missing(menu)
        name = plan.unused_day_name()
        self._insert_day(Day(name, menu), text=f"Add {name} as {what}")

    def duplicate_day(self) -> None:
        day, row = self.current_day(), self.current_row()
        if day is not None:
            copy = Day(f"{day.name} (copy)"[:MAX_NAME], day.menu.copy())
            self._insert_day(copy, row + 1, f"Duplicate {day.name}")

    def remove_day(self) -> None:
        row = self.current_row()
        if row >= 0:
            day = self.model.days[row]
            self.session.undo_stack.push(RemoveDay(self.model, row))
            self.select_day(min(row, self.model.rowCount() - 1))
            self._day_changed()
            if day.menu.items:  # a day with food: say how to get it back
                count = len(day.menu.items)
                self.statusMessage.emit(
                    f"Removed {day.name} and its {count} food{'' if count == 1 else 's'} "
                    "(Ctrl+Z brings them back)."
                )

    # -- filling days ---------------------------------------------------------------------
    def _load_menu(self, menu_id: int) -> Menu | None:
        try:
            menu = self.library.load_menu(menu_id)
        except (KeyError, InputError) as exc:
            QMessageBox.warning(self, "Fill day", f"This menu cannot be read: {exc}")
            return None
        self._say_missing(menu)
        return menu

    def _say_missing(self, menu: Menu) -> None:
        """Items of foods gone are copied as they are (shown as missing): say so."""
        gone = sorted({i.food for i in menu.items if i.food not in self.state.foods})
        if gone:
            self.statusMessage.emit(
                f"Copied as “Missing food”: foods this library no longer has ({', '.join(gone)})"
            )

    def set_day_menus(self, changes: list[tuple[Day, list]], text: str) -> None:
        """Give days new items in one undo step, then show the days' editor again."""
        self.session.undo_stack.push(SetDayMenus(self.model, changes, text, self._day_changed))

    def fill_day_from_menu(self, row: int, menu_id: int) -> None:
        """Replace day ``row``'s foods with a copy of a saved menu (Ctrl+Z undoes it)."""
        day = self.model.day_at(row)
        menu = self._load_menu(menu_id) if day is not None else None
        if day is None or menu is None:
            return
        had = len(day.menu.items)
        self.set_day_menus([(day, menu.copy().items)], f"Fill {day.name} with “{menu.name}”")
        self.select_day(row)
        if had:
            self.statusMessage.emit(
                f"{day.name} now holds “{menu.name}” instead of its {had} "
                f"food{'' if had == 1 else 's'} (Ctrl+Z gives them back)."
            )

    def _fill_fill_menu(self) -> None:
        self.fill_menu.clear()
        entries = self.library.menus()
        if not entries:
            self.fill_menu.addAction("No saved menus yet").setEnabled(False)
        for entry in entries:
            action = self.fill_menu.addAction(entry.name)
            action.triggered.connect(
                lambda _=False, i=entry.id: self.fill_day_from_menu(self.current_row(), i)
            )

    def copy_day_to(self, rows: list[int]) -> None:
        """Give the days at ``rows`` a copy of the current day's menu, in one undo step."""
        day = self.current_day()
        targets = [d for r in rows if (d := self.model.day_at(r)) is not None and d is not day]
        if day is None or not targets:
            return
        names = ", ".join(d.name for d in targets)
        self.set_day_menus(
            [(d, day.menu.copy().items) for d in targets], f"Copy {day.name} to {names}"
        )
        self.statusMessage.emit(f"Copied {day.name} to {names} (Ctrl+Z undoes it).")

    def copy_day_dialog(self) -> None:
        """Ask which days get a copy of the current day (empty days ticked), then copy."""
        from planner.ui.plan.copy_days_dialog import CopyDaysDialog

        day = self.current_day()
        if day is None:
            return
        self.copy_dialog = CopyDaysDialog(self.model.days, day, self)
        self.copy_dialog.accepted.connect(lambda: self.copy_day_to(self.copy_dialog.rows()))
        self.copy_dialog.open()

    def move_day(self, step: int) -> None:
        row = self.current_row()
        to = row + step
        if row >= 0 and 0 <= to < self.model.rowCount():
            self.session.undo_stack.push(MoveDay(self.model, row, to))
            self.select_day(to)

    def rename_day(self, row: int, name: str) -> None:
        try:
            name = checked_name(name)
        except InputError as exc:
            self.statusMessage.emit(exc.message)
            return
        if self.model.day_at(row) is not None and name != self.model.days[row].name:
            self.session.undo_stack.push(RenameDay(self.model, row, name))
            if row == self.current_row():
                self._day_changed()

    def _rename_day_requested(self, row: int, name: str) -> None:
        self.rename_day(row, name)

    def _rename_current_day(self) -> None:
        if self.days.currentIndex().isValid():
            self.days.edit(self.days.currentIndex())

    def _fill_saved_menus(self) -> None:
        self.saved_menus.clear()
        entries = self.library.menus()
        if not entries:
            self.saved_menus.addAction("No saved menus yet").setEnabled(False)
        for entry in entries:
            action = self.saved_menus.addAction(entry.name)
            action.triggered.connect(lambda _=False, i=entry.id: self.add_day_from_menu(i))

    def _days_context_menu(self, point) -> None:
        self.days_context_menu().exec(self.days.viewport().mapToGlobal(point))

    def days_context_menu(self) -> QMenu:
        """The days list's right-click menu."""
        menu = QMenu(self)
        menu.addMenu(self.add_menu).setText("Add day")
        menu.addMenu(self.fill_menu)
        menu.addAction(self.copy_to_action)
        for action in (
            self.duplicate_action,
            self._rename_action,
            self.remove_action,
            self.up_action,
            self.down_action,
        ):
            menu.addAction(action)
        return menu

    def add_foods(self, food_ids: list[str]) -> None:
        if self.current_day() is None:
            self.statusMessage.emit("Add a day to the plan first")
            return
        self.editor.add_foods(food_ids)

    # -- the chart ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute every day's coverage for the profile; redraw the heatmap and averages."""
        plan = self.session.plan
        self._update_day_actions()
        if plan is None:
            return
        if self.current_day() is not None:
            self.day_title.setText(f"{self.current_day().name}: menu")
        foods, targets = self.state.foods, self.state.targets
        self.coverage = plan_coverage(plan, foods, targets)
        guards = plan_coverage(plan, foods, targets, GUARD_KEYS)
        self.heatmap.set_data(self.coverage, guards)
        days = len(plan.days)
        parts = [f"{days} day{'' if days == 1 else 's'}"]
        # The average of the days that have food: empty days are not yet planned, and
        # counting them as 0 kcal made a half-filled week look like a fast.
        eating = [d for d in plan.days if d.menu.items]
        if eating:
            energy = plan_coverage(Plan(plan.name, plan.people, eating), foods, {}, ("energy",))
            if len(eating) < days:
                parts[0] += f" ({len(eating)} with food)"
            parts.append(f"about {fmt_amount(energy.average_amount[0])} kcal a day each")
        self.summary.setText("  ·  ".join(parts))
        notes = [self.state.missing_note] if self.state.missing_note else []
        if days and self.coverage.unknown.any():
            notes.append(
                "Hatched cells (?) and “≥” mark amounts that are unknown or only a lower bound: "
                "USDA SR28 gives no value for some food that day. Hover a cell to see which."
            )
        crossing = [guards.days[d] for d in range(days) if guards.crossed(d)]
        if crossing:
            notes.append(
                f"⚠ {', '.join(crossing)}: over an upper limit the chart does not show "
                "(vitamin A as retinol, selenium, zinc, copper or manganese). Hover the day."
            )
        if days:
            notes.append("Click a day's column to edit that day.")
        self.chart_note.setText(" ".join(notes))

    def _unknown_names(self, day: int, key: str) -> list[str]:
        plan = self.session.plan
        if plan is None or not 0 <= day < len(plan.days):
            return []
        foods = self.state.foods
        return [
            foods.name(f) if f in foods else f
            for f in unknown_foods(plan.days[day].menu, foods, key)
        ]

    def _foods_changed(self, foods) -> None:
        self.menu_model.set_foods(foods)
        self.session.set_foods(foods)

    # -- layout memory ------------------------------------------------------------------
    def restore_layout(self, settings) -> None:
        for splitter in (self.splitter, self.side, self.day_splitter):
            sizes = settings.value(f"window/{splitter.objectName()}")
            if isinstance(sizes, QByteArray):
                splitter.restoreState(sizes)

    def save_layout(self, settings) -> None:
        for splitter in (self.splitter, self.side, self.day_splitter):
            settings.set_value(f"window/{splitter.objectName()}", splitter.saveState())
        settings.set_value("session/last_plan_id", self.session.plan_id)


def _box(title: str) -> tuple[QWidget, QVBoxLayout]:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{title}</b>")
    layout.addWidget(label)
    return box, layout


class _SaveOnClose(QObject):
    """Saves the open plan and the tab's layout when the window closes.

    An event filter, because the window's closeEvent knows only the day menu.
    """

    def __init__(self, window, view: PlanView) -> None:
        super().__init__(window)
        self.window, self.view = window, view

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            if not self.view.session.save_now() and not confirm(
                self.window,
                APP_NAME,
                "The last changes to the week plan could not be saved. Close anyway?",
            ):
                event.ignore()
                return True  # the window stays open
            self.view.save_layout(self.window.settings)
        return False


def install(window) -> None:
    """Add the Week plan and Shopping list tabs, their File menu actions and undo routing."""
    from planner.ui.plan.shopping_view import ShoppingView

    session = PlanSession(window.library, window.state.foods, window)
    session.saveFailed.connect(window.save_problems.failed)
    session.saved.connect(window.save_problems.succeeded)
    view = PlanView(
        session,
        window.state,
        day_menu=lambda: window.menu_model.menu,
        folder=window._last_folder,
        remember_folder=window._remember_folder,
    )
    shopping = ShoppingView(session, window._last_folder, window._remember_folder)
    window.plan_session, window.plan_view, window.shopping_view = session, view, shopping
    window.tabs.addTab(view, "Week plan")
    window.tabs.addTab(shopping, "Shopping list")
    for source in (view, shopping):
        source.statusMessage.connect(lambda text: window.statusBar().showMessage(text, 6000))

    # Edit > Undo acts on the tab in front: these two stacks, else the day menu's.
    stacks = {view: session.undo_stack, shopping: shopping.undo_stack}
    group = window.undo_group
    for stack in stacks.values():
        group.addStack(stack)

    def route(_index: int) -> None:
        current = window.tabs.currentWidget()
        if current in stacks:
            group.setActiveStack(stacks[current])
        elif group.activeStack() in stacks.values():
            group.setActiveStack(window.undo_stack)

    window.tabs.currentChanged.connect(route)

    before = window.import_separator
    actions = []
    for text, slot, tip in (
        ("New &plan", view.new_plan, "Start a plan of 7 empty days"),
        ("Import p&lan…", lambda: view.import_plan(), "Open a .plan.json file as a new plan"),
        ("Export pl&an…", lambda: view.export_plan(), "Save the open plan as a .plan.json file"),
        ("Export plan c&hart…", view.export_chart, "Save the plan heatmap as PNG, SVG or PDF"),
    ):
        action = QAction(text, window)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        actions.append(action)
    window.file_menu.insertActions(before, actions)
    preview_action = shopping.actions["preview"]
    preview_action.setText("Print pre&view of the shopping list…")
    window.file_menu.insertAction(before, preview_action)
    print_action = shopping.actions["print"]
    print_action.setText("P&rint shopping list…")  # P is New plan's
    window.file_menu.insertAction(before, print_action)
    window.plan_actions = {a.text().replace("&", ""): a for a in actions}

    window.installEventFilter(_SaveOnClose(window, view))
    view.restore_layout(window.settings)
    view.open_initial(window.settings.value("session/last_plan_id"))
