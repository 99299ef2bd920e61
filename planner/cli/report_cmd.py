"""``report --from DATE --to DATE --output FILE.pdf``: the diary's report for the doctor."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from planner.cli.common import add_profile_options, file_path, profile_from_args
from planner.core.data.formatting import count_of
from planner.core.errors import InputError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "report", help="a PDF of the cramp diary for a period, to show your doctor"
    )
    parser.add_argument(
        "--from", dest="first", required=True, metavar="DATE", help="first night, YYYY-MM-DD"
    )
    parser.add_argument(
        "--to", dest="last", required=True, metavar="DATE", help="last night, YYYY-MM-DD"
    )
    parser.add_argument(
        "--output", required=True, type=file_path, metavar="FILE.pdf", help="the PDF to write"
    )
    add_profile_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: Any) -> int:
    # Imported here: the window starts through this parser and needs none of it.
    from planner.cli.diary_cmd import night_option, opened_diary
    from planner.cli.shopping_cmd import write_problem
    from planner.core.diary.nights import check_period
    from planner.core.diary.report import build_report

    today = dt.date.today()
    first = night_option(args.first, "--from")
    last = night_option(args.last, "--to")
    assert first is not None and last is not None  # both are required options
    try:
        check_period(first, last, today, "command line")
    except InputError as exc:
        raise InputError(exc.source, f"--{exc.place}", exc.message) from None
    profile = profile_from_args(args)
    foods = context.foods()
    targets = context.intakes().targets(profile)
    with opened_diary(context.data_dir, write=False) as diary:
        episodes = diary.episodes(first, last) if diary is not None else []
        ties = diary.ties(first, last) if diary is not None else {}
    report = build_report(episodes, ties, first, last, profile, targets, foods, today)
    # Qt is loaded only now, to draw the PDF.
    from planner.export.diary_report import write_report_pdf

    try:
        write_report_pdf(args.output, report)
    except OSError as exc:
        raise InputError(str(args.output), "", write_problem(exc, args.output)) from None
    print(
        f"Wrote the report of {count_of(report.nights, 'night')} "
        f"({count_of(len(report.episodes), 'episode')}, "
        f"{count_of(report.tied_days, 'day')} tied to a menu) to {args.output}."
    )
    return 0
