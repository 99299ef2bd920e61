"""A window that makes one edit, says so, and runs until it is killed (kill -9 tests).

``python -m tests.kill_after_edit DATA_DIR FOOD``: opens the window on DATA_DIR, adds FOOD
to the open menu, prints ``edited`` and keeps the event loop turning; the test kills it
with SIGKILL a set time later and reads what reached the library.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from planner.ui.shell.application import create_window


def main() -> None:
    app = QApplication([])
    window, _ = create_window(Path(sys.argv[1]))
    window.show()
    window.finish_startup()
    app.processEvents()
    window.editor.add_foods([sys.argv[2]])
    print("edited", flush=True)
    while True:  # the window as it runs: events handled, timers fired
        app.processEvents()
        time.sleep(0.005)


if __name__ == "__main__":
    main()
