"""The disk cache: segments, two runs sharing a directory, corrupt or foreign files ignored."""

from __future__ import annotations

import json
import time
from pathlib import Path

from enrich.github.cache import DiskCache, Record, RestEntry
from enrich.stats import Status

API = "https://api.example.test"
NOW = time.time()


def cache(root: Path, warnings: list[str] | None = None, namespace: str = API) -> DiskCache:
    return DiskCache(
        root, namespace=namespace, warn=(warnings if warnings is not None else []).append
    )


def record(key: str, stored_at: float = NOW, **figures: object) -> Record:
    return Record(key, key.split(":")[0], key.split(":")[1], Status.FRESH, dict(figures), stored_at)


def segments(root: Path) -> list[Path]:
    return sorted((root / "v1").glob("*.json"))


def test_round_trip_through_one_segment(tmp_path: Path) -> None:
    first = cache(tmp_path)
    first.store_rest(RestEntry("https://x/repos/o/r", '{"a": 1}', '"etag1"', None, NOW))
    first.store_record(record("repo:o/r", stars=3))
    first.flush()
    assert len(segments(tmp_path)) == 1
    second = cache(tmp_path)
    entry = second.load_rest("https://x/repos/o/r")
    assert entry is not None
    assert entry.etag == '"etag1"'
    assert entry.body == '{"a": 1}'
    got = second.load_record("repo:o/r")
    assert got is not None
    assert got.figures == {"stars": 3}
    assert (tmp_path / ".gitignore").read_text().strip().endswith("*")


def test_nothing_new_writes_nothing(tmp_path: Path) -> None:
    first = cache(tmp_path)
    first.store_record(record("user:a"))
    first.flush()
    before = segments(tmp_path)
    again = cache(tmp_path)
    again.flush()
    assert segments(tmp_path) == before


def test_two_runs_sharing_the_directory_lose_nothing(tmp_path: Path) -> None:
    base = cache(tmp_path)
    base.store_record(record("user:a", NOW + 1, followers=1))
    base.flush()
    run_a, run_b = cache(tmp_path), cache(tmp_path)  # both read the same segment
    run_a.store_record(record("user:a", NOW + 5, followers=5))
    run_b.store_record(record("user:b", NOW + 6, followers=6))
    run_a.flush()
    run_b.flush()
    merged = cache(tmp_path)
    a, b = merged.load_record("user:a"), merged.load_record("user:b")
    assert a is not None
    assert a.figures == {"followers": 5}
    assert b is not None
    assert b.figures == {"followers": 6}
    merged.store_record(record("user:c", NOW + 7))
    merged.flush()
    assert len(segments(tmp_path)) == 1  # compacted


def test_an_answer_without_validators_is_not_stored(tmp_path: Path) -> None:
    store = cache(tmp_path)
    store.store_rest(RestEntry("https://x/search/issues?q=a", "{}", None, None, 1.0))
    assert store.load_rest("https://x/search/issues?q=a") is None


def test_another_api_host_does_not_read_these_entries(tmp_path: Path) -> None:
    store = cache(tmp_path)
    store.store_record(record("user:a"))
    store.flush()
    assert (
        cache(tmp_path, namespace="https://ghe.example.test/api/v3").load_record("user:a") is None
    )


def test_corrupt_and_foreign_files_are_ignored_with_a_warning(tmp_path: Path) -> None:
    store = cache(tmp_path)
    store.store_record(record("user:a", followers=1))
    store.flush()
    (ours,) = segments(tmp_path)
    torn = ours.with_name(ours.name.replace(".json", "-torn.json"))
    torn.write_bytes(ours.read_bytes()[:40])
    foreign = tmp_path / "v1" / "notes.json"
    foreign.write_text(json.dumps({"something": "else"}))
    (tmp_path / "v1" / "binary.json").write_bytes(b"\x00\xff")
    warnings: list[str] = []
    fresh = cache(tmp_path, warnings)
    got = fresh.load_record("user:a")
    assert got is not None
    assert got.figures == {"followers": 1}
    assert len(warnings) == 3
    assert all("ignoring cache file" in w for w in warnings)
    fresh.flush()
    assert not torn.exists()  # our own corrupt segment is cleaned up
    assert foreign.exists()  # someone else's file is left alone


def test_old_entries_are_dropped_when_writing(tmp_path: Path) -> None:
    store = DiskCache(tmp_path, namespace=API, warn=print, clock=lambda: 100.0, max_age=50.0)
    store.store_record(record("user:old", 10.0))
    store.store_record(record("user:new", 90.0))
    store.flush()
    again = cache(tmp_path)
    assert again.load_record("user:old") is None
    assert again.load_record("user:new") is not None


def test_an_unusable_directory_degrades_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    warnings: list[str] = []
    store = cache(blocker, warnings)
    store.store_record(record("user:a"))
    store.flush()
    assert store.load_record("user:a") is not None
    assert warnings
    assert "memory only" in warnings[0]
    assert not list(tmp_path.rglob("*.tmp"))
