"""Marker parsing: figures, targets, formats, code masking and every bad-marker case."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.errors import MarkerError
from enrich.render.numbers import NumberFormat
from enrich.render.regions import parse_regions, region_refs
from enrich.scan.refs import Kind, SearchQuery, item_key

SEARCH_KEY = item_key(
    Kind.SEARCH, "pytorch", "pytorch", query=SearchQuery((("author", ("yewentao256",)),))
)


def one(text: str):  # type: ignore[no-untyped-def]
    regions = parse_regions(text, path="page.md")
    assert len(regions) == 1
    return regions[0]


def test_repo_marker_inner_span_and_place() -> None:
    text = "# T\n\nStars: <!-- enrich:stars PyTorch/PyTorch -->96.2k<!-- /enrich --> now\n"
    region = one(text)
    assert region.figure == "stars"
    assert region.key == "repo:pytorch/pytorch"
    assert region.stat == "stars"
    assert region.format is None
    assert text[region.start : region.end] == "96.2k"
    assert text[region.marker_start : region.start] == "<!-- enrich:stars PyTorch/PyTorch -->"
    assert text[region.end : region.marker_end] == "<!-- /enrich -->"
    assert (region.line, region.column) == (3, 8)


def test_search_marker_shares_the_key_of_the_link() -> None:
    region = one(
        "x <!-- enrich:contributions pytorch/pytorch author:yewentao256 format=floor -->"
        "30+<!-- /enrich -->"
    )
    assert region.key == SEARCH_KEY
    assert region.stat == "count"
    assert region.format is NumberFormat.FLOOR


def test_unscoped_search_user_and_qualifier_order() -> None:
    text = (
        "a <!-- enrich:merged_prs - is:pr author:X org:vllm-project -->1<!-- /enrich -->\n"
        "b <!-- enrich:merged_prs - org:vllm-project AUTHOR:x is:pr -->1<!-- /enrich -->\n"
        "c <!-- enrich:followers yewentao256 format=exact -->1<!-- /enrich -->\n"
    )
    first, second, user = parse_regions(text)
    assert first.key == second.key == "search:author:x is:pr org:vllm-project"
    assert user.key == "user:yewentao256"
    assert user.format is NumberFormat.EXACT


def test_template_marker_and_multiline_region() -> None:
    text = "<!-- enrich:template contributions-table user=me -->\n| a |\n<!-- /enrich -->\n"
    region = one(text)
    assert region.template == "contributions-table"
    assert region.param("user") == "me"
    assert region.key is None
    assert text[region.start : region.end] == "\n| a |\n"


def test_whitespace_inside_markers_is_allowed() -> None:
    region = one("x <!--enrich:forks a/b   -->1<!--/enrich--> y")
    assert region.figure == "forks"


def test_ordinary_comments_are_not_markers() -> None:
    assert parse_regions("x <!-- enriched by hand --> <!-- todo: enrich: later -->") == []


@pytest.mark.parametrize(
    "page",
    [
        "```\n<!-- enrich:stars a/b -->1<!-- /enrich -->\n```\n",
        "~~~md\n<!-- enrich:stars a/b -->1\n~~~\n",
        "para\n\n    <!-- enrich:stars a/b -->1<!-- /enrich -->\n",
        "Use `<!-- enrich:stars a/b -->1<!-- /enrich -->` in a page.\n",
        "Use `` <!-- enrich:stars a/b --> ` <!-- /enrich --> `` here.\n",
        "- item\n\n  ```\n  <!-- /enrich -->\n  ```\n",
        "---\ntitle: <!-- enrich:stars a/b -->\n---\nbody\n",
        "> quote `<!-- /enrich -->`\n",
    ],
)
def test_markers_in_code_and_front_matter_are_ignored(page: str) -> None:
    assert parse_regions(page) == []


def test_marker_after_code_is_found_and_escaped_backtick_opens_nothing() -> None:
    text = "\\`x <!-- enrich:stars a/b -->1<!-- /enrich --> y`\n"
    assert len(parse_regions(text)) == 1
    text = "```\ncode\n```\n\n<!-- enrich:stars a/b -->1<!-- /enrich -->\n"
    assert one(text).line == 5


@pytest.mark.parametrize(
    ("page", "line", "message"),
    [
        ("ok\n<!-- enrich:stars a/b -->1\n", 2, "never closed"),
        ("ok\n\n1<!-- /enrich -->\n", 3, "without an opening marker"),
        (
            "<!-- enrich:stars a/b -->\n<!-- enrich:forks a/b -->1<!-- /enrich -->",
            2,
            "nested",
        ),
        ("x <!-- enrich:starz a/b -->1<!-- /enrich -->", 1, "unknown figure 'starz'"),
        ("x <!-- enrich: -->1<!-- /enrich -->", 1, "unknown figure ''"),
        ("x <!-- enrich:stars a/b format=round -->1<!-- /enrich -->", 1, "bad format 'round'"),
        ("x <!-- enrich:stars a/b colour=red -->1<!-- /enrich -->", 1, "unknown option"),
        ("x <!-- enrich:stars -->1<!-- /enrich -->", 1, "needs a target"),
        ("x <!-- enrich:stars a/b/c -->1<!-- /enrich -->", 1, "bad target"),
        ("x <!-- enrich:stars a/b author:x -->1<!-- /enrich -->", 1, "needs an owner/repo"),
        ("x <!-- enrich:followers a/b -->1<!-- /enrich -->", 1, "needs a login"),
        ("x <!-- enrich:prs a/b -->1<!-- /enrich -->", 1, "needs a search"),
        ("x <!-- enrich:prs me author:me -->1<!-- /enrich -->", 1, "'- user:me'"),
        ("x <!-- enrich:prs - -->1<!-- /enrich -->", 1, "needs qualifiers"),
        ("x <!-- enrich:prs a/b author:x freetext -->1<!-- /enrich -->", 1, "unexpected"),
        ("x <!-- enrich:stars a/b\n -->1<!-- /enrich -->", 1, "no closing '-->'"),
        ("x <!-- enrich:stars a/b -->1<!-- /enrich now -->", 1, "malformed closing"),
        ("x <!-- enrich:template -->1<!-- /enrich -->", 1, "needs a template name"),
        ("x <!-- enrich:template t user -->1<!-- /enrich -->", 1, "expected KEY=VALUE"),
    ],
)
def test_bad_markers_name_file_and_line(page: str, line: int, message: str) -> None:
    with pytest.raises(MarkerError) as caught:
        parse_regions("---\r\na: 1\r\n---\r\n" + page, path="content/p.md")
    error = caught.value
    assert error.line == line + 3
    assert message in error.message
    assert str(error).startswith(f"content/p.md:{line + 3}: ")


def test_region_refs_point_at_the_opening_markers() -> None:
    text = (
        "<!-- enrich:stars a/b -->1<!-- /enrich --> and "
        "<!-- enrich:prs pytorch/pytorch author:yewentao256 -->2<!-- /enrich -->\n"
        "<!-- enrich:template contributions-table user=x -->3<!-- /enrich -->"
    )
    refs = region_refs(parse_regions(text), text)
    assert [ref.kind for ref in refs] == [Kind.REPO, Kind.SEARCH]
    assert [ref.key for ref in refs] == ["repo:a/b", SEARCH_KEY]
    for ref in refs:
        assert text[ref.start : ref.end] == ref.url
        assert ref.url.startswith("<!-- enrich:")
        assert ref.source == "marker"
    assert refs[1].full_name == "pytorch/pytorch"
    assert refs[1].query == SearchQuery((("author", ("yewentao256",)),))


def test_a_marker_that_starts_a_line_is_flagged() -> None:
    text = (
        "- <!-- enrich:prs a/b author:x -->30+<!-- /enrich --> [prs](https://x)\n"
        "- Over <!-- enrich:prs a/b author:x -->30+<!-- /enrich --> [prs](https://x)\n"
        "<!-- enrich:template t -->\n| a |\n<!-- /enrich -->\n"
        "> <!-- enrich:stars a/b --><!-- /enrich -->  \n"
    )
    first, second, alone, empty = parse_regions(text)
    assert first.starts_html_block
    assert not second.starts_html_block
    assert not alone.starts_html_block
    assert not empty.starts_html_block


def test_the_docs_page_shows_markers_without_having_any() -> None:
    docs = Path(__file__).parents[2] / "docs" / "regions.md"
    text = docs.read_text(encoding="utf-8")
    assert text.count("<!-- enrich:") >= 5
    assert parse_regions(text, path=docs) == []
