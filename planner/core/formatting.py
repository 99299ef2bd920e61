"""How numbers are shown to people (window and command line): sensible digits."""

from __future__ import annotations

import math


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


def fmt_percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} %"
