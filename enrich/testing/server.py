"""``FakeGitHub``: GitHub's REST and GraphQL API on 127.0.0.1, with limits, faults and a log.

Each request goes through, in order: the admin surface (``/_fake/...``, never logged),
latency and one-shot faults, the ``User-Agent`` and token checks, secondary limits, primary
limits, the answer (REST or GraphQL), conditional requests (``304``), and the charge. Every
request except admin ones is appended to ``requests`` as a ``RequestRecord``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import traceback
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from enrich.testing import graphql_api, responses, rest
from enrich.testing.dataset import FakeData
from enrich.testing.faults import Faults
from enrich.testing.gql_exec import execute
from enrich.testing.gql_root import Root, iso
from enrich.testing.httpserver import HTTPServer, Request, Response
from enrich.testing.limits import Limits


def _resource(path: str) -> str | None:
    """The rate-limit resource a path is charged to (None: ``/rate_limit``, not counted)."""
    if path == "/graphql":
        return "graphql"
    if path.startswith("/search/"):
        return "search"
    return None if path == "/rate_limit" else "core"


@dataclass(frozen=True)
class RequestRecord:
    """One request as the fake saw it: what tests and benchmarks count."""

    method: str
    path: str
    query: str
    status: int
    """0 when the connection was reset without an answer."""
    conditional: bool
    """It carried ``If-None-Match`` or ``If-Modified-Since``."""
    not_modified: bool
    resource: str | None
    """``core``, ``search``, ``graphql``, or None (``/rate_limit``, unknown routes)."""
    cost: int
    """What was charged to ``resource``: 1 per REST request, the points of a GraphQL query."""
    authorized: bool
    fault: str | None = None
    """The injected fault that shaped this answer, if any."""


@dataclass
class _Seen:
    """One request in flight, and how to record its outcome."""

    req: Request
    resource: str | None
    good: bool

    def record(
        self, status: int, cost: int = 0, not_modified: bool = False, fault: str | None = None
    ) -> RequestRecord:
        h = self.req.headers
        conditional = "if-none-match" in h or "if-modified-since" in h
        return RequestRecord(self.req.method, self.req.path, self.req.query, status, conditional,
                             not_modified, self.resource, cost, self.good, fault)  # fmt: skip


class FakeGitHub:
    """A local GitHub. ``start()``/``stop()`` or ``with FakeGitHub() as server:``.

    ``tokens``: the accepted tokens; None accepts any token except ``"bad-token"`` and
    those in ``bad_tokens``.
    """

    def __init__(
        self,
        data: FakeData | None = None,
        faults: Faults | None = None,
        limits: Limits | None = None,
        *,
        tokens: set[str] | None = None,
        bad_tokens: set[str] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.data = data if data is not None else FakeData.example()
        self.faults = faults if faults is not None else Faults()
        self.limits = limits if limits is not None else Limits()
        self.tokens = tokens
        self.bad_tokens = {"bad-token"} | (bad_tokens or set())
        self._initial = self.data.snapshot()
        self._http = HTTPServer(self._handle, host, port)
        self._log: list[RequestRecord] = []
        self._log_lock = threading.Lock()
        self._in_flight = 0
        self._seq = 0
        self.errors: list[str] = []
        """Tracebacks of the fake's own bugs (answered as 500): tests may assert it is empty."""

    # -- lifecycle ----------------------------------------------------------------------

    def start(self) -> FakeGitHub:
        graphql_api.github_schema()  # build before listening: the first query stays fast
        self._http.start()
        return self

    def stop(self) -> None:
        self._http.stop()

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._http.port

    @property
    def api_url(self) -> str:
        return f"http://{self._http.host}:{self._http.port}"

    @property
    def graphql_url(self) -> str:
        return f"{self.api_url}/graphql"

    # -- the log ------------------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        """A snapshot of every request served so far (admin requests excluded)."""
        with self._log_lock:
            return list(self._log)

    def clear_requests(self) -> None:
        with self._log_lock:
            self._log.clear()

    def reset(self) -> None:
        """Back to the data it started with, full limits, no faults, an empty log."""
        self.data.restore(FakeData.from_snapshot(self._initial))
        self.limits.reset_all()
        self.faults.clear()
        self.clear_requests()

    # -- serving ------------------------------------------------------------------------

    async def _handle(self, req: Request) -> Response:
        if req.path.startswith("/_fake/"):
            from enrich.testing.admin import handle_admin

            return handle_admin(self, req)
        self._in_flight += 1
        try:
            response, record = await self._dispatch(req)
        except Exception as exc:  # a bug in the fake: say so loudly, keep serving
            detail = f"fake GitHub internal error: {type(exc).__name__}: {exc}"
            self.errors.append(traceback.format_exc())
            response = self._json(500, {"message": detail}, [])
            record = RequestRecord(
                req.method, req.path, req.query, 500, False, False, None, 0, False, "internal-error"
            )
        finally:
            self._in_flight -= 1
        with self._log_lock:
            self._log.append(record)
        return response

    def _auth(self, req: Request) -> tuple[bool, bool]:
        """``(sent a credential, the credential is good)``."""
        header = req.headers.get("authorization")
        if not header:
            return False, False
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() not in ("bearer", "token") or not token or token in self.bad_tokens:
            return True, False
        return True, self.tokens is None or token in self.tokens

    async def _dispatch(self, req: Request) -> tuple[Response, RequestRecord]:
        sent, good = self._auth(req)
        seen = _Seen(req, _resource(req.path), good)
        early = await self._injected(seen) or self._refused(seen, sent) or self._throttled(seen)
        if early is not None:
            return early
        if seen.resource == "graphql":
            return self._graphql(req, seen.record)
        if req.path == "/rate_limit" and req.method == "GET":
            body = responses.rate_limit_body(self.limits, good)
            headers = responses.rate_headers(self.limits, "core", good)
            return self._json(200, body, headers, good), seen.record(200)
        method = "GET" if req.method == "HEAD" else req.method  # HEAD: GET's head, no body
        answer = rest.answer(self.data, self.api_url, method, req.path, req.params, authorized=good)
        return self._rest_response(req, answer, seen.resource, good, seen.record)

    async def _injected(self, seen: _Seen) -> tuple[Response, RequestRecord] | None:
        """Latency, then the one-shot faults that replace an answer: resets, 5xx bursts."""
        path = seen.req.path
        if self.faults.latency > 0 and self.faults.applies(path):
            await asyncio.sleep(self.faults.latency)
        if self.faults.take("reset_next", path):
            return Response(0, reset=True), seen.record(0, fault="reset")
        failed = self.faults.take("fail_next", path)
        if failed:
            status = int(failed)
            answer = self._json(status, {"message": "Server Error"}, [])
            return answer, seen.record(status, fault="fail")
        return None

    def _refused(self, seen: _Seen, sent: bool) -> tuple[Response, RequestRecord] | None:
        """No User-Agent (403), a bad token (401), GraphQL without a token (401)."""
        if not seen.req.headers.get("user-agent"):
            return responses.user_agent_required(self._rid()), seen.record(403)
        if sent and not seen.good:
            return responses.bad_credentials(self._rid()), seen.record(401)
        if seen.resource == "graphql" and not seen.good:
            if seen.req.method != "POST":
                return self._json(404, {"message": "Not Found"}, []), seen.record(404)
            return responses.graphql_unauthenticated(self._rid()), seen.record(401)
        return None

    def _throttled(self, seen: _Seen) -> tuple[Response, RequestRecord] | None:
        """Secondary limits (injected, concurrency, per minute), then spent primary limits.

        GraphQL's primary limit is checked once the query's cost is known.
        """
        resource, good, limits = seen.resource, seen.good, self.limits
        endpoint = "graphql" if resource == "graphql" else seen.req.path.split("/")[1] or "root"
        injected = self.faults.take("secondary_next", seen.req.path)
        if (
            injected
            or self._in_flight > limits.max_in_flight
            or (resource is not None and limits.over_minute(endpoint, 1))
        ):
            answer = responses.secondary_limited(limits, resource or "core", good, self._rid())
            fault = "secondary" if injected else None
            return answer, seen.record(limits.secondary_status, fault=fault)
        if resource in ("core", "search") and limits.exhausted(resource, authenticated=good):
            answer = responses.primary_exhausted(limits, resource, good, self._rid())
            return answer, seen.record(limits.limited_status)
        return None

    # -- answers -------------------------------------------------------------------------

    def _rest_response(
        self, req: Request, answer: rest.RestAnswer, resource: str | None, good: bool, record: Any
    ) -> tuple[Response, RequestRecord]:
        document = answer.body
        if (
            answer.status == 200
            and isinstance(document, dict)
            and "incomplete_results" in document
            and self.faults.take("incomplete_next", req.path)
        ):
            document = document | {
                "incomplete_results": True,
                "total_count": document["total_count"] // 3,
            }
        body = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()
        extra: list[tuple[str, str]] = []
        etag = last_modified = None
        if answer.status == 200:
            if answer.cache_control:
                extra.append(("Cache-Control", answer.cache_control))
            else:
                scope = "private" if good else "public"
                extra.append(("Cache-Control", f"{scope}, max-age=60, s-maxage=60"))
            extra.append(("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP"))
            if answer.etag:
                digest = hashlib.sha256(body + (b"+auth" if good else b"")).hexdigest()
                etag = f'"{digest}"'
                extra.append(("ETag", etag))
            if answer.last_modified:
                last_modified = responses.http_date(answer.last_modified)
                extra.append(("Last-Modified", last_modified))
        if answer.location:
            extra.append(("Location", answer.location))
        if answer.link:
            extra.append(("Link", answer.link))
        not_modified = answer.status == 200 and responses.not_modified(
            req.headers, etag, last_modified
        )
        charged = resource is not None and not (not_modified and good)
        if charged and resource is not None:
            self.limits.charge(resource, 1, authenticated=good)
        rate = responses.rate_headers(self.limits, resource, good) if resource else []
        fault = None
        if not_modified:
            headers = [h for h in extra if h[0] != "Content-Type"]
            response = Response(
                304, [*responses.common_headers(self._rid(), good), *headers, *rate]
            )
        else:
            response, fault = self._shaped(req.path, answer.status, body, [*extra, *rate], good)
        return response, record(response.status, 1 if charged else 0, not_modified, fault)

    def _shaped(
        self, path: str, status: int, body: bytes, headers: list[tuple[str, str]], good: bool
    ) -> tuple[Response, str | None]:
        """A JSON response, with the body faults (truncated, malformed, slow) applied."""
        response = self._json(status, body, headers, good)
        fault = None
        if self.faults.take("truncated_next", path):
            response.truncate, fault = True, "truncated"
        elif self.faults.take("malformed_next", path):
            response.body, fault = body[: max(1, len(body) // 3)] + b"<html>oops", "malformed"
        if self.faults.slow_body > 0 and self.faults.applies(path):
            response.slow = self.faults.slow_body
        return response, fault

    def _graphql(self, req: Request, record: Any) -> tuple[Response, RequestRecord]:
        planned = graphql_api.plan(req.body)
        if isinstance(planned, tuple):
            status, payload = planned
            rate = responses.rate_headers(self.limits, "graphql", True)
            return self._json(status, payload, rate, True), record(status)
        points = planned.cost.points
        if not self.limits.charge("graphql", points, authenticated=True):
            limited = {
                "errors": [
                    {
                        "type": "RATE_LIMITED",
                        "code": "graphql_rate_limit",
                        "message": "API rate limit already exceeded for user ID 1.",
                    }
                ]
            }
            status = self.limits.graphql_limited_status
            headers = responses.rate_headers(self.limits, "graphql", True)
            return self._json(status, limited, headers, True), record(status)
        bucket = self.limits.bucket("graphql")
        figures = {
            "cost": points,
            "limit": bucket.limit,
            "remaining": bucket.remaining,
            "used": bucket.used,
            "resetAt": iso(bucket.reset),
            "nodeCount": planned.cost.nodes,
        }
        data, errors = execute(planned, Root(self.data, self.api_url, figures))
        answer: dict[str, Any] = {"data": data}
        if errors:
            answer["errors"] = errors
        body = json.dumps(answer, separators=(",", ":"), ensure_ascii=False).encode()
        response, fault = self._shaped(
            req.path, 200, body, responses.rate_headers(self.limits, "graphql", True), True
        )
        return response, record(200, points, fault=fault)

    def _rid(self) -> str:
        self._seq += 1
        return responses.request_id(self._seq)

    def _json(
        self, status: int, payload: Any, headers: list[tuple[str, str]], good: bool = False
    ) -> Response:
        return responses.json_response(status, payload, headers, self._rid(), good)
