"""``foods``: browse, search and rank every food the library knows."""

from __future__ import annotations

import argparse
from typing import Any

import numpy as np
import pandas as pd

from planner.cli.common import csv_text, print_json, text_table
from planner.core.data.formatting import fmt_amount
from planner.core.data.nutrients import BY_KEY, KEYS
from planner.core.data.ranking import NOT_APPLICABLE, PER_CHOICES, amounts_per, basis_gaps, rank
from planner.core.data.search import ranked_ids
from planner.core.errors import InputError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("foods", help="browse and rank foods")
    parser.add_argument(
        "--search",
        default="",
        metavar="TEXT",
        help="foods with words starting so in the name or USDA description",
    )
    parser.add_argument(
        "--rich-in", choices=KEYS, metavar="NUTRIENT", help=f"rank by a nutrient: {', '.join(KEYS)}"
    )
    parser.add_argument(
        "--per", choices=tuple(PER_CHOICES), default="100g", help="amounts per; default: 100g"
    )
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="at most N foods")
    parser.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="default: table"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: Any) -> int:
    if args.limit is not None and args.limit < 0:
        raise InputError("command line", "--limit", "must be 0 or more")
    foods = context.foods()
    ids = pd.Index(ranked_ids(foods, args.search)) if args.search else foods.ids
    # Without --rich-in, list the matches best first (as the window does), or every food
    # by name, and show their energy.
    key = args.rich_in or "energy"
    if args.rich_in:
        amounts = rank(foods, key, args.per, ids)
    elif args.search:
        amounts = amounts_per(foods, key, args.per).loc[ids]
    else:
        amounts = amounts_per(foods, key, args.per).loc[ids]
        amounts = amounts.iloc[
            np.argsort(foods.info.loc[ids, "name"].str.casefold().to_numpy(), kind="stable")
        ]
    if args.limit is not None:
        amounts = amounts.iloc[: args.limit]
    unit = BY_KEY[key].unit
    per = PER_CHOICES[args.per]
    records = [
        {
            "id": fid,
            "name": foods.name(fid),
            "amount": None if np.isnan(a) else round(float(a), 4),
            "unit": unit,
            "per": args.per,
        }
        for fid, a in amounts.items()
    ]
    if args.format == "json":
        print_json(records)
    elif args.format == "csv":
        print(
            csv_text(
                ["id", "name", "amount", "unit", "per"],
                [[r["id"], r["name"], r["amount"], unit, args.per] for r in records],
            ),
            end="",
        )
    else:
        label = BY_KEY[key].label
        # n/a where a known value has no amount on the basis (per 100 kcal of tap water),
        # ? where the value is unknown, as the window shows them.
        gaps = dict(zip(foods.ids, basis_gaps(foods, args.per), strict=True))
        known = foods.values[key].notna()
        rows = [
            [
                r["id"],
                r["name"],
                "n/a"
                if r["amount"] is None and known[r["id"]] and gaps[r["id"]] in NOT_APPLICABLE
                else fmt_amount(r["amount"]),
                BY_KEY[key].display_unit,
            ]
            for r in records
        ]
        print(text_table(["Id", "Food", f"{label} {per}", "Unit"], rows, right={2}), end="")
        if any(row[2] == "n/a" for row in rows):
            print(
                "n/a: the food has no calories or no portion weight, so the basis does not apply."
            )
        if not records:
            print("No food matches." if args.search else "No foods.")
    return 0
