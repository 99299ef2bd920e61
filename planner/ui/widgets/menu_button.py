"""A button that opens a menu below itself, its arrow in its text ("Diet ▾").

Not ``QToolButton.setMenu``: the style then adds an arrow of its own, a speck in the
button's corner, beside the text's. A push button with a menu draws a clear arrow, but
Fusion makes any push button with text at least 80 px wide, which took the width of the
totals' last column from the default layout.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QToolButton

ARROW = " ▾"


class MenuButton(QToolButton):
    """Opens ``popup_menu`` below itself on a click or Space (QToolButton's own ``menu()``
    stays empty, which is the point)."""

    def __init__(self, text: str, menu: QMenu) -> None:
        super().__init__(text=text + ARROW)
        self.popup_menu = menu
        menu.setParent(self, menu.windowFlags())  # kept, and gone with the button
        self.clicked.connect(self.show_popup)

    def set_label(self, text: str) -> None:
        self.setText(text + ARROW)

    def show_popup(self) -> None:
        self.setDown(True)
        self.popup_menu.exec(self.mapToGlobal(self.rect().bottomLeft()))
        self.setDown(False)
