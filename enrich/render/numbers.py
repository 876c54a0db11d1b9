"""Number formats for figures shown in pages and cards.

Every format is *truthful*: the shown number never exceeds the real one, so a sentence
such as "30+ contributions" or "98.1k stars" stays true as the figure grows.

- ``exact``: thousands separators, ``1,234``.
- ``compact``: below 1,000 exact; from 1,000 a unit (``k``, ``M``, ``B``, ``T``) with one
  decimal while the scaled value is below 100 and none from 100 up, **truncated** (never
  rounded up): ``98,150 -> 98.1k``, ``999,999 -> 999k``, ``1,250,000 -> 1.2M``,
  ``1,000 -> 1k`` (a ``.0`` is dropped).
- ``floor`` (floor-plus): the largest round number not above the value, with ``+``:
  ``0`` and 1-9 are shown exactly (``7``); 10-99 floor to tens (``37 -> 30+``); 100-999
  floor to fifties (``180 -> 150+``, ``230 -> 200+``); from 1,000 the compact form of the
  value with ``+`` (``1,234 -> 1.2k+``).

Negative values (never a GitHub count) are shown exactly in every format; pages, badges and
cards never get one: ``as_count`` turns a figure that is not a count (negative, a float, a
string, a hand edit of the stats file) into ``None``, which they treat as a missing figure.
"""

from __future__ import annotations

from enum import StrEnum


class NumberFormat(StrEnum):
    """How a number is written into a page or card."""

    EXACT = "exact"
    COMPACT = "compact"
    FLOOR = "floor"


def as_count(value: object) -> int | None:
    """``value`` when it is a count (an ``int`` >= 0, not a ``bool``), else ``None``.

    Every GitHub figure enrich shows is a count; anything else in the stats file was edited
    by hand or is corrupt, and showing it (``-5``, ``3.7``) would be untrue.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


_UNITS = ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "k"))


def format_exact(value: int) -> str:
    """``1234 -> "1,234"``."""
    return f"{value:,}"


def format_compact(value: int) -> str:
    """``98150 -> "98.1k"``: one decimal below 100 units, truncated, never rounded up."""
    if value < 1000:
        return format_exact(value)
    for size, unit in _UNITS:
        if value >= size:
            whole, rest = divmod(value, size)
            if whole >= 100:
                return f"{whole:,}{unit}"
            tenth = rest * 10 // size
            return f"{whole}{unit}" if tenth == 0 else f"{whole}.{tenth}{unit}"
    raise AssertionError("unreachable: value >= 1000 always has a unit")  # pragma: no cover


def floor_round(value: int) -> int:
    """The round number floor-plus shows for ``value`` below 1,000 (see the module doc)."""
    if value < 10:
        return value
    if value < 100:
        return value - value % 10
    return value - value % 50


def format_floor(value: int) -> str:
    """``37 -> "30+"``, ``180 -> "150+"``, ``1234 -> "1.2k+"``, ``7 -> "7"``, ``0 -> "0"``."""
    if value < 10:
        return format_exact(value)
    if value < 1000:
        return f"{floor_round(value)}+"
    return f"{format_compact(value)}+"


def format_number(value: int, fmt: NumberFormat) -> str:
    """Format ``value`` in ``fmt``."""
    if fmt is NumberFormat.EXACT:
        return format_exact(value)
    if fmt is NumberFormat.COMPACT:
        return format_compact(value) if value >= 0 else format_exact(value)
    return format_floor(value) if value >= 0 else format_exact(value)


def parse_shown(text: str) -> float:
    """The smallest value a formatted number claims (``"98.1k" -> 98100``, ``"30+" -> 30``).

    The inverse used by tests and checks: a format is truthful when
    ``parse_shown(format_number(n, fmt)) <= n``.
    """
    body = text.rstrip("+").replace(",", "")
    scale = 1
    for size, unit in _UNITS:
        if body.endswith(unit):
            body, scale = body[: -len(unit)], size
            break
    return float(body) * scale
