"""Numbers shown to people, and read back from what they type."""

from __future__ import annotations

import pytest

from planner.core.formatting import fmt_amount, read_number


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("2.5", 2.5),
        ("1,5", 1.5),  # a decimal comma
        ("12,25", 12.25),
        (" 3 ", 3.0),
        ("1,500", 1500.0),  # a thousands comma, as the planner shows amounts
        ("12,000.5", 12000.5),
        ("1,234,567", 1234567.0),
    ],
)
def test_typed_numbers_read_with_decimal_or_thousands_commas(typed, value):
    assert read_number(typed) == value


@pytest.mark.parametrize("typed", ["", "abc", "1,2,3", "1.500,5", "1,50,0"])
def test_what_is_no_number_is_refused(typed):
    with pytest.raises(ValueError):
        read_number(typed)


@pytest.mark.parametrize("value", [1500.0, 2300.0, 12000.0, 58.5, 0.367])
def test_a_shown_amount_reads_back_as_itself(value):
    """What the planner shows (``1,500``) means the same when typed back."""
    assert read_number(fmt_amount(value)) == value
