"""A code span closes at a backtick run of exactly its opener's length (CommonMark 6.1)."""

from __future__ import annotations

import itertools
import re

import pytest

from enrich.scan.blocks import _closer, visible_spans


@pytest.mark.parametrize("size", [1, 2, 3])
def test_closer_finds_the_first_run_of_exactly_that_many_backticks(size: int) -> None:
    # The plain statement of the rule: not preceded nor followed by another backtick. The
    # scanner's pattern is written differently (for speed) and must find the same runs.
    rule = re.compile(f"(?<!`)`{{{size}}}(?!`)")
    for n in range(9):
        for chars in itertools.product("`a", repeat=n):
            text = "".join(chars)
            for pos in range(n + 1):
                expected = rule.search(text, pos)
                found = _closer(size).search(text, pos)
                assert (found and found.span()) == (expected and expected.span()), (text, pos)


@pytest.mark.parametrize(
    ("text", "visible"),
    [
        ("a `b` c", ["a ", " c"]),
        ("a ``b`c`` d", ["a ", " d"]),
        ("a ``b``` c", ["a ``b``` c"]),  # no run of exactly two closes it
        ("a ``b``` c `` d", ["a ", " d"]),
        ("x`a``b`y", ["x", "y"]),
    ],
)
def test_visible_spans_cut_code_spans(text: str, visible: list[str]) -> None:
    assert [text[start:end] for start, end in visible_spans(text, 0, len(text))] == visible
