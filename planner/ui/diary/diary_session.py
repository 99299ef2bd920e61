"""The diary as the window edits it: every change a QUndoCommand over the library's diary."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.core.diary.diary_store import DayTie, Diary
from planner.core.diary.episode import Episode
from planner.core.storage.library import Library


class DiarySession(QObject):
    """The window's diary: its undo stack and the primitive edits its commands call.

    ``today`` gives the date a new episode may not be after (tests set it).
    """

    changed = Signal()
    # An edit the library refused (busy, disk full): said, and the view reloads.
    failed = Signal(str)

    def __init__(
        self,
        library: Library,
        parent: QObject | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.diary = Diary(library)
        self.today = today
        self.undo_stack = QUndoStack(self)

    # -- what the view and the dialogs call (undoable) --------------------------------
    def log(self, episode: Episode) -> None:
        self.undo_stack.push(_Log(self, episode))

    def edit(self, old: Episode, new: Episode) -> None:
        self.undo_stack.push(_Edit(self, old, new))

    def delete(self, episode: Episode) -> None:
        self.undo_stack.push(_Delete(self, episode))

    def tie(self, tie: DayTie) -> None:
        self.undo_stack.push(
            _Tie(self, tie.day, self.diary.ties(tie.day, tie.day).get(tie.day), tie)
        )

    def untie(self, day: dt.date) -> None:
        old = self.diary.ties(day, day).get(day)
        if old is not None:
            self.undo_stack.push(_Tie(self, day, old, None))

    # -- primitives (the commands') ---------------------------------------------------
    def _write(self, change: Callable[[], object]) -> object:
        try:
            return change()
        except sqlite3.Error as exc:
            self.failed.emit(f"The diary could not be saved: {exc}")
            return None
        finally:
            self.changed.emit()


class _Log(QUndoCommand):
    def __init__(self, session: DiarySession, episode: Episode) -> None:
        super().__init__(f"Log a cramp ({episode.when_text})")
        self.session, self.episode = session, episode

    def redo(self) -> None:
        # Again under the id it had, so that an edit made after it still finds it.
        new_id = self.session._write(lambda: self.session.diary.add(self.episode))
        if isinstance(new_id, int):
            self.episode = replace(self.episode, id=new_id)

    def undo(self) -> None:
        if self.episode.id is not None:
            episode_id = self.episode.id
            self.session._write(lambda: self.session.diary.delete(episode_id))


class _Edit(QUndoCommand):
    def __init__(self, session: DiarySession, old: Episode, new: Episode) -> None:
        super().__init__(f"Edit the cramp of {old.when_text}")
        self.session, self.old, self.new = session, old, new

    def redo(self) -> None:
        self.session._write(lambda: self.session.diary.update(self.new))

    def undo(self) -> None:
        self.session._write(lambda: self.session.diary.update(self.old))


class _Delete(QUndoCommand):
    def __init__(self, session: DiarySession, episode: Episode) -> None:
        super().__init__(f"Delete the cramp of {episode.when_text}")
        self.session, self.episode = session, episode

    def redo(self) -> None:
        episode_id = self.episode.id
        assert episode_id is not None
        self.session._write(lambda: self.session.diary.delete(episode_id))

    def undo(self) -> None:
        self.session._write(lambda: self.session.diary.add(self.episode))


class _Tie(QUndoCommand):
    """Tie a day to a menu, or untie it (``new`` None); undo puts back what it had."""

    def __init__(
        self, session: DiarySession, day: dt.date, old: DayTie | None, new: DayTie | None
    ) -> None:
        super().__init__(f"Tie {day} to a menu" if new else f"Untie {day}")
        self.session, self.day, self.old, self.new = session, day, old, new

    def _set(self, tie: DayTie | None) -> None:
        diary = self.session.diary
        self.session._write(lambda: diary.tie(tie) if tie else diary.untie(self.day))

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)
