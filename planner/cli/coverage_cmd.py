"""``coverage MENU.json``: a menu's totals against the profile's targets."""

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
from planner.core.advice.cautions import MenuCaution, menu_cautions
from planner.core.data.foods import FoodTable, names_with_raw
from planner.core.data.formatting import fmt_amount
from planner.core.data.nutrients import BY_KEY, CHART_KEYS, GUARDS, REPORTED
from planner.core.data.profile import Profile
from planner.core.menus.coverage import Coverage, compute_coverage
from planner.core.storage.jsonfiles import read_menu

TOP_CONTRIBUTORS = 5


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("coverage", help="a menu's nutrient totals against your targets")
    parser.add_argument("menu", type=file_path, metavar="MENU.json", help="a .menu.json file")
    add_profile_options(parser)
    parser.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="default: table"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: Any) -> int:
    profile = profile_from_args(args)
    foods: FoodTable = context.foods()
    menu = read_menu(args.menu, known=foods.__contains__)
    intakes = context.intakes()
    coverage = compute_coverage(menu, foods, intakes.targets(profile))
    cautions = menu_cautions(menu, foods, profile)
    if args.format == "json":
        print_json(coverage_json(coverage, profile, cautions))
    elif args.format == "csv":
        print(csv_text(*coverage_rows(coverage, foods, machine=True)), end="")
    else:
        print(f"Coverage of {menu.name!r} for {profile.describe()}")
        header, rows = coverage_rows(coverage, foods, machine=False)
        print(text_table(header, rows, right={1, 2, 3, 4}), end="")
        missing = intakes.missing_note(profile, CHART_KEYS)
        if missing:
            print(f"\n{missing}")
        notes = unknown_notes(coverage, foods)
        if notes:
            print("\nUnknown values (totals above are at least this much):")
            print("\n".join(f"  {visible(line)}" for line in notes))
        for caution in cautions:  # pregnancy cautions and seaweed's iodine
            print(f"\n{visible(caution.message)}")
        print("\n* magnesium's and folic acid's limits concern supplements, not food.")
        print("\nUpper limits also watched (not charted):")
        print("\n".join(f"  {line}" for line in guard_notes(coverage, foods)))
    return 0


def coverage_json(
    coverage: Coverage, profile: Profile, cautions: list[MenuCaution] | None = None
) -> dict[str, Any]:
    """The ``coverage --format json`` object of CONTRACTS (``cautions``: the menu's
    pregnancy and iodine cautions, planner.core.advice.cautions.menu_cautions)."""
    return {
        "profile": profile_json(profile),
        "nutrients": nutrients_json(coverage),
        "contributors": {
            n.key: [
                {"food": f, "amount": _round(a, 4)}
                for f, a in coverage.contributors(n.key, TOP_CONTRIBUTORS)
            ]
            for n in REPORTED
        },
        "unknown": {
            n.key: list(coverage[n.key].unknown_foods)
            for n in REPORTED
            if coverage[n.key].unknown_foods
        },
        "cautions": [
            {"kind": c.kind, "foods": list(c.foods), "message": c.message} for c in cautions or ()
        ],
        "guards": guards_json(coverage),
    }


def profile_json(profile: Profile) -> dict[str, Any]:
    """Who the targets are for, as ``coverage --format json`` says it."""
    return {
        "sex": profile.sex,
        "age": profile.age,
        "life_stage": profile.life_stage,
        "pregnant": profile.pregnant,
        "lactating": profile.lactating,
        "standard": profile.standard,
    }


def nutrients_json(coverage: Coverage) -> list[dict[str, Any]]:
    """The reported nutrients' objects of ``coverage --format json`` (CONTRACTS)."""
    nutrients = []
    for n in REPORTED:
        line = coverage[n.key]
        t = line.target
        nutrients.append(
            {
                "key": n.key,
                "unit": n.unit.split()[0],
                "amount": _round(line.amount, 4),
                "target": t.value if t else None,
                "target_kind": t.kind if t else None,
                "percent": _round(line.percent, 1),
                "upper_limit": t.upper_limit if t else None,
                "upper_limit_scope": t.upper_limit_scope if t else None,
                "above_upper_limit": line.above_upper_limit,
                "complete": line.complete,
            }
        )
    return nutrients


def guards_json(coverage: Coverage) -> list[dict[str, Any]]:
    """The guard nutrients: amount against the upper limit, and the foods of unknown value."""
    return [
        {
            "key": line.key,
            "unit": BY_KEY[line.key].unit,
            "amount": _round(line.amount, 4),
            "upper_limit": line.target.upper_limit if line.target else None,
            "over": line.above_upper_limit,
            "unknown_in": list(line.unknown_foods),
        }
        for line in coverage.guards
    ]


def guard_notes(coverage: Coverage, foods: FoodTable) -> list[str]:
    """One line per guard: amount of limit, OVER with the foods giving most, unknowns."""
    lines = []
    for line in coverage.guards:
        n = BY_KEY[line.key]
        t = line.target
        amount = "unknown" if line.amount is None else fmt_amount(line.amount)
        if line.unknown_foods and line.amount is not None:
            amount = "≥ " + amount
        if t is None or t.upper_limit is None:
            text = f"{n.label}: {amount} {n.display_unit} (no upper limit set for this profile)"
        else:
            text = f"{n.label}: {amount} of {fmt_amount(t.upper_limit)} {n.display_unit}"
        if line.above_upper_limit:
            top = ", ".join(
                f"{foods.name(f)} {fmt_amount(a)}" for f, a in coverage.contributors(n.key, 3)
            )
            text = f"OVER the upper limit: {text} (most from {top})"
        if line.unknown_foods:
            text += f"; no value for {', '.join(foods.name(f) for f in line.unknown_foods)}"
        lines.append(text)
    return lines


def coverage_rows(
    coverage: Coverage, foods: FoodTable, machine: bool
) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for the table and CSV formats."""
    header = [
        "nutrient",
        "amount",
        "target",
        "percent",
        "upper_limit",
        "unit",
        "kind",
        "above_upper_limit",
        "unknown_foods",
        "top_foods",
    ]
    if not machine:
        header = [
            "Nutrient",
            "Amount",
            "Target",
            "%",
            "Limit",
            "Unit",
            "Kind",
            "Over",
            "Unknown in",
            "Top foods",
        ]
    rows = []
    # The CSV lists the guards too (their limits are watched), the table prints them after.
    for n in (*REPORTED, *GUARDS) if machine else REPORTED:
        line = coverage[n.key]
        t = line.target
        top = coverage.contributors(n.key, 3)
        if machine:
            rows.append(
                [
                    n.key,
                    _round(line.amount, 4),
                    t.value if t and t.value is not None else "",
                    _round(line.percent, 1),
                    t.upper_limit if t and t.upper_limit is not None else "",
                    n.unit.split()[0],
                    t.kind if t else "",
                    line.above_upper_limit,
                    ";".join(line.unknown_foods),
                    ";".join(f for f, _ in top),
                ]
            )
            continue
        amount = "unknown" if line.amount is None else fmt_amount(line.amount)
        if line.unknown_foods and line.amount is not None:
            amount = "≥ " + amount
        limit = ""
        if t and t.upper_limit is not None:
            limit = fmt_amount(t.upper_limit) + ("" if t.limit_applies_to_food else "*")
        rows.append(
            [
                n.label,
                amount,
                fmt_amount(t.value) if t else "-",
                fmt_amount(line.percent) if line.percent is not None else "-",
                limit,
                n.display_unit,
                t.kind if t else "",
                "OVER" if line.above_upper_limit else "",
                len(line.unknown_foods) or "",
                ", ".join(f"{foods.name(f)} {fmt_amount(a)}" for f, a in top),
            ]
        )
    return header, rows


def unknown_notes(coverage: Coverage, foods: FoodTable) -> list[str]:
    return [
        f"{n.label}: no value for {names_with_raw(foods, coverage[n.key].unknown_foods, n.key)}"
        for n in REPORTED
        if coverage[n.key].unknown_foods
    ]


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)
