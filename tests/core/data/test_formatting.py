"""Numbers shown to people, and read back from what they type."""

from __future__ import annotations

import re

import pytest

from planner.core.data.formatting import AMOUNT_PATTERN, fmt_amount, read_number


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


@pytest.mark.parametrize("typed", ["1,500", "1,500.25", "2.5", "2,5", "12", ".5", "3."])
def test_what_the_amount_pattern_lets_through_reads_as_a_number(typed):
    assert re.fullmatch(AMOUNT_PATTERN, typed)
    read_number(typed)  # no ValueError


@pytest.mark.parametrize("typed", ["-2", "1e3", "abc", "1,2,3", "2.5.1"])
def test_the_amount_pattern_stops_signs_exponents_and_letters(typed):
    assert not re.fullmatch(AMOUNT_PATTERN, typed)
