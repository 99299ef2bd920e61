"""The day menu open in the window: opening, new, duplicating, deleting and saving the
library's menus as they are edited, importing and exporting them as .menu.json files,
and the items of foods the library no longer has, kept until the user removes them."""

from __future__ import annotations

import re
from pathlib import Path

from planner import APP_NAME
from planner.core.errors import InputError
from planner.core.menus.menu import Menu
from planner.core.storage.jsonfiles import read_menu, write_menu
from planner.core.storage.library import Library
from planner.ui.charts.chart_export import export_figure_dialog
from planner.ui.charts.coverage_chart import CoverageChart
from planner.ui.day_menu.library_panel import LibraryPanel, MenuListModel
from planner.ui.day_menu.menu_commands import RemoveItems
from planner.ui.day_menu.menu_editor import MenuEditor
from planner.ui.day_menu.menu_model import MenuModel
from planner.ui.day_menu.missing_rows import missing_message, missing_positions
from planner.ui.shared.save_problems import SAVE_ERRORS, SaveProblems
from planner.ui.shared.settings import Settings
from planner.ui.shared.state import AppState
from planner.ui.widgets.dialogs import (
    confirm,
    file_name_for,
    open_file_name,
    save_file_name,
    warn,
)

# An edit of the day menu is saved as it is made, before it is painted: one WAL commit
# costs about a millisecond, and a kill or a power cut must not lose what was shown
# (docs/reliability.md; it was 400 ms, and a kill in that time lost the edit).
AUTOSAVE_DELAY_MS = 0
NEW_MENU_NAME = "My menu"  # then "My menu 2", ... (Library.unused_name)
MENU_FILTER = "Crampless menus (*.menu.json);;JSON files (*.json)"


class MenuSession:
    """The open day menu and the library's menus, for MainWindow (a mixin of it).

    ``menu_id`` is the open menu's id in the library (None while it has none).
    """

    # Made by MainWindow.__init__.
    state: AppState
    library: Library
    settings: Settings
    menu_id: int | None
    _new_unsaved: bool
    _unsaved: bool
    menu_model: MenuModel
    editor: MenuEditor
    chart: CoverageChart
    menu_list: MenuListModel
    library_panel: LibraryPanel
    save_problems: SaveProblems

    def _open_initial_menu(self) -> None:
        last = self.settings.value("session/last_menu_id")
        ids = [e.id for e in self.library.menus()]
        try:
            last_id = int(last) if last is not None else None
        except (TypeError, ValueError):
            last_id = None
        # The last menu first, then the others; a damaged one is skipped (and said once
        # the window is up), never replaced by an empty one.
        order = ([last_id] if last_id in ids else []) + [i for i in ids if i != last_id]
        for menu_id in order:
            if self.open_menu(menu_id, quiet=True):
                return
        self.new_menu(quiet=True)

    def open_menu(self, menu_id: int, quiet: bool = False) -> bool:
        """Open a saved menu; False when it cannot be read (said in a dialog, or with
        ``quiet`` among the library's problems, shown after start-up)."""
        self.save_now()
        try:
            menu = self.library.load_menu(menu_id)
        except (KeyError, InputError) as exc:
            if quiet:
                self.library.problems.append(f"This menu cannot be opened: {exc}")
            else:
                warn(self, APP_NAME, f"This menu cannot be opened: {exc}")
            return False
        # Foods can disappear (a custom food deleted, a library restored from a backup).
        # Their items stay on the menu, shown as missing and counted as unknown, until the
        # user removes them (planner/ui/day_menu/missing_rows.py); said here.
        gone = missing_positions(menu, self.state.foods)
        if gone:
            self.statusBar().showMessage(missing_message(menu, gone), 0)
        # Opening is not a change: saving it would make it the newest in the list, so no
        # menu is open (to save) while the model takes it.
        self.menu_id, self._new_unsaved = None, False
        self.undo_stack.clear()
        self.menu_model.set_menu(menu)
        self.menu_id = menu_id
        self._unsaved = False
        self.menu_list.set_current(menu_id)
        self.settings.set_value("session/last_menu_id", menu_id)
        self._select_in_list(menu_id)
        return True

    def new_menu(self, quiet: bool = False) -> None:
        """Start a new menu; when the library cannot take it now (another program is
        writing it), it is shown all the same and saved with the first edit that can be."""
        self.save_now()
        name = Library.unused_name(NEW_MENU_NAME, self.library.menus())
        try:
            menu_id = self.library.save_menu(Menu(name))
        except SAVE_ERRORS as exc:
            self.menu_id, self._new_unsaved = None, False
            self.undo_stack.clear()
            self.menu_model.set_menu(Menu(name))
            self._new_unsaved = self._unsaved = True
            what = f"The new menu “{name}”"
            if quiet:  # at start-up: said once the window is up
                self.library.problems.append(f"{what} could not be saved yet: {exc}")
            else:
                self.save_problems.failed(what, exc)
            return
        self.menu_list.refresh()
        self.open_menu(menu_id)
        self.editor.name.setFocus()
        self.editor.name.selectAll()

    def duplicate_menu(self, menu_id: int) -> None:
        self.save_now()
        try:
            new_id = self.library.duplicate_menu(menu_id)
        except SAVE_ERRORS as exc:
            warn(self, APP_NAME, f"The menu could not be duplicated: {exc}. Try again later.")
            return
        self.menu_list.refresh()
        self.open_menu(new_id)

    def delete_menu(self, menu_id: int) -> None:
        name = next((e.name for e in self.library.menus() if e.id == menu_id), "this menu")
        if not confirm(self, "Delete menu", f"Delete the menu “{name}”? This cannot be undone."):
            return
        try:
            self.library.delete_menu(menu_id)
        except SAVE_ERRORS as exc:  # busy or refused: the menu stays, open as it was
            warn(self, APP_NAME, f"“{name}” could not be deleted: {exc}. Try again later.")
            return
        if menu_id == self.menu_id:
            self.menu_id = None
        self.menu_list.refresh()
        if self.menu_id is None:
            remaining = self.library.menus()
            if remaining:
                self.open_menu(remaining[0].id)
            else:
                self.new_menu()

    def save_now(self) -> bool:
        """Write the open menu to the library if it changed since it was opened or last
        saved (autosave calls this after each edit); False when the write failed."""
        if not self._unsaved or (self.menu_id is None and not self._new_unsaved):
            return True
        try:
            menu_id = self.library.save_menu(self.menu_model.menu, self.menu_id)
        except SAVE_ERRORS as exc:
            self.save_problems.failed(f"The menu “{self.menu_model.menu.name}”", exc)
            return False
        self.save_problems.succeeded()
        self._unsaved = False
        self.menu_list.refresh()
        if self._new_unsaved:  # a new menu the library could not take before: it has now
            self._new_unsaved = False
            self.menu_id = menu_id
            self.menu_list.set_current(menu_id)
            self.settings.set_value("session/last_menu_id", menu_id)
            self._select_in_list(menu_id)
        return True

    def remove_missing_foods(self) -> None:
        """Remove the items whose foods the library no longer has, in one undo step."""
        positions = missing_positions(self.menu_model.menu, self.state.foods)
        if not positions:
            self.statusBar().showMessage("This menu has no items of missing foods.", 5000)
            return
        command = RemoveItems(self.menu_model, positions)
        command.setText("Remove missing foods")
        self.undo_stack.push(command)
        self.statusBar().showMessage(
            f"Removed {len(positions)} item(s) of missing foods (Ctrl+Z brings them back).", 5000
        )

    def import_menu(self, path: str | None = None) -> None:
        if not path:
            path = open_file_name(self, "Import menu", self._last_folder(), MENU_FILTER)
            if not path:
                return
        try:
            menu = read_menu(Path(path), known=self.state.foods.__contains__)
        except InputError as exc:
            warn(self, "Import menu", f"This menu cannot be imported:\n{exc}")
            return
        self._remember_folder(path)
        untouched = self._untouched_new_menu()
        self.save_now()
        # Two menus of one name could not be told apart in the list (plans do the same).
        menu.name = Library.unused_name(menu.name, self.library.menus())
        try:
            menu_id = self.library.save_menu(menu)
            if untouched is not None:
                # A fresh "My menu" nobody has used: the import takes its place in the
                # list rather than leaving an empty menu behind (it holds nothing to lose).
                self.library.delete_menu(untouched)
        except SAVE_ERRORS as exc:
            warn(self, "Import menu", f"{path} could not be saved to the library: {exc}")
            return
        if untouched is not None:
            self.menu_id = None
        self.menu_list.refresh()
        self.open_menu(menu_id)
        self.statusBar().showMessage(f"Imported {Path(path).name} as “{menu.name}”", 5000)

    def _untouched_new_menu(self) -> int | None:
        """The open menu's id when it is a new one left as it was made: the default name,
        no food, no edit since it was opened. None otherwise."""
        menu = self.menu_model.menu
        default_name = re.fullmatch(rf"{re.escape(NEW_MENU_NAME)}( \d+)?", menu.name)
        if self.menu_id is None or menu.items or self.undo_stack.count() or not default_name:
            return None
        return self.menu_id

    def export_menu(self, path: str | None = None) -> None:
        if not path:
            suggested = str(
                Path(self._last_folder()) / file_name_for(self.menu_model.menu.name, ".menu.json")
            )
            path, _ = save_file_name(self, "Export menu", suggested, MENU_FILTER)
            if not path:
                return
        try:
            write_menu(Path(path), self.menu_model.menu)
        except OSError as exc:
            warn(self, "Export menu", f"{path} could not be written: {exc.strerror or exc}")
            return
        self._remember_folder(path)
        self.statusBar().showMessage(f"Exported to {path}", 5000)

    def export_chart(self) -> None:
        if self.chart.built:
            written = export_figure_dialog(
                self,
                self.chart.figure,
                file_name_for(self.menu_model.menu.name, " coverage.png"),
                self._last_folder(),
            )
            if written:
                self._remember_folder(str(written))
                self.statusBar().showMessage(f"Chart saved to {written}", 5000)

    def _last_folder(self) -> str:
        return str(self.settings.value("session/last_folder", str(Path.home())))

    def _remember_folder(self, path: str) -> None:
        self.settings.set_value("session/last_folder", str(Path(path).parent))

    def _select_in_list(self, menu_id: int) -> None:
        row = self.menu_list.row_of(menu_id)
        if row >= 0:
            self.library_panel.list.setCurrentIndex(self.menu_list.index(row))

    def _list_reset(self) -> None:
        self.menu_list.current_id = self.menu_id
        if self.menu_id is not None:
            self._select_in_list(self.menu_id)
