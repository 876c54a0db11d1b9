"""The REST path (no token): one target's GETs, conditional on the disk cache's validators.

A 304 reuses the stored body and costs no rate limit. 404/410/451 mark the item missing; a
redirect (renamed or transferred repository) is followed by the client and reported as a
rename; a body that is not the JSON GitHub documents fails only this item.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from enrich.errors import GitHubError, RateLimitedError
from enrich.github.cache import DiskCache, RestEntry
from enrich.github.client import GitHubClient
from enrich.github.decode import (
    Decoded,
    Failure,
    Result,
    finish_owner,
    issue_from_rest,
    next_link,
    owned_from_rest,
    parse_json,
    repo_from_rest,
    search_figures,
    user_from_rest,
)
from enrich.github.plan import RestCall, Target, TargetKind, rest_calls, user_repos_call
from enrich.stats import Status

MISSING_STATUSES = frozenset({404, 410, 451})
MAX_REPO_PAGES = 10
INCOMPLETE_SEARCH = (
    "GitHub's search timed out (incomplete_results): its count may be low, so the last one is kept"
)


class _ItemFailed(Exception):
    def __init__(self, failure: Failure) -> None:
        self.failure = failure


@dataclass(frozen=True, slots=True)
class _Answer:
    document: Any
    link: str | None
    renamed: bool


async def _call(
    client: GitHubClient, cache: DiskCache, call: RestCall, clock: Callable[[], float]
) -> _Answer:
    url = client.rest_url(call.path, call.params)
    stored = cache.load_rest(url)
    try:
        response = await client.get(
            url,
            resource=call.resource,
            etag=stored.etag if stored else None,
            last_modified=stored.last_modified if stored else None,
        )
    except RateLimitedError as exc:
        raise _ItemFailed(Failure(Status.STALE, f"skipped: {exc}", rate_limited=True)) from exc
    except GitHubError as exc:
        raise _ItemFailed(Failure(Status.STALE, str(exc))) from exc
    status = response.status
    if status == 304 and stored is not None:
        body = stored.body.encode("utf-8")
    elif status == 200:
        body = response.body
    elif status in MISSING_STATUSES:
        reason = "unavailable for legal reasons" if status == 451 else "not found"
        raise _ItemFailed(Failure(Status.MISSING, f"HTTP {status}: {reason}"))
    else:
        failure = Failure(
            Status.STALE, f"HTTP {status} on GET {call.path}", unauthorized=status == 401
        )
        raise _ItemFailed(failure)
    try:
        document = parse_json(body)
    except ValueError as exc:
        raise _ItemFailed(Failure(Status.STALE, str(exc))) from exc
    if status == 200:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            cache.store_rest(
                RestEntry(
                    url=url,
                    body=text,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    stored_at=clock(),
                )
            )
    return _Answer(document, response.headers.get("link"), bool(response.redirected_from))


async def _owner(
    client: GitHubClient, cache: DiskCache, target: Target, clock: Callable[[], float]
) -> Decoded:
    calls = rest_calls(target)
    user, page = await asyncio.gather(*(_call(client, cache, c, clock) for c in calls))
    decoded = user_from_rest(user.document)
    decoded.star_counts.update(owned_from_rest(page.document))
    number = 1
    while next_link(page.link) and number < MAX_REPO_PAGES:
        number += 1
        page = await _call(client, cache, user_repos_call(target, number), clock)
        decoded.star_counts.update(owned_from_rest(page.document))
    return finish_owner(decoded)


async def _decode(
    client: GitHubClient, cache: DiskCache, target: Target, clock: Callable[[], float]
) -> Decoded:
    if target.kind is TargetKind.USER:
        return await _owner(client, cache, target, clock)
    calls = rest_calls(target)
    answers = await asyncio.gather(*(_call(client, cache, c, clock) for c in calls))
    if target.kind is TargetKind.SEARCH:
        if any(a.document.get("incomplete_results") is True for a in answers):
            raise _ItemFailed(Failure(Status.STALE, INCOMPLETE_SEARCH))
        counts = {
            c.part: int(a.document["total_count"]) for c, a in zip(calls, answers, strict=True)
        }
        return search_figures(target, counts)
    document = answers[0].document
    if target.kind is TargetKind.REPO:
        return repo_from_rest(target, document)
    return issue_from_rest(target, document)


async def fetch_rest_target(
    client: GitHubClient, cache: DiskCache, target: Target, clock: Callable[[], float]
) -> Result:
    """One target's figures over REST, or the reason it has none."""
    try:
        return await _decode(client, cache, target, clock)
    except _ItemFailed as failed:
        return failed.failure
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return Failure(Status.STALE, f"unexpected answer shape: {exc!r}"[:300])
