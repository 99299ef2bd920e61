"""Colours of secondary and warning text that read on the window's background, light or dark.

A fixed grey (#666) reads well on a light window and hardly at all on a dark one (a dark
desktop theme gives Qt a dark palette), and so do the dark brown and red of warnings.
These derive the grey from the palette's own text and background, and pick the warning
colours by the background's lightness. Qt-free at import: food_detail.py, which writes the
colours into its HTML, is imported before PySide6 (planner/ui/__init__.py).
"""

from __future__ import annotations

from typing import NamedTuple

# Secondary text: this share of the way from the background to the text colour.
MUTED_SHARE = 0.6


class TextColours(NamedTuple):
    """CSS colours of text for one palette."""

    muted: str  # notes, NDB numbers, hints
    warning: str  # "the data does not support the article here"
    caution: str  # cautions in pregnancy, errors


# On a light background, and where there is no palette (tests, exports).
LIGHT = TextColours("#666666", "#8a5a00", "#aa3333")
DARK = TextColours("#a0a0a0", "#e0a040", "#ff8a80")


def text_colours() -> TextColours:
    """The colours for text on the application palette's window (not a widget's own: a
    label's style sheet colour would feed back into it)."""
    from PySide6.QtGui import QGuiApplication, QPalette

    palette = QGuiApplication.palette()
    back = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    mixed = (
        round(b + (t - b) * MUTED_SHARE)
        for b, t in zip(
            (back.red(), back.green(), back.blue()),
            (text.red(), text.green(), text.blue()),
            strict=True,
        )
    )
    base = DARK if back.lightness() < 128 else LIGHT
    return base._replace(muted="#{:02x}{:02x}{:02x}".format(*mixed))


def muted_style() -> str:
    """A style sheet for a label of secondary text."""
    return f"color: {text_colours().muted}"
