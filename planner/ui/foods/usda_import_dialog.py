"""Importing the USDA database from the window: a worker thread, a progress dialog, cancel."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from planner.core.errors import InputError, LibraryUnavailable
from planner.core.storage.library import Library
from planner.core.storage.usda_import import TOTAL, ImportCancelled, ImportSummary, import_usda
from planner.ui.shared.log_file import log

TITLE = "Import USDA database"


class UsdaImportWorker(QThread):
    """Runs :func:`import_usda` off the GUI thread, on a library connection of its own.

    SQLite connections belong to the thread that opened them, so the worker opens
    ``Library(library_path)`` in ``run`` and closes it there. Exactly one of
    ``succeeded``, ``failed`` or ``cancelled`` is emitted, then QThread's ``finished``.
    """

    progressed = Signal(int, int, str)  # done, total, what is being done
    succeeded = Signal(object)  # ImportSummary
    failed = Signal(str)  # the fault, naming the file and line
    cancelled = Signal()

    def __init__(
        self,
        source: Path,
        library_path: Path,
        should_cancel: Callable[[], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = Path(source)
        self.library_path = Path(library_path)
        self._stop = threading.Event()
        # Another reason to stop besides the Cancel button (tests stop at a given step).
        self._also_stop = should_cancel

    def request_cancel(self) -> None:
        """Ask the import to stop at its next check (within a fraction of a second)."""
        self._stop.set()

    def should_cancel(self) -> bool:
        return self._stop.is_set() or bool(self._also_stop and self._also_stop())

    def run(self) -> None:
        try:
            library = Library(self.library_path)
        except (LibraryUnavailable, sqlite3.Error) as exc:
            self.failed.emit(f"{self.library_path}: the library cannot be opened: {exc}")
            return
        try:
            summary = import_usda(self.source, library, self.progressed.emit, self.should_cancel)
        except ImportCancelled:
            self.cancelled.emit()
        except InputError as exc:
            self.failed.emit(str(exc))
        except sqlite3.Error as exc:
            # Most likely another program holds the library ("database is locked").
            self.failed.emit(f"{self.library_path}: cannot write the library: {exc}")
        except Exception as exc:  # a worker's fault must reach the user
            log.exception("USDA import failed")
            self.failed.emit(f"{self.source}: the import failed unexpectedly: {exc}")
        else:
            self.succeeded.emit(summary)
        finally:
            library.close()


class UsdaImport(QObject):
    """One import as the user sees it: a modal progress dialog over a worker thread.

    ``done`` is emitted once with the outcome (``"imported"``, ``"failed"`` or
    ``"cancelled"``) after the window has been told: the food table is reloaded and the
    status bar says how many foods came in, or a message box shows the fault.
    """

    done = Signal(str)
    statusMessage = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        source: Path,
        library_path: Path,
        on_imported: Callable[[ImportSummary], None],
        should_cancel: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.source = Path(source)
        self.on_imported = on_imported
        self.outcome = ""
        self.message = ""
        self.worker = UsdaImportWorker(self.source, library_path, should_cancel, self)
        self.dialog = QProgressDialog(self._label("Starting"), "Cancel", 0, TOTAL, parent)
        self.dialog.setWindowTitle(TITLE)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setMinimumWidth(420)
        # The dialog closes when the worker says it is done, not when the bar is full.
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.worker.finished.connect(self._finished)
        # Closing the window mid-import must stop the thread before Qt destroys it.
        parent.installEventFilter(self)

    def start(self) -> None:
        self.dialog.setValue(0)
        self.dialog.show()
        self.worker.start()

    def is_running(self) -> bool:
        return self.worker.isRunning()

    def cancel(self) -> None:
        """Stop the import; the library stays as it was."""
        self.worker.request_cancel()
        self.statusMessage.emit("Cancelling the USDA import…")

    def eventFilter(self, watched, event) -> bool:
        closing = watched is self.parent_widget and event.type() == QEvent.Type.Close
        if closing and self.worker.isRunning():
            self.worker.request_cancel()
            self.worker.wait()
        return False

    # -- the worker's reports (queued into the GUI thread) --------------------------------
    def _progressed(self, done: int, total: int, message: str) -> None:
        if self.dialog.wasCanceled():
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        self.dialog.setLabelText(self._label(message))

    def _label(self, step: str) -> str:
        return f"Importing the USDA database from {self.source.name}\n{step}…"

    def _succeeded(self, summary: ImportSummary) -> None:
        self.outcome = "imported"
        self.dialog.close()
        self.on_imported(summary)

    def _failed(self, message: str) -> None:
        self.outcome, self.message = "failed", message
        self.dialog.close()
        QMessageBox.warning(
            self.parent_widget,
            TITLE,
            f"Nothing was imported; the library is unchanged.\n\n{message}",
        )

    def _cancelled(self) -> None:
        self.outcome = "cancelled"
        self.dialog.close()

    def _finished(self) -> None:
        self.parent_widget.removeEventFilter(self)
        self.done.emit(self.outcome or "failed")
