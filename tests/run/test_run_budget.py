"""The budget check: estimating a run's requests and comparing them with the limit left."""

from __future__ import annotations

import json

import pytest

from enrich.github.decode import RateLimit
from enrich.github.plan import Target, TargetKind
from enrich.run_budget import estimate_requests, parse_rate_limits, shortfall


def repo(n: int) -> Target:
    return Target(TargetKind.REPO, f"repo:o/r{n}", "o", f"r{n}")


def user(login: str) -> Target:
    return Target(TargetKind.USER, f"user:{login}", login)


def search(query: str, *, split: bool) -> Target:
    return Target(TargetKind.SEARCH, f"search:{query}", None, None, None, query, split)


def test_nothing_to_fetch_needs_nothing() -> None:
    assert estimate_requests([], token=True, batch_size=100) == {}
    assert estimate_requests([], token=False, batch_size=100) == {}


def test_with_a_token_graphql_points_per_batch_and_owner() -> None:
    targets = [*(repo(n) for n in range(150)), user("a"), user("b")]
    # 152 items in batches of 100 and 52: 3 points and 2 points, plus one per owner.
    assert estimate_requests(targets, token=True, batch_size=100) == {"graphql": 3 + 2 + 2}
    assert estimate_requests([repo(1)], token=True, batch_size=100) == {"graphql": 1}
    assert estimate_requests([repo(n) for n in range(10)], token=True, batch_size=1) == {
        "graphql": 10
    }


def test_without_a_token_rest_calls_by_resource() -> None:
    targets = [
        repo(1),
        repo(2),
        user("a"),
        Target(TargetKind.PULL, "pull:o/r#1", "o", "r", 1),
        search("author:a repo:o/r", split=True),
        search("is:pr author:a", split=False),
    ]
    need = estimate_requests(targets, token=False, batch_size=100)
    assert need == {"core": 1 + 1 + 2 + 1, "search": 3 + 1}


def limit(resource: str, remaining: int, reset: int, total: int = 5000) -> RateLimit:
    return RateLimit(resource, total, remaining, reset)


def test_enough_left_is_fine() -> None:
    limits = {"graphql": limit("graphql", 10, reset=10_000)}
    assert shortfall({"graphql": 10}, limits, now=0, max_wait=60) is None


def test_short_but_resetting_soon_is_fine() -> None:
    limits = {"search": limit("search", 2, reset=1_062, total=10)}
    assert shortfall({"search": 16}, limits, now=1_000, max_wait=60) is None


def test_short_with_a_far_reset_says_which_resource_and_how_many() -> None:
    limits = {"core": limit("core", 3, reset=1_763_000_000 + 1800, total=60)}
    message = shortfall({"core": 19}, limits, now=1_763_000_000, max_wait=60)
    assert message is not None
    assert "19 core requests" in message
    assert "3 of 60" in message
    assert "30 min" in message


def test_unreported_resources_are_assumed_fine() -> None:
    assert shortfall({"graphql": 10_000}, {}, now=0, max_wait=60) is None


def test_parse_rate_limit_answer() -> None:
    body = json.dumps(
        {
            "resources": {
                "core": {"limit": 5000, "remaining": 4999, "reset": 1700000000, "used": 1},
                "graphql": {"limit": 5000, "remaining": 0, "reset": 1700000100},
            },
            "rate": {"limit": 5000, "remaining": 4999, "reset": 1700000000, "used": 1},
        }
    ).encode()
    limits = parse_rate_limits(body)
    assert limits["core"] == RateLimit("core", 5000, 4999, 1700000000, 1)
    assert limits["graphql"].remaining == 0


@pytest.mark.parametrize("body", [b"", b"not json", b"[]", b'{"resources": 3}', b'{"x": 1}'])
def test_parse_anything_else_is_unknown(body: bytes) -> None:
    assert parse_rate_limits(body) == {}


def test_an_owner_known_to_have_at_most_100_repositories_needs_no_second_page() -> None:
    targets = [repo(1), user("a"), user("b")]
    counts = {"user:a": 58, "user:b": 250}
    assert estimate_requests(targets, token=True, batch_size=100, repo_counts=counts) == {
        "graphql": 1 + 1  # the batch, and b's second page; a fits in the first
    }
