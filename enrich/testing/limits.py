"""Primary and secondary rate limits, per resource, as GitHub documents them.

Primary ("Rate limits for the REST API" / "for the GraphQL API"): a fixed window per resource,
separate for authenticated and unauthenticated callers (all tokens share one authenticated
budget). Defaults are github.com's: core 5,000/h with a token and 60/h without; search 30/min
and 10/min; GraphQL 5,000 points/h (unauthenticated GraphQL is refused anyway). Secondary:
at most ``max_in_flight`` concurrent requests, and at most ``rest_points_per_minute`` per REST
endpoint (``graphql_points_per_minute`` for GraphQL) in a rolling minute. Every number can be
changed at any time, from a test (``set_remaining``) or over HTTP (``POST /_fake/limits``).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

RESOURCES = ("core", "search", "graphql")
HOUR, MINUTE = 3600.0, 60.0


@dataclass
class Bucket:
    """One resource's window: ``limit`` per ``window`` seconds, ``used`` so far."""

    limit: int
    window: float
    used: int = 0
    reset: float = 0.0

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    def roll(self, now: float) -> None:
        if now >= self.reset:
            self.used = 0
            self.reset = float(math.ceil(now + self.window))


class Limits:
    """The limits a ``FakeGitHub`` enforces; thread-safe, every figure configurable."""

    def __init__(
        self,
        *,
        core: int = 5000,
        search: int = 30,
        graphql: int = 5000,
        core_unauthenticated: int = 60,
        search_unauthenticated: int = 10,
        graphql_unauthenticated: int = 0,
        max_in_flight: int = 100,
        rest_points_per_minute: int = 900,
        graphql_points_per_minute: int = 2000,
        retry_after: int | None = 60,
        limited_status: int = 403,
        secondary_status: int = 403,
        graphql_limited_status: int = 200,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.clock = clock
        self.max_in_flight = max_in_flight
        self.rest_points_per_minute = rest_points_per_minute
        self.graphql_points_per_minute = graphql_points_per_minute
        self.retry_after = retry_after
        """Seconds in a secondary limit's ``Retry-After``; ``None`` leaves the header out, as
        GitHub sometimes does (the client must then wait a minute on its own)."""
        self.limited_status = limited_status
        """403 (GitHub's usual answer) or 429, for an exhausted primary limit."""
        self.secondary_status = secondary_status
        self.graphql_limited_status = graphql_limited_status
        """HTTP status of a ``RATE_LIMITED`` GraphQL answer (GitHub: 200 or 403)."""
        self._lock = threading.Lock()
        self._buckets: dict[tuple[bool, str], Bucket] = {
            (True, "core"): Bucket(core, HOUR),
            (True, "search"): Bucket(search, MINUTE),
            (True, "graphql"): Bucket(graphql, HOUR),
            (False, "core"): Bucket(core_unauthenticated, HOUR),
            (False, "search"): Bucket(search_unauthenticated, MINUTE),
            (False, "graphql"): Bucket(graphql_unauthenticated, HOUR),
        }
        self._minute: dict[str, tuple[deque[tuple[float, int]], list[int]]] = {}

    def bucket(self, resource: str, *, authenticated: bool = True) -> Bucket:
        """The (rolled) bucket; read its ``limit``/``used``/``remaining``/``reset``."""
        with self._lock:
            found = self._buckets[(authenticated, resource)]
            found.roll(self.clock())
            return found

    def set_remaining(self, resource: str, remaining: int, *, authenticated: bool = True) -> None:
        """Make ``remaining`` requests (points) left in the current window."""
        bucket = self.bucket(resource, authenticated=authenticated)
        with self._lock:
            bucket.used = max(0, bucket.limit - remaining)

    def set_limit(self, resource: str, limit: int, *, authenticated: bool = True) -> None:
        bucket = self.bucket(resource, authenticated=authenticated)
        with self._lock:
            bucket.limit = limit

    def set_reset(self, resource: str, reset: float, *, authenticated: bool = True) -> None:
        """Move the end of the current window (epoch seconds)."""
        bucket = self.bucket(resource, authenticated=authenticated)
        with self._lock:
            bucket.reset = reset

    def charge(self, resource: str, points: int, *, authenticated: bool) -> bool:
        """Spend ``points``; False (and nothing spent) when fewer remain."""
        bucket = self.bucket(resource, authenticated=authenticated)
        with self._lock:
            if bucket.remaining < max(points, 1):
                return False
            bucket.used += points
            return True

    def exhausted(self, resource: str, *, authenticated: bool) -> bool:
        return self.bucket(resource, authenticated=authenticated).remaining <= 0

    def over_minute(self, endpoint: str, points: int) -> bool:
        """Count ``points`` against ``endpoint``'s rolling minute; True when over budget."""
        budget = (
            self.graphql_points_per_minute if endpoint == "graphql" else self.rest_points_per_minute
        )
        now = self.clock()
        with self._lock:
            window, total = self._minute.setdefault(endpoint, (deque(), [0]))
            while window and now - window[0][0] >= MINUTE:
                total[0] -= window.popleft()[1]
            if total[0] + points > budget:
                return True
            window.append((now, points))
            total[0] += points
            return False

    def reset_all(self) -> None:
        """Full budgets again, new windows."""
        with self._lock:
            for bucket in self._buckets.values():
                bucket.used, bucket.reset = 0, 0.0
            self._minute.clear()

    def snapshot(self) -> dict[str, dict[str, dict[str, int]]]:
        """Every bucket as ``{"authenticated"|"unauthenticated": {resource: {...}}}``."""
        out: dict[str, dict[str, dict[str, int]]] = {}
        for auth in (True, False):
            side = out.setdefault("authenticated" if auth else "unauthenticated", {})
            for resource in RESOURCES:
                b = self.bucket(resource, authenticated=auth)
                side[resource] = {
                    "limit": b.limit,
                    "used": b.used,
                    "remaining": b.remaining,
                    "reset": int(b.reset),
                }
        return out
