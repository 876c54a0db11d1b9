"""Before spending: what a run will ask GitHub for, and whether the rate limit left covers it.

``enrich run`` refuses to half-run: when the requests it needs exceed what a resource has
left and that resource does not reset soon, it skips politely and writes nothing. The
estimate is pure (``estimate_requests``); the only I/O is ``read_rate_limits``, one
``GET /rate_limit``, which GitHub does not count against any limit
(https://docs.github.com/rest/rate-limit/rate-limit).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime

from enrich.errors import GitHubError, InputError, ResponseError
from enrich.github.cache import DiskCache
from enrich.github.client import ClientConfig, GitHubClient
from enrich.github.decode import RateLimit
from enrich.github.fetch import FetchOptions
from enrich.github.plan import Target, TargetKind, search_parts, targets_from_refs
from enrich.scan.refs import Ref

GRAPHQL_CONNECTIONS_PER_ITEM = 3
"""A generous count of connections per batched item (a repository's issues, pull requests
and topics; a search; an owner's repositories): GitHub charges one point per 100."""


CLOCK_SKEW = 5.0
"""Seconds of slack between our clock and GitHub's ``reset`` epoch: a one-minute window
(the search API's) may report a reset a second or two past a minute away."""


class GitHubUnreachable(GitHubError):
    """``GET /rate_limit`` got no HTTP answer at all (DNS, connection refused, timeouts)."""


def pending_targets(
    refs: Iterable[Ref], options: FetchOptions, warn: Callable[[str], None]
) -> list[Target]:
    """The targets a fetch would ask GitHub for: those without a record younger than the TTL.

    It reads the same freshness records ``fetch`` does, so a run within the TTL needs
    nothing and makes no request at all, not even ``/rate_limit``.
    """
    cache = DiskCache(options.cache_dir, namespace=options.api_url, warn=warn)
    now = options.clock()
    return [
        target
        for target in targets_from_refs(refs)
        if cache.fresh_record(target.key, now=now, ttl=options.ttl) is None
    ]


def estimate_requests(
    targets: Iterable[Target],
    *,
    token: bool,
    batch_size: int,
    repo_counts: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """Requests (GraphQL points) per rate-limit resource that fetching ``targets`` costs.

    With a token: one GraphQL query per ``batch_size`` items, charged by its connections,
    plus one more query per owner whose repositories may run to a second page (unless
    ``repo_counts``, the owners' last known ``public_repos`` by target key, says at most
    100). Without:
    the REST calls ``plan.rest_calls`` would make (an owner's first repository page
    included), searches charged to the ``search`` resource.
    """
    targets = list(targets)
    if not targets:
        return {}
    if token:
        points = 0
        for start in range(0, len(targets), batch_size):
            items = len(targets[start : start + batch_size])
            points += max(1, math.ceil(items * GRAPHQL_CONNECTIONS_PER_ITEM / 100))
        known = repo_counts or {}
        points += sum(
            1 for t in targets if t.kind is TargetKind.USER and known.get(t.key, 101) > 100
        )
        return {"graphql": points}
    need = {"core": 0, "search": 0}
    for target in targets:
        if target.kind is TargetKind.SEARCH:
            need["search"] += len(search_parts(target))
        elif target.kind is TargetKind.USER:
            need["core"] += 2
        else:
            need["core"] += 1
    return {resource: count for resource, count in need.items() if count}


def parse_rate_limits(body: bytes) -> dict[str, RateLimit]:
    """The ``resources`` of a ``/rate_limit`` answer; ``{}`` when the body is not one."""
    try:
        document = json.loads(body)
        resources = document["resources"]
        return {
            name: RateLimit(
                name,
                int(bucket["limit"]),
                int(bucket["remaining"]),
                int(bucket["reset"]),
                int(bucket.get("used", 0)),
            )
            for name, bucket in resources.items()
            if isinstance(bucket, dict)
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


def shortfall(
    need: Mapping[str, int],
    limits: Mapping[str, RateLimit],
    *,
    now: float,
    max_wait: float,
) -> str | None:
    """Why the run cannot afford ``need`` (one sentence), or ``None`` when it can.

    A resource short of requests is still fine when it resets within ``max_wait`` seconds:
    the client waits for that reset (the search API's one-minute window, typically).
    Resources ``/rate_limit`` did not report are assumed sufficient.
    """
    for resource, count in sorted(need.items()):
        limit = limits.get(resource)
        if limit is None or count <= limit.remaining:
            continue
        wait = limit.reset - now
        if wait <= max_wait + CLOCK_SKEW:
            continue
        try:
            at = datetime.fromtimestamp(limit.reset, UTC).strftime("%H:%M UTC")
        except (OverflowError, OSError, ValueError):  # a reset no clock can show
            at = "a reset GitHub gave as " + str(limit.reset)[:20]
        return (
            f"the run needs about {count} {resource} requests but {limit.remaining} of "
            f"{limit.limit} are left until {at} (in {math.ceil(wait / 60)} min)"
        )
    return None


async def read_rate_limits(options: FetchOptions) -> dict[str, RateLimit]:
    """``GET /rate_limit`` (free); ``{}`` when the server does not say (GHES with limits off).

    Raises ``GitHubUnreachable`` when no answer comes, ``InputError`` when the token is
    refused (401), since no request would succeed with it.
    """
    config = ClientConfig(
        api_url=options.api_url,
        graphql_url=options.graphql_url,
        token=options.token,
        concurrency=1,
        timeout=15.0,
        max_attempts=4,  # as sturdy as the fetch it guards: a reset or two is no outage
        retry_budget=10.0,
        max_wait=options.max_wait,
    )
    async with GitHubClient(
        config, transport=options.transport, sleep=options.sleep, clock=options.clock
    ) as client:
        try:
            response = await client.get(client.rest_url("/rate_limit"))
        except ResponseError as exc:
            raise GitHubUnreachable(f"cannot reach {options.api_url} ({exc})") from exc
    if response.status == 401:
        raise InputError(
            "GitHub refused the token (401 Bad credentials): check GITHUB_TOKEN or GH_TOKEN"
        )
    if response.status != 200:
        return {}
    return parse_rate_limits(response.body)
