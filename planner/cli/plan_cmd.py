"""``plan PLAN.json``: each person's coverage, day by day and on average.

Every day's and the average's nutrients are the objects of ``coverage --format json``
(coverage_cmd), guards included: a person's day is the menu they eat (their share of the
day's menu and their own items), and the average the menu of everything they eat over
the plan divided by its days, so the numbers are the ones ``coverage`` gives that menu.
"""

from __future__ import annotations

import argparse
from typing import Any

from planner.cli.common import (
    add_profile_options,
    csv_text,
    file_path,
    print_json,
    profile_from_args,
    text_table,
    visible,
)
from planner.cli.coverage_cmd import guards_json, nutrients_json, profile_json, unknown_notes
from planner.core.advice.cautions import menu_cautions
from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
from planner.core.data.intakes import ReferenceIntakes
from planner.core.data.nutrients import BY_KEY, CHART_KEYS, GUARDS, REPORTED
from planner.core.errors import InputError
from planner.core.menus.coverage import Coverage, compute_coverage
from planner.core.menus.menu import Menu
from planner.core.plans.people import Person

FORMATS = ("table", "json", "csv")


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "plan", help="a plan's coverage for each person, day by day and on average"
    )
    parser.add_argument("plan", type=file_path, metavar="PLAN.json", help="a .plan.json file")
    parser.add_argument("--person", metavar="NAME", help="only this person (default: everyone)")
    parser.add_argument("--format", choices=FORMATS, default="table", help="default: table")
    add_profile_options(parser)
    parser.epilog = (
        "The profile options give the people of a version 1 plan (a number of people) "
        "their targets; a version 2 plan names each person's own."
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: Any) -> int:
    from planner.core.plans.plan import read_plan  # the window starts through this parser

    foods: FoodTable = context.foods()
    intakes: ReferenceIntakes = context.intakes()
    plan = read_plan(
        args.plan, foods.__contains__, profile_from_args(args), stage_ages=intakes.stage_ages
    )
    people = plan.people
    if args.person is not None:
        people = [p for p in people if p.name == args.person]
        if not people:
            raise InputError(
                "command line",
                "--person",
                f"no person named {args.person!r} in the plan (its people: "
                f"{', '.join(plan.person_names())})",
            )
    reports: list[tuple[Person, list[DayReport], Coverage]] = []
    for person in people:
        targets = intakes.targets(person.profile)
        days = []
        for n, day in enumerate(plan.days):
            eaten = plan.eaten(n, person)
            days.append((day.name, eaten, compute_coverage(eaten, foods, targets)))
        average = compute_coverage(plan.eaten_on_average(person), foods, targets)
        reports.append((person, days, average))
    if args.format == "json":
        print_json(
            {
                "plan": plan.name,
                "people": [_person_json(p, days, avg, foods) for p, days, avg in reports],
            }
        )
    elif args.format == "csv":
        rows = [
            row
            for person, days, average in reports
            for name, coverage in [*((d, c) for d, _, c in days), ("average", average)]
            for row in _csv_rows(person.name, name, coverage)
        ]
        print(csv_text(CSV_HEADER, rows), end="")
    else:
        print(f"Coverage of the plan {plan.name!r}, in % of each person's targets")
        for person, days, average in reports:
            print(f"\n{person.describe()}")
            print(_table(days, average, foods), end="")
            missing = intakes.missing_note(person.profile, CHART_KEYS)
            if missing:
                print(missing)
    return 0


DayReport = tuple[str, Menu, Coverage]


def _day_json(
    name: str | None, menu: Menu | None, coverage: Coverage, person: Person, foods: FoodTable
) -> dict[str, Any]:
    """A day's (or with ``name`` None, the average's) object: the nutrients, guards and
    unknowns as ``coverage`` has them, and the day's cautions for this person."""
    entry: dict[str, Any] = {} if name is None else {"name": name}
    entry["nutrients"] = nutrients_json(coverage)
    entry["guards"] = guards_json(coverage)
    entry["unknown"] = {
        n.key: list(coverage[n.key].unknown_foods)
        for n in REPORTED
        if coverage[n.key].unknown_foods
    }
    if menu is not None:  # pregnancy and iodine cautions, per person (safe advice)
        entry["cautions"] = [
            {"kind": c.kind, "foods": list(c.foods), "message": c.message}
            for c in menu_cautions(menu, foods, person.profile)
        ]
    return entry


def _person_json(
    person: Person, days: list[DayReport], average: Coverage, foods: FoodTable
) -> dict[str, Any]:
    return {
        "name": person.name,
        "share": person.share,
        "profile": profile_json(person.profile),
        "days": [_day_json(name, menu, cov, person, foods) for name, menu, cov in days],
        "average": _day_json(None, None, average, person, foods),
    }


CSV_HEADER = [
    "person",
    "day",
    "nutrient",
    "amount",
    "target",
    "percent",
    "upper_limit",
    "unit",
    "above_upper_limit",
    "complete",
]


def _csv_rows(person: str, day: str, coverage: Coverage) -> list[list[Any]]:
    rows = []
    for n in (*REPORTED, *GUARDS):
        line = coverage[n.key]
        t = line.target
        rows.append(
            [
                person,
                day,
                n.key,
                "" if line.amount is None else round(line.amount, 4),
                t.value if t and t.value is not None else "",
                "" if line.percent is None else round(line.percent, 1),
                t.upper_limit if t and t.upper_limit is not None else "",
                n.unit.split()[0],
                line.above_upper_limit,
                line.complete,
            ]
        )
    return rows


def _cell(coverage: Coverage, key: str) -> str:
    """A table cell: % of target (the amount where there is none), ≥ for a lower bound,
    ``OVER`` past a limit food must stay under."""
    line = coverage[key]
    if line.amount is None:
        return "unknown"
    if line.percent is not None:
        text = f"{fmt_amount(line.percent)}%"
    else:
        text = f"{fmt_amount(line.amount)} {BY_KEY[key].display_unit}"
    if line.unknown_foods:
        text = "≥ " + text
    return text + (" OVER" if line.above_upper_limit else "")


def _table(days: list[DayReport], average: Coverage, foods: FoodTable) -> str:
    """Nutrients x days and the average, then the guards crossed and the unknowns."""
    columns = [(name, coverage) for name, _, coverage in days] + [("Average", average)]
    header = ["Nutrient", *[name for name, _ in columns]]
    rows = [[n.label, *[_cell(c, n.key) for _, c in columns]] for n in REPORTED]
    text = text_table(header, rows, right=set(range(1, len(header))))
    over = [
        f"  {name}: {BY_KEY[line.key].label} {fmt_amount(line.amount or 0)} of "
        f"{fmt_amount(line.target.upper_limit)} {BY_KEY[line.key].display_unit}"
        for name, coverage in columns
        for line in coverage.guards
        if line.above_upper_limit and line.target and line.target.upper_limit is not None
    ]
    if over:
        text += "Upper limits also watched (not charted), crossed:\n" + "\n".join(over) + "\n"
    notes = unknown_notes(average, foods)
    if notes:
        text += "Unknown values (amounts are at least this much):\n"
        text += "".join(f"  {visible(line)}\n" for line in notes)
    return text
