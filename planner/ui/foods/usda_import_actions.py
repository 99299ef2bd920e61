"""File > Import USDA database…: pick the SR28 zip or folder, confirm a replacement, and
run the import on a worker thread behind a progress dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from planner.core.storage.usda_import import ImportSummary, usda_import_info
from planner.ui.foods.food_library_base import FoodLibraryBase
from planner.ui.foods.usda_import_dialog import TITLE as USDA_TITLE
from planner.ui.foods.usda_import_dialog import UsdaImport
from planner.ui.widgets.dialogs import confirm

ZIP_FILTER = "USDA SR28 ASCII zip (*.zip);;All files (*)"
USDA_PATH_KEY = "usda/last_path"


class UsdaImportActions:
    """Starts USDA imports, one at a time; ``import_run`` is the one running (or None)."""

    def __init__(self, library: FoodLibraryBase) -> None:
        self.library = library
        self.window = library.window
        self.import_run: UsdaImport | None = None

    def import_usda_zip(self, path: str | None = None) -> UsdaImport | None:
        if not path:
            start = str(self.window.settings.value(USDA_PATH_KEY, self.library.folder()))
            path, _ = QFileDialog.getOpenFileName(self.window, USDA_TITLE, start, ZIP_FILTER)
            if not path:
                return None
        return self.start_usda_import(Path(path))

    def import_usda_folder(self, path: str | None = None) -> UsdaImport | None:
        if not path:
            start = str(self.window.settings.value(USDA_PATH_KEY, self.library.folder()))
            path = QFileDialog.getExistingDirectory(
                self.window, "Import USDA database from folder", start
            )
            if not path:
                return None
        return self.start_usda_import(Path(path))

    def start_usda_import(
        self, path: Path, should_cancel: Callable[[], bool] | None = None
    ) -> UsdaImport | None:
        """Import in a worker thread behind a progress dialog; returns the running import."""
        window = self.window
        if self.import_run is not None:
            self.library.status("A USDA import is already running.")
            return None
        earlier = usda_import_info(window.library)
        if earlier is not None:
            text = (
                f"The library already holds the USDA foods imported from {earlier['source']} "
                f"on {earlier['imported']}. Replace them?\n\nYour custom foods, recipes, "
                "chosen portions, menus and plans are kept."
            )
            if not confirm(window, USDA_TITLE, text):
                return None
        window.settings.set_value(USDA_PATH_KEY, str(path))
        # The worker writes through its own connection; nothing of ours may be pending.
        window.save_now()
        run = UsdaImport(window, path, window.library.path, self._usda_imported, should_cancel)
        run.statusMessage.connect(self.library.status)
        run.done.connect(self._usda_done)
        self.import_run = run
        run.start()
        return run

    def _usda_imported(self, summary: ImportSummary) -> None:
        self.library.reload_foods()
        self.library.status(
            f"Imported {summary.foods:,} USDA foods with {summary.measures:,} household "
            f"measures from {summary.source} in {summary.seconds:.1f} s."
        )

    def _usda_done(self, outcome: str) -> None:
        run, self.import_run = self.import_run, None
        if outcome == "cancelled":
            self.library.status("USDA import cancelled; the library is unchanged.")
        elif outcome == "failed":
            self.library.status("USDA import failed; the library is unchanged.")
        if run is not None:
            run.deleteLater()
