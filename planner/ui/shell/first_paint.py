"""Work that must wait until the window is on screen: run it after the first paint.

``QTimer.singleShot(0, ...)`` after ``show()`` is not enough: on X11 the first expose
comes from the display server later, so a zero timer runs before anything is painted and
the user stares at an empty frame until it returns.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# Should no paint come (a window restored minimised, a platform that never exposes it),
# the work runs anyway after this long.
FALLBACK_MS = 1500


class AfterFirstPaint(QObject):
    """Calls ``then`` once, as soon as the event loop is free after ``widget``'s first paint.

    The paint event of ``widget`` arrives while Qt paints the whole window into its
    backing store; a zero timer started then runs after that paint has been flushed.
    """

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        self._done = False
        widget.installEventFilter(self)
        # With self as context: nothing runs once the window (and this) are gone.
        QTimer.singleShot(FALLBACK_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        if not self._done:
            self._done = True
            self._then()
