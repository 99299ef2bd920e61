"""The window's menus: their actions and shortcuts, and the Help menu's dialogs.

The actions are made after the first paint (nobody can open a menu before it), by
``WindowActions._build_actions``, which the features' installation calls first so that
they can add theirs to the same menus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QDockWidget, QMenu, QTabWidget

from planner import APP_NAME, __version__
from planner.core.storage.library import Library
from planner.ui.day_menu.library_panel import LibraryPanel
from planner.ui.day_menu.menu_editor import MenuEditor
from planner.ui.foods.food_browser import FoodBrowser
from planner.ui.widgets.dialogs import about


class WindowActions:
    """The File, Edit, View and Help menus' actions of MainWindow (a mixin of it)."""

    # Made by MainWindow.__init__.
    library: Library
    browser: FoodBrowser
    editor: MenuEditor
    tabs: QTabWidget
    undo_group: QUndoGroup
    library_dock: QDockWidget
    library_panel: LibraryPanel
    help_dock: QDockWidget
    file_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    help_menu: QMenu

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        """The menus' actions and their shortcuts. Nobody can open a menu before the
        first paint, so they are made after it, with the features (which add their own)."""
        file_menu, edit_menu, view_menu = self.file_menu, self.edit_menu, self.view_menu
        self.new_action = self._action(
            file_menu, "&New menu", self.new_menu, QKeySequence.StandardKey.New
        )
        self._action(
            file_menu,
            "&Import menu…",
            self.import_menu,
            "Ctrl+I",
            "Open a .menu.json file as a new saved menu",
        )
        self._action(
            file_menu,
            "&Export menu…",
            self.export_menu,
            "Ctrl+E",
            "Save this menu as a .menu.json file",
        )
        self._action(
            file_menu,
            "Export &chart…",
            self.export_chart,
            None,
            "Save the coverage chart as PNG, SVG or PDF",
        )
        self._action(
            file_menu,
            "Remove &missing foods",
            self.remove_missing_foods,
            None,
            "Remove this menu's items of foods the library no longer has (Ctrl+Z brings them back)",
        )
        file_menu.addSeparator()
        self.import_separator = file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self._action(
            edit_menu,
            "&Add selected food",
            self._add_selected_food,
            "Ctrl+Return",
            "Add one portion of the selected food to the menu",
        )
        self._action(
            edit_menu,
            "Re&move selected items",  # R is Redo's
            self.editor.remove_selected,
            QKeySequence.StandardKey.Delete,
        ).setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        # The food browsers own Ctrl+F (each its own search box); the menu only says so.
        self._action(edit_menu, "&Find food\tCtrl+F", lambda: self.browser.search.setFocus(), None)

        view_menu.addAction(self.library_dock.toggleViewAction())
        view_menu.addAction(self.help_dock.toggleViewAction())
        self._action(view_menu, "Focus &food list", lambda: self.browser.table.setFocus(), "Ctrl+1")
        self._action(view_menu, "Focus &menu", lambda: self.editor.tree.setFocus(), "Ctrl+2")
        self._action(view_menu, "Focus &saved menus", self.focus_saved_menus, "Ctrl+3")

        self._action(
            self.help_menu,
            "&Help on cramps and nutrients",
            self.show_help,
            QKeySequence.StandardKey.HelpContents,
        )
        self._action(self.help_menu, "&Keyboard shortcuts", self.show_keyboard_shortcuts)
        self._action(self.help_menu, f"&About {APP_NAME}", self._about)

    def focus_saved_menus(self) -> None:
        """Ctrl+3: the saved menus shown (a closed dock opened, a tabbed one in front),
        then focused."""
        self.library_dock.show()
        self.library_dock.raise_()
        self.library_panel.list.setFocus()

    def show_keyboard_shortcuts(self) -> None:
        from planner.ui.shell.keyboard_dialog import show_keyboard_shortcuts

        self.keyboard_dialog = show_keyboard_shortcuts(self)

    def _add_selected_food(self) -> None:
        """Add the selected foods of the tab in front: a tab with its own food browser
        (the week plan's) adds to its own menu, any other to the day menu."""
        page = self.tabs.currentWidget()
        if hasattr(page, "browser") and hasattr(page, "add_foods"):
            browser, add = page.browser, page.add_foods
        else:
            browser, add = self.browser, self.editor.add_foods
        foods = browser.selected_foods() or (
            [browser.current_food()] if browser.current_food() else []
        )
        if foods:
            add(foods)

    def show_help(self) -> None:
        self.help_dock.show()
        self.help_dock.raise_()

    def _about(self) -> None:
        import html  # with the dialog: its entity table is not a start-up cost

        folder = html.escape(str(self.library.path.parent))
        about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b> plans meals that cover the nutrients linked to "
            "muscle cramps."
            "<p>Food values: USDA SR28 (National Nutrient Database for Standard Reference, "
            "Release 28, 2016; public domain). Targets: NASEM Dietary Reference Intakes and "
            "EFSA Dietary Reference Values.</p>"
            f"<p>Your saved menus, plans, foods and settings are in {folder}.</p>"
            f"<p>{APP_NAME} is free software under the MIT licence. It is a planning tool, "
            "not medical advice.</p>",
        )
