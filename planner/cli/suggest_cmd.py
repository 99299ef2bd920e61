"""``suggest MENU.json``: the menu completed to reach every target, as a menu file or a table."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from planner.cli.common import (
    TEXT_CONTROLS,
    add_exclusion_options,
    add_profile_options,
    exclusions_from_args,
    file_path,
    finite_number,
    print_json,
    profile_from_args,
    text_table,
    visible,
)
from planner.core.advice.completion_options import AUTO_MEAL, OBJECTIVES, CompletionOptions
from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount, fmt_percent
from planner.core.data.nutrients import BY_KEY, CHART_KEYS
from planner.core.data.profile import Profile
from planner.core.errors import InputError
from planner.core.menus.menu import MEALS
from planner.core.storage.jsonfiles import MENU_FORMAT, VERSION, menu_to_dict, read_menu

if TYPE_CHECKING:
    from planner.core.advice.completion_meals import Addition
    from planner.core.advice.optimizer import Completion

# CompletionOptions field -> the option a user typed, for error messages.
FLAGS = {
    "max_portions_per_food": "--max-portions",
    "max_new_foods": "--max-new-foods",
    "max_kcal": "--max-kcal",
}
# Rows of the table: energy, then what the coverage chart shows.
TABLE_KEYS = ("energy", *CHART_KEYS)


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "suggest",
        help="complete a menu so that it reaches your targets",
        description="Add realistic servings of foods to a menu, in half-serving steps and "
        "within each food's daily cap, so that every nutrient it tracks reaches its "
        "target without crossing an upper limit (the charted ones, sodium and the guard "
        "nutrients: preformed vitamin A, selenium, zinc, copper, manganese). Foods already "
        "on the menu are raised, new ones go to the meal they belong to, and the foods of "
        "your saved menus and plans are preferred. JSON output is a menu file you can save "
        "and use again.",
    )
    parser.add_argument("menu", type=file_path, metavar="MENU.json", help="a .menu.json file")
    add_profile_options(parser)
    add_exclusion_options(parser)
    parser.add_argument(
        "--max-kcal", type=finite_number, metavar="N", help="cap on the menu's energy"
    )
    parser.add_argument(
        "--max-portions",
        type=int,
        default=CompletionOptions().max_portions_per_food,
        metavar="N",
        help="most realistic servings added of a food (its daily cap may allow fewer)",
    )
    parser.add_argument(
        "--max-new-foods", type=int, default=4, metavar="N", help="most foods new to the menu"
    )
    default = CompletionOptions().objective
    parser.add_argument(
        "--objective",
        choices=tuple(OBJECTIVES),
        default=default,
        help="; ".join(f"{key}: {text}" for key, text in OBJECTIVES.items())
        + f" (default: {default})",
    )
    parser.add_argument(
        "--include-vitamin-d", action="store_true", help="also reach the vitamin D target"
    )
    parser.add_argument(
        "--include-water", action="store_true", help="also reach the water target (tap water too)"
    )
    parser.add_argument(
        "--meal",
        choices=(AUTO_MEAL, *MEALS),
        default=AUTO_MEAL,
        help="meal new foods go to (default: auto, the meal each food belongs to)",
    )
    parser.add_argument(
        "--format", choices=("json", "table"), default="json", help="default: json (a menu file)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: Any) -> int:
    # Imported here: the window starts through this parser and needs none of it (the
    # solver brings scipy and HiGHS).
    from planner.core.advice.exclusions import allowed_food_ids
    from planner.core.advice.optimizer import complete_menu

    profile = profile_from_args(args)
    foods: FoodTable = context.foods()
    exclusions = exclusions_from_args(args, foods)
    options = options_from_args(args)
    menu = read_menu(args.menu, known=foods.__contains__)
    intakes = context.intakes()
    targets = intakes.targets(profile)
    allowed = allowed_food_ids(foods, exclusions, profile)
    completion = complete_menu(menu, foods, targets, allowed, options, familiar=context.familiar())
    if args.format == "json":
        print_json(completion_json(completion, profile, foods))
    else:
        print(visible(completion_text(completion, foods, profile), TEXT_CONTROLS), end="")
        missing = intakes.missing_note(profile, CHART_KEYS)
        if missing:
            print(f"\n{missing}")
    return 0


def options_from_args(args: argparse.Namespace) -> CompletionOptions:
    try:
        return CompletionOptions(
            max_portions_per_food=args.max_portions,
            max_new_foods=args.max_new_foods,
            objective=args.objective,
            include_vitamin_d=args.include_vitamin_d,
            include_water=args.include_water,
            max_kcal=args.max_kcal,
            meal=args.meal,
        )
    except InputError as exc:
        raise InputError("command line", FLAGS.get(exc.place, exc.place), exc.message) from None


def completion_json(completion: Completion, profile: Profile, foods: FoodTable) -> dict[str, Any]:
    """The completed menu as a menu file (CONTRACTS), with a ``completion`` key beside it."""
    before, after = completion.before, completion.after
    nutrients = []
    for key in TABLE_KEYS:
        t = after[key].target
        nutrients.append(
            {
                "key": key,
                "unit": BY_KEY[key].unit.split()[0],
                "before": _round(before[key].amount),
                "after": _round(after[key].amount),
                "target": t.value if t else None,
                "percent_before": _round(before[key].percent, 1),
                "percent_after": _round(after[key].percent, 1),
            }
        )
    return {
        "format": MENU_FORMAT,
        "version": VERSION,
        **menu_to_dict(completion.menu),
        "completion": {
            "status": completion.status,
            "profile": profile.to_dict(),
            "aimed_at": list(completion.aimed_at),
            "added": [_added_json(a, foods) for a in completion.additions],
            "added_kcal": _round(completion.added_kcal, 1),
            "added_grams": _round(completion.added_grams, 1),
            "unmet": [
                {
                    "nutrient": s.key,
                    "reached": _round(s.reached),
                    "target": s.target,
                    "unit": BY_KEY[s.key].unit.split()[0],
                    "reason": s.reason,
                }
                for s in completion.shortfalls
            ],
            "over_limits": list(completion.over_limits),
            "notes": list(completion.notes),
            "nutrients": nutrients,
        },
    }


def completion_text(completion: Completion, foods: FoodTable, profile: Profile) -> str:
    """A readable summary: what was added, each nutrient before and after, what is unmet."""
    outcome = {
        "complete": "every target reached",
        "partial": "not every target can be reached (best partial result below)",
        "nothing-needed": "every target is already reached; nothing added",
    }[completion.status]
    if completion.nothing_aimed:  # not "reached": there is nothing to reach
        outcome = "this profile has no target to aim at; nothing added"
    lines = [
        f"Completing {completion.menu.name!r} for {profile.describe()}: {outcome}",
        "",
    ]
    if completion.additions:
        rows = []
        for a in completion.additions:
            kcal = foods.value(a.food, "energy") * a.grams / 100.0
            name = foods.name(a.food) + (" (more)" if a.raises else "")
            rows.append([name, fmt_amount(a.grams), fmt_amount(kcal), a.meal])
        total = ["Total added", fmt_amount(completion.added_grams)]
        rows.append([*total, fmt_amount(completion.added_kcal), ""])
        header = ["Added food", "g", "kcal", "Meal"]
        lines.append(text_table(header, rows, right={1, 2}))
    rows = []
    for key in TABLE_KEYS:
        n, before, after = BY_KEY[key], completion.before[key], completion.after[key]
        t = after.target
        rows.append(
            [
                n.label + (" *" if key in completion.aimed_at else ""),
                fmt_amount(before.amount),
                fmt_amount(after.amount),
                fmt_amount(t.value) if t else "-",
                n.display_unit,
                f"{fmt_percent(before.percent)} → {fmt_percent(after.percent)}" if t else "",
            ]
        )
    header = ["Nutrient", "Before", "After", "Target", "Unit", "% of target"]
    lines.append(text_table(header, rows, right={1, 2, 3}))
    lines.append("* aimed at")
    for title, entries in (
        ("Unmet targets", [s.reason for s in completion.shortfalls]),
        ("Already over a limit", list(completion.over_limits)),
        ("Notes", list(completion.notes)),
    ):
        if entries:
            lines += ["", f"{title}:", *(f"  {entry}" for entry in entries)]
    return "\n".join(lines) + "\n"


def _added_json(addition: Addition, foods: FoodTable) -> dict[str, Any]:
    """One addition: its food, meal and grams, the portions added beside them where the
    row counts in portions, and whether it raises a row already on the menu."""
    entry: dict[str, Any] = {"food": addition.food, "meal": addition.meal}
    if addition.item.portions is not None:
        entry["portions"] = _round(addition.grams / foods.portion_g(addition.food), 4)
    entry["grams"] = _round(addition.grams, 1)
    entry["raises"] = addition.raises
    return entry


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)
