"""Relay connections for the fake's GraphQL answers: ``totalCount``, ``nodes``, ``edges``,
``pageInfo`` and cursors, computed lazily (only what a query asks for)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from functools import cached_property
from typing import Any


def cursor(index: int) -> str:
    return base64.b64encode(f"cursor:{index}".encode()).decode()


def _offset(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(base64.b64decode(value).decode().partition(":")[2])
    except ValueError:
        return None


class Connection:
    """A Relay connection over ``rows`` (``totalCount`` may count more than is listed).

    Lazy: ``rows`` may be a function, called only when ``nodes``/``edges``/``pageInfo`` (or
    ``totalCount`` without ``total``) is asked; ``wrap`` turns a row into its node.
    """

    def __init__(
        self,
        rows: list[Any] | Callable[[], list[Any]],
        total: int | None = None,
        first: int | None = None,
        last: int | None = None,
        after: str | None = None,
        before: str | None = None,
        wrap: Callable[[Any], Any] | None = None,
        **counts: int,
    ) -> None:
        self._source, self._total, self._wrap = rows, total, wrap
        self._page = (first, last, after, before)
        for name, value in counts.items():
            setattr(self, name, value)

    @cached_property
    def _rows(self) -> list[Any]:
        return self._source() if callable(self._source) else self._source

    @cached_property
    def _window(self) -> tuple[int, int, list[tuple[int, Any]]]:
        first, last, after, before = self._page
        start, end = 0, len(self._rows)
        if (a := _offset(after)) is not None:
            start = a + 1
        if (b := _offset(before)) is not None:
            end = min(end, b)
        if first is not None:
            end = min(end, start + first)
        if last is not None:
            start = max(start, end - last)
        return start, end, list(enumerate(self._rows[start:end], start))

    def _node(self, row: Any) -> Any:
        return row if self._wrap is None else self._wrap(row)

    @property
    def totalCount(self) -> int:
        return len(self._rows) if self._total is None else self._total

    @property
    def nodes(self) -> list[Any]:
        return [self._node(row) for _, row in self._window[2]]

    @property
    def edges(self) -> list[dict[str, Any]]:
        return [{"node": self._node(row), "cursor": cursor(i)} for i, row in self._window[2]]

    @property
    def pageInfo(self) -> dict[str, Any]:
        start, end, window = self._window
        return {
            "hasNextPage": end < len(self._rows),
            "hasPreviousPage": start > 0,
            "startCursor": cursor(window[0][0]) if window else None,
            "endCursor": cursor(window[-1][0]) if window else None,
        }


def count_only(total: int) -> Connection:
    """A connection that only knows its ``totalCount`` (followers, watchers...)."""
    return Connection([], total)
