"""Property tests: random Markdown never breaks the scanner; a URL is found exactly once
outside code and never inside it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.page import line_col
from enrich.scan import classify, scan_text
from enrich.scan.reserved import RESERVED_NAMES

SNIPPETS = [
    "```",
    "~~~",
    "`",
    "``",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "- ",
    "* ",
    "1. ",
    "> ",
    "# ",
    "<!--",
    "-->",
    '<a href="',
    '">',
    "<img src='",
    "'>",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "]: ",
    "<",
    ">",
    "\\",
    "*",
    "_",
    "|",
    "---\n",
    "+++\n",
    "title: x\n",
    "\ufeff",
    "&amp;",
    "%3A",
    "+",
    "https://github.com/",
    "http://www.github.com/",
    "www.github.com/",
    "https://img.shields.io/github/stars/",
    "owner/repo",
    "a/b/pull/1",
    "a/b/issues/2",
    "a/b/issues?q=author%3Ax+is%3Apr",
    "pulls?q=is%3Apr",
    "search?q=repo%3Aa%2Fb",
    "features",
    "a/b.git",
    "?style=social",
    "#x",
    ".",
    ",",
    "ü",
    "😀",
]

markdown = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=6)), max_size=60).map(
    "".join
)

name = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,7}", fullmatch=True).filter(
    lambda s: s.lower() not in RESERVED_NAMES
)
repo_name = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,8}[A-Za-z0-9])?", fullmatch=True).filter(
    lambda s: not s.lower().endswith(".git") and ".." not in s
)


@st.composite
def github_urls(draw: st.DrawFn) -> str:
    owner, repo = draw(name), draw(repo_name)
    number = draw(st.integers(min_value=1, max_value=99999))
    return draw(
        st.sampled_from(
            [
                f"https://github.com/{owner}/{repo}",
                f"https://github.com/{owner}",
                f"https://github.com/{owner}/{repo}/pull/{number}",
                f"https://github.com/{owner}/{repo}/issues/{number}",
                f"https://github.com/{owner}/{repo}/issues?q=author%3A{owner}+is%3Apr",
                f"https://img.shields.io/github/stars/{owner}/{repo}?style=social",
                f"http://www.github.com/{owner}/{repo}/tree/main",
            ]
        )
    )


# Well-formed blocks: every fence, code span and comment is closed. No word is only dashes:
# a document opening with a "---" line and holding another is front matter, not Markdown.
words = st.text(alphabet="abc xyz.,;:!?*_-", min_size=1, max_size=30).filter(
    lambda s: s.strip(" -")
)
blocks = st.one_of(
    words,
    words.map(lambda w: f"- {w}\n- {w}\n    - nested {w}"),
    words.map(lambda w: f"> {w}"),
    words.map(lambda w: f"# {w}"),
    words.map(lambda w: f"```\n{w}\n```"),
    words.map(lambda w: f"~~~~ info\n```\n{w}\n~~~~"),
    words.map(lambda w: f"    {w}"),
    words.map(lambda w: f"text `{w}` and ``a ` b``"),
    words.map(lambda w: f"<!-- {w} -->"),
    words.map(lambda w: f"| {w} | b |\n|---|---|\n| 1 | 2 |"),
    words.map(lambda w: f"1. {w}\n\n   {w}"),
)
documents = st.lists(blocks, max_size=8)


@given(markdown)
@settings(max_examples=400, deadline=None)
def test_random_markdown_never_breaks_the_scanner(text: str) -> None:
    refs = scan_text(text)
    starts = [ref.start for ref in refs]
    assert starts == sorted(set(starts))
    for ref in refs:
        assert text[ref.start : ref.end] == ref.url
        assert (ref.line, ref.column) == line_col(text, ref.start)
        assert classify(ref.url) is not None
        assert ref.key


WRITINGS = [
    "[link]({url})",
    "![image]({url})",
    "<{url}>",
    "see {url} here.",
    '<a href="{url}">x</a>',
    "[ref]: {url}",
    "({url})",
]


@given(documents, st.integers(min_value=0, max_value=8), github_urls(), st.sampled_from(WRITINGS))
@settings(max_examples=300, deadline=None)
def test_a_url_outside_code_is_found_exactly_once(
    parts: list[str], where: int, url: str, writing: str
) -> None:
    inserted = writing.format(url=url)
    parts = [*parts[:where], inserted, *parts[where:]]
    text = "\n\n".join(parts) + "\n"
    offset = text.index(inserted) + inserted.index(url)
    refs = scan_text(text)
    assert [ref.start for ref in refs if ref.url == url] == [offset]


HIDINGS = [
    "```\n{url}\n```",
    "~~~\n[x]({url})\n~~~",
    "after a list this paragraph closes it\n\n    {url}",
    "a `{url}` b",
    "a ``[x]({url})`` b",
    "<!-- {url} -->",
    "<!--\n\n[x]({url})\n\n-->",
    "- item\n\n  ```\n  {url}\n  ```",
]


@given(documents, st.integers(min_value=0, max_value=8), github_urls(), st.sampled_from(HIDINGS))
@settings(max_examples=300, deadline=None)
def test_a_url_inside_code_is_never_found(
    parts: list[str], where: int, url: str, hiding: str
) -> None:
    parts = [*parts[:where], hiding.format(url=url), *parts[where:]]
    text = "\n\n".join(parts) + "\n"
    assert [ref for ref in scan_text(text) if ref.url == url] == []
