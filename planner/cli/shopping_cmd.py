"""``shopping PLAN.json``: a plan's shopping list as Markdown, CSV or PDF."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path
from typing import Any

from planner.cli.common import TEXT_CONTROLS, file_path, visible
from planner.core.data.foods import FoodTable
from planner.core.errors import InputError, UsageError

FORMATS: tuple[str, ...] = ("csv", "md", "pdf")
SUFFIX_FORMATS: dict[str, str] = {".csv": "csv", ".md": "md", ".markdown": "md", ".pdf": "pdf"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("shopping", help="a plan's shopping list")
    parser.add_argument("plan", type=file_path, metavar="PLAN.json", help="a .plan.json file")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="default: from the suffix of --output (.csv, .md, .pdf), else md",
    )
    parser.add_argument(
        "--output", type=file_path, metavar="FILE", help="write FILE instead of standard output"
    )
    parser.set_defaults(run=run)


def chosen_format(fmt: str | None, output: Path | None) -> str:
    if fmt:
        return fmt
    return SUFFIX_FORMATS.get(output.suffix.lower(), "md") if output else "md"


def run(args: argparse.Namespace, context: Any) -> int:
    # Imported here: the window starts through this parser and needs none of it.
    from planner.core.plans.plan import read_plan
    from planner.core.plans.shopping import shopping_list
    from planner.core.plans.shopping_export import (
        shopping_csv,
        shopping_markdown,
        write_text_export,
    )

    fmt = chosen_format(args.format, args.output)
    if fmt == "pdf" and args.output is None:
        raise UsageError("crampless shopping: a PDF needs --output FILE")
    foods: FoodTable = context.foods()
    # The people's targets are not needed here, but a plan is checked the same everywhere.
    stage_ages = context.intakes().stage_ages
    plan = read_plan(args.plan, known=foods.__contains__, stage_ages=stage_ages)
    shopping = shopping_list(plan, foods)
    if fmt == "pdf":
        # Qt is loaded only for PDFs: the text formats stay quick and need no display.
        from planner.export.shopping_pdf import write_shopping_pdf

        write = partial(write_shopping_pdf, args.output, shopping)
    else:
        text = shopping_csv(shopping) if fmt == "csv" else shopping_markdown(shopping)
        if args.output is None:
            write_stdout(text)
            return 0
        write = partial(write_text_export, args.output, text, byte_order_mark=fmt == "csv")
    try:
        write()
    except OSError as exc:
        raise InputError(str(args.output), "", write_problem(exc, args.output)) from None
    return 0


def write_stdout(text: str) -> None:
    """``text`` as UTF-8 bytes, so CSV's CRLF line ends are not doubled on Windows; no
    control character of a name reaches a terminal raw."""
    text = visible(text, TEXT_CONTROLS)
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    stream.write(text.encode("utf-8"))
    stream.flush()


def write_problem(exc: OSError, path: Path) -> str:
    """Why writing ``path`` failed, in words a user can act on."""
    if isinstance(exc, FileNotFoundError):
        return f"cannot write: the folder {str(path.parent)!r} does not exist"
    if isinstance(exc, IsADirectoryError):
        return "cannot write: it is a folder"
    if isinstance(exc, PermissionError):
        return "cannot write: permission denied"
    return f"cannot write: {exc.strerror or exc}"
