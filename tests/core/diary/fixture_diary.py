"""A small diary whose figures are worked out by hand in the tests (tiny foods)."""

from __future__ import annotations

import datetime as dt

from planner.core.diary.diary_store import DayTie
from planner.core.diary.episode import Episode, make_episode
from planner.core.menus.menu import Menu, MenuItem

TODAY = dt.date(2026, 12, 5)
FIRST, LAST = dt.date(2026, 11, 2), dt.date(2026, 11, 15)  # 14 nights, Monday to Sunday

# (when, leg, muscle, minutes, severity, before, flags, note); the night each belongs to
# is the evening before when it is before noon.
ROWS = [
    ("2026-11-03 02:10", "left", "calf", 4, 6, "exercise", "", ""),  # night 11-02
    ("2026-11-03 23:40", "right", "calf", 12, 8, "", "numbness", "woke me twice"),  # 11-03
    ("2026-11-04 05:00", "both", "foot", 2, 3, "alcohol", "", ""),  # night 11-03 again
    ("2026-11-10 01:00", "left", "thigh", 6, 5, "new_medicine", "", "started amlodipine"),  # 11-09
    ("2026-11-16 03:00", "left", "calf", 1, 2, "", "", ""),  # night 11-15, the last one
    ("2026-11-02 10:00", "left", "calf", 3, 4, "", "", "before the period"),  # night 11-01
    ("2026-11-16 13:00", "right", "foot", 5, 5, "", "", "after the period"),  # night 11-16
]
FIELDS = ("when", "leg", "muscle", "minutes", "severity", "before", "flags", "note")

APPLE_DAY = Menu(
    "Apple day", [MenuItem("apple", "snack", grams=200.0)]
)  # Mg 20, K 200, Ca 10, Na 2
CHEESE_DAY = Menu(
    "Cheese day", [MenuItem("cheese", "lunch", grams=100.0)]
)  # Mg 20, K 50, Ca 700, Na 600


def episodes() -> list[Episode]:
    return [make_episode(dict(zip(FIELDS, row, strict=True)), TODAY) for row in ROWS]


def ties() -> dict[dt.date, DayTie]:
    return {
        dt.date(2026, 11, 2): DayTie(dt.date(2026, 11, 2), "menu 'Apple day'", APPLE_DAY),
        dt.date(2026, 11, 3): DayTie(dt.date(2026, 11, 3), "plan 'Week', Tuesday", CHEESE_DAY),
        dt.date(2026, 11, 5): DayTie(dt.date(2026, 11, 5), "menu 'Apple day'", APPLE_DAY),
        dt.date(2026, 11, 20): DayTie(dt.date(2026, 11, 20), "menu 'Cheese day'", CHEESE_DAY),
    }
