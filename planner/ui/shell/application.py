"""Starting the window: data folder, food table, library, settings, fault handling."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from planner import APP_ID, APP_NAME, __version__
from planner.core.data.foods import FoodTable
from planner.core.errors import InputError, LibraryUnavailable
from planner.core.storage.catalog import with_library_foods
from planner.core.storage.library import Library
from planner.core.storage.library_file import is_damage
from planner.datadir import (
    ORGANIZATION,
    FolderInUse,
    LockUnavailable,
    default_data_dir,
    lock_folder,
)
from planner.paths import FOODS_CSV
from planner.ui.shared.log_file import log, start_logging
from planner.ui.shared.settings import Settings
from planner.ui.shared.state import AppState
from planner.ui.shell.cold_start import Tables, read_tables, resume_collection
from planner.ui.shell.faults import install_excepthook
from planner.ui.shell.first_paint import AfterFirstPaint
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.pyside_import import unhooked
from planner.ui.widgets.app_icon import app_icon
from planner.ui.widgets.dialogs import critical, warn

# Set in the environment, the window quits right after its first paint, saying so on
# stdout: the start-up benchmark times `crampless` itself this way (docs/performance.md).
QUIT_AFTER_FIRST_PAINT = "CRAMPLESS_QUIT_AFTER_FIRST_PAINT"


class StartupError(Exception):
    """The window cannot open; the message says what and where."""


def create_window(
    data_dir: Path, foods_csv: Path = FOODS_CSV, tables: Tables | InputError | None = None
) -> tuple[MainWindow, Path | None]:
    """Load everything the window needs; returns it and a corrupt library's backup, if any.

    ``tables`` are foods.csv and the intakes already read (or why they could not be), as
    ``launch`` reads them before Qt; without them they are read from ``foods_csv`` here.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    # The library before its foods are read: a corrupt one is moved aside; a busy one,
    # or one a newer Crampless made, is left as it is and the window does not open.
    try:
        library, backup = Library.open_or_recover(data_dir)
    except LibraryUnavailable as exc:
        raise StartupError(str(exc)) from None
    try:
        if isinstance(tables, InputError):
            raise tables
        base, intakes = tables if tables is not None else read_tables(foods_csv)
        with unhooked():  # the library's own foods come as pandas frames
            foods = library_foods_or_none(base, library)
    except InputError as exc:
        library.close()
        raise StartupError(str(exc)) from None
    settings = Settings(data_dir)
    state = AppState(foods, intakes, settings.profile())
    return MainWindow(state, library, settings), backup


def library_foods_or_none(base: FoodTable, library: Library) -> FoodTable:
    """foods.csv with the library's foods; foods.csv alone when damage SQLite finds only
    on reading them (quick_check passed): said once the window is up, nothing written."""
    try:
        return with_library_foods(base, library)
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        library.problems.append(
            f"{library.path.name}: its imported and custom foods and recipes cannot be read "
            f"({exc}); the window shows foods.csv's foods only, and the file is left as it is"
        )
        return base


def no_display() -> bool:
    """On Linux with no X11 or Wayland display (and no platform chosen), Qt would abort."""
    env = os.environ
    return sys.platform.startswith("linux") and not (
        env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM")
    )


def open_window(
    data_dir: Path | None, argv: list[str], tables: Tables | InputError | None = None
) -> tuple[MainWindow, Path | None] | int:
    """Everything up to the window on screen; an exit code when it cannot open.

    Returns the shown window and a corrupt library's backup (or None). What the first
    paint does not need is left to ``run_window``, after it.
    """
    if no_display():
        print(
            "crampless: there is no display to open the window on (DISPLAY is not set); "
            "the subcommands work without one: crampless --help",
            file=sys.stderr,
        )
        return 2
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())  # every window's and dialog's, the About box's too
    app.setDesktopFileName(APP_ID)  # Wayland shows the .desktop entry's name and icon
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        log_path = start_logging(data_dir)
    except OSError as exc:
        critical(None, APP_NAME, f"The data folder {data_dir} cannot be used: {exc}")
        return 2
    install_excepthook(log_path)
    try:
        lock = lock_folder(data_dir)  # before the library: a second window must not touch it
    except FolderInUse:
        log.info("Not started: another window has %s open", data_dir)
        warn(
            None,
            APP_NAME,
            f"{APP_NAME} is already open on the library in {data_dir}.\n\n"
            "Switch to that window: two windows on one library would overwrite each "
            "other's changes. To keep a separate library, start with --data-dir FOLDER.",
        )
        return 1
    except LockUnavailable as exc:
        log.error("Not started: %s", exc)
        critical(None, APP_NAME, f"{APP_NAME} cannot start:\n\n{exc}")
        return 2
    try:
        window, backup = create_window(data_dir, tables=tables)
    except StartupError as exc:
        if lock is not None:
            lock.unlock()
        log.error("Cannot start: %s", exc)
        critical(None, APP_NAME, f"{APP_NAME} cannot start:\n\n{exc}")
        return 2
    window.folder_lock = lock  # let go once the window has saved on closing
    window.show()
    return window, backup


def run_window(
    data_dir: Path | None,
    argv: list[str],
    tables: Tables | InputError | None = None,
    file: Path | None = None,
) -> int:
    """Open the window and run the event loop until it closes; returns the exit code.

    ``file``, a menu or plan named on the command line, is opened after the first paint.
    """
    opened = open_window(data_dir, argv, tables)
    if isinstance(opened, int):
        return opened
    window, backup = opened

    def after_first_paint() -> None:
        if os.environ.get(QUIT_AFTER_FIRST_PAINT):
            print("first paint", flush=True)
            QApplication.quit()
            return
        resume_collection()
        window.continue_startup()
        if file is not None:
            window.open_document(file)
        if backup is not None:
            warn(
                window,
                APP_NAME,
                f"Your library could not be read, so a fresh one was started.\n\n"
                f"The old file was kept as {backup} — nothing was deleted.",
            )
        if window.library.problems:
            for problem in window.library.problems:
                log.warning("%s", problem)
            warn(
                window,
                APP_NAME,
                "Part of your library could not be read and was skipped (it is left as it "
                "is in the file):\n\n" + "\n".join(window.library.problems[:10]),
            )

    if backup is not None:
        log.warning("Corrupt library moved to %s", backup)
    # Matplotlib, the feature tabs and the first coverage draw come after the first paint.
    AfterFirstPaint(window.centralWidget(), after_first_paint)
    code = QApplication.instance().exec()
    # Closed here, not left to the interpreter's exit: a library closed well is stamped as
    # checked, and the next start need not check it again (core/storage/library_check.py).
    window.library.close()
    return code
