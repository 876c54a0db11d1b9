"""Each way a URL is written is found, exactly once, with its span; each exclusion holds."""

from __future__ import annotations

import pytest

from enrich.scan import Ref, scan_text


def _one(text: str) -> Ref:
    refs = scan_text(text)
    assert len(refs) == 1, refs
    ref = refs[0]
    assert text[ref.start : ref.end] == ref.url
    return ref


@pytest.mark.parametrize(
    ("text", "url", "source"),
    [
        ("[x](https://github.com/a/b)", "https://github.com/a/b", "link"),
        ('[x](https://github.com/a/b "title")', "https://github.com/a/b", "link"),
        ("[x]( https://github.com/a/b )", "https://github.com/a/b", "link"),
        ("[x](<https://github.com/a/b>)", "https://github.com/a/b", "link"),
        (
            "![s](https://img.shields.io/github/stars/a/b)",
            "https://img.shields.io/github/stars/a/b",
            "image",
        ),
        ("[x]: https://github.com/a/b", "https://github.com/a/b", "definition"),
        ('  [x y]: https://github.com/a/b "t"', "https://github.com/a/b", "definition"),
        ("[x]: <https://github.com/a/b>", "https://github.com/a/b", "definition"),
        ("see <https://github.com/a/b>", "https://github.com/a/b", "autolink"),
        ("see https://github.com/a/b now", "https://github.com/a/b", "text"),
        ("see www.github.com/a/b now", "www.github.com/a/b", "text"),
        ('<a href="https://github.com/a/b">x</a>', "https://github.com/a/b", "html"),
        ("<a href='https://github.com/a/b'>x</a>", "https://github.com/a/b", "html"),
        ("<a href=https://github.com/a/b>x</a>", "https://github.com/a/b", "html"),
        ('<A HREF = "https://github.com/a/b">x</A>', "https://github.com/a/b", "html"),
        (
            '<img\n  alt="s"\n  src="https://img.shields.io/github/stars/a/b">',
            "https://img.shields.io/github/stars/a/b",
            "html",
        ),
        (
            '---\nrepo: "https://github.com/a/b"\n---\nbody\n',
            "https://github.com/a/b",
            "front_matter",
        ),
        ("---\nrepo: https://github.com/a/b\n---\n", "https://github.com/a/b", "front_matter"),
    ],
)
def test_each_syntax(text: str, url: str, source: str) -> None:
    ref = _one(text)
    assert (ref.url, ref.source) == (url, source)


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("see https://github.com/a/b.", "https://github.com/a/b"),
        ("see https://github.com/a/b, and", "https://github.com/a/b"),
        ("(see https://github.com/a/b)", "https://github.com/a/b"),
        ("is it https://github.com/a/b?", "https://github.com/a/b"),
        ("wow https://github.com/a/b!", "https://github.com/a/b"),
        ("at https://github.com/a/b: done", "https://github.com/a/b"),
        ("**https://github.com/a/b**", "https://github.com/a/b"),
        ("_https://github.com/a/b_", "https://github.com/a/b"),
        ("https://github.com/a/b/wiki/Foo_(bar)", "https://github.com/a/b/wiki/Foo_(bar)"),
        ("(https://github.com/a/b/wiki/Foo_(bar))", "https://github.com/a/b/wiki/Foo_(bar)"),
        ('"https://github.com/a/b"', "https://github.com/a/b"),
        ("[https://github.com/a/b]", "https://github.com/a/b"),
        ("| https://github.com/a/b | x |", "https://github.com/a/b"),
        ("https://github.com/a/b?tab=readme#top.", "https://github.com/a/b?tab=readme#top"),
    ],
)
def test_bare_url_end_follows_gfm_autolinks(text: str, url: str) -> None:
    assert _one(text).url == url


def test_link_destination_keeps_balanced_parentheses() -> None:
    assert (
        _one("[x](https://github.com/a/b/wiki/F_(x)) y").url == "https://github.com/a/b/wiki/F_(x)"
    )


def test_nested_badge_in_link_is_an_image_then_a_link() -> None:
    text = "[![s](https://img.shields.io/github/stars/a/b?style=social)](https://github.com/a/b)"
    refs = scan_text(text)
    assert [(r.source, r.kind.value) for r in refs] == [("image", "badge"), ("link", "repo")]
    assert refs[0].badge is not None
    assert refs[0].badge.params == (("style", "social"),)


def test_srcset_holds_several_urls() -> None:
    text = (
        '<img srcset="https://img.shields.io/github/stars/a/b 1x,'
        ' https://img.shields.io/github/stars/cc/dd 2x">'
    )
    assert [r.full_name for r in scan_text(text)] == ["a/b", "cc/dd"]


def test_other_html_attributes_show_no_link() -> None:
    text = '<a title="https://github.com/x/y" data-x="https://github.com/z/w" href="https://github.com/a/b">'
    assert [r.full_name for r in scan_text(text)] == ["a/b"]


def test_html_entities_in_attributes_are_decoded_for_the_query() -> None:
    ref = _one('<img src="https://img.shields.io/github/stars/a/b?style=social&amp;label=Stars">')
    assert ref.badge is not None
    assert ref.badge.params == (("style", "social"), ("label", "Stars"))
    assert ref.url.endswith("&amp;label=Stars")


def test_front_matter_comment_lines_are_skipped() -> None:
    assert scan_text("---\n# old: https://github.com/a/b\nx: 1\n---\n") == []


@pytest.mark.parametrize(
    "form",
    [
        "http://github.com/a/b",
        "https://www.github.com/a/b",
        "https://github.com/a/b/",
        "https://github.com/a/b.git",
        "https://github.com/a/b/tree/main/src",
        "https://github.com/a/b/blob/main/README.md",
        "https://github.com/a/b/issues",
        "https://github.com/a/b/pulls",
        "https://github.com/a/b/releases",
        "https://github.com/a/b/actions",
        "https://github.com/a/b/wiki",
        "https://github.com/a/b#readme",
        "https://github.com/a/b?tab=readme-ov-file",
        "HTTPS://GITHUB.COM/A/B",
    ],
)
def test_every_repository_form(form: str) -> None:
    ref = _one(f"see [it]({form}) and more")
    assert ref.kind.value == "repo"
    assert ref.key == "repo:a/b"
    assert ref.url == form


def test_lines_and_columns_count_the_whole_file() -> None:
    text = "---\ntitle: x\n---\n\nab [x](https://github.com/a/b)\n\n  https://github.com/cc\n"
    refs = scan_text(text)
    assert [(r.line, r.column) for r in refs] == [(5, 8), (7, 3)]


def test_crlf_and_bom_positions() -> None:
    text = "\ufeffa https://github.com/a/b\r\nb https://github.com/cc/dd\r\n"
    refs = scan_text(text)
    assert [(r.line, r.column) for r in refs] == [(1, 3), (2, 3)]
    assert all(text[r.start : r.end] == r.url for r in refs)


def test_empty_page() -> None:
    assert scan_text("") == []
