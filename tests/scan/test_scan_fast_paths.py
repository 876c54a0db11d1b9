"""The scanner's fast paths give exactly what the general code gives."""

from __future__ import annotations

import gc
from dataclasses import fields
from urllib.parse import parse_qsl

from hypothesis import example, given
from hypothesis import strategies as st

from enrich.scan import Kind, Ref, scan_text
from enrich.scan.classify import _params, classify, classify_general

_PARTS = st.sampled_from(
    [
        *("a", "A-b", "x.git", "X.GIT", "..", ".", "b_c.d", "pull", "PULL", "issues", "Issues"),
        *("issues", "pulls", "search", "settings", "orgs", "12", "007", "12345678901", "-a"),
        *("raw", "assets", "releases", "download", "tree", "", "a" * 39, "a" * 40, "\u212a"),
        *("%41", "a&amp;b", "ſ", "r" * 101),
    ]
)
_HOSTS = st.sampled_from(
    [
        *("https://github.com", "http://www.github.com", "HTTPS://GitHub.COM", "github.com"),
        *("www.github.com", "https://github.com.evil", "https://img.shields.io"),
    ]
)


@given(
    _HOSTS,
    st.lists(_PARTS, max_size=5),
    st.sampled_from(["", "/", "//", "?q=is:pr", "#x", "?raw=true", "?raw=%74rue", "?a&&b=c"]),
)
@example("https://github.com", ["a", "b", "pull", "12"], "")
@example("https://github.com", ["a", "b", "issues", "12"], "/")
@example("https://github.com", ["\u212a"], "")
@example("https://github.com", ["a", "x.GIT"], "")
@example("https://github.com", ["a", ".."], "/")
@example("https://github.com", ["Settings"], "")
@example("https://github.com", ["a", "b", "PULL", "1"], "")
@example("https://github.com", ["a", "b", "tree", "main", "x"], "")
@example("https://github.com", ["a", "b", "releases", "download", "v1"], "")
@example("https://github.com", ["a", "b", "raw", "main"], "")
@example("https://github.com", ["a", "b", "", "issues", "3", "x"], "/")
@example("https://github.com", ["a", "b", "blob", "x"], "?raw=true")
def test_classify_fast_path_agrees_with_the_rules(host: str, parts: list[str], tail: str) -> None:
    url = "/".join([host, *parts]) + tail
    assert classify(url) == classify_general(url)


@given(st.text(alphabet="ab=&+%41;?#/ ", max_size=20))
@example("a=b&c&&d=&=e&f=g=h")
def test_query_split_agrees_with_parse_qsl(query_string: str) -> None:
    assert _params(query_string) == parse_qsl(query_string, keep_blank_values=True)


def test_scanned_refs_equal_refs_built_by_their_constructor() -> None:
    page = "x [a](https://github.com/a/b/pull/3)\n<https://github.com/pulls?q=is%3Apr+author%3Ax>\n"
    refs = scan_text(page)
    assert [ref.kind for ref in refs] == [Kind.PULL, Kind.SEARCH]
    for ref in refs:
        rebuilt = Ref(**{field.name: getattr(ref, field.name) for field in fields(Ref)})
        assert ref == rebuilt
        assert ref.source == rebuilt.source
        assert hash(ref) == hash(rebuilt)
        assert repr(ref) == repr(rebuilt)


def test_the_scan_leaves_the_cyclic_collector_as_it_found_it() -> None:
    assert gc.isenabled()
    scan_text("https://github.com/a")
    assert gc.isenabled()
    gc.disable()
    try:
        scan_text("https://github.com/a")
        assert not gc.isenabled()
    finally:
        gc.enable()
