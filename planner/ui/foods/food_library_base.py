"""What the Foods menu's actions share: the window, its status bar, the one dialog open,
reading the catalog again and selecting a food in the food list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from planner.core.storage.catalog import load_catalog
from planner.paths import FOODS_CSV

STATUS_MS = 8000


class FoodLibraryBase(QObject):
    """The window's food library as its actions (USDA import, portions, custom foods,
    recipes) see it.

    Dialogs are opened window-modal without a nested event loop; the one open is
    ``self.dialog`` (tests fill it in and press its buttons).
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QDialog | None = None

    def status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    def reload_foods(self) -> None:
        """Read the catalog again; every view that shows foods follows ``foodsChanged``."""
        window = self.window
        foods_csv = getattr(window, "foods_csv", FOODS_CSV)
        window.state.set_foods(load_catalog(foods_csv=foods_csv, library=window.library))

    def current_food(self) -> str | None:
        return self.window.browser.current_food()

    def select_food(self, food_id: str) -> None:
        """Show ``food_id`` in the food list (clearing a search that hides it) and select it."""
        browser = self.window.browser
        model = browser.model
        if food_id not in model.foods:
            return
        source = model.index(model.row_of(food_id), 0)
        index = browser.proxy.mapFromSource(source)
        if not index.isValid():
            browser.search.setText(model.foods.name(food_id))
            index = browser.proxy.mapFromSource(source)
        if not index.isValid():
            browser.search.clear()
            browser.aisle.setCurrentIndex(0)
            index = browser.proxy.mapFromSource(source)
        if index.isValid():
            browser.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            browser.table.scrollTo(index)

    def open_dialog(self, dialog: QDialog, on_accept: Callable[[], bool]) -> None:
        """Show ``dialog`` window-modal; ``on_accept`` returns False to keep it open."""
        self.dialog = dialog

        def accepted() -> None:
            if not on_accept():
                dialog.open()  # keep the user's input for another try
                return
            self.dialog = None
            dialog.deleteLater()

        def rejected() -> None:
            self.dialog = None
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)

    def folder(self) -> str:
        """The folder a file dialog opens in: the one a file was last read from or saved to."""
        return self.window._last_folder()


def imported_message(count: int, what: str, file: str, ids: dict[str, str]) -> str:
    """The status line after an import: how many, from where, and which were renamed."""
    text = f"Imported {count} {what}{'s' if count != 1 else ''} from {file}."
    renamed = [f"{old} as {new}" for old, new in ids.items() if old != new]
    if renamed:
        text += " Kept apart from different ones already here: " + ", ".join(renamed) + "."
    return text
