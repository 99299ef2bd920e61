"""Entry point: parse the command line, run a subcommand or open the window."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from planner import APP_NAME, __version__
from planner.core.errors import InputError, LibraryCorrupt, LibraryUnavailable, UsageError

if TYPE_CHECKING:
    from planner.cli.common import Parser


class Context:
    """What a subcommand may need, loaded only when asked for."""

    def __init__(self, data_dir: Path | None) -> None:
        self._data_dir = data_dir

    @property
    def data_dir(self) -> Path:
        if self._data_dir is None:
            from planner.datadir import default_data_dir

            self._data_dir = default_data_dir()
        return self._data_dir

    @cache  # noqa: B019 - one Context per process
    def foods(self):
        from planner.core.storage.catalog import load_catalog

        problems: list[str] = []
        foods = load_catalog(self.data_dir, problems=problems)
        for problem in problems:  # skipped, not fatal: the command goes on without them
            print(f"crampless: warning: {problem}", file=sys.stderr)
        return foods

    @cache  # noqa: B019
    def familiar(self) -> frozenset[str]:
        """Foods of the user's saved menus and plans (completion prefers them)."""
        from planner.core.advice.familiar import familiar_in_folder

        return familiar_in_folder(self.data_dir)

    @cache  # noqa: B019
    def intakes(self):
        from planner.core.data.intakes import ReferenceIntakes
        from planner.paths import REFERENCE_INTAKES_CSV

        return ReferenceIntakes.load(REFERENCE_INTAKES_CSV)


class WindowArgs(NamedTuple):
    """The command line when it only opens the window (with a menu or plan file, maybe)."""

    data_dir: Path | None
    command: None = None
    file: Path | None = None


def window_args(argv: Sequence[str]) -> WindowArgs | None:
    """``argv`` read when it only opens the window, else None (a subcommand, --help, ...).

    The window takes only ``--data-dir DIR`` (or ``--data-dir=DIR``) and then, maybe, one
    menu or plan file to open (``crampless Monday.menu.json``, as a double-click on it
    runs): reading that here spares its start-up argparse and the subcommands' modules;
    anything else, misspelt options included, goes to the full parser.
    """
    rest = list(argv)
    data_dir = None
    option, _, value = rest[0].partition("=") if rest else ("", "", "")
    if option == "--data-dir" and value:
        data_dir, rest = Path(value), rest[1:]
    elif rest[:1] == ["--data-dir"] and len(rest) >= 2 and rest[1] and rest[1][0] != "-":
        data_dir, rest = Path(rest[1]), rest[2:]
    if not rest:
        return WindowArgs(data_dir)
    # Menu and plan files end in .json; no subcommand does, and no option starts so.
    if len(rest) == 1 and rest[0].lower().endswith(".json") and rest[0][0] != "-":
        return WindowArgs(data_dir, file=Path(rest[0]))
    return None


def build_parser() -> Parser:
    """The whole command line: the window's options and every subcommand."""
    import argparse  # here: the window alone starts without it (window_args)

    from planner.cli import (
        coverage_cmd,
        diary_cmd,
        foods_cmd,
        gaps_cmd,
        import_usda_cmd,
        install_desktop_cmd,
        plan_cmd,
        report_cmd,
        shopping_cmd,
        suggest_cmd,
    )
    from planner.cli.common import Parser

    parser = Parser(
        prog="crampless",
        description=f"{APP_NAME}: plan meals that cover the nutrients muscles need.",
        epilog="With no subcommand, crampless opens its window; `crampless FILE` opens it "
        "with a .menu.json or .plan.json file. It is a planning tool, not medical advice.",
    )
    data_dir_help = "folder of your library (default: the platform's app-data folder)"
    parser.add_argument("--data-dir", type=Path, metavar="DIR", help=data_dir_help)
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=Parser)
    for module in (
        coverage_cmd,
        foods_cmd,
        shopping_cmd,
        plan_cmd,
        import_usda_cmd,
        suggest_cmd,
        gaps_cmd,
        install_desktop_cmd,
        diary_cmd,
        report_cmd,
    ):
        module.add_parser(sub)
    # Every subcommand takes --data-dir after its name too (README); SUPPRESS leaves the
    # one given before the name in place when it is not repeated after it.
    for subparser in sub.choices.values():
        subparser.add_argument(
            "--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS, help=data_dir_help
        )
        for action in getattr(subparser, "actions", {}).values():  # diary add, list...
            action.add_argument(
                "--data-dir",
                type=Path,
                metavar="DIR",
                default=argparse.SUPPRESS,
                help=data_dir_help,
            )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 2 bad input)."""
    # Set before numpy loads (with pandas), which starts OpenBLAS's thread pool as it
    # loads. The planner's matrices are at most thousands of foods by 11 nutrients, where
    # more BLAS threads only cost: starting them took 15-20 ms of the window's start-up
    # on a 2-core machine (docs/performance.md). A user's own setting wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = window_args(args_list) or build_parser().parse_args(args_list)
        if args.command is None:
            # The window starts without cyclic garbage collection: importing pandas and
            # Qt makes some hundred thousand objects and next to no garbage, and the
            # collections among them took ~9 ms before the first paint. The window turns
            # it back on once painted (planner/ui/shell/cold_start.py: resume_collection).
            gc.disable()
            try:
                from planner.ui.shell.launch import launch

                return launch(args.data_dir, args_list, args.file)
            finally:
                gc.enable()
        return args.run(args, Context(args.data_dir))
    except (UsageError, InputError) as exc:
        print(
            f"crampless: {exc}" if isinstance(exc, InputError) and not exc.source else str(exc),
            file=sys.stderr,
        )
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        # A data folder or file the system refuses (missing, read-only, full disk).
        where = exc.filename or (args.data_dir if "args" in locals() else "")
        print(f"crampless: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except LibraryCorrupt as exc:
        print(
            f"crampless: {exc} (open the window to move it aside and start afresh)", file=sys.stderr
        )
        return 2
    except LibraryUnavailable as exc:
        print(f"crampless: {exc}", file=sys.stderr)
        return 2
