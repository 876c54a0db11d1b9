"""GitHub-shaped HTTP answers: the headers every answer carries, rate-limit headers, the
bodies of limit errors, and conditional-request checks. Names and values follow the recorded
api.github.com exchanges and GitHub's rate-limit documentation."""

from __future__ import annotations

import json
import time
from datetime import datetime
from email.utils import formatdate, parsedate_to_datetime
from typing import Any

from enrich.testing.httpserver import Response
from enrich.testing.limits import RESOURCES, Limits

JSON_TYPE = "application/json; charset=utf-8"
_EXPOSE = (
    "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, "
    "X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, "
    "X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, "
    "X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset"
)
_STATIC = [
    ("Access-Control-Expose-Headers", _EXPOSE),
    ("Access-Control-Allow-Origin", "*"),
    ("Strict-Transport-Security", "max-age=31536000; includeSubdomains; preload"),
    ("X-Frame-Options", "deny"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-XSS-Protection", "0"),
    ("Referrer-Policy", "origin-when-cross-origin, strict-origin-when-cross-origin"),
    ("Content-Security-Policy", "default-src 'none'"),
    ("Vary", "Accept-Encoding, Accept, X-Requested-With"),
]
_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
Headers = list[tuple[str, str]]


def request_id(n: int) -> str:
    """An ``X-GitHub-Request-Id`` in GitHub's format, unique per ``n``."""
    return f"{n % 0xFFFF:04X}:{(n * 7919) % 0xFFFF:04X}:{n:07X}:{n * 3:07X}:{int(time.time()):08X}"


def common_headers(rid: str, authorized: bool) -> Headers:
    scopes = [("X-OAuth-Scopes", ""), ("X-Accepted-OAuth-Scopes", "")] if authorized else []
    return [
        ("Server", "GitHub.com"),
        ("Date", formatdate(usegmt=True)),
        *scopes,
        ("X-GitHub-Media-Type", "github.v3; format=json"),
        *_STATIC,
        ("X-GitHub-Request-Id", rid),
    ]


def rate_headers(limits: Limits, resource: str | None, authorized: bool) -> Headers:
    if resource is None:
        return []
    b = limits.bucket(resource, authenticated=authorized)
    return [
        ("X-RateLimit-Limit", str(b.limit)),
        ("X-RateLimit-Remaining", str(b.remaining)),
        ("X-RateLimit-Reset", str(int(b.reset))),
        ("X-RateLimit-Used", str(b.used)),
        ("X-RateLimit-Resource", resource),
    ]


def json_response(
    status: int, payload: Any, headers: Headers, rid: str, authorized: bool
) -> Response:
    """A JSON answer; ``payload`` may already be encoded."""
    body = (
        payload
        if isinstance(payload, bytes)
        else json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    )
    return Response(
        status, [("Content-Type", JSON_TYPE), *common_headers(rid, authorized), *headers], body
    )


def secondary_limited(limits: Limits, resource: str, authorized: bool, rid: str) -> Response:
    """GitHub's answer to a secondary rate limit: 403 (or 429) with ``Retry-After``."""
    body = {
        "message": "You have exceeded a secondary rate limit. Please wait a few minutes before "
        "you try again. If you reach out to GitHub Support for help, please include the "
        f"request ID {rid}.",
        "documentation_url": f"{_DOCS}#about-secondary-rate-limits",
        "status": str(limits.secondary_status),
    }
    wait = [] if limits.retry_after is None else [("Retry-After", str(limits.retry_after))]
    headers = [*wait, *rate_headers(limits, resource, authorized)]
    return json_response(limits.secondary_status, body, headers, rid, authorized)


def primary_exhausted(limits: Limits, resource: str, authorized: bool, rid: str) -> Response:
    """GitHub's answer once a primary limit is spent: 403 (or 429), remaining 0."""
    if authorized:
        message = (
            "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for "
            f"help, please include the request ID {rid}."
        )
    else:
        message = (
            "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated "
            "requests get a higher rate limit. Check out the documentation for more details.)"
        )
    body = {
        "message": message,
        "documentation_url": f"{_DOCS}#about-primary-rate-limits",
        "status": str(limits.limited_status),
    }
    headers = rate_headers(limits, resource, authorized)
    return json_response(limits.limited_status, body, headers, rid, authorized)


def user_agent_required(rid: str) -> Response:
    """GitHub refuses a request without ``User-Agent`` (403, a plain-text body)."""
    body = (
        "Request forbidden by administrative rules. Please make sure your request has a "
        "User-Agent header (https://docs.github.com/rest/overview/resources-in-the-rest-api"
        "#user-agent-required). Check https://developer.github.com for other possible causes.\n"
    )
    headers = [("Content-Type", "text/html"), *common_headers(rid, False)]
    return Response(403, headers, body.encode())


def bad_credentials(rid: str) -> Response:
    body = {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest",
            "status": "401"}  # fmt: skip
    return json_response(401, body, [], rid, False)


def graphql_unauthenticated(rid: str) -> Response:
    body = {
        "message": "This endpoint requires you to be authenticated.",
        "documentation_url": "https://docs.github.com/graphql/guides/forming-calls-with-graphql"
        "#authenticating-with-graphql",
    }
    return json_response(401, body, [], rid, False)


def rate_limit_body(limits: Limits, authorized: bool) -> dict[str, Any]:
    """``GET /rate_limit``: every resource, and ``rate`` (core) for old clients."""
    resources = {}
    for name in RESOURCES:
        b = limits.bucket(name, authenticated=authorized)
        resources[name] = {"limit": b.limit, "used": b.used, "remaining": b.remaining,
                           "reset": int(b.reset)}  # fmt: skip
    return {"resources": resources, "rate": resources["core"]}


def http_date(iso_stamp: str) -> str:
    moment = datetime.fromisoformat(iso_stamp.replace("Z", "+00:00"))
    return formatdate(moment.timestamp(), usegmt=True)


def not_modified(headers: dict[str, str], etag: str | None, last_modified: str | None) -> bool:
    """RFC 9110: If-None-Match wins over If-Modified-Since."""
    if "if-none-match" in headers:
        if etag is None:
            return False
        wanted = {t.strip().removeprefix("W/") for t in headers["if-none-match"].split(",")}
        return "*" in wanted or etag in wanted
    since = headers.get("if-modified-since")
    if since and last_modified:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False
