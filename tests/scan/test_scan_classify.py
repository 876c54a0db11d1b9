"""URL -> target: kinds, names as written, decoded searches, badges, canonical keys."""

from __future__ import annotations

import pytest

from enrich.scan import Kind, Ref, classify, scan_text


def _ref(url: str) -> Ref:
    refs = scan_text(f"[x]({url})")
    assert len(refs) == 1, refs
    return refs[0]


@pytest.mark.parametrize(
    ("url", "kind", "owner", "repo", "number"),
    [
        ("https://github.com/yewentao256", Kind.USER, "yewentao256", None, None),
        ("https://github.com/vllm-project/", Kind.USER, "vllm-project", None, None),
        ("https://github.com/yewentao256?tab=repositories", Kind.USER, "yewentao256", None, None),
        (
            "https://github.com/DeepLink-org/deeplink.framework",
            Kind.REPO,
            "DeepLink-org",
            "deeplink.framework",
            None,
        ),
        (
            "https://github.com/yewentao256/CSAPP_15213",
            Kind.REPO,
            "yewentao256",
            "CSAPP_15213",
            None,
        ),
        ("https://github.com/a/b/pull/12", Kind.PULL, "a", "b", 12),
        ("https://github.com/a/b/pull/12/files#diff-1", Kind.PULL, "a", "b", 12),
        ("https://github.com/a/b/issues/7", Kind.ISSUE, "a", "b", 7),
        ("https://github.com/a/b/issues/7#issuecomment-1", Kind.ISSUE, "a", "b", 7),
        ("https://github.com/a/b/pull/new/branch", Kind.REPO, "a", "b", None),
        ("https://github.com/a/b/issues?q=", Kind.REPO, "a", "b", None),
        ("https://github.com:443/a/b", Kind.REPO, "a", "b", None),  # the default port
        ("http://github.com:80/a", Kind.USER, "a", None, None),
    ],
)
def test_kinds_and_names_as_written(
    url: str, kind: Kind, owner: str, repo: str | None, number: int | None
) -> None:
    ref = _ref(url)
    assert (ref.kind, ref.owner, ref.repo, ref.number) == (kind, owner, repo, number)


def test_keys_are_case_folded_names_are_kept() -> None:
    a = _ref("https://github.com/LazyAGI/LazyLLM")
    b = _ref("https://github.com/lazyagi/lazyllm.git")
    assert a.key == b.key == "repo:lazyagi/lazyllm"
    assert (a.owner, a.repo) == ("LazyAGI", "LazyLLM")
    assert _ref("https://github.com/A/B/pull/3").key == "pull:a/b#3"
    assert _ref("https://github.com/A/B/issues/3").key == "issue:a/b#3"
    assert _ref("https://github.com/YeWentao256").key == "user:yewentao256"


def test_search_is_decoded_into_qualifiers_and_free_text() -> None:
    ref = _ref(
        "https://github.com/a/b/issues?q=is%3Apr+Author%3Ayewentao256+is%3Amerged"
        "+label%3A%22good+first+issue%22+-label:wontfix+fast%20kernels"
    )
    assert ref.kind is Kind.SEARCH
    assert ref.query is not None
    assert ref.query.as_dict() == {
        "is": ["pr", "merged"],
        "author": ["yewentao256"],
        "label": ["good first issue"],
        "-label": ["wontfix"],
    }
    assert ref.query.text == "fast kernels"
    assert (ref.owner, ref.repo) == ("a", "b")


@pytest.mark.parametrize(
    ("url", "scope", "qualifiers"),
    [
        ("https://github.com/a/b/issues?q=author%3Ax", ("a", "b"), {"author": ["x"]}),
        ("https://github.com/a/b/pulls?q=author%3Ax", ("a", "b"), {"author": ["x"], "is": ["pr"]}),
        (
            "https://github.com/a/b/pulls?q=is%3Apr+author%3Ax",
            ("a", "b"),
            {"is": ["pr"], "author": ["x"]},
        ),
        (
            "https://github.com/issues?q=repo%3Aa%2Fb+author%3Ax",
            ("a", "b"),
            {"repo": ["a/b"], "author": ["x"]},
        ),
        (
            "https://github.com/pulls?q=org%3Avllm-project+author%3Ax",
            ("vllm-project", None),
            {"org": ["vllm-project"], "author": ["x"], "is": ["pr"]},
        ),
        (
            "https://github.com/search?q=user%3Ax+is%3Aissue&type=issues",
            ("x", None),
            {"user": ["x"], "is": ["issue"]},
        ),
        (
            "https://github.com/search?q=involves%3Ax&type=pullrequests",
            (None, None),
            {"involves": ["x"], "is": ["pr"]},
        ),
        (
            "https://github.com/search?q=author%3Ax+state%3Aopen",
            (None, None),
            {"author": ["x"], "state": ["open"]},
        ),
        (
            "https://github.com/pulls?q=repo%3Aa%2Fb+repo%3Ac%2Fd",
            (None, None),
            {"repo": ["a/b", "c/d"], "is": ["pr"]},
        ),
    ],
)
def test_search_scope(
    url: str, scope: tuple[str | None, str | None], qualifiers: dict[str, list[str]]
) -> None:
    ref = _ref(url)
    assert ref.kind is Kind.SEARCH
    assert (ref.owner, ref.repo) == scope
    assert ref.query is not None
    assert ref.query.as_dict() == qualifiers


def test_same_search_written_two_ways_shares_a_key() -> None:
    scoped = _ref("https://github.com/A/B/issues?q=author%3AX+is%3Apr")
    global_ = _ref("https://github.com/issues?q=is:pr+repo:a/b+author:x")
    assert scoped.key == global_.key == "search:author:x is:pr repo:a/b"


@pytest.mark.parametrize(
    ("url", "metric", "owner", "repo", "key", "params"),
    [
        ("https://img.shields.io/github/stars/a/b", "stars", "a", "b", "repo:a/b", ()),
        (
            "https://img.shields.io/github/stars/a/b?style=social",
            "stars",
            "a",
            "b",
            "repo:a/b",
            (("style", "social"),),
        ),
        (
            "https://img.shields.io/github/stars/a/b.svg?style=flat&label=Stars",
            "stars",
            "a",
            "b",
            "repo:a/b",
            (("style", "flat"), ("label", "Stars")),
        ),
        ("https://img.shields.io/github/forks/a/b", "forks", "a", "b", "repo:a/b", ()),
        ("https://img.shields.io/github/watchers/a/b", "watchers", "a", "b", "repo:a/b", ()),
        ("https://img.shields.io/github/issues/a/b", "issues", "a", "b", "repo:a/b", ()),
        ("https://img.shields.io/github/issues-pr/a/b", "issues-pr", "a", "b", "repo:a/b", ()),
        (
            "https://img.shields.io/github/followers/yewentao256?style=social",
            "followers",
            "yewentao256",
            None,
            "user:yewentao256",
            (("style", "social"),),
        ),
        (
            "https://img.shields.io/github/stars/yewentao256",
            "stars",
            "yewentao256",
            None,
            "user:yewentao256",
            (),
        ),
    ],
)
def test_badges(
    url: str,
    metric: str,
    owner: str,
    repo: str | None,
    key: str,
    params: tuple[tuple[str, str], ...],
) -> None:
    ref = _ref(url)
    assert ref.kind is Kind.BADGE
    assert ref.badge is not None
    assert (ref.badge.metric, ref.owner, ref.repo, ref.key, ref.badge.params) == (
        metric,
        owner,
        repo,
        key,
        params,
    )


def test_issues_search_badge_carries_its_query() -> None:
    ref = _ref("https://img.shields.io/github/issues-search/a/b?query=author%3Ax%20is%3Amerged")
    assert ref.query is not None
    assert ref.query.as_dict() == {"author": ["x"], "is": ["merged"]}
    assert ref.key == "search:author:x is:merged repo:a/b"
    glob = _ref(
        "https://img.shields.io/github/issues-search?query=repo%3Aa%2Fb%20author%3Ax%20is%3Amerged"
    )
    assert glob.key == ref.key
    assert (glob.owner, glob.repo) == ("a", "b")


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/-bad/repo",
        "https://github.com/a/../x",
        "https://github.com/a/b%2Fc",
        "https://github.com/this-login-name-is-far-too-long-for-github-to-accept",
        "https://github.com:8443/a/b",
        "https://github.com:4430/a/b",
    ],
)
def test_invalid_names_are_not_references(url: str) -> None:
    assert classify(url) is None
