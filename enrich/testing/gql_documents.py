"""Parsed and validated GraphQL documents, cached so a busy client never waits on parsing.

graphql-core takes ~0.4 s to parse and validate a 100-alias query here. Two caches avoid it:
by exact text, and by *shape*: the text with every string literal emptied. Validation never
depends on a string's content (a literal string is a valid ``String``/``ID``/custom scalar
whatever it says, and an invalid enum whatever it says), so queries that differ only in
repository names share one validated document; the executor then reads this request's
strings (``Bound.strings``, keyed by the id of the shared document's string nodes) and maps
error locations back to this request's text (``Bound.locate``). Block strings, or escapes
JSON cannot read, take the exact path. A shape with validation errors is re-validated
exactly, so messages quote the request's own text.
"""

from __future__ import annotations

import bisect
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphql import DocumentNode, GraphQLError, StringValueNode, Visitor, parse, validate, visit

from enrich.testing.gql_schema import format_error, github_schema

_CACHE_SIZE = 256
_TOKENS = re.compile(r'"""|"(?:[^"\\\n\r]|\\.)*"|#[^\n\r]*')


@dataclass
class Prepared:
    """A parsed document, its validation errors, its string nodes, a per-document cache."""

    document: DocumentNode | None
    errors: tuple[dict[str, Any], ...]
    string_nodes: list[StringValueNode] = field(default_factory=list)
    cache: dict[Any, Any] = field(default_factory=dict)
    """Anything derived from the document alone (collected fields, arguments, costs)."""


@dataclass
class Bound:
    """A prepared document as this request's text reads it."""

    prepared: Prepared
    strings: dict[int, str] = field(default_factory=dict)
    locate: Callable[[int], dict[str, int]] | None = None


class _LRU:
    def __init__(self) -> None:
        self.items: OrderedDict[str, Prepared] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Prepared | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key: str, value: Prepared) -> None:
        with self.lock:
            self.items[key] = value
            while len(self.items) > _CACHE_SIZE:
                self.items.popitem(last=False)


_exact = _LRU()
_shapes = _LRU()


def _build(text: str) -> Prepared:
    try:
        document = parse(text)
    except GraphQLError as exc:
        return Prepared(None, (format_error(exc),))
    errors = validate(github_schema(), document)
    return Prepared(document, tuple(format_error(e) for e in errors))


def _exactly(query: str) -> Bound:
    found = _exact.get(query)
    if found is None:
        found = _build(query)
        _exact.put(query, found)
    return Bound(found)


class _Strings(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[StringValueNode] = []

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        self.nodes.append(node)


def prepare(query: str, *, exact: bool = False) -> Bound:
    """The validated document for ``query``, from a cache when its text or shape is known.

    ``exact`` skips the shape cache: the document is ``query``'s own (graphql-core's
    executor, which knows nothing of ``Bound.strings``, needs that).
    """
    if exact:
        return _exactly(query)
    found = _exact.get(query)
    if found is not None:
        return Bound(found)
    pieces: list[str] = []
    values: list[str] = []
    spans: list[tuple[int, int]] = []  # (offset in the shape, growth of the real text)
    last, growth, shape_length = 0, 0, 0
    for match in _TOKENS.finditer(query):
        token = match.group()
        if token == '"""':  # noqa: S105 - a block string, not a secret
            return _exactly(query)
        if token.startswith("#"):
            continue
        if "\\" not in token:
            values.append(token[1:-1])
        else:
            try:
                values.append(json.loads(token))
            except ValueError:
                return _exactly(query)
        pieces.append(query[last : match.start()])
        shape_length += len(pieces[-1]) + 2
        growth += len(token) - 2
        spans.append((shape_length, growth))
        last = match.end()
    if not values:
        return _exactly(query)
    shape = '""'.join([*pieces, query[last:]])
    prepared = _shapes.get(shape)
    if prepared is None:
        prepared = _build(shape)
        if prepared.document is not None:
            collector = _Strings()
            visit(prepared.document, collector)
            prepared.string_nodes = sorted(collector.nodes, key=_start)
        _shapes.put(shape, prepared)
    if prepared.errors or len(prepared.string_nodes) != len(values):
        return _exactly(query)
    strings = {id(node): value for node, value in zip(prepared.string_nodes, values, strict=True)}
    return Bound(prepared, strings, _locator(query, spans))


def _start(node: StringValueNode) -> int:
    return node.loc.start if node.loc else 0


def _locator(query: str, spans: list[tuple[int, int]]) -> Callable[[int], dict[str, int]]:
    ends = [end for end, _ in spans]

    def locate(shape_offset: int) -> dict[str, int]:
        i = bisect.bisect_right(ends, shape_offset)
        offset = shape_offset + (spans[i - 1][1] if i else 0)
        line = query.count("\n", 0, offset) + 1
        return {"line": line, "column": offset - (query.rfind("\n", 0, offset) + 1) + 1}

    return locate
