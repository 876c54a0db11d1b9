"""Number formats: exact, compact and floor-plus are truthful (never above the value)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enrich.render.numbers import (
    NumberFormat,
    format_compact,
    format_exact,
    format_floor,
    format_number,
    parse_shown,
)

COUNTS = st.integers(min_value=0, max_value=10**15)


@pytest.mark.parametrize(
    ("value", "exact", "compact", "floor"),
    [
        (0, "0", "0", "0"),
        (7, "7", "7", "7"),
        (10, "10", "10", "10+"),
        (37, "37", "37", "30+"),
        (99, "99", "99", "90+"),
        (100, "100", "100", "100+"),
        (149, "149", "149", "100+"),
        (180, "180", "180", "150+"),
        (230, "230", "230", "200+"),
        (999, "999", "999", "950+"),
        (1000, "1,000", "1k", "1k+"),
        (1050, "1,050", "1k", "1k+"),
        (1234, "1,234", "1.2k", "1.2k+"),
        (98150, "98,150", "98.1k", "98.1k+"),
        (99999, "99,999", "99.9k", "99.9k+"),
        (123456, "123,456", "123k", "123k+"),
        (999999, "999,999", "999k", "999k+"),
        (1250000, "1,250,000", "1.2M", "1.2M+"),
        (3_400_000_000, "3,400,000,000", "3.4B", "3.4B+"),
    ],
)
def test_formats_of_known_values(value: int, exact: str, compact: str, floor: str) -> None:
    assert format_exact(value) == exact
    assert format_compact(value) == compact
    assert format_floor(value) == floor
    assert format_number(value, NumberFormat.EXACT) == exact
    assert format_number(value, NumberFormat.COMPACT) == compact
    assert format_number(value, NumberFormat.FLOOR) == floor


@given(COUNTS, st.sampled_from(list(NumberFormat)))
def test_no_format_claims_more_than_the_value(value: int, fmt: NumberFormat) -> None:
    assert parse_shown(format_number(value, fmt)) <= value


@given(COUNTS)
def test_floor_plus_is_monotonic_and_close(value: int) -> None:
    shown = parse_shown(format_floor(value))
    assert shown <= parse_shown(format_floor(value + 1))
    # never lower than half the value: "30+" for 59 is the loosest it gets below 1,000
    assert value < 10 or shown > value / 2


@given(COUNTS)
def test_compact_keeps_at_least_two_significant_digits(value: int) -> None:
    shown = parse_shown(format_compact(value))
    assert value - shown < max(1, value / 10)


@given(st.integers(min_value=-(10**9), max_value=-1), st.sampled_from(list(NumberFormat)))
def test_negative_values_are_exact(value: int, fmt: NumberFormat) -> None:
    assert format_number(value, fmt) == format_exact(value)
