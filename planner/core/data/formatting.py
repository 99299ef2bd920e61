"""How numbers are shown to people (window and command line), and read back from them."""

from __future__ import annotations

import math
import re


def fmt_amount(value: float | None) -> str:
    """``1,234``, ``58.5``, ``0.367``; ``?`` for unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "?"
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def count_of(count: int, word: str, plural: str | None = None) -> str:
    """``1 item``, ``2 items``, ``1,500 foods``: a count with its noun in agreement."""
    noun = word if count == 1 else (plural or f"{word}s")
    return f"{count:,} {noun}"


def fmt_percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} %"


# Thousands grouped with commas, as fmt_amount shows them: "1,500", "12,000.5".
_GROUPED = r"\d{1,3}(?:,\d{3})+(?:\.\d*)?"
_GROUPED_NUMBER = re.compile(rf"[+-]?{_GROUPED}")
# What an input validator lets people type for an amount (never negative): grouped
# thousands, or a decimal point or comma; read_number reads it.
AMOUNT_PATTERN = rf"{_GROUPED}|\d*(?:[.,]\d*)?"


def read_number(text: str) -> float:
    """A number as people type it: ``1,500`` with a thousands comma, as the planner shows
    amounts (so not 1.5), ``1,5`` or ``2.5`` with a decimal comma or point. Raises
    ValueError for anything else."""
    text = text.strip()
    if _GROUPED_NUMBER.fullmatch(text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))
