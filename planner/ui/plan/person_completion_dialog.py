"""Complete my menu for one person of the plan, on one day: their gaps, the foods found
(into their own items, or the shared menu), and whether anyone would pass a limit.

The search runs on a QThread (core.household.person_completion); applying it is one
undoable edit of the day. An addition that would take anyone over a limit is shown and
cannot be applied.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.ceilings import in_text
from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount, fmt_percent
from planner.core.errors import InputError
from planner.core.plans.plan import Plan
from planner.ui.shared.log_file import log

# Job: given a should-cancel check, the PersonCompletion (core.household).
Job = Callable[[Callable[[], bool]], object]


class _Search(QThread):
    """Runs one search; exactly one of ``found``, ``failed`` or ``cancelled`` is said."""

    found = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: Job, parent: QWidget) -> None:
        super().__init__(parent)
        self.job = job
        self.stop = threading.Event()

    def run(self) -> None:
        from planner.core.advice.optimizer import Cancelled

        try:
            result = self.job(self.stop.is_set)
        except Cancelled:
            self.cancelled.emit()
        except InputError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a worker's fault must reach the user, not vanish
            log.exception("Completing a person's day failed")
            self.failed.emit(f"The search failed unexpectedly: {exc}")
        else:
            self.found.emit(result)


class PersonCompletionDialog(QDialog):
    """``run_search(person, shared)`` makes the job; ``apply(result)`` applies a safe one."""

    searchDone = Signal()

    def __init__(
        self,
        plan: Plan,
        day: int,
        person: str,
        foods: FoodTable,
        make_job: Callable[[str, bool], Job],
        apply: Callable[[object], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan, self.day, self.foods = plan, day, foods
        self.make_job, self.apply_result = make_job, apply
        self.result: object | None = None
        self.search: _Search | None = None
        self.setWindowTitle(f"Complete {plan.days[day].name} for a person")
        self.person = QComboBox()
        for name in plan.person_names():
            self.person.addItem(name, name)
        self.person.setCurrentIndex(max(self.person.findData(person), 0))
        self.own = QRadioButton("Add to their own items")
        self.shared = QRadioButton("Add to the shared menu (everyone eats their share of it)")
        self.own.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.own)
        group.addButton(self.shared)
        self.find = QPushButton("Find foods")
        self.find.setDefault(True)
        self.find.clicked.connect(self.start)
        self.text = QLabel(wordWrap=True)
        self.text.setMinimumWidth(460)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton("Apply", QDialogButtonBox.ButtonRole.ApplyRole)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("For"))
        top.addWidget(self.person, 1)
        top.addWidget(self.find)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.own)
        layout.addWidget(self.shared)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        for widget in (self.person, self.own, self.shared):
            signal = widget.currentIndexChanged if widget is self.person else widget.toggled
            signal.connect(self._forget)

    def _forget(self, *_: object) -> None:
        """A choice changed: the result found no longer fits it."""
        self.result = None
        self.apply_button.setEnabled(False)

    def start(self) -> None:
        if self.search is not None:
            return
        self._forget()
        self.find.setEnabled(False)
        self.text.setText("Searching…")
        job = self.make_job(self.person.currentData(), self.shared.isChecked())
        self.search = _Search(job, self)
        self.search.found.connect(self._found)
        self.search.failed.connect(self._failed)
        self.search.finished.connect(self._finished)
        self.search.start()

    def _finished(self) -> None:
        self.search = None
        self.find.setEnabled(True)
        self.searchDone.emit()

    def _failed(self, message: str) -> None:
        self.text.setText(html.escape(message))

    def _found(self, result) -> None:
        self.result = result
        self.text.setText(describe(result, self.foods))
        self.adjustSize()  # the result is longer than the "Searching…" it replaces
        self.apply_button.setEnabled(result.safe and bool(result.completion.additions))

    def apply(self) -> None:
        if self.result is not None and self.result.safe:
            self.apply_result(self.result)
            self.accept()

    def reject(self) -> None:
        if self.search is not None:
            self.search.stop.set()
            self.search.wait()
        super().reject()


def describe(result, foods: FoodTable) -> str:
    """The person's gaps before, what is added where, what is still short, who'd be over."""
    found = result.completion
    where = "the shared menu" if result.shared else f"{result.person.name}'s own items"
    parts = [f"<b>{html.escape(result.person.describe())}</b>"]
    gaps = [
        f"{in_text(k)} {fmt_percent(found.before[k].percent)}"
        for k in found.aimed_at
        if found.before[k].percent is not None and found.before[k].percent < 100
    ]
    parts.append("Gaps: " + (", ".join(gaps) if gaps else "none: every target is met"))
    if found.additions:
        share, name = result.person.share, result.person.name
        rows = "".join(
            f"<li>+ {fmt_amount(a.grams / share if result.shared else a.grams)} g "
            f"{html.escape(foods.name(a.food))} ({a.meal})"
            # The shared menu gets the person's amount over their share of it.
            + (
                f", of which {html.escape(name)} eats {fmt_amount(a.grams)} g"
                if result.shared and share != 1
                else ""
            )
            + "</li>"
            for a in found.additions
        )
        parts.append(f"Added to {html.escape(where)}:<ul>{rows}</ul>")
    elif found.status != "nothing-needed":
        parts.append("No allowed food could be added within the limits.")
    for shortfall in found.shortfalls:
        parts.append(f"Still short: {html.escape(shortfall.reason)}")
    if result.pushed_over:
        over = "".join(f"<li>{html.escape(p.message)}</li>" for p in result.pushed_over)
        parts.append(f"<b>Not applied</b>: this would take someone over a limit:<ul>{over}</ul>")
    elif found.additions:
        parts.append("Re-checked for everyone: no one passes an upper limit.")
    for note in found.notes:
        parts.append(f"<small>{html.escape(note[:1].upper() + note[1:])}</small>")
    return "<p>" + "</p><p>".join(parts) + "</p>"
