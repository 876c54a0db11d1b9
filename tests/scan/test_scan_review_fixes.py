"""Regressions found in review: escapes and quotes in link destinations, shields badges
that show something other than the repository's issue count."""

from __future__ import annotations

import pytest

from enrich.scan import scan_text


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[x](https://github.com/o/my\\_repo)", "repo:o/my_repo"),
        ("[x]: https://github.com/o/my\\_repo", "repo:o/my_repo"),
        (
            "[x](https://github.com/o/r/issues?q=is\\:pr+author\\:x)",
            "search:author:x is:pr repo:o/r",
        ),
        ('[x](https://github.com/o/r/issues?q=label:"bug")', "search:label:bug repo:o/r"),
        ('[x](https://github.com/o/r/issues?q=label:"a+b" "t")', "search:label:a b repo:o/r"),
    ],
)
def test_a_link_destination_holds_escapes_and_quotes(text: str, key: str) -> None:
    refs = scan_text(text)
    assert [ref.key for ref in refs] == [key]
    assert all(text[ref.start : ref.end] == ref.url for ref in refs)


def test_a_link_destination_still_ends_at_its_parenthesis() -> None:
    text = '[x](https://github.com/o/a)"q" [y](https://github.com/o/b)[z]'
    assert [ref.url for ref in scan_text(text)] == [
        "https://github.com/o/a",
        "https://github.com/o/b",
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://img.shields.io/github/issues/detail/state/o/r/979",
        "https://img.shields.io/github/issues/o/r/bug",
        "https://img.shields.io/github/issues-pr-raw/o/r/bug",
    ],
)
def test_issue_badges_of_one_issue_or_one_label_are_not_the_repository_count(url: str) -> None:
    assert scan_text(f"![b]({url})") == []
