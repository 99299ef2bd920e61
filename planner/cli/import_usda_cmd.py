"""``import-usda PATH``: import the full USDA SR28 database into the library, with progress."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from typing import Any, TextIO

from planner.cli.common import file_path, visible
from planner.core.errors import InputError, LibraryCorrupt, LibraryUnavailable
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.datadir import window_has_folder

# Without a terminal (a log, a pipe), a line at each quarter is enough.
LOG_STEP = 25


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import-usda", help="import the full USDA database (SR28 ASCII zip or folder)"
    )
    parser.add_argument("path", type=file_path, metavar="PATH", help="sr28asc.zip or its folder")
    parser.set_defaults(run=run)


class ProgressPrinter:
    """Progress: one line rewritten in place on a terminal, else a few lines."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self.tty = stream.isatty()
        self.next_logged = 0
        self.width = 0

    def __call__(self, done: int, total: int, message: str) -> None:
        percent = 100 * done // max(total, 1)
        line = f"{self.label}: {percent:3d}%  {message}"
        if self.tty:
            # Pad over the previous, possibly longer, line.
            self.stream.write("\r" + line.ljust(self.width))
            self.width = len(line)
        elif percent >= self.next_logged:
            self.stream.write(line + "\n")
            self.next_logged = (percent // LOG_STEP + 1) * LOG_STEP
        self.stream.flush()

    def finish(self) -> None:
        if self.tty and self.width:
            self.stream.write("\n")
            self.stream.flush()


def run(args: argparse.Namespace, context: Any) -> int:
    # Imported here: the window starts through this parser and needs none of it.
    from planner.core.storage.usda_import import import_usda

    path = context.data_dir / LIBRARY_FILE
    try:
        library = Library(path)
    except LibraryCorrupt as exc:
        raise InputError("", "", f"{exc} (opening the window moves it aside)") from None
    except LibraryUnavailable as exc:
        raise InputError("", "", str(exc)) from None
    # Progress on stderr only where a person watches it: in a log or a pipe it would make
    # a failure more than the one line of its error, so it goes with the summary there.
    stream = sys.stderr if sys.stderr.isatty() else sys.stdout
    printer = ProgressPrinter(stream, f"Importing {visible(args.path.name)}")
    try:
        summary = import_usda(args.path, library, printer)
    except sqlite3.OperationalError as exc:
        # Most likely another process holds the library ("database is locked").
        raise InputError(path, "", f"cannot write the library: {exc}") from None
    finally:
        printer.finish()
        library.close()
    print(
        f"Imported {summary.foods:,} foods, {summary.values:,} nutrient values and "
        f"{summary.measures:,} household measures from {summary.source} "
        f"into {path} in {summary.seconds:.1f} s."
    )
    if window_has_folder(context.data_dir):
        print("The window has this library open: restart it to see the imported foods.")
    return 0
