"""A plan's shopping list: foods summed over days and people, as bought, in purchase units."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from planner.core.data.categories import AISLES, PIECE_UNITS, aisle_label
from planner.core.data.foods import (
    FoodTable,
    as_bought_factors,
    bought_names,
    missing_food_name,
)
from planner.core.plans.plan import Plan
from planner.core.plans.shopping_state import ShoppingState

# Foods with this tag (tap water) are eaten but never bought.
NO_SHOPPING_TAG = "no-shopping"
# Supplied by the recipes code: a recipe's ingredients for ``grams`` of it, None for a plain
# food. Called once per food with its total grams, so an expansion must be proportional.
Expand = Callable[[str, float], list[tuple[str, float]] | None]

# Plural labels of the purchase units in categories.PIECE_UNITS.
UNIT_PLURALS: dict[str, str] = {
    "piece": "pieces",
    "bunch": "bunches",
    "pack": "packs",
    "bag": "bags",
    "bottle": "bottles",
    "can": "cans",
    "jar": "jars",
    "carton": "cartons",
    "tub": "tubs",
    "loaf": "loaves",
}
_AISLE_ORDER = {key: n for n, key in enumerate(AISLES)}
# Piece weights in foods.csv are rounded to 0.1 g (an egg is 56.8 g for 50 g edible at 12 %
# refuse), so 8 eggs can come out as 8.002 units: up to 1 % of a unit over a whole number
# is rounding, not a reason to buy one more.
UNIT_SLACK = 0.01


def unit_label(unit: str, count: float) -> str:
    """``piece`` for one, ``pieces`` for several."""
    return unit if count == 1 else UNIT_PLURALS.get(unit, f"{unit}s")


def fmt_weight(grams: float, about: bool = False) -> str:
    """``450 g``, ``1.35 kg`` (``1.3 kg`` when ``about``); grams over 100 to the nearest 10."""
    if math.isnan(grams):
        return "weight unknown"
    if grams <= 0:
        return "0 g"
    if grams < 1:
        return "under 1 g"
    rounded = round(grams) if grams < 100 else round(grams, -1)
    if rounded < 1000:
        return f"{rounded:.0f} g"
    kg = f"{grams / 1000:.{1 if about else 2}f}".rstrip("0").rstrip(".")
    return f"{kg} kg"


def fmt_volume(ml: float) -> str:
    """``250 ml``, ``1.5 L``: a drink's amount as its buyer reads it."""
    if ml < 1000:
        return f"{round(ml, -1 if ml >= 100 else 0):.0f} ml"
    return f"{ml / 1000:.2f}".rstrip("0").rstrip(".") + " L"


# An item whose food the library no longer has (a custom food deleted): what it was is
# unknown, so the list cannot say what to buy; its quantity and note say so.
CANNOT_BUY = "the food is no longer in your library: remove it from the plan's days"


@dataclass(frozen=True)
class ShoppingItem:
    """One line of a shopping list, as the exports and the window show it."""

    food: str
    name: str  # the form bought ("Lentils, dry")
    eaten_name: str  # the food as eaten ("Lentils, boiled"); the same for most foods
    aisle: str
    quantity: str
    edible_g: float
    as_bought_g: float
    units: float
    unit: str
    complete: bool
    known: bool
    ticked: bool
    in_pantry: bool

    @property
    def note(self) -> str:
        """Why the quantity may be off, or ``""``."""
        if not self.known:
            return CANNOT_BUY
        if not self.complete:
            return "some portions have no known weight"
        return ""


@dataclass(frozen=True)
class ShoppingList:
    """The rows of a plan's list, one per food, ordered by aisle (shop order) then name.

    ``rows`` is indexed by food id with the columns ``name`` (the form bought: foods.csv's
    ``bought_name`` where given, else the food's name), ``eaten_name``, ``category``, ``aisle``,
    ``edible_g`` (eaten, all days and people), ``refuse_pct``, ``as_bought_g``, ``unit``,
    ``unit_g``, ``units`` (whole units for piece units, kilograms for ``kg``, NaN when the
    food has no purchase unit), ``quantity`` (text), ``complete`` (False when some item
    had no known weight: the amounts are then a lower bound), ``known`` (in the food
    table), ``ticked`` and ``in_pantry``.
    """

    title: str
    days: int
    people: int
    rows: pd.DataFrame

    def __len__(self) -> int:
        return len(self.rows)

    def with_state(self, state: ShoppingState) -> ShoppingList:
        """The same list with the shopper's marks; marks of foods not listed are ignored."""
        rows = self.rows.copy()
        rows["ticked"] = rows.index.isin(list(state.ticked))
        rows["in_pantry"] = rows.index.isin(list(state.pantry))
        return ShoppingList(self.title, self.days, self.people, rows)

    def items(self) -> list[ShoppingItem]:
        columns = [f.name for f in fields(ShoppingItem)][1:]  # all but ``food``, the index
        # pandas yields Python scalars here, so the flags are real bools.
        return [ShoppingItem(food, *rest) for food, *rest in self.rows[columns].itertuples()]

    def aisles(self) -> list[tuple[str, list[ShoppingItem]]]:
        """The items grouped by aisle, aisles in shop order."""
        groups: dict[str, list[ShoppingItem]] = {}
        for item in self.items():
            groups.setdefault(item.aisle, []).append(item)
        return list(groups.items())

    def summary(self) -> str:
        """``7 days · 2 people``."""
        days = f"{self.days} day" + ("" if self.days == 1 else "s")
        people = f"{self.people} " + ("person" if self.people == 1 else "people")
        return f"{days} · {people}"


def item_rows(plan: Plan, foods: FoodTable) -> pd.DataFrame:
    """Every item of every day as a row: ``food`` and edible ``grams`` for all the people
    (a shared item times the people's shares summed, each person's own items as they are).

    Grams are NaN for an item counted in portions of a food with no portion weight.
    """
    ids: list[str] = []
    grams: list[float] = []
    portions: list[float] = []
    times: list[float] = []
    total_share = plan.total_share()
    for day in plan.days:
        listed = [(day.menu.items, total_share)]
        listed += [(day.own_items(p.name), 1.0) for p in plan.people]
        for items, factor in listed:
            for item in items:
                ids.append(item.food)
                grams.append(np.nan if item.grams is None else item.grams)
                portions.append(np.nan if item.portions is None else item.portions)
                times.append(factor)
    grams_a = np.asarray(grams, float)
    if ids:
        portion_g = foods.info["portion_g"].reindex(ids).to_numpy(float)
        grams_a = np.where(np.isnan(grams_a), np.asarray(portions, float) * portion_g, grams_a)
    return pd.DataFrame({"food": ids, "grams": grams_a * np.asarray(times, float)})


def shopping_list(plan: Plan, foods: FoodTable, expand: Expand | None = None) -> ShoppingList:
    """The plan's shopping list; ``expand`` turns recipes into their ingredients."""
    rows = item_rows(plan, foods)
    rows["unknown"] = rows["grams"].isna()
    totals = _summed(rows.rename(columns={"grams": "edible_g"}))
    if expand is not None:
        totals = _expanded(totals, expand)
    frame = _priced(totals, foods)
    return ShoppingList(plan.name, len(plan.days), len(plan.people), frame)


def _expanded(totals: pd.DataFrame, expand: Expand) -> pd.DataFrame:
    """Recipes replaced by their ingredients (one call per food), summed again."""
    ids: list[str] = []
    grams: list[float] = []
    unknown: list[bool] = []
    changed = False
    for food, g, u in zip(totals.index, totals["edible_g"], totals["unknown"], strict=True):
        parts = expand(food, float(g))
        if parts is None:
            parts = [(food, float(g))]
        else:
            changed = True
        for part, part_g in parts:
            ids.append(part)
            grams.append(part_g)
            unknown.append(bool(u))
    if not changed:
        return totals
    return _summed(pd.DataFrame({"food": ids, "edible_g": grams, "unknown": unknown}))


def _summed(rows: pd.DataFrame) -> pd.DataFrame:
    """Grams summed per food (unknown grams skipped) and whether any was unknown."""
    # A plain sum of both columns: several times quicker than named aggregation.
    totals = rows.groupby("food", sort=False)[["edible_g", "unknown"]].sum()
    totals["unknown"] = totals["unknown"] > 0
    return totals


def _priced(totals: pd.DataFrame, foods: FoodTable) -> pd.DataFrame:
    """Totals joined with the food table: aisles, as-bought weight, units and their text."""
    info = foods.info.reindex(totals.index)
    known = totals.index.isin(foods.ids)
    tags = info["tags"].to_numpy(object)
    bought = np.array([not (isinstance(t, tuple) and NO_SHOPPING_TAG in t) for t in tags], bool)
    edible = totals["edible_g"].to_numpy(float)
    unknown = totals["unknown"].to_numpy(bool)
    keep = bought & ((edible > 0) | unknown)
    totals, info, known = totals[keep], info[keep], known[keep]
    edible, unknown = edible[keep], unknown[keep]

    category = info["category"].fillna("other").to_numpy(object)
    refuse = info["refuse_pct"].to_numpy(float)
    unit = info["purchase_unit"].fillna("").to_numpy(object)
    unit_g = info["purchase_unit_g"].to_numpy(float)
    # Peel and bones (refuse), shelled nuts, dry goods that swell when cooked: foods.csv's
    # as_bought_factor says how many grams to buy per gram eaten.
    as_bought = edible * as_bought_factors(info).to_numpy(float)
    piece = np.isin(unit, list(PIECE_UNITS)) & (unit_g > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        pieces = np.ceil(as_bought / unit_g - UNIT_SLACK)
    pieces = np.where(as_bought > 0, np.maximum(pieces, 1.0), 0.0)
    units = np.where(piece, pieces, np.where(unit == "kg", as_bought / 1000.0, np.nan))
    unit = np.where(piece | (unit == "kg"), unit, "")

    # The form on the shelf ("Lentils, dry"), since the weights are as bought; "Missing
    # food: <id>" for a food the table no longer has (its note says it cannot be bought).
    ids = totals.index.to_numpy(object)
    gone = np.array([missing_food_name(f) for f in ids], dtype=object)
    frame = pd.DataFrame(
        {
            "name": np.where(known, bought_names(info).to_numpy(object), gone),
            "eaten_name": np.where(known, info["name"].to_numpy(object), gone),
            "category": category,
            "aisle": [aisle_label(c) for c in category],
            "edible_g": edible,
            "refuse_pct": refuse,
            "as_bought_g": as_bought,
            "unit": unit,
            "unit_g": np.where(piece, unit_g, np.nan),
            "units": units,
            "complete": ~unknown,
            "known": known,
        },
        index=pd.Index(totals.index, name="food"),
    )
    # Drinks in litres: their volume from a household measure that gives one (1 cup of
    # milk, 244 g in SR28, is 236.6 ml).
    ml_per_g = np.array(
        [_ml_per_g(foods, f) if k else np.nan for f, k in zip(ids, known, strict=True)]
    )
    # Fruit and vegetables bought by weight, whose portion is one whole piece (SR28's
    # "1 medium whole" tomato, 123 g): how many pieces the weight is, about.
    piece_g = np.array(
        [
            _piece_g(foods, f) if k and u in ("", "kg") else np.nan
            for f, k, u in zip(ids, known, unit, strict=True)
        ]
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        pieces_about = np.where(piece_g > 0, np.maximum(np.round(edible / piece_g), 1.0), np.nan)
    frame["quantity"] = [
        _with_pieces(quantity_text(u, un, b, e, c, k, v), n)
        for u, un, b, e, c, k, v, n in zip(
            units, unit, as_bought, edible, ~unknown, known, ml_per_g, pieces_about, strict=True
        )
    ]
    frame["ticked"] = False
    frame["in_pantry"] = False
    order = pd.DataFrame(
        {
            "aisle": [_AISLE_ORDER.get(c, _AISLE_ORDER["other"]) for c in category],
            "name": frame["name"].str.casefold().to_numpy(object),
            "food": frame.index.to_numpy(object),
        }
    )
    return frame.iloc[order.sort_values(["aisle", "name", "food"]).index.to_numpy()]


_WHOLE_PIECE = re.compile(r"^1 (?:\w+ )?(?:medium|large|small|whole|fruit|potato)\b")
WHOLE_CATEGORIES = frozenset({"fruit", "vegetables"})


def _piece_g(foods: FoodTable, food_id: str) -> float:
    """The edible grams of one whole fruit or vegetable, when the food's portion is one
    (``1 medium whole``, ``1 fruit``); else NaN."""
    try:
        if foods.cell(food_id, "category") not in WHOLE_CATEGORIES:
            return math.nan
        name = str(foods.cell(food_id, "portion_name") or "")
        return foods.portion_g(food_id) if _WHOLE_PIECE.match(name) else math.nan
    except KeyError:  # a table without portions
        return math.nan


def _with_pieces(text: str, pieces: float) -> str:
    """``540 g`` -> ``540 g (about 4 pieces)``."""
    if math.isnan(pieces) or "(" in text:
        return text
    return f"{text} (about {pieces:.0f} {'piece' if pieces == 1 else 'pieces'})"


def _ml_per_g(foods: FoodTable, food_id: str) -> float:
    """Millilitres in a gram of a drink (NaN for a food that is no drink, or whose
    portion gives no volume)."""
    from planner.core.data.household import ml_per_gram

    return ml_per_gram(foods, food_id)


def quantity_text(
    units: float,
    unit: str,
    as_bought_g: float,
    edible_g: float,
    complete: bool,
    known: bool,
    ml_per_g: float = math.nan,
) -> str:
    """What the shopper reads: ``7 pieces (about 1.3 kg)``, ``1 bag (99 g needed)``,
    ``1.35 kg``; a drink (``ml_per_g`` known) in litres: ``1 carton (1.5 L needed)``."""
    if not known:  # a food the library no longer has: what to buy is unknown
        if edible_g <= 0:
            return "cannot be bought (amount unknown)"
        eaten = f"{fmt_weight(edible_g)} eaten"
        return f"cannot be bought ({eaten if complete else f'at least {eaten}'})"
    if edible_g <= 0:
        return "amount unknown"
    if not math.isnan(ml_per_g):
        volume = fmt_volume(as_bought_g * ml_per_g)
        if unit in PIECE_UNITS and not math.isnan(units):
            text = f"{units:.0f} {unit_label(unit, units)} ({volume} needed)"
        else:
            text = volume
        return text if complete else f"at least {text}"
    if unit in PIECE_UNITS and not math.isnan(units):
        # 7 bananas weigh about 1.3 kg; a 500 g bag of lentils is not "about 99 g".
        weight = fmt_weight(as_bought_g, unit == "piece")
        detail = f"about {weight}" if unit == "piece" else f"{weight} needed"
        text = f"{units:.0f} {unit_label(unit, units)} ({detail})"
    else:
        text = fmt_weight(as_bought_g)
    return text if complete else f"at least {text}"
