"""Primary and secondary rate limits of the fake, as GitHub documents them."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest

from enrich.testing import FakeData, FakeGitHub, Limits

UA = {"User-Agent": "enrich-tests"}
AUTH = {**UA, "Authorization": "Bearer test-token"}


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def server(clock: Clock) -> Iterator[FakeGitHub]:
    with FakeGitHub(FakeData.example(), limits=Limits(clock=clock)) as fake:
        yield fake


def test_documented_sizes_per_resource_and_caller(server: FakeGitHub) -> None:
    base = server.api_url
    sizes = {
        (True, "/repos/pytorch/pytorch"): "5000",
        (False, "/repos/pytorch/pytorch"): "60",
        (True, "/search/issues?q=is:pr"): "30",
        (False, "/search/issues?q=is:pr"): "10",
    }
    for (authorized, path), limit in sizes.items():
        r = httpx.get(base + path, headers=AUTH if authorized else UA)
        assert r.status_code == 200
        assert r.headers["x-ratelimit-limit"] == limit
        assert r.headers["x-ratelimit-remaining"] == str(int(limit) - 1)
    graphql = httpx.post(server.graphql_url, json={"query": "{ rateLimit { limit } }"},
                         headers=AUTH)  # fmt: skip
    assert graphql.json()["data"]["rateLimit"]["limit"] == 5000
    assert graphql.headers["x-ratelimit-resource"] == "graphql"


def test_exhausted_core_is_403_with_remaining_0_and_resets(
    server: FakeGitHub, clock: Clock
) -> None:
    server.limits.set_remaining("core", 0)
    r = httpx.get(f"{server.api_url}/users/yewentao256", headers=AUTH)
    assert r.status_code == 403
    assert r.headers["x-ratelimit-remaining"] == "0"
    assert r.json()["message"].startswith("API rate limit exceeded")
    assert server.requests[-1].cost == 0
    reset = int(r.headers["x-ratelimit-reset"])
    search = httpx.get(f"{server.api_url}/search/issues?q=is:pr", headers=AUTH)
    assert search.status_code == 200  # another resource, another budget
    clock.now = reset + 1
    again = httpx.get(f"{server.api_url}/users/yewentao256", headers=AUTH)
    assert again.status_code == 200
    assert again.headers["x-ratelimit-remaining"] == "4999"


def test_exhausted_status_may_be_429(server: FakeGitHub) -> None:
    server.limits.limited_status = 429
    server.limits.set_remaining("search", 0, authenticated=False)
    r = httpx.get(f"{server.api_url}/search/issues?q=is:pr", headers=UA)
    assert r.status_code == 429
    assert r.headers["x-ratelimit-resource"] == "search"


def test_rate_limit_endpoint_costs_nothing(server: FakeGitHub) -> None:
    httpx.get(f"{server.api_url}/repos/pytorch/pytorch", headers=AUTH)
    body = httpx.get(f"{server.api_url}/rate_limit", headers=AUTH).json()
    body_again = httpx.get(f"{server.api_url}/rate_limit", headers=AUTH).json()
    assert body["resources"]["core"]["used"] == body_again["resources"]["core"]["used"] == 1
    assert body["rate"] == body["resources"]["core"]
    assert server.requests[-1].resource is None


def test_unauthorized_304_still_costs(server: FakeGitHub) -> None:
    first = httpx.get(f"{server.api_url}/repos/pytorch/pytorch", headers=UA)
    assert first.headers["cache-control"].startswith("public")
    again = httpx.get(
        f"{server.api_url}/repos/pytorch/pytorch",
        headers={**UA, "If-None-Match": first.headers["etag"]},
    )
    assert again.status_code == 304
    assert again.headers["x-ratelimit-used"] == "2"
    assert [r.cost for r in server.requests] == [1, 1]


def test_graphql_rate_limited_error(server: FakeGitHub) -> None:
    server.limits.set_remaining("graphql", 0)
    r = httpx.post(server.graphql_url, json={"query": "{ rateLimit { cost } }"}, headers=AUTH)
    assert r.status_code == 200
    assert r.json()["errors"][0]["type"] == "RATE_LIMITED"
    assert "data" not in r.json()


def test_graphql_charges_points_and_reports_them(server: FakeGitHub) -> None:
    query = (
        '{ user(login: "yewentao256") { repositories(first: 100) { nodes {'
        " issues(first: 100) { nodes { labels(first: 10) { totalCount } } } } } }"
        " rateLimit { cost remaining used nodeCount } }"
    )  # 1 + 100 + 10,000 requests: 101 points; 100 + 10,000 + 100,000 nodes
    r = httpx.post(server.graphql_url, json={"query": query}, headers=AUTH)
    rate = r.json()["data"]["rateLimit"]
    assert (rate["cost"], rate["nodeCount"]) == (101, 110_100)
    assert rate["remaining"] == 5000 - 101
    assert r.headers["x-ratelimit-used"] == str(rate["used"])


def test_secondary_limit_per_minute_with_retry_after(server: FakeGitHub, clock: Clock) -> None:
    server.limits.rest_points_per_minute = 3
    statuses = [
        httpx.get(f"{server.api_url}/repos/pytorch/pytorch", headers=AUTH).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 403]
    r = httpx.get(f"{server.api_url}/repos/pytorch/pytorch", headers=AUTH)
    assert r.headers["retry-after"] == "60"
    assert "secondary rate limit" in r.json()["message"]
    clock.now += 61
    assert httpx.get(f"{server.api_url}/repos/pytorch/pytorch", headers=AUTH).status_code == 200


def test_secondary_limit_on_concurrency(server: FakeGitHub) -> None:
    server.limits.max_in_flight = 2
    server.faults.latency = 0.3
    statuses: list[int] = []

    def one() -> None:
        r = httpx.get(f"{server.api_url}/users/yewentao256", headers=AUTH, timeout=10)
        statuses.append(r.status_code)

    threads = [threading.Thread(target=one) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses.count(200) >= 1
    assert statuses.count(403) >= 1
    assert set(statuses) <= {200, 403}


def test_secondary_next_fault_and_status(server: FakeGitHub) -> None:
    server.limits.secondary_status = 429
    server.limits.retry_after = 7
    server.faults.secondary_next = 1
    r = httpx.get(f"{server.api_url}/users/yewentao256", headers=AUTH)
    assert (r.status_code, r.headers["retry-after"]) == (429, "7")
    assert server.requests[-1].fault == "secondary"
    assert httpx.get(f"{server.api_url}/users/yewentao256", headers=AUTH).status_code == 200


def test_the_admin_endpoint_can_leave_retry_after_out_and_refuses_unknown_keys(
    server: FakeGitHub,
) -> None:
    admin = f"{server.api_url}/_fake/limits"
    assert httpx.post(admin, json={"retry_after": None}).status_code == 200
    server.faults.secondary_next = 1
    r = httpx.get(f"{server.api_url}/users/yewentao256", headers=AUTH)
    assert r.status_code == 403
    assert "retry-after" not in r.headers
    refused = httpx.post(admin, json={"nosuch": 1})
    assert refused.status_code == 400
    assert "nosuch" in refused.text
