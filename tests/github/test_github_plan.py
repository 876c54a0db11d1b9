"""Planning: references -> targets, GraphQL batches that validate, REST calls."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from enrich.github.plan import (
    TargetKind,
    graphql_batches,
    owner_pages_query,
    rest_calls,
    targets_from_refs,
)
from enrich.scan.refs import Badge, Kind, Ref, SearchQuery

graphql = pytest.importorskip("graphql")


def ref(kind: Kind, owner: str | None = None, repo: str | None = None, **kw: Any) -> Ref:
    return Ref(kind, f"https://github.com/{owner}/{repo}", 0, 1, 1, 1, owner, repo, **kw)


def author(login: str, *extra: tuple[str, tuple[str, ...]]) -> SearchQuery:
    return SearchQuery((("author", (login,)), *extra))


EVERY_KIND = [
    ref(Kind.REPO, "PyTorch", "PyTorch"),
    ref(Kind.USER, "yewentao256"),
    ref(Kind.PULL, "pytorch", "pytorch", number=123020),
    ref(Kind.ISSUE, "pytorch", "pytorch", number=115611),
    ref(Kind.SEARCH, "vllm-project", "vllm", query=author("yewentao256")),
    ref(Kind.SEARCH, query=author("x", ("is", ("pr", "merged")))),
    ref(Kind.SEARCH, query=SearchQuery((("org", ("o",)), ("author", ("x",))))),
    ref(Kind.SEARCH, query=SearchQuery(text='weird "quoted" \\ text \n')),
    ref(Kind.BADGE, "a", "b", badge=Badge("stars")),
    ref(Kind.BADGE, "someone", badge=Badge("followers")),
]


@functools.cache
def schema() -> Any:
    from enrich.testing import github_schema

    return github_schema()


def assert_valid(query: str) -> None:
    errors = graphql.validate(schema(), graphql.parse(query))
    assert errors == [], f"{errors}\n{query}"


def test_references_to_one_thing_share_one_target() -> None:
    refs = [
        ref(Kind.REPO, "PyTorch", "PyTorch"),
        ref(Kind.BADGE, "pytorch", "pytorch", badge=Badge("stars")),
        ref(Kind.REPO, "pytorch", "pytorch"),
    ]
    targets = targets_from_refs(refs)
    assert [(t.key, t.kind, t.display) for t in targets] == [
        ("repo:pytorch/pytorch", TargetKind.REPO, "PyTorch/PyTorch")
    ]


def test_scoped_author_search_splits_and_others_do_not() -> None:
    targets = {t.key: t for t in targets_from_refs(EVERY_KIND)}
    assert targets["search:author:yewentao256 repo:vllm-project/vllm"].split
    assert targets["search:author:x org:o"].split
    assert not targets["search:author:x is:merged is:pr"].split


def test_batches_hold_at_most_batch_size_targets() -> None:
    refs = [ref(Kind.REPO, "o", f"r{i}") for i in range(250)]
    batches = graphql_batches(targets_from_refs(refs), batch_size=100)
    assert [len(b.keys) for b in batches] == [100, 100, 50]
    assert all("rateLimit" in b.query for b in batches)
    aliases = [a for b in batches for a in b.aliases]
    assert len(aliases) == len(set(aliases)) == 250


def test_every_query_the_planner_builds_validates_against_the_schema() -> None:
    targets = targets_from_refs(EVERY_KIND)
    # every kind alone, all together, and split across batches of every size
    for target in targets:
        assert_valid(graphql_batches([target])[0].query)
    for size in range(1, len(targets) + 1):
        for batch in graphql_batches(targets, batch_size=size):
            assert_valid(batch.query)
    assert_valid(owner_pages_query([("p0", "yewentao256", "Y3Vyc29yOjEwMA=="), ("p1", "o", "x")]))


def test_rest_calls_per_kind() -> None:
    targets = {t.key: t for t in targets_from_refs(EVERY_KIND)}
    paths = {
        key: [(c.path, c.params, c.resource) for c in rest_calls(t)] for key, t in targets.items()
    }
    assert paths["repo:pytorch/pytorch"] == [("/repos/PyTorch/PyTorch", (), "core")]
    assert paths["pull:pytorch/pytorch#123020"] == [
        ("/repos/pytorch/pytorch/pulls/123020", (), "core")
    ]
    assert paths["issue:pytorch/pytorch#115611"][0][0] == "/repos/pytorch/pytorch/issues/115611"
    user = paths["user:yewentao256"]
    assert [p for p, _, _ in user] == ["/users/yewentao256", "/users/yewentao256/repos"]
    split = paths["search:author:yewentao256 repo:vllm-project/vllm"]
    assert [dict(params)["q"] for _, params, _ in split] == [
        "author:yewentao256 repo:vllm-project/vllm is:pr",
        "author:yewentao256 repo:vllm-project/vllm is:pr is:merged",
        "author:yewentao256 repo:vllm-project/vllm is:issue",
    ]
    assert {res for _, _, res in split} == {"search"}
    assert all(dict(params)["per_page"] == "1" for _, params, _ in split)
