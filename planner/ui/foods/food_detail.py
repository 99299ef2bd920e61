"""The detail pane's text for one food: portion, USDA source, article lists, cautions."""

from __future__ import annotations

import numpy as np

from planner.core.advice.cautions import (
    PREGNANCY_REASON_TAGS,
    SALT_NOTE,
    never_suggested_reason,
    pregnancy_reasons,
)
from planner.core.data.categories import TAGS, aisle_label
from planner.core.data.ceilings import in_text
from planner.core.data.foods import FoodTable, raw_hint
from planner.core.data.formatting import fmt_amount
from planner.core.data.intakes import Target
from planner.core.data.nutrients import BY_KEY, KEYS, NUTRIENTS
from planner.core.data.profile import Profile
from planner.ui.widgets.text_colours import LIGHT, TextColours

# Where a food's values come from, by the food table's ``source`` column.
SOURCES = {
    "foods.csv": "USDA SR28 (the planner's own list)",
    "usda": "USDA SR28 (imported database)",
    "custom": "custom food (your own values)",
    "recipe": "recipe (values from its ingredients)",
}


def source_label(info) -> str:
    """Where one food (a row of ``FoodTable.info``) comes from, as a user reads it."""
    source = str(info.get("source", "") or "")
    return SOURCES.get(source, source or "USDA SR28")


def food_detail_html(
    foods: FoodTable,
    food_id: str,
    targets: dict[str, Target],
    colours: TextColours = LIGHT,
    profile: Profile | None = None,
) -> str:
    """HTML for the detail pane (QTextBrowser's subset of HTML), in ``colours``; ``profile``
    decides whether an infant food is suggested (under one year)."""
    info = foods.record(food_id)
    values = dict(zip(KEYS, foods.rows([food_id])[0].tolist(), strict=True))
    portion_g = float(info["portion_g"])
    import html  # here: its entity table costs start-up time, and no food is selected then

    e = html.escape
    parts = [f"<h3>{e(info['name'])}</h3>"]
    source = "USDA SR28" if info["usda_ndb"] else str(info.get("source", ""))
    if info["usda_ndb"]:
        parts.append(
            f"<p><b>USDA:</b> {e(info['usda_description'])}<br>"
            f"<span style='color:{colours.muted}'>NDB {e(info['usda_ndb'])}"
            + (f" · {e(info['usda_food_group'])}" if info.get("usda_food_group") else "")
            + "</span></p>"
        )
    portion = (
        "no household portion"
        if np.isnan(portion_g)
        else (f"1 portion = {e(str(info['portion_name']))} ({fmt_amount(portion_g)} g)")
    )
    parts.append(f"<p><b>Aisle:</b> {e(aisle_label(info['category']))} · {portion}</p>")
    parts.append(f"<p><b>Source:</b> {e(source_label(info))}</p>")

    tags = info["tags"]
    for reason in pregnancy_reasons(tags):
        parts.append(
            f"<p style='color:{colours.caution}'><b>⚠ Caution in pregnancy.</b> {e(reason)}</p>"
        )
    never = never_suggested_reason(tags, profile)
    if never:
        parts.append(
            f"<p style='color:{colours.muted}'>Never suggested: it is {e(never)}. "
            "You can still add it yourself.</p>"
        )
    hidden = {"pregnancy-caution", "no-shopping", *PREGNANCY_REASON_TAGS}
    shown_tags = [TAGS.get(t, t) for t in tags if t not in hidden]
    imported = info.get("source") == "usda"
    if shown_tags:
        parts.append(f"<p><b>Tags:</b> {e(', '.join(shown_tags))}</p>")
    if imported:
        # Imported foods are tagged from their SR28 group and name alone
        # (core/storage/usda_tags.py).
        parts.append(
            f"<p style='color:{colours.muted}'>Its tags come from its USDA food group and "
            "name, not from a list of ingredients: check the label for allergens.</p>"
        )

    lists = [in_text(k) for k in info["article_lists"] if k in BY_KEY]
    if lists:
        parts.append(f"<p><b>The source article lists it for:</b> {e(', '.join(lists))}.</p>")
    if "sodium" in info["article_lists"]:  # the article's salt remedy
        parts.append(
            f"<p style='color:{colours.warning}'><b>{e(SALT_NOTE)}</b> The article's "
            "advice to eat more salt for cramps has no evidence behind it.</p>"
        )
    unsupported = []
    for key in info["unsupported_claims"]:
        if key in BY_KEY:
            n = BY_KEY[key]
            amount = values[key] * n.food_to_report * portion_g / 100
            unsupported.append(
                f"{e(in_text(key))}: {fmt_amount(amount)} {e(n.display_unit)} a portion"
            )
    if unsupported:
        parts.append(
            f"<p style='color:{colours.warning}'><b>The data does not support the article "
            "here.</b> "
            f"One portion gives under 10 % of an adult's target ({source}):<br>"
            + "<br>".join(f"&nbsp;&nbsp;• {line}" for line in unsupported)
            + "</p>"
        )

    rows = []
    for n in NUTRIENTS:
        per100 = values[n.key] * n.food_to_report
        per_portion = per100 * portion_g / 100
        target = targets.get(n.key)
        share = (
            ""
            if target is None or target.value is None or np.isnan(per_portion)
            else (f"{100 * per_portion / target.value:.0f} %")
        )
        rows.append(
            f"<tr><td>{e(n.label)}</td><td align=right>{fmt_amount(per100)}</td>"
            f"<td align=right>{fmt_amount(per_portion)}</td><td>{e(n.display_unit)}</td>"
            f"<td align=right>{share}</td></tr>"
        )
    # 99 %: at any odd pane width Qt lays a natural-width table out 1 px too wide, which
    # shows a horizontal scroll bar that scrolls by one pixel.
    parts.append(
        "<table width=99% cellspacing=0 cellpadding=2><tr><th align=left>Nutrient</th>"
        "<th align=right>per 100&nbsp;g</th><th align=right>per portion</th><th></th>"
        "<th align=right>of your target</th></tr>" + "".join(rows) + "</table>"
    )
    if any(np.isnan(v) for v in values.values()):
        why = {
            "custom": "no value was given",
            "recipe": "an ingredient has no value",
        }.get(str(info.get("source", "")), "USDA has no value")
        parts.append(f"<p style='color:{colours.muted}'>? = {why}: unknown, not zero.</p>")
        hints = [
            f"{e(n.label)}: {e(hint)}."
            for n in NUTRIENTS
            if np.isnan(values[n.key]) and (hint := raw_hint(foods, food_id, n.key, long=True))
        ]
        if hints:
            parts.append(f"<p style='color:{colours.muted}'>" + "<br>".join(hints) + "</p>")
    return "\n".join(parts)
