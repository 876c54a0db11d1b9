"""lastmod: spliced in the style it was written in, never re-dumped, only moved forward."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from enrich.page import splice
from enrich.render.frontmatter_edit import front_matter_span, lastmod_edit

NOW = datetime(2026, 11, 25, 9, 30, 15, 123456, tzinfo=UTC)


def bumped(text: str) -> str | None:
    edit = lastmod_edit(text, NOW)
    return None if edit is None else splice(text, [edit])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("2025-08-17T09:44:56+08:00", "2026-11-25T17:30:15+08:00"),
        ("2025-08-17T09:44:56-0500", "2026-11-25T04:30:15-0500"),
        ("2025-08-17T09:44:56Z", "2026-11-25T09:30:15Z"),
        ("2025-08-17T09:44:56", "2026-11-25T09:30:15"),
        ("2025-08-17 09:44", "2026-11-25 09:30"),
        ("2025-08-17 09:44:56 +08:00", "2026-11-25 17:30:15 +08:00"),
        ("2025-08-17T09:44:56.12Z", "2026-11-25T09:30:15.12Z"),
        ("2025-08-17", "2026-11-25"),
        ('"2025-08-17T09:44:56+08:00"', '"2026-11-25T17:30:15+08:00"'),
        ("'2025-08-17'", "'2026-11-25'"),
        ("2025-08-17  # set by hand", "2026-11-25  # set by hand"),
    ],
)
def test_value_keeps_its_style(old: str, new: str) -> None:
    before = f"---\ntitle: x  # c\nlastmod: {old}\ntags: [a, b]\n---\nbody\n"
    assert bumped(before) == before.replace(old, new)


def test_key_case_is_free_as_in_hugo() -> None:
    assert bumped("---\nlastMod: 2025-01-01\n---\n") == "---\nlastMod: 2026-11-25\n---\n"


def test_crlf_bom_and_toml() -> None:
    text = "\ufeff---\r\nlastmod: 2025-01-01T00:00:00Z\r\nz: 1\r\n---\r\nbody"
    assert bumped(text) == text.replace("2025-01-01T00:00:00Z", "2026-11-25T09:30:15Z")
    toml = '+++\ntitle = "x"\nlastmod = 2025-01-01T00:00:00+08:00\n+++\n'
    assert bumped(toml) == toml.replace("2025-01-01T00:00:00+08:00", "2026-11-25T17:30:15+08:00")


@pytest.mark.parametrize(
    "text",
    [
        "no front matter\nlastmod: 2025-01-01\n",
        "---\ntitle: x\n---\nlastmod: 2025-01-01\n",
        "---\nparams:\n  lastmod: 2025-01-01\n---\n",
        '+++\ntitle = "x"\n[params]\nlastmod = 2025-01-01\n+++\n',
        "---\nlastmod: {{ now }}\n---\n",
        "---\nlastmod: 2027-01-01\n---\n",
        "---\nlastmod: 2026-11-25\n---\n",
        "---\nlastmod: 2025-01-01\n",
    ],
)
def test_no_edit(text: str) -> None:
    assert lastmod_edit(text, NOW) is None


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        lastmod_edit("---\nlastmod: 2025-01-01\n---\n", datetime(2026, 1, 1))


def test_front_matter_span() -> None:
    text = "---\na: 1\n---\nbody"
    span = front_matter_span(text)
    assert span is not None
    assert text[span.content_start : span.content_end] == "a: 1\n"
    assert text[span.end :] == "body"
    assert front_matter_span("a\n---\n") is None


@pytest.mark.parametrize(
    "text",
    [
        "+++\nmatrix = [\n[1, 2],\n]\nlastmod = 2025-01-01\n+++\n",
        '+++\ndescription = """\n[enrich](https://example.org) draws\n"""\n'
        "lastmod = 2025-01-01\n+++\n",
    ],
)
def test_a_line_starting_with_a_bracket_is_not_always_a_table_header(text: str) -> None:
    edit = lastmod_edit(text, NOW)
    assert edit is not None
    assert "lastmod = 2026-11-25" in splice(text, [edit])
