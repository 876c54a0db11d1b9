"""The fake GitHub's REST answers: names, counts, pagination, headers, conditional requests."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from enrich.testing import FakeData, FakeGitHub
from enrich.testing.search import search_items

UA = {"User-Agent": "enrich-tests"}
AUTH = {**UA, "Authorization": "Bearer test-token"}


@pytest.fixture
def client(fake_github: FakeGitHub) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fake_github.api_url, headers=AUTH) as c:
        yield c


def test_repo_answers_case_insensitively_with_the_canonical_name(client: httpx.Client) -> None:
    r = client.get("/repos/PYTORCH/PyTorch")
    assert r.status_code == 200
    body = r.json()
    assert body["full_name"] == "pytorch/pytorch"
    assert body["stargazers_count"] > 90_000
    assert body["owner"]["login"] == "pytorch"
    assert r.headers["x-ratelimit-resource"] == "core"
    assert r.headers["cache-control"].startswith("private")
    assert r.headers["etag"].startswith('"')
    assert "last-modified" in r.headers


def test_unknown_repo_is_404(client: httpx.Client) -> None:
    r = client.get("/repos/pytorch/no-such-repo")
    assert r.status_code == 404
    assert r.json()["message"] == "Not Found"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("repo:pytorch/pytorch author:yewentao256", 36),
        ("repo:pytorch/pytorch author:yewentao256 is:pr is:merged", 26),
        ("repo:vllm-project/vllm author:yewentao256", 130),
        ("repo:vllm-project/vllm author:yewentao256 is:pr is:merged", 115),
        ("repo:pytorch/pytorch author:yewentao256 is:issue", 3),
    ],
)
def test_search_counts_are_realistic(client: httpx.Client, q: str, expected: int) -> None:
    r = client.get("/search/issues", params={"q": q, "per_page": 1})
    assert r.status_code == 200
    body = r.json()
    assert body["total_count"] == expected
    assert body["incomplete_results"] is False
    assert len(body["items"]) == 1
    assert r.headers["x-ratelimit-resource"] == "search"


def test_search_of_a_missing_user_is_422(client: httpx.Client) -> None:
    r = client.get("/search/issues", params={"q": "author:nobody-here-at-all is:pr"})
    assert r.status_code == 422


def test_search_pages_stop_at_1000_results(client: httpx.Client) -> None:
    r = client.get("/search/issues", params={"q": "is:pr", "per_page": 100, "page": 11})
    assert r.status_code == 422
    assert "1000" in r.json()["message"]


def test_user_and_repos_are_paginated_with_link(client: httpx.Client) -> None:
    user = client.get("/users/YEWENTAO256").json()
    assert user["login"] == "yewentao256"
    assert user["followers"] == 312
    first = client.get("/users/yewentao256/repos", params={"per_page": 3})
    assert len(first.json()) == 3
    assert 'rel="next"' in first.headers["link"]
    assert 'rel="last"' in first.headers["link"]
    seen = [r["full_name"] for r in first.json()]
    url: str | None = first.links["next"]["url"]
    while url:
        page = client.get(url)
        seen += [r["full_name"] for r in page.json()]
        url = page.links.get("next", {}).get("url")
    assert len(seen) == len(set(seen)) == user["public_repos"]


def test_conditional_request_gives_304_and_costs_nothing(
    client: httpx.Client, fake_github: FakeGitHub
) -> None:
    first = client.get("/repos/vllm-project/vllm")
    used = int(first.headers["x-ratelimit-used"])
    again = client.get("/repos/vllm-project/vllm", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert int(again.headers["x-ratelimit-used"]) == used
    since = client.get(
        "/repos/vllm-project/vllm", headers={"If-Modified-Since": first.headers["last-modified"]}
    )
    assert since.status_code == 304
    fake_github.data.set_repo_figures("vllm-project/vllm", stars=70_000)
    changed = client.get(
        "/repos/vllm-project/vllm", headers={"If-None-Match": first.headers["etag"]}
    )
    assert changed.status_code == 200
    assert changed.json()["stargazers_count"] == 70_000
    records = fake_github.requests
    assert [r.not_modified for r in records] == [False, True, True, False]
    assert [r.cost for r in records] == [1, 0, 0, 1]
    assert all(r.conditional for r in records[1:])


def test_missing_user_agent_is_403(fake_github: FakeGitHub) -> None:
    r = httpx.get(f"{fake_github.api_url}/repos/pytorch/pytorch", headers={"User-Agent": ""})
    assert r.status_code == 403


def test_bad_token_is_401(fake_github: FakeGitHub) -> None:
    r = httpx.get(
        f"{fake_github.api_url}/repos/pytorch/pytorch",
        headers={**UA, "Authorization": "Bearer bad-token"},
    )
    assert r.status_code == 401
    assert r.json()["message"] == "Bad credentials"


def test_pull_and_issue(client: httpx.Client) -> None:
    pull = client.get("/repos/vllm-project/vllm/pulls/25896").json()
    assert pull["merged"] is True
    assert pull["user"]["login"] == "yewentao256"
    issue = client.get("/repos/pytorch/pytorch/issues/115611").json()
    assert "pull_request" not in issue
    assert client.get("/repos/pytorch/pytorch/pulls/115611").status_code == 404


def test_head_is_get_without_a_body(client: httpx.Client) -> None:
    head = client.head("/repos/pytorch/pytorch")
    get = client.get("/repos/pytorch/pytorch")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-length"] == get.headers["content-length"]


@pytest.mark.parametrize(
    ("q", "same_as"),
    [
        # sort: orders the results, it matches nothing (GitHub's web UI puts it in URLs)
        (
            "repo:pytorch/pytorch is:pr author:yewentao256 sort:updated-desc",
            "repo:pytorch/pytorch is:pr author:yewentao256",
        ),
        # *..DATE is <=DATE (GitHub's search syntax)
        (
            "is:pr is:merged author:yewentao256 merged:*..2025-12-31",
            "is:pr is:merged author:yewentao256 merged:<=2025-12-31",
        ),
    ],
)
def test_search_syntax_gives_the_same_count_as_its_plain_form(q: str, same_as: str) -> None:
    data = FakeData.example()
    count = len(search_items(data, same_as))
    assert count > 0
    assert len(search_items(data, q)) == count
