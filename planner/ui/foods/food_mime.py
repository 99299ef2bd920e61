"""Foods dragged between views (food list to day menu): their ids as lines of text under
one MIME type."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QMimeData

FOOD_MIME = "application/x-crampless-food-ids"


def food_ids_mime(ids: Iterable[str]) -> QMimeData:
    """The drag payload for ``ids`` (also as plain text, for other programs)."""
    text = "\n".join(ids)
    mime = QMimeData()
    mime.setData(FOOD_MIME, text.encode())
    mime.setText(text)
    return mime


def food_ids_from_mime(mime: QMimeData) -> list[str]:
    """The food ids a drag carries; none when it carries no foods."""
    if not mime.hasFormat(FOOD_MIME):
        return []
    return [s for s in bytes(mime.data(FOOD_MIME)).decode().split("\n") if s]
