"""The app on the desktop: its icon files and the freedesktop entries (no Qt).

Everything here travels in the package, under resources/ (planner/paths.py).
"""

from __future__ import annotations

from pathlib import Path

from planner import APP_ID
from planner.paths import RESOURCES

# The icon in the hicolor theme's own layout, so install-desktop copies the tree as it is.
ICONS = RESOURCES / "icons" / "hicolor"
ICON_SVG = ICONS / "scalable" / "apps" / f"{APP_ID}.svg"
# The sizes the hicolor theme and Windows ask for most; rendered from the SVG.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
# The .desktop entry, the AppStream metainfo and the menu and plan files' MIME types.
DESKTOP = RESOURCES / "desktop"
DESKTOP_ENTRY = DESKTOP / f"{APP_ID}.desktop"
METAINFO = DESKTOP / f"{APP_ID}.metainfo.xml"
MIME_TYPES = DESKTOP / f"{APP_ID}.mime.xml"


def icon_png(size: int, icons: Path = ICONS) -> Path:
    """The icon's PNG of ``size`` x ``size`` pixels."""
    return icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
