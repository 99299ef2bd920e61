"""What the subcommands share: the parser that never prints a traceback, profile options, output."""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from planner.core.data.profile import SEXES, STANDARDS, Profile
from planner.core.errors import InputError, UsageError


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit 2 (CONTRACTS)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def add_profile_options(parser: argparse.ArgumentParser) -> None:
    """--sex, --age, --pregnant/--lactating, --standard."""
    parser.add_argument("--sex", choices=SEXES, default="female", help="default: female")
    parser.add_argument(
        "--age", type=finite_number, default=50.0, metavar="YEARS", help="0 to 120; default: 50"
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
        profile = Profile(args.sex, args.age, args.pregnant, args.lactating, args.standard)
    except InputError as exc:
        raise InputError("command line", exc.place, exc.message) from None
    check_stage_age(profile)
    return profile


def check_stage_age(profile: Profile) -> None:
    """Refuse pregnancy or lactation at an age the standard's tables do not cover (NASEM's
    rows start at 14 years): a target for it would be made up."""
    if profile.life_stage not in ("pregnancy", "lactation"):
        return
    from planner.core.data.intakes import ReferenceIntakes
    from planner.core.data.stage_ages import stage_age_problem
    from planner.paths import REFERENCE_INTAKES_CSV

    stage_ages = ReferenceIntakes.load(REFERENCE_INTAKES_CSV).stage_ages
    problem = stage_age_problem(profile, stage_ages)
    if problem:
        flag = "--pregnant" if profile.pregnant else "--lactating"
        raise InputError(
            "command line", "--age", f"{problem}, so {flag} needs an age in that range"
        )


def file_path(text: str) -> Path:
    """A file argument; an empty one is refused (it would be the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty file name")
    return Path(text)


def finite_number(text: str) -> float:
    """A number option that must be finite (``inf`` and ``nan`` are refused)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


# Control characters (ESC, BEL, NUL, C1's CSI...) in a food's name would act on a
# terminal: they are shown as \x1b escapes instead (JSON escapes them as \u001b).
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Not tab and line ends: for CSV cells (which the writer quotes) and whole texts.
TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_JSON_UNESCAPED_CONTROLS = re.compile(r"[\x7f-\x9f]")  # json.dumps escapes only < 0x20


def visible(text: str, pattern: re.Pattern[str] = _CONTROLS) -> str:
    """``text`` with its control characters written out (``\x1b``), safe on a terminal."""
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def print_json(data: Any) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False)
    sys.stdout.write(_JSON_UNESCAPED_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    sys.stdout.write("\n")


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV whose text cells a spreadsheet never runs as formulas (a food's name)."""
    from planner.core.plans.shopping_export import csv_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(
        [csv_cell(visible(c, TEXT_CONTROLS) if isinstance(c, str) else c) for c in row]
        for row in rows
    )
    return buffer.getvalue()


def text_table(header: Sequence[str], rows: Sequence[Sequence[Any]], right: set[int]) -> str:
    """A plain text table; columns in ``right`` are right-aligned (numbers)."""
    cells = [list(map(str, header))] + [
        [("" if c is None else visible(str(c))) for c in r] for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: list[str]) -> str:
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *map(line, cells[1:])]) + "\n"


def add_exclusion_options(parser: argparse.ArgumentParser) -> None:
    """--exclude-tag, --exclude-food, --require-tag (``suggest`` and ``gaps``)."""
    from planner.core.data.categories import TAGS

    parser.add_argument(
        "--exclude-tag",
        action="append",
        default=[],
        metavar="TAG",
        help=f"leave out foods with this tag (repeatable): {', '.join(TAGS)}",
    )
    parser.add_argument(
        "--exclude-food", action="append", default=[], metavar="ID", help="leave out this food"
    )
    parser.add_argument(
        "--require-tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only foods with this tag (repeatable), e.g. vegan",
    )


def exclusions_from_args(args: argparse.Namespace, foods: Any) -> Any:
    """The Exclusions the options ask for; InputError names a wrong tag or food."""
    # Imported here: the window starts through this parser and needs none of it.
    from planner.core.advice.exclusions import Exclusions, check_tags

    check_tags(args.exclude_tag, "command line", "--exclude-tag")
    check_tags(args.require_tag, "command line", "--require-tag")
    for food in args.exclude_food:
        if food not in foods:
            raise InputError("command line", "--exclude-food", f"unknown food {food!r}")
    return Exclusions(
        frozenset(args.exclude_tag), frozenset(args.exclude_food), frozenset(args.require_tag)
    )
