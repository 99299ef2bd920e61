"""“Complete my menu”: options, the search on a worker thread, the result, Apply or Discard.

The dialog assembles its parts and applies the result: the options form
(completion_options.py), the running search (completion_search.py) and what it found
(completion_result.py), beside a before/after chart (completion_chart.py).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.core.advice.completion_options import OBJECTIVES, CompletionOptions
from planner.core.advice.exclusions import allowed_food_ids
from planner.core.advice.optimizer import Completion
from planner.core.data.formatting import fmt_amount
from planner.core.errors import InputError
from planner.core.menus.menu import Menu
from planner.ui.charts.chart_data import STATUS_COLOURS
from planner.ui.charts.chart_export import export_figure_dialog
from planner.ui.day_menu.menu_commands import AddItems, EditItem
from planner.ui.day_menu.menu_model import MenuModel
from planner.ui.gaps.completion_chart import BeforeAfterChart, before_after
from planner.ui.gaps.completion_options import CompletionOptionsBox
from planner.ui.gaps.completion_result import CompletionResultView, headline_html
from planner.ui.gaps.completion_search import CompletionSearch
from planner.ui.gaps.completion_worker import CompletionJob
from planner.ui.gaps.gap_exclusions import ExclusionsStore
from planner.ui.shared.settings import Settings
from planner.ui.shared.state import AppState
from planner.ui.widgets.dialogs import file_name_for

UNDO_TEXT = "Complete my menu"


class CompletionDialog(QDialog):
    """Finds foods that complete the day menu; Apply adds them as one undoable edit.

    The search starts as the dialog opens, with the remembered options; "Find foods"
    runs it again after a change. The dialog is window-modal, so the menu it completes
    cannot change underneath it.
    """

    applied = Signal(object)  # Completion
    statusMessage = Signal(str)

    def __init__(
        self,
        state: AppState,
        menu_model: MenuModel,
        undo_stack: QUndoStack,
        store: ExclusionsStore,
        settings: Settings,
        folders: tuple[Callable[[], str], Callable[[str], None]] | None = None,
        parent: QWidget | None = None,
        worker_parent: QWidget | None = None,
        familiar: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Complete my menu")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.state, self.menu_model, self.undo_stack = state, menu_model, undo_stack
        self.store, self.settings = store, settings
        self.familiar = familiar  # foods of the user's saved menus and plans: preferred
        self._last_folder, self._remember_folder = folders or (lambda: "", lambda _: None)
        self.completion: Completion | None = None
        self.menu_at_run: Menu | None = None
        self.outcome = ""  # "found", "cancelled", "failed" once a run ends

        self.options_box = CompletionOptionsBox(state, store, settings)
        self.search = CompletionSearch(worker_parent or parent)
        self.search.run_button.clicked.connect(self.run)
        self.search.cancel_button.clicked.connect(self.cancel)
        self.search.found.connect(self._found)
        self.search.failed.connect(self._failed)
        self.search.cancelled.connect(self._cancelled)
        self.headline = QLabel("", wordWrap=True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.result_view = CompletionResultView(state.foods)
        self.chart = BeforeAfterChart()
        self.chart.export_action.triggered.connect(self.export_chart)

        self.apply_button = QPushButton("Apply")
        self.apply_button.setToolTip("Add these foods to the menu as one edit (Ctrl+Z undoes it)")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.discard_button = QPushButton("Discard")
        self.discard_button.setToolTip("Close without changing the menu")
        self.discard_button.clicked.connect(self.reject)
        self.export_button = QPushButton("Export chart…")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_chart)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.options_box)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.headline)
        left_layout.addWidget(self.result_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 560])
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.discard_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(1040, 720)

    def options(self) -> CompletionOptions:
        """The options shown in the form."""
        return self.options_box.options()

    # -- running ------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.search.is_running()

    def run(self) -> None:
        """Start a search with the options shown (a running one is stopped first)."""
        if self.is_running():
            return
        try:
            options = self.options()
        except InputError as exc:  # the spin boxes keep values in range; this is a guard
            self._show_failure(str(exc))
            return
        self.options_box.remember(options)
        menu = self.menu_model.menu.copy()
        state = self.state
        job = CompletionJob(
            menu=menu,
            foods=state.foods,
            targets=dict(state.targets),
            allowed=allowed_food_ids(state.foods, self.store.exclusions, state.profile),
            options=options,
            familiar=self.familiar,
        )
        self.menu_at_run = menu
        self._show_result(None)
        self.outcome = ""
        self._set_running(
            True,
            f"Searching {len(job.allowed):,} allowed foods for the "
            f"{OBJECTIVES[options.objective]}…",
        )
        self.search.start(job)

    def cancel(self) -> None:
        if self.search.request_cancel():
            self.headline.setText("Stopping…")

    def _set_running(self, running: bool, text: str = "") -> None:
        self.search.set_running(running)
        self.options_box.setEnabled(not running)
        if running:
            self.headline.setText(escape(text))

    def _found(self, completion: Completion) -> None:
        self.outcome = "found"
        self._set_running(False)
        self._show_result(completion)

    def _failed(self, message: str) -> None:
        self.outcome = "failed"
        self._set_running(False)
        self._show_failure(message)

    def _cancelled(self) -> None:
        self.outcome = "cancelled"
        self._set_running(False)
        self.headline.setText("Stopped. Nothing was added; the menu is as it was.")

    def _show_failure(self, message: str) -> None:
        self.headline.setText(
            f"<span style='color:{STATUS_COLOURS['low']}'>The search failed: "
            f"{escape(message)}</span>"
        )

    # -- the result -----------------------------------------------------------------------
    def _show_result(self, completion: Completion | None) -> None:
        self.completion = completion
        self.result_view.set_completion(completion, self.state.foods)
        self.apply_button.setEnabled(bool(completion and completion.additions))
        self.apply_button.setDefault(bool(completion and completion.additions))
        self.export_button.setEnabled(completion is not None)
        if completion is None:
            self.headline.setText("")
            return
        self.headline.setText(headline_html(completion))
        self.chart.set_data(before_after(completion))

    def apply(self) -> None:
        """Add the found foods to the day menu: one undo command, then close."""
        completion = self.completion
        if completion is None or not completion.additions:
            return
        if self.menu_at_run is None or self.menu_model.menu.items != self.menu_at_run.items:
            QMessageBox.warning(
                self,
                "Complete my menu",
                "The menu changed since this result was found. Find foods again to "
                "complete the menu as it is now.",
            )
            return
        # One undo step: the rows raised, then the new rows.
        self.undo_stack.beginMacro(UNDO_TEXT)
        for addition in completion.raised:
            self.undo_stack.push(EditItem(self.menu_model, addition.position, addition.item))
        if completion.added:
            self.undo_stack.push(AddItems(self.menu_model, list(completion.added)))
        self.undo_stack.endMacro()
        count = len(completion.additions)
        self.statusMessage.emit(
            f"Added {count} food{'s' if count != 1 else ''} "
            f"({fmt_amount(completion.added_kcal)} kcal) to complete the menu; "
            "Ctrl+Z takes them all back."
        )
        self.applied.emit(completion)
        self.accept()

    def export_chart(self) -> None:
        if not self.chart.built:
            return
        written = export_figure_dialog(
            self,
            self.chart.figure,
            file_name_for(self.menu_model.menu.name, " completion.png"),
            self._last_folder(),
        )
        if written:
            self._remember_folder(str(written))

    # -- closing ---------------------------------------------------------------------------
    def done(self, result: int) -> None:
        # Discard, Escape or the close button: a running search is told to stop; its thread
        # ends on its own (the window waits for it only when closing).
        self.search.stop()
        super().done(result)
