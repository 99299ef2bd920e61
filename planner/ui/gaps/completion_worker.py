"""Completing a menu off the GUI thread: a QThread around core ``complete_menu``, with cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import QEvent, QObject, QThread, Signal

from planner.core.data.foods import FoodTable
from planner.core.data.intakes import Target
from planner.core.errors import InputError
from planner.core.menus.menu import Menu
from planner.ui.shared.log_file import log

if TYPE_CHECKING:  # scipy (0.5 s to import) loads with the first search, not at start-up
    from planner.core.advice.completion_options import CompletionOptions


@dataclass(frozen=True)
class CompletionJob:
    """Everything one run needs, fixed when it starts (the worker never reads the window)."""

    menu: Menu  # a copy: the window's menu may change while the worker runs
    foods: FoodTable
    targets: Mapping[str, Target]
    allowed: pd.Index
    options: CompletionOptions
    familiar: frozenset[str] = frozenset()  # foods of the user's saved menus and plans


class CompletionWorker(QThread):
    """Runs one job; exactly one of ``succeeded``, ``failed`` or ``cancelled`` is emitted.

    ``request_cancel`` is checked by the core between its phases; a single HiGHS solve
    cannot be interrupted, but ``options.time_limit`` bounds it.
    """

    succeeded = Signal(object)  # Completion
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        job: CompletionJob,
        parent: QObject | None = None,
        also_cancel: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.job = job
        self._stop = threading.Event()
        self._also_cancel = also_cancel

    def request_cancel(self) -> None:
        self._stop.set()

    def should_cancel(self) -> bool:
        return self._stop.is_set() or bool(self._also_cancel and self._also_cancel())

    def run(self) -> None:
        from planner.core.advice.optimizer import Cancelled, complete_menu

        job = self.job
        try:
            completion = complete_menu(
                job.menu,
                job.foods,
                job.targets,
                job.allowed,
                job.options,
                self.should_cancel,
                job.familiar,
            )
        except Cancelled:
            self.cancelled.emit()
        except InputError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a worker's fault must reach the user, not vanish
            log.exception("Completing the menu failed")
            self.failed.emit(f"The search failed unexpectedly: {exc}")
        else:
            self.succeeded.emit(completion)


# Workers started and not yet finished: a worker without a parent must not be collected
# (and its thread destroyed) while it runs.
_RUNNING: set[CompletionWorker] = set()


def start(worker: CompletionWorker) -> None:
    """Start ``worker``; it is kept alive until it finishes, then deleted."""
    _RUNNING.add(worker)
    worker.finished.connect(lambda: _RUNNING.discard(worker))
    worker.finished.connect(worker.deleteLater)
    worker.start()


def running() -> list[CompletionWorker]:
    return [w for w in _RUNNING if w.isRunning()]


class StopWorkersOnClose(QObject):
    """Closing the window stops running workers before Qt destroys their threads."""

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            for worker in running():
                worker.request_cancel()
                worker.wait()
        return False
