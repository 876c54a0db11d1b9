"""The fake's fast GraphQL executor answers exactly as graphql-core's own executor does."""

from __future__ import annotations

import json
from typing import Any

import pytest

from enrich.testing import FakeData, graphql_api
from enrich.testing.gql_exec import execute, execute_reference
from enrich.testing.gql_root import Root

RATE = {
    "cost": 1,
    "limit": 5000,
    "remaining": 4999,
    "used": 1,
    "resetAt": "2026-01-01T00:00:00Z",
    "nodeCount": 1,
}

QUERIES: list[tuple[str, dict[str, Any]]] = [
    (
        """{ a: repository(owner: "pytorch", name: "pytorch") { stargazerCount forkCount
          watchers { totalCount } issues(states: OPEN) { totalCount }
          pullRequests(states: [OPEN, MERGED]) { totalCount } primaryLanguage { name color }
          repositoryTopics(first: 3) { nodes { topic { name } } pageInfo { hasNextPage } }
          licenseInfo { spdxId name } isArchived isFork pushedAt nameWithOwner url
          defaultBranchRef { name } databaseId __typename }
        b: repository(owner: "nobody", name: "nothing") { stargazerCount }
        rateLimit { cost limit remaining resetAt used nodeCount } }""",
        {},
    ),
    (
        """query Q($owner: String!, $name: String!, $skip: Boolean!) {
          repository(owner: $owner, name: $name) { ...F nameWithOwner @skip(if: $skip)
            owner { login __typename ... on Organization { name } } } }
        fragment F on Repository { stargazerCount issues { totalCount } }""",
        {"owner": "VLLM-project", "name": "vllm", "skip": True},
    ),
    (
        """{ search(query: "repo:pytorch/pytorch author:yewentao256", type: ISSUE, first: 5) {
          issueCount edges { cursor node { __typename ... on PullRequest { number merged
          mergedAt author { login } } ... on Issue { number state } } } } }""",
        {},
    ),
    (
        """{ user(login: "yewentao256") { name login followers { totalCount }
          repositories(ownerAffiliations: OWNER, isFork: false, first: 3, orderBy: {field:
          STARGAZERS, direction: DESC}) { totalCount nodes { stargazerCount nameWithOwner } } }
        org: organization(login: "yewentao256") { login }
        owner: repositoryOwner(login: "pytorch") { login ... on User { bio } } }""",
        {},
    ),
    (
        """{ repository(owner: "pytorch", name: "pytorch") { pullRequest(number: 123020) {
          number title merged } issue(number: 123020) { number } } }""",
        {},
    ),
    (
        """{ repository(owner: "pytorch", name: "pytorch") { name
          nope: pullRequest(number: 1) { number } } }""",
        {},
    ),
]


@pytest.mark.parametrize(("query", "variables"), QUERIES)
def test_fast_executor_matches_graphql_core(query: str, variables: dict[str, Any]) -> None:
    data = FakeData.example()
    body = json.dumps({"query": query, "variables": variables}).encode()
    exact = graphql_api.plan(body, exact=True)
    shaped = graphql_api.plan(body)
    assert isinstance(exact, graphql_api.Plan)
    assert isinstance(shaped, graphql_api.Plan)
    reference = execute_reference(exact, Root(data, "http://x", RATE))
    assert execute(exact, Root(data, "http://x", RATE)) == reference
    assert execute(shaped, Root(data, "http://x", RATE)) == reference


def test_null_propagates_to_the_nearest_nullable_parent_with_one_error() -> None:
    # Repository.hasIssuesEnabled is Boolean! and the fake does not serve it: the repository
    # becomes null, its sibling alias survives, and only one error is reported (the messages
    # differ: the fake names the missing field, graphql-core reports a null).
    query = """{ a: repository(owner: "pytorch", name: "pytorch") {
        nameWithOwner hasIssuesEnabled }
      b: repository(owner: "vllm-project", name: "vllm") { nameWithOwner } }"""
    body = json.dumps({"query": query}).encode()
    exact = graphql_api.plan(body, exact=True)
    assert isinstance(exact, graphql_api.Plan)
    data, errors = execute(exact, Root(FakeData.example(), "http://x", RATE))
    ref_data, ref_errors = execute_reference(exact, Root(FakeData.example(), "http://x", RATE))
    assert data == ref_data == {"a": None, "b": {"nameWithOwner": "vllm-project/vllm"}}
    assert (
        [e["path"] for e in errors]
        == [e["path"] for e in ref_errors]
        == [["a", "hasIssuesEnabled"]]
    )
    assert "hasIssuesEnabled" in errors[0]["message"]
