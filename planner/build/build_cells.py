"""Cells of the build's CSV files: ``;``-separated lists and faults named by line and column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from planner.core.errors import InputError


def fail_where(
    mapping: pd.DataFrame, source: Path, mask: pd.Series, column: str, message: str
) -> None:
    """Raise for the first row where ``mask`` holds; ``{}`` in message is that cell."""
    if mask.any():
        row = int(mask.idxmax())
        # Line as an editor shows it: the header is line 1, one food a line.
        place = f"line {row + 2}, column {column}"
        raise InputError(source, place, message.format(mapping.at[row, column]))


def cell_items(cells: pd.Series) -> pd.Series:
    """The parts of ``;``-separated cells, one a row, indexed by the row they come from."""
    items = cells.str.split(";").explode().str.strip()
    return items[items.notna() & (items != "")]
