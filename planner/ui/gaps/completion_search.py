"""The search of “Complete my menu” while it runs: Find foods, Cancel search, the busy bar,
and the one run on a worker thread that the dialog waits for."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from planner.core.advice.optimizer import Completion
from planner.ui.gaps.completion_worker import CompletionJob, CompletionWorker, start


class CompletionSearch(QWidget):
    """Starts a job on a worker thread and says how the run the user waits for ended.

    Exactly one of ``found``, ``failed`` or ``cancelled`` follows each ``start``; a run the
    user has moved on from (started again, or the dialog closed) is not heard from.
    """

    found = Signal(object)  # Completion
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, worker_parent: QWidget | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Workers outlive a closed dialog until their solve ends; the window waits for them.
        self.worker_parent = worker_parent
        self.worker: CompletionWorker | None = None
        self.run_button = QPushButton("Find foods")
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel search")
        self.cancel_button.setToolTip("Stop the search; the menu stays as it is")
        self.cancel_button.setEnabled(False)
        run_row = QHBoxLayout()
        run_row.addWidget(self.run_button)
        run_row.addWidget(self.cancel_button)
        run_row.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the solver gives no fraction done
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(run_row)
        layout.addWidget(self.progress)

    def is_running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def start(self, job: CompletionJob) -> None:
        """Run ``job`` on a new worker thread (the caller checks none is running)."""
        worker = CompletionWorker(job, self.worker_parent)
        # Bound methods, not lambdas: a dialog closed (and deleted) before the worker ends
        # must simply not hear from it.
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        self.worker = worker
        start(worker)

    def request_cancel(self) -> bool:
        """Tell a running search to stop; whether one was running."""
        if not self.is_running():
            return False
        self.worker.request_cancel()
        return True

    def stop(self) -> None:
        """Stop waiting: a running search is told to stop, and its end is not heard; its
        thread ends on its own."""
        self.request_cancel()
        self.worker = None

    def set_running(self, running: bool) -> None:
        """The buttons and the busy bar while a search runs, or once it has ended."""
        self.progress.setVisible(running)
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if running:
            self.run_button.setText("Find foods again")

    def _current(self) -> bool:
        """Whether the signal being handled comes from the run the dialog waits for."""
        return self.worker is not None and self.sender() is self.worker

    def _succeeded(self, completion: Completion) -> None:
        if not self._current():
            return  # a run the user has moved on from
        self.worker = None  # it ends and is deleted on its own
        self.found.emit(completion)

    def _failed(self, message: str) -> None:
        if not self._current():
            return
        self.worker = None  # it ends and is deleted on its own
        self.failed.emit(message)

    def _cancelled(self) -> None:
        if not self._current():
            return
        self.worker = None  # it ends and is deleted on its own
        self.cancelled.emit()
