"""Answers no GitHub sends (a hostile or broken server): each fails its request, never the run,
and never shows the token."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from enrich.errors import GitHubError, RateLimitedError, ResponseError
from enrich.github.client import MAX_BODY
from enrich.github.decode import RateLimit, _error_failure, _full_name, parse_json
from enrich.run_budget import shortfall
from tests.github.test_github_client import API, TOKEN, FakeTime, make


def _get(handler, token: str | None = TOKEN) -> None:  # type: ignore[no-untyped-def]
    async def go() -> None:
        async with make(handler, FakeTime(), token=token) as client:
            await client.get(f"{API}/rate_limit")

    asyncio.run(go())


@pytest.mark.parametrize("value", ["inf", "1e400", "-inf"])
def test_retry_after_infinite_is_a_rate_limit_not_a_crash(value: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"retry-after": value})

    if value == "-inf":
        with pytest.raises(RateLimitedError):  # retried at once until attempts run out
            _get(handler)
    else:
        with pytest.raises(RateLimitedError, match="Retry-After"):
            _get(handler)


def test_reset_that_is_not_whole_seconds_is_not_a_crash() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "soon"}
        return httpx.Response(403, headers=headers)

    with pytest.raises(GitHubError):
        _get(handler)


def test_malformed_location_fails_the_request() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "http:\\\\elsewhere.test/x"})

    with pytest.raises(ResponseError, match="invalid redirect"):
        _get(handler)


def test_token_with_a_newline_is_never_quoted() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        # what h11 raises for a header holding a newline: it quotes the header
        raise httpx.LocalProtocolError(f"Illegal header value {request.headers['authorization']!r}")

    with pytest.raises(ResponseError) as info:
        _get(handler, token="ghp_secret\nmore")
    assert "ghp_secret" not in str(info.value)
    assert "ghp_secret" not in repr(info.value)


def test_huge_body_is_refused() -> None:
    chunk = b" " * 2**20

    async def endless() -> AsyncIterator[bytes]:
        for _ in range(MAX_BODY // 2**20 + 2):
            yield chunk

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=endless())

    with pytest.raises(ResponseError, match="MiB"):
        _get(handler)


def test_deep_json_is_malformed_json() -> None:
    with pytest.raises(ValueError, match="too deep"):
        parse_json(b"[" * 100_000 + b"]" * 100_000)


def test_graphql_error_message_stays_on_one_line() -> None:
    failure = _error_failure({"type": "FORBIDDEN\n::x", "message": "no\n::error::pwned\r\n"})
    assert "\n" not in failure.message
    assert "\r" not in failure.message


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("pytorch/pytorch", True),
        ("octo_corp/deeplink.framework", True),  # enterprise managed logins hold a _
        ("../../tmp/x", False),
        ("evil/<img src=x>\n::error title=pwn::injected", False),
        ("no-slash", False),
    ],
)
def test_a_repository_name_from_an_answer_must_be_owner_slash_name(name: str, ok: bool) -> None:
    if ok:
        assert _full_name(name) == name
    else:
        with pytest.raises(ValueError, match="not a repository name"):
            _full_name(name)


def test_a_reset_no_clock_can_show_is_a_sentence_not_a_crash() -> None:
    limits = {"core": RateLimit("core", 60, 0, 99_999_999_999_999_999_999)}
    reason = shortfall({"core": 5}, limits, now=0.0, max_wait=60.0)
    assert reason is not None
    assert "99999999999999999999" in reason


def test_an_answer_that_trickles_in_times_out() -> None:
    async def trickle() -> AsyncIterator[bytes]:
        while True:
            yield b" "
            await asyncio.sleep(0.05)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=trickle())

    async def go() -> None:
        clock = FakeTime()
        async with make(handler, clock, timeout=0.2) as client:
            await client.get(f"{API}/rate_limit")

    with pytest.raises(ResponseError, match="ReadTimeout"):
        asyncio.run(go())
