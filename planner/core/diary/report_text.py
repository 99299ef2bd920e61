"""The report's wording: its figures as titled blocks of text and tables, which the PDF
(planner/export/diary_report.py) only lays out on pages."""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner import APP_NAME
from planner.core.data.formatting import count_of, fmt_amount
from planner.core.data.nutrients import BY_KEY
from planner.core.diary.doctor import LONG_MINUTES
from planner.core.diary.episode import BEFORE, FLAGS
from planner.core.diary.report import RECORD_NOT_DIAGNOSIS, Report, Spread

TITLE = "Cramp diary: a record for my doctor"


@dataclass(frozen=True)
class Block:
    """``kind``: title, subtitle, heading, text, note or table (``header``, ``rows``, the
    columns aligned right in ``right``)."""

    kind: str
    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    right: frozenset[int] = frozenset()


def _spread(spread: Spread | None, unit: str) -> str:
    if spread is None:
        return "none logged"
    return (
        f"lowest {spread.minimum:g}{unit}, median {spread.median:g}{unit}, "
        f"highest {spread.maximum:g}{unit}"
    )


def report_blocks(report: Report) -> list[Block]:
    r = report
    blocks = [
        Block("title", TITLE),
        Block(
            "subtitle",
            f"Nights of {r.first:%d %b %Y} to {r.last:%d %b %Y} ({count_of(r.nights, 'night')}) · "
            f"profile: {r.profile.describe()} · made {r.made:%d %b %Y} with {APP_NAME}",
        ),
        Block("note", RECORD_NOT_DIAGNOSIS),
        Block("heading", "Episodes"),
    ]
    per_week = "" if math.isnan(r.per_week) else f"; {r.per_week:.1f} nights with cramps a week"
    blocks.append(
        Block(
            "text",
            f"{count_of(len(r.episodes), 'episode')} on {r.nights_with} of "
            f"{count_of(r.nights, 'night')}{per_week}. A night runs from noon to noon: "
            "a cramp before noon counts to the night before.",
        )
    )
    blocks.append(
        Block(
            "table",
            header=("Week (nights)", "Nights", "Episodes", "Nights with cramps"),
            rows=tuple(
                (
                    f"{w.first:%d %b} – {w.last:%d %b %Y}",
                    str(w.nights),
                    str(w.episodes),
                    str(w.nights_with),
                )
                for w in r.weeks
            ),
            right=frozenset({1, 2, 3}),
        )
    )
    blocks.append(Block("heading", "Duration and severity"))
    blocks.append(Block("text", f"Duration: {_spread(r.minutes, ' min')}."))
    blocks.append(Block("text", f"Severity (0 to 10): {_spread(r.severity, '')}."))
    if r.episodes:
        blocks.append(
            Block(
                "text",
                f"Longer than {LONG_MINUTES:g} minutes: {count_of(r.long_episodes, 'episode')}.",
            )
        )
        blocks.append(
            Block(
                "table",
                header=("When", "Where", "Minutes", "Severity", "Before", "Note"),
                rows=tuple(
                    (
                        e.when_text,
                        e.where_text(),
                        f"{e.minutes:g}",
                        str(e.severity),
                        ", ".join(BEFORE[k].lower() for k in BEFORE if k in e.before),
                        e.note,
                    )
                    for e in r.episodes
                ),
                right=frozenset({2, 3}),
            )
        )
    blocks.append(Block("heading", "What came before"))
    blocks.append(
        Block(
            "table",
            header=("Ticked before an episode", "Episodes"),
            rows=tuple((label, str(r.before[k])) for k, label in BEFORE.items()),
            right=frozenset({1}),
        )
    )
    blocks.append(Block("heading", "New medicines noted"))
    if r.medicines:
        for e in r.medicines:
            blocks.append(Block("text", f"{e.when_text}: {e.note or '(no note of its name)'}"))
    else:
        blocks.append(Block("text", "No episode had a new medicine ticked."))
    blocks.append(Block("heading", "Signs noted"))
    signs = [
        f"{label}: {count_of(r.flags[k], 'episode')}" for k, label in FLAGS.items() if r.flags[k]
    ]
    blocks.append(
        Block("text", "; ".join(signs) + "." if signs else "None of the warning signs was ticked.")
    )
    blocks += _eaten_blocks(r)
    blocks.append(Block("note", RECORD_NOT_DIAGNOSIS))
    return blocks


def _eaten_blocks(r: Report) -> list[Block]:
    blocks = [Block("heading", "What was eaten (days tied to a menu)")]
    if not r.tied_days:
        blocks.append(
            Block(
                "text",
                "No day of the period is tied to a menu: nothing is assumed about what was eaten.",
            )
        )
        return blocks
    untied = r.nights - r.tied_days
    blocks.append(
        Block(
            "text",
            f"Average a day over the {count_of(r.tied_days, 'day')} tied to a menu; "
            f"{count_of(untied, 'day')} of the period {'has' if untied == 1 else 'have'} "
            "none and {} not counted. \u2265: some food's value is unknown, so the "
            "average is at least this.".format("is" if untied == 1 else "are"),
        )
    )
    rows = []
    for n in r.nutrients:
        unit = BY_KEY[n.key].display_unit
        amount = ("\u2265 " if n.lower_bound else "") + f"{fmt_amount(n.amount)} {unit}"
        target = "–" if n.target is None else f"{fmt_amount(n.target)} {unit} ({n.target_kind})"
        percent = "–" if n.percent is None else f"{n.percent:.0f} %"
        rows.append((BY_KEY[n.key].label, amount, target, percent))
    blocks.append(
        Block(
            "table",
            header=("Nutrient", "Average a day", "Target", "% of target"),
            rows=tuple(rows),
            right=frozenset({1, 2, 3}),
        )
    )
    blocks.append(Block("heading", "Upper limits crossed"))
    if not r.crossed:
        blocks.append(Block("text", "No tied day was above an upper limit that applies to food."))
    for c in r.crossed:
        unit = BY_KEY[c.key].display_unit
        at_least = "at least " if c.lower_bound else ""
        blocks.append(
            Block(
                "text",
                f"{c.day:%d %b %Y}: {BY_KEY[c.key].label} {at_least}{fmt_amount(c.amount)} {unit}, "
                f"above the upper limit of {fmt_amount(c.limit)} {unit}.",
            )
        )
    return blocks
