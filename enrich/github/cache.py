"""The on-disk cache: REST validators (ETag/Last-Modified) and per-item freshness records.

Hand-written rather than hishel: enrich needs two things an HTTP cache does not give in one
place (a freshness record of *decoded figures* for GraphQL POSTs, which have no ETag, and
REST validators for conditional GETs), and storing only the body and validators means no
request header, so no token, can ever reach a cache file. One file per entry, written to a
temporary file and renamed, so two runs sharing the directory never see half an entry; a
corrupt or foreign file is ignored with a warning and overwritten on the next store.

Layout (``root`` defaults to ``.enrich-cache/``, which ignores itself via a ``.gitignore``)::

    root/v1/rest/<sha256>.json    {"format", "url", "etag", "last_modified", "body", "stored_at"}
    root/v1/items/<sha256>.json   {"format", "key", "kind", "name", "status", "figures", ...}

The hash covers the API base URL, so a GitHub Enterprise host never reads github.com's entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cachetools import TTLCache

from enrich.stats import FigureValue, Status

FORMAT = "enrich-cache/1"
DEFAULT_CACHE_DIR = Path(".enrich-cache")


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


class DiskCache:
    """Per-entry JSON files under ``root``; ``root=None`` disables the disk (memory only)."""

    def __init__(
        self,
        root: Path | None,
        *,
        namespace: str,
        warn: Callable[[str], None],
        memory_ttl: float = 3600.0,
    ) -> None:
        self.root = Path(root) / "v1" if root is not None else None
        self.namespace = namespace
        self._warn = warn
        self._warned: set[str] = set()
        self._memory: TTLCache[str, Record] = TTLCache(maxsize=65536, ttl=max(memory_ttl, 1.0))
        if root is not None:
            self._init_root(Path(root))

    def _init_root(self, root: Path) -> None:
        try:
            for sub in ("rest", "items"):
                (root / "v1" / sub).mkdir(parents=True, exist_ok=True)
            ignore = root / ".gitignore"
            if not ignore.exists():
                _write(ignore, "# enrich's HTTP cache: never commit it\n*\n")
        except OSError as exc:
            self._warn(f"cache directory {root} is not usable ({exc}); caching in memory only")
            self.root = None

    def _path(self, sub: str, ident: str) -> Path | None:
        if self.root is None:
            return None
        digest = hashlib.sha256(f"{self.namespace}\n{ident}".encode()).hexdigest()
        return self.root / sub / f"{digest}.json"

    def _read(self, path: Path | None, field: str, ident: str) -> dict[str, Any] | None:
        if path is None:
            return None
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self._ignore(path, f"unreadable ({type(exc).__name__})")
            return None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            self._ignore(path, "not an enrich cache entry")
            return None
        if document.get(field) != ident:
            return None  # another entry's file (a hash collision or a copied file): a miss
        return document

    def _ignore(self, path: Path, why: str) -> None:
        if str(path) not in self._warned:
            self._warned.add(str(path))
            self._warn(f"ignoring cache file {path}: {why}")

    def _store(self, path: Path | None, document: dict[str, Any]) -> None:
        if path is None:
            return
        try:
            _write(path, json.dumps(document, sort_keys=True, ensure_ascii=False))
        except OSError as exc:
            self._ignore(path, f"cannot write it ({exc})")

    def load_rest(self, url: str) -> RestEntry | None:
        """The stored answer for ``url``, if a valid one exists."""
        document = self._read(self._path("rest", url), "url", url)
        if document is None:
            return None
        try:
            return RestEntry(
                url=url,
                body=str(document["body"]),
                etag=document.get("etag"),
                last_modified=document.get("last_modified"),
                stored_at=float(document["stored_at"]),
            )
        except (KeyError, TypeError, ValueError):
            self._ignore(self._path("rest", url) or Path(), "malformed entry")
            return None

    def store_rest(self, entry: RestEntry) -> None:
        """Keep an answer that carries a validator (nothing to revalidate otherwise)."""
        if entry.etag is None and entry.last_modified is None:
            return
        document = {
            "format": FORMAT,
            "url": entry.url,
            "body": entry.body,
            "etag": entry.etag,
            "last_modified": entry.last_modified,
            "stored_at": entry.stored_at,
        }
        self._store(self._path("rest", entry.url), document)

    def load_record(self, key: str) -> Record | None:
        """The last confirmed figures of one item (memory first, then disk)."""
        cached = self._memory.get(key)
        if cached is not None:
            return cached
        path = self._path("items", key)
        document = self._read(path, "key", key)
        if document is None:
            return None
        try:
            figures = document.get("figures")
            record = Record(
                key=key,
                kind=str(document["kind"]),
                name=str(document["name"]),
                status=Status(document["status"]),
                figures=dict(figures) if isinstance(figures, dict) else None,
                stored_at=float(document["stored_at"]),
                renamed_to=document.get("renamed_to"),
                error=document.get("error"),
            )
        except (KeyError, TypeError, ValueError):
            self._ignore(path or Path(), "malformed entry")
            return None
        self._memory[key] = record
        return record

    def store_record(self, record: Record) -> None:
        """Remember an item's confirmed figures (or that it is missing)."""
        self._memory[record.key] = record
        document = {
            "format": FORMAT,
            "key": record.key,
            "kind": record.kind,
            "name": record.name,
            "status": record.status.value,
            "figures": dict(record.figures) if record.figures is not None else None,
            "stored_at": record.stored_at,
            "renamed_to": record.renamed_to,
            "error": record.error,
        }
        self._store(self._path("items", record.key), document)


def _write(path: Path, text: str) -> None:
    """Temp file in the same directory + ``os.replace``: readers see old or new, never half.

    No fsync: a cache entry lost to a power cut is only a cache miss.
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
