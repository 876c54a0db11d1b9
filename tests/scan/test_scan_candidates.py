"""Where a bare URL starts: its scheme, what may stand before it, and URLs inside others.

These pin the candidate search (``enrich.scan.locate.iter_candidates``) where a faster
regex could quietly disagree with the rules in docs/scanning.md.
"""

from __future__ import annotations

import re
import sys

import pytest

from enrich.scan import scan_text
from enrich.scan.locate import _TAIL, _WHITESPACE, iter_candidates


def urls(text: str) -> list[str]:
    return [ref.url for ref in scan_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HTTPS://GitHub.com/cc/dd", ["HTTPS://GitHub.com/cc/dd"]),
        ("hTtP://github.com/cc/dd", ["hTtP://github.com/cc/dd"]),
        ("é https://github.com/cc/dd", ["https://github.com/cc/dd"]),
        ("=https://github.com/cc/dd", ["https://github.com/cc/dd"]),
        ("_https://github.com/cc/dd", ["https://github.com/cc/dd"]),
    ],
)
def test_scheme_in_any_case_after_a_non_word_character(text: str, expected: list[str]) -> None:
    assert urls(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "httpſ://github.com/cc/dd",  # U+017F folds to "s" case-insensitively, yet is no scheme
        "ftp://github.com/cc/dd",
        "éhttps://github.com/cc/dd",  # continues a word
        "2https://github.com/cc/dd",
        "x.https://github.com/cc/dd",
        "a/https://github.com/cc/dd",
        "a@https://github.com/cc/dd",
    ],
)
def test_not_a_scheme_or_part_of_a_longer_word(text: str) -> None:
    assert urls(text) == []


@pytest.mark.parametrize("outer", ["xhttps", "ftp", "httpſ"])
def test_a_url_in_the_query_of_a_url_that_is_no_candidate_is_not_found(outer: str) -> None:
    # The outer URL is not a reference, but the inner one is still part of it.
    text = f"see {outer}://github.com/aa/bb?u=https://github.com/cc/dd here"
    assert urls(text) == []
    assert list(iter_candidates(text)) == []


def test_candidates_merge_scheme_less_www_urls_in_order() -> None:
    text = "www.github.com/a/b https://github.com/c/d (www.github.com/e/f) http://github.com/g/h"
    starts = [start for start, _, _ in iter_candidates(text)]
    expected = ("www.github.com/a", "https", "www.github.com/e", "http:")
    assert starts == [text.index(s) for s in expected]


def test_the_tail_ends_at_exactly_the_whitespace_that_backslash_s_matches() -> None:
    # The candidate regex spells whitespace out (a lookup table is faster than \s): the two
    # must agree on every code point, or a URL would end at a different character.
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert re.findall(f"[{_WHITESPACE}]", every) == re.findall(r"\s", every)
    assert re.sub(_TAIL, "", every) == re.sub(r"[^\s<>\"'`\[\]{}|\\^]*", "", every)
