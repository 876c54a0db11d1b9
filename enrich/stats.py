"""The stats file: every figure enrich knows, the one source of truth render reads.

Schema (version 1), JSON with sorted keys and two-space indent so diffs stay small::

    {
      "schema": 1,
      "items": {
        "repo:pytorch/pytorch": {              # Ref.key: canonical, case-folded
          "kind": "repo",                      # repo | user | search | pull | issue
          "name": "pytorch/pytorch",           # GitHub's canonical spelling
          "status": "fresh",                   # fresh | stale | missing | renamed
          "renamed_to": "owner/new",           # only when status is "renamed"
          "error": "HTTP 502 ...",             # only when the last attempt failed
          "figures": {
            "stars": {"value": 98123, "fetched_at": "2026-11-25T09:00:00Z"},
            ...
          }
        }
      }
    }

A figure's ``fetched_at`` is when that value was first fetched: it does not move while
GitHub keeps answering the same value, so an unchanged refresh leaves the file unchanged
(a commit only when a figure changed). Whether the last run read an item from the network
or from a cache is run output, not stored state. Merging never drops a known figure: an
item whose fetch failed keeps its last figures and is marked ``stale`` (or ``missing``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from enrich.errors import StatsFileError
from enrich.fsio import write_atomic

SCHEMA_VERSION = 1
NULLABLE = frozenset({"description", "language", "language_color", "license", "merged_at"})
"""Figures GitHub may answer as null (a description removed, no licence, a PR not merged):
a fetched null replaces the known value. Any other figure is never replaced by nothing."""

FigureValue = int | float | str | bool | list[str] | None


class Status(StrEnum):
    """The state of an item's figures after the last refresh."""

    FRESH = "fresh"
    """The last attempt confirmed these figures (from the network or a valid cache)."""
    STALE = "stale"
    """The last attempt failed; the figures are the last known good ones."""
    MISSING = "missing"
    """GitHub answered 404 or 451; the figures are the last known good ones, if any."""
    RENAMED = "renamed"
    """The page links to an old name; figures are those of ``renamed_to``."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure and when that value was first fetched (ISO 8601, UTC, ``Z``)."""

    value: FigureValue
    fetched_at: str


@dataclass(frozen=True, slots=True)
class Item:
    """Everything known about one referenced thing (a repo, user, search, PR or issue)."""

    kind: str
    name: str
    status: Status = Status.FRESH
    figures: Mapping[str, Figure] = field(default_factory=dict)
    renamed_to: str | None = None
    error: str | None = None

    def value(self, figure: str) -> FigureValue:
        """A figure's value, ``None`` when unknown."""
        known = self.figures.get(figure)
        return None if known is None else known.value


@dataclass(frozen=True, slots=True)
class Stats:
    """A whole stats file: items by key."""

    items: Mapping[str, Item] = field(default_factory=dict)

    def get(self, key: str) -> Item | None:
        return self.items.get(key)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one refresh learnt about one item, the input to ``merge``.

    ``figures`` is ``None`` when the attempt failed; ``status`` then says how
    (``stale`` for a transient failure, ``missing`` for 404/451).
    """

    kind: str
    name: str
    status: Status
    figures: Mapping[str, FigureValue] | None = None
    renamed_to: str | None = None
    error: str | None = None


def utc_now_iso(now: datetime | None = None) -> str:
    """An ISO 8601 UTC timestamp to the second, as stored in the file."""
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


def merge(previous: Stats, outcomes: Mapping[str, Outcome], *, now: str) -> Stats:
    """Fold one refresh into the previous snapshot without losing a known figure.

    Items not refreshed this time are kept as they were. A successful outcome replaces
    figure values (a null only for ``NULLABLE`` figures, which GitHub says are now empty);
    an unchanged value keeps its original ``fetched_at``. A failed outcome
    keeps every previous figure and records the status and error; a transient failure
    (stale) also keeps a known rename, which it says nothing about.
    """
    items = dict(previous.items)
    for key, outcome in outcomes.items():
        old = items.get(key)
        old_figures: Mapping[str, Figure] = old.figures if old is not None else {}
        if outcome.figures is None:
            renamed_to = outcome.renamed_to
            if renamed_to is None and old is not None and outcome.status is Status.STALE:
                renamed_to = old.renamed_to
            items[key] = Item(
                kind=outcome.kind,
                name=old.name if old is not None else outcome.name,
                status=outcome.status,
                figures=dict(old_figures),
                renamed_to=renamed_to,
                error=outcome.error,
            )
            continue
        figures = dict(old_figures)
        for name, value in outcome.figures.items():
            before = old_figures.get(name)
            if before is not None and before.value == value:
                continue
            if value is None and before is not None and name not in NULLABLE:
                continue  # never replace a known figure with nothing
            figures[name] = Figure(value=value, fetched_at=now)
        items[key] = Item(
            kind=outcome.kind,
            name=outcome.name,
            status=outcome.status,
            figures=figures,
            renamed_to=outcome.renamed_to,
            error=outcome.error,
        )
    return replace(previous, items=items)


def to_json(stats: Stats) -> str:
    """The file's text: sorted keys, two-space indent, final newline."""
    items: dict[str, Any] = {}
    for key, item in stats.items.items():
        entry: dict[str, Any] = {
            "kind": item.kind,
            "name": item.name,
            "status": item.status.value,
            "figures": {
                name: {"value": fig.value, "fetched_at": fig.fetched_at}
                for name, fig in item.figures.items()
            },
        }
        if item.renamed_to is not None:
            entry["renamed_to"] = item.renamed_to
        if item.error is not None:
            entry["error"] = item.error
        items[key] = entry
    document = {"schema": SCHEMA_VERSION, "items": items}
    return _indented(document, 0) + "\n"


def _indented(value: Any, level: int) -> str:
    """``json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)``, byte for byte.

    The standard library drops to its pure-Python encoder whenever ``indent`` is set, which
    took over a second for a 1,300-item file; this walks the (small, known) shapes directly
    and leaves scalars to the C string encoder.
    """
    if isinstance(value, str):
        return _encode_str(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad = "\n" + "  " * (level + 1)
        inner = ("," + pad).join(
            f"{_encode_str(str(key))}: {_indented(value[key], level + 1)}" for key in sorted(value)
        )
        return "{" + pad + inner + "\n" + "  " * level + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        pad = "\n" + "  " * (level + 1)
        inner = ("," + pad).join(_indented(item, level + 1) for item in value)
        return "[" + pad + inner + "\n" + "  " * level + "]"
    if isinstance(value, int) and not isinstance(value, bool):
        return int.__repr__(value)
    return json.dumps(value)  # None, booleans, floats (NaN and infinities as json spells them)


_encode_str: Callable[[str], str] = json.encoder.encode_basestring


def from_json(text: str, *, path: Path | str = "<stats>") -> Stats:
    """Parse a stats file's text; a clear ``StatsFileError`` for anything else."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StatsFileError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno) from exc
    if not isinstance(document, dict) or document.get("schema") != SCHEMA_VERSION:
        found = document.get("schema") if isinstance(document, dict) else None
        raise StatsFileError(
            f"not an enrich stats file of schema {SCHEMA_VERSION} (schema: {found!r})", path=path
        )
    raw_items = document.get("items")
    if not isinstance(raw_items, dict):
        raise StatsFileError('"items" must be an object', path=path)
    items: dict[str, Item] = {}
    for key, raw in raw_items.items():
        try:
            items[key] = _item(raw)
        except ValueError as exc:
            at = text.find(json.dumps(key, ensure_ascii=False) + ":")
            line = text.count("\n", 0, at) + 1 if at >= 0 else None
            raise StatsFileError(f"item {key!r}: {exc}", path=path, line=line) from None
    return Stats(items=items)


def _item(raw: object) -> Item:
    """One item of the file (``ValueError`` saying what is wrong with it)."""
    if not isinstance(raw, dict):
        raise ValueError("must be an object")
    for name in ("kind", "name"):
        if not isinstance(raw.get(name), str):
            raise ValueError(f'needs a "{name}" string')
    status = raw.get("status", "fresh")
    if status not in Status.__members__.values():
        known = ", ".join(s.value for s in Status)
        raise ValueError(f'"status" {status!r} is not one of {known}')
    raw_figures = raw.get("figures", {})
    if not isinstance(raw_figures, dict):
        raise ValueError('"figures" must be an object')
    figures = {}
    for name, fig in raw_figures.items():
        if not isinstance(fig, dict) or "value" not in fig or "fetched_at" not in fig:
            raise ValueError(f'figure {name!r} needs "value" and "fetched_at"')
        figures[name] = Figure(value=fig["value"], fetched_at=str(fig["fetched_at"]))
    for name in ("renamed_to", "error"):
        if raw.get(name) is not None and not isinstance(raw[name], str):
            raise ValueError(f'"{name}" must be a string')
    return Item(
        kind=raw["kind"],
        name=raw["name"],
        status=Status(status),
        figures=figures,
        renamed_to=raw.get("renamed_to"),
        error=raw.get("error"),
    )


def load(path: Path) -> Stats:
    """Read a stats file; a missing file is an empty snapshot."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return Stats()
    except (OSError, UnicodeDecodeError) as exc:
        raise StatsFileError(f"cannot read the stats file ({exc})", path=path) from exc
    return from_json(text, path=path)


def save(path: Path, stats: Stats) -> bool:
    """Write the stats file atomically; ``False`` (and no write) when nothing changed."""
    text = to_json(stats)
    try:
        if Path(path).read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    write_atomic(Path(path), text.encode("utf-8"))
    return True
