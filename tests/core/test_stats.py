"""The stats file: merge keeps known figures, the file round-trips and is stable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from enrich import stats
from enrich.errors import StatsFileError
from enrich.stats import Figure, Item, Outcome, Stats, Status

T0 = "2026-11-24T09:00:00Z"
T1 = "2026-11-25T09:00:00Z"


def snapshot() -> Stats:
    return Stats(
        items={
            "repo:pytorch/pytorch": Item(
                kind="repo",
                name="pytorch/pytorch",
                figures={"stars": Figure(96200, T0), "forks": Figure(26000, T0)},
            )
        }
    )


def test_unchanged_value_keeps_its_fetched_at() -> None:
    outcome = Outcome("repo", "pytorch/pytorch", Status.FRESH, {"stars": 96200, "forks": 26001})
    merged = stats.merge(snapshot(), {"repo:pytorch/pytorch": outcome}, now=T1)
    figures = merged.items["repo:pytorch/pytorch"].figures
    assert figures["stars"] == Figure(96200, T0)
    assert figures["forks"] == Figure(26001, T1)


def test_failed_item_keeps_every_figure_and_says_why() -> None:
    outcome = Outcome("repo", "pytorch/pytorch", Status.STALE, None, error="HTTP 502")
    merged = stats.merge(snapshot(), {"repo:pytorch/pytorch": outcome}, now=T1)
    item = merged.items["repo:pytorch/pytorch"]
    assert item.status is Status.STALE
    assert item.error == "HTTP 502"
    assert item.figures == snapshot().items["repo:pytorch/pytorch"].figures


def test_none_never_replaces_a_known_figure() -> None:
    outcome = Outcome("repo", "pytorch/pytorch", Status.FRESH, {"stars": None})
    merged = stats.merge(snapshot(), {"repo:pytorch/pytorch": outcome}, now=T1)
    assert merged.items["repo:pytorch/pytorch"].value("stars") == 96200


def test_a_null_github_answers_replaces_only_a_nullable_figure() -> None:
    before = stats.merge(
        snapshot(),
        {
            "repo:pytorch/pytorch": Outcome(
                "repo",
                "pytorch/pytorch",
                Status.FRESH,
                {"description": "Tensors", "license": "BSD-3-Clause"},
            )
        },
        now=T1,
    )
    outcome = Outcome(
        "repo",
        "pytorch/pytorch",
        Status.FRESH,
        {"description": None, "license": None, "stars": None},
    )
    merged = stats.merge(before, {"repo:pytorch/pytorch": outcome}, now=T1)
    item = merged.items["repo:pytorch/pytorch"]
    assert item.value("description") is None  # the description was removed on GitHub
    assert item.value("license") is None
    assert item.value("stars") == 96200


def test_items_not_refreshed_are_kept() -> None:
    outcome = Outcome("user", "yewentao256", Status.FRESH, {"followers": 312})
    merged = stats.merge(snapshot(), {"user:yewentao256": outcome}, now=T1)
    assert set(merged.items) == {"repo:pytorch/pytorch", "user:yewentao256"}


def test_round_trip_and_stable_text() -> None:
    text = stats.to_json(snapshot())
    assert stats.to_json(stats.from_json(text)) == text
    assert text.endswith("}\n")
    assert json.loads(text)["schema"] == stats.SCHEMA_VERSION


def test_save_writes_only_on_change(tmp_path: Path) -> None:
    path = tmp_path / "data" / "stats.json"
    assert stats.save(path, snapshot()) is True
    assert stats.save(path, snapshot()) is False
    assert stats.load(path) == snapshot()


def test_missing_file_is_empty() -> None:
    assert stats.load(Path("/nonexistent/enrich/stats.json")) == Stats()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{not json", "not valid JSON"),
        ('{"schema": 99, "items": {}}', "schema: 99"),
        ('{"schema": 1, "items": []}', '"items" must be an object'),
        ('{"schema": 1, "items": {"repo:a/b": {"kind": "repo"}}}', 'needs a "name" string'),
    ],
)
def test_bad_files_name_the_file(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "stats.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StatsFileError) as excinfo:
        stats.load(path)
    assert str(path) in str(excinfo.value)
    assert fragment in str(excinfo.value)


def test_a_transient_failure_keeps_a_known_rename_and_a_404_drops_it() -> None:
    renamed = Outcome("repo", "pytorch/torch2", Status.RENAMED, {"stars": 96300}, "pytorch/torch2")
    before = stats.merge(snapshot(), {"repo:pytorch/pytorch": renamed}, now=T1)
    assert before.items["repo:pytorch/pytorch"].renamed_to == "pytorch/torch2"
    outage = Outcome("repo", "pytorch/pytorch", Status.STALE, None, error="HTTP 502")
    during = stats.merge(before, {"repo:pytorch/pytorch": outage}, now=T1)
    assert during.items["repo:pytorch/pytorch"].renamed_to == "pytorch/torch2"
    assert (
        during.items["repo:pytorch/pytorch"].figures == before.items["repo:pytorch/pytorch"].figures
    )
    gone = Outcome("repo", "pytorch/pytorch", Status.MISSING, None, error="HTTP 404")
    after = stats.merge(before, {"repo:pytorch/pytorch": gone}, now=T1)
    assert after.items["repo:pytorch/pytorch"].renamed_to is None


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda item: item["figures"]["stars"].pop("value"), "figure 'stars' needs \"value\""),
        (lambda item: item.update(status="weird"), "\"status\" 'weird' is not one of fresh"),
        (lambda item: item.pop("kind"), 'needs a "kind" string'),
        (lambda item: item.update(figures=[1]), '"figures" must be an object'),
        (lambda item: item.update(error=7), '"error" must be a string'),
    ],
)
def test_a_hand_edited_item_is_one_line_naming_file_line_and_fault(edit: Any, message: str) -> None:
    document = json.loads(stats.to_json(snapshot()))
    edit(document["items"]["repo:pytorch/pytorch"])
    text = json.dumps(document, indent=2, sort_keys=True)
    line = text[: text.index('"repo:pytorch/pytorch":')].count("\n") + 1
    with pytest.raises(StatsFileError) as caught:
        stats.from_json(text, path="s.json")
    assert str(caught.value).startswith(f"s.json:{line}: item 'repo:pytorch/pytorch': ")
    assert message in str(caught.value)
