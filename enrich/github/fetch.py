"""fetch_figures: references -> per-item outcomes, with the fewest requests it can manage.

Order of preference for each item: a freshness record younger than the TTL (no request at
all), then one GraphQL batch per ``batch_size`` items with a token, or REST GETs without one
(conditional when the disk cache holds validators, so an unchanged answer is a free 304).
Whatever fails, an item gets an ``Outcome`` saying why, and ``stats.merge`` keeps its last
known figures.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from enrich.errors import GitHubError, InputError, RateLimitedError
from enrich.github.cache import DEFAULT_CACHE_DIR, DiskCache, Record
from enrich.github.client import (
    DEFAULT_API_URL,
    DEFAULT_GRAPHQL_URL,
    ClientConfig,
    GitHubClient,
)
from enrich.github.decode import (
    Decoded,
    Failure,
    RateLimit,
    Result,
    decode_graphql,
    finish_owner,
    owned_page,
    parse_json,
)
from enrich.github.plan import (
    DEFAULT_BATCH_SIZE,
    Target,
    TargetKind,
    graphql_batches,
    owner_pages_query,
    targets_from_refs,
)
from enrich.github.rest import fetch_rest_target
from enrich.scan.refs import Ref
from enrich.stats import Outcome, Status

DEFAULT_TTL = 3600.0
MAX_OWNER_PAGES = 10
"""Pages of 100 owned repositories read per user for ``total_stars`` (1,000 repositories)."""

Progress = Callable[[str, str], None]
"""Called once per item as it settles: (key, disposition)."""


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Everything fetch needs; ``from_env`` reads the token and base URLs."""

    token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    graphql_url: str = DEFAULT_GRAPHQL_URL
    cache_dir: Path | None = DEFAULT_CACHE_DIR
    ttl: float = DEFAULT_TTL
    concurrency: int = 8
    batch_size: int = DEFAULT_BATCH_SIZE
    max_wait: float = 60.0
    transport: httpx.AsyncBaseTransport | None = None
    clock: Callable[[], float] = time.time
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    progress: Progress | None = None
    notice: Callable[[str], None] | None = None
    """Called with a line the user should see while fetch runs (a rate-limit wait)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> FetchOptions:
        """Token from ``GITHUB_TOKEN`` or ``GH_TOKEN``; URLs from ``GITHUB_API_URL`` and
        ``GITHUB_GRAPHQL_URL`` (which also serve GitHub Enterprise: without the second, the
        GraphQL URL is derived from the first, ``.../api/v3`` -> ``.../api/graphql``)."""
        env = os.environ if env is None else env
        token = (env.get("GITHUB_TOKEN") or "").strip() or (env.get("GH_TOKEN") or "").strip()
        api_url = (env.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/")
        values: dict[str, Any] = {
            "token": token or None,
            "api_url": api_url,
            "graphql_url": env.get("GITHUB_GRAPHQL_URL") or graphql_url_for(api_url),
        }
        values.update(overrides)
        return cls(**values)


def _wait_notice(options: FetchOptions) -> Callable[[str, float, str], None] | None:
    """The line shown when the client waits out a rate limit, so a pause is explained."""
    notice = options.notice
    if notice is None:
        return None

    def announce(resource: str, seconds: float, why: str) -> None:
        if why == "secondary":
            notice(
                f"GitHub asked enrich to slow down ({resource} secondary rate limit): "
                f"waiting {seconds:.0f} s"
            )
            return
        hint = "" if options.token else "; a token (GITHUB_TOKEN) raises the limit"
        notice(f"{resource} rate limit reached: waiting {seconds:.0f} s for it to reset{hint}")

    return announce


def graphql_url_for(api_url: str) -> str:
    """GitHub's GraphQL endpoint for a REST base URL (github.com, GHE Server, GHE.com)."""
    base = api_url.rstrip("/")
    if base.endswith("/api/v3"):
        return base.removesuffix("/v3") + "/graphql"
    return base + "/graphql"


DISPOSITIONS = ("fetched", "cached", "renamed", "stale", "missing")


@dataclass(slots=True, repr=False)
class FetchReport:
    """What one fetch learnt and what it cost (run output, never stored in the stats file)."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)
    dispositions: dict[str, str] = field(default_factory=dict)
    """Per key: fetched, cached, renamed, stale or missing."""
    requests: dict[str, int] = field(default_factory=dict)
    rate_limits: dict[str, RateLimit] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    rate_limited: bool = False
    """Some items were skipped because a rate limit ran out."""

    def __repr__(self) -> str:
        # Short on purpose: Python 3.11's asyncio.run reprs the main task's result when it
        # restores the SIGINT handler, and a full repr of 1,300 outcomes took half a second.
        return f"FetchReport(counts={self.counts}, requests={self.requests})"

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(DISPOSITIONS, 0)
        for disposition in self.dispositions.values():
            counts[disposition] += 1
        return counts

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready summary for ``--json``."""
        return {
            "counts": self.counts,
            "requests": dict(self.requests),
            "rate_limits": {
                name: {"limit": rl.limit, "remaining": rl.remaining, "reset": rl.reset}
                for name, rl in sorted(self.rate_limits.items())
            },
            "rate_limited": self.rate_limited,
            "warnings": list(self.warnings),
            "items": {
                key: {
                    "status": self.dispositions[key],
                    "name": outcome.name,
                    **({"renamed_to": outcome.renamed_to} if outcome.renamed_to else {}),
                    **({"error": outcome.error} if outcome.error else {}),
                }
                for key, outcome in self.outcomes.items()
            },
        }


class _Run:
    """One fetch: the client, the caches and the report being filled."""

    def __init__(self, options: FetchOptions, client: GitHubClient, cache: DiskCache) -> None:
        self.options = options
        self.client = client
        self.cache = cache
        self.report = FetchReport()
        self.unauthorized = False
        """GitHub answered 401: the token is refused (or the server wants one)."""

    def settle(self, target: Target, result: Result, *, cached: bool = False) -> None:
        report = self.report
        if isinstance(result, Failure):
            status = result.status
            outcome = Outcome(target.kind.value, target.display, status, None, None, result.message)
            disposition = "missing" if status is Status.MISSING else "stale"
            report.rate_limited |= result.rate_limited
            self.unauthorized |= result.unauthorized
        else:
            status = Status.RENAMED if result.renamed_to else Status.FRESH
            outcome = Outcome(
                target.kind.value, result.name, status, result.figures, result.renamed_to
            )
            disposition = "cached" if cached else ("renamed" if result.renamed_to else "fetched")
            if result.renamed_to:
                report.warnings.append(
                    f"page links to old name {target.display}, now {result.renamed_to}"
                )
        report.outcomes[target.key] = outcome
        report.dispositions[target.key] = disposition
        if not cached and status is Status.STALE:
            self.cache.forget_record(target.key)
        elif not cached:
            self.cache.store_record(
                Record(
                    target.key,
                    target.kind.value,
                    outcome.name,
                    status,
                    outcome.figures,
                    self.options.clock(),
                    outcome.renamed_to,
                    outcome.error,
                )
            )
        if self.options.progress is not None and not self.unauthorized:
            # after a 401 the whole fetch fails as bad input: no progress to show for it
            self.options.progress(target.key, disposition)

    def from_record(self, target: Target) -> bool:
        """Settle ``target`` from a freshness record younger than the TTL."""
        options = self.options
        record = self.cache.fresh_record(target.key, now=options.clock(), ttl=options.ttl)
        if record is None:
            return False
        result: Result
        if record.figures is None:
            result = Failure(record.status, record.error or "not found")
        else:
            result = Decoded(dict(record.figures), record.name, record.renamed_to)
        self.settle(target, result, cached=True)
        return True

    async def graphql(self, targets: list[Target]) -> None:
        by_key = {target.key: target for target in targets}
        batches = graphql_batches(targets, self.options.batch_size)

        async def one(batch_index: int) -> None:
            batch = batches[batch_index]
            try:
                response = await self.client.graphql(batch.query)
            except GitHubError as exc:
                failure = Failure(Status.STALE, str(exc), isinstance(exc, RateLimitedError))
                for key in batch.keys:
                    self.settle(by_key[key], failure)
                return
            if response.status == 401:
                self.unauthorized = True
            decoded = decode_graphql(response.status, response.body, batch, by_key)
            if decoded.blamed and len(decoded.blamed) < len(batch.keys):
                # One item's error nulled the whole answer: settle it, ask for the rest again.
                for key in decoded.blamed:
                    self.settle(by_key[key], decoded.results[key])
                await self.graphql([by_key[k] for k in batch.keys if k not in decoded.blamed])
                return
            if decoded.rate_limit is not None:
                self.client.rate_limits["graphql"] = decoded.rate_limit
            owners = {
                key: result
                for key, result in decoded.results.items()
                if isinstance(result, Decoded) and by_key[key].kind is TargetKind.USER
            }
            await self.more_owner_pages(owners)
            for key in batch.keys:
                result = decoded.results[key]
                if key in owners:
                    result = finish_owner(owners[key])
                self.settle(by_key[key], result)

        await asyncio.gather(*(one(i) for i in range(len(batches))))

    async def more_owner_pages(self, owners: dict[str, Decoded]) -> None:
        """Follow owned-repository pages for owners with more than one page (all in one query
        per round). When a page fails, those owners' ``total_stars`` is not updated."""
        for _ in range(MAX_OWNER_PAGES - 1):
            pending = {k: d for k, d in owners.items() if d.next_cursor}
            if not pending:
                break
            aliases = {f"p{i}": key for i, key in enumerate(pending)}
            query = owner_pages_query(
                [
                    (a, str(pending[k].figures["login"]), str(pending[k].next_cursor))
                    for a, k in aliases.items()
                ]
            )
            data: Any = None
            try:
                response = await self.client.graphql(query)
                if response.status == 200:
                    data = parse_json(response.body).get("data")
            except (GitHubError, ValueError, AttributeError):
                data = None
            for alias, key in aliases.items():
                node = data.get(alias) if isinstance(data, dict) else None
                owned = node.get("owned") if isinstance(node, dict) else None
                if not isinstance(owned, dict):
                    pending[key].incomplete = True
                    pending[key].next_cursor = None
                    continue
                stars, cursor = owned_page(owned)
                pending[key].star_counts.update(stars)
                pending[key].next_cursor = cursor
        short = [str(d.figures["login"]) for d in owners.values() if d.incomplete]
        if short:
            self.report.warnings.append(
                f"total_stars of {', '.join(short)} not updated: a page of repositories failed"
            )

    async def rest(self, targets: list[Target]) -> None:
        async def one(target: Target) -> None:
            self.settle(
                target, await fetch_rest_target(self.client, self.cache, target, self.options.clock)
            )

        await asyncio.gather(*(one(target) for target in targets))


async def fetch_figures_async(refs: Iterable[Ref], options: FetchOptions) -> FetchReport:
    """Fetch every target of ``refs`` (de-duplicated by ``Ref.key``); never raises for an item."""
    warnings: list[str] = []
    cache = DiskCache(
        options.cache_dir, namespace=options.api_url, warn=warnings.append, clock=options.clock
    )
    config = ClientConfig(
        api_url=options.api_url,
        graphql_url=options.graphql_url,
        token=options.token,
        concurrency=options.concurrency,
        max_wait=options.max_wait,
        memory_ttl=options.ttl,
    )
    async with GitHubClient(
        config,
        transport=options.transport,
        sleep=options.sleep,
        clock=options.clock,
        on_wait=_wait_notice(options),
    ) as client:
        run = _Run(options, client, cache)
        run.report.warnings = warnings
        todo = [t for t in targets_from_refs(refs) if not run.from_record(t)]
        try:
            if todo and options.token:
                await run.graphql(todo)
            elif todo:
                warnings.append(
                    "no token: set GITHUB_TOKEN (or GH_TOKEN) for cheaper refreshes "
                    f"(one GraphQL request per {options.batch_size} items instead of REST calls)"
                )
                await run.rest(todo)
        finally:
            cache.flush()
    if run.unauthorized:
        raise InputError(
            f"GitHub at {options.api_url} answered 401: "
            + (
                "the token was refused; check GITHUB_TOKEN or GH_TOKEN"
                if options.token
                else "it needs a token; set GITHUB_TOKEN or GH_TOKEN"
            )
        )
    counts = client.counts
    run.report.requests = {
        "graphql": counts.graphql,
        "rest": counts.rest,
        "conditional": counts.conditional,
        "conditional_304": counts.conditional_304,
        "retries": counts.retries,
    }
    run.report.rate_limits = dict(client.rate_limits)
    return run.report


def fetch_figures(refs: Iterable[Ref], options: FetchOptions) -> FetchReport:
    """Synchronous wrapper of ``fetch_figures_async`` (for the CLI and ``enrich run``)."""
    return asyncio.run(fetch_figures_async(list(refs), options))
