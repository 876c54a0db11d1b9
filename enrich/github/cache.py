"""The on-disk cache: REST validators (ETag/Last-Modified) and per-item freshness records.

Hand-written rather than hishel: enrich needs two things an HTTP cache does not give in one
place (a freshness record of *decoded figures* for GraphQL POSTs, which have no ETag, and
REST validators for conditional GETs), and storing only bodies and validators means no
request header, so no token, can ever reach a cache file.

Storage is a few *segment* files, not one file per entry: creating a file costs ~10 ms on
some file systems (1,300 items took 15 s that way). A run reads every segment of its API
host (newest entry wins), keeps what it learns in memory, and ``flush`` writes one new
segment (everything still young enough, through a temporary file and a rename) and deletes
the segments it read. Two runs sharing the directory each write their own segment, so
neither sees half a file and nothing is lost; the next run merges both. A corrupt or
foreign file is ignored with a warning (a corrupt segment of ours is removed by ``flush``).

Layout (``root`` defaults to ``.enrich-cache/``, which ignores itself via a ``.gitignore``)::

    root/v1/<host-hash>-<time>-<pid>-<random>.json
        {"format": "enrich-cache/1", "namespace": "<api url>",
         "rest": {"<url>": {"etag", "last_modified", "body", "stored_at"}},
         "items": {"<key>": {"kind", "name", "status", "figures", "stored_at", ...}}}
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from enrich.stats import FigureValue, Status

FORMAT = "enrich-cache/1"
DEFAULT_CACHE_DIR = Path(".enrich-cache")
MAX_AGE = 30 * 24 * 3600.0
"""Entries older than this are dropped when a segment is written (bounds the cache)."""


@dataclass(frozen=True, slots=True)
class RestEntry:
    """A stored REST answer: its body and the validators to revalidate it."""

    url: str
    body: str
    etag: str | None
    last_modified: str | None
    stored_at: float


@dataclass(frozen=True, slots=True)
class Record:
    """An item's decoded figures and when they were confirmed (epoch seconds)."""

    key: str
    kind: str
    name: str
    status: Status
    figures: Mapping[str, FigureValue] | None
    stored_at: float
    renamed_to: str | None = None
    error: str | None = None


def _rest_from(url: str, raw: Any) -> RestEntry:
    return RestEntry(
        url=url,
        body=str(raw["body"]),
        etag=raw.get("etag"),
        last_modified=raw.get("last_modified"),
        stored_at=float(raw["stored_at"]),
    )


def _record_from(key: str, raw: Any) -> Record:
    figures = raw.get("figures")
    return Record(
        key=key,
        kind=str(raw["kind"]),
        name=str(raw["name"]),
        status=Status(raw["status"]),
        figures=dict(figures) if isinstance(figures, dict) else None,
        stored_at=float(raw["stored_at"]),
        renamed_to=raw.get("renamed_to"),
        error=raw.get("error"),
    )


class DiskCache:
    """Segments under ``root``; ``root=None`` keeps everything in memory for the run."""

    def __init__(
        self,
        root: Path | None,
        *,
        namespace: str,
        warn: Callable[[str], None],
        clock: Callable[[], float] = time.time,
        max_age: float = MAX_AGE,
    ) -> None:
        self.namespace = namespace
        self._warn = warn
        self._clock = clock
        self._max_age = max_age
        self._prefix = hashlib.sha256(namespace.encode()).hexdigest()[:16]
        self.root: Path | None = None
        self._rest: dict[str, RestEntry] = {}
        self._records: dict[str, Record] = {}
        self._read: list[Path] = []
        self._corrupt: list[Path] = []
        self._dirty = False
        if root is not None:
            self._open(Path(root))

    # --- reading -----------------------------------------------------------------------

    def _open(self, root: Path) -> None:
        try:
            (root / "v1").mkdir(parents=True, exist_ok=True)
            ignore = root / ".gitignore"
            if not ignore.exists():
                _write(ignore, "# enrich's HTTP cache: never commit it\n*\n")
        except OSError as exc:
            self._warn(f"cache directory {root} is not usable ({exc}); caching in memory only")
            return
        self.root = root / "v1"
        for path in sorted(self.root.glob("*.json")):
            self._load_segment(path)

    def _load_segment(self, path: Path) -> None:
        ours = path.name.startswith(self._prefix + "-")
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return  # another run compacted it away meanwhile
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self._ignore(path, f"unreadable ({type(exc).__name__})", ours)
            return
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            self._ignore(path, "not an enrich cache file", ours)
            return
        if document.get("namespace") != self.namespace:
            return  # another API host's segment
        try:
            rest = {url: _rest_from(url, raw) for url, raw in document["rest"].items()}
            records = {key: _record_from(key, raw) for key, raw in document["items"].items()}
        except (KeyError, TypeError, ValueError, AttributeError):
            self._ignore(path, "malformed entries", ours)
            return
        for url, entry in rest.items():
            known = self._rest.get(url)
            if known is None or entry.stored_at >= known.stored_at:
                self._rest[url] = entry
        for key, record in records.items():
            old = self._records.get(key)
            if old is None or record.stored_at >= old.stored_at:
                self._records[key] = record
        if ours:
            self._read.append(path)

    def _ignore(self, path: Path, why: str, ours: bool) -> None:
        self._warn(f"ignoring cache file {path}: {why}")
        if ours:
            self._corrupt.append(path)

    def load_rest(self, url: str) -> RestEntry | None:
        """The stored answer for ``url``, if any."""
        return self._rest.get(url)

    def load_record(self, key: str) -> Record | None:
        """The last confirmed figures of one item, if any."""
        return self._records.get(key)

    def fresh_record(self, key: str, *, now: float, ttl: float) -> Record | None:
        """The item's record if it is younger than ``ttl`` seconds at ``now``: within it a
        run asks GitHub nothing. A record from the future (a clock set back) is not fresh."""
        record = self._records.get(key)
        if record is None or not 0 <= now - record.stored_at < ttl:
            return None
        return record

    # --- writing -----------------------------------------------------------------------

    def store_rest(self, entry: RestEntry) -> None:
        """Keep an answer that carries a validator (nothing to revalidate otherwise)."""
        if entry.etag is None and entry.last_modified is None:
            return
        self._rest[entry.url] = entry
        self._dirty = True

    def store_record(self, record: Record) -> None:
        """Remember an item's confirmed figures (or that it is missing)."""
        self._records[record.key] = record
        self._dirty = True

    def forget_record(self, key: str) -> None:
        """Drop an item's record after a failed fetch: its figures are no longer confirmed,
        so the next run asks again instead of settling it (as fresh) from the record."""
        if self._records.pop(key, None) is not None:
            self._dirty = True

    def flush(self) -> None:
        """Write one segment with every young-enough entry, then drop the segments read."""
        if self.root is None or not (self._dirty or self._corrupt):
            return
        oldest = self._clock() - self._max_age
        document = {
            "format": FORMAT,
            "namespace": self.namespace,
            "rest": {
                url: {
                    "body": e.body,
                    "etag": e.etag,
                    "last_modified": e.last_modified,
                    "stored_at": e.stored_at,
                }
                for url, e in sorted(self._rest.items())
                if e.stored_at >= oldest
            },
            "items": {
                key: {
                    "kind": r.kind,
                    "name": r.name,
                    "status": r.status.value,
                    "figures": dict(r.figures) if r.figures is not None else None,
                    "stored_at": r.stored_at,
                    "renamed_to": r.renamed_to,
                    "error": r.error,
                }
                for key, r in sorted(self._records.items())
                if r.stored_at >= oldest
            },
        }
        name = f"{self._prefix}-{time.time_ns()}-{os.getpid()}-{secrets.token_hex(4)}.json"
        try:
            _write(self.root / name, json.dumps(document, ensure_ascii=False))
        except OSError as exc:
            self._warn(f"cannot write the cache ({exc}); the next run starts cold")
            return
        for path in self._read + self._corrupt:
            with contextlib.suppress(OSError):
                path.unlink()
        self._read = [self.root / name]
        self._corrupt = []
        self._dirty = False


def _write(path: Path, text: str) -> None:
    """Temp file in the same directory + ``os.replace``: readers see old or new, never half.

    No fsync: a cache segment lost to a power cut is only a cold start.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
