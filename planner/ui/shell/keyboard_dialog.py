"""Help > Keyboard shortcuts: README's table of keys (resources/keyboard.md), in the app."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from planner.paths import RESOURCES

KEYBOARD_MD = RESOURCES / "keyboard.md"


def keyboard_text() -> str:
    """The table as Markdown (a line saying what went wrong when it cannot be read)."""
    try:
        return KEYBOARD_MD.read_text(encoding="utf-8")
    except OSError as exc:
        return f"The list of keys could not be read ({KEYBOARD_MD}: {exc.strerror})."


def show_keyboard_shortcuts(parent: QWidget) -> QWidget:
    """Open (not modal) a window listing the keys; returns it (for tests)."""
    # Imported with the first use, as the other dialogs (planner/ui/widgets/dialogs.py).
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setObjectName("keyboardShortcuts")
    dialog.setWindowTitle("Keyboard shortcuts")
    text = QTextBrowser(dialog)
    text.setAccessibleName("Keyboard shortcuts")
    text.setMarkdown(keyboard_text())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.resize(760, 520)
    dialog.show()
    return dialog
