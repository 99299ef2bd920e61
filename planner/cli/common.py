"""What the subcommands share: the parser that never prints a traceback, profile options, output."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from planner.core.errors import InputError, UsageError
from planner.core.profile import SEXES, STANDARDS, Profile


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit 2 (CONTRACTS)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def add_profile_options(parser: argparse.ArgumentParser) -> None:
    """--sex, --age, --pregnant/--lactating, --standard."""
    parser.add_argument("--sex", choices=SEXES, default="female", help="default: female")
    parser.add_argument(
        "--age", type=float, default=50.0, metavar="YEARS", help="0 to 120; default: 50"
    )
    stage = parser.add_mutually_exclusive_group()
    stage.add_argument("--pregnant", action="store_true", help="targets for pregnancy")
    stage.add_argument("--lactating", action="store_true", help="targets for breastfeeding")
    parser.add_argument(
        "--standard",
        choices=tuple(STANDARDS),
        default="nasem",
        help="nasem: US/Canada DRIs (every age; the default); efsa: EU DRVs (adults)",
    )


def profile_from_args(args: argparse.Namespace) -> Profile:
    try:
        return Profile(args.sex, args.age, args.pregnant, args.lactating, args.standard)
    except InputError as exc:
        raise InputError("command line", exc.place, exc.message) from None


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV whose text cells a spreadsheet never runs as formulas (a food's name)."""
    from planner.core.shopping_export import csv_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([csv_cell(c) for c in row] for row in rows)
    return buffer.getvalue()


def text_table(header: Sequence[str], rows: Sequence[Sequence[Any]], right: set[int]) -> str:
    """A plain text table; columns in ``right`` are right-aligned (numbers)."""
    cells = [list(map(str, header))] + [[("" if c is None else str(c)) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: list[str]) -> str:
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *map(line, cells[1:])]) + "\n"
