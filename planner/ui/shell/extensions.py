"""The window's features beyond the day menu, each added to the window by one function.

Each module listed here has ``install(window: MainWindow) -> None``, which adds its tab,
dock, menu actions or panel to the window; the window calls them once, before it restores
its saved layout (so docks they add get their saved places back).
"""

from __future__ import annotations

import importlib

# Module names under planner.ui; a feature adds itself with one line here.
FEATURES: tuple[str, ...] = (
    "plan.plan_tabs",
    "compare.compare_view",
    "foods.food_library_actions",
    "gaps.gaps_actions",
    "diary.diary_actions",
)


def install_all(window) -> None:
    for name in FEATURES:
        importlib.import_module(f"planner.ui.{name}").install(window)
