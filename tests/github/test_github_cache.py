"""The disk cache: per-entry files, corrupt or foreign files ignored with a warning."""

from __future__ import annotations

import json
from pathlib import Path

from enrich.github.cache import DiskCache, Record, RestEntry
from enrich.stats import Status


def cache(
    root: Path, warnings: list[str], namespace: str = "https://api.example.test"
) -> DiskCache:
    return DiskCache(root, namespace=namespace, warn=warnings.append)


def test_round_trip_and_a_new_instance_reads_the_files(tmp_path: Path) -> None:
    warnings: list[str] = []
    first = cache(tmp_path, warnings)
    first.store_rest(RestEntry("https://x/repos/o/r", '{"a": 1}', '"etag1"', None, 10.0))
    first.store_record(Record("repo:o/r", "repo", "o/r", Status.FRESH, {"stars": 3}, 10.0))
    second = cache(tmp_path, warnings)
    entry = second.load_rest("https://x/repos/o/r")
    assert entry is not None
    assert entry.etag == '"etag1"'
    assert entry.body == '{"a": 1}'
    record = second.load_record("repo:o/r")
    assert record is not None
    assert record.figures == {"stars": 3}
    assert warnings == []
    assert (tmp_path / ".gitignore").read_text().strip().endswith("*")


def test_an_answer_without_validators_is_not_stored(tmp_path: Path) -> None:
    store = cache(tmp_path, [])
    store.store_rest(RestEntry("https://x/search/issues?q=a", "{}", None, None, 1.0))
    assert store.load_rest("https://x/search/issues?q=a") is None


def test_another_api_host_does_not_read_these_entries(tmp_path: Path) -> None:
    cache(tmp_path, []).store_record(Record("user:a", "user", "a", Status.FRESH, {}, 1.0))
    assert (
        cache(tmp_path, [], namespace="https://ghe.example.test/api/v3").load_record("user:a")
        is None
    )


def test_corrupt_and_foreign_files_are_ignored_with_one_warning(tmp_path: Path) -> None:
    warnings: list[str] = []
    store = cache(tmp_path, warnings)
    store.store_record(Record("user:a", "user", "a", Status.FRESH, {"followers": 1}, 1.0))
    store.store_rest(RestEntry("https://x/u", "{}", '"e"', None, 1.0))
    record_file = next((tmp_path / "v1" / "items").glob("*.json"))
    rest_file = next((tmp_path / "v1" / "rest").glob("*.json"))
    record_file.write_bytes(b"\x00\xff not json")
    rest_file.write_text(json.dumps({"something": "else"}))
    fresh = cache(tmp_path, warnings)
    assert fresh.load_record("user:a") is None
    assert fresh.load_record("user:a") is None
    assert fresh.load_rest("https://x/u") is None
    assert len(warnings) == 2
    assert all("ignoring cache file" in w for w in warnings)
    # the next store overwrites the bad file
    fresh.store_record(Record("user:a", "user", "a", Status.FRESH, {"followers": 2}, 2.0))
    again = cache(tmp_path, [])
    record = again.load_record("user:a")
    assert record is not None
    assert record.figures == {"followers": 2}


def test_an_unusable_directory_degrades_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    warnings: list[str] = []
    store = cache(blocker, warnings)
    store.store_record(Record("user:a", "user", "a", Status.FRESH, {}, 1.0))
    assert store.load_record("user:a") is not None
    assert warnings
    assert "memory only" in warnings[0]


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    store = cache(tmp_path, [])
    for i in range(20):
        store.store_record(Record(f"user:u{i}", "user", f"u{i}", Status.FRESH, {}, 1.0))
    assert not list(tmp_path.rglob("*.tmp"))
    assert len(list((tmp_path / "v1" / "items").glob("*.json"))) == 20
