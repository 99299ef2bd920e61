"""Completing a menu: the most plausible additions that reach every target.

``complete_menu`` adds allowed foods in half-serving steps of realistic servings
(servings.py), never past a food's daily cap, at most a few servings of one food and a
few new foods, so that every aimed-at nutrient reaches its target while no ceiling
(ceilings.py: charted upper limits, sodium and the guard nutrients) is crossed. Foods
already on the menu are raised rather than added twice, and new ones go to the meal they
belong to (completion_meals.py). The program is built in completion_problem.py,
shortlisted in completion_shortlist.py and solved in completion_solver.py. When no menu
can meet every target, each unmet one is explained and the best partial menu is offered:
the least total shortfall (in percent of each target), then the least cost.

Whatever the solver answers is re-checked with coverage.py, the numbers a user sees.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core.advice.completion_meals import Addition, completed_menu, place
from planner.core.advice.completion_options import CompletionOptions
from planner.core.advice.completion_problem import CompletionProblem, build_problem
from planner.core.advice.completion_shortlist import proven_optimal, shortlist
from planner.core.advice.completion_solver import solve_exact, solve_relaxed
from planner.core.advice.servings import servings_of
from planner.core.advice.suggestions import current_amounts, gaps
from planner.core.data.ceilings import ceiling_phrase, ceilings, in_text
from planner.core.data.foods import FoodTable, food_names
from planner.core.data.formatting import fmt_amount
from planner.core.data.intakes import Target
from planner.core.data.nutrients import BY_KEY, KEYS
from planner.core.menus.coverage import Coverage, compute_coverage
from planner.core.menus.menu import Menu, MenuItem

STATUSES = ("complete", "partial", "nothing-needed")
# Rows are in fractions of a target or ceiling. The first solve asks for a hair more than
# the bound (floating-point sums differ in the last digits); HiGHS accepts a row off by
# its feasibility tolerance (1e-6), so should coverage find a target missed or a limit
# crossed all the same, the solve is repeated asking for ten times that.
MARGINS = (1e-9, 1e-5)
# A partial menu's reasons name the limits and caps it has used this share of.
NEARLY_FULL = 0.9


class Cancelled(Exception):
    """``should_cancel`` said stop; nothing was changed."""


@dataclass(frozen=True)
class Shortfall:
    """A target the completed menu still misses, and why."""

    key: str
    reached: float  # known total in the completed menu, report units
    target: float
    reason: str  # starts with the nutrient: "vitamin D: no allowed food gives enough ..."


@dataclass(frozen=True)
class Completion:
    """What ``complete_menu`` found; ``menu`` is the original with ``additions`` made
    (raised rows changed in place, new rows appended).

    ``status``: ``complete`` (every aimed-at target met), ``partial`` (the best menu
    found, ``shortfalls`` saying what is missed and why) or ``nothing-needed``.
    ``over_limits``: ceilings the menu had crossed before anything was added (adding
    food cannot lower them; nothing added carries more of them). ``before`` and
    ``after``: coverage of the two menus, computed by coverage.py.
    """

    status: str
    menu: Menu
    additions: tuple[Addition, ...]
    aimed_at: tuple[str, ...]
    shortfalls: tuple[Shortfall, ...]
    over_limits: tuple[str, ...]
    notes: tuple[str, ...]
    before: Coverage
    after: Coverage
    added_kcal: float | None  # None when an added food's energy is unknown
    added_grams: float

    @property
    def added(self) -> tuple[MenuItem, ...]:
        """The new rows, in order."""
        return tuple(a.item for a in self.additions if not a.raises)

    @property
    def raised(self) -> tuple[Addition, ...]:
        """The additions that raise a row already on the menu."""
        return tuple(a for a in self.additions if a.raises)

    @property
    def nothing_aimed(self) -> bool:
        """Nothing needed because there is no target to aim at (not because all are met)."""
        return self.status == "nothing-needed" and not self.aimed_at


def complete_menu(
    menu: Menu,
    foods: FoodTable,
    targets: Mapping[str, Target],
    allowed_ids: pd.Index,
    options: CompletionOptions | None = None,
    should_cancel: Callable[[], bool] | None = None,
    familiar: Collection[str] = (),
) -> Completion:
    """Add allowed foods to ``menu`` so that every aimed-at target is met (see the module).

    ``allowed_ids`` come from exclusions.allowed_food_ids. ``familiar``: ids of the foods
    the user eats (their saved menus and plans), preferred to foods they never chose.
    ``should_cancel`` is asked between phases (a worker thread's stop flag): when it says
    yes, Cancelled is raised. A HiGHS solve can't be interrupted; ``options.time_limit``
    bounds it.
    """
    options = options or CompletionOptions()

    def check_cancel() -> None:
        if should_cancel is not None and should_cancel():
            raise Cancelled

    check_cancel()
    before = compute_coverage(menu, foods, targets)
    current = current_amounts(before)
    aimed = [k for k in options.aimed_keys() if k in targets and targets[k].value > 0]
    notes = [
        f"{in_text(k)}: no target for this profile, so it is not aimed at"
        for k in options.aimed_keys()
        if k not in aimed
    ]
    limits = ceilings(targets)
    energy = ["energy"] if options.max_kcal is not None else []
    notes += _unknown_in_menu(before, foods, [*aimed, *limits, *energy])
    over = _over_limits(current, limits, options.max_kcal)
    needed = gaps(before, targets, aimed)
    if not needed:
        return _completion(
            "nothing-needed", menu, [], before, before, aimed, {}, over, notes, foods
        )

    problem = build_problem(
        foods, allowed_ids, menu, needed, current, targets, limits, options, familiar
    )
    notes += problem.notes
    unreachable = _unreachable(problem, needed, current, targets, options)
    keep, pricing = shortlist(problem)
    search = problem.restricted(keep)
    for margin in MARGINS:
        check_cancel()
        found, exact, solve_notes = None, False, []
        if not unreachable:
            found, solve_notes = solve_exact(search, options.time_limit, margin)
            exact = found is not None
        if found is None:
            check_cancel()
            found, more = solve_relaxed(search, options.time_limit, margin)
            solve_notes += more
        steps = np.zeros(len(problem.ids), int)
        steps[keep] = found
        picks = [
            (str(problem.ids[j]), int(steps[j]), float(steps[j] * problem.step_g[j]))
            for j in np.flatnonzero(steps)
        ]
        additions = place(menu, foods, servings_of(foods), picks, options.meal)
        after = compute_coverage(completed_menu(menu, additions), foods, targets)
        if not _slipped(before, after, targets, aimed if exact else [], limits, options):
            break
    cost = float(search.cost @ found + search.new_cost * (found[search.is_new] > 0).sum())
    if not keep.all() and not (exact and proven_optimal(cost, keep, pricing)):
        solve_notes.append(
            f"searched the {keep.sum()} most promising of {len(keep):,} candidate foods; "
            "a more plausible menu may exist"
        )
    check_cancel()
    reasons = {**_bound_reasons(problem, steps, needed, options), **unreachable}
    return _completion(
        "complete", menu, additions, before, after, aimed, reasons, over, notes + solve_notes,
        foods,
    )  # fmt: skip


def _slipped(
    before: Coverage,
    after: Coverage,
    targets: Mapping[str, Target],
    claimed: Sequence[str],
    limits: Mapping[str, float],
    options: CompletionOptions,
) -> bool:
    """Whether coverage finds a claimed target missed, or a ceiling or the cap crossed."""
    amount = current_amounts(after)
    was = current_amounts(before)
    bounds = {**limits, **({"energy": options.max_kcal} if options.max_kcal else {})}
    return any(amount[k] < targets[k].value for k in claimed) or any(
        amount[k] > max(bound, was[k]) for k, bound in bounds.items()
    )


# --- explaining -----------------------------------------------------------------------------


def _unreachable(
    problem: CompletionProblem,
    needed: Mapping[str, float],
    current: pd.Series,
    targets: Mapping[str, Target],
    options: CompletionOptions,
) -> dict[str, str]:
    """Targets no menu can meet even alone, ceilings aside: nutrient -> reason.

    The most a nutrient can gain is every on-menu candidate and the N richest new ones,
    each at the per-food cap; when even that falls short, no solve is needed to say so.
    """
    p = options.max_portions_per_food
    within = f"its daily cap or {p} serving{'s' if p != 1 else ''}"
    reasons = {}
    for key in problem.gap_keys:
        most = problem.step[key].to_numpy(float) * problem.max_steps
        new_best = np.sort(most[problem.is_new])[::-1][: problem.max_new]
        reach = most[~problem.is_new].sum() + new_best.sum()
        if reach >= needed[key]:
            continue
        unit = BY_KEY[key].display_unit
        best = f"(best reachable: {fmt_amount(current[key] + reach)} of "
        best += f"{fmt_amount(targets[key].value)} {unit})"
        if options.max_new_foods == 0:
            why = f"the foods on the menu give too little within {within} more of each, "
            why += f"and no new food is allowed {best}"
        elif reach == 0:
            why = "no allowed food with a known value gives any"
        elif options.max_new_foods == 1 or len(problem.ids) == 1:
            why = f"no allowed food gives enough within {within} {best}"
        else:
            why = f"no {options.max_new_foods} allowed foods give enough, each within {within} "
            why += best
        if problem.blocked_by:
            why += f", with {_join(problem.blocked_by)} already reached"
        reasons[key] = f"{in_text(key)}: {why}"
    return reasons


def _bound_reasons(
    problem: CompletionProblem,
    steps: np.ndarray,
    needed: Mapping[str, float],
    options: CompletionOptions,
) -> dict[str, str]:
    """Why targets stay missed in a partial menu: the ceilings and caps it runs into."""
    used = problem.cap_rows @ steps
    # A cap is in the way when the menu found uses nine tenths of the room it left.
    tight = [
        name
        for name, amount, room in zip(problem.cap_names, used, problem.room, strict=True)
        if room == 0 or amount >= NEARLY_FULL * room
    ]
    if (steps[problem.is_new] > 0).sum() >= problem.max_new:
        tight.append(f"{problem.max_new} new food{'s' if problem.max_new != 1 else ''}")
    if (steps >= problem.max_steps).any():
        tight.append("each food's daily cap")
    within = _join(tight) if tight else "the limits and caps"
    reasons = {}
    for row, key in enumerate(problem.gap_keys):
        if problem.gap_rows[row] @ steps < problem.need[row]:
            reasons[key] = (
                f"{in_text(key)}: together with the other targets, no menu reaches it "
                f"within {within}"
            )
    return reasons


def _completion(
    status: str,
    menu: Menu,
    additions: Sequence[Addition],
    before: Coverage,
    after: Coverage,
    aimed: Sequence[str],
    reasons: Mapping[str, str],
    over: list[str],
    notes: list[str],
    foods: FoodTable,
) -> Completion:
    """The Completion; what is unmet is what coverage.py finds unmet in ``after``."""
    targets = {k: after[k].target for k in aimed}
    reached = current_amounts(after)
    shortfalls = tuple(
        Shortfall(
            key,
            float(reached[key]),
            targets[key].value,
            reasons.get(key, f"{in_text(key)}: no menu within the limits and caps reaches it"),
        )
        for key in aimed
        if reached[key] < targets[key].value
    )
    if status != "nothing-needed":
        status = "partial" if shortfalls else "complete"
    grams = np.array([a.grams for a in additions], float)
    energy = foods.rows([a.food for a in additions])[:, KEYS.index("energy")]
    kcal = float(energy @ grams) / 100.0  # NaN when an added food's energy is unknown
    return Completion(
        status=status,
        menu=completed_menu(menu, additions),
        additions=tuple(additions),
        aimed_at=tuple(aimed),
        shortfalls=shortfalls,
        over_limits=tuple(over),
        notes=tuple(notes),
        before=before,
        after=after,
        added_kcal=None if np.isnan(kcal) else kcal,
        added_grams=float(grams.sum()),
    )


def _over_limits(
    current: pd.Series, limits: Mapping[str, float], max_kcal: float | None
) -> list[str]:
    """Messages for ceilings the menu crossed before anything was added."""
    over = [
        f"{in_text(k)}: the menu already holds {fmt_amount(current[k])} "
        f"{BY_KEY[k].display_unit}, over {ceiling_phrase(k, v)}; adding food cannot lower it, "
        "so nothing added carries more"
        for k, v in limits.items()
        if current[k] > v
    ]
    if max_kcal is not None and current["energy"] > max_kcal:
        over.append(
            f"energy: the menu already holds {fmt_amount(current['energy'])} kcal, over the "
            f"{fmt_amount(max_kcal)} kcal cap; nothing added carries energy"
        )
    return over


def _unknown_in_menu(before: Coverage, foods: FoodTable, keys: Sequence[str]) -> list[str]:
    return [
        f"{in_text(k)}: the menu's total counts known values only "
        f"(unknown for {food_names(foods, pd.Index(before[k].unknown_foods))})"
        for k in dict.fromkeys(keys)
        if before[k].unknown_foods
    ]


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
