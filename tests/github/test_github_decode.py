"""Decoding answers: partial GraphQL errors stay per item, rate limits from headers."""

from __future__ import annotations

import asyncio
import json

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.github.cache import DiskCache
from enrich.github.client import ClientConfig, GitHubClient
from enrich.github.decode import (
    Decoded,
    Failure,
    decode_graphql,
    issue_from_rest,
    rate_limit_from_headers,
    repo_from_rest,
)
from enrich.github.plan import Target, TargetKind, graphql_batches
from enrich.github.rest import fetch_rest_target
from enrich.stats import Status

REPO = Target(TargetKind.REPO, "repo:o/r", "o", "r")
GONE = Target(TargetKind.REPO, "repo:o/gone", "o", "gone")
SEARCH = Target(
    TargetKind.SEARCH, "search:author:x repo:o/r", "o", "r", None, "author:x repo:o/r", True
)
TARGETS = {t.key: t for t in (REPO, GONE, SEARCH)}

REPO_NODE = {
    "nameWithOwner": "O/R",
    "stargazerCount": 5,
    "forkCount": 1,
    "watchers": {"totalCount": 2},
    "openIssues": {"totalCount": 3},
    "openPulls": {"totalCount": 4},
    "primaryLanguage": None,
    "description": None,
    "repositoryTopics": {"nodes": [{"topic": {"name": "t"}}]},
    "licenseInfo": {"spdxId": "NOASSERTION", "name": "Other"},
    "isArchived": False,
    "pushedAt": "2026-01-01T00:00:00Z",
    "defaultBranchRef": {"name": "main"},
}


def answer(data: object, errors: object = None) -> bytes:
    body: dict[str, object] = {"data": data}
    if errors is not None:
        body["errors"] = errors
    return json.dumps(body).encode()


def test_not_found_for_one_alias_fails_only_that_item() -> None:
    (batch,) = graphql_batches([REPO, GONE, SEARCH])
    data = {
        "t0": REPO_NODE,
        "t1": None,
        "t2_0": {"issueCount": 7},
        "t2_1": {"issueCount": 6},
        "t2_2": {"issueCount": 2},
        "rateLimit": {
            "cost": 1,
            "remaining": 4999,
            "limit": 5000,
            "resetAt": "2026-01-01T01:00:00Z",
            "used": 1,
        },
    }
    errors = [{"type": "NOT_FOUND", "path": ["t1"], "message": "Could not resolve to a Repository"}]
    result = decode_graphql(200, answer(data, errors), batch, TARGETS)
    repo = result.results["repo:o/r"]
    assert isinstance(repo, Decoded)
    assert repo.renamed_to is None
    assert repo.figures["stars"] == 5
    assert repo.figures["open_issues"] == 7
    assert repo.figures["license"] == "Other"
    assert repo.figures["language"] is None
    gone = result.results["repo:o/gone"]
    assert isinstance(gone, Failure)
    assert gone.status is Status.MISSING
    search = result.results[SEARCH.key]
    assert isinstance(search, Decoded)
    assert search.figures == {"count": 9, "prs": 7, "merged_prs": 6, "issues": 2}
    assert result.rate_limit is not None
    assert result.rate_limit.remaining == 4999


def test_a_batch_without_data_fails_every_item_and_says_why() -> None:
    (batch,) = graphql_batches([REPO, GONE])
    limited = answer(None, [{"type": "RATE_LIMITED", "message": "API rate limit exceeded"}])
    results = decode_graphql(200, limited, batch, TARGETS).results
    assert all(isinstance(r, Failure) and r.rate_limited for r in results.values())
    for body in (b'{"data": {"t0": ', b"<html>", b"[]"):
        results = decode_graphql(200, body, batch, TARGETS).results
        assert all(isinstance(r, Failure) and r.status is Status.STALE for r in results.values())


def test_an_unexpected_shape_fails_only_that_item() -> None:
    (batch,) = graphql_batches([REPO, SEARCH])
    data = {
        "t0": {"stargazerCount": 1},
        "t1_0": {"issueCount": 1},
        "t1_1": {"issueCount": 1},
        "t1_2": {"issueCount": 0},
    }
    results = decode_graphql(200, answer(data), batch, TARGETS).results
    assert isinstance(results[REPO.key], Failure)
    assert isinstance(results[SEARCH.key], Decoded)


def test_rest_rename_and_merged_state() -> None:
    repo = repo_from_rest(
        REPO,
        {
            "full_name": "o/new",
            "stargazers_count": 1,
            "forks_count": 0,
            "subscribers_count": 3,
            "license": {"spdx_id": "MIT", "name": "MIT License"},
            "topics": ["a"],
        },
    )
    assert repo.renamed_to == "o/new"
    assert repo.figures["watchers"] == 3
    assert repo.figures["license"] == "MIT"
    assert "language_color" not in repo.figures
    pull = Target(TargetKind.PULL, "pull:o/r#1", "o", "r", 1)
    merged = issue_from_rest(
        pull,
        {
            "title": "T",
            "state": "closed",
            "merged_at": "2026-01-01T00:00:00Z",
            "comments": 2,
            "html_url": "https://github.com/o/r/pull/1",
        },
    )
    assert merged.figures == {
        "title": "T",
        "comments": 2,
        "state": "merged",
        "merged_at": "2026-01-01T00:00:00Z",
    }
    assert merged.renamed_to is None


def test_rate_limit_headers() -> None:
    headers = {
        "x-ratelimit-limit": "60",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "1700000000",
        "x-ratelimit-used": "60",
        "x-ratelimit-resource": "search",
    }
    limit = rate_limit_from_headers(headers)
    assert limit is not None
    assert (limit.resource, limit.remaining, limit.reset) == (
        "search",
        0,
        1700000000,
    )
    assert rate_limit_from_headers({"x-ratelimit-limit": "x"}) is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "data",
                    "errors",
                    "t0",
                    "t1",
                    "t2_0",
                    "nameWithOwner",
                    "path",
                    "type",
                    "issueCount",
                    "stargazerCount",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=15,
)


@given(json_values)
def test_any_json_answer_decodes_to_one_result_per_item(document: object) -> None:
    (batch,) = graphql_batches([REPO, GONE, SEARCH])
    results = decode_graphql(200, json.dumps(document).encode(), batch, TARGETS).results
    assert set(results) == set(TARGETS)


def test_another_error_on_one_alias_makes_only_that_item_stale() -> None:
    (batch,) = graphql_batches([REPO, GONE])
    errors = [{"type": "FORBIDDEN", "path": ["t1"], "message": "SAML enforcement"}]
    results = decode_graphql(
        200, answer({"t0": REPO_NODE, "t1": None}, errors), batch, TARGETS
    ).results
    assert isinstance(results[REPO.key], Decoded)
    gone = results[GONE.key]
    assert isinstance(gone, Failure)
    assert gone.status is Status.STALE
    assert "FORBIDDEN" in gone.message


REST_TARGETS = [
    REPO,
    SEARCH,
    Target(TargetKind.USER, "user:u", "u"),
    Target(TargetKind.PULL, "pull:o/r#1", "o", "r", 1),
    Target(TargetKind.ISSUE, "issue:o/r#2", "o", "r", 2),
]


@given(json_values, st.sampled_from([200, 304, 400, 403, 404, 410, 422, 451, 500]))
@settings(deadline=None, max_examples=60)
def test_any_rest_answer_gives_figures_or_a_failure(document: object, status: int) -> None:
    body = json.dumps(document).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body)

    async def go() -> list[object]:
        config = ClientConfig(api_url="https://api.example.test", max_attempts=1)
        async with GitHubClient(config, transport=httpx.MockTransport(handler)) as client:
            store = DiskCache(None, namespace="x", warn=lambda _: None)
            return [await fetch_rest_target(client, store, t, lambda: 0.0) for t in REST_TARGETS]

    for result in asyncio.run(go()):
        assert isinstance(result, Decoded | Failure)
        if status != 200:
            assert isinstance(result, Failure)
