"""Fault injection: what a flaky network and a struggling GitHub do to a client.

``Faults`` is mutable while the server runs (from a test, or ``POST /_fake/faults``). The
``*_next`` fields are one-shot: each request that a fault hits uses one up, in this order:
``reset_next``, ``fail_next``, ``secondary_next``, then (after the answer is computed)
``incomplete_next`` (REST search answers only), ``truncated_next`` and ``malformed_next``.
``latency`` and ``slow_body`` apply to every request. With ``match`` set (a regular
expression searched in the path), only matching requests are touched.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, fields


@dataclass
class Faults:
    """What goes wrong, and for which requests (see the module docstring for the order)."""

    latency: float = 0.0
    """Seconds to wait before answering each request."""
    fail_next: list[int] = field(default_factory=list)
    """Statuses for the next requests, one each (e.g. ``[502, 503]``); nothing is charged."""
    reset_next: int = 0
    """The next N requests: the connection is closed without a response."""
    malformed_next: int = 0
    """The next N answers: the body is not valid JSON (status and headers as usual)."""
    truncated_next: int = 0
    """The next N answers: half the body is sent, then the connection is closed."""
    secondary_next: int = 0
    """The next N requests: a secondary rate limit answer (403/429 with Retry-After)."""
    incomplete_next: int = 0
    """The next N REST search answers: ``incomplete_results: true`` and a ``total_count`` cut
    to a third, as when GitHub's search times out (FACTS.md: the count may then be low)."""
    slow_body: float = 0.0
    """Seconds over which each body is dribbled out in small pieces."""
    match: str | None = None
    """A regular expression: when set, faults only apply to paths it is found in."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def applies(self, path: str) -> bool:
        return self.match is None or re.search(self.match, path) is not None

    def take(self, name: str, path: str) -> bool | int:
        """Use up one ``name`` fault for ``path``: the status for ``fail_next``, else True."""
        if not self.applies(path):
            return False
        with self._lock:
            if name == "fail_next":
                return self.fail_next.pop(0) if self.fail_next else False
            count = getattr(self, name)
            if count <= 0:
                return False
            setattr(self, name, count - 1)
            return True

    def update(self, values: dict[str, object]) -> None:
        """Set fields from a JSON object (the admin endpoint); unknown names are an error."""
        unknown = set(values) - set(FAULT_NAMES)
        if unknown:
            raise KeyError(f"unknown fault(s): {sorted(unknown)}")
        with self._lock:
            for key, value in values.items():
                setattr(self, key, list(value) if key == "fail_next" else value)  # type: ignore[call-overload]

    def clear(self) -> None:
        """Every fault back to its default: nothing goes wrong."""
        fresh = Faults()
        self.update({name: getattr(fresh, name) for name in FAULT_NAMES})


FAULT_NAMES = tuple(f.name for f in fields(Faults) if not f.name.startswith("_"))
"""The fields ``POST /_fake/faults`` sets and reads (every public field of ``Faults``)."""
