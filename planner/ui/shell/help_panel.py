"""The help panel: nutrients and muscles, honest evidence notes, when to see a doctor."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser

from planner.paths import HELP_HTML


class HelpPanel(QTextBrowser):
    """The text of resources/help.html, read by ``load`` the first time it is called: the
    window calls it when the panel's dock comes to the front, so that a panel left behind
    "Saved menus" costs the start-up nothing."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self._loaded = False

    def load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            self.setHtml(HELP_HTML.read_text(encoding="utf-8"))
        except OSError as exc:
            self.setPlainText(f"The help text could not be read ({HELP_HTML}: {exc.strerror}).")
