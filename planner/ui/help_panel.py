"""The help panel: nutrients and muscles, honest evidence notes, when to see a doctor."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser

from planner.paths import RESOURCES

HELP_HTML = RESOURCES / "help.html"


class HelpPanel(QTextBrowser):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        try:
            self.setHtml(HELP_HTML.read_text(encoding="utf-8"))
        except OSError as exc:
            self.setPlainText(f"The help text could not be read ({HELP_HTML}: {exc.strerror}).")
