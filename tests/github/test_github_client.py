"""The client over httpx.MockTransport: headers, auth scope, retries, rate limits, redirects."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

import httpx
import pytest

from enrich.errors import RateLimitedError, ResponseError
from enrich.github.client import ClientConfig, GitHubClient

API = "https://api.example.test"
TOKEN = "ghp_unit_secret_token_123"


class FakeTime:
    """A clock that only moves when the client sleeps."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def make(
    handler: Callable[[httpx.Request], httpx.Response],
    t: FakeTime,
    *,
    token: str | None = TOKEN,
    **config: object,
) -> GitHubClient:
    cfg = ClientConfig(api_url=API, graphql_url=f"{API}/graphql", token=token, **config)  # type: ignore[arg-type]
    return GitHubClient(
        cfg,
        transport=httpx.MockTransport(handler),
        sleep=t.sleep,
        clock=t.clock,
        jitter=lambda: 0.5,
    )


def limits(remaining: int, reset: float, resource: str = "core") -> dict[str, str]:
    return {
        "x-ratelimit-limit": "60",
        "x-ratelimit-remaining": str(remaining),
        "x-ratelimit-reset": str(int(reset)),
        "x-ratelimit-used": str(60 - remaining),
        "x-ratelimit-resource": resource,
    }


async def test_headers_and_the_token_only_for_the_api_host() -> None:
    t = FakeTime()
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "api.example.test":
            return httpx.Response(301, headers={"location": "https://elsewhere.test/repos/o/new"})
        return httpx.Response(200, json={"ok": True})

    async with make(handler, t) as client:
        response = await client.get(f"{API}/repos/o/old")
    assert response.status == 200
    assert response.redirected_from == (f"{API}/repos/o/old",)
    first, second = seen
    assert first.headers["authorization"] == f"Bearer {TOKEN}"
    assert first.headers["accept"] == "application/vnd.github+json"
    assert first.headers["x-github-api-version"] == "2022-11-28"
    assert first.headers["user-agent"].startswith("enrich/")
    assert "authorization" not in second.headers  # never sent to another host
    assert TOKEN not in repr(client.config)


async def test_502_then_success_is_retried_with_backoff(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="enrich")
    t = FakeTime()
    statuses = iter([502, 503, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(next(statuses), json={})

    async with make(handler, t) as client:
        response = await client.get(f"{API}/repos/o/r")
    assert response.status == 200
    assert client.counts.rest == 3
    assert client.counts.retries == 2
    assert len(t.sleeps) == 2
    assert t.sleeps[1] > t.sleeps[0] > 0
    assert TOKEN not in caplog.text


async def test_retries_are_bounded() -> None:
    t = FakeTime()
    async with make(lambda r: httpx.Response(502), t, max_attempts=3) as client:
        response = await client.get(f"{API}/repos/o/r")
    assert response.status == 502
    assert client.counts.rest == 3


async def test_connection_reset_then_success() -> None:
    t = FakeTime()
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise httpx.ReadError("connection reset by peer", request=request)
        return httpx.Response(200, json={})

    async with make(handler, t) as client:
        assert (await client.get(f"{API}/repos/o/r")).status == 200
    assert calls == 2


async def test_persistent_connection_failure_raises_response_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with make(handler, FakeTime(), max_attempts=2) as client:
        with pytest.raises(ResponseError, match="after 2 attempts"):
            await client.get(f"{API}/repos/o/r")


async def test_retry_after_is_honoured_and_capped() -> None:
    t = FakeTime()
    answers = iter([httpx.Response(403, headers={"retry-after": "7"}), httpx.Response(200)])
    async with make(lambda r: next(answers), t) as client:
        assert (await client.get(f"{API}/repos/o/r")).status == 200
    assert t.sleeps == [7.0]

    t = FakeTime()
    async with make(lambda r: httpx.Response(429, headers={"retry-after": "3600"}), t) as client:
        with pytest.raises(RateLimitedError):
            await client.get(f"{API}/repos/o/r")
    assert t.sleeps == []


async def test_a_secondary_limit_given_up_on_sends_nothing_more_for_that_resource() -> None:
    t = FakeTime()
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        return httpx.Response(403, headers={"retry-after": "120"})

    async with make(handler, t) as client:
        for name in ("a", "b", "c"):
            with pytest.raises(RateLimitedError):
                await client.get(f"{API}/repos/o/{name}")
    assert sent == ["/repos/o/a"]  # not two more requests into the same limit


async def test_a_secondary_limit_without_retry_after_waits_a_minute() -> None:
    t = FakeTime()
    message = b'{"message": "You have exceeded a secondary rate limit."}'
    answers = iter([httpx.Response(403, content=message), httpx.Response(200)])
    async with make(lambda r: next(answers), t) as client:
        assert (await client.get(f"{API}/repos/o/r")).status == 200
    assert t.sleeps == [60.0]


async def test_other_requests_wait_out_a_secondary_limit_instead_of_hitting_it() -> None:
    sent: list[str] = []
    limited_until = 0.0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal limited_until
        sent.append(request.url.path)
        if not limited_until:
            limited_until = time.monotonic() + 0.2
        if time.monotonic() < limited_until:
            return httpx.Response(403, headers={"retry-after": "0.2"})
        return httpx.Response(200)

    config = ClientConfig(api_url=API, token=None, concurrency=1)
    async with GitHubClient(config, transport=httpx.MockTransport(handler)) as client:
        answers = await asyncio.gather(*(client.get(f"{API}/repos/o/{n}") for n in "abc"))
    assert [a.status for a in answers] == [200, 200, 200]
    assert sorted(sent) == ["/repos/o/a", "/repos/o/a", "/repos/o/b", "/repos/o/c"]


async def test_short_primary_reset_is_waited_out() -> None:
    t = FakeTime()
    reset = t.now + 20
    answers = iter(
        [
            httpx.Response(403, headers=limits(0, reset)),
            httpx.Response(200, headers=limits(59, reset + 3600)),
        ]
    )
    async with make(lambda r: next(answers), t) as client:
        assert (await client.get(f"{API}/repos/o/r")).status == 200
    assert t.sleeps == [21.0]


async def test_long_primary_reset_stops_and_blocks_the_resource() -> None:
    t = FakeTime()
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        if request.url.path.startswith("/search"):
            return httpx.Response(403, headers=limits(0, t.now + 3000, "search"))
        return httpx.Response(200, headers=limits(50, t.now + 3000))

    async with make(handler, t, token=None) as client:
        with pytest.raises(RateLimitedError) as info:
            await client.get(f"{API}/search/issues?q=a", resource="search")
        assert info.value.resource == "search"
        with pytest.raises(RateLimitedError):
            await client.get(f"{API}/search/issues?q=b", resource="search")
        assert (await client.get(f"{API}/repos/o/r")).status == 200  # core is unaffected
    assert sent == ["/search/issues", "/repos/o/r"]
    assert t.sleeps == []


async def test_in_flight_requests_never_exceed_the_bound() -> None:
    in_flight = peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.005)
        in_flight -= 1
        return httpx.Response(200, json={})

    config = ClientConfig(api_url=API, token=None, concurrency=3)
    async with GitHubClient(config, transport=httpx.MockTransport(handler)) as client:
        await asyncio.gather(*(client.get(f"{API}/repos/o/r{i}") for i in range(30)))
    assert client.counts.rest == 30
    assert peak == 3


async def test_identical_gets_in_one_run_share_one_request() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(200, json={})

    async with make(handler, FakeTime()) as client:
        await asyncio.gather(*(client.get(f"{API}/users/x") for _ in range(5)))
    assert calls == 1


async def test_graphql_needs_a_token() -> None:
    async with make(lambda r: httpx.Response(200), FakeTime(), token=None) as client:
        with pytest.raises(ResponseError, match="token"):
            await client.graphql("query { viewer { login } }")


async def test_a_timeout_is_retried() -> None:
    t = FakeTime()
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise httpx.ReadTimeout("timed out", request=request)
        return httpx.Response(200, json={})

    async with make(handler, t) as client:
        assert (await client.get(f"{API}/repos/o/r")).status == 200
    assert calls == 3
    assert len(t.sleeps) == 2


async def test_retry_time_is_bounded() -> None:
    t = FakeTime()
    async with make(
        lambda r: httpx.Response(503), t, max_attempts=50, retry_budget=10.0, backoff_cap=4.0
    ) as client:
        response = await client.get(f"{API}/repos/o/r")
    assert response.status == 503
    assert sum(t.sleeps) <= 10.0
    assert client.counts.rest < 50


async def test_an_unreachable_host_stops_the_run_quickly() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        raise httpx.ConnectError("network is unreachable", request=request)

    async def one(client: GitHubClient, i: int) -> str:
        try:
            await client.get(f"{API}/repos/o/r{i}")
        except ResponseError as exc:
            return str(exc)
        return "answered"

    async with make(handler, FakeTime(), token=None, concurrency=2, max_attempts=3) as client:
        errors = await asyncio.gather(*(one(client, i) for i in range(100)))
    assert all(e != "answered" for e in errors)
    assert calls <= (3 + 2) * 3  # a few requests' worth of attempts, not 300
    assert sum("unreachable" in e for e in errors) >= 90


async def test_the_unreachable_verdict_lapses_so_a_later_request_tries_again() -> None:
    down = True

    def handler(request: httpx.Request) -> httpx.Response:
        if down and request.url.path.startswith("/repos/"):
            raise httpx.ConnectError("connection reset", request=request)
        return httpx.Response(200, json={"ok": True})

    t = FakeTime()
    async with make(handler, t, token=None, max_attempts=1) as client:
        for i in range(3):  # three requests in a row without an answer
            with pytest.raises(ResponseError, match="ConnectError"):
                await client.get(f"{API}/repos/o/r{i}")
        with pytest.raises(ResponseError, match="unreachable"):
            await client.get(f"{API}/search/issues?q=x")  # not even tried
        t.now += 61  # e.g. a search-window wait
        response = await client.get(f"{API}/search/issues?q=y")
        assert response.status == 200  # tried again, answered: the verdict is gone
        down = False
        assert (await client.get(f"{API}/repos/o/r9")).status == 200


async def test_a_primary_block_never_shortens_a_secondary_one() -> None:
    t = FakeTime()
    sent: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        if request.url.path.endswith("/a"):
            await asyncio.sleep(0.01)
            return httpx.Response(403, headers={"retry-after": "3600"})
        if request.url.path.endswith("/b"):
            await asyncio.sleep(0.05)  # answers after /a was given up on
            return httpx.Response(403, headers=limits(0, t.now + 300))
        return httpx.Response(200)

    async with make(handler, t, concurrency=2) as client:  # type: ignore[arg-type]
        for outcome in await asyncio.gather(
            client.get(f"{API}/repos/o/a"), client.get(f"{API}/repos/o/b"), return_exceptions=True
        ):
            assert isinstance(outcome, RateLimitedError)
        t.now += 400  # the primary reset has passed, the secondary limit's hour has not
        with pytest.raises(RateLimitedError, match="secondary rate limit"):
            await client.get(f"{API}/repos/o/c")
    assert sorted(sent) == ["/repos/o/a", "/repos/o/b"]
