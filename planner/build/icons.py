"""Renders the application icon's PNG sizes from its SVG: ``python -m planner.build.icons``.

The SVG (resources/icons/hicolor/scalable/apps) is the drawing; the PNGs beside it are
for desktops that take no SVG, for Windows and for the window's own title bar. Uses
QtSvg, the renderer the app already has (planner/build is otherwise Qt-free).
"""

from __future__ import annotations

import sys
from pathlib import Path

from planner.desktop import ICON_SIZES, ICON_SVG, ICONS, icon_png


def render(size: int, svg: Path = ICON_SVG):
    """The SVG drawn on a transparent ``size`` x ``size`` QImage (a QGuiApplication runs)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    import argparse

    from PySide6.QtGui import QGuiApplication

    parser = argparse.ArgumentParser(prog="python -m planner.build.icons", description=__doc__)
    parser.add_argument("--output", type=Path, default=ICONS, help="the hicolor folder")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(["icons", "-platform", "offscreen"])
    for size in ICON_SIZES:
        path = icon_png(size, args.output)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(path), "PNG"):
            print(f"icons: {path}: cannot write", file=sys.stderr)
            return 2
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
