"""Qt's offscreen platform with a desktop-sized screen, for the tests and benchmarks.

Qt's own offscreen screen is 800 x 800, where the window would open maximised; on this
1920 x 1080 one it opens at its default size, as on most desktops.
"""

from __future__ import annotations

from pathlib import Path

OFFSCREEN = f"offscreen:configfile={Path(__file__).with_name('offscreen_screen.json')}"
