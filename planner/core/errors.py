"""The error every bad input becomes: what file, what place in it, what is wrong."""

from __future__ import annotations

from pathlib import Path


class InputError(ValueError):
    """Bad user input, reported as one line: ``file: place: message``.

    ``source`` is the file (or "command line"), ``place`` where in it (a line, a column,
    a JSON path such as ``items[3].food``); either may be empty.
    """

    def __init__(self, source: str | Path, place: str, message: str) -> None:
        self.source = Path(source).name if isinstance(source, Path) else source
        self.place = place
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return ": ".join(part for part in (self.source, self.place, self.message) if part)


class LibraryUnavailable(Exception):
    """The library cannot be opened now, for a reason that is not damage (busy, made by a
    newer Crampless, a disk or permission problem): it is left exactly as it is."""


class LibraryCorrupt(LibraryUnavailable):
    """The database file cannot be read as a Crampless library (the only case the window
    moves it aside)."""


class LibraryBusy(LibraryUnavailable):
    """Another process holds the library's write lock for longer than we wait."""


class LibraryTooNew(LibraryUnavailable):
    """The library was written by a newer Crampless (a higher schema version)."""


class UsageError(Exception):
    """Bad command-line usage: exit 2 with one line."""
