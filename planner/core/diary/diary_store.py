"""The diary in the library: episodes and tied days, each change one transaction."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

from planner.core.diary.episode import (
    BEFORE,
    FLAGS,
    NIGHT_ENDS_AT,
    WHEN_FORMAT,
    Episode,
    joined,
    make_episode,
)
from planner.core.errors import InputError
from planner.core.menus.menu import Menu
from planner.core.storage.jsonfiles import menu_from_dict, menu_to_dict
from planner.core.storage.library_file import LIBRARY_FILE, LibraryFile, is_damage

_COLUMNS = "id, at, leg, muscle, minutes, severity, before, flags, note"


@dataclass(frozen=True)
class DayTie:
    """A diary day tied to what was eaten: a copy of the menu and where it came from."""

    day: dt.date
    source: str
    menu: Menu


class Diary:
    """The cramp diary kept in an open library (its tables: storage/diary_schema.py)."""

    def __init__(self, library: LibraryFile) -> None:
        self.library = library

    # -- episodes ------------------------------------------------------------------------
    def episodes(self, first: dt.date | None = None, last: dt.date | None = None) -> list[Episode]:
        """Episodes of the nights ``first`` to ``last`` (both included; None: no bound),
        in time order. A stored row that is damaged or no longer checks is skipped and
        said in the library's ``problems``; it stays in the file."""
        query, params = f"SELECT {_COLUMNS} FROM diary_episodes", []
        bounds = []
        if first is not None:
            bounds.append("at >= ?")
            params.append(_night_start(first))
        if last is not None:
            bounds.append("at < ?")
            params.append(_night_start(last + dt.timedelta(days=1)))
        if bounds:
            query += " WHERE " + " AND ".join(bounds)
        try:
            rows = self.library.db.execute(query + " ORDER BY at, id", params).fetchall()
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            self.library._problem("diary", f"cannot be read ({exc}); episodes not shown")
            return []
        episodes = []
        for row in rows:
            episode = self._from_row(row)
            if episode is not None:
                episodes.append(episode)
        return episodes

    def _from_row(self, row: tuple) -> Episode | None:
        entry_id, at, leg, muscle, minutes, severity, before, flags, note = row
        fields = {
            "when": at,
            "leg": leg,
            "muscle": muscle,
            "minutes": minutes,
            "severity": severity,
            "before": before,
            "flags": flags,
            "note": note,
        }
        try:
            # dt.date.max: what was stored is kept, whatever the clock says now.
            return make_episode(fields, dt.date.max, episode_id=int(entry_id))
        except InputError as exc:
            self.library._problem(
                f"diary episode {entry_id}", f"{exc.place}: {exc.message}; skipped"
            )
            return None

    def get(self, episode_id: int) -> Episode:
        row = self.library.db.execute(
            f"SELECT {_COLUMNS} FROM diary_episodes WHERE id=?", (episode_id,)
        ).fetchone()
        episode = None if row is None else self._from_row(row)
        if episode is None:
            raise KeyError(f"no diary episode with id {episode_id}")
        return episode

    def add(self, episode: Episode) -> int:
        """Store a new episode (or one deleted, again under its id); returns its id."""
        with self.library.transaction() as db:
            return _insert(db, episode)

    def add_many(self, episodes: Iterable[Episode]) -> tuple[int, int]:
        """Store episodes in one transaction, skipping any already in the diary (the same
        minute, leg and muscle: a file imported twice); returns (added, skipped)."""
        added = skipped = 0
        with self.library.transaction() as db:
            for episode in episodes:
                if db.execute(
                    "SELECT 1 FROM diary_episodes WHERE at=? AND leg=? AND muscle=?",
                    (episode.when_text, episode.leg, episode.muscle),
                ).fetchone():
                    skipped += 1
                    continue
                _insert(db, replace(episode, id=None))
                added += 1
        return added, skipped

    def update(self, episode: Episode) -> None:
        """Replace a stored episode's fields by ``episode``'s (same id)."""
        if episode.id is None:
            raise ValueError("an episode not yet stored cannot be updated")
        with self.library.transaction() as db:
            db.execute(
                "UPDATE diary_episodes SET at=?, leg=?, muscle=?, minutes=?, severity=?, "
                "before=?, flags=?, note=?, updated=? WHERE id=?",
                (*_values(episode), time.time(), episode.id),
            )

    def delete(self, episode_id: int) -> None:
        with self.library.transaction() as db:
            db.execute("DELETE FROM diary_episodes WHERE id=?", (episode_id,))

    # -- days tied to what was eaten ----------------------------------------------------
    def ties(
        self, first: dt.date | None = None, last: dt.date | None = None
    ) -> dict[dt.date, DayTie]:
        """Tied days from ``first`` to ``last`` (included); damaged ones are skipped and said."""
        rows = self.library.db.execute(
            "SELECT day, source, menu FROM diary_days WHERE day >= ? AND day <= ? ORDER BY day",
            (str(first or dt.date.min), str(last or dt.date.max)),
        ).fetchall()
        ties = {}
        for day_text, source, blob in rows:
            place = f"diary day {day_text}"
            try:
                day = dt.date.fromisoformat(day_text)
                menu = menu_from_dict(json.loads(blob), LIBRARY_FILE, "menu.")
            except (TypeError, ValueError, InputError) as exc:
                self.library._problem(place, f"cannot be read ({exc}); not counted")
                continue
            ties[day] = DayTie(day, str(source), menu)
        return ties

    def tie(self, tie: DayTie) -> None:
        """Tie a day to a menu (replacing what it was tied to)."""
        self.tie_many([tie])

    def untie(self, day: dt.date) -> None:
        with self.library.transaction() as db:
            db.execute("DELETE FROM diary_days WHERE day=?", (str(day),))

    def tie_many(self, ties: Iterable[DayTie]) -> int:
        """Tie days in one transaction (a file's); returns how many."""
        count = 0
        with self.library.transaction() as db:
            for tie in ties:
                db.execute(
                    "INSERT OR REPLACE INTO diary_days (day, source, menu, updated) "
                    "VALUES (?, ?, ?, ?)",
                    (str(tie.day), tie.source, json.dumps(menu_to_dict(tie.menu)), time.time()),
                )
                count += 1
        return count


def _night_start(night: dt.date) -> str:
    """The first minute of a night (noon of its evening's date), as stored text."""
    start = dt.datetime.combine(night, dt.time(NIGHT_ENDS_AT))
    return start.strftime(WHEN_FORMAT)


def _values(episode: Episode) -> tuple:
    return (
        episode.when_text,
        episode.leg,
        episode.muscle,
        episode.minutes,
        episode.severity,
        joined(episode.before, BEFORE),
        joined(episode.flags, FLAGS),
        episode.note,
    )


def _insert(db: sqlite3.Connection, episode: Episode) -> int:
    cursor = db.execute(
        "INSERT INTO diary_episodes (id, at, leg, muscle, minutes, severity, before, flags, "
        "note, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (episode.id, *_values(episode), time.time()),
    )
    return int(cursor.lastrowid)
