"""Saving any chart as PNG, SVG or PDF: a file dialog, then an atomic write."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtWidgets import QWidget

from planner.core.storage.atomic import atomic_write_bytes
from planner.ui.widgets.dialogs import save_file_name, warn

FORMATS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)", "pdf": "PDF document (*.pdf)"}


def save_figure(figure, path: Path) -> None:
    """Render ``figure`` in the format its suffix names and write it atomically.

    Rendering into memory first means a failure (unknown format, full disk) leaves no
    partial file behind.
    """
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{Path(path).name}: choose a .png, .svg or .pdf file name")
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=150 if fmt == "png" else None, bbox_inches="tight")
    atomic_write_bytes(Path(path), buffer.getvalue())


def export_figure_dialog(parent: QWidget, figure, suggested: str, folder: str = "") -> Path | None:
    """Ask where to save ``figure``; returns the path written, or None if cancelled/failed."""
    start = str(Path(folder) / suggested) if folder else suggested
    path, chosen = save_file_name(parent, "Export chart", start, ";;".join(FORMATS.values()))
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower().lstrip(".") not in FORMATS:
        # The filter the user picked decides the format when the name has no known suffix.
        fmt = next((k for k, v in FORMATS.items() if v == chosen), "png")
        target = target.with_name(target.name + "." + fmt)
    try:
        save_figure(figure, target)
    except (OSError, ValueError) as exc:
        warn(parent, "Export chart", f"The chart could not be saved: {exc}")
        return None
    return target
