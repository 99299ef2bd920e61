"""A cramp episode: when, where, how long, how bad, what came before; checked as it is made."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

from planner.core.errors import InputError

LEGS: tuple[str, ...] = ("left", "right", "both")
MUSCLES: tuple[str, ...] = ("calf", "foot", "thigh")
# What came before an episode (ticks), key -> label.
BEFORE: dict[str, str] = {
    "exercise": "Hard exercise",
    "heat": "Heat or heavy sweating",
    "new_medicine": "A new medicine",
    "alcohol": "Alcohol",
    "standing": "Long standing",
}
# Signs that are a reason to see a doctor (resources/help.html), key -> label.
FLAGS: dict[str, str] = {
    "weakness": "Muscle weakness",
    "numbness": "Numbness or tingling",
    "swollen_calf": "A swollen, warm, red calf",
}
MAX_MINUTES = 600.0
MAX_SEVERITY = 10
MAX_NOTE = 1000
WHEN_FORMAT = "%Y-%m-%d %H:%M"
# An episode before noon belongs to the night before: a cramp at 03:10 on the 2nd is the
# night of the 1st, the night that follows the 1st's meals.
NIGHT_ENDS_AT = 12


@dataclass(frozen=True)
class Episode:
    """One cramp episode; ``id`` is the library's row (None until stored)."""

    when: dt.datetime
    leg: str
    muscle: str
    minutes: float
    severity: int
    before: frozenset[str] = field(default_factory=frozenset)
    flags: frozenset[str] = field(default_factory=frozenset)
    note: str = ""
    id: int | None = None

    @property
    def night(self) -> dt.date:
        """The diary day (night) it belongs to: the evening's date."""
        return night_of(self.when)

    @property
    def when_text(self) -> str:
        return self.when.strftime(WHEN_FORMAT)

    def where_text(self) -> str:
        """``left calf``, ``both feet``..."""
        if self.leg == "both":
            plural = {"calf": "calves", "foot": "feet", "thigh": "thighs"}[self.muscle]
            return f"both {plural}"
        return f"{self.leg} {self.muscle}"

    def same_event(self, other: Episode) -> bool:
        """The same episode logged twice (a file imported again): same minute and place."""
        return (self.when, self.leg, self.muscle) == (other.when, other.leg, other.muscle)


def night_of(when: dt.datetime) -> dt.date:
    """The night an episode at ``when`` belongs to (named by its evening)."""
    return (when - dt.timedelta(hours=NIGHT_ENDS_AT)).date()


def parse_when(text: object) -> dt.datetime:
    """``YYYY-MM-DD HH:MM`` (or with a ``T``); ValueError says what is expected."""
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a date and time")
    cleaned = text.strip().replace("T", " ")
    try:
        when = dt.datetime.strptime(cleaned, WHEN_FORMAT)
    except ValueError:
        try:  # seconds, as an ISO time may have them, are dropped
            when = dt.datetime.strptime(cleaned, WHEN_FORMAT + ":%S").replace(second=0)
        except ValueError:
            raise ValueError(f"{text!r} is not a date and time as YYYY-MM-DD HH:MM") from None
    return when


def parse_date(text: object) -> dt.date:
    """``YYYY-MM-DD``; ValueError says what is expected."""
    if isinstance(text, str):
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a date as YYYY-MM-DD")


def make_episode(
    fields: dict[str, object],
    today: dt.date,
    source: str | Path = "",
    where: str = "",
    episode_id: int | None = None,
) -> Episode:
    """An Episode from loose fields (a dialog, the command line, a file's row), each
    checked; InputError names ``source`` and the field (``where`` prefixes it, as
    ``line 4, column `` or ``episodes[2].``). A date beyond ``today`` is refused."""

    def fail(name: str, message: str) -> InputError:
        return InputError(source, f"{where}{name}", message)

    try:
        when = (
            fields["when"]
            if isinstance(fields.get("when"), dt.datetime)
            else parse_when(fields.get("when"))
        )
    except ValueError as exc:
        raise fail("when", str(exc)) from None
    when = when.replace(second=0, microsecond=0, tzinfo=None)
    if when.date() > today:
        raise fail("when", f"{when:%Y-%m-%d %H:%M} is in the future (today is {today:%Y-%m-%d})")
    leg = _choice(fields.get("leg"), LEGS)
    if leg is None:
        raise fail("leg", f"{fields.get('leg')!r} is not one of {', '.join(LEGS)}")
    muscle = _choice(fields.get("muscle"), MUSCLES)
    if muscle is None:
        raise fail("muscle", f"{fields.get('muscle')!r} is not one of {', '.join(MUSCLES)}")
    minutes = _number(fields.get("minutes"))
    if minutes is None or not 0 <= minutes <= MAX_MINUTES:
        raise fail("minutes", f"{fields.get('minutes')!r} is not a number of minutes from 0 to 600")
    severity = _number(fields.get("severity"))
    if severity is None or not severity.is_integer() or not 0 <= severity <= MAX_SEVERITY:
        raise fail("severity", f"{fields.get('severity')!r} is not a whole number from 0 to 10")
    before = _keys(fields.get("before"), BEFORE)
    if isinstance(before, str):
        raise fail("before", before)
    flags = _keys(fields.get("flags"), FLAGS)
    if isinstance(flags, str):
        raise fail("flags", flags)
    note = fields.get("note") or ""
    if not isinstance(note, str):
        raise fail("note", "must be text")
    if len(note) > MAX_NOTE:
        raise fail("note", f"a note can be at most {MAX_NOTE} characters")
    return Episode(
        when, leg, muscle, minutes, int(severity), before, flags, note.strip(), episode_id
    )


def _choice(value: object, allowed: tuple[str, ...]) -> str | None:
    text = value.strip().lower() if isinstance(value, str) else None
    return text if text in allowed else None


def _number(value: object) -> float | None:
    """A finite number from a number or its text; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _keys(value: object, allowed: dict[str, str]) -> frozenset[str] | str:
    """Keys from a list or ``;``-separated text; the problem's text when one is unknown."""
    if value is None or value == "":
        return frozenset()
    if isinstance(value, str):
        items = [part.strip() for part in value.split(";") if part.strip()]
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    else:
        return "expected a list of ticks"
    for item in items:
        if item not in allowed:
            return f"{item!r} is not one of {', '.join(allowed)}"
    return frozenset(items)


def episode_to_dict(episode: Episode) -> dict[str, object]:
    """The episode's JSON object (the ``crampless.diary`` file's and the command line's)."""
    return {
        "when": episode.when_text,
        "leg": episode.leg,
        "muscle": episode.muscle,
        "minutes": episode.minutes,
        "severity": episode.severity,
        "before": sorted(episode.before, key=list(BEFORE).index),
        "flags": sorted(episode.flags, key=list(FLAGS).index),
        "note": episode.note,
    }


def joined(keys: frozenset[str], order: dict[str, str]) -> str:
    """Keys in their registry order, ``;``-separated (the library's and CSV's cells)."""
    return ";".join(k for k in order if k in keys)
