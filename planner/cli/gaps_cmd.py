"""``gaps MENU.json``: per nutrient under target, the ranked suggestions the panel shows."""

from __future__ import annotations

import argparse
from typing import Any

from planner.cli.common import (
    TEXT_CONTROLS,
    add_exclusion_options,
    add_profile_options,
    exclusions_from_args,
    file_path,
    print_json,
    profile_from_args,
    text_table,
    visible,
)
from planner.core.data.formatting import fmt_amount
from planner.core.data.nutrients import BY_KEY
from planner.core.errors import InputError
from planner.core.storage.jsonfiles import read_menu

# As many as the window's panel shows per nutrient.
SHOWN = 5


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "gaps",
        help="the foods that close a menu's gaps, as the Close my gaps panel ranks them",
        description="For each nutrient under its target, the foods whose one realistic "
        "serving gives the most of it, exactly as the window's Close my gaps panel shows "
        "them (never a food whose serving would cross an upper limit, nor one the rules "
        "leave out: alcohol, leavening, raw flours, seasonings, seaweed...).",
    )
    parser.add_argument("menu", type=file_path, metavar="MENU.json", help="a .menu.json file")
    add_profile_options(parser)
    add_exclusion_options(parser)
    parser.add_argument(
        "--per",
        choices=("serving", "100kcal"),
        default="serving",
        help="rank by the amount in one serving or per 100 kcal (default: serving)",
    )
    parser.add_argument("--limit", type=int, default=SHOWN, metavar="N", help="foods per nutrient")
    parser.add_argument(
        "--format", choices=("json", "table"), default="table", help="default: table"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: Any) -> int:
    from planner.core.advice.exclusions import allowed_food_ids
    from planner.core.advice.suggestions import GAP_KEYS, gaps, limits_reached, suggest_foods
    from planner.core.menus.coverage import compute_coverage

    profile = profile_from_args(args)
    if not 1 <= args.limit <= 100:
        raise InputError("command line", "--limit", f"{args.limit} is not from 1 to 100")
    foods = context.foods()
    exclusions = exclusions_from_args(args, foods)
    menu = read_menu(args.menu, known=foods.__contains__)
    intakes = context.intakes()
    targets = intakes.targets(profile)
    coverage = compute_coverage(menu, foods, targets)
    needed = gaps(coverage, targets)
    found = suggest_foods(
        coverage,
        foods,
        targets,
        allowed_food_ids(foods, exclusions, profile),
        per=args.per,
        top=args.limit,
        on_menu=menu.grams_by_food(foods),
    )
    result = gaps_json(needed, found, foods, profile, limits_reached(coverage, targets))
    if args.format == "json":
        print_json(result)
        return 0
    if not any(key in targets for key in GAP_KEYS):  # no targets: nothing is "met"
        print(intakes.missing_note(profile, GAP_KEYS) or "This profile has no targets.")
        return 0
    print(visible(gaps_text(result, profile), TEXT_CONTROLS), end="")
    return 0


def gaps_json(needed, found, foods, profile, reached=()) -> dict[str, Any]:
    """{"nutrients": [{"key", "unit", "missing", "suggestions": [...]}]} (CONTRACTS)."""
    from planner.core.advice.cautions import suggestion_cautions

    nutrients = []
    for key, missing in needed.items():
        unit = BY_KEY[key].unit.split()[0]
        suggestions = [
            {
                "food": s.food_id,
                "name": foods.name(s.food_id),
                "grams": round(s.grams, 1),
                "serving": s.serving,
                "amount": round(s.amount_per_serving, 4),
                "closes_pct": round(s.closes_pct, 1),
                "kcal": None if s.kcal_per_serving is None else round(s.kcal_per_serving, 1),
                "cautions": suggestion_cautions(foods, s.food_id, key, profile),
            }
            for s in found.get(key, [])
        ]
        nutrients.append(
            {"key": key, "unit": unit, "missing": round(missing, 4), "suggestions": suggestions}
        )
    return {"profile": profile.to_dict(), "nutrients": nutrients, "reached": reached}


def gaps_text(result: dict[str, Any], profile) -> str:
    from planner.core.advice.suggestions import none_suggested_reason

    if not result["nutrients"]:
        return f"Every target is met for {profile.describe()}: no gap to close.\n"
    lines = [f"Gaps for {profile.describe()}:", ""]
    for entry in result["nutrients"]:
        n = BY_KEY[entry["key"]]
        lines.append(f"{n.label}: {fmt_amount(entry['missing'])} {n.display_unit} missing")
        rows = [
            [
                s["name"],
                s["serving"],
                f"{fmt_amount(s['amount'])} {n.display_unit}",
                f"{s['closes_pct']:.0f} %",
                "?" if s["kcal"] is None else fmt_amount(s["kcal"]),
            ]
            for s in entry["suggestions"]
        ]
        if rows:
            header = ["Food", "One serving", "Gives", "Closes", "kcal"]
            lines.append(text_table(header, rows, right={2, 3, 4}).rstrip("\n"))
            cautions = sorted({c for s in entry["suggestions"] for c in s["cautions"]})
            lines += [f"  ! {c}" for c in cautions]
        else:
            lines.append(f"  {none_suggested_reason(result['reached'])}")
        lines.append("")
    return "\n".join(lines)
