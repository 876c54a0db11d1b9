"""``scan_text``/``scan_page``: every GitHub reference of a page, with its exact place."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable
from dataclasses import fields
from itertools import islice
from typing import Any

from enrich.page import BOM, Page, front_matter_span
from enrich.scan.classify import Target, classify
from enrich.scan.locate import locate
from enrich.scan.refs import Badge, Kind, Ref, SearchQuery

_CACHE_SIZE = 65536
_DESTINATIONS = frozenset({"link", "image", "definition"})
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_BATCH = 2048  # URLs located before they are classified and turned into Refs


def _ref_factory() -> Callable[..., Ref]:
    """A ``Ref`` constructor taking every field positionally, ~5x faster than ``Ref(...)``.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` by
    name (~2 µs a Ref, a tenth of a large page's scan). Instead, an instance of a plain class
    with exactly ``Ref``'s slots is filled by ordinary attribute stores, then becomes a
    ``Ref`` by ``__class__`` assignment, which CPython allows between classes of the same
    layout (it raises ``TypeError`` otherwise). The result is the same, equal object. The
    field list is checked against ``Ref`` so a new field fails loudly here instead of being
    left unset.
    """
    names = (
        *("kind", "url", "start", "end", "line", "column"),
        *("owner", "repo", "number", "query", "badge", "source"),
    )
    if tuple(field.name for field in fields(Ref)) != names or Ref.__slots__ != names:
        raise TypeError("Ref's fields changed: update enrich.scan.scanner._ref_factory")

    class Unfrozen:
        __slots__ = names

    def make(
        kind: Kind,
        url: str,
        start: int,
        end: int,
        line: int,
        column: int,
        owner: str | None,
        repo: str | None,
        number: int | None,
        query: SearchQuery | None,
        badge: Badge | None,
        source: str,
    ) -> Ref:
        ref: Any = Unfrozen()  # typed loosely: its slots are named at run time
        ref.kind = kind
        ref.url = url
        ref.start = start
        ref.end = end
        ref.line = line
        ref.column = column
        ref.owner = owner
        ref.repo = repo
        ref.number = number
        ref.query = query
        ref.badge = badge
        ref.source = source
        ref.__class__ = Ref
        return ref  # type: ignore[no-any-return]

    return make


_new_ref = _ref_factory()


def scan_page(page: Page) -> list[Ref]:
    """The references of a page read by ``enrich.page.read_page``, in document order."""
    fm = page.front_matter
    return _scan(page.text, page.body_start, (fm.start, fm.end) if fm is not None else None)


def scan_text(text: str) -> list[Ref]:
    """The references in a page's text, in document order. Never raises on odd input: an
    unterminated front matter block is read as Markdown."""
    span = front_matter_span(text)
    if span is not None:
        return _scan(text, span[1], span)
    return _scan(text, 1 if text.startswith(BOM) else 0, None)


def _scan(text: str, body_start: int, front_matter: tuple[int, int] | None) -> list[Ref]:
    # The scan makes no reference cycles, yet the growing list of Refs (tracked objects)
    # made the cyclic collector walk it again and again: ~10% of a large page's scan.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _scan_refs(text, body_start, front_matter)
    finally:
        if enabled:
            gc.enable()


def _scan_refs(text: str, body_start: int, front_matter: tuple[int, int] | None) -> list[Ref]:
    refs: list[Ref] = []
    # One classification per distinct URL, its URL string shared by the Refs that repeat it;
    # bounded, so a page of endless distinct URLs cannot grow it without limit.
    seen: dict[str, tuple[str, Target | None]] = {}
    line = 1
    line_start = counted = 0  # scanning only forward keeps long lines linear
    bom = text.startswith(BOM)
    spans = locate(text, body_start, front_matter)
    # Each step runs over a batch of URLs at a time, so that its code and tables stay in the
    # CPU's caches: locating, classifying and building one URL after the other was ~10% slower.
    while batch := list(islice(spans, _BATCH)):
        entries = _classify(text, batch, seen)
        for (start, end, source), (url, target) in zip(batch, entries, strict=True):
            if target is None:
                continue
            breaks = text.count("\n", counted, start)
            if breaks:
                line += breaks
                line_start = text.rfind("\n", counted, start) + 1
            counted = start
            column = start - line_start + 1
            if line == 1 and bom:
                column -= 1
            kind, owner, repo, number, query, badge = target
            refs.append(
                _new_ref(
                    kind, url, start, end, line, column, owner, repo, number, query, badge, source
                )
            )
    return refs


def _classify(
    text: str, batch: list[tuple[int, int, str]], seen: dict[str, tuple[str, Target | None]]
) -> list[tuple[str, Target | None]]:
    """``(url, target)`` of each span, classifying only the URLs ``seen`` does not hold."""
    entries: list[tuple[str, Target | None]] = []
    for start, end, source in batch:
        url = text[start:end]
        if "\\" in url and source in _DESTINATIONS:
            # A link destination's backslash escapes are undone (CommonMark), as written
            # elsewhere (an autolink) the backslash is part of the URL: not cached by url.
            entries.append((url, classify(_ESCAPED.sub(r"\1", url))))
            continue
        entry = seen.get(url)
        if entry is None:
            if len(seen) >= _CACHE_SIZE:
                seen.clear()
            entry = seen[url] = (url, classify(url))
        entries.append(entry)
    return entries
