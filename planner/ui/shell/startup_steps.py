"""Start-up work after the first paint, in steps with the event loop running between them.

Importing matplotlib takes about half a second; done at once, it froze the window right
after it appeared. Split into steps of at most ~150 ms, each in its own turn of the event
loop, clicks, keys and paints are handled in between. (A worker thread is no answer: every
paint of a view calls its Python model hundreds of times, and each call would wait for
the importing thread to hand over the GIL.)

The steps run past PySide6's import hook (planner/ui/shell/pyside_import.py): pandas, matplotlib
and the planner's modules use none of its features, and the hook would read the source of
each of their modules, some 80 ms in all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer

from planner.ui.shell.pyside_import import unhooked

# What a chart needs before its figure can be made (planner/ui/charts/lazy_chart.py), in steps
# of comparable cost.
CHART_MODULES: tuple[str, ...] = (
    "matplotlib",
    "matplotlib.text",
    "matplotlib.figure",
    "matplotlib.backends.backend_qtagg",
)

# The pause between steps: a real timer rather than a zero one, which Qt would run before
# the input and timer events that have waited during the step.
TURN_MS = 1

# A step returns False to stop the ones after it.
Step = Callable[[], bool | None]


class Steps(QObject):
    """Runs ``steps`` one per turn of the event loop; a child of ``parent``, it stops if
    ``parent`` goes away first."""

    def __init__(self, steps: Sequence[Step], parent: QObject) -> None:
        super().__init__(parent)
        self._steps = list(steps)
        QTimer.singleShot(TURN_MS, self, self._next)

    def _next(self) -> None:
        if not self._steps:
            return
        step = self._steps.pop(0)
        with unhooked():  # what the steps load uses none of PySide6's features
            stopped = step() is False
        if stopped:
            self._steps.clear()
            return
        QTimer.singleShot(TURN_MS, self, self._next)


def import_step(name: str, failed: Callable[[Exception], None]) -> Step:
    """A step importing module ``name``; on failure it calls ``failed`` and stops the rest."""

    def step() -> bool:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            failed(exc)
            return False
        return True

    return step
