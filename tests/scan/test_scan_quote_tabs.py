"""A tab after a block quote's ``>``: one column is the marker's optional space, the rest
is indentation (CommonMark 5.1), as markdown-it-py reads it."""

from __future__ import annotations

import pytest

from enrich.scan import scan_text
from enrich.scan.blocks import inline_ranges

markdown_it = pytest.importorskip("markdown_it")  # installed with rich, a dependency

_PARSER = markdown_it.MarkdownIt("commonmark")
URL = "https://github.com/a/b"


def _in_code(text: str) -> bool:
    return any(token.type == "code_block" for token in _PARSER.parse(text) if URL in token.content)


def test_comment_after_space_and_tab_in_a_quote_is_no_indented_code() -> None:
    text = "> \t <!-- x -->a\n"
    assert [token.type for token in _PARSER.parse(text)][:2] == ["blockquote_open", "html_block"]
    # The rest of the comment's line is raw HTML: a range of its own, starting at "-->" + 3.
    assert list(inline_ranges(text)) == [(text.index("-->") + 3, len(text))]


@pytest.mark.parametrize(
    "text",
    [
        f">\t x {URL}\n",  # tab from column 1 to 4: the space taken, 2 columns + 1 = indent 3
        f" >\t  x {URL}\n",
        f"  >\t x {URL}\n",
        f"  >\t   x {URL}\n",  # a one-column tab: wholly taken, then 3 spaces
        f"- >\t x {URL}\n",
        f"> >\t x {URL}\n",
        f"> x\n>\t x {URL}\n",
    ],
)
def test_tab_after_quote_marker_leaves_paragraph_text(text: str) -> None:
    assert not _in_code(text)
    assert [ref.url for ref in scan_text(text)] == [URL]


@pytest.mark.parametrize(
    "text",
    [
        f">\t  x {URL}\n",  # indent 4: indented code inside the quote
        f"   >\t    x {URL}\n",
        f">\t\tx {URL}\n",
        f">   \tx {URL}\n",
        f"  >\t    x {URL}\n",
    ],
)
def test_tab_after_quote_marker_can_still_open_indented_code(text: str) -> None:
    assert _in_code(text)
    assert scan_text(text) == []


def test_comment_after_tab_in_a_quote_hides_its_urls_and_keeps_the_rest() -> None:
    text = f">\t <!-- {URL}/hidden -->{URL}\n"
    assert [ref.url for ref in scan_text(text)] == [URL]
