"""The fake GitHub's GraphQL answers: validation, partial results, cost, authentication."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from enrich.testing import FakeGitHub

AUTH = {"User-Agent": "enrich-tests", "Authorization": "Bearer test-token"}

REPO_FIELDS = """
  stargazerCount forkCount watchers { totalCount } issues(states: OPEN) { totalCount }
  pullRequests(states: OPEN) { totalCount } primaryLanguage { name color } description
  repositoryTopics(first: 10) { nodes { topic { name } } } licenseInfo { spdxId name }
  isArchived isFork pushedAt nameWithOwner url defaultBranchRef { name } databaseId
"""


def post(server: FakeGitHub, query: str, **variables: Any) -> httpx.Response:
    return httpx.post(
        server.graphql_url, json={"query": query, "variables": variables}, headers=AUTH
    )


def test_missing_repo_is_null_with_not_found_while_others_resolve(
    fake_github: FakeGitHub,
) -> None:
    query = f"""{{
      a: repository(owner: "PyTorch", name: "PYTORCH") {{ {REPO_FIELDS} }}
      b: repository(owner: "nobody", name: "nothing") {{ {REPO_FIELDS} }}
      rateLimit {{ cost remaining }}
    }}"""
    r = post(fake_github, query)
    assert r.status_code == 200
    body = r.json()
    assert body["data"]["a"]["nameWithOwner"] == "pytorch/pytorch"
    assert body["data"]["a"]["primaryLanguage"] == {"name": "Python", "color": "#3572A5"}
    assert body["data"]["b"] is None
    [error] = body["errors"]
    assert error["type"] == "NOT_FOUND"
    assert error["path"] == ["b"]
    assert error["message"] == "Could not resolve to a Repository with the name 'nobody/nothing'."


def test_invalid_query_is_200_with_errors_and_no_data(fake_github: FakeGitHub) -> None:
    r = post(fake_github, '{ repository(owner: "a", name: "b") { starz } }')
    assert r.status_code == 200
    body = r.json()
    assert "data" not in body
    assert body["errors"][0]["locations"]
    assert "starz" in body["errors"][0]["message"]


def test_no_token_is_401(fake_github: FakeGitHub) -> None:
    r = httpx.post(
        fake_github.graphql_url,
        json={"query": "{ rateLimit { cost } }"},
        headers={"User-Agent": "enrich-tests"},
    )
    assert r.status_code == 401


def test_search_and_user_figures(fake_github: FakeGitHub) -> None:
    query = """query($q: String!) {
      s: search(query: $q, type: ISSUE, first: 1) {
        issueCount nodes { ... on PullRequest { number merged } }
      }
      u: user(login: "yewentao256") {
        name login followers { totalCount }
        repositories(ownerAffiliations: OWNER, isFork: false, first: 100,
                     orderBy: {field: STARGAZERS, direction: DESC}) {
          totalCount nodes { stargazerCount nameWithOwner }
        }
      }
    }"""
    body = post(fake_github, query, q="is:pr author:yewentao256 repo:vllm-project/vllm").json()
    assert body["data"]["s"]["issueCount"] == 124
    assert body["data"]["s"]["nodes"][0]["number"] > 0
    repos = body["data"]["u"]["repositories"]["nodes"]
    stars = [n["stargazerCount"] for n in repos]
    assert stars == sorted(stars, reverse=True)
    assert "yewentao256/vllm" not in {n["nameWithOwner"] for n in repos}  # a fork
    assert body["data"]["u"]["followers"]["totalCount"] == 312


@pytest.mark.parametrize(
    ("query", "cost"),
    [
        ('{ a: repository(owner: "pytorch", name: "pytorch") { stargazerCount } }', 1),
        (
            '{ user(login: "yewentao256") { repositories(first: 100) {'
            " nodes { issues(first: 50) { nodes { labels(first: 60) { totalCount } } } } } } }",
            51,
        ),
    ],
)
def test_cost_follows_githubs_formula(fake_github: FakeGitHub, query: str, cost: int) -> None:
    assert post(fake_github, query).status_code == 200
    assert fake_github.requests[-1].cost == cost
    assert fake_github.requests[-1].resource == "graphql"


def test_excessive_pagination_is_an_error(fake_github: FakeGitHub) -> None:
    body = post(fake_github, '{ search(query: "x", type: ISSUE, first: 101) { issueCount } }')
    assert body.json()["errors"][0]["type"] == "EXCESSIVE_PAGINATION"


def test_repeated_queries_see_every_change(fake_github: FakeGitHub) -> None:
    query = '{ a: repository(owner: "pytorch", name: "pytorch") { stargazerCount forkCount } }'
    stars = [post(fake_github, query).json()["data"]["a"]["stargazerCount"] for _ in range(2)]
    assert stars[0] == stars[1] == fake_github.data.repo("pytorch/pytorch").stars
    fake_github.data.set_repo_figures("pytorch/pytorch", stars=1)
    assert post(fake_github, query).json()["data"]["a"]["stargazerCount"] == 1
    fake_github.data.repo("pytorch/pytorch").forks = 2  # even without FakeData's methods
    assert post(fake_github, query).json()["data"]["a"] == {"stargazerCount": 1, "forkCount": 2}
    counted = '{ a: repository(owner: "pytorch", name: "pytorch") { issues(states: OPEN) {'
    counted += " totalCount } } }"
    before = post(fake_github, counted).json()["data"]["a"]["issues"]["totalCount"]
    fake_github.data.repo("pytorch/pytorch").open_issues += 10  # a cached count moves too
    after = post(fake_github, counted).json()["data"]["a"]["issues"]["totalCount"]
    assert after == before + 10
    fake_github.data.delete_repo("pytorch/pytorch")
    assert post(fake_github, query).json()["data"]["a"] is None


def test_variables_reach_arguments_beside_object_and_list_literals(
    fake_github: FakeGitHub,
) -> None:
    """``after: $cursor`` next to ``orderBy: {...}`` pages on, as a literal cursor does."""
    query = """query($login: String!, $n: Int!, $after: String) {
      repositoryOwner(login: $login) {
        repositories(first: $n, after: $after, ownerAffiliations: [OWNER],
                     orderBy: {field: STARGAZERS, direction: DESC}) {
          pageInfo { hasNextPage endCursor } nodes { nameWithOwner }
        }
      }
    }"""
    first = post(fake_github, query, login="yewentao256", n=2).json()["data"]
    page = first["repositoryOwner"]["repositories"]
    assert len(page["nodes"]) == 2
    assert page["pageInfo"]["hasNextPage"]
    second = post(
        fake_github, query, login="yewentao256", n=2, after=page["pageInfo"]["endCursor"]
    ).json()["data"]["repositoryOwner"]["repositories"]
    cursor = page["pageInfo"]["endCursor"]
    literal = query.replace(", $after: String", "").replace("$after", f'"{cursor}"')
    expected = post(fake_github, literal, login="yewentao256", n=2).json()["data"]
    assert second == expected["repositoryOwner"]["repositories"]
    assert second["nodes"] != page["nodes"]
