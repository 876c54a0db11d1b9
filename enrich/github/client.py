"""The only network code: one httpx pool, auth, retries, rate limits and redirects.

Rules it keeps (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api):

* the headers GitHub asks for; the token is added per request, only for the configured API
  host, so it never follows a redirect to another host and never reaches a cache or a log;
* at most ``concurrency`` requests in flight;
* 5xx, timeouts and connection resets are retried with jittered exponential backoff,
  bounded in attempts and in total time; a secondary limit's ``Retry-After`` is honoured
  (capped); an exhausted primary limit is waited out when its reset is near
  (``max_wait``), otherwise every later request for that resource raises
  ``RateLimitedError`` at once, so the run stops politely and keeps what it has;
* a 301/302/307/308 on a GET (a renamed or transferred repository) is followed by hand.

Clock, sleep, randomness and the transport are injected so tests run instantly.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

import httpx
from cachetools import TTLCache

from enrich import __version__
from enrich.errors import RateLimitedError, ResponseError
from enrich.github.decode import RateLimit, rate_limit_from_headers

log = logging.getLogger("enrich.github")

DEFAULT_API_URL = "https://api.github.com"
DEFAULT_GRAPHQL_URL = "https://api.github.com/graphql"
RETRY_STATUSES = frozenset({500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 307, 308})
MAX_REDIRECTS = 3
MAX_BODY = 64 * 2**20
"""Largest answer read (GitHub's biggest, a 100-item GraphQL batch, is well under 1 MiB)."""
UNREACHABLE_AFTER = 3
"""Requests in a row that got no answer at all before the rest give up without trying (so
a run with the network down ends in seconds, not after retrying every item)."""
UNREACHABLE_FOR = 10.0
"""Seconds that verdict holds after the last failure: a request sent later (after a
rate-limit wait, say) tries again, and an answer clears the verdict."""
SECONDARY_WAIT = 60.0
"""A secondary limit that names no wait: GitHub says to wait at least one minute."""
CLOCK_SKEW = 5.0
"""Slack on ``max_wait``: the search API's one-minute window may reset a little over 60 s
away by our clock (resets are whole epoch seconds)."""


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """Where and how to talk to GitHub. ``token`` is never shown in a repr."""

    api_url: str = DEFAULT_API_URL
    graphql_url: str = DEFAULT_GRAPHQL_URL
    token: str | None = field(default=None, repr=False)
    concurrency: int = 8
    timeout: float = 30.0
    max_attempts: int = 4
    """Attempts per request for transient failures (5xx, timeouts, resets, Retry-After)."""
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    retry_budget: float = 30.0
    """Most seconds one request may spend sleeping between retries."""
    retry_after_cap: float = 60.0
    max_wait: float = 60.0
    """Wait for an exhausted primary limit only when it resets within this many seconds."""
    memory_ttl: float = 3600.0


@dataclass(frozen=True, slots=True)
class Response:
    """A finished answer: the final URL and every URL redirected from on the way."""

    status: int
    headers: httpx.Headers
    body: bytes
    url: str
    redirected_from: tuple[str, ...] = ()


@dataclass(slots=True)
class RequestCounts:
    """What the run cost: requests by kind (every attempt counts)."""

    graphql: int = 0
    rest: int = 0
    conditional: int = 0
    conditional_304: int = 0
    retries: int = 0
    redirects: int = 0


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()


class GitHubClient:
    """An async GitHub API client; use as ``async with GitHubClient(config) as client``."""

    def __init__(
        self,
        config: ClientConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.time,
        jitter: Callable[[], float] = random.random,
        on_wait: Callable[[str, float, str], None] | None = None,
    ) -> None:
        if config.concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.config = config
        self.counts = RequestCounts()
        self.rate_limits: dict[str, RateLimit] = {}
        self._sleep = sleep
        self._clock = clock
        self._jitter = jitter
        self._on_wait = on_wait
        self._announced: set[tuple[str, int]] = set()
        """Waits already announced: (resource, reset epoch); secondary waits by the second
        they end, so concurrent requests told to wait alike are announced once."""
        self._semaphore = asyncio.Semaphore(config.concurrency)
        self._trusted = {_origin(config.api_url), _origin(config.graphql_url)}
        self._blocked: dict[str, int] = {}
        self._block_reason: dict[str, str] = {}
        """Why a resource is blocked, when it is not its primary limit (a secondary limit)."""
        self._paused: dict[str, float] = {}
        """Secondary limits being waited out, by resource: when the wait ends. Other requests
        for that resource wait too rather than being sent into the same limit."""
        self._last_failure = 0.0
        self._failed_in_a_row = 0
        """Requests that ended in a transport failure after all retries, since the last
        answer: at ``UNREACHABLE_AFTER`` the host counts as unreachable for this run."""
        self._memo: TTLCache[str, asyncio.Task[Response]] = TTLCache(
            maxsize=4096, ttl=max(config.memory_ttl, 1.0)
        )
        self._http = httpx.AsyncClient(
            transport=transport,
            timeout=config.timeout,
            follow_redirects=False,
            headers={
                "User-Agent": f"enrich/{__version__}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
            },
            limits=httpx.Limits(max_connections=config.concurrency),
        )

    async def __aenter__(self) -> GitHubClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the pool."""
        await self._http.aclose()

    @property
    def has_token(self) -> bool:
        return bool(self.config.token)

    def rest_url(self, path: str, params: Sequence[tuple[str, str]] = ()) -> str:
        """The absolute URL of an API path (``/repos/o/r``) with its query string."""
        url = self.config.api_url.rstrip("/") + path
        return f"{url}?{urlencode(list(params))}" if params else url

    # --- public calls ------------------------------------------------------------------

    async def get(
        self,
        url: str,
        *,
        resource: str = "core",
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Response:
        """GET ``url`` (conditional when validators are given), following redirects by hand.

        Identical unconditional GETs in one run share one request (an in-memory TTL cache of
        in-flight tasks). Raises ``RateLimitedError`` or ``ResponseError`` (transport failure
        after retries); any HTTP status is returned.
        """
        if etag is None and last_modified is None:
            task = self._memo.get(url)
            if task is None:
                task = asyncio.ensure_future(self._get(url, resource, None, None))
                self._memo[url] = task
            return await asyncio.shield(task)
        return await self._get(url, resource, etag, last_modified)

    async def graphql(self, query: str) -> Response:
        """POST one GraphQL query (needs a token)."""
        if not self.config.token:
            raise ResponseError("GraphQL needs a token (GITHUB_TOKEN or GH_TOKEN)")
        request = self._http.build_request("POST", self.config.graphql_url, json={"query": query})
        return await self._send(request, "graphql", "graphql")

    # --- internals ---------------------------------------------------------------------

    async def _get(
        self, url: str, resource: str, etag: str | None, last_modified: str | None
    ) -> Response:
        chain: list[str] = []
        current = url
        while True:
            headers: dict[str, str] = {}
            if etag is not None:
                headers["If-None-Match"] = etag
            if last_modified is not None:
                headers["If-Modified-Since"] = last_modified
            request = self._http.build_request("GET", current, headers=headers)
            response = await self._send(request, resource, "rest")
            location = response.headers.get("location")
            if response.status not in REDIRECT_STATUSES or not location:
                return Response(
                    response.status, response.headers, response.body, current, tuple(chain)
                )
            if len(chain) >= MAX_REDIRECTS:
                raise ResponseError(f"too many redirects from {url}", status=response.status)
            self.counts.redirects += 1
            chain.append(current)
            current = urljoin(current, location)
            etag = last_modified = None  # validators belong to the old URL

    def _authorize(self, request: httpx.Request) -> None:
        """Add the token only for the configured API host (never on another host)."""
        token = self.config.token
        if token and (request.url.scheme, request.url.netloc.decode().lower()) in self._trusted:
            request.headers["Authorization"] = f"Bearer {token}"

    def _backoff(self, attempt: int) -> float:
        """Jittered exponential backoff: uniform in [c/2, c), c = min(cap, base * 2**(n-1))."""
        ceiling = min(self.config.backoff_cap, self.config.backoff_base * 2.0 ** (attempt - 1))
        return float(ceiling * (0.5 + 0.5 * self._jitter()))

    async def _acquire(self, resource: str) -> None:
        """Take a concurrency slot with budget left for ``resource``.

        Waiting for a reset happens without a slot; the budget is checked again once a slot
        is held, since the requests ahead in the queue may have just learnt it is exhausted.
        """
        while True:
            await self._wait_for_budget(resource)
            await self._semaphore.acquire()
            if not self._exhausted(resource) and self._paused.get(resource, 0.0) <= self._clock():
                return
            self._semaphore.release()

    def _exhausted(self, resource: str) -> bool:
        now = self._clock()
        if self._blocked.get(resource, 0) > now:
            return True
        limit = self.rate_limits.get(resource)
        return limit is not None and limit.remaining <= 0 and limit.reset > now

    async def _wait_for_budget(self, resource: str) -> None:
        """Before sending: stop at once for a blocked resource, wait out a near reset."""
        blocked_until = self._blocked.get(resource)
        if blocked_until is not None:
            if blocked_until > self._clock():
                why = self._block_reason.get(resource, f"{resource} rate limit exhausted")
                raise RateLimitedError(why, resource=resource, reset_at=blocked_until)
            del self._blocked[resource]
            self._block_reason.pop(resource, None)
        paused = self._paused.get(resource, 0.0) - self._clock()
        if paused > 0:
            await self._sleep(paused)
        limit = self.rate_limits.get(resource)
        if limit is not None and limit.remaining <= 0:
            await self._wait_or_block(resource, limit.reset)

    async def _wait_or_block(self, resource: str, reset: int, *, refused: bool = False) -> None:
        """Sleep until ``reset`` (+1 s: GitHub's reset is whole seconds) or block ``resource``.

        ``refused``: GitHub just said the limit is exhausted, so even a reset that our clock
        puts in the past is given that one second.
        """
        wait = reset - self._clock()
        if wait <= 0 and not refused:
            return
        wait = max(wait, 0.0)
        if wait > self.config.max_wait + CLOCK_SKEW:
            if self._blocked.get(resource, 0) < reset:  # never shorten a secondary block
                self._blocked[resource] = reset
                self._block_reason.pop(resource, None)
            raise RateLimitedError(
                f"{resource} rate limit exhausted; resets in {wait:.0f} s",
                resource=resource,
                reset_at=reset,
            )
        log.info("%s rate limit exhausted: waiting %.1f s for the reset", resource, wait)
        self._announce(resource, reset, wait + 1.0, "reset")
        await self._sleep(wait + 1.0)
        limit = self.rate_limits.get(resource)
        if limit is not None and limit.reset <= reset:
            self.rate_limits[resource] = RateLimit(resource, limit.limit, limit.limit, reset)

    def _block(self, resource: str, seconds: float) -> None:
        """Send nothing more for ``resource`` for ``seconds`` (a secondary limit given up on:
        GitHub asks that no request be sent into it, and may ban clients that keep on)."""
        until = int(self._clock() + seconds + 0.999)
        if self._blocked.get(resource, 0) < until:
            self._blocked[resource] = until
            self._block_reason[resource] = f"{resource}: waiting out a secondary rate limit"

    def _announce(self, resource: str, until: int, seconds: float, why: str) -> None:
        """Tell ``on_wait`` about a pause once, however many requests share it."""
        if self._on_wait is not None and (resource, until) not in self._announced:
            self._announced.add((resource, until))
            self._on_wait(resource, seconds, why)

    async def _transmit(
        self, request: httpx.Request, resource: str, kind: str, conditional: bool
    ) -> tuple[httpx.Response, bytes]:
        """One attempt, holding a concurrency slot only while on the wire."""
        await self._acquire(resource)
        try:
            setattr(self.counts, kind, getattr(self.counts, kind) + 1)
            self.counts.conditional += conditional
            try:
                async with asyncio.timeout(self.config.timeout * 2):
                    raw = await self._http.send(request, stream=True)
                    try:
                        chunks: list[bytes] = []
                        size = 0
                        async for chunk in raw.aiter_bytes():
                            size += len(chunk)
                            if size > MAX_BODY:
                                raise ResponseError(
                                    f"answer to {request.method} {request.url.path} is over "
                                    f"{MAX_BODY // 2**20} MiB"
                                )
                            chunks.append(chunk)
                    finally:
                        await raw.aclose()
            except TimeoutError:  # the whole answer took too long (one that trickles in)
                raise httpx.ReadTimeout("answer took too long", request=request) from None
            return raw, b"".join(chunks)
        finally:
            self._semaphore.release()

    async def _send(self, request: httpx.Request, resource: str, kind: str) -> Response:
        attempt = 0
        slept = 0.0
        limited = 0.0  # seconds this request spent waiting out secondary limits
        while True:
            attempt += 1
            self._authorize(request)
            conditional = (
                "If-None-Match" in request.headers or "If-Modified-Since" in request.headers
            )
            error: str | None = None
            if (
                self._failed_in_a_row >= UNREACHABLE_AFTER
                and self._clock() - self._last_failure < UNREACHABLE_FOR
            ):
                raise ResponseError(
                    f"{request.url.host} is unreachable: no answer to the last requests"
                )
            try:
                raw, body = await self._transmit(request, resource, kind, conditional)
            except httpx.InvalidURL:
                # httpx parses a Location even when not following it; a malformed one
                # fails this request only
                raise ResponseError(
                    f"an invalid redirect (Location) in the answer to {request.method} "
                    f"{request.url.path}"
                ) from None
            except httpx.LocalProtocolError:
                # h11 quotes the offending header, which may be the Authorization one
                raise ResponseError(
                    f"cannot send {request.method} {request.url.path}: a request header holds "
                    "a character HTTP forbids (a newline in GITHUB_TOKEN?)"
                ) from None
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                error = f"{type(exc).__name__} on {request.method} {request.url.path}"
                log.info("%s (attempt %d)", error, attempt)
            else:
                self._failed_in_a_row = 0
                status, headers = raw.status_code, raw.headers
                log.debug("%s %s -> %d", request.method, request.url, status)
                limit = rate_limit_from_headers(headers, default=resource)
                if limit is not None:
                    self.rate_limits[limit.resource] = limit
                if status == 304:
                    self.counts.conditional_304 += 1
                delay = await self._limit_delay(status, headers, body, resource, attempt)
                if delay is None and status not in RETRY_STATUSES:
                    return Response(status, headers, body, str(request.url))
                error = f"HTTP {status} on {request.method} {request.url.path}"
                if delay is not None:
                    if attempt >= self.config.max_attempts:
                        raise RateLimitedError(f"rate limited: {error}", resource=resource)
                    if limited + delay > self.config.max_wait + CLOCK_SKEW:
                        self._block(resource, delay)
                        raise RateLimitedError(
                            f"secondary rate limit: over {self.config.max_wait:.0f} s of "
                            f"waiting for {request.method} {request.url.path}",
                            resource=resource,
                        )
                    self.counts.retries += 1
                    if delay > 0:
                        limited += delay
                        if delay >= 5:
                            until = int(self._clock() + delay)
                            self._announce(resource, until, delay, "secondary")
                        end = self._clock() + delay
                        self._paused[resource] = max(self._paused.get(resource, 0.0), end)
                        await self._sleep(delay)
                    continue
                if attempt >= self.config.max_attempts or slept >= self.config.retry_budget:
                    return Response(status, headers, body, str(request.url))
            if attempt >= self.config.max_attempts or slept >= self.config.retry_budget:
                # only a transport failure gets here (a 5xx returned its answer above)
                self._failed_in_a_row += 1
                self._last_failure = self._clock()
                raise ResponseError(f"{error} after {attempt} attempts")
            pause = min(self._backoff(attempt), max(self.config.retry_budget - slept, 0.0))
            slept += pause
            self.counts.retries += 1
            await self._sleep(pause)

    async def _limit_delay(
        self, status: int, headers: Mapping[str, str], body: bytes, resource: str, attempt: int
    ) -> float | None:
        """Seconds to wait before retrying a rate-limited answer; ``None`` if not limited.

        Primary limit (``x-ratelimit-remaining: 0``): wait out a near reset, else raise.
        Secondary limit (``Retry-After``, or a 403/429 that says so): honour it, capped.
        https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
        """
        exhausted = headers.get("x-ratelimit-remaining") == "0"
        # GraphQL says "exhausted" with HTTP 200 and an error of type RATE_LIMITED
        graphql_refused = status == 200 and exhausted and b'"RATE_LIMITED"' in body
        if status not in (403, 429) and not graphql_refused:
            return None
        retry_after = headers.get("retry-after")
        if exhausted and retry_after is None:
            try:
                reset = int(headers.get("x-ratelimit-reset", "0") or 0)
            except ValueError:  # not GitHub's whole epoch seconds: treat as no reset given
                reset = 0
            limited = headers.get("x-ratelimit-resource", resource)
            await self._wait_or_block(limited, reset, refused=True)
            return 0.0
        if retry_after is not None:
            try:
                seconds = float(retry_after)
            except ValueError:
                seconds = self.config.retry_after_cap
            if math.isnan(seconds):
                seconds = self.config.retry_after_cap
            if seconds > self.config.retry_after_cap:
                self._block(resource, min(seconds, 365 * 86400.0))
                raise RateLimitedError(
                    f"secondary rate limit: Retry-After {seconds:.0f} s", resource=resource
                )
            return max(seconds, 0.0)
        if status == 429 or b"secondary rate limit" in body.lower():
            return min(SECONDARY_WAIT, self.config.retry_after_cap)
        return None
