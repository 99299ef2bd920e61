"""When the diary itself gives a reason to see a doctor, and the Help's words for it.

The reasons are the Help's (resources/help.html, "When to see a doctor"): read from there,
never copied, so the window's prompt and the Help say the same.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.core.diary.episode import FLAGS, Episode
from planner.paths import HELP_HTML

# An episode longer than this is one of the Help's reasons to see a doctor.
LONG_MINUTES = 10.0
# Cramps on "most nights of a week": at least this many of seven nights in a row.
MOST_NIGHTS = 4
_SECTION = re.compile(r"<h3>When to see a doctor</h3>(.*?)(?=<h3>|\Z)", re.S)


@dataclass(frozen=True)
class DoctorReason:
    """A reason the diary gives; ``key`` names the occurrence, so each is said once."""

    key: str
    text: str


def doctor_reasons(episodes: Sequence[Episode]) -> list[DoctorReason]:
    """The diary's reasons to see a doctor, oldest first: an episode over ten minutes, a
    warning sign ticked, cramps on most nights of a week."""
    reasons = []
    for e in sorted(episodes, key=lambda e: e.when):
        where = f"{e.when_text} ({e.where_text()})"
        if e.minutes > LONG_MINUTES:
            reasons.append(
                DoctorReason(f"long:{where}", f"a cramp lasted {e.minutes:g} minutes on {where}")
            )
        for flag in FLAGS:
            if flag in e.flags:
                reasons.append(
                    DoctorReason(f"{flag}:{where}", f"{FLAGS[flag].lower()} was noted on {where}")
                )
    nights = sorted({e.night for e in episodes})
    start = 0
    while start < len(nights):
        # The nights with cramps among the seven from nights[start].
        window = [n for n in nights[start:] if (n - nights[start]).days < 7]
        if len(window) >= MOST_NIGHTS:
            first = nights[start]
            reasons.append(
                DoctorReason(
                    f"most-nights:{first}",
                    f"cramps on {len(window)} of the 7 nights from {first:%a %d %b %Y}",
                )
            )
            last = first + dt.timedelta(days=6)
            while start < len(nights) and nights[start] <= last:
                start += 1  # a week is said once, not once for each night in it
        else:
            start += 1
    return reasons


def help_doctor_html(path: Path = HELP_HTML) -> str:
    """The Help's "When to see a doctor" section (HTML), or a plain line when the Help
    cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return "<p>See the Help's list of when to see a doctor.</p>"
    found = _SECTION.search(text)
    return (
        found.group(1).strip() if found else "<p>See the Help's list of when to see a doctor.</p>"
    )
